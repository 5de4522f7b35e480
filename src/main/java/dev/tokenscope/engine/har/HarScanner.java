package dev.tokenscope.engine.har;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tokenscope.engine.input.Role;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the tokens in a browser's HAR capture without loading it: a streaming JSON parser walks
 * {@code log.entries} one entry at a time and keeps only what can hold a token, so memory does not grow with the
 * file (response bodies that are not read are skipped by the parser without being buffered).
 *
 * <p>Looked at: {@code Authorization} request headers ({@code Bearer …}); token-endpoint responses
 * ({@code access_token}, {@code id_token} in a JSON body, also base64-encoded bodies); redirect URLs: the
 * {@code Location} header and {@code redirectURL} of responses and the request URL (query and fragment); form posts
 * ({@code response_mode=form_post}). Each distinct token is reported once, with where it was first seen and how
 * often it occurs. Thread-safe: a scanner keeps no state between scans.
 *
 * <p>A response body is read only when what comes before its text (the request URL, the content's {@code size}
 * and {@code mimeType}, which browsers write first) says it can be a token response: JSON or a token endpoint, and
 * at most {@link #MAX_BODY_BYTES}. Other bodies are skipped by the parser without being buffered.
 */
public final class HarScanner {
    /** Response bodies larger than this (by the HAR's own "size") are not read. */
    public static final long MAX_BODY_BYTES = 2L << 20;
    /** At most this many distinct tokens are kept (a warning says when more were seen). */
    public static final int MAX_FINDINGS = 10_000;
    /** At most this many requests that carried one token are kept on its finding (occurrences still counts them all). */
    public static final int MAX_CALLS = 20;
    /** At most this many /authorize and token requests are kept for the story. */
    public static final int MAX_SIGN_INS = 1_000;
    /** A refused request's JSON body is kept when it is at most this large. */
    public static final int MAX_ERROR_BODY_BYTES = 16 * 1024;
    /** Longest parameter value (client_id, nonce, state …) kept for pairing ID tokens with their request. */
    private static final int MAX_PARAM = 4096;
    private static final int MAX_HEADER_VALUES = 10;
    /** Request and redirect parameters that place a token in the story; secrets among them are kept as presence only. */
    private static final java.util.Set<String> STORY_PARAMS = java.util.Set.of("client_id", "nonce", "state", "response_type", "response_mode",
            "code_challenge", "grant_type", "code_verifier");

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).maxNestingDepth(500).build())
            .build();
    private static final ObjectMapper BODY = JsonMapper.builder().build();
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)?");
    private static final Pattern SECRET_PARAMS = Pattern.compile(
            "(?i)([?#&](?:access_token|id_token|refresh_token|code|client_secret|assertion|client_assertion|password|code_verifier|token|SAMLResponse|SAMLRequest)=)[^&#]*");
    private static final int MAX_URL = 400;

    public HarScan scan(Path har) throws IOException {
        try (InputStream in = Files.newInputStream(har)) {
            return scan(in);
        } catch (NoSuchFileException e) {
            throw new HarFormatException("no such file: " + har);
        }
    }

    public HarScan scan(InputStream in) throws IOException {
        State s = new State();
        try (JsonParser p = FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new HarFormatException("not a HAR capture: it does not start with a JSON object");
            boolean sawLog = false, sawEntries = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                if (f.equals("log") && t == JsonToken.START_OBJECT) {
                    sawLog = true;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String lf = p.currentName();
                        JsonToken lt = p.nextToken();
                        if (lf.equals("entries") && lt == JsonToken.START_ARRAY) {
                            sawEntries = true;
                            while (p.nextToken() == JsonToken.START_OBJECT) entry(p, s);
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (!sawLog) throw new HarFormatException("not a HAR capture: no \"log\" object (save the capture from the browser's network tab as HAR)");
            if (!sawEntries) s.warnings.add("the capture has no \"entries\": no requests were recorded");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            if (s.entries == 0) throw new HarFormatException("not a HAR capture: invalid JSON (" + shortMessage(e) + ")", e);
            s.warnings.add("the capture is cut off or broken after entry " + s.entries + " (" + shortMessage(e) + "); the tokens before it are listed");
        }
        List<HarFinding> out = new ArrayList<>(s.found.size());
        for (Acc a : s.found.values()) out.add(a.finding());
        return new HarScan(s.entries, out, s.skipped, s.warnings, s.signIns);
    }

    private static String shortMessage(com.fasterxml.jackson.core.JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "invalid JSON" : e.getOriginalMessage().replaceAll("\\s*\\n.*", "");
        if (e.getLocation() != null) m += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    private static final class State {
        int entries;
        int skipped;
        final Map<String, Acc> found = new LinkedHashMap<>();
        final List<String> warnings = new ArrayList<>();
        boolean capped;
        final List<HarSignIn> signIns = new ArrayList<>();
        final Map<String, HarSignIn> authorizeByState = bounded();
        final Map<String, HarSignIn> authorizeByClient = bounded();
        HarSignIn lastAuthorize;
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_SIGN_INS;
            }
        };
    }

    /** A finding being accumulated. */
    private static final class Acc {
        final String token;
        final Role role;
        final String where;
        final int entry;
        final String method, url, time;
        final int status;
        int occurrences = 1;
        int lastEntry;
        String clientId, requestNonce;
        Integer signInEntry;
        final List<HarFinding.HarCall> calls = new ArrayList<>(1);
        HarServerResponse serverResponse;

        Acc(String token, Role role, String where, int entry, String method, String url, String time, int status) {
            this.token = token;
            this.role = role;
            this.where = where;
            this.entry = entry;
            this.method = method;
            this.url = url;
            this.time = time;
            this.status = status;
            this.lastEntry = entry;
        }

        HarFinding finding() {
            return new HarFinding(token, role, where, entry, method, url, time, status, occurrences, lastEntry, clientId, requestNonce,
                    signInEntry, calls, serverResponse);
        }
    }

    private record Hit(Role role, String where, String token) {
    }

    /** What one entry holds, in whatever order its members come. */
    private static final class Entry {
        String time, method, url;
        int status;
        final List<Hit> hits = new ArrayList<>();
        // response body decision inputs
        long bodySize = -1;
        String bodyMime, bodyEncoding, bodyText;
        boolean bodyUnread;
        // story inputs: parameters of the request (URL and form body) and of the redirect, WWW-Authenticate, an error body
        final Map<String, String> requestParams = new LinkedHashMap<>();
        final Map<String, String> redirectParams = new LinkedHashMap<>();
        final List<String> wwwAuthenticate = new ArrayList<>(0);
        String errorBody;
    }

    private void entry(JsonParser p, State s) throws IOException {
        Entry e = new Entry();
        int index = s.entries++;
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
            urlParams(e.url, "request URL", e.hits);
            storyParams(e.url, e.requestParams);
        }
        if (e.bodyText != null) body(e);
        if (e.bodyUnread) s.skipped++;
        HarSignIn signIn = signIn(index, e, s);
        HarSignIn answered = answeredAuthorize(e, signIn, s);
        String elided = elide(e.url);
        boolean refused = e.status == 401 || e.status == 403;
        for (Hit h : e.hits) {
            if (h.token() == null || h.token().isBlank()) continue;
            // A use of the token: an Authorization header, or an access_token in a request's query (WebSocket, SignalR).
            boolean header = h.where().startsWith("Authorization header") || (h.where().startsWith("request URL query") && h.role() == Role.ACCESS_TOKEN);
            Acc a = s.found.get(h.token());
            if (a != null) {
                a.occurrences++;
                a.lastEntry = index;
            } else if (s.found.size() < MAX_FINDINGS) {
                a = new Acc(h.token(), h.role(), h.where(), index, e.method, elided, e.time, e.status);
                s.found.put(h.token(), a);
                if (h.where().startsWith("token response")) {
                    // Auth-code flow: the client of the token request's form body; its nonce is that client's /authorize nonce.
                    a.clientId = e.requestParams.get("client_id");
                    HarSignIn auth = a.clientId != null ? s.authorizeByClient.get(a.clientId) : s.lastAuthorize;
                    if (a.clientId == null && auth != null) a.clientId = auth.clientId();
                    pair(a, auth);
                } else if (!header) {
                    // A redirect (Location, redirect URL, fragment) or a form_post: the /authorize request it answers.
                    a.clientId = answered != null && answered.clientId() != null ? answered.clientId() : e.requestParams.get("client_id");
                    pair(a, answered);
                }
            } else {
                if (!s.capped) {
                    s.capped = true;
                    s.warnings.add("more than " + MAX_FINDINGS + " distinct tokens; only the first " + MAX_FINDINGS + " are listed");
                }
                continue;
            }
            if (header) {
                if (a.calls.size() < MAX_CALLS) a.calls.add(new HarFinding.HarCall(index, e.method, elided, host(e.url), e.status));
                if (refused && a.serverResponse == null) {
                    a.serverResponse = new HarServerResponse(e.status, (e.method == null ? "" : e.method + " ") + (elided == null ? "(no URL)" : elided),
                            index, e.wwwAuthenticate, e.errorBody);
                }
            }
        }
    }

    private static void pair(Acc a, HarSignIn auth) {
        if (auth == null || !auth.authorize()) return;
        a.signInEntry = auth.entry();
        a.requestNonce = auth.nonce();
    }

    /** Registers an /authorize request or a token request (form body with grant_type); null when the entry is neither. */
    private static HarSignIn signIn(int index, Entry e, State s) {
        Map<String, String> q = e.requestParams;
        HarSignIn in = null;
        if (authorizeEndpoint(e.url) && (q.containsKey("client_id") || q.containsKey("response_type"))) {
            in = new HarSignIn(index, "authorize", host(e.url), q.get("client_id"), q.get("response_type"), null, q.containsKey("code_challenge"),
                    q.get("nonce"), q.get("state"));
            if (in.state() != null) s.authorizeByState.put(in.state(), in);
            if (in.clientId() != null) s.authorizeByClient.put(in.clientId(), in);
            s.lastAuthorize = in;
        } else if (q.containsKey("grant_type")) {
            in = new HarSignIn(index, "token", host(e.url), q.get("client_id"), null, q.get("grant_type"), q.containsKey("code_verifier"), null, null);
        }
        if (in != null && s.signIns.size() < MAX_SIGN_INS) s.signIns.add(in);
        return in;
    }

    /**
     * The /authorize request a redirect or form post of this entry answers: the entry itself when it is one, else the
     * one with the same state, else the latest one of the same client, else the latest one.
     */
    private static HarSignIn answeredAuthorize(Entry e, HarSignIn signIn, State s) {
        if (signIn != null && signIn.authorize()) return signIn;
        String state = e.redirectParams.containsKey("state") ? e.redirectParams.get("state") : e.requestParams.get("state");
        if (state != null && s.authorizeByState.containsKey(state)) return s.authorizeByState.get(state);
        String client = e.requestParams.get("client_id");
        if (client != null && s.authorizeByClient.containsKey(client)) return s.authorizeByClient.get(client);
        return s.lastAuthorize;
    }

    static boolean authorizeEndpoint(String url) {
        if (url == null) return false;
        String u = url.toLowerCase(Locale.ROOT);
        int q = u.indexOf('?');
        String path = q < 0 ? u : u.substring(0, q);
        int h = path.indexOf('#');
        if (h >= 0) path = path.substring(0, h);
        return path.endsWith("/authorize") || path.endsWith("/authorize/");
    }

    /** The URL's host in lower case, or null. */
    static String host(String url) {
        if (url == null) return null;
        int scheme = url.indexOf("://");
        if (scheme < 0) return null;
        int start = scheme + 3, end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) end++;
        String h = url.substring(start, end);
        int at = h.lastIndexOf('@');
        if (at >= 0) h = h.substring(at + 1);
        if (!h.startsWith("[")) {
            int colon = h.indexOf(':');
            if (colon >= 0) h = h.substring(0, colon);
        }
        return h.isEmpty() ? null : h.toLowerCase(Locale.ROOT);
    }

    /** client_id, nonce, state … of a URL's query and fragment (secret values kept as presence only). */
    static void storyParams(String url, Map<String, String> into) {
        int hash = url.indexOf('#');
        int q = url.indexOf('?');
        if (q >= 0 && (hash < 0 || q < hash)) storyPairs(url.substring(q + 1, hash > q ? hash : url.length()), into);
        if (hash >= 0) storyPairs(url.substring(hash + 1), into);
    }

    private static void storyPairs(String section, Map<String, String> into) {
        if (section.length() > 64 * 1024) return; // not a request of a sign-in
        for (String pair : section.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            story(decode(pair.substring(0, eq)), pair.substring(eq + 1), into);
        }
    }

    private static void story(String name, String rawValue, Map<String, String> into) {
        if (!STORY_PARAMS.contains(name) || into.containsKey(name)) return;
        if (name.equals("code_verifier")) {
            into.put(name, "…"); // a secret: presence only
            return;
        }
        String v = decode(rawValue);
        if (v.length() <= MAX_PARAM) into.put(name, v);
    }

    private void request(JsonParser p, Entry e) throws IOException {
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

    private void response(JsonParser p, Entry e) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case "status" -> e.status = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : 0;
                case "headers" -> headers(p, t, e, false);
                case "redirectURL" -> {
                    String v = text(p, t);
                    if (v != null && !v.isEmpty()) {
                        urlParams(v, "redirect URL", e.hits);
                        storyParams(v, e.redirectParams);
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

    private void headers(JsonParser p, JsonToken t, Entry e, boolean request) throws IOException {
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
                    e.hits.add(new Hit(Role.TOKEN, "Authorization header", v.substring(sp + 1).strip()));
                } else if (sp < 0 && JWT.matcher(v).matches()) {
                    e.hits.add(new Hit(Role.TOKEN, "Authorization header (no Bearer scheme)", v));
                }
            } else if (!request && name.equalsIgnoreCase("location")) {
                urlParams(value, "Location header", e.hits);
                storyParams(value, e.redirectParams);
            } else if (!request && name.equalsIgnoreCase("www-authenticate") && e.wwwAuthenticate.size() < MAX_HEADER_VALUES) {
                e.wwwAuthenticate.add(value.length() > MAX_PARAM ? value.substring(0, MAX_PARAM - 1) + "…" : value);
            }
        }
    }

    private void postData(JsonParser p, Entry e) throws IOException {
        String mime = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case "mimeType" -> mime = text(p, t);
                case "text" -> {
                    if (mime != null && mime.toLowerCase(Locale.ROOT).contains("x-www-form-urlencoded")) {
                        String v = text(p, t);
                        if (v != null) formParams(v, e.hits, e.requestParams);
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
                            if (pf.equals("name")) name = text(p, vt);
                            else if (pf.equals("value") && (name == null || isTokenParam(name) || STORY_PARAMS.contains(name))) value = text(p, vt);
                            else p.skipChildren();
                        }
                        if (name != null && value != null && isTokenParam(name)) {
                            e.hits.add(new Hit(roleOf(name), "form post (" + name + ")", param(name, value)));
                        } else if (name != null && value != null) {
                            story(name, value, e.requestParams);
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    private void content(JsonParser p, Entry e) throws IOException {
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
    private static boolean wantBody(Entry e) {
        if (e.bodySize > MAX_BODY_BYTES) return false;
        // A refused request's small body (its error text), whatever its type.
        if ((e.status == 401 || e.status == 403) && e.bodySize >= 0 && e.bodySize <= MAX_ERROR_BODY_BYTES) return true;
        String mime = e.bodyMime == null ? "" : e.bodyMime.toLowerCase(Locale.ROOT);
        return mime.contains("json") || tokenEndpoint(e.url);
    }

    static boolean tokenEndpoint(String url) {
        if (url == null) return false;
        String u = url.toLowerCase(Locale.ROOT);
        int q = u.indexOf('?');
        String path = q < 0 ? u : u.substring(0, q);
        return path.endsWith("/token") || path.contains("/oauth2/") || path.endsWith("/token/");
    }

    private void body(Entry e) {
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
        if ((e.status == 401 || e.status == 403) && root != null && text.getBytes(StandardCharsets.UTF_8).length <= MAX_ERROR_BODY_BYTES) {
            e.errorBody = text.strip();
        }
        if (root == null || !root.isObject()) return;
        for (String f : new String[]{"access_token", "accessToken", "id_token", "idToken"}) {
            JsonNode v = root.get(f);
            if (v != null && v.isTextual() && !v.asText().isBlank()) {
                e.hits.add(new Hit(roleOf(f), "token response (" + f + ")", v.asText().strip()));
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

    /** access_token / id_token in a URL's query and fragment. */
    static void urlParams(String url, String what, List<Hit> hits) {
        int hash = url.indexOf('#');
        int q = url.indexOf('?');
        if (q >= 0 && (hash < 0 || q < hash)) params(url.substring(q + 1, hash > q ? hash : url.length()), what + " query", hits);
        if (hash >= 0) params(url.substring(hash + 1), what + " fragment", hits);
    }

    private static void formParams(String body, List<Hit> hits, Map<String, String> story) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            String name = decode(pair.substring(0, eq));
            if (isTokenParam(name)) hits.add(new Hit(roleOf(name), "form post (" + name + ")", param(name, pair.substring(eq + 1))));
            else story(name, pair.substring(eq + 1), story);
        }
    }

    private static void params(String section, String what, List<Hit> hits) {
        for (String pair : section.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            String name = pair.substring(0, eq);
            if (isTokenParam(name)) hits.add(new Hit(roleOf(name), what + " (" + name + ")", param(name, pair.substring(eq + 1))));
        }
    }

    private static boolean isTokenParam(String name) {
        return name.equals("access_token") || name.equals("id_token") || name.equals("SAMLResponse") || name.equals("SAMLRequest");
    }

    private static Role roleOf(String field) {
        return field.startsWith("SAML") ? Role.SAML : field.startsWith("id") ? Role.ID_TOKEN : Role.ACCESS_TOKEN;
    }

    /**
     * A parameter's value. A SAML message is base64, whose '+' a capture may already have decoded from %2B: it is
     * URL-decoded only when it still holds a %-escape, so a '+' is never turned into a space.
     */
    private static String param(String name, String value) {
        if (name.startsWith("SAML") && value.indexOf('%') < 0) return value.strip();
        return decode(value);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException e) {
            return s.strip();
        }
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) return p.getText();
        p.skipChildren();
        return null;
    }

    /** The URL with token, code and secret values replaced by "…", shortened for lists. */
    public static String elide(String url) {
        if (url == null) return null;
        String u = SECRET_PARAMS.matcher(url).replaceAll("$1…");
        return u.length() > MAX_URL ? u.substring(0, MAX_URL - 1) + "…" : u;
    }
}
