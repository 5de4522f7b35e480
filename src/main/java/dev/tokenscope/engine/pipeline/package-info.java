/**
 * The one validation pipeline ({@code Pipeline}): the ordered checks both {@code inspect} and {@code verify} run, with the
 * stages and declared reads that let the batch reuse outcomes without restating a rule.
 */
package dev.tokenscope.engine.pipeline;
