package dev.tokenscope.engine.snippets;

import java.util.List;

/**
 * The validation rules a snippet is pre-filled with, worked out from the inspected token and the API profile.
 *
 * @param metadataUrl    the OpenID metadata document the API should read its keys from (by the token's version; the
 *                       profile's --metadata URL wins)
 * @param issuer         the exact issuer to require, or null when {@code issuerTemplate} applies
 * @param issuerTemplate a multi-tenant issuer template with {tenantid} (filled with the token's tid), or null
 * @param tenants        allowed tenants (multi-tenant; empty = any tenant)
 * @param audiences      accepted audiences
 * @param algorithms     accepted signature algorithms (never taken from the token at run time)
 * @param skewSeconds    allowed clock skew
 * @param tokenVersion   "1.0" or "2.0" (or null when the token has no ver)
 * @param scopes         required delegated scopes (all)
 * @param roles          required app roles (all)
 * @param description    what the snippet was generated for, for its header comment
 * @param notes          caveats worth a comment (Graph token, ID token, no metadata …)
 */
public record SnippetSettings(String metadataUrl, String issuer, String issuerTemplate, List<String> tenants, List<String> audiences,
                              List<String> algorithms, long skewSeconds, String tokenVersion, List<String> scopes, List<String> roles,
                              String description, List<String> notes) {
    public SnippetSettings {
        tenants = List.copyOf(tenants);
        audiences = List.copyOf(audiences);
        algorithms = List.copyOf(algorithms);
        scopes = List.copyOf(scopes);
        roles = List.copyOf(roles);
        notes = List.copyOf(notes);
    }

    public boolean multiTenant() {
        return issuerTemplate != null;
    }
}
