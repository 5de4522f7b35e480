package dev.tokenscope.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * What the API said ({@code inspect --server-response}, the window's "API's answer"), each finding joined with the token:
 * the step it corresponds to, the server's own words, the explanation and the values the server hid.
 *
 * @param form     what was recognised (http-response, www-authenticate, json-error, log-lines, joined with "+"), or "none"
 * @param status   the HTTP status, when the text held one
 * @param context  headers kept for the ticket (date, request ids)
 * @param notes    what could not be read ("Nothing recognised: …")
 * @param findings in the order the server said them
 */
@JsonPropertyOrder({"form", "status", "context", "notes", "findings"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServerView(String form, Integer status, Map<String, String> context, List<String> notes, List<Finding> findings) {
    public ServerView {
        context = context == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context));
        notes = notes == null ? List.of() : List.copyOf(notes);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /**
     * @param code        invalid_token, insufficient_claims, IDX10214, AADSTS700016 …
     * @param step        the report step it corresponds to, or null
     * @param said        the server's words
     * @param explanation what it means for this token (agreeing or disagreeing with the report)
     * @param values      what the server said or hid, and (token.*, tokenscope.*) the token's own values
     */
    @JsonPropertyOrder({"code", "step", "said", "explanation", "values"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Finding(String code, @JsonInclude(JsonInclude.Include.ALWAYS) String step, String said, String explanation,
                          Map<String, Object> values) {
        public Finding {
            values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }
}
