package dev.tokenscope.engine.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A WWW-Authenticate value (RFC 7235 / RFC 6750) as challenges: a scheme and its parameters, with quoted-string values
 * (backslash escapes, commas inside quotes), token values, several challenges in one header, and the unquoted,
 * space-separated parameters Azure Storage sends. Parameters before any scheme belong to an implied {@code Bearer}
 * (a pasted value without its scheme). One pass over the text, no regular expressions.
 */
public final class WwwAuthenticateParser {
    static final int MAX_CHALLENGES = 32;
    static final int MAX_PARAMS = 64;
    /** Schemes kept even without parameters. */
    static final Set<String> KNOWN_SCHEMES = Set.of("bearer", "pop", "dpop", "basic", "negotiate", "ntlm", "digest");

    /**
     * One challenge.
     *
     * @param params parameter names lower-cased, values unquoted; the first of a repeated name wins
     * @param text   the challenge as written
     */
    public record Challenge(String scheme, Map<String, String> params, String text) {
        public Challenge {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        public boolean bearer() {
            return scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("PoP");
        }

        public String param(String name) {
            return params.get(name);
        }
    }

    private WwwAuthenticateParser() {
    }

    public static List<Challenge> parse(String value) {
        List<Challenge> out = new ArrayList<>();
        if (value == null) return out;
        String s = value;
        int n = s.length();
        int i = 0;
        String scheme = null;
        int schemeStart = 0;
        Map<String, String> params = new LinkedHashMap<>();
        while (i < n && out.size() < MAX_CHALLENGES) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n') { i++; continue; }
            int start = i;
            while (i < n && !separator(s.charAt(i))) i++;
            if (i == start) { i++; continue; } // a stray '=' or '"': skip it
            String name = s.substring(start, i);
            int j = i;
            while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) j++;
            if (j < n && s.charAt(j) == '=') {
                if (scheme == null) { scheme = "Bearer"; schemeStart = start; }
                i = j + 1;
                while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
                String v;
                if (i < n && s.charAt(i) == '"') {
                    StringBuilder b = new StringBuilder();
                    i++;
                    while (i < n && s.charAt(i) != '"') {
                        if (s.charAt(i) == '\\' && i + 1 < n) i++;
                        b.append(s.charAt(i++));
                    }
                    i++; // the closing quote (or past the end)
                    v = b.toString();
                } else {
                    int vs = i;
                    while (i < n && s.charAt(i) != ',' && s.charAt(i) != ' ' && s.charAt(i) != '\t') i++;
                    v = s.substring(vs, i);
                }
                if (params.size() < MAX_PARAMS) params.putIfAbsent(name.toLowerCase(Locale.ROOT), v);
            } else {
                if (scheme != null) add(out, scheme, params, s.substring(schemeStart, Math.min(start, n)).trim());
                scheme = name;
                schemeStart = start;
                params = new LinkedHashMap<>();
            }
        }
        if (scheme != null && out.size() < MAX_CHALLENGES) add(out, scheme, params, s.substring(schemeStart, Math.min(i, n)).trim());
        return out;
    }

    private static void add(List<Challenge> out, String scheme, Map<String, String> params, String text) {
        String t = text.endsWith(",") ? text.substring(0, text.length() - 1).trim() : text;
        if (!params.isEmpty() || KNOWN_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) out.add(new Challenge(scheme, params, t));
    }

    private static boolean separator(char c) {
        return c == ' ' || c == '\t' || c == '=' || c == ',' || c == '"' || c == '\r' || c == '\n';
    }
}
