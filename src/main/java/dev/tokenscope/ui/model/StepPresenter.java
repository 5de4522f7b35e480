package dev.tokenscope.ui.model;

import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.text.SafeText;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a validation step looks: a status word, an icon and a style class (never colour alone), its texts and its text for
 * copying. A step's texts can quote the token (an audience, an issuer, a kid), so they are shown escaped ({@link SafeText#line}).
 */
public final class StepPresenter {
    private StepPresenter() {
    }

    /** The style class every status-coloured node carries: status-pass, status-warn, status-fail, status-skip, status-info. */
    public static String styleClass(Status s) {
        return "status-" + s.json();
    }

    public static String word(Status s) {
        return s.name();
    }

    /** The Material Design 2 icon literal for a status. */
    public static String icon(Status s) {
        return switch (s) {
            case PASS -> "mdi2c-check-circle";
            case WARN -> "mdi2a-alert";
            case FAIL -> "mdi2c-close-circle";
            case SKIP -> "mdi2m-minus-circle-outline";
            case INFO -> "mdi2i-information-outline";
        };
    }

    /** What a screen reader (and a tooltip) says for a status. */
    public static String describe(Status s) {
        return switch (s) {
            case PASS -> "passed";
            case WARN -> "passed with a warning";
            case FAIL -> "failed";
            case SKIP -> "skipped";
            case INFO -> "information only";
        };
    }

    public static String title(Step s) {
        return SafeText.line(s.title());
    }

    /** The detail line, escaped; "" when there is none. */
    public static String detail(Step s) {
        return s.detail() == null ? "" : SafeText.line(s.detail());
    }

    /** The fix, escaped, or null. */
    public static String hint(Step s) {
        return SafeText.line(s.hint());
    }

    /** The server error code (IDX…), escaped, or null. */
    public static String idx(Step s) {
        return SafeText.line(s.idx());
    }

    /** The evidence, names and values escaped, in order. */
    public static Map<String, String> evidence(Step s) {
        Map<String, String> out = new LinkedHashMap<>();
        s.evidence().forEach((k, v) -> out.put(SafeText.line(k), SafeText.line(v)));
        return out;
    }

    /** The step as plain text, as the copy button puts it on the clipboard (escaped like the screen). */
    public static String copyText(Step s) {
        StringBuilder sb = new StringBuilder();
        sb.append(word(s.status())).append("  ").append(title(s)).append(" [").append(SafeText.line(s.id())).append("]\n");
        if (!detail(s).isEmpty()) sb.append(detail(s)).append('\n');
        for (Map.Entry<String, String> e : evidence(s).entrySet()) sb.append("  ").append(e.getKey()).append(": ").append(e.getValue())
                .append('\n');
        if (s.hint() != null && !s.hint().isBlank()) sb.append("Fix: ").append(hint(s)).append('\n');
        if (s.idx() != null && !s.idx().isBlank()) sb.append("Server error code: ").append(idx(s)).append('\n');
        return sb.toString();
    }
}
