package dev.tokenscope.engine.check;

import dev.tokenscope.engine.profile.ValidationProfile;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.SignedJWT;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The algorithm allow-list and the header members a validator must refuse. */
class AlgorithmCheckTest {
    static final Inspector INSPECTOR = new Inspector(TrustResolver.offlineOnly(), Clock.fixed(Tokens.NOW, ZoneOffset.UTC));
    static final String PAYLOAD = Tokens.v2Access().build().toString();
    static final String SIG = "c2lnbmF0dXJl";

    static Report inspect(String token) {
        return INSPECTOR.inspect(token, ValidationProfile.defaults().withAt(Tokens.NOW));
    }

    static Step algorithm(Report r) {
        return r.step("algorithm").orElseThrow();
    }

    static List<String> ids(Report r) {
        return r.diagnoses().stream().map(d -> d.id()).toList();
    }

    static void failsWith(Report r, String diagnosis, String idx) {
        Step s = algorithm(r);
        assertEquals(Status.FAIL, s.status(), s.detail());
        if (idx != null) assertEquals(idx, s.idx());
        assertTrue(ids(r).contains(diagnosis), ids(r).toString());
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(Status.SKIP, r.step("signature").orElseThrow().status(), "no key is looked at for a refused token");
    }

    @Test
    void rs256PassesAsTheEntraAlgorithm() {
        Step s = algorithm(inspect(Tokens.sign(Tokens.v2Access())));
        assertEquals(Status.PASS, s.status());
        assertEquals("RS256 is an accepted asymmetric algorithm (the one Entra uses)", s.detail());
        assertEquals("RS256", s.evidence().get("alg"));
        assertTrue(s.evidence().get("allowed").contains("ES256"));
        assertFalse(s.evidence().get("allowed").contains("HS256"));
    }

    @Test
    void es256AndPs256AreAcceptedToo() {
        Step es = algorithm(inspect(Tokens.sign(Tokens.v2Access().build(), Tokens.EC,
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("e").build())));
        assertEquals(Status.PASS, es.status());
        assertFalse(es.detail().contains("the one Entra uses"));
        Step ps = algorithm(inspect(Tokens.sign(Tokens.v2Access().build(), Tokens.RSA,
                new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("p").build())));
        assertEquals(Status.PASS, ps.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void algNoneInAnyCasing(String alg) {
        Report r = inspect(Tokens.raw("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}", PAYLOAD, ""));
        failsWith(r, "alg-none", "IDX10504");
        assertTrue(algorithm(r).detail().contains("unsigned"), algorithm(r).detail());
        assertEquals("alg-none", r.topDiagnosis().orElseThrow().id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void hmacIsRefused(String alg) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.parse(alg)).keyID(Tokens.RSA.getKeyID()).build(),
                Tokens.v2Access().build());
        jwt.sign(new MACSigner(new byte[64]));
        Report r = inspect(jwt.serialize());
        failsWith(r, "symmetric-alg", "IDX10503");
        assertEquals("symmetric-alg", r.topDiagnosis().orElseThrow().id());
        assertTrue(r.topDiagnosis().orElseThrow().summary().contains(alg));
    }

    @Test
    void unknownAlgorithmIsNotAccepted() {
        Report r = inspect(Tokens.raw("{\"alg\":\"RS1\",\"typ\":\"JWT\"}", PAYLOAD, SIG));
        Step s = algorithm(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX10634", s.idx());
        assertTrue(s.detail().contains("\"RS1\" is not an accepted signature algorithm"), s.detail());
    }

    @Test
    void missingAlgorithm() {
        Report r = inspect(Tokens.raw("{\"typ\":\"JWT\"}", PAYLOAD, SIG));
        Step s = algorithm(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX10634", s.idx());
        assertEquals("(missing)", s.evidence().get("alg"));
    }

    @Test
    void unknownCritIsRefused() {
        Report r = inspect(Tokens.raw("{\"alg\":\"RS256\",\"crit\":[\"exp\",\"http://example.com/x\"],\"exp\":1}", PAYLOAD, SIG));
        failsWith(r, "unknown-crit", null);
        assertTrue(algorithm(r).detail().contains("\"crit\" lists exp, http://example.com/x"), algorithm(r).detail());
        assertTrue(r.diagnoses().stream().filter(d -> d.id().equals("unknown-crit")).findFirst().orElseThrow().summary().contains("exp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"exp\"", "[1]"})
    void emptyOrMistypedCritIsRefused(String crit) {
        Report r = inspect(Tokens.raw("{\"alg\":\"RS256\",\"crit\":" + crit + "}", PAYLOAD, SIG));
        assertEquals(Status.FAIL, algorithm(r).status());
        assertTrue(ids(r).contains("unknown-crit"), ids(r).toString());
    }

    @Test
    void unencodedPayloadIsRefused() {
        String token = Tokens.b64("{\"alg\":\"RS256\",\"b64\":false,\"crit\":[\"b64\"]}") + ".{\"sub\":\"x\",\"exp\":1772369400}." + SIG;
        Report r = inspect(token);
        failsWith(r, "unencoded-payload", null);
        assertTrue(algorithm(r).detail().contains("\"b64\": false"), algorithm(r).detail());
        assertTrue(ids(r).contains("unknown-crit"), "b64 in crit is not understood either");
        assertEquals("x", r.token().claims().get("sub").asText(), "the unencoded payload is still shown");
    }

    @Test
    void b64TrueIsHarmless() {
        Report r = inspect(Tokens.raw("{\"alg\":\"RS256\",\"b64\":true}", PAYLOAD, SIG));
        assertEquals(Status.PASS, algorithm(r).status());
        assertFalse(ids(r).contains("unencoded-payload"));
    }

    @Test
    void jkuHeaderIsKeyInjectionAndIsIgnored() {
        String token = Tokens.sign(Tokens.v2Access().build(), Tokens.RSA,
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(Tokens.RSA.getKeyID())
                        .jwkURL(URI.create("https://attacker.example/keys")).build());
        Report r = inspect(token);
        Step s = algorithm(r);
        assertEquals(Status.WARN, s.status());
        assertEquals("jku", s.evidence().get("ignored header keys"));
        assertTrue(s.detail().contains("it is ignored"), s.detail());
        assertTrue(ids(r).contains("header-key-injection"), ids(r).toString());
        assertEquals("header-key-injection", r.topDiagnosis().orElseThrow().id());
    }

    @Test
    void everyKeyCarryingHeaderMemberIsNamed() {
        Report r = inspect(Tokens.sign(Tokens.v2Access().build(), Tokens.RSA, new JWSHeader.Builder(JWSAlgorithm.RS256)
                .jwk(Tokens.RSA.toPublicJWK()).x509CertURL(URI.create("https://attacker.example/cert.pem")).build()));
        assertEquals("x5u, jwk", algorithm(r).evidence().get("ignored header keys"));
        assertTrue(r.diagnoses().stream().filter(d -> d.id().equals("header-key-injection")).findFirst().orElseThrow()
                .summary().contains("x5u, jwk"));
    }

    @Test
    void keyInjectionOnARefusedAlgorithmStillFailsAndNamesBoth() {
        Report r = inspect(Tokens.raw("{\"alg\":\"none\",\"jku\":\"https://attacker.example/k\"}", PAYLOAD, ""));
        assertEquals(Status.FAIL, algorithm(r).status());
        assertTrue(ids(r).containsAll(List.of("alg-none", "header-key-injection")), ids(r).toString());
        assertEquals("alg-none", r.topDiagnosis().orElseThrow().id(), "the unsigned token is the more important root cause");
    }

    @Test
    void encryptedTokenSkipsTheSignatureAlgorithm() {
        Step s = algorithm(inspect(Tokens.encrypted(Tokens.v2Access())));
        assertEquals(Status.SKIP, s.status());
        assertEquals("RSA-OAEP-256", s.evidence().get("alg"));
        assertEquals("A256GCM", s.evidence().get("enc"));
        assertNull(s.idx());
    }

    @Test
    void undecodableHeaderSkips() {
        Report r = inspect("e!J." + Tokens.b64(PAYLOAD) + "." + SIG);
        assertEquals(Status.SKIP, algorithm(r).status());
        assertTrue(algorithm(r).detail().contains("could not be decoded"));
    }
}
