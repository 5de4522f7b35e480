package dev.tokenscope.engine.signin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.text.SafeText;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The readable record of a sign-in: every HTTP exchange (method, URL, parameters, status, response), the browser
 * hand-off and the redirect, each redacted as it is added. Codes, verifiers, tokens, client secrets, assertions and
 * device/user codes never enter the log: parameters and JSON members of those names are replaced by
 * {@code [redacted, N chars]}, any JWT-shaped string by {@code [redacted JWT]}, and every value the flow registered
 * with {@link #secret(String)} is scrubbed wherever it appears. Safe to copy into a ticket.
 */
public final class FlowLog {
    /** Parameter and JSON member names whose values are never logged. */
    public static final Set<String> SECRET_NAMES = Set.of("code", "code_verifier", "client_secret", "client_assertion", "assertion",
            "access_token", "id_token", "refresh_token", "device_code", "user_code", "password", "token", "subject_token",
            "actor_token", "session_state", "client_info", "id_token_hint");
    private static final Pattern JWT = Pattern.compile(
            "eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*)?");
    private static final int MAX_TEXT = 4000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * One line of the log.
     *
     * @param kind       http, browser, redirect or note
     * @param parameters the request's parameters (query or form), redacted
     * @param headers    request headers worth showing (Origin), never Authorization
     * @param status     the HTTP status, null when there was no answer
     * @param response   the answer's body, redacted (JSON re-serialised compactly), or the failure
     * @param repeat     how many identical answers this line stands for (device-code polling)
     */
    @JsonPropertyOrder({"at", "kind", "method", "url", "parameters", "headers", "status", "response", "millis", "repeat", "note"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String at, String kind, String method, String url, Map<String, String> parameters, Map<String, String> headers,
                        Integer status, String response, Long millis, Integer repeat, String note) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> secrets = Collections.newSetFromMap(new ConcurrentHashMap<>());
    private final Object lock = new Object();

    /** Calls {@code l} for every entry added from now on (the GUI's live log), on the flow's thread. */
    public void onEntry(Consumer<Entry> l) {
        listeners.add(l);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Registers a value (a code, token, secret) to be scrubbed from everything logged afterwards. */
    public void secret(String value) {
        if (value != null && value.length() >= 4) secrets.add(value);
    }

    public void note(String text) {
        add(new Entry(now(), "note", null, null, null, null, null, null, null, null, scrub(text)));
    }

    void browser(String url) {
        add(new Entry(now(), "browser", "GET", redactUrl(url), queryParams(url), null, null, null, null, null,
                "authorization request handed to the browser"));
    }

    void redirect(String url, String note) {
        add(new Entry(now(), "redirect", "GET", redactUrl(url), queryParams(url), null, null, null, null, null, scrub(note)));
    }

    void http(String method, String url, List<Map.Entry<String, String>> form, Map<String, String> headers, int status, byte[] body,
              String contentType, long millis, String note, String collapseKey) {
        Entry e = new Entry(now(), "http", method, redactUrl(url), redactParams(form), shownHeaders(headers), status,
                redactBody(body, contentType), millis, null, note == null ? null : scrub(note));
        synchronized (lock) {
            if (collapseKey != null && !entries.isEmpty()) {
                Entry last = entries.get(entries.size() - 1);
                if (collapseKey.equals(lastCollapseKey) && same(last, e)) {
                    int n = last.repeat() == null ? 2 : last.repeat() + 1;
                    Entry merged = new Entry(e.at(), e.kind(), e.method(), e.url(), e.parameters(), e.headers(), e.status(), e.response(),
                            e.millis(), n, e.note());
                    entries.set(entries.size() - 1, merged);
                    for (Consumer<Entry> l : listeners) l.accept(merged);
                    return;
                }
            }
            lastCollapseKey = collapseKey;
            entries.add(e);
        }
        for (Consumer<Entry> l : listeners) l.accept(e);
    }

    private String lastCollapseKey;

    private static boolean same(Entry a, Entry b) {
        return Objects.equals(a.url(), b.url()) && Objects.equals(a.status(), b.status());
    }

    void httpFailed(String method, String url, List<Map.Entry<String, String>> form, Map<String, String> headers, String failure,
            long millis) {
        add(new Entry(now(), "http", method, redactUrl(url), redactParams(form), shownHeaders(headers), null, null, millis, null,
                "no answer: " + scrub(failure)));
    }

    private void add(Entry e) {
        synchronized (lock) {
            lastCollapseKey = null;
            entries.add(e);
        }
        for (Consumer<Entry> l : listeners) l.accept(e);
    }

    private static String now() {
        return Instant.now().toString();
    }

    /** Plain text for a terminal or a ticket; every logged value on one line, escaped ({@link SafeText#line}). */
    public String render() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        int i = 1;
        for (Entry e : entries) {
            String t = TIME.format(Instant.parse(e.at()));
            sb.append(String.format(Locale.ROOT, "%2d. %s ", i++, t));
            switch (e.kind()) {
                case "note" -> sb.append("note: ").append(SafeText.line(e.note())).append(nl);
                case "browser" -> sb.append("browser → ").append(SafeText.line(e.url())).append(nl).append(params(e.parameters(), nl));
                case "redirect" -> sb.append("redirect ← ").append(SafeText.line(e.url()))
                        .append(e.note() != null ? "  (" + SafeText.line(e.note()) + ")" : "").append(nl);
                default -> {
                    sb.append(SafeText.line(e.method())).append(' ').append(SafeText.line(e.url()));
                    if (e.status() != null) sb.append(" → ").append(e.status());
                    if (e.millis() != null) sb.append(" (").append(e.millis()).append(" ms)");
                    if (e.repeat() != null) sb.append(" ×").append(e.repeat());
                    sb.append(nl);
                    if (e.headers() != null) {
                        e.headers().forEach((k, v) -> sb.append("      header ").append(SafeText.line(k)).append(": ")
                                .append(SafeText.line(v)).append(nl));
                    }
                    sb.append(params(e.parameters(), nl));
                    if (e.response() != null) sb.append("      response: ").append(SafeText.line(e.response())).append(nl);
                    if (e.note() != null) sb.append("      ").append(SafeText.line(e.note())).append(nl);
                }
            }
        }
        return sb.toString();
    }

    private static String params(Map<String, String> p, String nl) {
        if (p == null || p.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        p.forEach((k, v) -> sb.append("      ").append(SafeText.line(k)).append(" = ").append(SafeText.line(v)).append(nl));
        return sb.toString();
    }

    // ---- redaction ----

    static String redacted(String value) {
        return "[redacted, " + (value == null ? 0 : value.length()) + " chars]";
    }

    private static Map<String, String> shownHeaders(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) return null;
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Authorization") && !k.equalsIgnoreCase("Cookie")) out.put(k, v);
        });
        return out.isEmpty() ? null : out;
    }

    Map<String, String> redactParams(List<Map.Entry<String, String>> form) {
        if (form == null) return null;
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : form) {
            out.put(e.getKey(), SECRET_NAMES.contains(e.getKey().toLowerCase(Locale.ROOT)) ? redacted(e.getValue()) : scrub(e.getValue()));
        }
        return out;
    }

    private Map<String, String> queryParams(String url) {
        int q = url.indexOf('?');
        if (q < 0) return null;
        List<Map.Entry<String, String>> list = new ArrayList<>();
        String query = url.substring(q + 1);
        int hash = query.indexOf('#');
        if (hash >= 0) query = query.substring(0, hash);
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            list.add(Map.entry(k, v));
        }
        return redactParams(list);
    }

    /** The URL with the values of secret query parameters replaced; the query's parameters are listed separately. */
    String redactUrl(String url) {
        if (url == null) return null;
        int q = url.indexOf('?');
        if (q < 0) return scrub(url);
        StringBuilder sb = new StringBuilder(url.substring(0, q + 1));
        String query = url.substring(q + 1);
        String fragment = "";
        int hash = query.indexOf('#');
        if (hash >= 0) {
            fragment = "#[fragment removed]";
            query = query.substring(0, hash);
        }
        boolean first = true;
        for (String pair : query.split("&")) {
            if (!first) sb.append('&');
            first = false;
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && SECRET_NAMES.contains(decode(k).toLowerCase(Locale.ROOT))) sb.append(k).append("=[redacted]");
            else sb.append(pair);
        }
        return scrub(sb + fragment);
    }

    String redactBody(byte[] body, String contentType) {
        if (body == null || body.length == 0) return null;
        String text = new String(body, StandardCharsets.UTF_8);
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[") || ct.contains("json")) {
            try {
                JsonNode n = Json.parse(text);
                return scrub(Json.compact(redactJson(n)));
            } catch (JsonProcessingException e) {
                // fall through: shown as text
            }
        }
        if (ct.contains("html") || trimmed.regionMatches(true, 0, "<!doctype html", 0, 14)
                || trimmed.regionMatches(true, 0, "<html", 0, 5)) {
            return "[HTML page, " + body.length + " bytes]";
        }
        String s = scrub(text);
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "… [" + (s.length() - MAX_TEXT) + " more chars]" : s;
    }

    private JsonNode redactJson(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            List<Map.Entry<String, JsonNode>> repl = new ArrayList<>();
            for (Map.Entry<String, JsonNode> f : new ArrayList<>(o.properties())) {
                if (SECRET_NAMES.contains(f.getKey().toLowerCase(Locale.ROOT)) && !f.getValue().isNull()) {
                    repl.add(Map.entry(f.getKey(),
                            TextNode.valueOf(redacted(f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()))));
                } else {
                    repl.add(Map.entry(f.getKey(), redactJson(f.getValue())));
                }
            }
            for (Map.Entry<String, JsonNode> r : repl) o.set(r.getKey(), r.getValue());
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = (ArrayNode) n;
            for (int i = 0; i < a.size(); i++) a.set(i, redactJson(a.get(i)));
            return a;
        }
        if (n.isTextual()) return TextNode.valueOf(scrub(n.asText()));
        return n;
    }

    /** Removes JWT-shaped strings and every registered secret from {@code s}. */
    String scrub(String s) {
        if (s == null) return null;
        String out = JWT.matcher(s).replaceAll("[redacted JWT]");
        for (String secret : secrets) {
            if (out.contains(secret)) out = out.replace(secret, "[redacted]");
            String enc = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            if (!enc.equals(secret) && out.contains(enc)) out = out.replace(enc, "[redacted]");
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
