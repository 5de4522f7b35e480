package dev.tokenscope.engine.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.tokenscope.testing.Tokens.b64;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every token kind and every malformed case: the part, the reason and the exact character offset. */
class TokenDecoderTest {
    static final String H = b64("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"k1\"}");
    static final String P = b64("{\"aud\":\"api://x\",\"iss\":\"https://sts.windows.net/t/\",\"exp\":1772369400}");
    /** 256 bytes of signature, base64url. */
    static final String S = Base64URL.encode(new byte[256]).toString().replace("AAAA", "AbC_").replace("AAA", "a-9");

    final TokenDecoder d = new TokenDecoder();

    static Problem single(DecodedToken t) {
        assertEquals(1, t.problems().size(), () -> "problems: " + t.problems());
        return t.problems().get(0);
    }

    static void malformed(DecodedToken t, String part, String messageFragment, int offset) {
        assertEquals(TokenKind.MALFORMED, t.kind(), () -> "problems: " + t.problems());
        assertFalse(t.wellFormed());
        Problem p = t.problems().get(0);
        assertEquals(part, p.part(), p::toString);
        assertTrue(p.message().contains(messageFragment), () -> "'" + messageFragment + "' not in: " + p.message());
        assertEquals(offset, p.offset(), p::toString);
    }

    // ---- well-formed kinds -----------------------------------------------------------------------------------

    @Test
    void jwsKeepsHeaderAndClaimsInTheIssuersOrder() {
        String token = Tokens.raw("{\"typ\":\"JWT\",\"nonce\":\"n\",\"alg\":\"RS256\",\"x5t\":\"k1\",\"kid\":\"k1\"}",
                "{\"zeta\":1,\"aud\":\"x\",\"alpha\":[1,2],\"exp\":1772369400}", S);
        DecodedToken t = d.decode(token);
        assertEquals(TokenKind.JWS, t.kind());
        assertTrue(t.wellFormed());
        assertEquals(List.of(), t.problems());
        assertEquals(List.of("typ", "nonce", "alg", "x5t", "kid"), names(t.header()));
        assertEquals(List.of("zeta", "aud", "alpha", "exp"), names(t.claims()));
        assertEquals(256, t.signature());
        assertEquals(token, t.raw());
        assertInstanceOf(SignedJWT.class, t.jwt());
        assertNull(t.nimbusError());
        assertEquals("k1", t.headerString("kid"));
        assertEquals("x", t.claimString("aud"));
        assertNull(t.claimString("exp"), "claimString is for strings only");
        assertTrue(t.hasClaim("alpha"));
        assertFalse(t.hasClaim("nope"));
    }

    @Test
    void signedEntraShapedTokens() {
        DecodedToken rs = d.decode(Tokens.sign(Tokens.v1Access()));
        assertEquals(TokenKind.JWS, rs.kind());
        assertEquals(256, rs.signature());
        assertEquals("1.0", rs.claimString("ver"));
        assertEquals("test-kid-1", rs.headerString("kid"));

        String es = Tokens.sign(Tokens.v2Access().build(), Tokens.EC, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("test-ec-1").build());
        DecodedToken e = d.decode(es);
        assertEquals(TokenKind.JWS, e.kind());
        assertEquals(64, e.signature(), "ES256 signatures are R||S, 64 bytes");
    }

    @Test
    void jweReadsOnlyTheProtectedHeader() {
        String jwe = Tokens.encrypted(Tokens.v2Access());
        assertEquals(5, jwe.split("\\.", -1).length);
        DecodedToken t = d.decode(jwe);
        assertEquals(TokenKind.JWE, t.kind());
        assertTrue(t.wellFormed());
        assertEquals("RSA-OAEP-256", t.headerString("alg"));
        assertEquals("A256GCM", t.headerString("enc"));
        assertEquals("test-kid-1", t.headerString("kid"));
        assertNull(t.claims(), "claims are encrypted");
        assertEquals(-1, t.signature());
        assertInstanceOf(EncryptedJWT.class, t.jwt());
    }

    @Test
    void directEncryptionJweWithAnEmptyEncryptedKeyPart() {
        String jwe = b64("{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"kid\":\"k9\"}") + "..AAECAwQFBgcICQoL.c2VjcmV0.AAECAwQFBgcICQoLDA0ODw";
        DecodedToken t = d.decode(jwe);
        assertEquals(TokenKind.JWE, t.kind(), () -> t.problems().toString());
        assertEquals("dir", t.headerString("alg"));
        assertEquals("k9", t.headerString("kid"));
    }

    @Test
    void fivePartsWithoutEncIsNotAJwe() {
        String token = H + "." + P + "." + S + ".AAAA.BBBB";
        DecodedToken t = d.decode(token);
        malformed(t, "header", "no \"enc\"", 0);
        assertNotNull(t.header(), "the header is still shown");
    }

    @Test
    void jweWithABadCharacterNamesTheJwePart() {
        String head = b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}");
        String token = head + ".AAAA.AAAA.AA+A.AAAA";
        malformed(d.decode(token), "ciphertext", "standard base64", head.length() + 1 + 5 + 5 + 2);
    }

    @Test
    void opaqueConsumerTicket() {
        String opaque = Tokens.opaque(420);
        DecodedToken t = d.decode(opaque);
        assertEquals(TokenKind.OPAQUE, t.kind());
        assertEquals(List.of(), t.problems());
        assertNull(t.header());
        assertNull(t.claims());
        assertNull(t.jwt());
        assertEquals(-1, t.signature());
        assertFalse(t.wellFormed(), "opaque is not a JWT");
    }

    @Test
    void opaqueWithAControlCharacterIsMalformedAtItsOffset() {
        malformed(d.decode("EwBabc\u0001def"), "token", "U+0001", 6);
    }

    @Test
    void textThatIsNotATokenIsNotCalledOpaque() {
        DecodedToken t = d.decode("{\"error\":\"invalid_grant\"}");
        malformed(t, "token", "'{'", 0);
        DecodedToken html = d.decode("abc<html>");
        malformed(html, "token", "'<'", 3);
    }

    // ---- malformed: base64url -------------------------------------------------------------------------------------

    @Test
    void notBase64UrlReportsTheExactCharacter() {
        String header = H.substring(0, 7) + "!" + H.substring(8);
        malformed(d.decode(header + "." + P + "." + S), "header", "'!' is not in the base64url alphabet", 7);

        int at = H.length() + 1 + 11;
        String payload = P.substring(0, 11) + "é" + P.substring(12);
        malformed(d.decode(H + "." + payload + "." + S), "payload", "'é' (U+00E9)", at);

        String sig = S.substring(0, 30) + " " + S.substring(31);
        malformed(d.decode(H + "." + P + "." + sig), "signature", "a space", H.length() + P.length() + 2 + 30);
    }

    @Test
    void paddingIsReportedAsBadPadding() {
        String token = H + "." + P + "==." + S;
        malformed(d.decode(token), "payload", "bad padding", H.length() + 1 + P.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "/"})
    void standardBase64CharactersAreNamed(String c) {
        String header = H.substring(0, 4) + c + H.substring(5);
        malformed(d.decode(header + "." + P + "." + S), "header", "standard base64", 4);
        String sig = S.substring(0, 100) + c + S.substring(101);
        malformed(d.decode(H + "." + P + "." + sig), "signature", "'" + c + "' is standard base64", H.length() + P.length() + 2 + 100);
    }

    @Test
    void impossibleBase64LengthPointsAtTheLastCharacter() {
        String part = "eyJhIjoxfQAAA"; // 13 characters: 13 % 4 == 1 can't come from any byte string
        String token = H + "." + part + "." + S;
        malformed(d.decode(token), "payload", "13 characters is an impossible length", H.length() + 1 + 12);
    }

    @Test
    void bytesThatAreNotUtf8() {
        String payload = Base64URL.encode(new byte[]{(byte) 0xff, (byte) 0xfe, 0x7b, (byte) 0xc3}).toString();
        malformed(d.decode(H + "." + payload + "." + S), "payload", "not UTF-8", H.length() + 1);
    }

    // ---- malformed: JSON ------------------------------------------------------------------------------------------

    @Test
    void payloadThatIsNotJson() {
        DecodedToken t = d.decode(H + "." + b64("hello world") + "." + S);
        malformed(t, "payload", "is not JSON", H.length() + 1);
        assertNotNull(t.header(), "the header still decodes");
        assertNull(t.claims());
    }

    @Test
    void headerThatIsTruncatedJson() {
        malformed(d.decode(b64("{\"alg\":\"RS25") + "." + P + "." + S), "header", "is not JSON", 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2,3]", "\"a string\"", "42", "true", "null"})
    void jsonThatIsNotAnObject(String json) {
        malformed(d.decode(H + "." + b64(json) + "." + S), "payload", "not a JSON object", H.length() + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}{\"b\":2}", "{\"a\":1}xyz", "{\"a\":1} ]", "{\"a\":1}\n,{}"})
    void trailingGarbageAfterTheJsonObject(String json) {
        malformed(d.decode(H + "." + b64(json) + "." + S), "payload", "followed by trailing garbage", H.length() + 1);
    }

    @Test
    void duplicateMembersAreRejectedInHeaderAndPayload() {
        malformed(d.decode(Tokens.raw("{\"alg\":\"RS256\",\"alg\":\"none\"}", "{}", S)), "header", "duplicate member", 0);
        DecodedToken t = d.decode(Tokens.raw("{\"alg\":\"RS256\"}", "{\"aud\":\"mine\",\"sub\":\"x\",\"aud\":\"theirs\"}", S));
        malformed(t, "payload", "Duplicate field 'aud'", b64("{\"alg\":\"RS256\"}").length() + 1);
    }

    @Test
    void numbersBeyondAnyJsonLibrarysRangeAreMalformedNotACrash() {
        DecodedToken t = d.decode(Tokens.raw("{\"alg\":\"RS256\"}", "{\"aud\":\"x\",\"exp\":1e400}", S));
        malformed(t, "payload", "\"exp\" overflows", b64("{\"alg\":\"RS256\"}").length() + 1);
        DecodedToken nested = d.decode(Tokens.raw("{\"alg\":\"RS256\",\"x\":{\"y\":[1,-2e999]}}", "{}", S));
        malformed(nested, "header", "\"x\".y[1] overflows", 0);
    }

    @Test
    void numbersBeyondLongButWithinRangeAreKeptExactly() {
        DecodedToken t = d.decode(Tokens.raw("{\"alg\":\"RS256\"}", "{\"exp\":123456789012345678901234567890,\"iat\":1.5e300}", S));
        assertEquals(TokenKind.JWS, t.kind(), () -> t.problems().toString());
        assertEquals("123456789012345678901234567890", t.claims().get("exp").toString());
        assertTrue(t.claims().get("iat").isNumber());
    }

    @Test
    void deeplyNestedJsonIsRefusedNotRecursedInto() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        DecodedToken t = assertDoesNotThrow(() -> d.decode(Tokens.raw("{\"alg\":\"RS256\"}", deep, S)));
        malformed(t, "payload", "is not JSON", b64("{\"alg\":\"RS256\"}").length() + 1);
    }

    // ---- malformed: structure -------------------------------------------------------------------------------------

    @Test
    void emptySignature() {
        String token = H + "." + P + ".";
        DecodedToken t = d.decode(token);
        malformed(t, "signature", "empty", token.length());
        assertTrue(single(t).message().contains("IDX10504"));
        assertEquals(0, t.signature());
        assertNotNull(t.claims(), "header and claims are still shown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE"})
    void unsecuredJwtWithAnEmptySignatureIsAWellFormedJws(String alg) {
        DecodedToken t = d.decode(Tokens.raw("{\"alg\":\"" + alg + "\"}", "{\"sub\":\"x\"}", ""));
        assertEquals(TokenKind.JWS, t.kind(), () -> t.problems().toString());
        assertEquals(0, t.signature());
        assertNull(t.nimbusError(), "an unsigned token is the algorithm step's business, not a header error");
        if (alg.equals("none")) assertInstanceOf(PlainJWT.class, t.jwt());
    }

    @Test
    void twoPartsMeansTheSignatureIsMissing() {
        String token = H + "." + P;
        DecodedToken t = d.decode(token);
        malformed(t, "signature", "2 parts", token.length());
        assertEquals(1, t.problems().size());
        assertNotNull(t.header());
        assertNotNull(t.claims());
        assertEquals("api://x", t.claimString("aud"));
    }

    @Test
    void fourPartsPointsAtTheFourthPart() {
        String token = H + "." + P + "." + S + ".Z2FyYmFnZQ";
        DecodedToken t = d.decode(token);
        int fourth = H.length() + P.length() + S.length() + 3;
        malformed(t, "token", "part 4 starts at character " + fourth, fourth);
        assertNotNull(t.header());
        assertNotNull(t.claims());
    }

    @Test
    void sixOrMorePartsAreTrailingGarbage() {
        String token = H + "." + P + ".a.b.c.d.e";
        DecodedToken t = d.decode(token);
        int sixth = token.indexOf(".d.") + 1;
        malformed(t, "token", "7 parts", sixth);
    }

    @Test
    void emptyHeaderPart() {
        malformed(d.decode("." + P + "." + S), "header", "empty", 0);
    }

    @Test
    void emptyPayloadPart() {
        malformed(d.decode(H + ".." + S), "payload", "empty", H.length() + 1);
    }

    @Test
    void oversizeTokenIsRefusedBeforeDecoding() {
        String huge = H + "." + "A".repeat(TokenDecoder.MAX_TOKEN_CHARS) + "." + S;
        DecodedToken t = d.decode(huge);
        malformed(t, "token", "not decoded", TokenDecoder.MAX_TOKEN_CHARS);
        assertNull(t.header());
        assertTrue(t.raw().length() <= 65, "the report does not carry the whole oversize input");
    }

    @Test
    void emptyAndNull() {
        malformed(d.decode(""), "token", "empty input", -1);
        malformed(d.decode(null), "token", "empty input", -1);
    }

    @Test
    void headerNimbusRefusesIsReadButFlagged() {
        DecodedToken t = d.decode(Tokens.raw("{\"typ\":\"JWT\"}", "{\"sub\":\"x\"}", S));
        assertEquals(TokenKind.JWS, t.kind());
        assertNull(t.jwt());
        assertNotNull(t.nimbusError(), "nimbus explains the missing alg");
        assertEquals("JWT", t.headerString("typ"));
    }

    @Test
    void unencodedPayloadIsReadAsIs() {
        String token = b64("{\"alg\":\"RS256\",\"b64\":false,\"crit\":[\"b64\"]}") + ".{\"sub\":\"x\",\"n\":1}." + S;
        DecodedToken t = d.decode(token);
        assertEquals(TokenKind.JWS, t.kind(), () -> t.problems().toString());
        assertEquals("x", t.claimString("sub"));
        assertNull(t.jwt(), "never handed to nimbus as a JWT");
    }

    @Test
    void problemsRenderWithPartAndOffset() {
        Problem p = new Problem("payload", "bad padding", 57);
        assertEquals("payload: bad padding (at character 57)", p.toString());
        assertEquals("token: empty", new Problem("token", "empty", -1).toString());
    }

    @Test
    void onlyTheFirstBadCharacterOfAPartIsReportedButEveryBrokenPartIs() {
        String token = "e!J." + P.substring(0, 3) + "=" + P.substring(4) + "." + S;
        DecodedToken t = d.decode(token);
        assertEquals(List.of("header", "payload"), t.problems().stream().map(Problem::part).toList());
        assertEquals(List.of(1, 4 + 3), t.problems().stream().map(Problem::offset).toList());
    }

    @Test
    void neverThrowsOnOddInputs() {
        for (String s : new String[]{".", "..", "....", ".....", "a.b.c.d.e.f.g", "\u0000", "eyJ", "eyJ.eyJ.", "\uD800.\uDC00.x",
                "=.=.=", "-.-.-", "_._._", "A.A.A", "AA.AA.AA", "e30.e30.e30", "e30.e30.", "e30..", "W10.W10.W10"}) {
            DecodedToken t = assertDoesNotThrow(() -> d.decode(s), s);
            assertNotNull(t.kind(), s);
            if (t.kind() == TokenKind.MALFORMED) {
                assertFalse(t.problems().isEmpty(), s);
                for (Problem p : t.problems()) {
                    assertFalse(p.message().isBlank(), s);
                    assertTrue(p.offset() >= -1 && p.offset() <= s.length(), s + " " + p);
                }
            }
        }
    }

    static List<String> names(ObjectNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
