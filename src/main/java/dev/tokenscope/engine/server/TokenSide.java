package dev.tokenscope.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.entra.TokenFacts;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the report knows about the token, read for a server finding: claim values, the step's verdict. */
final class TokenSide {
    private final Report report;
    private final JsonNode claims;
    private final JsonNode header;

    TokenSide(Report report) {
        this.report = report;
        this.claims = report.token() == null ? null : report.token().claims();
        this.header = report.token() == null ? null : report.token().header();
    }

    Report report() {
        return report;
    }

    String claim(String name) {
        JsonNode v = claims == null ? null : claims.get(name);
        if (v == null || v.isNull()) return null;
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(e -> parts.add(e.asText()));
            return String.join(", ", parts);
        }
        return v.asText();
    }

    String headerValue(String name) {
        JsonNode v = header == null ? null : header.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    List<String> audiences() {
        List<String> out = new ArrayList<>();
        JsonNode aud = claims == null ? null : claims.get("aud");
        if (aud != null && aud.isTextual()) out.add(aud.asText());
        else if (aud != null && aud.isArray()) aud.forEach(a -> { if (a.isTextual()) out.add(a.asText()); });
        return out;
    }

    Instant time(String claim) {
        JsonNode v = claims == null ? null : claims.get(claim);
        return v != null && v.isIntegralNumber() && v.canConvertToLong() ? Instant.ofEpochSecond(v.asLong()) : null;
    }

    boolean idToken() {
        return report.token() != null && TokenFacts.Type.ID_TOKEN.label().equals(report.token().type());
    }

    String clientId() {
        return claim("azp") != null ? claim("azp") : claim("appid");
    }

    Optional<Step> step(String id) {
        return id == null ? Optional.empty() : report.step(id);
    }

    Instant evaluatedAt() {
        return ServerTimes.parse(report.evaluatedAt());
    }

    /** The token's values that matter for {@code step}, under "token.…", and the report's step under "tokenscope.…". */
    Map<String, Object> values(String step) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (report.token() == null) return v;
        if (report.token().type() != null) v.put("token.type", report.token().type());
        List<String> names = switch (step == null ? "" : step) {
            case "audience" -> List.of("aud", "azp", "appid", "ver");
            case "issuer", "version" -> List.of("iss", "tid", "ver");
            case "tenant" -> List.of("tid", "iss");
            case "client" -> List.of("azp", "appid");
            case "permissions" -> List.of("scp", "roles", "xms_cc", "acrs");
            default -> List.of();
        };
        for (String n : names) if (claim(n) != null) v.put("token." + n, claim(n));
        if (step != null && (step.equals("lifetime"))) {
            for (String n : List.of("exp", "nbf", "iat")) if (time(n) != null) v.put("token." + n, time(n).toString());
            v.put("tokenscope.evaluatedAt", report.evaluatedAt());
        }
        if (step != null && List.of("keys", "key-match", "signature", "algorithm", "format", "token-type").contains(step)) {
            for (String n : List.of("kid", "x5t", "alg", "typ")) if (headerValue(n) != null) v.put("token." + n, headerValue(n));
            if (report.key() != null && report.key().source() != null) v.put("tokenscope.keySource", report.key().source());
        }
        step(step).ifPresent(s -> {
            v.put("tokenscope.status", s.status().json());
            if (!s.detail().isEmpty()) v.put("tokenscope.detail", s.detail());
        });
        return v;
    }

    /** Tokenscope's verdict on the step the server named, as a sentence; PASS/WARN answers are disagreements. */
    String verdict(String stepId, String disagreementReasons) {
        Optional<Step> s = step(stepId);
        if (s.isEmpty()) return "";
        Step st = s.get();
        String detail = st.detail().isEmpty() ? "" : " (" + st.detail() + ")";
        return switch (st.status()) {
            case FAIL -> "Tokenscope agrees: its " + stepId + " check failed too" + detail + ".";
            case WARN -> "Tokenscope's " + stepId + " check only warned" + detail + ", so the server is stricter here. "
                    + disagreementReasons;
            case PASS -> "Tokenscope disagrees: its " + stepId + " check passed" + detail + ". Likely reasons: " + disagreementReasons;
            case SKIP, INFO -> "Tokenscope did not judge this" + detail
                    + (st.status() == Status.INFO ? "" : "; give it what it lacks to compare") + ".";
        };
    }
}
