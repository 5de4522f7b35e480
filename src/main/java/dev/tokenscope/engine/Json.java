package dev.tokenscope.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration of the engine: strict (duplicate keys and trailing data are errors,
 * nesting and number lengths are bounded) and order-preserving, so header and claims are shown
 * exactly as the issuer wrote them.
 */
public final class Json {
    public static final ObjectMapper MAPPER;

    static {
        JsonMapper m = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(200).maxNumberLength(1000).maxStringLength(8 << 20).build());
        MAPPER = m;
    }

    private Json() {
    }

    public static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /** {@link #parse(String)} of UTF-8 bytes (the same rules). */
    public static JsonNode parse(byte[] utf8, int offset, int length) throws java.io.IOException {
        return MAPPER.readTree(utf8, offset, length);
    }

    /**
     * A JSON value as the plain Java values nimbus' JSON parser would give for its text (objects as ordered maps, arrays
     * as lists, integers as Long when they fit, else Double, like its LONG_OR_DOUBLE policy), without serialising it first:
     * writing JSON loads Jackson's whole serialiser machinery, a cost every batch run's first token would wait for.
     */
    public static Object toJava(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (n.isObject()) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                java.util.Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), toJava(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            java.util.List<Object> l = new java.util.ArrayList<>(n.size());
            for (JsonNode e : n) l.add(toJava(e));
            return l;
        }
        if (n.isTextual()) return n.textValue();
        if (n.isBoolean()) return n.booleanValue();
        if (n.isIntegralNumber()) return n.canConvertToLong() ? (Object) n.longValue() : (Object) n.doubleValue();
        if (n.isNumber()) return n.doubleValue();
        return n.asText(); // binary / POJO nodes do not come out of the parser
    }

    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** A short, user-facing description of a JSON parse failure (no class names, no stack trace). */
    public static String describe(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        if (msg == null) msg = "invalid JSON";
        msg = msg.replaceAll("\\s*\\n.*", "");
        if (e.getLocation() != null && e.getLocation().getCharOffset() >= 0) {
            msg += " (JSON character " + e.getLocation().getCharOffset() + ")";
        }
        return msg;
    }
}
