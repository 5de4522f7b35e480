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
 * A redacted report as one self-contained HTML page: inline CSS, no script and no external resource (a
 * Content-Security-Policy forbids both, in case a viewer is careless), steps colour-coded like the GUI and
 * always labelled with their status word. Every text is escaped, control, bidirectional and invisible characters
 * included ({@link SafeText}); the output is also well-formed XML, so it can be checked with any XML parser.
 */
public final class HtmlExporter {
    // "\" at a line's end joins it with the next: one line of CSS
    static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;\
            color:#1f2328;background:#fff;line-height:1.45}
            h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}\
            h3{font-size:1.05em}
            .verdict{display:inline-block;padding:.1em .6em;border-radius:.3em;font-weight:700;color:#fff}
            .verdict.valid{background:#1a7f37}.verdict.invalid{background:#cf222e}.verdict.undetermined{background:#6e7781}
            .summary{font-size:1.1em;font-weight:600}.meta{color:#57606a}
            .note{border-left:4px solid #bf8700;background:#fff8c5;padding:.4em .8em;margin:.6em 0}
            table{border-collapse:collapse;width:100%;margin:.6em 0}\
            th,td{border:1px solid #d0d7de;padding:.3em .5em;text-align:left;vertical-align:top}
            th{background:#f6f8fa}
            td.status{font-weight:700;white-space:nowrap}
            tr.pass td.status{color:#1a7f37;background:#dafbe1}tr.warn td.status{color:#9a6700;background:#fff8c5}
            tr.fail td.status{color:#cf222e;background:#ffebe9}tr.skip td.status{color:#57606a;background:#f6f8fa}\
            tr.info td.status{color:#0969da;background:#ddf4ff}
            tr.fail td{border-color:#ff8182}
            .diag{border:1px solid #ff8182;border-radius:.4em;padding:.2em 1em;margin:.8em 0;background:#fffafa}
            .fix{color:#0550ae}.idx{color:#57606a;font-family:ui-monospace,monospace;font-size:.9em}
            code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
            pre{background:#f6f8fa;padding:.6em;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
            dl.evidence{margin:.2em 0 0;font-size:.9em}dl.evidence dt{color:#57606a}\
            dl.evidence dd{margin:0 0 .2em 1.2em;word-break:break-all}
            .pii{color:#9a6700}.warning{color:#9a6700;font-size:.9em}
            """;

    public String render(Redactor.Redacted redacted) {
        Report r = redacted.report();
        StringBuilder sb = new StringBuilder(16384);
        String verdict = r.verdict().json();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<meta name=\"generator\" content=\"").append(esc(r.tool() + " " + r.version())).append("\"/>\n")
                .append("<title>Tokenscope report: ").append(esc(verdict.toUpperCase())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        sb.append("<h1>Tokenscope report <span class=\"verdict ").append(esc(verdict)).append("\" id=\"verdict\">")
                .append(esc(verdict.toUpperCase())).append("</span></h1>\n");
        sb.append("<p class=\"summary\" id=\"summary\">").append(esc(r.summary())).append("</p>\n");
        sb.append("<p class=\"meta\">Evaluated at <code>").append(esc(r.evaluatedAt())).append("</code> by ")
                .append(esc(r.tool() + " " + r.version())).append(".</p>\n");
        for (String note : redacted.notes()) sb.append("<p class=\"note\"><strong>Note:</strong> ").append(esc(note)).append("</p>\n");

        if (r.input() != null) {
            sb.append("<h2>Input</h2>\n<p>").append(esc(r.input().description())).append("</p>\n");
            List<Report.CandidateView> cands = r.input().candidates();
            if (!r.input().notes().isEmpty() || cands.size() > 1) {
                sb.append("<ul>\n");
                for (String n : r.input().notes()) sb.append("<li>note: ").append(esc(n)).append("</li>\n");
                if (cands.size() > 1) {
                    for (int i = 0; i < cands.size(); i++) {
                        Report.CandidateView c = cands.get(i);
                        sb.append("<li>").append(i == r.input().selected() ? "<strong>inspected:</strong> " : "also found: ")
                                .append(esc(c.role())).append(" (").append(esc(c.source())).append(", ").append(c.length())
                                .append(" characters)</li>\n");
                    }
                }
                sb.append("</ul>\n");
            }
        }

        if (!r.diagnoses().isEmpty()) {
            sb.append("<h2>Diagnosis</h2>\n");
            for (Diagnosis d : r.diagnoses()) {
                sb.append("<div class=\"diag\" id=\"diagnosis-").append(esc(d.id())).append("\">\n<h3>").append(esc(d.summary()))
                        .append(" <span class=\"idx\">").append(esc(d.id())).append("</span></h3>\n");
                if (d.explanation() != null) sb.append("<p>").append(esc(d.explanation())).append("</p>\n");
                if (d.fix() != null) sb.append("<p class=\"fix\"><strong>Fix:</strong> ").append(esc(d.fix())).append("</p>\n");
                sb.append("</div>\n");
            }
        }

        if (r.server() != null) {
            sb.append("<h2>What the API said").append(r.server().status() != null ? " (HTTP " + r.server().status() + ")" : "")
                    .append("</h2>\n<ul class=\"server\">\n");
            for (String n : r.server().notes()) sb.append("<li>").append(esc(n)).append("</li>\n");
            for (ServerView.Finding f : r.server().findings()) {
                sb.append("<li><code>").append(esc(f.code())).append("</code>")
                        .append(f.step() != null ? " (step <a href=\"#step-" + esc(f.step()) + "\">" + esc(f.step()) + "</a>)" : "")
                        .append(f.said() != null ? ": " + esc(f.said()) : "").append("<br>").append(esc(f.explanation())).append("</li>\n");
            }
            sb.append("</ul>\n");
        }
        if (r.api() != null) {
            sb.append("<h2>API configuration: ").append(esc(r.api().source())).append(" (<code>").append(esc(r.api().format()))
                    .append("</code>)</h2>\n")
                    .append("<table class=\"api\">\n<thead><tr><th>Field</th><th>Value</th><th>From</th></tr></thead>\n<tbody>\n");
            for (ApiView.Setting st : r.api().settings()) {
                sb.append("<tr><td>").append(esc(st.field())).append("</td><td><code>").append(esc(st.value())).append("</code></td><td>")
                        .append(esc(st.from())).append("</td></tr>\n");
            }
            sb.append("</tbody>\n</table>\n<ul>\n");
            for (String rule : r.api().semantics()) sb.append("<li>").append(esc(rule)).append("</li>\n");
            for (String n : r.api().notes()) sb.append("<li><em>").append(esc(n)).append("</em></li>\n");
            sb.append("</ul>\n");
        }

        if (!r.steps().isEmpty()) {
            sb.append("<h2>Steps</h2>\n"
                    + "<table class=\"steps\">\n<thead><tr><th>Status</th><th>Step</th><th>Detail</th></tr></thead>\n<tbody>\n");
            for (Step s : r.steps()) {
                String st = s.status().json();
                sb.append("<tr class=\"").append(st).append("\" id=\"step-").append(esc(s.id())).append("\"><td class=\"status\">")
                        .append(esc(st.toUpperCase())).append("</td><td>").append(esc(s.title())).append("</td><td>")
                        .append(esc(s.detail()));
                boolean notable = s.status() == Status.FAIL || s.status() == Status.WARN;
                if (s.idx() != null && notable) sb.append(" <span class=\"idx\">").append(esc(s.idx())).append("</span>");
                if (s.hint() != null && notable) sb.append("<div class=\"fix\"><strong>Fix:</strong> ").append(esc(s.hint()))
                        .append("</div>");
                if (!s.evidence().isEmpty() && s.status() != Status.SKIP) {
                    sb.append("<dl class=\"evidence\">");
                    for (Map.Entry<String, String> e : s.evidence().entrySet()) {
                        sb.append("<dt>").append(esc(e.getKey())).append("</dt><dd><code>").append(esc(e.getValue()))
                                .append("</code></dd>");
                    }
                    sb.append("</dl>");
                }
                sb.append("</td></tr>\n");
            }
            sb.append("</tbody>\n</table>\n");
        }

        Report.TokenView t = r.token();
        if (t != null) {
            sb.append("<h2>Token</h2>\n<ul>\n<li>kind: <code>").append(esc(t.kind().json())).append("</code></li>\n");
            if (t.type() != null) sb.append("<li>type: ").append(esc(t.type())).append("</li>\n");
            if (t.issuerKind() != null) sb.append("<li>issuer kind: <code>").append(esc(t.issuerKind())).append("</code></li>\n");
            if (t.signatureBytes() >= 0) sb.append("<li>signature: ").append(t.signatureBytes()).append(" bytes</li>\n");
            for (var p : t.problems()) sb.append("<li>problem: ").append(esc(p.toString())).append("</li>\n");
            sb.append("</ul>\n");
            if (redacted.token() != null) {
                sb.append("<p>").append(esc(Redactor.tokenLabel(redacted))).append("</p>\n<pre id=\"token\">")
                        .append(block(redacted.token())).append("</pre>\n");
            }
            if (t.header() != null) sb.append("<h3>Header</h3>\n<pre id=\"header\">").append(block(Json.pretty(t.header())))
                    .append("</pre>\n");
            if (!t.claimAnnotations().isEmpty()) {
                sb.append("<h3>Claims</h3>\n"
                        + "<table class=\"claims\">\n<thead><tr><th>Claim</th><th>Value</th><th>Meaning</th></tr></thead>\n<tbody>\n");
                for (ClaimView c : t.claimAnnotations()) {
                    sb.append("<tr id=\"claim-").append(esc(c.name())).append("\"><td><code>").append(esc(c.name()))
                            .append("</code></td><td><code>").append(esc(c.displayValue())).append("</code></td><td>")
                            .append(esc(c.inCatalogue() && c.title() != null ? c.title() : "not in catalogue"));
                    if (c.time() != null) sb.append(": ").append(esc(c.time().utc())).append(", ").append(esc(c.time().relative()));
                    if (c.interpretation() != null) sb.append("; ").append(esc(c.interpretation()));
                    if (c.pii()) sb.append(" <span class=\"pii\">(personal data)</span>");
                    if (c.warning() != null) sb.append("<div class=\"warning\">info: ").append(esc(c.warning())).append("</div>");
                    sb.append("</td></tr>\n");
                }
                sb.append("</tbody>\n</table>\n");
            } else if (t.claims() != null) {
                sb.append("<h3>Claims</h3>\n<pre id=\"claims\">").append(block(Json.pretty(t.claims()))).append("</pre>\n");
            }
        }

        KeyView k = r.key();
        if (k != null) {
            sb.append("<h2>Signing key</h2>\n<ul>\n");
            item(sb, "kid", k.kid());
            item(sb, "type", k.kty() == null ? null : k.kty() + (k.sizeBits() != null ? " " + k.sizeBits() + " bits" : ""));
            item(sb, "matched by", k.matchedBy());
            item(sb, "JWK thumbprint", k.thumbprint());
            item(sb, "key issuer", k.issuer());
            if (k.certificate() != null) item(sb, "certificate",
                    k.certificate().subject() + ", valid " + k.certificate().notBefore() + " to " + k.certificate().notAfter());
            item(sb, "from", k.source() == null ? null : k.source() + (k.cacheAge() != null ? " (" + k.cacheAge() + ")" : ""));
            if (k.keySet() != null && !k.keySet().isEmpty()) {
                StringBuilder set = new StringBuilder();
                for (KeyView.KeySummary s : k.keySet()) set.append(set.length() > 0 ? ", " : "").append(s.kid())
                        .append(s.matched() ? " (matched)" : "");
                item(sb, "key set (" + k.keySet().size() + ")", set.toString());
            }
            sb.append("</ul>\n");
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void item(StringBuilder sb, String label, String value) {
        if (value == null) return;
        sb.append("<li>").append(esc(label)).append(": <code>").append(esc(value)).append("</code></li>\n");
    }

    /** One line of untrusted text for HTML element content and quoted attribute values ({@link SafeText#line}, then {@link #html}). */
    static String esc(String s) {
        return s == null ? "" : html(SafeText.line(s));
    }

    /** Several lines for a {@code <pre>} block: line breaks kept ({@link SafeText#lines}). */
    static String block(String s) {
        return s == null ? "" : html(SafeText.lines(s));
    }

    /** Escapes text for HTML element content and quoted attribute values; drops characters XML forbids. */
    static String html(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') sb.append('\uFFFD');
                    else if (c == 0xFFFE || c == 0xFFFF) sb.append('\uFFFD');
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
