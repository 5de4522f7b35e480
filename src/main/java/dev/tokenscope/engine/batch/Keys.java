package dev.tokenscope.engine.batch;

import com.fasterxml.jackson.databind.JsonNode;

/** Cache keys from claim values: one rendering for plans and claim outcomes. */
final class Keys {
    private Keys() {
    }

    /** An unambiguous rendering of a JSON value for a cache key (strings length-prefixed; no serializer needed). */
    static void appendValue(StringBuilder sb, JsonNode v) {
        if (v.isTextual()) {
            String t = v.textValue();
            sb.append('s').append(t.length()).append(':').append(t);
        } else if (v.isArray()) {
            sb.append('[').append(v.size()).append(':');
            for (JsonNode n : v) appendValue(sb, n);
            sb.append(']');
        } else if (v.isNumber() || v.isBoolean() || v.isNull()) {
            sb.append(v.getNodeType().name().charAt(0)).append(v.asText()).append(';');
        } else {
            String t = v.toString();
            sb.append('o').append(t.length()).append(':').append(t);
        }
    }

    /**
     * True when two claim values certainly render to the same cache key ({@link #appendValue}): both absent, or equal
     * value nodes of the same type, or arrays of such. Objects are never "the same" here (their equality ignores member
     * order), which only means the caller takes the slower, exact way.
     */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) return a == b;
        if (a.isObject() || b.isObject()) return false;
        if (a.isArray()) {
            if (!b.isArray() || a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!sameValue(a.get(i), b.get(i))) return false;
            return true;
        }
        return a.equals(b);
    }
}
