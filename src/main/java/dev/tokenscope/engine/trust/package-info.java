/**
 * The trust chain's sources: issuer metadata and key sets from the issuer's published {@code jwks_uri} (or a file the
 * user chose, never a token's own header) resolved into an immutable {@code ResolvedTrust}, key matching and its
 * views, and SAML federation metadata. The steps that judge them are in {@code check}.
 */
package dev.tokenscope.engine.trust;
