package dev.tokenscope.cli;

import dev.tokenscope.engine.text.SafeText;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an error message may show of a value the user typed: the value itself when it is harmless, or what it looked
 * like when it looks like a token, a secret or a code (a JWT, a long run of base64-like characters). Error messages go to
 * terminals, CI logs and tickets: they never echo a credential, even one typed in the wrong place.
 */
final class Shown {
    private Shown() {
    }

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_.-]*)?");
    /** A run of token/secret characters long enough to be a credential (a client secret is 40, a code hundreds). */
    private static final Pattern SECRETISH = Pattern.compile("[A-Za-z0-9._~+/=-]{24,}");

    /** True when {@code s} looks like a token, a secret or a code rather than a name, a path or a word. */
    static boolean secretLike(String s) {
        if (s == null) return false;
        String v = s.strip();
        if (JWT.matcher(v).find()) return true;
        Matcher m = SECRETISH.matcher(v);
        while (m.find()) if (credential(m.group())) return true;
        return false;
    }

    /** A run of base64-like characters is a credential when it mixes cases and digits and is not a path or a URL. */
    private static boolean credential(String run) {
        if (run.contains("/") && !run.contains("~") && !run.contains("+")) return false; // a path or a URL
        boolean upper = false, lower = false, digit = false;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            if (c >= 'A' && c <= 'Z') upper = true;
            else if (c >= 'a' && c <= 'z') lower = true;
            else if (c >= '0' && c <= '9') digit = true;
        }
        if (run.contains("~")) return true; // Entra client secrets carry a '~'
        return upper && lower && digit && run.length() >= 32;
    }

    /** The value quoted for a message, or a description of it when it looks like a credential. */
    static String value(String s) {
        if (s == null) return "nothing";
        if (secretLike(s)) return "a value that looks like " + kind(s) + " (" + s.strip().length() + " characters; not printed)";
        return "\"" + SafeText.line(s) + "\"";
    }

    private static String kind(String s) {
        return JWT.matcher(s).find() ? "a token" : "a secret or a code";
    }

    /** A whole message with every token- or secret-looking part replaced by what it looked like. */
    static String message(String text) {
        if (text == null) return "";
        String t = JWT.matcher(text).replaceAll("<a token, not printed>");
        Matcher m = SECRETISH.matcher(t);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(credential(m.group()) ? "<a secret or code, not printed>" : m.group()));
        }
        m.appendTail(sb);
        return SafeText.line(sb.toString());
    }
}
