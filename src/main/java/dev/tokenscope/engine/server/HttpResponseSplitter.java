package dev.tokenscope.engine.server;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A pasted raw HTTP response: the status line ({@code HTTP/1.1 401 Unauthorized}, {@code HTTP/2 401}), the headers up to
 * the blank line (or the first line that is no header), WWW-Authenticate challenges read, date and request ids kept.
 * The body is left to the caller.
 */
final class HttpResponseSplitter {
    static final String FORM = "http-response";
    static final Set<String> KEPT = Set.of("date", "request-id", "x-ms-request-id", "client-request-id", "x-ms-correlation-request-id",
            "x-ms-ags-diagnostic", "x-ms-failure-cause", "traceparent", "x-request-id", "x-correlation-id");

    private HttpResponseSplitter() {
    }

    /** The status of a status line, or -1 when {@code line} is none. */
    static int status(String line) {
        String t = line.strip();
        if (!t.regionMatches(true, 0, "HTTP/", 0, 5)) return -1;
        int sp = t.indexOf(' ');
        if (sp < 0 || sp > 12 || t.length() < sp + 4) return -1;
        for (int k = sp + 1; k < sp + 4; k++) if (!Character.isDigit(t.charAt(k))) return -1;
        if (t.length() > sp + 4 && t.charAt(sp + 4) != ' ') return -1;
        return Integer.parseInt(t.substring(sp + 1, sp + 4));
    }

    /** Reads the response whose status line is {@code lines[from]}; returns the index of the body's first line. */
    static int read(List<String> lines, int from, EvidenceBuilder out) {
        int status = status(lines.get(from));
        out.form(FORM);
        out.status(status);
        String line0 = lines.get(from).strip();
        int i = from + 1;
        for (; i < lines.size(); i++) {
            String h = lines.get(i);
            if (h.isBlank()) { i++; break; }
            int colon = h.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(h.charAt(0)) || h.substring(0, colon).strip().contains(" ")) break;
            String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).strip();
            if (name.equals("www-authenticate")) ChallengeReader.read(value, out);
            else if (KEPT.contains(name)) out.context(name, value);
        }
        out.statusLine(line0);
        return i;
    }
}
