package dev.tokenscope.ui.model;

import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.util.Map;

/** How a validation step looks: a status word, an icon and a style class (never colour alone), and its text for copying. */
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

    /** The step as plain text, as the copy button puts it on the clipboard. */
    public static String copyText(Step s) {
        StringBuilder sb = new StringBuilder();
        sb.append(word(s.status())).append("  ").append(s.title()).append(" [").append(s.id()).append("]\n");
        if (!s.detail().isEmpty()) sb.append(s.detail()).append('\n');
        for (Map.Entry<String, String> e : s.evidence().entrySet()) sb.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        if (s.hint() != null && !s.hint().isBlank()) sb.append("Fix: ").append(s.hint()).append('\n');
        if (s.idx() != null && !s.idx().isBlank()) sb.append("Server error code: ").append(s.idx()).append('\n');
        return sb.toString();
    }
}
