/**
 * What a token is judged against: the API's expectations (audience, issuer, tenants, permissions, clock skew,
 * offline keys), as the user, an API configuration or the CLI's options state them. Below both the checks and the
 * trust chain, which read it.
 */
package dev.tokenscope.engine.profile;
