package dev.tokenscope.engine.claims;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One header member or claim with its annotations: what it means, where Entra puts it, how to read its
 * value, and whether it is personal data.
 *
 * @param name           the claim name as in the token
 * @param value          the raw JSON value
 * @param title          a short human name ("Audience"); null when not in the catalogue
 * @param meaning        plain-language meaning; "not in catalogue" for unknown claims
 * @param carriedBy      which token types/versions carry it ("AT v1, AT v2, ID"), or null
 * @param pii            true when the value is personal data (masked by exports on request)
 * @param inCatalogue    false for claims the catalogue doesn't know
 * @param interpretation what this particular value means ("1 = client secret", "Microsoft Graph"), or null
 * @param time           for time claims: UTC, local and relative renderings, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimView(String name, JsonNode value, String title, String meaning, String carriedBy, boolean pii,
                        boolean inCatalogue, String interpretation, TimeView time) {

    /** A time claim in three renderings. */
    public record TimeView(String utc, String local, String relative) {
    }

    /** The value as one line of text (strings unquoted, arrays joined). */
    public String displayValue() {
        if (value == null || value.isNull()) return "null";
        if (value.isTextual()) return value.asText();
        if (value.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode n : value) {
                if (sb.length() > 0) sb.append(", ");
                sb.append(n.isTextual() ? n.asText() : n.toString());
            }
            return "[" + sb + "]";
        }
        return value.toString();
    }
}
