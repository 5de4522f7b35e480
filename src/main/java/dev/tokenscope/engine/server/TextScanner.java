package dev.tokenscope.engine.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads log lines and free text: IDX (Microsoft.IdentityModel), IDW (Microsoft.Identity.Web) and AADSTS (Entra) codes
 * with their messages (from the code to the next code), a Bearer challenge written into a log line (Spring), an embedded
 * JSON error, or else the catalogued phrases (Spring, passport-azure-ad, API Management). Linear scans only.
 */
final class TextScanner {
    static final String SOURCE = "log-lines";
    static final int MAX_SAID = 4000;

    private TextScanner() {
    }

    /** A code found at {@code start}. */
    record CodeAt(String code, int start) {
    }

    /** Reads one line of a log. */
    static void scanLine(String line, EvidenceBuilder out) {
        if (line.isBlank()) return;
        if (codes(line, SOURCE, Map.of(), out) > 0) {
            out.form(SOURCE);
            return;
        }
        int bearer = Texts.indexOfIgnoreCase(line, "Bearer ", 0);
        if (bearer >= 0 && line.indexOf('=', bearer) > 0 && ServerResponseParser.bareValue(line.substring(bearer))
                && ChallengeReader.read(line.substring(bearer), out)) return;
        int json = line.indexOf("{\"");
        if (json >= 0 && JsonErrorReader.read(line.substring(json), out)) return;
        String said = Texts.cut(line.strip(), MAX_SAID);
        for (Texts.PhraseMatch m : Texts.phrases(said)) {
            out.form(SOURCE);
            out.add(new ServerEvidence.Item(m.entry().key(), SOURCE, m.entry().key(), said,
                    Texts.values(said.substring(m.start()), m.entry().values())));
        }
    }

    /** Adds a finding for each IDX/IDW/AADSTS code in {@code text}, with {@code base} values; returns how many codes. */
    static int codes(String text, String source, Map<String, Object> base, EvidenceBuilder out) {
        List<CodeAt> found = find(text);
        for (int k = 0; k < found.size(); k++) {
            CodeAt c = found.get(k);
            int end = k + 1 < found.size() ? found.get(k + 1).start() : text.length();
            String said = Texts.cut(trimTail(text.substring(c.start(), Math.min(end, c.start() + MAX_SAID + 1))), MAX_SAID);
            Map<String, Object> values = new LinkedHashMap<>(base);
            CodeCatalogue.get().code(c.code()).ifPresent(e -> {
                values.putAll(Texts.values(said, e.values()));
                e.variants().stream().filter(v -> said.contains(v.contains())).findFirst()
                        .ifPresent(v -> values.put("library", v.versions()));
            });
            String pii = Texts.piiForm(said);
            if (pii != null) values.put("piiPlaceholder", pii);
            out.add(new ServerEvidence.Item(c.code(), source, null, said, values));
        }
        return found.size();
    }

    /** The codes in {@code text}: IDX/IDW and five digits, AADSTS and five to eight digits, not inside a longer word. */
    static List<CodeAt> find(String text) {
        List<CodeAt> out = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (ch != 'I' && ch != 'A') continue;
            if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) continue;
            int prefix = text.startsWith("IDX", i) || text.startsWith("IDW", i) ? 3 : text.startsWith("AADSTS", i) ? 6 : 0;
            if (prefix == 0) continue;
            int d = i + prefix;
            while (d < n && d - i - prefix < 9 && text.charAt(d) >= '0' && text.charAt(d) <= '9') d++;
            int digits = d - i - prefix;
            boolean ok = prefix == 3 ? digits == 5 : digits >= 5 && digits <= 8;
            if (ok && (d == n || !Character.isLetterOrDigit(text.charAt(d)))) {
                out.add(new CodeAt(text.substring(i, d), i));
                i = d - 1;
            }
        }
        return out;
    }

    private static String trimTail(String s) {
        int end = s.length();
        while (end > 0 && (Character.isWhitespace(s.charAt(end - 1)) || ",;\"|".indexOf(s.charAt(end - 1)) >= 0)) end--;
        return s.substring(0, end).strip();
    }

    /**
     * A coded error with its human text (an error_description, an ARM message, a ProblemDetails detail): the IDX/IDW/AADSTS
     * codes in the text when there are any (the error code goes into their values), else one finding per catalogued phrase,
     * else one finding with the text as said.
     */
    static void described(String code, String text, Map<String, Object> values, String source, EvidenceBuilder out) {
        String said = text == null || text.isBlank() ? code : Texts.cut(text.strip(), MAX_SAID);
        Map<String, Object> base = new LinkedHashMap<>(values);
        base.put("error", code);
        if (codes(said, source, base, out) > 0) return;
        List<Texts.PhraseMatch> phrases = Texts.phrases(said);
        if (phrases.isEmpty()) {
            out.add(new ServerEvidence.Item(code, source, null, said, values));
            return;
        }
        for (Texts.PhraseMatch m : phrases) {
            Map<String, Object> v = new LinkedHashMap<>(values);
            v.putAll(Texts.values(said.substring(m.start()), m.entry().values()));
            out.add(new ServerEvidence.Item(code, source, m.entry().key(), said, v));
        }
    }
}
