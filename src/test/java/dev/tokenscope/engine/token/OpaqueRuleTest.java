package dev.tokenscope.engine.token;

import dev.tokenscope.testing.MoreTokens;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's one rule for opaque tokens, and JWS over non-JSON payloads kept for their signature. */
class OpaqueRuleTest {
    final TokenDecoder d = new TokenDecoder();

    @Test
    void opaqueMeansLongAndBase64Looking() {
        for (String s : List.of(Tokens.opaque(60), "EwBwA8l6BAAUO9chh8cJscQLmU+LSWpbnr0vmwwAAQ", "a1b2c3d4e5f6a7b8c9d0",
                "opaque-but-real-looking-ticket")) {
            assertTrue(TokenDecoder.opaqueShaped(s), s);
            assertEquals(TokenKind.OPAQUE, d.decode(s).kind(), s);
        }
        for (String s : List.of("xyz", "password", "supercalifragilisticexpialidocious", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "short1A")) {
            assertFalse(TokenDecoder.opaqueShaped(s), s);
            DecodedToken t = d.decode(s);
            assertEquals(TokenKind.MALFORMED, t.kind(), s);
            assertTrue(t.problems().get(0).message().contains("this is not a token"), s);
        }
    }

    @Test
    void nonJsonPayloadKeepsTheSignedObjectOnlyWhenHeaderAndSignatureAreSound() {
        DecodedToken t = d.decode(MoreTokens.signedRaw("not json"));
        assertEquals(TokenKind.MALFORMED, t.kind());
        assertNull(t.claims());
        assertNotNull(t.jwt(), "kept so that the signature can be checked");
        String valid = Tokens.sign(Tokens.v2Access());
        assertNull(d.decode(valid.substring(0, valid.lastIndexOf('.'))).jwt(), "two parts: nothing to verify");
        String[] p = valid.split("\\.");
        assertNull(d.decode(p[0] + "." + p[1] + "." + p[2] + "=").jwt(), "a damaged signature part is no evidence");
        assertNull(d.decode(Tokens.b64("not json") + "." + p[1] + "." + p[2]).jwt(), "a damaged header is no evidence");
    }
}
