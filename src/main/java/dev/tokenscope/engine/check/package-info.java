/**
 * The validation checks, one small class per rule, each adding steps and diagnoses to a {@code CheckContext}: the
 * header's, the trust chain's (metadata, keys, key match, signature: they read the resolved {@code trust} state) and
 * the claims'.
 */
package dev.tokenscope.engine.check;
