package dev.tokenscope.engine.har;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What a server answered when it refused a request that carried a token (401 or 403): kept raw, so that a parser of
 * {@code WWW-Authenticate} texts can explain it later.
 *
 * @param status          the HTTP status (401, 403)
 * @param request         "GET https://api.contoso.example/orders" (token, code and secret values elided)
 * @param entry           0-based HAR entry of that request
 * @param wwwAuthenticate the response's WWW-Authenticate header values, as sent (empty when none)
 * @param body            the response body when it is JSON of at most {@link HarScanner#MAX_ERROR_BODY_BYTES}, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HarServerResponse(int status, String request, int entry, List<String> wwwAuthenticate, String body) {
    public HarServerResponse {
        wwwAuthenticate = wwwAuthenticate == null ? List.of() : List.copyOf(wwwAuthenticate);
    }

    /** "answered 401: Bearer error="invalid_token", error_description="…"" (or the body, or just the status). */
    @JsonIgnore
    public String text() {
        StringBuilder sb = new StringBuilder("answered ").append(status);
        if (!wwwAuthenticate.isEmpty()) sb.append(": ").append(String.join("; ", wwwAuthenticate));
        else if (body != null && !body.isBlank()) sb.append(": ").append(oneLine(body, 300));
        return sb.toString();
    }

    private static String oneLine(String s, int max) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > max ? t.substring(0, max - 1) + "…" : t;
    }
}
