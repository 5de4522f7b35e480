package dev.tokenscope.engine.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain scans over the server's text (no regular expressions, so hostile input costs linear time): labelled values
 * ("Audiences: '…'"), Microsoft.IdentityModel's PII placeholders, and the catalogued phrases.
 */
final class Texts {
    /** Longest value read after a label; longer ones are cut. */
    static final int MAX_VALUE = 4000;
    static final String HIDDEN = "hidden";

    private Texts() {
    }

    /** A phrase of the catalogue found in a text, at {@code start}. */
    record PhraseMatch(CodeCatalogue.Entry entry, int start) {
    }

    /**
     * The values after each label of {@code labels} in {@code text} (first occurrence). A label ending in a quote reads up
     * to the closing quote; a PII placeholder there is not a value: its name goes to the list under {@link #HIDDEN}.
     */
    static Map<String, Object> values(String text, Map<String, String> labels) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> hidden = new ArrayList<>();
        for (Map.Entry<String, String> l : labels.entrySet()) {
            int at = text.indexOf(l.getKey());
            if (at < 0) continue;
            int start = at + l.getKey().length();
            String name = l.getValue();
            if (l.getKey().endsWith("'")) {
                if (text.startsWith("[PII", start) || text.startsWith("[Security Artifact", start)) {
                    hidden.add(name);
                    continue;
                }
                int end = text.indexOf('\'', start);
                if (end < 0 || end - start > MAX_VALUE) end = Math.min(text.length(), start + MAX_VALUE);
                out.put(name, text.substring(start, end));
            } else {
                int end = start;
                int limit = Math.min(text.length(), start + MAX_VALUE);
                while (end < limit && " \t\"',;\\".indexOf(text.charAt(end)) < 0) end++;
                String v = text.substring(start, end);
                if (v.endsWith(".")) v = v.substring(0, v.length() - 1);
                if (!v.isEmpty()) out.put(name, v);
            }
        }
        if (!hidden.isEmpty()) out.put(HIDDEN, List.copyOf(hidden));
        return out;
    }

    /** Which Microsoft.IdentityModel versions write the PII placeholder found in {@code text}, or null when there is none. */
    static String piiForm(String text) {
        if (text.contains("[PII of type '")) return "Microsoft.IdentityModel 6.15.1 or later (the placeholder names the value's type)";
        if (text.contains("[PII is hidden. For more details")) return "Microsoft.IdentityModel 5.7.0 to 6.14.x";
        if (text.contains("[PII is hidden]")) return "Microsoft.IdentityModel 5.3.x (the oldest placeholder)";
        if (text.contains("[Security Artifact of type '")) {
            return "Microsoft.IdentityModel 6.34+ or 7.0.3+ with ShowPII on (the token itself stays hidden)";
        }
        return null;
    }

    /** The catalogued phrases in {@code text}, longest first and never two over the same characters, then in text order. */
    static List<PhraseMatch> phrases(String text) {
        String lower = lower(text);
        List<PhraseMatch> out = new ArrayList<>();
        List<int[]> taken = new ArrayList<>();
        for (int k = 0; k < Phrases.BY_LENGTH.size(); k++) {
            CodeCatalogue.Entry e = Phrases.BY_LENGTH.get(k);
            int at = lower.indexOf(Phrases.LOWER.get(k));
            if (at < 0) continue;
            int end = at + e.contains().length();
            if (taken.stream().anyMatch(r -> at < r[1] && r[0] < end)) continue;
            if (out.stream().anyMatch(m -> m.entry().key().equals(e.key()))) continue;
            taken.add(new int[]{at, end});
            out.add(new PhraseMatch(e, at));
        }
        out.sort(Comparator.comparingInt(PhraseMatch::start));
        return out;
    }

    /** The catalogue's phrases, longest first, and their lower-case texts (computed once). */
    private static final class Phrases {
        static final List<CodeCatalogue.Entry> BY_LENGTH;
        static final List<String> LOWER;

        static {
            List<CodeCatalogue.Entry> l = new ArrayList<>(CodeCatalogue.get().phrases());
            l.sort(Comparator.comparingInt((CodeCatalogue.Entry e) -> e.contains().length()).reversed());
            BY_LENGTH = List.copyOf(l);
            LOWER = l.stream().map(e -> lower(e.contains())).toList();
        }
    }

    /** Lower case char by char, so offsets stay those of the original text. */
    static String lower(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) c[i] = Character.toLowerCase(c[i]);
        return new String(c);
    }

    /** {@code s} cut to {@code max} characters with an ellipsis. */
    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** Index of {@code needle} in {@code hay} ignoring ASCII case, from {@code from}; -1 when absent. */
    static int indexOfIgnoreCase(String hay, String needle, int from) {
        int n = needle.length();
        char first = Character.toLowerCase(needle.charAt(0));
        for (int i = Math.max(0, from); i + n <= hay.length(); i++) {
            if (Character.toLowerCase(hay.charAt(i)) == first && hay.regionMatches(true, i, needle, 0, n)) return i;
        }
        return -1;
    }
}
