package dev.tokenscope.engine.signin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The endpoints of an authority, read from its OpenID discovery document.
 *
 * @param deviceAuthorizationEndpoint null when the provider has none (B2C, most test providers)
 * @param codeChallengeMethods        empty when the document does not say
 */
public record ProviderMetadata(String issuer, String authorizationEndpoint, String tokenEndpoint, String deviceAuthorizationEndpoint,
                               String jwksUri, List<String> codeChallengeMethods, List<String> grantTypes) {
    public ProviderMetadata {
        codeChallengeMethods = codeChallengeMethods == null ? List.of() : List.copyOf(codeChallengeMethods);
        grantTypes = grantTypes == null ? List.of() : List.copyOf(grantTypes);
    }

    /**
     * Reads a discovery document. Entra documents have no {@code device_authorization_endpoint} in some clouds and
     * versions; for Entra and External ID it is then derived from the token endpoint ({@code …/oauth2/v2.0/devicecode}).
     */
    static ProviderMetadata parse(JsonNode doc, Authority authority, String url) throws SignInException {
        if (doc == null || !doc.isObject()) {
            throw new SignInException(SignInException.Kind.DISCOVERY, "the discovery document at " + url + " is not a JSON object");
        }
        String token = text(doc, "token_endpoint");
        String authz = text(doc, "authorization_endpoint");
        if (token == null) {
            throw new SignInException(SignInException.Kind.DISCOVERY, "the discovery document at " + url + " has no token_endpoint");
        }
        String device = text(doc, "device_authorization_endpoint");
        if (device == null && (authority.kind() == Authority.Kind.ENTRA || authority.kind() == Authority.Kind.EXTERNAL_ID)
                && token.endsWith("/oauth2/v2.0/token")) {
            device = token.substring(0, token.length() - "token".length()) + "devicecode";
        }
        return new ProviderMetadata(text(doc, "issuer"), authz, token, device, text(doc, "jwks_uri"),
                list(doc, "code_challenge_methods_supported"), list(doc, "grant_types_supported"));
    }

    private static String text(JsonNode doc, String field) {
        JsonNode n = doc.get(field);
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    private static List<String> list(JsonNode doc, String field) {
        List<String> out = new ArrayList<>();
        JsonNode n = doc.get(field);
        if (n != null && n.isArray()) n.forEach(x -> {
            if (x.isTextual()) out.add(x.asText());
        });
        return out;
    }
}
