package dev.tokenscope.engine.check;

import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.token.TokenKind;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The format step: well-formed JWS, encrypted, opaque and malformed tokens, each with its diagnosis and IDX code. */
class FormatCheckTest {
    static final Inspector INSPECTOR = new Inspector(TrustResolver.offlineOnly(), Clock.fixed(Tokens.NOW, ZoneOffset.UTC));
    static final List<String> KEY_STEPS = List.of("metadata", "keys", "key-match", "signature");

    static Report inspect(String input) {
        return INSPECTOR.inspect(input, ValidationProfile.defaults().withAt(Tokens.NOW));
    }

    static Step format(Report r) {
        Step s = r.steps().get(0);
        assertEquals("format", s.id(), "format is always the first step");
        return s;
    }

    static List<String> ids(Report r) {
        return r.diagnoses().stream().map(d -> d.id()).toList();
    }

    @Test
    void signedJwtPasses() {
        Report r = inspect(Tokens.sign(Tokens.v2Access()));
        Step s = format(r);
        assertEquals(Status.PASS, s.status());
        assertTrue(s.detail().contains("256-byte signature"), s.detail());
        assertEquals("3", s.evidence().get("parts"));
        assertNull(s.idx());
        assertEquals(TokenKind.JWS, r.token().kind());
        assertFalse(ids(r).contains("malformed-token"));
        for (String id : KEY_STEPS) assertEquals(Status.SKIP, r.step(id).orElseThrow().status(), id);
        assertEquals(Verdict.UNDETERMINED, r.verdict(), "offline without keys the signature stays unproven");
    }

    @Test
    void encryptedTokenWarnsAndNamesAlgEncKid() {
        Report r = inspect(Tokens.encrypted(Tokens.v2Access()));
        Step s = format(r);
        assertEquals(Status.WARN, s.status());
        assertEquals("IDX10609", s.idx());
        assertEquals("5", s.evidence().get("parts"));
        assertEquals("RSA-OAEP-256", s.evidence().get("alg"));
        assertEquals("A256GCM", s.evidence().get("enc"));
        assertEquals("test-kid-1", s.evidence().get("kid"));
        assertEquals("encrypted-token", r.topDiagnosis().orElseThrow().id());
        assertTrue(r.topDiagnosis().orElseThrow().explanation().contains("alg RSA-OAEP-256, enc A256GCM"));
        assertEquals(TokenKind.JWE, r.token().kind());
        assertNull(r.token().claims());
        assertEquals(Status.SKIP, r.step("algorithm").orElseThrow().status());
        for (String id : KEY_STEPS) assertEquals(Status.SKIP, r.step(id).orElseThrow().status(), id);
        assertEquals(Status.SKIP, r.step("lifetime").orElseThrow().status());
        assertEquals(Verdict.UNDETERMINED, r.verdict());
    }

    @Test
    void opaqueTokenFails() {
        Report r = inspect(Tokens.opaque(500));
        Step s = format(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX14100", s.idx());
        assertEquals("EwB", s.evidence().get("starts with"));
        assertEquals(List.of("opaque-token"), ids(r));
        assertTrue(r.topDiagnosis().orElseThrow().explanation().contains("\"EwB\""), "names the consumer-account ticket format");
        assertEquals(TokenKind.OPAQUE, r.token().kind());
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.summary().startsWith("Not valid: Opaque token"), r.summary());
        for (String id : List.of("algorithm", "metadata", "keys", "key-match", "signature", "issuer", "audience", "lifetime")) {
            assertEquals(Status.SKIP, r.step(id).orElseThrow().status(), id);
        }
    }

    @Test
    void opaqueTokenThatIsNotAConsumerTicket() {
        Report r = inspect("a1b2c3d4e5f6a7b8c9d0");
        assertEquals("opaque-token", r.topDiagnosis().orElseThrow().id());
        assertTrue(r.topDiagnosis().orElseThrow().explanation().contains("no dots"));
    }

    @Test
    void malformedTokenListsEveryProblemWithItsOffset() {
        String h = Tokens.b64("{\"alg\":\"RS256\"}");
        String p = Tokens.b64("{\"aud\":\"x\"}");
        String token = h + "." + p + "=." + "c2ln+";
        Report r = inspect(token);
        Step s = format(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX14100", s.idx());
        int pad = h.length() + 1 + p.length();
        assertTrue(s.evidence().containsKey("payload @" + pad), s.evidence().toString());
        assertTrue(s.evidence().containsKey("signature @" + (pad + 6)), s.evidence().toString());
        assertTrue(s.detail().startsWith("Malformed: payload: bad padding"), s.detail());
        assertEquals("malformed-token", r.topDiagnosis().orElseThrow().id());
        assertTrue(r.topDiagnosis().orElseThrow().summary().contains("(at character " + pad + ")"),
                r.topDiagnosis().orElseThrow().summary());
        assertEquals(TokenKind.MALFORMED, r.token().kind());
        assertEquals(2, r.token().problems().size());
        assertEquals(Verdict.INVALID, r.verdict());
    }

    @Test
    void emptySignatureMapsToIdx10504() {
        String token = Tokens.sign(Tokens.v2Access());
        Report r = inspect(token.substring(0, token.lastIndexOf('.') + 1));
        Step s = format(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX10504", s.idx());
        assertEquals("malformed-token", r.topDiagnosis().orElseThrow().id());
        assertEquals(Status.PASS, r.step("lifetime").orElseThrow().status(), "the readable claims are still checked");
    }

    @Test
    void truncatedTokenStillShowsItsClaims() {
        String token = Tokens.sign(Tokens.v2Access());
        Report r = inspect(token.substring(0, token.lastIndexOf('.')));
        assertEquals(Status.FAIL, format(r).status());
        assertTrue(format(r).detail().contains("2 parts"), format(r).detail());
        assertEquals(Tokens.API_ID, r.token().claims().get("aud").asText());
        assertFalse(r.token().claimAnnotations().isEmpty());
    }

    @Test
    void headerNimbusRefusesFailsWithIdx14102() {
        Report r = inspect(Tokens.raw("{\"typ\":\"JWT\",\"kid\":\"x\"}", Tokens.v2Access().build().toString(), "c2ln"));
        Step s = format(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX14102", s.idx());
        assertTrue(s.detail().contains("not a valid JOSE header"), s.detail());
        assertEquals("malformed-token", r.topDiagnosis().orElseThrow().id());
    }

    @Test
    void everyReportHasTheStableStepsInOrder() {
        for (String input : List.of(Tokens.sign(Tokens.v2Access()), Tokens.opaque(100), Tokens.encrypted(Tokens.v2Access()), "eyJ.eyJ.")) {
            Report r = inspect(input);
            assertEquals(List.of("format", "algorithm", "metadata", "keys", "key-match", "signature", "issuer", "audience", "lifetime",
                    "token-type", "version", "tenant", "client", "permissions"), r.steps().stream().map(Step::id).toList(), input);
        }
    }
}
