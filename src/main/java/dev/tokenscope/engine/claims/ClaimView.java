package dev.tokenscope.engine.claims;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.text.SafeText;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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
 * @param warning        an info note when the name or value holds control, bidirectional or invisible characters
 *                       ({@link SafeText#note}): "Contains a right-to-left override: …"; null (and absent from JSON) otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimView(String name, JsonNode value, String title, String meaning, String carriedBy, boolean pii,
                        boolean inCatalogue, String interpretation, TimeView time, String warning) {

    /** Without a warning. */
    public ClaimView(String name, JsonNode value, String title, String meaning, String carriedBy, boolean pii,
                     boolean inCatalogue, String interpretation, TimeView time) {
        this(name, value, title, meaning, carriedBy, pii, inCatalogue, interpretation, time, null);
    }

    /** The warning for a claim: what its name and every string inside its value (object keys too) hold; null when plain. */
    public static String warningOf(String name, JsonNode value) {
        List<String> texts = new ArrayList<>();
        texts.add(name);
        strings(value, texts, 0);
        return SafeText.note(SafeText.describe(texts));
    }

    private static void strings(JsonNode node, List<String> out, int depth) {
        if (node == null || depth > 64) return;
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(e.getKey());
                strings(e.getValue(), out, depth + 1);
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) strings(n, out, depth + 1);
        }
    }

    /** The name, safe to show ({@link SafeText#line}). */
    public String displayName() {
        return SafeText.line(name);
    }

    /** A time claim in three renderings. */
    public record TimeView(String utc, String local, String relative) {
    }

    /**
     * The value as one line of text (strings unquoted, arrays joined), safe to show: control, bidirectional and
     * invisible characters escaped ({@link SafeText#line}). {@link #value()} keeps them exactly.
     */
    public String displayValue() {
        return SafeText.line(rawDisplayValue());
    }

    private String rawDisplayValue() {
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
