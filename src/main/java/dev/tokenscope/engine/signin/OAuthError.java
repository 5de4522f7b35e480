package dev.tokenscope.engine.signin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.text.SafeText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OAuth 2.0 error answer (RFC 6749 §5.2 from the token endpoint, §4.1.2.1 from a redirect), with Entra's
 * additions: {@code error_codes}, {@code correlation_id}, {@code trace_id}, {@code timestamp}; and the catalogue
 * entries of its AADSTS codes.
 *
 * @param httpStatus the token endpoint's status, 0 for an error redirect
 * @param errorCodes AADSTS numbers: {@code error_codes}, else those named in the description
 */
@JsonPropertyOrder({"httpStatus", "error", "errorDescription", "errorCodes", "correlationId", "traceId", "timestamp", "errorUri",
        "suberror", "explanations"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OAuthError(int httpStatus, String error, String errorDescription, List<Long> errorCodes, String correlationId,
                         String traceId, String timestamp, String errorUri, String suberror) {
    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d{4,9})");

    public OAuthError {
        errorCodes = errorCodes == null ? List.of() : List.copyOf(errorCodes);
    }

    /** The error in a token-endpoint answer, if the body is a JSON object with {@code error}. */
    public static Optional<OAuthError> fromResponse(int status, byte[] body) {
        if (body == null || body.length == 0) return Optional.empty();
        JsonNode n;
        try {
            n = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (n == null || !n.isObject() || !n.hasNonNull("error")) return Optional.empty();
        String description = text(n, "error_description");
        Set<Long> codes = new LinkedHashSet<>();
        JsonNode ec = n.get("error_codes");
        if (ec != null && ec.isArray()) ec.forEach(x -> {
            if (x.canConvertToLong()) codes.add(x.asLong());
        });
        if (codes.isEmpty()) codes.addAll(codesIn(description));
        return Optional.of(new OAuthError(status, text(n, "error"), description, new ArrayList<>(codes), text(n, "correlation_id"),
                text(n, "trace_id"), text(n, "timestamp"), text(n, "error_uri"), text(n, "suberror")));
    }

    /** The error of a redirect's query ({@code error}, {@code error_description}, …), null when it has none. */
    public static OAuthError fromRedirect(Map<String, String> query) {
        String error = query.get("error");
        if (error == null) return null;
        String description = query.get("error_description");
        List<Long> codes = new ArrayList<>();
        String ec = query.get("error_codes");
        if (ec != null) for (String c : ec.replaceAll("[\\[\\]\\s]", "").split(",")) {
            if (c.matches("\\d{1,12}")) codes.add(Long.parseLong(c));
        }
        if (codes.isEmpty()) codes.addAll(codesIn(description));
        return new OAuthError(0, error, description, codes, query.get("correlation_id"), query.get("trace_id"), query.get("timestamp"),
                query.get("error_uri"), query.get("suberror"));
    }

    static List<Long> codesIn(String text) {
        List<Long> out = new ArrayList<>();
        if (text == null) return out;
        Matcher m = AADSTS.matcher(text);
        while (m.find()) {
            long c = Long.parseLong(m.group(1));
            if (!out.contains(c)) out.add(c);
        }
        return out;
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.isTextual() ? v.asText() : v.toString();
    }

    /** The catalogue entries of this error's AADSTS codes (unknown codes are skipped). */
    public List<AadstsCatalogue.Entry> explanations() {
        List<AadstsCatalogue.Entry> out = new ArrayList<>();
        for (long c : errorCodes) AadstsCatalogue.get().lookup(c).ifPresent(out::add);
        return out;
    }

    /** The first line of the description (Entra appends trace id, correlation id and timestamp on later lines). */
    public String shortDescription() {
        if (errorDescription == null) return null;
        String first = errorDescription.split("\\r?\\n", 2)[0].strip();
        return first.isEmpty() ? errorDescription.strip() : first;
    }

    /** One line: {@code invalid_client: AADSTS7000218: The request body must contain …}. */
    public String summary() {
        String d = shortDescription();
        return d == null ? error : error + ": " + d;
    }

    /**
     * Several lines for a terminal or a ticket: fields, then each known AADSTS code with its explanation and fix. The
     * server's fields are escaped ({@link SafeText#line}): a response can't drive the terminal or fake a line.
     */
    public String render() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append("  error: ").append(SafeText.line(error)).append(httpStatus > 0 ? " (HTTP " + httpStatus + ")" : " (in the redirect)")
                .append(nl);
        if (errorDescription != null) sb.append("  description: ").append(SafeText.line(shortDescription())).append(nl);
        if (!errorCodes.isEmpty()) sb.append("  error codes: ")
                .append(String.join(", ", errorCodes.stream().map(c -> "AADSTS" + c).toList())).append(nl);
        if (suberror != null) sb.append("  suberror: ").append(SafeText.line(suberror)).append(nl);
        if (correlationId != null) sb.append("  correlation id: ").append(SafeText.line(correlationId)).append(nl);
        if (traceId != null) sb.append("  trace id: ").append(SafeText.line(traceId)).append(nl);
        if (timestamp != null) sb.append("  timestamp: ").append(SafeText.line(timestamp)).append(nl);
        if (errorUri != null) sb.append("  more: ").append(SafeText.line(errorUri)).append(nl);
        for (AadstsCatalogue.Entry e : explanations()) {
            sb.append(nl).append("  AADSTS").append(e.code()).append(e.name().isEmpty() ? "" : " " + e.name()).append(": ")
                    .append(e.summary()).append(nl);
            sb.append("    Why: ").append(e.explanation()).append(nl);
            sb.append("    Fix: ").append(e.fix()).append(nl);
        }
        for (long c : errorCodes) {
            if (AadstsCatalogue.get().lookup(c).isEmpty()) {
                sb.append(nl).append("  AADSTS").append(c).append(" is not in Tokenscope's catalogue: look it up at https://login.microsoftonline.com/error?code=")
                        .append(c).append(nl);
            }
        }
        return sb.toString();
    }
}
