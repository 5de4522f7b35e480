package dev.tokenscope.cli;

import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.signin.AadstsCatalogue;
import dev.tokenscope.engine.signin.DeviceCodeInfo;
import dev.tokenscope.engine.signin.FlowLog;
import dev.tokenscope.engine.signin.OAuthError;
import dev.tokenscope.engine.signin.SignInException;
import dev.tokenscope.engine.signin.SignInRequest;
import dev.tokenscope.engine.signin.TokenSet;
import dev.tokenscope.engine.text.SafeText;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code tokenscope login} prints: the device code to enter, the sign-in's summary and the token's report (text
 * or {@code {"signIn", "flowLog", "report"}} JSON), a failure with its AADSTS explanation, and the redacted flow log
 * with {@code --verbose}.
 */
final class LoginOutput {
    private final boolean json;
    private final boolean verbose;
    private final boolean inspectIdToken;
    private final boolean color;

    LoginOutput(boolean json, boolean verbose, boolean inspectIdToken, boolean color) {
        this.json = json;
        this.verbose = verbose;
        this.inspectIdToken = inspectIdToken;
        this.color = color;
    }

    /** The sign-in's summary and the report of the token obtained; the flow log with --verbose. */
    void signedIn(SignInRequest request, TokenSet tokens, FlowLog log, Report report, PrintWriter out, PrintWriter err) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("signIn", summary(request, tokens));
            if (verbose) doc.put("flowLog", log.entries());
            doc.put("report", report);
            out.println(Json.pretty(doc));
        } else {
            out.print(humanSummary(request, tokens));
            out.println();
            out.print(new HumanRenderer(color).render(report));
            printLog(log, err);
        }
        out.flush();
    }

    /** The device code, its page and its expiry, on stderr. */
    void deviceCode(DeviceCodeInfo info, PrintWriter err) {
        String at = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault()).format(info.expiresAt());
        err.println();
        err.println("To sign in, open this page in a browser on any device:");
        err.println("    " + SafeText.line(info.verificationUri()));
        err.println("and enter the code:");
        err.println("    " + SafeText.line(info.userCode()));
        if (info.verificationUriComplete() != null) err.println("(or open " + SafeText.line(info.verificationUriComplete()) + ")");
        err.println("The code expires in " + minutes(info.expiresIn()) + " (at " + at + "). Waiting for the sign-in… (Ctrl+C cancels)");
        err.println();
        err.flush();
    }

    private static String minutes(Duration d) {
        long s = d.toSeconds();
        return s >= 120 ? (s / 60) + " minutes" : s + " seconds";
    }

    private Map<String, Object> summary(SignInRequest r, TokenSet t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flow", t.grant().grantType());
        m.put("authority", r.authority().url());
        m.put("clientId", r.clientId());
        TokenSet.ScopeComparison sc = t.scopes();
        m.put("requestedScopes", sc.requested());
        m.put("grantedScopes", sc.granted());
        m.put("notGranted", sc.notGranted());
        m.put("extraGranted", sc.extra());
        m.put("tokenPermissions", sc.inToken());
        m.put("tokenType", t.tokenType());
        m.put("expiresIn", t.expiresIn());
        m.put("idToken", t.idToken().isPresent());
        m.put("refreshToken", t.refreshToken().isPresent());
        m.put("inspected", inspectIdToken ? "id_token" : "access_token");
        if (r.spaOrigin() != null) m.put("origin", r.spaOrigin());
        return m;
    }

    private String humanSummary(SignInRequest r, TokenSet t) {
        StringBuilder sb = new StringBuilder();
        TokenSet.ScopeComparison sc = t.scopes();
        sb.append("Signed in: ").append(LoginCommand.flowName(t.grant())).append(", ").append(r.authority().describe()).append(", client ")
                .append(r.clientId()).append('\n');
        sb.append("  scopes requested: ").append(SafeText.line(String.join(" ", sc.requested()))).append('\n');
        sb.append("  scopes granted:   ")
                .append(sc.granted() == null ? "(not reported by the provider)" : SafeText.line(String.join(" ", sc.granted())))
                .append('\n');
        if (!sc.notGranted().isEmpty()) sb.append("  NOT granted:      ").append(SafeText.line(String.join(" ", sc.notGranted())))
                .append('\n');
        if (!sc.extra().isEmpty()) sb.append("  also granted:     ").append(SafeText.line(String.join(" ", sc.extra()))).append('\n');
        if (!sc.inToken().isEmpty()) sb.append("  in the token:     ").append(SafeText.line(String.join(" ", sc.inToken())))
                .append(" (scp/roles)").append('\n');
        sb.append("  ID token: ")
                .append(t.idToken().isPresent() ? "received"
                        + (inspectIdToken ? " (inspected below)" : " (--id-token inspects it)") : "none")
                .append("; refresh token: ").append(t.refreshToken().isPresent() ? "received (in memory only, discarded on exit)" : "none")
                .append('\n');
        sb.append("Report of the ").append(inspectIdToken ? "ID token" : "access token").append(":\n");
        return sb.toString();
    }

    void failure(SignInException e, FlowLog log, PrintWriter out, PrintWriter err) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
            f.put("message", e.getMessage());
            e.oauthError().ifPresent(o -> f.put("oauthError", errorJson(o)));
            doc.put("signIn", Map.of("error", f));
            if (verbose) doc.put("flowLog", log.entries());
            out.println(Json.pretty(doc));
            out.flush();
        }
        err.println("tokenscope login: sign-in failed: " + SafeText.line(e.getMessage()));
        e.oauthError().ifPresent(o -> err.print(o.render()));
        if (e.kind() == SignInException.Kind.PORT_IN_USE) err.println("  Try without --port (a random port), or free the port.");
        if (!json) printLog(log, err);
        if (!verbose) err.println("Run again with --verbose to see each HTTP exchange (secrets redacted).");
        err.flush();
    }

    static Map<String, Object> errorJson(OAuthError o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("httpStatus", o.httpStatus());
        m.put("error", o.error());
        m.put("errorDescription", o.errorDescription());
        m.put("errorCodes", o.errorCodes());
        m.put("correlationId", o.correlationId());
        m.put("traceId", o.traceId());
        m.put("timestamp", o.timestamp());
        m.put("errorUri", o.errorUri());
        List<AadstsCatalogue.Entry> ex = o.explanations();
        m.put("explanations", ex);
        return m;
    }

    void printLog(FlowLog log, PrintWriter err) {
        if (!verbose) return;
        err.println();
        err.println("Flow log (codes, verifiers, secrets and tokens redacted):");
        err.print(log.render());
        err.flush();
    }
}
