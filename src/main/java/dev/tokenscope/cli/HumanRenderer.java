package dev.tokenscope.cli;

import dev.tokenscope.engine.claims.ClaimView;
import dev.tokenscope.engine.report.ApiView;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.ServerView;
import dev.tokenscope.engine.report.KeyView;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.text.SafeText;

import java.util.List;

/**
 * Renders a report for a terminal: verdict banner, top diagnosis, steps with status words, claims with meanings. Every
 * text of the report passes {@link SafeText#line} (a claim, a URL or a server's message can quote the token), so nothing
 * in it reaches the terminal as a control sequence; the only escape sequences written are this renderer's colours.
 */
public final class HumanRenderer {
    private static final String RESET = "\u001b[0m", BOLD = "\u001b[1m", DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m", GREEN = "\u001b[32m", YELLOW = "\u001b[33m", CYAN = "\u001b[36m", GREY = "\u001b[90m";

    private final boolean color;

    public HumanRenderer(boolean color) {
        this.color = color;
    }

    public String render(Report r) {
        StringBuilder sb = new StringBuilder();
        String verdictColor = switch (r.verdict()) {
            case VALID -> r.summary().startsWith("Valid with warnings") ? YELLOW : GREEN;
            case INVALID -> RED;
            case UNDETERMINED -> GREY;
        };
        sb.append(paint(BOLD + verdictColor, r.verdict().json().toUpperCase() + " — " + safe(r.summary()))).append('\n');
        sb.append(paint(DIM, "Input: " + safe(r.input().description()))).append('\n');
        for (String note : r.input().notes()) sb.append(paint(DIM, "  note: " + safe(note))).append('\n');
        List<Report.CandidateView> cands = r.input().candidates();
        if (cands.size() > 1) {
            for (int i = 0; i < cands.size(); i++) {
                Report.CandidateView c = cands.get(i);
                sb.append(paint(DIM,
                        (i == r.input().selected() ? "  > inspecting " : "    also found ") + safe(c.role()) + " (" + safe(c.source())
                                + ", " + c.length() + " chars)")).append('\n');
            }
        }
        if (r.token() != null && r.token().type() != null) {
            sb.append(paint(DIM, "Token: " + r.token().kind().json().toUpperCase() + ", " + safe(r.token().type()))).append('\n');
        }
        if (!r.diagnoses().isEmpty()) {
            sb.append('\n');
            for (Diagnosis d : r.diagnoses()) {
                String label = "warn".equals(d.severity()) ? "Warning" : "info".equals(d.severity()) ? "Note" : "Diagnosis";
                sb.append(paint(BOLD, label + " [" + safe(d.id()) + "]: " + safe(d.summary()))).append('\n');
                if (d.explanation() != null) sb.append(wrap(safe(d.explanation()), "    ")).append('\n');
                if (d.fix() != null) sb.append(paint(CYAN, wrap("Fix: " + safe(d.fix()), "    "))).append('\n');
            }
        }
        server(sb, r);
        api(sb, r);
        if (!r.steps().isEmpty()) sb.append('\n').append(paint(BOLD, "Steps")).append('\n');
        int w = r.steps().stream().mapToInt(s -> safe(s.title()).length()).max().orElse(10);
        for (Step s : r.steps()) {
            sb.append("  ").append(paint(statusColor(s.status()), String.format("%-4s", s.status().json().toUpperCase())))
                    .append("  ").append(String.format("%-" + w + "s", safe(s.title()))).append("  ").append(safe(s.detail()));
            if (s.idx() != null && (s.status() == Status.FAIL || s.status() == Status.WARN)) {
                sb.append(paint(DIM, " [" + safe(s.idx()) + "]"));
            }
            sb.append('\n');
            if (s.hint() != null && (s.status() == Status.FAIL || s.status() == Status.WARN)) {
                sb.append(paint(CYAN, "        fix: " + safe(s.hint()))).append('\n');
            }
            for (ServerView.Finding f : r.serverFindings(s.id())) {
                sb.append(paint(YELLOW, "        the API said: " + safe(f.code()) + (f.said() == null ? "" : " — " + safe(f.said()))))
                        .append('\n');
            }
        }
        KeyView k = r.key();
        if (k != null) {
            sb.append('\n').append(paint(BOLD, "Signing key")).append('\n');
            if (k.kid() != null) sb.append("  kid ").append(safe(k.kid())).append(", ").append(safe(k.kty()))
                    .append(k.sizeBits() != null ? " " + k.sizeBits() + " bits" : "")
                    .append(k.matchedBy() != null ? ", matched by " + safe(k.matchedBy()) : "").append('\n');
            if (k.certificate() != null) sb.append("  certificate ").append(safe(k.certificate().subject())).append(", valid until ")
                    .append(safe(k.certificate().notAfter())).append('\n');
            if (k.source() != null) sb.append("  from ").append(safe(k.source()))
                    .append(k.cacheAge() != null ? " (" + safe(k.cacheAge()) + ")" : "").append('\n');
            if (k.keySet() != null) sb.append("  key set: ").append(k.keySet().size()).append(" keys: ")
                    .append(String.join(", ", k.keySet().stream().map(x -> (x.matched() ? "*" : "") + safe(x.kid())).toList()))
                    .append('\n');
        }
        if (r.token() != null) {
            if (!r.token().headerAnnotations().isEmpty()) {
                sb.append('\n').append(paint(BOLD, "Header")).append('\n');
                table(sb, r.token().headerAnnotations());
            }
            if (!r.token().claimAnnotations().isEmpty()) {
                sb.append('\n').append(paint(BOLD, "Claims")).append('\n');
                table(sb, r.token().claimAnnotations());
            }
        }
        return sb.toString();
    }

    /** "What the API said": each finding with the step it explains and what it means for this token. */
    private void server(StringBuilder sb, Report r) {
        ServerView v = r.server();
        if (v == null) return;
        sb.append('\n').append(paint(BOLD, "What the API said" + (v.status() != null ? " (HTTP " + v.status() + ")" : ""))).append('\n');
        for (String n : v.notes()) sb.append(paint(DIM, "  " + safe(n))).append('\n');
        for (ServerView.Finding f : v.findings()) {
            sb.append("  ").append(paint(BOLD, safe(f.code()))).append(f.step() != null ? paint(DIM, " (step " + safe(f.step()) + ")") : "")
                    .append(f.said() != null ? ": " + safe(f.said()) : "").append('\n');
            if (f.explanation() != null) sb.append(wrap(safe(f.explanation()), "    ")).append('\n');
        }
    }

    /** "API configuration": the file, the stack, every profile value with where it came from, and the stack's rules. */
    private void api(StringBuilder sb, Report r) {
        ApiView a = r.api();
        if (a == null) return;
        sb.append('\n').append(paint(BOLD, "API configuration: " + safe(a.source()) + " (" + safe(a.format()) + ")")).append('\n');
        for (ApiView.Setting st : a.settings()) {
            sb.append("  ").append(safe(st.field())).append(" = ").append(safe(st.value())).append(paint(DIM, "  ← " + safe(st.from())))
                    .append('\n');
        }
        for (String rule : a.semantics()) sb.append(wrap("· " + safe(rule), "  ")).append('\n');
        for (String n : a.notes()) sb.append(paint(DIM, "  note: " + safe(n))).append('\n');
    }

    private void table(StringBuilder sb, List<ClaimView> claims) {
        int w = Math.min(20, claims.stream().mapToInt(c -> c.displayName().length()).max().orElse(4));
        for (ClaimView c : claims) {
            String value = c.displayValue();
            if (value.codePointCount(0, value.length()) > 60) value = value.substring(0, value.offsetByCodePoints(0, 57)) + "…";
            sb.append("  ").append(String.format("%-" + w + "s", c.displayName())).append("  ").append(value);
            StringBuilder meaning = new StringBuilder();
            if (c.time() != null) meaning.append(safe(c.time().relative())).append(", ").append(safe(c.time().local()));
            if (c.interpretation() != null) meaning.append(meaning.length() > 0 ? "; " : "").append(safe(c.interpretation()));
            String title = c.inCatalogue() ? safe(c.title()) : "not in catalogue";
            sb.append(paint(DIM, "  — " + title + (meaning.length() > 0 ? ": " + meaning : "") + (c.pii() ? " [personal data]" : "")))
                    .append('\n');
            if (c.warning() != null) sb.append(paint(YELLOW, "      info: " + safe(c.warning()))).append('\n');
        }
    }

    private static String statusColor(Status s) {
        return switch (s) {
            case PASS -> GREEN;
            case WARN -> YELLOW;
            case FAIL -> RED + BOLD;
            case SKIP -> GREY;
            case INFO -> CYAN;
        };
    }

    /** Untrusted text on one line, escaped ({@link SafeText#line}); null stays null. */
    static String safe(String text) {
        return SafeText.line(text);
    }

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }

    static String wrap(String text, String indent) {
        StringBuilder sb = new StringBuilder(indent);
        int col = indent.length();
        for (String word : text.split(" ")) {
            if (col + word.length() > 100 && col > indent.length()) {
                sb.append('\n').append(indent);
                col = indent.length();
            }
            sb.append(word).append(' ');
            col += word.length() + 1;
        }
        return sb.toString().stripTrailing();
    }

}
