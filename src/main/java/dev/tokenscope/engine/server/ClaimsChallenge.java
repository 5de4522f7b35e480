package dev.tokenscope.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.json.Json;

/** Explains a CAE / Conditional Access claims challenge ({@code error="insufficient_claims"} with a base64 {@code claims}). */
final class ClaimsChallenge {
    private ClaimsChallenge() {
    }

    static String explain(ServerEvidence.Item item, TokenSide token) {
        StringBuilder b = new StringBuilder();
        Object c = item.values().get("claims");
        if (c instanceof JsonNode claims) {
            JsonNode at = claims.path("access_token");
            b.append("The decoded claims request is ").append(Json.compact(claims)).append('.');
            if (at.has("nbf")) {
                b.append(" It asks for a token issued after ").append(at.path("nbf").path("value").asText("?"))
                        .append(": Continuous Access Evaluation learnt of an event (the user was disabled, changed or reset the password, "
                                + "moved to another network or location, or the session was revoked) after this token was issued, "
                                + "so the token is revoked although it has not expired. Tokenscope cannot see this offline.");
            }
            if (at.has("acrs")) {
                b.append(" It asks for the Conditional Access authentication context ").append(at.path("acrs").path("value").asText("?"))
                        .append(" (a step-up such as MFA for this operation).");
                if (token != null) {
                    b.append(" The token's acrs is ").append(token.claim("acrs") == null ? "absent" : token.claim("acrs")).append('.');
                }
            }
        } else if (item.values().get("claimsError") != null) {
            b.append("The claims value could not be decoded: ").append(item.values().get("claimsError")).append('.');
        } else {
            b.append("The challenge carries no claims value.");
        }
        b.append(" The client must re-acquire the token with these claims (MSAL: WithClaims / claims in the token request) and retry; "
                + "it must declare the 'cp1' client capability (MSAL: WithClientCapabilities([\"cp1\"])), "
                + "which Entra echoes in the token's xms_cc claim when the API asks for that optional claim.");
        if (token != null) {
            String cc = token.claim("xms_cc");
            b.append(cc == null
                    ? " This token has no xms_cc: the client did not declare cp1, or the API does not request the xms_cc optional claim."
                    : cc.contains("cp1") ? " This token's xms_cc is " + cc + ": the client declared cp1, so it can answer the challenge."
                    : " This token's xms_cc is " + cc + ", without cp1.");
        }
        return b.toString();
    }
}
