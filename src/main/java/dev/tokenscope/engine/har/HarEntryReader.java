package dev.tokenscope.engine.har;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tokenscope.engine.input.Role;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads one HAR entry from the streaming parser into a {@link HarEntry}: its time, request (URL, Authorization header,
 * form body), response (status, Location, WWW-Authenticate, redirect URL) and, when it can be a token response, its
 * body. Everything else is skipped by the parser without being buffered.
 */
final class HarEntryReader {
    private static final int MAX_HEADER_VALUES = 10;
    private static final ObjectMapper BODY = JsonMapper.builder().build();
    private static final Pattern JWT = Pattern.compile(
            "eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)?");

    /** Reads the entry whose START_OBJECT the parser is on, up to its END_OBJECT. */
    HarEntry read(JsonParser p) throws IOException {
        HarEntry e = new HarEntry();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case "startedDateTime" -> e.time = text(p, t);
                case "request" -> {
                    if (t == JsonToken.START_OBJECT) request(p, e);
                    else p.skipChildren();
                }
                case "response" -> {
                    if (t == JsonToken.START_OBJECT) response(p, e);
                    else p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
        if (e.url != null) {
            HarUrls.urlParams(e.url, "request URL", e.hits);
            HarUrls.storyParams(e.url, e.requestParams);
        }
        if (e.bodyText != null) body(e);
        return e;
    }

    private void request(JsonParser p, HarEntry e) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case "method" -> e.method = text(p, t);
                case "url" -> e.url = text(p, t);
                case "headers" -> headers(p, t, e, true);
                case "postData" -> {
                    if (t == JsonToken.START_OBJECT) postData(p, e);
                    else p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
    }

    private void response(JsonParser p, HarEntry e) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case "status" -> e.status = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : 0;
                case "headers" -> headers(p, t, e, false);
                case "redirectURL" -> {
                    String v = text(p, t);
                    if (v != null && !v.isEmpty()) {
                        HarUrls.urlParams(v, "redirect URL", e.hits);
                        HarUrls.storyParams(v, e.redirectParams);
                    }
                }
                case "content" -> {
                    if (t == JsonToken.START_OBJECT) content(p, e);
                    else p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
    }

    private void headers(JsonParser p, JsonToken t, HarEntry e, boolean request) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String name = null, value = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken vt = p.nextToken();
                if (f.equals("name")) name = text(p, vt);
                else if (f.equals("value")) value = text(p, vt);
                else p.skipChildren();
            }
            if (name == null || value == null) continue;
            if (request && name.equalsIgnoreCase("authorization")) {
                String v = value.strip();
                int sp = v.indexOf(' ');
                String scheme = sp < 0 ? "" : v.substring(0, sp);
                if (scheme.equalsIgnoreCase("bearer")) {
                    e.hits.add(new HarHit(Role.TOKEN, "Authorization header", v.substring(sp + 1).strip()));
                } else if (sp < 0 && JWT.matcher(v).matches()) {
                    e.hits.add(new HarHit(Role.TOKEN, "Authorization header (no Bearer scheme)", v));
                }
            } else if (!request && name.equalsIgnoreCase("location")) {
                HarUrls.urlParams(value, "Location header", e.hits);
                HarUrls.storyParams(value, e.redirectParams);
            } else if (!request && name.equalsIgnoreCase("www-authenticate") && e.wwwAuthenticate.size() < MAX_HEADER_VALUES) {
                e.wwwAuthenticate.add(value.length() > HarUrls.MAX_PARAM ? value.substring(0, HarUrls.MAX_PARAM - 1) + "…" : value);
            }
        }
    }

    private void postData(JsonParser p, HarEntry e) throws IOException {
        String mime = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case "mimeType" -> mime = text(p, t);
                case "text" -> {
                    if (mime != null && mime.toLowerCase(Locale.ROOT).contains("x-www-form-urlencoded")) {
                        String v = text(p, t);
                        if (v != null) HarUrls.formParams(v, e.hits, e.requestParams);
                    } // anything else (uploads, JSON) is skipped unread
                }
                case "params" -> {
                    if (t != JsonToken.START_ARRAY) {
                        p.skipChildren();
                        break;
                    }
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        String name = null, value = null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String pf = p.currentName();
                            JsonToken vt = p.nextToken();
                            if (pf.equals("name")) {
                                name = text(p, vt);
                            } else if (pf.equals("value")
                                    && (name == null || HarUrls.isTokenParam(name) || HarUrls.STORY_PARAMS.contains(name))) {
                                value = text(p, vt);
                            } else {
                                p.skipChildren();
                            }
                        }
                        if (name != null && value != null && HarUrls.isTokenParam(name)) {
                            e.hits.add(new HarHit(HarUrls.roleOf(name), "form post (" + name + ")", HarUrls.param(name, value)));
                        } else if (name != null && value != null) {
                            HarUrls.story(name, value, e.requestParams);
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    private void content(JsonParser p, HarEntry e) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case "size" -> e.bodySize = t.isNumeric() ? p.getLongValue() : -1;
                case "mimeType" -> e.bodyMime = text(p, t);
                case "encoding" -> e.bodyEncoding = text(p, t);
                case "text" -> {
                    if (t == JsonToken.VALUE_STRING && wantBody(e)) e.bodyText = p.getText();
                    else if (t == JsonToken.VALUE_STRING) e.bodyUnread = true; // skipped by the parser without buffering
                    else p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
    }

    /** Reads a body only when it can be a token response: JSON, or from a token endpoint, and not large. */
    private static boolean wantBody(HarEntry e) {
        if (e.bodySize > HarScanner.MAX_BODY_BYTES) return false;
        // A refused request's small body (its error text), whatever its type.
        if ((e.status == 401 || e.status == 403) && e.bodySize >= 0 && e.bodySize <= HarScanner.MAX_ERROR_BODY_BYTES) return true;
        String mime = e.bodyMime == null ? "" : e.bodyMime.toLowerCase(Locale.ROOT);
        return mime.contains("json") || HarUrls.tokenEndpoint(e.url);
    }

    private void body(HarEntry e) {
        String text = e.bodyText;
        JsonNode root = parseJson(text);
        if (root == null && "base64".equalsIgnoreCase(e.bodyEncoding)) {
            try {
                text = new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8);
                root = parseJson(text);
            } catch (IllegalArgumentException ignored) {
                // not base64 after all
            }
        }
        if ((e.status == 401 || e.status == 403) && root != null
                && text.getBytes(StandardCharsets.UTF_8).length <= HarScanner.MAX_ERROR_BODY_BYTES) {
            e.errorBody = text.strip();
        }
        if (root == null || !root.isObject()) return;
        for (String f : new String[]{"access_token", "accessToken", "id_token", "idToken"}) {
            JsonNode v = root.get(f);
            if (v != null && v.isTextual() && !v.asText().isBlank()) {
                e.hits.add(new HarHit(HarUrls.roleOf(f), "token response (" + f + ")", v.asText().strip()));
            }
        }
    }

    private static JsonNode parseJson(String text) {
        String t = text.stripLeading();
        if (!t.startsWith("{")) return null;
        try {
            return BODY.readTree(t);
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) return p.getText();
        p.skipChildren();
        return null;
    }
}
