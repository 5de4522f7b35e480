package dev.tokenscope.engine.pop;

import com.nimbusds.jose.util.Base64URL;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.token.TokenDecoder;
import dev.tokenscope.testing.KeyedInspector;
import dev.tokenscope.testing.MoreTokens;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static dev.tokenscope.testing.Tokens.API_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed HTTP Requests (proof of possession): recognised, the access token inside inspected, the binding checked. */
class PopBindingTest {
    @TempDir
    Path dir;
    Path jwks;

    @BeforeEach
    void keys() {
        jwks = KeyedInspector.jwks(dir);
    }

    Report inspect(String token) {
        return KeyedInspector.INSPECTOR.inspect(token, KeyedInspector.profile(jwks, API_ID));
    }

    @Test
    void boundShrIsRecognisedAndItsAccessTokenInspected() throws Exception {
        Report r = inspect(MoreTokens.shr(MoreTokens.boundAccessToken(MoreTokens.CLIENT_POP), MoreTokens.CLIENT_POP));
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        Step pop = r.step("pop-binding").orElseThrow();
        assertEquals(Status.PASS, pop.status(), pop.detail());
        assertEquals("GET", pop.evidence().get("method (m)"));
        assertEquals(MoreTokens.CLIENT_POP.computeThumbprint().toString(), pop.evidence().get("SHR key thumbprint"));
        Diagnosis d = r.topDiagnosis().orElseThrow();
        assertEquals("pop-token", d.id());
        assertEquals("info", d.severity());
        assertEquals("Proof-of-possession request (Signed HTTP Request) for GET api.contoso.example/orders", d.summary());
        // what was inspected is the access token inside: its audience, its issuer's key
        assertEquals(API_ID, r.token().claims().get("aud").asText());
        assertEquals("test-kid-1", r.key().kid());
        assertEquals(Status.PASS, r.step("signature").orElseThrow().status());
    }

    @Test
    void shrWithAnotherKeyThanTheTokensCnfIsNotBound() {
        Report r = inspect(MoreTokens.shr(MoreTokens.boundAccessToken(MoreTokens.OTHER_POP), MoreTokens.CLIENT_POP));
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("pop-binding-mismatch", r.topDiagnosis().orElseThrow().id());
        assertEquals(Status.FAIL, r.step("pop-binding").orElseThrow().status());
        assertTrue(r.topDiagnosis().orElseThrow().summary().contains("bound to key"), r.topDiagnosis().orElseThrow().summary());
    }

    @Test
    void alteredShrDoesNotVerifyWithItsOwnKey() {
        String shr = MoreTokens.shr(MoreTokens.boundAccessToken(MoreTokens.CLIENT_POP), MoreTokens.CLIENT_POP);
        String[] p = shr.split("\\.");
        String payload = new String(Base64URL.from(p[1]).decode(), StandardCharsets.UTF_8).replace("/orders", "/admin");
        Report r = inspect(p[0] + "." + Tokens.b64(payload) + "." + p[2]);
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("pop-binding-mismatch", r.topDiagnosis().orElseThrow().id());
        assertTrue(r.step("pop-binding").orElseThrow().detail().contains("does not verify"), r.step("pop-binding").orElseThrow().detail());
    }

    @Test
    void bearerTokenInAnShrIsNotBound() {
        Report r = inspect(MoreTokens.shr(Tokens.sign(Tokens.v2Access()), MoreTokens.CLIENT_POP));
        assertEquals("pop-binding-mismatch", r.topDiagnosis().orElseThrow().id());
        assertTrue(r.topDiagnosis().orElseThrow().summary().contains("bearer token"));
    }

    @Test
    void theShrKeyNeverMakesTheInnerTokenTrusted() {
        // an access token the client signed itself, bound to its own key: the binding holds, the token is not the issuer's
        var self = Tokens.sign(Tokens.v2Access().claim("cnf", java.util.Map.of("kid", thumb())).build(), MoreTokens.CLIENT_POP,
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256).keyID(MoreTokens.CLIENT_POP.getKeyID())
                        .build());
        Report r = inspect(MoreTokens.shr(self, MoreTokens.CLIENT_POP));
        assertEquals(Status.PASS, r.step("pop-binding").orElseThrow().status());
        assertNotEquals(Verdict.VALID, r.verdict(), r.summary());
        assertNotEquals(Status.PASS, r.step("signature").orElseThrow().status());
    }

    @Test
    void anOldShrIsAWarning() {
        String shr = MoreTokens.shr(MoreTokens.boundAccessToken(MoreTokens.CLIENT_POP), MoreTokens.CLIENT_POP);
        Report later = KeyedInspector.INSPECTOR.inspect(shr, KeyedInspector.profile(jwks, API_ID).withAt(Tokens.NOW.plusSeconds(1200)));
        Step pop = later.step("pop-binding").orElseThrow();
        assertEquals(Status.WARN, pop.status(), pop.detail());
        assertTrue(pop.detail().contains("20 min ago"), pop.detail());
        assertEquals(Verdict.VALID, later.verdict(), later.summary());
        assertTrue(later.summary().startsWith("Valid with warnings"), later.summary());
    }

    @Test
    void plainTokensAreNoShr() {
        TokenDecoder d = new TokenDecoder();
        assertNull(SignedHttpRequest.detect(d.decode(Tokens.sign(Tokens.v2Access())), d));
        assertTrue(inspect(Tokens.sign(Tokens.v2Access())).step("pop-binding").isEmpty());
    }

    private static String thumb() {
        try {
            return MoreTokens.CLIENT_POP.computeThumbprint().toString();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
