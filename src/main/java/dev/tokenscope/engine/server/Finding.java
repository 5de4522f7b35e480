package dev.tokenscope.engine.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing the server said, joined with the token: serialised as
 * {@code {"code": …, "step": <step id or null>, "said": …, "explanation": …, "values": {…}}}.
 *
 * @param code        the server's code (invalid_token, insufficient_claims, IDX10214, AADSTS700016, http-401 …) or a phrase id
 * @param step        the Tokenscope step it corresponds to (audience, lifetime, key-match …), or null
 * @param said        the server's words
 * @param explanation what it means, what the token says about it, whether Tokenscope agrees, and the fix
 * @param values      what the server said (its values, decoded claims) and, under "token.…" and "tokenscope.…", the token's
 *                    values and the report's step the server hid or did not know
 */
@JsonPropertyOrder({"code", "step", "said", "explanation", "values"})
public record Finding(String code, @JsonInclude(JsonInclude.Include.ALWAYS) String step, String said, String explanation,
                      Map<String, Object> values) {
    public Finding {
        Objects.requireNonNull(code, "code");
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
