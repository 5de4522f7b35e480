package dev.tokenscope.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.ServerView;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.signin.AadstsCatalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Joins what the API said ({@link ServerEvidence}) with the token's {@link Report}: for each finding, the step it
 * corresponds to, what it means, the values the server hid taken from the token, and whether Tokenscope's verdict on
 * that step agrees (with the likely reasons when it does not). Without a token the findings are explained alone.
 */
public final class ServerFindings {
    private ServerFindings() {
    }

    /** What a finding's code or phrase means, independent of the token. */
    record Knowledge(String step, String meaning, String fix) {
    }

    /** The report's {@code "server"} member: {@link #join} packed with the evidence's form, status, context and notes. */
    public static ServerView view(ServerEvidence evidence, Report report) {
        return new ServerView(evidence.form(), evidence.status(), evidence.context(), evidence.notes(), join(evidence, report).stream()
                .map(f -> new ServerView.Finding(f.code(), f.step(), f.said(), f.explanation(), f.values())).toList());
    }

    /**
     * {@code report} with what the API said ({@code text}: a response, a header, a JSON body, log lines) joined to it;
     * blank text: unchanged.
     */
    public static Report attach(Report report, String text) {
        if (text == null || text.isBlank()) return report;
        return report.withServer(view(ServerResponseParser.parse(text), report));
    }

    /** The findings explained without a token. */
    public static List<Finding> explainAlone(ServerEvidence evidence) {
        return join(evidence, null);
    }

    /** The findings joined with {@code report} (null, or a report without token: explanations without token values). */
    public static List<Finding> join(ServerEvidence evidence, Report report) {
        List<Finding> out = new ArrayList<>();
        if (evidence == null) return out;
        TokenSide token = report == null || report.token() == null ? null : new TokenSide(report);
        for (ServerEvidence.Item item : evidence.findings()) {
            try {
                out.add(finding(item, evidence, token));
            } catch (RuntimeException e) { // a finding is never lost to an explanation's bug
                out.add(new Finding(item.code(), null, item.said(), "Tokenscope could not explain this finding.", item.values()));
            }
        }
        return out;
    }

    private static Finding finding(ServerEvidence.Item item, ServerEvidence evidence, TokenSide token) {
        Knowledge k = knowledge(item);
        Map<String, Object> values = new LinkedHashMap<>(item.values());
        StringBuilder text = new StringBuilder(k.meaning());
        if (item.values().get("library") != null) {
            text.append(" The text dates the library: ").append(item.values().get("library")).append('.');
        }
        if (item.values().get("piiPlaceholder") != null) {
            text.append(" The server hid its values (PII placeholder of ").append(item.values().get("piiPlaceholder")).append(")")
                    .append(token == null ? "; paste the token to see them." : "; the token's values are given here.");
        }
        if (item.code().equalsIgnoreCase("insufficient_claims")) text.append(' ').append(ClaimsChallenge.explain(item, token));
        if (token != null) {
            String story = Stories.story(k.step(), item, token, evidence);
            if (!story.isEmpty()) text.append(' ').append(story);
            String other = Stories.differentToken(item, token);
            if (!other.isEmpty()) text.append(' ').append(other);
            boolean unspecific = "format".equals(k.step()) && token.report().verdict() == Verdict.INVALID
                    && token.step("format").map(st -> st.status() != Status.FAIL).orElse(false);
            String verdict = item.code().equalsIgnoreCase("insufficient_claims")
                    ? "Tokenscope's verdict cannot show this: a claims challenge is about events and policies after the token was issued."
                    : unspecific ? "The server did not say which check failed; Tokenscope finds the token invalid: "
                    + token.report().topDiagnosis().map(d -> d.summary()).orElse(token.report().summary()) + "."
                    : token.verdict(k.step(), (other.isEmpty() ? "" : "it judged a different token (above); otherwise ")
                    + Stories.reasons(k.step(), item, token, evidence));
            if (!verdict.isEmpty()) text.append(' ').append(verdict);
            values.putAll(token.values(k.step()));
        } else if (k.step() != null) {
            text.append(" Paste the token to compare it with what the server said (Tokenscope's ").append(k.step()).append(" step).");
        }
        if (k.fix() != null && !k.fix().isEmpty()) text.append(" Fix: ").append(k.fix());
        return new Finding(item.code(), k.step(), item.said(), text.toString().strip(), values);
    }

    static Knowledge knowledge(ServerEvidence.Item item) {
        CodeCatalogue cat = CodeCatalogue.get();
        String code = item.code();
        if (item.phrase() != null) {
            CodeCatalogue.Entry p = cat.phrase(item.phrase()).orElseThrow();
            String lead = code.equals(p.key()) ? "" : cat.code(code).map(c -> code + ": ").orElse(code + ": ");
            return new Knowledge(p.step(), lead + p.meaning(), p.fix());
        }
        if (code.regionMatches(true, 0, "AADSTS", 0, 6)) return aadsts(code);
        if (code.startsWith("http-")) return http(code);
        if (code.equalsIgnoreCase("bearer-challenge")) {
            return new Knowledge("format", "A Bearer challenge without an error code: "
                    + "the request carried no token the API could use (RFC 6750 §3.1), "
                    + "or the API hides the reason (ASP.NET Core with IncludeErrorDetails off). "
                    + "Microsoft services name where to get a token: authorization_uri (the authority and tenant), "
                    + "resource_id or client_id (the resource).",
                    "Send 'Authorization: Bearer <access token>' with a token from that authority for that resource.");
        }
        if (code.equalsIgnoreCase("insufficient_claims")) {
            JsonNode claims = item.values().get("claims") instanceof JsonNode n ? n : null;
            boolean acrs = claims != null && claims.path("access_token").has("acrs");
            CodeCatalogue.Entry e = cat.code(code).orElseThrow();
            return new Knowledge(acrs ? "permissions" : "lifetime", e.meaning(), e.fix());
        }
        return cat.code(code).map(e -> {
            String step = e.step();
            if (code.equalsIgnoreCase("invalid_token") && !item.said().regionMatches(true, 0, "Bearer", 0, 6)
                    && !item.said().equalsIgnoreCase(code)) step = null; // a description Tokenscope does not know
            return new Knowledge(step, code + ": " + e.meaning(), e.fix());
        }).orElseGet(() -> unknown(code));
    }

    private static Knowledge aadsts(String code) {
        try {
            long n = Long.parseLong(code.substring(6));
            return AadstsCatalogue.get().lookup(n)
                    .map(e -> new Knowledge(null, code + (e.name() == null || e.name().isBlank() ? "" : " (" + e.name() + ")") + ": "
                            + sentence(e.summary()) + " " + e.explanation()
                            + " Entra refused to issue a token; a token pasted alongside came from an earlier sign-in.", e.fix()))
                    .orElseGet(() -> new Knowledge(null, code + " is an Entra sign-in error Tokenscope has no entry for.",
                            "Look it up at https://login.microsoftonline.com/error?code=" + n + "."));
        } catch (NumberFormatException e) {
            return unknown(code);
        }
    }

    private static Knowledge http(String code) {
        String status = code.substring(5);
        return switch (status) {
            case "401" -> new Knowledge(null,
                    "HTTP 401: the API did not accept the token (or got none); this part of the answer does not say why.",
                    "Look at the WWW-Authenticate header (error_description) or the API's log (IDX/IDW codes).");
            case "403" -> new Knowledge("permissions", "HTTP 403: the token was accepted but does not allow this operation (a scope, role, "
                    + "tenant or client rule of the API).", "Compare the token's scp/roles with what the endpoint requires.");
            default -> new Knowledge(null, "HTTP " + status + " from the API.", null);
        };
    }

    private static Knowledge unknown(String code) {
        String family = code.startsWith("IDX") ? "a Microsoft.IdentityModel code" : code.startsWith("IDW") ? "a Microsoft.Identity.Web code"
                : "a code";
        return new Knowledge(null, code + " is " + family + " Tokenscope has no entry for; the server's words are quoted.", null);
    }

    private static String sentence(String s) {
        String t = s == null ? "" : s.strip();
        return t.isEmpty() || t.endsWith(".") ? t : t + ".";
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
