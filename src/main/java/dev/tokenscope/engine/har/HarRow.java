package dev.tokenscope.engine.har;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;

/**
 * A found token with its verdict, for the scan list (GUI table, {@code scan} output).
 *
 * @param number    1-based position in the list (what {@code scan --inspect N} takes)
 * @param finding   where it was found
 * @param verdict   the Inspector's verdict
 * @param summary   the report's one-line summary
 * @param diagnosis the top diagnosis id, or null
 * @param type      access token, ID token … as the report names it, or null
 * @param audience  "aud" (several joined with ", "), or null
 * @param issuer    "iss", or null
 * @param expires   "exp" as UTC ISO-8601, or null
 * @param expiresIn "exp" relative to the evaluation time ("expired 3 h ago", "expires in 54 min"), or null
 * @param report    the whole report (not serialised; the GUI opens it when a row is picked)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HarRow(int number, @JsonUnwrapped HarFinding finding, Verdict verdict, String summary, String diagnosis, String type,
                     String audience, String issuer, String expires, String expiresIn, @JsonIgnore Report report) {
}
