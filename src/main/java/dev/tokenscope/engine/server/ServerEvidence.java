package dev.tokenscope.engine.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ServerResponseParser} recognised in a pasted server answer, before it is joined with a token.
 *
 * @param form     the forms recognised, joined by '+' in the order met ({@code http-response}, {@code www-authenticate},
 *                 {@code json-error}, {@code log-lines}), or {@code none}
 * @param status   the HTTP status of a response's status line (or of a JSON body's "status"), or null
 * @param context  response headers worth keeping (date, request ids), names lower-cased
 * @param notes    what the parser wants the user to know (nothing recognised, input too large, findings capped …)
 * @param findings the raw findings, in the order met, duplicates removed
 */
@JsonPropertyOrder({"form", "status", "context", "notes", "findings"})
public record ServerEvidence(String form, Integer status, Map<String, String> context, List<String> notes, List<Item> findings) {
    public static final String NONE = "none";

    public ServerEvidence {
        form = form == null || form.isEmpty() ? NONE : form;
        context = context == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(context));
        notes = List.copyOf(notes);
        findings = List.copyOf(findings);
    }

    public List<String> forms() {
        return form.equals(NONE) ? List.of() : List.of(form.split("\\+"));
    }

    public boolean recognised() {
        return !findings.isEmpty();
    }

    /**
     * One thing the server said.
     *
     * @param code   the server's code (invalid_token, insufficient_claims, IDX10214, IDW10203, AADSTS700016,
     *               InvalidAuthenticationToken …) or, for a bare phrase without code, the phrase id (spring-expired …)
     * @param source the form it came from (www-authenticate, json-error, log-lines)
     * @param phrase the catalogued phrase the said text matched (aspnet-audience …), or null
     * @param said   the server's words (an error_description, a log message from its code to the next one)
     * @param values what the server's text carried (parameters, quoted values; a decoded claims challenge as JSON)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String code, String source, String phrase, String said, Map<String, Object> values) {
        public Item {
            values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }
}
