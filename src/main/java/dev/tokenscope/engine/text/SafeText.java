package dev.tokenscope.engine.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes untrusted text (claim values, header members, HAR URLs, server messages, flow-log lines) visible as what it
 * is before a face shows it: a value can neither drive a terminal nor display differently from what it holds.
 *
 * <p>Escaped as a backslash, {@code u} and four lower-case hex digits (ESC shows as the six characters backslash,
 * u, 0, 0, 1, b; a code point above U+FFFF as backslash, u and its hex digits in braces): control characters (C0
 * including ESC, BEL, CR, LF and TAB; DEL; C1 U+0080–U+009F), the
 * line and paragraph separators U+2028/U+2029, format characters (Unicode category Cf: bidirectional marks,
 * embeddings, overrides and isolates U+061C, U+200E/U+200F, U+202A–U+202E, U+2066–U+2069; invisible characters
 * U+00AD, U+200B–U+200D, U+2060, U+FEFF, tag characters …) and unpaired surrogates. Everything else, letters of
 * any script and emoji included, stays as it is; a zero-width joiner between two symbols (an emoji sequence such
 * as a family) stays too. A backslash is not escaped: {@link #describe(String)} says when a value had characters
 * escaped, so the six characters of an escape typed in a value can't pass for an escaped one in a face that shows the note.
 */
public final class SafeText {
    public static final String TERMINAL_CONTROL = "contains a terminal control sequence (ESC)";
    public static final String RIGHT_TO_LEFT_OVERRIDE = "contains a right-to-left override: the text displays differently from what it is";
    public static final String BIDI_CONTROL =
            "contains bidirectional formatting characters: the text may display differently from what it is";
    public static final String LINE_BREAK = "contains a line break: one value can pass for several lines";
    public static final String CONTROL = "contains control characters";
    public static final String INVISIBLE = "contains invisible characters";
    public static final String BROKEN = "contains a broken character (an unpaired surrogate)";

    private static final char ESC = '\u001b', CSI = '\u009b', OSC = '\u009d', RLO = '\u202e', ZWJ = '\u200d';

    private SafeText() {
    }

    /** A one-line, user-facing description of a failure: its message, never a stack trace. */
    public static String friendly(Throwable ex) {
        if (ex == null) return "unknown error";
        Throwable t = ex;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) t = t.getCause();
        String m = t.getMessage();
        if (m == null || m.isBlank()) return t.getClass().getSimpleName();
        m = m.strip();
        int nl = m.indexOf('\n');
        return line(nl > 0 ? m.substring(0, nl) : m); // a message can quote the input
    }

    /** One line: every character {@link #needsEscape} flags escaped, line breaks and tabs included. Null stays null. */
    public static String line(String s) {
        return escape(s, false);
    }

    /**
     * Several lines (a pretty-printed JSON document, a server's message): as {@link #line} but LF and TAB stay, and
     * CR LF becomes LF. Null stays null.
     */
    public static String lines(String s) {
        return escape(s, true);
    }

    /** True when {@link #line} would change {@code s}. */
    public static boolean isPlain(String s) {
        if (s == null) return true;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (needsEscape(s, i, cp)) return false;
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * What {@code s} holds that a reader should know, one phrase each in a fixed order ("contains a terminal control
     * sequence (ESC)", "contains a right-to-left override: …", "contains invisible characters" …); empty for plain text.
     */
    public static List<String> describe(String s) {
        Set<String> found = new LinkedHashSet<>();
        collect(s, found);
        return order(found);
    }

    /** The phrases of {@link #describe} for several texts together (a claim's name and every string inside its value). */
    public static List<String> describe(Iterable<String> texts) {
        Set<String> found = new LinkedHashSet<>();
        for (String s : texts) collect(s, found);
        return order(found);
    }

    /**
     * An info note for a value holding such characters: "Contains a right-to-left override: …; contains invisible
     * characters. Shown escaped as …" or null when the phrases are empty.
     */
    public static String note(List<String> phrases) {
        if (phrases == null || phrases.isEmpty()) return null;
        String joined = String.join("; ", phrases);
        return Character.toUpperCase(joined.charAt(0)) + joined.substring(1) + ". Shown escaped as \\uXXXX.";
    }

    /** {@link #note(List)} of {@link #describe(String)}. */
    public static String note(String s) {
        return note(describe(s));
    }

    private static String escape(String s, boolean multiLine) {
        if (s == null || isPlain(s) && !multiLine) return s;
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (multiLine && (cp == '\n' || cp == '\t')) sb.append((char) cp);
            else if (multiLine && cp == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') { /* CR LF → LF */ }
            else if (needsEscape(s, i, cp)) appendEscape(sb, cp);
            else sb.appendCodePoint(cp);
            i += n;
        }
        return sb.toString();
    }

    private static void appendEscape(StringBuilder sb, int cp) {
        if (Character.isBmpCodePoint(cp)) sb.append("\\u").append(String.format(Locale.ROOT, "%04x", cp));
        else sb.append("\\u{").append(Integer.toHexString(cp)).append('}');
    }

    /** The code point {@code cp} at index {@code i} of {@code s} is not shown as is. */
    static boolean needsEscape(String s, int i, int cp) {
        if (cp < 0x20 || cp == 0x7f) return true; // fast path for ASCII
        if (cp < 0x7f) return false;
        int type = Character.getType(cp);
        return switch (type) {
            case Character.CONTROL, Character.SURROGATE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            case Character.FORMAT -> !(cp == ZWJ && joinsEmoji(s, i));
            default -> false;
        };
    }

    /** A zero-width joiner between two symbols (emoji, with an optional variation selector or modifier before it). */
    private static boolean joinsEmoji(String s, int i) {
        if (i == 0 || i + 1 >= s.length()) return false;
        int before = s.codePointBefore(i);
        int after = s.codePointAt(i + 1);
        boolean symbolBefore = before == 0xfe0f || Character.getType(before) == Character.OTHER_SYMBOL
                || Character.getType(before) == Character.MODIFIER_SYMBOL;
        return symbolBefore && Character.getType(after) == Character.OTHER_SYMBOL;
    }

    private static void collect(String s, Set<String> found) {
        if (s == null) return;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (needsEscape(s, i, cp)) found.add(phrase(cp));
            i += Character.charCount(cp);
        }
    }

    private static String phrase(int cp) {
        if (cp == ESC || cp == CSI || cp == OSC) return TERMINAL_CONTROL;
        if (cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029) return LINE_BREAK;
        if (cp == RLO) return RIGHT_TO_LEFT_OVERRIDE;
        if (isBidi(cp)) return BIDI_CONTROL;
        int type = Character.getType(cp);
        if (type == Character.CONTROL) return CONTROL;
        if (type == Character.SURROGATE) return BROKEN;
        return INVISIBLE;
    }

    /** Bidirectional marks, embeddings, overrides and isolates. */
    static boolean isBidi(int cp) {
        return cp == 0x061c || cp == 0x200e || cp == 0x200f || cp >= 0x202a && cp <= 0x202e || cp >= 0x2066 && cp <= 0x2069;
    }

    private static final List<String> ORDER =
            List.of(TERMINAL_CONTROL, RIGHT_TO_LEFT_OVERRIDE, BIDI_CONTROL, LINE_BREAK, CONTROL, INVISIBLE, BROKEN);

    private static List<String> order(Set<String> found) {
        List<String> out = new ArrayList<>();
        for (String p : ORDER) if (found.contains(p)) out.add(p);
        return List.copyOf(out);
    }
}
