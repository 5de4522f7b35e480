package dev.tokenscope.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns WWW-Authenticate challenges into findings: the RFC 6750 error with its description (each catalogued phrase of the
 * description a finding of its own), the Entra/ARM hints as values, and a CAE claims challenge decoded.
 */
final class ChallengeReader {
    static final String SOURCE = "www-authenticate";
    static final int MAX_CLAIMS = 64 * 1024;

    private ChallengeReader() {
    }

    /** Reads a header value; true when it held a challenge. */
    static boolean read(String value, EvidenceBuilder out) {
        List<WwwAuthenticateParser.Challenge> challenges = WwwAuthenticateParser.parse(value);
        boolean any = false;
        for (WwwAuthenticateParser.Challenge c : challenges) {
            if (!c.bearer()) continue;
            any = true;
            out.form(SOURCE);
            read(c, out);
        }
        return any;
    }

    private static void read(WwwAuthenticateParser.Challenge c, EvidenceBuilder out) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("scheme", c.scheme());
        c.params().forEach((k, v) -> {
            if (!k.equals("error") && !k.equals("error_description")) values.put(k, v);
        });
        String error = c.param("error");
        String description = c.param("error_description");
        if (error == null) {
            out.add(new ServerEvidence.Item("bearer-challenge", SOURCE, null, Texts.cut(c.text(), 2000), values));
            return;
        }
        if (error.equalsIgnoreCase("insufficient_claims") && c.param("claims") != null) decodeClaims(c.param("claims"), values);
        TextScanner.described(error, description == null || description.isBlank() ? c.text() : description, values, SOURCE, out);
    }

    /**
     * The claims parameter as MSAL reads it: base64 when its length is a multiple of four and it has no white space, else
     * as given; then JSON. The decoded request goes under "claims", the text under "claimsRaw", a failure under "claimsError".
     */
    static void decodeClaims(String raw, Map<String, Object> values) {
        values.remove("claims");
        values.put("claimsRaw", Texts.cut(raw, 2000));
        if (raw.length() > MAX_CLAIMS) {
            values.put("claimsError", "the claims value is longer than " + MAX_CLAIMS + " characters");
            return;
        }
        String json = raw.trim();
        if (!json.startsWith("{")) {
            byte[] bytes = null;
            if (raw.length() % 4 == 0 && raw.chars().noneMatch(Character::isWhitespace)) {
                try {
                    bytes = Base64.getDecoder().decode(raw);
                } catch (IllegalArgumentException e) {
                    try {
                        bytes = Base64.getUrlDecoder().decode(raw);
                    } catch (IllegalArgumentException ignored) {
                        // not base64 either: kept raw
                    }
                }
            }
            if (bytes == null) {
                values.put("claimsError", "the claims value is not base64 (MSAL would pass it on as it is)");
                return;
            }
            json = new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            JsonNode n = Json.parse(json);
            if (!n.isObject()) {
                values.put("claimsError", "the decoded claims value is not a JSON object");
                return;
            }
            values.put("claims", n);
        } catch (Exception e) {
            values.put("claimsError", "the decoded claims value is not JSON");
        }
    }
}
