package dev.tokenscope.engine.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Batch verification reads a payload with {@link TokenDecoder#jsonObjectPart}; it must accept exactly the payloads the
 * decoder accepts, as the same object: random and mutated payloads (UTF-8, UTF-16, Latin-1, BOMs, control characters,
 * duplicates, overflowing numbers, trailing values, arrays, padding and foreign characters in the encoding).
 */
class JsonObjectPartPropertiesTest {
    static final String HEADER = Base64.getUrlEncoder().withoutPadding()
            .encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));

    @Provide
    Arbitrary<String> payloads() {
        Arbitrary<String> json = Arbitraries.of("{\"a\":1}", "{\"aud\":\"api://x\",\"exp\":1700000000}", "{\"a\":1,\"a\":2}",
                "{\"n\":1e400}", "{\"a\":1} x", "[1,2]", "\"s\"", "", " ", "{\"name\":\"Zoë\"}", "{\"x\":\"\\u0000\"}", "{\"t\":\"a\tb\"}",
                "{}", "{\"a\":-0}", "{\"deep\":{\"n\":[1,2,{\"m\":1e999}]}}", "{\"a\":1}\n", "{\"a\":tru}", "\uFEFF{\"a\":1}");
        Arbitrary<byte[]> encoded = Arbitraries.oneOf(
                json.map(j -> j.getBytes(StandardCharsets.UTF_8)),
                json.map(j -> j.getBytes(StandardCharsets.UTF_16BE)),
                json.map(j -> j.getBytes(StandardCharsets.UTF_16LE)),
                json.map(j -> j.getBytes(StandardCharsets.ISO_8859_1)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40));
        Arbitrary<byte[]> mutated = encoded.flatMap(b -> Arbitraries.integers().between(-1, Math.max(0, b.length - 1)).flatMap(i ->
                Arbitraries.bytes().map(x -> {
                    byte[] c = b.clone();
                    if (i >= 0 && c.length > 0) c[i] = x;
                    return c;
                })));
        Arbitrary<String> b64 = Arbitraries.oneOf(encoded, mutated).map(b -> Base64.getUrlEncoder().withoutPadding().encodeToString(b));
        return Arbitraries.oneOf(b64, b64.map(s -> s + "="), b64.map(s -> s.replace('-', '+')),
                b64.map(s -> s.isEmpty() ? s : s.substring(1)), b64.map(s -> s + "A"));
    }

    @Property(tries = 3000)
    void theBatchReadsAPayloadAsTheDecoderDoes(@ForAll("payloads") String payload) {
        String token = HEADER + "." + payload + ".c2ln";
        DecodedToken d = new TokenDecoder().decode(token);
        boolean payloadProblem = d.problems().stream().anyMatch(p -> p.part().equals("payload"));
        ObjectNode byDecoder = payloadProblem ? null : d.claims();
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        ObjectNode byBatch = TokenDecoder.jsonObjectPart(ascii, HEADER.length() + 1, HEADER.length() + 1 + payload.length());
        assertEquals(byDecoder, byBatch, payload);
    }
}
