package dev.tokenscope.engine.har;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.check.ValidationProfile;
import dev.tokenscope.engine.claims.ClaimCatalogue;
import dev.tokenscope.engine.claims.HumanTime;
import dev.tokenscope.engine.input.Candidate;
import dev.tokenscope.engine.input.Extraction;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Runs the Inspector over every token a HAR scan found: the rows of the scan list, each with its verdict. */
public final class HarAnalysis {
    private HarAnalysis() {
    }

    public static List<HarRow> analyse(HarScan scan, Inspector inspector, ValidationProfile profile) {
        List<HarRow> rows = new ArrayList<>(scan.findings().size());
        int n = 0;
        for (HarFinding f : scan.findings()) rows.add(row(++n, f, inspect(f, inspector, profile)));
        return rows;
    }

    /** The full report for one finding, with the input described as where it was found in the capture. */
    public static Report inspect(HarFinding f, Inspector inspector, ValidationProfile profile) {
        String described = f.where() + " of " + (f.method() == null ? "" : f.method() + " ") + (f.url() == null ? "(no URL)" : f.url())
                + (f.time() == null ? "" : " at " + f.time());
        // "Bearer undefined", "access_token=null" …: the engine's own placeholder rule, as for a pasted "Bearer …" value.
        Extraction asPasted = inspector.extract("Bearer " + f.token());
        if (PLACEHOLDER.equals(asPasted.form())) return placeholder(f, described, asPasted, inspector.inspect("Bearer " + f.token(), profile));
        Extraction ex = new Extraction("har", "A token from a HAR capture: " + described, List.of(),
                List.of(new Candidate(f.role(), f.where(), f.token())));
        return inspector.inspect(ex, 0, profile);
    }

    /** Diagnosis id (and input form) of a finding that is a placeholder text instead of a token: a client bug. */
    public static final String PLACEHOLDER = "placeholder";

    /**
     * A placeholder where a token belongs is not "nothing to inspect" in a capture: the request really went out that
     * way, so the finding is invalid, with the client bug named and its fix.
     */
    private static Report placeholder(HarFinding f, String described, Extraction asPasted, Report nothing) {
        Diagnosis d = new Diagnosis(PLACEHOLDER, "The client sent the placeholder '" + f.token() + "' instead of a token",
                asPasted.description() + " Any API rejects such a request with 401 (no token to validate).",
                "Get the token before the call (await acquireTokenSilent / acquireTokenPopup, or the token request) "
                        + "and send the field that holds it (MSAL.js: result.accessToken; a raw token response: access_token).");
        Report.InputView input = new Report.InputView(PLACEHOLDER, "A placeholder from a HAR capture: " + described, List.of(), -1, List.of());
        return new Report(nothing.tool(), nothing.version(), nothing.evaluatedAt(), Verdict.INVALID, "Not valid: " + d.summary(), input,
                null, null, List.of(), List.of(d));
    }

    /** The list row for finding {@code f}, numbered {@code number}, from its report {@code r}. */
    public static HarRow row(int number, HarFinding f, Report r) {
        String aud = null, iss = null, expires = null, expiresIn = null;
        if (r.token() != null && r.token().claims() != null) {
            JsonNode c = r.token().claims();
            JsonNode a = c.get("aud");
            if (a != null && a.isTextual()) aud = a.asText();
            else if (a != null && a.isArray()) {
                List<String> parts = new ArrayList<>();
                for (JsonNode x : a) parts.add(x.asText());
                aud = String.join(", ", parts);
            }
            if (c.path("iss").isTextual()) iss = c.get("iss").asText();
            Instant exp = ClaimCatalogue.epochSeconds(c.get("exp"));
            if (exp != null) {
                expires = HumanTime.utc(exp);
                Instant at = evaluatedAt(r);
                if (at != null) expiresIn = HumanTime.phrase("exp", exp, at);
            }
        }
        return new HarRow(number, f, r.verdict(), r.summary(), r.topDiagnosis().map(Diagnosis::id).orElse(null),
                r.token() == null ? null : r.token().type(), aud, iss, expires, expiresIn, r);
    }

    private static Instant evaluatedAt(Report r) {
        try {
            return Instant.parse(r.evaluatedAt());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
