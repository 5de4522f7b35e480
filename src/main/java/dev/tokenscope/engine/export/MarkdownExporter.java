package dev.tokenscope.engine.export;

import dev.tokenscope.engine.json.Json;
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
import java.util.Map;

/**
 * A redacted report as Markdown for a ticket: verdict, redaction notes, diagnoses with fixes, the steps as a
 * table with status words, the token (header.payload), header and claims. Every value from the token is put in
 * a code span or block, so nothing in a claim can turn into a link, an image or HTML in the ticket; control,
 * bidirectional and invisible characters are escaped ({@link SafeText}), and a table cell stays one cell on one line.
 */
public final class MarkdownExporter {

    public String render(Redactor.Redacted redacted) {
        Report r = redacted.report();
        StringBuilder sb = new StringBuilder();
        sb.append("# Tokenscope report: ").append(r.verdict().json().toUpperCase()).append("\n\n");
        sb.append("**").append(text(r.summary())).append("**\n\n");
        sb.append("Evaluated at ").append(code(r.evaluatedAt())).append(" by ").append(text(r.tool())).append(' ').append(text(r.version()))
                .append(".\n\n");
        for (String note : redacted.notes()) sb.append("> **Note:** ").append(text(note)).append("\n>\n");
        if (!redacted.notes().isEmpty()) sb.setLength(sb.length() - 2);
        sb.append("\n\n");

        if (r.input() != null) {
            sb.append("## Input\n\n").append(text(r.input().description())).append("\n\n");
            for (String note : r.input().notes()) sb.append("- note: ").append(text(note)).append('\n');
            List<Report.CandidateView> cands = r.input().candidates();
            if (cands.size() > 1) {
                for (int i = 0; i < cands.size(); i++) {
                    Report.CandidateView c = cands.get(i);
                    sb.append("- ").append(i == r.input().selected() ? "**inspected:** " : "also found: ").append(text(c.role()))
                            .append(" (").append(text(c.source())).append(", ").append(c.length()).append(" characters)\n");
                }
            }
            if (!r.input().notes().isEmpty() || cands.size() > 1) sb.append('\n');
        }

        if (!r.diagnoses().isEmpty()) {
            sb.append("## Diagnosis\n\n");
            for (Diagnosis d : r.diagnoses()) {
                sb.append("### ").append(text(d.summary())).append(" (").append(code(d.id())).append(")\n\n");
                if (d.explanation() != null) sb.append(text(d.explanation())).append("\n\n");
                if (d.fix() != null) sb.append("**Fix:** ").append(text(d.fix())).append("\n\n");
            }
        }

        if (r.server() != null) {
            sb.append("## What the API said").append(r.server().status() != null ? " (HTTP " + r.server().status() + ")" : "")
                    .append("\n\n");
            for (String n : r.server().notes()) sb.append("- ").append(text(n)).append('\n');
            for (ServerView.Finding f : r.server().findings()) {
                sb.append("- ").append(code(f.code())).append(f.step() != null ? " (step " + code(f.step()) + ")" : "")
                        .append(f.said() != null ? ": " + text(f.said()) : "").append("  \n  ").append(text(f.explanation())).append('\n');
            }
            sb.append('\n');
        }
        if (r.api() != null) {
            sb.append("## API configuration: ").append(text(r.api().source())).append(" (").append(code(r.api().format())).append(")\n\n")
                    .append("| Field | Value | From |\n| --- | --- | --- |\n");
            for (ApiView.Setting st : r.api().settings()) {
                sb.append("| ").append(cell(st.field())).append(" | ").append(cell(st.value())).append(" | ").append(cell(st.from()))
                        .append(" |\n");
            }
            sb.append('\n');
            for (String rule : r.api().semantics()) sb.append("- ").append(text(rule)).append('\n');
            for (String n : r.api().notes()) sb.append("- *").append(text(n)).append("*\n");
            sb.append('\n');
        }

        if (!r.steps().isEmpty()) {
            sb.append("## Steps\n\n| Status | Step | Detail |\n| --- | --- | --- |\n");
            for (Step s : r.steps()) {
                sb.append("| ").append(statusWord(s.status())).append(" | ").append(cell(s.title())).append(" | ").append(cell(s.detail()));
                if (s.idx() != null && (s.status() == Status.FAIL || s.status() == Status.WARN)) sb.append(" ").append(code(s.idx()));
                if (s.hint() != null && (s.status() == Status.FAIL || s.status() == Status.WARN)) sb.append("<br>**Fix:** ")
                        .append(cell(s.hint()));
                sb.append(" |\n");
            }
            sb.append('\n');
            boolean any = false;
            for (Step s : r.steps()) {
                if (s.evidence().isEmpty() || s.status() == Status.SKIP) continue;
                if (!any) sb.append("<details><summary>Evidence</summary>\n\n");
                any = true;
                sb.append("**").append(text(s.title())).append("** (").append(statusWord(s.status())).append(")\n\n");
                for (Map.Entry<String, String> e : s.evidence().entrySet()) {
                    sb.append("- ").append(text(e.getKey())).append(": ").append(code(e.getValue())).append('\n');
                }
                sb.append('\n');
            }
            if (any) sb.append("</details>\n\n");
        }

        Report.TokenView t = r.token();
        if (t != null) {
            sb.append("## Token\n\n");
            sb.append("- kind: ").append(code(t.kind().json())).append('\n');
            if (t.type() != null) sb.append("- type: ").append(text(t.type())).append('\n');
            if (t.issuerKind() != null) sb.append("- issuer kind: ").append(code(t.issuerKind())).append('\n');
            if (t.signatureBytes() >= 0) sb.append("- signature: ").append(t.signatureBytes()).append(" bytes\n");
            for (var p : t.problems()) sb.append("- problem: ").append(text(p.toString())).append('\n');
            sb.append('\n');
            if (redacted.token() != null) {
                sb.append(Redactor.tokenLabel(redacted)).append("\n\n");
                sb.append(fence(redacted.token(), "text"));
            }
            if (t.header() != null) sb.append("### Header\n\n").append(fence(Json.pretty(t.header()), "json"));
            if (t.claims() != null) sb.append("### Claims\n\n").append(fence(Json.pretty(t.claims()), "json"));
            if (!t.claimAnnotations().isEmpty()) {
                sb.append("| Claim | Value | Meaning |\n| --- | --- | --- |\n");
                for (ClaimView c : t.claimAnnotations()) {
                    StringBuilder meaning = new StringBuilder(c.inCatalogue() && c.title() != null ? c.title() : "not in catalogue");
                    if (c.time() != null) meaning.append(": ").append(c.time().utc()).append(", ").append(c.time().relative());
                    if (c.interpretation() != null) meaning.append("; ").append(c.interpretation());
                    if (c.pii()) meaning.append(" (personal data)");
                    if (c.warning() != null) meaning.append(" — info: ").append(c.warning());
                    sb.append("| ").append(code(c.name())).append(" | ").append(code(shorten(c.displayValue(), 200))).append(" | ")
                            .append(cell(meaning.toString())).append(" |\n");
                }
                sb.append('\n');
            }
            for (ClaimView h : t.headerAnnotations()) {
                if (h.warning() != null) sb.append("- header member ").append(code(h.name())).append(": info: ").append(text(h.warning()))
                        .append('\n');
            }
            if (t.headerAnnotations().stream().anyMatch(h -> h.warning() != null)) sb.append('\n');
        }

        KeyView k = r.key();
        if (k != null) {
            sb.append("## Signing key\n\n");
            if (k.kid() != null) sb.append("- kid: ").append(code(k.kid())).append('\n');
            if (k.kty() != null) sb.append("- type: ").append(code(k.kty() + (k.sizeBits() != null ? " " + k.sizeBits() + " bits" : "")))
                    .append('\n');
            if (k.matchedBy() != null) sb.append("- matched by: ").append(code(k.matchedBy())).append('\n');
            if (k.thumbprint() != null) sb.append("- JWK thumbprint: ").append(code(k.thumbprint())).append('\n');
            if (k.issuer() != null) sb.append("- key issuer: ").append(code(k.issuer())).append('\n');
            if (k.certificate() != null) {
                sb.append("- certificate: ").append(code(k.certificate().subject())).append(", valid ")
                        .append(code(k.certificate().notBefore())).append(" to ").append(code(k.certificate().notAfter())).append('\n');
            }
            if (k.source() != null) sb.append("- from: ").append(code(k.source()))
                    .append(k.cacheAge() != null ? " (" + text(k.cacheAge()) + ")" : "").append('\n');
            if (k.keySet() != null && !k.keySet().isEmpty()) {
                sb.append("- key set (").append(k.keySet().size()).append("): ");
                for (int i = 0; i < k.keySet().size(); i++) {
                    KeyView.KeySummary s = k.keySet().get(i);
                    if (i > 0) sb.append(", ");
                    sb.append(code(String.valueOf(s.kid()))).append(s.matched() ? " (matched)" : "");
                }
                sb.append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String statusWord(Status s) {
        return switch (s) {
            case PASS -> "✅ PASS";
            case WARN -> "⚠️ WARN";
            case FAIL -> "❌ FAIL";
            case SKIP -> "⏭️ SKIP";
            case INFO -> "ℹ️ INFO";
        };
    }

    /**
     * Prose on one line: untrusted characters escaped ({@link SafeText#line}), Markdown and HTML metacharacters too, so text stays text.
     */
    static String text(String raw) {
        if (raw == null) return "";
        String s = SafeText.line(raw);
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '#', '|', '!', '~' -> sb.append('\\').append(c);
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A table cell: prose on one line. */
    static String cell(String s) {
        return text(s);
    }

    /** A code span that holds any text: delimited by more backticks than it contains, pipes escaped for tables. */
    static String code(String s) {
        if (s == null) return "";
        String v = SafeText.line(s);
        int longest = 0, run = 0;
        for (int i = 0; i < v.length(); i++) {
            run = v.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String ticks = "`".repeat(longest + 1);
        boolean pad = v.startsWith("`") || v.endsWith("`") || v.isEmpty();
        return ticks + (pad ? " " : "") + v.replace("|", "\\|") + (pad ? " " : "") + ticks;
    }

    /** A fenced block that the content cannot close; untrusted characters escaped, line breaks kept ({@link SafeText#lines}). */
    static String fence(String raw, String lang) {
        String s = SafeText.lines(raw);
        int longest = 0, run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String f = "`".repeat(Math.max(3, longest + 1));
        return f + lang + "\n" + s + (s.endsWith("\n") ? "" : "\n") + f + "\n\n";
    }

    /** At most {@code max} code points (never half a surrogate pair). */
    private static String shorten(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }
}
