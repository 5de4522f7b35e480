package dev.tokenscope.engine.check;

import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delegated access token, app-only access token, ID token (the classic mistake) or something else. */
class TokenTypeCheckTest {
    static final Inspector INSPECTOR = new Inspector(TrustResolver.offlineOnly(), Clock.fixed(Tokens.NOW, ZoneOffset.UTC));

    static Report inspect(String token) {
        return INSPECTOR.inspect(token, ValidationProfile.defaults().withAt(Tokens.NOW));
    }

    static Step type(Report r) {
        return r.step("token-type").orElseThrow();
    }

    static List<String> ids(Report r) {
        return r.diagnoses().stream().map(d -> d.id()).toList();
    }

    @Test
    void delegatedAccessToken() {
        Report r = inspect(Tokens.sign(Tokens.v2Access()));
        assertEquals(Status.PASS, type(r).status());
        assertTrue(type(r).detail().startsWith("Delegated access token"), type(r).detail());
        assertEquals("access token (delegated, on behalf of a user)", r.token().type());
        assertFalse(ids(r).contains("id-token-as-access-token"));
    }

    @Test
    void v1DelegatedAccessToken() {
        Report r = inspect(Tokens.sign(Tokens.v1Access()));
        assertEquals(Status.PASS, type(r).status());
        assertEquals("access token (delegated, on behalf of a user)", r.token().type());
    }

    @Test
    void appOnlyAccessToken() {
        Report r = inspect(Tokens.sign(Tokens.v2AppOnly()));
        Step s = type(r);
        assertEquals(Status.PASS, s.status());
        assertTrue(s.detail().startsWith("App-only access token"), s.detail());
        assertEquals("app", s.evidence().get("idtyp"));
        assertEquals("app-only access token (client credentials, no user)", r.token().type());
    }

    @Test
    void rolesWithoutScopesIsAppOnlyEvenWithoutIdtyp() {
        Report r = inspect(Tokens.sign(Tokens.v2AppOnly().claim("idtyp", null)));
        assertEquals("app-only access token (client credentials, no user)", r.token().type());
    }

    @Test
    void idTokenSentAsAccessToken() {
        Report r = inspect(Tokens.sign(Tokens.v2Id()));
        Step s = type(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX10214", s.idx());
        assertEquals(Tokens.CLIENT_ID, s.evidence().get("aud (the client app)"));
        assertTrue(s.detail().contains("\"nonce\" claim in the payload"), s.detail());
        assertTrue(ids(r).contains("id-token-as-access-token"), ids(r).toString());
        assertEquals("id-token-as-access-token", r.topDiagnosis().orElseThrow().id());
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.token().type().startsWith("ID token"), r.token().type());
    }

    @Test
    void idTokenSignsAreListed() {
        Report r = inspect(Tokens.sign(Tokens.v2Id().claim("nonce", null).claim("at_hash", "aGFzaA").claim("c_hash", "Y2hhc2g")));
        Step s = type(r);
        assertEquals(Status.FAIL, s.status());
        assertTrue(s.detail().contains("\"at_hash\""), s.detail());
        assertTrue(s.detail().contains("\"c_hash\""), s.detail());
        assertFalse(s.detail().contains("nonce"), s.detail());
        String explanation = r.diagnoses().stream().filter(d -> d.id().equals("id-token-as-access-token")).findFirst().orElseThrow()
                .explanation();
        assertTrue(explanation.contains("at_hash"), explanation);
    }

    @Test
    void idTokenWithoutNonceIsRecognisedByItsMissingClientAndScopes() {
        Report r = inspect(Tokens.sign(Tokens.v2Id().claim("nonce", null)));
        assertEquals(Status.FAIL, type(r).status());
        assertTrue(type(r).detail().contains("no \"scp\", \"roles\", \"azp\" or \"appid\""), type(r).detail());
    }

    @Test
    void tokenOfUnknownTypeWarns() {
        String payload = "{\"iss\":\"https://issuer.example/\",\"aud\":\"x\",\"exp\":" + (Tokens.NOW.getEpochSecond() + 600) + "}";
        Report r = inspect(Tokens.raw("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", payload, "c2ln"));
        Step s = type(r);
        assertEquals(Status.WARN, s.status());
        assertTrue(s.detail().startsWith("Neither an Entra access token nor an ID token"), s.detail());
        assertEquals("token of unknown type", s.evidence().get("type"));
    }

    @Test
    void opaqueTokenSkips() {
        Report r = inspect(Tokens.opaque(64));
        assertEquals(Status.SKIP, type(r).status());
        assertEquals(null, r.token().type());
    }
}
