/**
 * Signature verification behind one interface ({@code SignatureVerifier}): the native provider where it loads, the
 * JDK or nimbus elsewhere; and the JWS algorithms Tokenscope accepts ({@code Algorithms.ALLOWED}).
 */
package dev.tokenscope.engine.crypto;
