/**
 * The trust chain: issuer metadata and key sets from the issuer's published {@code jwks_uri} (or a file the user
 * chose, never a token's own header), key matching, the signature step, and SAML federation metadata.
 */
package dev.tokenscope.engine.trust;
