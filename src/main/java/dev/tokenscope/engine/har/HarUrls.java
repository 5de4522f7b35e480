package dev.tokenscope.engine.har;

import dev.tokenscope.engine.input.Role;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * URLs and parameters of a HAR capture: tokens in queries, fragments and form bodies, the parameters that place a
 * request in the capture's story (secrets as presence only), hosts and endpoints, and URLs elided for lists.
 */
final class HarUrls {
    /** Longest parameter value (client_id, nonce, state …) kept for pairing ID tokens with their request. */
    static final int MAX_PARAM = 4096;
    /** Request and redirect parameters that place a token in the story; secrets among them are kept as presence only. */
    static final Set<String> STORY_PARAMS = Set.of("client_id", "nonce", "state", "response_type", "response_mode",
            "code_challenge", "grant_type", "code_verifier");
    private static final Pattern SECRET_PARAMS = Pattern.compile(
            "(?i)([?#&](?:access_token|id_token|refresh_token|code|client_secret|assertion|client_assertion|password|code_verifier"
                    + "|token|SAMLResponse|SAMLRequest)=)[^&#]*");
    private static final int MAX_URL = 400;

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

    static void storyPairs(String section, Map<String, String> into) {
        if (section.length() > 64 * 1024) return; // not a request of a sign-in
        for (String pair : section.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            story(decode(pair.substring(0, eq)), pair.substring(eq + 1), into);
        }
    }

    static void story(String name, String rawValue, Map<String, String> into) {
        if (!STORY_PARAMS.contains(name) || into.containsKey(name)) return;
        if (name.equals("code_verifier")) {
            into.put(name, "…"); // a secret: presence only
            return;
        }
        String v = decode(rawValue);
        if (v.length() <= MAX_PARAM) into.put(name, v);
    }

    static boolean tokenEndpoint(String url) {
        if (url == null) return false;
        String u = url.toLowerCase(Locale.ROOT);
        int q = u.indexOf('?');
        String path = q < 0 ? u : u.substring(0, q);
        return path.endsWith("/token") || path.contains("/oauth2/") || path.endsWith("/token/");
    }

    /** access_token / id_token in a URL's query and fragment. */
    static void urlParams(String url, String what, List<HarHit> hits) {
        int hash = url.indexOf('#');
        int q = url.indexOf('?');
        if (q >= 0 && (hash < 0 || q < hash)) params(url.substring(q + 1, hash > q ? hash : url.length()), what + " query", hits);
        if (hash >= 0) params(url.substring(hash + 1), what + " fragment", hits);
    }

    static void formParams(String body, List<HarHit> hits, Map<String, String> story) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            String name = decode(pair.substring(0, eq));
            if (isTokenParam(name)) hits.add(new HarHit(roleOf(name), "form post (" + name + ")", param(name, pair.substring(eq + 1))));
            else story(name, pair.substring(eq + 1), story);
        }
    }

    static void params(String section, String what, List<HarHit> hits) {
        for (String pair : section.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            String name = pair.substring(0, eq);
            if (isTokenParam(name)) hits.add(new HarHit(roleOf(name), what + " (" + name + ")", param(name, pair.substring(eq + 1))));
        }
    }

    static boolean isTokenParam(String name) {
        return name.equals("access_token") || name.equals("id_token") || name.equals("SAMLResponse") || name.equals("SAMLRequest");
    }

    static Role roleOf(String field) {
        return field.startsWith("SAML") ? Role.SAML : field.startsWith("id") ? Role.ID_TOKEN : Role.ACCESS_TOKEN;
    }

    /**
     * A parameter's value. A SAML message is base64, whose '+' a capture may already have decoded from %2B: it is
     * URL-decoded only when it still holds a %-escape, so a '+' is never turned into a space.
     */
    static String param(String name, String value) {
        if (name.startsWith("SAML") && value.indexOf('%') < 0) return value.strip();
        return decode(value);
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException e) {
            return s.strip();
        }
    }

    /** The URL with token, code and secret values replaced by "…", shortened for lists. */
    public static String elide(String url) {
        if (url == null) return null;
        String u = SECRET_PARAMS.matcher(url).replaceAll("$1…");
        return u.length() > MAX_URL ? u.substring(0, MAX_URL - 1) + "…" : u;
    }

    private HarUrls() {
    }
}
