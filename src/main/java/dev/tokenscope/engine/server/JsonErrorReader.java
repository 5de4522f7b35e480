package dev.tokenscope.engine.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON error bodies: OAuth/RFC 6750 ({@code {"error":"invalid_token","error_description":…}}, Entra's token endpoint with
 * AADSTS codes, trace and correlation ids), ARM/Graph ({@code {"error":{"code":"InvalidAuthenticationToken","message":…}}}),
 * ASP.NET Core ProblemDetails ({@code type/title/status/detail}), Spring Boot's default error body
 * ({@code timestamp/status/error/path}) and API Management's {@code {"statusCode":401,"message":…}}.
 */
final class JsonErrorReader {
    static final String SOURCE = "json-error";

    private JsonErrorReader() {
    }

    /** Reads the JSON value at the start of {@code text}; true when it was an error body. Trailing text is ignored. */
    static boolean read(String text, EvidenceBuilder out) {
        return consume(text, out) >= 0;
    }

    /**
     * Reads the JSON value at the start of {@code text} and returns how many characters it took, or -1 when there is no JSON
     * error there (not JSON, or JSON that is no error body).
     */
    static int consume(String text, EvidenceBuilder out) {
        JsonNode n;
        int end;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(text)) {
            n = Json.MAPPER.readTree(p);
            end = (int) Math.min(text.length(), Math.max(0, p.currentLocation().getCharOffset()));
        } catch (Exception e) { // not JSON, or too deep, too long: not a JSON error body
            return -1;
        }
        if (n == null || !n.isObject()) return -1;
        return read(n, out) ? end : -1;
    }

    static boolean read(JsonNode n, EvidenceBuilder out) {
        JsonNode error = n.get("error");
        Integer status = number(n, "status") != null ? number(n, "status") : number(n, "statusCode");
        if (error != null && error.isObject() && error.path("code").isTextual()) { // ARM, Graph
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("shape", "arm");
            strings(error.path("innerError"), values);
            strings(error.path("innererror"), values);
            begin(out, status);
            TextScanner.described(error.get("code").asText(), text(error, "message"), values, SOURCE, out);
            return true;
        }
        if (error != null && error.isTextual() && status != null && (n.has("path") || n.has("timestamp"))) { // Spring Boot default
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("shape", "spring-default");
            values.put("status", status);
            values.put("reason", error.asText());
            if (n.path("path").isTextual()) values.put("path", n.get("path").asText());
            begin(out, status);
            String message = text(n, "message");
            TextScanner.described("http-" + status, message == null || message.isBlank() ? status + " " + error.asText() : message,
                    values, SOURCE, out);
            return true;
        }
        if (error != null && error.isTextual()) { // OAuth / RFC 6750 / Entra token endpoint
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("shape", "oauth");
            for (String k : new String[]{"error_uri", "error_codes", "timestamp", "trace_id", "correlation_id", "suberror", "claims"}) {
                JsonNode v = n.get(k);
                if (v != null && !v.isNull()) values.put(k, v.isTextual() ? v.asText() : v);
            }
            if (n.path("claims").isTextual() && error.asText().equalsIgnoreCase("insufficient_claims")) {
                values.remove("claims");
                ChallengeReader.decodeClaims(n.get("claims").asText(), values);
            }
            begin(out, status);
            TextScanner.described(error.asText(), text(n, "error_description"), values, SOURCE, out);
            return true;
        }
        String detail = text(n, "detail") != null ? text(n, "detail") : text(n, "message");
        if (status != null && (detail != null || n.path("title").isTextual())) { // ProblemDetails, API Management
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("shape", n.has("title") || n.has("type") ? "problem-details" : "status-message");
            values.put("status", status);
            for (String k : new String[]{"title", "type", "traceId", "instance"}) {
                if (n.path(k).isTextual()) values.put(k, n.get(k).asText());
            }
            begin(out, status);
            TextScanner.described("http-" + status, detail != null ? detail : text(n, "title"), values, SOURCE, out);
            return true;
        }
        return false;
    }

    private static void begin(EvidenceBuilder out, Integer status) {
        out.form(SOURCE);
        out.status(status);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static Integer number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v != null && v.canConvertToInt() && v.isIntegralNumber()) return v.asInt();
        if (v != null && v.isTextual() && v.asText().length() == 3 && v.asText().chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(v.asText());
        }
        return null;
    }

    private static void strings(JsonNode n, Map<String, Object> values) {
        if (!n.isObject()) return;
        n.fields().forEachRemaining(f -> {
            if (f.getValue().isTextual()) values.put(f.getKey(), Texts.cut(f.getValue().asText(), 500));
        });
    }
}
