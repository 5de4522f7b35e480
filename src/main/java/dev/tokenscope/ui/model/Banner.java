package dev.tokenscope.ui.model;

import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.text.SafeText;

/**
 * The verdict banner: green "Valid for …", amber "Valid with warnings …", red "Not valid: …", grey "Could not
 * finish: …"; the text is always the engine's own summary, escaped ({@link SafeText#line}: it can quote the token).
 *
 * @param kind       what the banner says
 * @param text       the headline (the report's summary)
 * @param styleClass verdict-valid, verdict-warning, verdict-invalid, verdict-undetermined or verdict-none
 * @param icon       the Material Design 2 icon literal
 */
public record Banner(Kind kind, String text, String styleClass, String icon) {
    public enum Kind { NONE, VALID, WARNING, INVALID, UNDETERMINED }

    public static final String EMPTY_TEXT =
            "Paste a token, a Bearer header or a token response (Ctrl+V), drop a file, or pick File ▸ Samples";

    public static Banner of(Report r) {
        if (r == null) return new Banner(Kind.NONE, EMPTY_TEXT, "verdict-none", "mdi2s-shield-search");
        Kind k = switch (r.verdict()) {
            case VALID -> r.steps().stream().anyMatch(s -> s.status() == Status.WARN) ? Kind.WARNING : Kind.VALID;
            case INVALID -> Kind.INVALID;
            case UNDETERMINED -> Kind.UNDETERMINED;
        };
        String icon = switch (k) {
            case VALID -> "mdi2s-shield-check";
            case WARNING -> "mdi2s-shield-alert";
            case INVALID -> "mdi2s-shield-remove";
            default -> "mdi2s-shield-off-outline";
        };
        return new Banner(k, SafeText.line(r.summary()), "verdict-" + k.name().toLowerCase(java.util.Locale.ROOT), icon);
    }

    /**
     * The banner for a report judged against a named profile: "Valid for Orders API (prod): aud …", "Not valid for Orders
     * API (prod): …"; the unsaved default profile keeps the engine's words.
     */
    public static Banner of(Report r, JudgedAgainst judged) {
        Banner b = of(r);
        if (r == null || judged == null || !judged.named()) return b;
        String name = SafeText.line(judged.profile());
        String t = b.text();
        String text = t;
        for (String prefix : new String[]{"Valid with warnings for ", "Valid for "}) {
            if (t.startsWith(prefix)) {
                text = prefix + name + ": aud " + t.substring(prefix.length());
                break;
            }
        }
        if (t.startsWith("Not valid: ")) text = "Not valid for " + name + ": " + t.substring("Not valid: ".length());
        else if (t.startsWith("Not trusted: ")) text = "Not trusted by " + name + ": " + t.substring("Not trusted: ".length());
        return new Banner(b.kind(), text, b.styleClass(), b.icon());
    }

    /**
     * What a report still tells beside its verdict: its warn and info diagnoses ("Warning: Group overage …"), one a line,
     * most important first; "" when there are none (an error diagnosis is the headline's, not a note).
     */
    public static String notes(Report r) {
        if (r == null) return "";
        return String.join("\n", r.diagnoses().stream().filter(d -> !"error".equals(d.severity()))
                .map(d -> ("warn".equals(d.severity()) ? "Warning: " : "Note: ") + SafeText.line(d.summary())).toList());
    }

    /** The verdict word in front of the headline, so the banner never relies on colour alone. */
    public String word() {
        return switch (kind) {
            case NONE -> "";
            case VALID -> "VALID";
            case WARNING -> "VALID, WARNINGS";
            case INVALID -> "NOT VALID";
            case UNDETERMINED -> "UNDETERMINED";
        };
    }

    public static boolean isVerdict(Report r, Verdict v) {
        return r != null && r.verdict() == v;
    }
}
