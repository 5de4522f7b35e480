/**
 * Batch verification ({@code tokenscope verify}): lines in, one verdict per line out, on all cores, caching around
 * the Inspector's pipeline and never restating a rule.
 */
package dev.tokenscope.engine.batch;
