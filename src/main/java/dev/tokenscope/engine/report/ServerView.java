package dev.tokenscope.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * What the API said ({@code inspect --server-response}), each finding joined with the token: the step it corresponds to,
 * the server's own words, the explanation and the values the server hid.
 *
 * @param form     what was recognised (http-response, www-authenticate, json-error, log-lines …)
 * @param status   the HTTP status, when the text held one (0 otherwise)
 * @param findings in the order the server said them
 */
@JsonPropertyOrder({"form", "status", "findings"})
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record ServerView(String form, int status, List<Finding> findings) {
    public ServerView {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /**
     * @param code        invalid_token, insufficient_claims, IDX10214, AADSTS700016 …
     * @param step        the report step it corresponds to, or null
     * @param said        the server's words
     * @param explanation what it means for this token (agreeing or disagreeing with the report)
     * @param values      the values the server hid or named, from the token
     */
    @JsonPropertyOrder({"code", "step", "said", "explanation", "values"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Finding(String code, String step, String said, String explanation, Map<String, String> values) {
        public Finding {
            values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }
}
