package dev.tokenscope.engine.json;

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

    /**
     * {@link #parse(String)} of the same text as bytes, for printable ASCII (with tab, CR, LF) only: Jackson guesses the
     * encoding of bytes from the first four, and takes them for UTF-16 or UTF-32 when some are NUL, so other bytes must
     * be decoded into a String first (strictly) and given to {@link #parse(String)}.
     */
    public static JsonNode parse(byte[] printableAscii, int offset, int length) throws java.io.IOException {
        return MAPPER.readTree(printableAscii, offset, length);
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
        if (n.isIntegralNumber() && n.canConvertToLong()) return n.longValue();
        if (n.isNumber()) {
            double d = n.doubleValue();
            // Writing it as text (the old way to nimbus) gave "Infinity", which nimbus refused: refuse it too.
            if (!Double.isFinite(d)) throw new IllegalArgumentException("a number beyond the range of a JSON number (" + n + ")");
            return d;
        }
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
