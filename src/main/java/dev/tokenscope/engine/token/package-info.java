/**
 * Decoding: a compact JWS/JWE or opaque token into its header, claims, signature and the problems found, with one
 * strictness for every caller.
 */
package dev.tokenscope.engine.token;
