package dev.tokenscope.engine.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The front door for what an API said: a raw HTTP response, WWW-Authenticate headers or values, JSON error bodies and
 * server log lines, alone or pasted together, become one {@link ServerEvidence}. Bounded ({@link #MAX_CHARS}), linear
 * scans only, and nothing escapes as an exception: unreadable input gives an evidence whose notes say so.
 */
public final class ServerResponseParser {
    /** The largest input read: 1 MiB of characters. */
    public static final int MAX_CHARS = 1 << 20;
    /** How many times a line starting with '{' is tried as JSON (each try may read to the end of the input). */
    static final int MAX_JSON_TRIES = 16;
    /** Parameter names that make a line a WWW-Authenticate value pasted without its scheme. */
    static final Set<String> PARAMS = Set.of("error", "error_description", "error_uri", "realm", "scope", "authorization_uri",
            "authorization", "resource_id", "resource", "client_id", "trusted_issuers", "claims");

    private ServerResponseParser() {
    }

    public static ServerEvidence parse(String text) {
        EvidenceBuilder out = new EvidenceBuilder();
        if (text == null || text.isBlank()) {
            out.note("Nothing to read: paste the API's response (status line, headers, body), "
                    + "its WWW-Authenticate header or its log lines.");
            return out.build();
        }
        if (text.length() > MAX_CHARS) {
            out.note("The input is " + text.length() + " characters long; the limit is " + MAX_CHARS
                    + " (1 MiB). Paste only the response or the log lines around the error.");
            return out.build();
        }
        try {
            read(curlVerbose(text), out);
        } catch (RuntimeException | StackOverflowError e) {
            out.note("Part of the input could not be read (" + e.getClass().getSimpleName() + "); what was found before it is shown.");
        }
        return out.build();
    }

    private static void read(String text, EvidenceBuilder out) {
        List<Integer> starts = new ArrayList<>();
        List<String> lines = lines(text, starts);
        int jsonTries = 0;
        int skipUntil = 0; // characters consumed by a JSON value
        for (int i = 0; i < lines.size(); i++) {
            if (starts.get(i) < skipUntil) continue;
            String line = lines.get(i);
            String t = line.strip();
            if (t.isEmpty()) continue;
            if (HttpResponseSplitter.status(t) > 0) {
                i = HttpResponseSplitter.read(lines, i, out) - 1;
                continue;
            }
            if (t.startsWith("{") && jsonTries < MAX_JSON_TRIES) {
                jsonTries++;
                int from = starts.get(i) + line.indexOf('{');
                int used = JsonErrorReader.consume(text.substring(from), out);
                if (used > 0) {
                    skipUntil = from + used;
                    continue;
                }
            }
            if (t.regionMatches(true, 0, "Authorization:", 0, 14)) {
                continue; // the request's own header: a token, not what the server said
            }
            if (t.regionMatches(true, 0, "WWW-Authenticate:", 0, 17)) {
                ChallengeReader.read(t.substring(17), out);
            } else if (bareValue(t)) {
                ChallengeReader.read(t, out);
            } else {
                TextScanner.scanLine(t, out);
            }
        }
    }

    /**
     * {@code curl -v} output as the response alone: "< " lines without their marker; request ("> "), information ("* ") and
     * data ("{ [", "} [") lines dropped, so the request's own Authorization header is never read as a challenge.
     */
    static String curlVerbose(String text) {
        if (!text.startsWith("< HTTP/") && !text.contains("\n< HTTP/")) return text;
        StringBuilder b = new StringBuilder(text.length());
        for (String line : lines(text, new ArrayList<>())) {
            if (line.startsWith("< ") || line.equals("<")) b.append(line.length() > 2 ? line.substring(2) : "").append('\n');
            else if (!line.startsWith("> ") && !line.equals(">") && !line.startsWith("* ")
                    && !line.startsWith("{ [") && !line.startsWith("} [")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    /** "Bearer …" or a parameter list without its scheme ({@code error="invalid_token", …}). */
    static boolean bareValue(String t) {
        if (t.regionMatches(true, 0, "Bearer", 0, 6) && (t.length() == 6 || t.charAt(6) == ' ')) {
            String rest = t.substring(6).strip();
            if (rest.isEmpty()) return true;
            int end = 0;
            while (end < rest.length() && end < 40 && " \t=,\"".indexOf(rest.charAt(end)) < 0) end++;
            int k = end;
            while (k < rest.length() && (rest.charAt(k) == ' ' || rest.charAt(k) == '\t')) k++;
            return end > 0 && k < rest.length() && rest.charAt(k) == '=';
        }
        int eq = t.indexOf('=');
        if (eq <= 0 || eq > 20) return false;
        return PARAMS.contains(t.substring(0, eq).strip().toLowerCase(Locale.ROOT));
    }

    /** The lines of {@code text} (CRLF, CR or LF), with each line's start offset in {@code starts}. */
    static List<String> lines(String text, List<Integer> starts) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int s = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                out.add(text.substring(s, i));
                starts.add(s);
                if (i < n && text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
                s = i + 1;
            }
        }
        return out;
    }
}
