package dev.tokenscope.engine.har;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A request to an identity provider seen in the capture: an {@code /authorize} request (the start of a sign-in) or
 * a token request (a form post with {@code grant_type}). Values that are secrets (codes, verifiers, assertions) are
 * never kept; the nonce and state are kept in memory only, to pair ID tokens with the request that asked for them.
 *
 * @param entry        0-based HAR entry
 * @param kind         "authorize" or "token"
 * @param host         the identity provider's host ("login.microsoftonline.com")
 * @param clientId     client_id, or null
 * @param responseType response_type of an authorize request ("code", "id_token token" …), or null
 * @param grantType    grant_type of a token request ("authorization_code", "client_credentials" …), or null
 * @param pkce         whether an authorize request sent a code_challenge (a token request: a code_verifier)
 * @param nonce        the authorize request's nonce (not serialised), or null
 * @param state        the authorize request's state (not serialised), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HarSignIn(int entry, String kind, String host, String clientId, String responseType, String grantType, boolean pkce,
                        @JsonIgnore String nonce, @JsonIgnore String state) {

    public boolean authorize() {
        return "authorize".equals(kind);
    }

    /** "auth code + PKCE", "implicit flow", "hybrid flow + PKCE", "client credentials" …, or null when unknown. */
    public String flow() {
        if (authorize()) {
            String rt = responseType == null ? "" : " " + responseType.replace('+', ' ') + " ";
            boolean code = rt.contains(" code "), tokens = rt.contains(" id_token ") || rt.contains(" token ");
            String f = code && tokens ? "hybrid flow" : code ? "auth code" : tokens ? "implicit flow" : null;
            if (f == null) return pkce ? "PKCE" : null;
            return code && pkce ? f + " + PKCE" : f;
        }
        if (grantType == null) return null;
        return switch (grantType) {
            case "authorization_code" -> pkce ? "auth code + PKCE" : "auth code";
            case "client_credentials" -> "client credentials";
            case "refresh_token" -> "refresh token";
            case "urn:ietf:params:oauth:grant-type:device_code", "device_code" -> "device code";
            case "urn:ietf:params:oauth:grant-type:jwt-bearer" -> "on-behalf-of";
            case "password" -> "password (ROPC)";
            default -> grantType;
        };
    }
}
