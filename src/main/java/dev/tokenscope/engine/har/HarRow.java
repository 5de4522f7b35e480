package dev.tokenscope.engine.har;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;

import java.util.List;

/**
 * A found token with its verdict, for the scan list (GUI table, {@code scan} output).
 *
 * @param number    1-based position in the list (what {@code scan --inspect N} takes)
 * @param finding   where it was found (with its client, calls and server answer)
 * @param verdict   the verdict of the token in its role (see {@link JudgedAs})
 * @param summary   the report's one-line summary
 * @param diagnosis the top diagnosis id, or null
 * @param type      access token, ID token … as the report names it, or null
 * @param audience  "aud" (several joined with ", "), or null
 * @param issuer    "iss", or null
 * @param expires   "exp" as UTC ISO-8601, or null
 * @param expiresIn "exp" relative to the evaluation time ("expired 3 h ago", "expires in 54 min"), or null
 * @param judgedAs  the role the token was judged in
 * @param judgedFor whom for: the API profile's audiences (api), the client id (id-token-for-client), the resource's
 *                  name (other-resource); null when nothing names it
 * @param sentTo    the hosts it was sent to in an Authorization header, in order of first use (empty: not sent)
 * @param report    the whole report (not serialised; the GUI opens it when a row is picked)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HarRow(int number, @JsonUnwrapped HarFinding finding, Verdict verdict, String summary, String diagnosis, String type,
                     String audience, String issuer, String expires, String expiresIn, JudgedAs judgedAs, String judgedFor,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> sentTo, @JsonIgnore Report report) {

    public HarRow {
        sentTo = sentTo == null ? List.of() : List.copyOf(sentTo);
        judgedAs = judgedAs == null ? JudgedAs.API : judgedAs;
    }

    /** A row judged against the API profile. */
    public HarRow(int number, HarFinding finding, Verdict verdict, String summary, String diagnosis, String type, String audience,
                  String issuer, String expires, String expiresIn, Report report) {
        this(number, finding, verdict, summary, diagnosis, type, audience, issuer, expires, expiresIn, JudgedAs.API, null,
                finding == null ? List.of() : finding.sentTo(), report);
    }

    /** The role a token of a capture was judged in. */
    public enum JudgedAs {
        /** Against the user's API profile (a token sent to the user's API, or for its audience). */
        API("api", "judged against your API profile"),
        /** As an ID token for the client that asked for it: aud = that client id, nonce = its /authorize request's nonce. */
        ID_TOKEN_FOR_CLIENT("id-token-for-client", "judged as an ID token for the client that asked for it"),
        /** An access token for another resource (Microsoft Graph, Azure Resource Manager …): not judged against the API profile. */
        OTHER_RESOURCE("other-resource", "an access token for another resource, not judged against your API profile"),
        /** A placeholder text ("undefined", "null") where a token belongs: a client bug. */
        PLACEHOLDER("placeholder", "a placeholder instead of a token");

        private final String json;
        private final String description;

        JudgedAs(String json, String description) {
            this.json = json;
            this.description = description;
        }

        @JsonValue
        public String json() {
            return json;
        }

        public String description() {
            return description;
        }
    }

    /** "judged as: id-token-for-client (6e74…) · sent to api.contoso.example", for lists (CLI and window alike). */
    @JsonIgnore
    public String judgedText() {
        StringBuilder sb = new StringBuilder("judged as: ").append(judgedAs.json());
        if (judgedFor != null) sb.append(" (").append(judgedFor).append(')');
        if (!sentTo.isEmpty()) sb.append(" · sent to ").append(String.join(", ", sentTo));
        return sb.toString();
    }
}
