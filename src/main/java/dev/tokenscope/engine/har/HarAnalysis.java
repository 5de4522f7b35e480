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
        Extraction ex = new Extraction("har", "A token from a HAR capture: " + described, List.of(),
                List.of(new Candidate(f.role(), f.where(), f.token())));
        return inspector.inspect(ex, 0, profile);
    }

    static HarRow row(int number, HarFinding f, Report r) {
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
