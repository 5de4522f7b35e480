package dev.tokenscope.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import dev.tokenscope.cli.HumanRenderer;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.claims.ClaimView;
import dev.tokenscope.engine.export.ExportFormat;
import dev.tokenscope.engine.export.ExportOptions;
import dev.tokenscope.engine.export.Exporters;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.text.SafeText;
import dev.tokenscope.testing.FakeEntra;
import dev.tokenscope.testing.Tokens;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The attack catalogue: hostile tokens a validator must reject, each with the diagnosis it must name and the
 * network calls it must not make. The issuer is a real HTTPS server on loopback publishing the tests' keys.
 */
class AttackCatalogueTest {
    FakeEntra entra;
    @TempDir
    Path cache;
    static final String JWKS = "https://login.microsoftonline.com/" + TENANT + "/discovery/v2.0/keys";

    @BeforeEach
    void start() {
        entra = new FakeEntra().tenant(TENANT, Tokens.publicSet(Tokens.RSA, Tokens.EC));
    }

    @AfterEach
    void stop() {
        entra.close();
    }

    Report inspect(String token) {
        return entra.inspector(cache).inspect(token, ValidationProfile.defaults().withAudiences(List.of(API_ID)));
    }

    static String payload() {
        return Tokens.v2Access().build().toString();
    }

    static void invalid(Report r, String diagnosis) {
        assertEquals(Verdict.INVALID, r.verdict(), r.summary());
        assertTrue(r.hasDiagnosis(diagnosis), "expected " + diagnosis + " in " + r.diagnoses().stream().map(d -> d.id()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void algNoneInAnyCasing(String alg) {
        Report r = inspect(Tokens.raw("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}", payload(), ""));
        invalid(r, "alg-none");
        assertEquals(Status.FAIL, r.step("algorithm").orElseThrow().status());
        assertTrue(entra.requests.isEmpty(), "no key fetch for an unsigned token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void hmacSignedWithTheRsaPublicKeyIsKeyConfusion(String alg) throws Exception {
        // The classic confusion attack: the public key's bytes used as the HMAC secret.
        byte[] secret = Tokens.RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.parse(alg)).keyID(Tokens.RSA.getKeyID()).build(),
                Tokens.v2Access().build());
        jwt.sign(new MACSigner(secret));
        Report r = inspect(jwt.serialize());
        invalid(r, "symmetric-alg");
        assertTrue(entra.requests.isEmpty());
        assertFalse(r.step("signature").map(s -> s.status() == Status.PASS).orElse(false));
    }

    @Test
    void embeddedJwkHeaderIsIgnored() {
        RSAKey attacker = Tokens.rsa("attacker");
        String token = Tokens.sign(Tokens.v2Access().build(), attacker,
                new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(attacker.toPublicJWK()).build());
        Report r = inspect(token);
        invalid(r, "header-key-injection");
        assertNotEquals(Status.PASS, r.step("signature").orElseThrow().status());
    }

    @Test
    void jkuAndX5uPointingAtALoopbackServerAreNeverFetched() {
        RSAKey attacker = Tokens.rsa(Tokens.RSA.getKeyID());
        entra.json("https://issuer.example/jku", Tokens.publicSet(attacker).toString(true));
        entra.route("https://issuer.example/x5u", req -> new mockwebserver3.MockResponse.Builder().code(200).body("-----BEGIN CERTIFICATE-----").build());
        String token = Tokens.sign(Tokens.v2Access().build(), attacker, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID())
                .jwkURL(URI.create("https://issuer.example/jku")).x509CertURL(URI.create("https://issuer.example/x5u")).build());
        Report r = inspect(token);
        invalid(r, "header-key-injection");
        invalid(r, "signature-invalid");
        assertEquals(0, entra.count("https://issuer.example/jku"));
        assertEquals(0, entra.count("https://issuer.example/x5u"));
    }

    @Test
    void selfSignedX5cChainIsNotTrusted() throws Exception {
        HeldCertificate self = new HeldCertificate.Builder().commonName("login.microsoftonline.com").rsa2048().build();
        RSAKey attacker = new RSAKey.Builder((java.security.interfaces.RSAPublicKey) self.keyPair().getPublic())
                .privateKey(self.keyPair().getPrivate()).build();
        String token = Tokens.sign(Tokens.v2Access().build(), attacker, new JWSHeader.Builder(JWSAlgorithm.RS256)
                .x509CertChain(List.of(Base64.encode(self.certificate().getEncoded()))).build());
        Report r = inspect(token);
        invalid(r, "header-key-injection");
        assertNotEquals(Status.PASS, r.step("signature").orElseThrow().status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../../etc/passwd", "' OR '1'='1", "test-kid-1\u0000", "test-kid-1 ", "TEST-KID-1"})
    void kidIsAnOpaqueStringMatchedExactly(String kid) {
        String token = Tokens.sign(Tokens.v2Access().build(), Tokens.RSA, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build());
        Report r = inspect(token);
        invalid(r, "key-not-found");
        assertEquals(Status.FAIL, r.step("key-match").orElseThrow().status());
    }

    @Test
    void hugeKidIsHandled() {
        String kid = "k".repeat(100_000);
        String token = Tokens.sign(Tokens.v2Access().build(), Tokens.RSA, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build());
        Report r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> inspect(token));
        assertEquals(Verdict.INVALID, r.verdict());
    }

    @Test
    void psychicSignatureIsRejected() {
        // CVE-2022-21449: r = s = 0 for ES256.
        String header = Tokens.b64("{\"alg\":\"ES256\",\"kid\":\"" + Tokens.EC.getKeyID() + "\",\"typ\":\"JWT\"}");
        String token = header + "." + Tokens.b64(payload()) + "." + Base64URL.encode(new byte[64]);
        Report r = inspect(token);
        invalid(r, "signature-invalid");
        assertEquals(Status.FAIL, r.step("signature").orElseThrow().status());
    }

    @Test
    void outOfRangeEcdsaSignatureIsRejected() {
        byte[] sig = new byte[64];
        java.util.Arrays.fill(sig, (byte) 0xFF); // r, s ≥ n
        String header = Tokens.b64("{\"alg\":\"ES256\",\"kid\":\"" + Tokens.EC.getKeyID() + "\",\"typ\":\"JWT\"}");
        Report r = inspect(header + "." + Tokens.b64(payload()) + "." + Base64URL.encode(sig));
        invalid(r, "signature-invalid");
    }

    @Test
    void validEcdsaTokenStillVerifies() {
        ECKey ec = Tokens.EC;
        String token = Tokens.sign(Tokens.v2Access().build(), ec,
                new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(ec.getKeyID()).build());
        Report r = inspect(token);
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
    }

    @Test
    void unknownCritIsRejected() {
        String token = Tokens.sign(Tokens.v2Access().build(), Tokens.RSA,
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(Tokens.RSA.getKeyID())
                        .criticalParams(java.util.Set.of("exp-policy")).customParam("exp-policy", "lenient").build());
        invalid(inspect(token), "unknown-crit");
    }

    @Test
    void unencodedPayloadIsRejected() {
        // RFC 7797: the payload travels as is (here JSON without dots or spaces, so it stays one part).
        String raw = "{\"aud\":\"" + API_ID + "\",\"exp\":4102444800}";
        String token = Tokens.b64("{\"alg\":\"RS256\",\"b64\":false,\"crit\":[\"b64\"],\"kid\":\"test-kid-1\"}") + "." + raw + ".AAAA";
        Report r = inspect(token);
        invalid(r, "unencoded-payload");
        assertTrue(entra.requests.isEmpty());
    }

    @Test
    void emptySignatureIsRejected() {
        String[] p = Tokens.sign(Tokens.v2Access()).split("\\.");
        Report r = inspect(p[0] + "." + p[1] + ".");
        invalid(r, "malformed-token");
        assertEquals("IDX10504", r.step("format").orElseThrow().idx());
    }

    @Test
    void signatureOfAnotherTokenIsRejected() {
        String a = Tokens.sign(Tokens.v2Access());
        String b = Tokens.sign(Tokens.v2Access().claim("scp", "admin"));
        String[] pa = a.split("\\."), pb = b.split("\\.");
        invalid(inspect(pa[0] + "." + pa[1] + "." + pb[2]), "signature-invalid");
    }

    @Test
    void headerAndPayloadSwappedIsRejected() {
        String[] p = Tokens.sign(Tokens.v2Access()).split("\\.");
        Report r = inspect(p[1] + "." + p[0] + "." + p[2]);
        assertEquals(Verdict.INVALID, r.verdict(), r.summary());
    }

    @Test
    void duplicateKeysInHeaderOrClaimsAreRejected() {
        Report h = inspect(Tokens.raw("{\"alg\":\"RS256\",\"alg\":\"none\",\"kid\":\"test-kid-1\"}", payload(), "AAAA"));
        invalid(h, "malformed-token");
        assertTrue(h.step("format").orElseThrow().detail().contains("duplicate"), h.step("format").orElseThrow().detail());
        Report c = inspect(Tokens.raw("{\"alg\":\"RS256\",\"kid\":\"test-kid-1\"}", "{\"aud\":\"a\",\"aud\":\"" + API_ID + "\"}", "AAAA"));
        invalid(c, "malformed-token");
        assertTrue(entra.requests.isEmpty(), "a malformed token fetches nothing");
    }

    @Test
    void nestedJwtIsNotTakenForItsInnerClaims() {
        String inner = Tokens.sign(Tokens.v2Access());
        String outer = Tokens.b64("{\"alg\":\"RS256\",\"cty\":\"JWT\",\"kid\":\"test-kid-1\"}") + "." + Base64URL.encode(inner) + ".AAAA";
        Report r = inspect(outer);
        assertEquals(Verdict.INVALID, r.verdict(), r.summary());
    }

    @Test
    void compressedJweIsNeverDecompressed() {
        String header = Tokens.b64("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"zip\":\"DEF\",\"kid\":\"enc-1\"}");
        String big = Base64URL.encode(new byte[2_000_000]).toString(); // a "ciphertext" far larger than any token
        Report r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> inspect(header + ".AAAA.AAAAAAAAAAAAAAAA." + big + ".AAAAAAAAAAAAAAAAAAAAAA"));
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.hasDiagnosis("malformed-token"), r.diagnoses().toString());
    }

    @Test
    void smallJweGivesTheHeaderOnly() {
        String header = Tokens.b64("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"zip\":\"DEF\",\"kid\":\"enc-1\"}");
        Report r = inspect(header + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA");
        assertTrue(r.hasDiagnosis("encrypted-token"));
        assertEquals(Verdict.UNDETERMINED, r.verdict());
        assertTrue(entra.requests.isEmpty());
    }

    @Test
    void oneMegabyteTokenIsRefusedQuickly() {
        String token = Tokens.b64("{\"alg\":\"RS256\"}") + "." + "A".repeat(1 << 20) + ".AAAA";
        Report r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> inspect(token));
        invalid(r, "malformed-token");
        assertTrue(r.step("format").orElseThrow().detail().contains("a few kilobytes"), r.step("format").orElseThrow().detail());
    }

    @Test
    void hundredMegabyteInputIsRefusedWithAClearMessage() {
        String huge = "eyJ" + "A".repeat(100 * 1024 * 1024);
        Report r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> inspect(huge));
        assertEquals(Verdict.UNDETERMINED, r.verdict());
        assertTrue(r.summary().contains("characters"), r.summary());
        assertTrue(entra.requests.isEmpty());
    }

    // ---- text from the token never drives the terminal or fools the eye ----------------------------------------

    /** Every line of a face's output holds no raw control, bidirectional or invisible character. */
    static void noRawControl(String face, String text) {
        for (String line : text.split("\n", -1)) {
            assertTrue(SafeText.isPlain(line), face + ": raw control, bidi or invisible character in " + line.replace('\u001b', '~'));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u001b]0;pwned\u0007\u001b[2J", "invoice\u202efdp.exe", "\u009b2J\u009d0;t\u009c", "alice\r\nadmin: yes",
            "ad\u200bmin\u2066x\u2069\ufeff", "del\u007f\u0085nel"})
    void controlAndBidiCharactersInClaimsReachNoFaceRaw(String hostile) {
        String token = Tokens.sign(Tokens.v2Access().claim("name", hostile).claim("roles", List.of("Reader", hostile)));
        Report r = inspect(token);
        assertEquals(Verdict.VALID, r.verdict(), "odd characters are not a validation failure: " + r.summary());
        for (String claim : List.of("name", "roles")) {
            ClaimView v = r.token().claimAnnotations().stream().filter(c -> c.name().equals(claim)).findFirst().orElseThrow();
            assertNotNull(v.warning(), claim + " has an info note");
            assertTrue(SafeText.isPlain(v.displayValue()), v.displayValue());
        }
        noRawControl("inspect", new HumanRenderer(false).render(r));
        noRawControl("markdown", Exporters.export(r, token, ExportFormat.MARKDOWN, ExportOptions.defaults()));
        noRawControl("html", Exporters.export(r, token, ExportFormat.HTML, ExportOptions.defaults()));
        assertEquals(hostile, r.token().claims().get("name").asText(), "the report keeps the exact value");
        assertTrue(Json.pretty(r).contains("\"warning\""), "JSON carries the note");
    }

    @Test
    void terminalControlSequenceInTheKidIsShownEscaped() {
        String token = Tokens.sign(Tokens.v2Access().build(), Tokens.RSA,
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k\u001b[2J\u202e").build());
        Report r = inspect(token);
        invalid(r, "key-not-found");
        noRawControl("inspect", new HumanRenderer(false).render(r));
        assertNotNull(r.token().headerAnnotations().stream().filter(c -> c.name().equals("kid")).findFirst().orElseThrow().warning());
    }

    private static void assertNotEquals(Status unexpected, Status actual) {
        org.junit.jupiter.api.Assertions.assertNotEquals(unexpected, actual);
    }

    @SuppressWarnings("unused")
    private static final String JWKS_URL = JWKS;

    @Test
    void fakeEntraPublishesTheKeys() {
        assertNotNull(Tokens.publicSet(Tokens.RSA).getKeyByKeyId("test-kid-1"));
    }

    // ---- a token vouching for itself (issuer trust) --------------------------------------------------------------

    /**
     * A token whose issuer publishes the very key it was signed with: anyone can run such an issuer. Its signature
     * verifies, and still it is never VALID: undetermined (untrusted-issuer) for an honest foreign issuer, invalid
     * (lookalike-issuer) for one that imitates Microsoft, with nothing fetched from the look-alike.
     */
    @Test
    void aTokenCannotVouchForItselfThroughItsOwnIssuer() {
        String foreign = "https://issuer.example/";
        entra.json(foreign + ".well-known/openid-configuration", "{\"issuer\":\"" + foreign + "\",\"jwks_uri\":\"" + foreign + "keys\"}")
                .json(foreign + "keys", Tokens.publicSet(Tokens.RSA).toString());
        Report r = inspect(Tokens.sign(Tokens.v2Access().issuer(foreign).claim("tid", "72f988bf-86f1-41af-91ab-2d7cd011db47")));
        assertEquals(Status.PASS, r.step("signature").orElseThrow().status());
        assertEquals(Verdict.UNDETERMINED, r.verdict(), r.summary());
        assertTrue(r.hasDiagnosis("untrusted-issuer"));
        assertFalse(r.step("tenant").orElseThrow().detail().contains("Microsoft's own corporate tenant"));
        for (String iss : List.of("https://login.microsoftonline.com.evil.example/" + TENANT + "/v2.0",
                "https://login.micros\u043Eftonline.com/" + TENANT + "/v2.0", "https://xn--login-microsoftonline-xyz.example/" + TENANT + "/v2.0",
                "https://login.microsoftonlline.com/" + TENANT + "/v2.0", "https://issuer.example/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0")) {
            int before = entra.requests.size();
            Report l = inspect(Tokens.sign(Tokens.v2Access().issuer(iss)));
            invalid(l, "lookalike-issuer");
            assertEquals(before, entra.requests.size(), "nothing fetched for " + iss);
        }
    }
}
