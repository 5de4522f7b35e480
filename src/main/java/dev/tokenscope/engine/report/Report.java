package dev.tokenscope.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.claims.ClaimView;
import dev.tokenscope.engine.input.Candidate;
import dev.tokenscope.engine.token.Problem;
import dev.tokenscope.engine.token.TokenKind;

import java.util.List;
import java.util.Optional;

/**
 * The report: the one contract every face renders (GUI, CLI, exporters). Pure data, serialised as the
 * JSON documented in docs/json-report.md.
 */
@JsonPropertyOrder({"tool", "version", "evaluatedAt", "verdict", "summary", "input", "api", "server", "token", "key", "steps", "diagnoses"})
public record Report(String tool, String version, String evaluatedAt, Verdict verdict, String summary, InputView input,
                     @JsonInclude(JsonInclude.Include.ALWAYS) TokenView token,
                     @JsonInclude(JsonInclude.Include.ALWAYS) KeyView key,
                     List<Step> steps, List<Diagnosis> diagnoses,
                     @JsonInclude(JsonInclude.Include.NON_NULL) ApiView api,
                     @JsonInclude(JsonInclude.Include.NON_NULL) ServerView server) {

    public Report {
        steps = List.copyOf(steps);
        diagnoses = List.copyOf(diagnoses);
    }

    /** A report of the token alone (no API configuration, no server response). */
    public Report(String tool, String version, String evaluatedAt, Verdict verdict, String summary, InputView input, TokenView token,
                  KeyView key, List<Step> steps, List<Diagnosis> diagnoses) {
        this(tool, version, evaluatedAt, verdict, summary, input, token, key, steps, diagnoses, null, null);
    }

    /** The same report, judged against the API configuration {@code a}. */
    public Report withApi(ApiView a) {
        return new Report(tool, version, evaluatedAt, verdict, summary, input, token, key, steps, diagnoses, a, server);
    }

    /** The same report with what the API said, joined with the token. */
    public Report withServer(ServerView s) {
        return new Report(tool, version, evaluatedAt, verdict, summary, input, token, key, steps, diagnoses, api, s);
    }

    /**
     * The same report with its texts passed through {@code f}: the summary, each step's detail and hint, each diagnosis'
     * summary, explanation and fix ({@link Face#render(Report)}). Ids, statuses, titles, evidence and the token are unchanged.
     */
    public Report mapTexts(java.util.function.UnaryOperator<String> f) {
        List<Step> st = Face.map(steps,
                s -> new Step(s.id(), s.status(), s.title(), f.apply(s.detail()), s.evidence(), f.apply(s.hint()), s.idx()));
        List<Diagnosis> ds = Face.map(diagnoses,
                d -> new Diagnosis(d.id(), f.apply(d.summary()), f.apply(d.explanation()), f.apply(d.fix()), d.severity()));
        return new Report(tool, version, evaluatedAt, verdict, f.apply(summary), input, token, key, st, ds, api, server);
    }

    /** The same report with more notes on its input (where the window got the token, what it was judged against). */
    public Report withInputNotes(List<String> more) {
        if (input == null || more.isEmpty()) return this;
        List<String> notes = new java.util.ArrayList<>(input.notes());
        for (String n : more) if (!notes.contains(n)) notes.add(n);
        InputView in = new InputView(input.form(), input.description(), List.copyOf(notes), input.selected(), input.candidates());
        return new Report(tool, version, evaluatedAt, verdict, summary, in, token, key, steps, diagnoses, api, server);
    }

    /** The server's findings that explain step {@code id}. */
    public List<ServerView.Finding> serverFindings(String id) {
        return server == null ? List.of() : server.findings().stream().filter(f -> id.equals(f.step())).toList();
    }

    /** What was recognised in the user's input. */
    @JsonPropertyOrder({"form", "description", "notes", "selected", "candidates"})
    public record InputView(String form, String description, List<String> notes, int selected, List<CandidateView> candidates) {
    }

    /** A token-like value found in the input (values are never in the report). */
    public record CandidateView(String role, String source, int length) {
        public static CandidateView of(Candidate c) {
            return new CandidateView(c.role().json(), c.source(), c.length());
        }
    }

    /**
     * The decoded token.
     *
     * @param kind       jws, jwe, opaque, malformed or saml (a SAML 2.0 message: header and claims are JSON views of its XML)
     * @param type       what kind of token it is (access token, app-only access token, ID token), when readable
     * @param issuerKind the issuer family (entra-v1, entra-v2, b2c, external-id, other, none)
     * @param header     the header as ordered JSON (null if undecodable)
     * @param claims     the payload as ordered JSON (null for JWE, opaque or undecodable)
     * @param headerAnnotations / claimAnnotations the same members with catalogue meanings
     * @param signatureBytes length of the signature in bytes (-1 when none or not applicable)
     * @param problems   structural problems (part, message, offset)
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TokenView(TokenKind kind, String type, String issuerKind, JsonNode header, JsonNode claims,
                            List<ClaimView> headerAnnotations, List<ClaimView> claimAnnotations, int signatureBytes,
                            List<Problem> problems) {
    }

    public Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Diagnosis> topDiagnosis() {
        return diagnoses.stream().findFirst();
    }

    public boolean hasDiagnosis(String id) {
        return diagnoses.stream().anyMatch(d -> d.id().equals(id));
    }
}
