/**
 * Signature verification for the batch path: the native provider where it loads, the JDK elsewhere, behind the
 * standard JCA API.
 */
package dev.tokenscope.engine.crypto;
