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

import static dev.tokenscope.testing.Tokens.API_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audience against the API's expected audiences, the GUID vs App ID URI forms, and Graph tokens. */
class AudienceCheckTest {
    static final Inspector INSPECTOR = new Inspector(TrustResolver.offlineOnly(), Clock.fixed(Tokens.NOW, ZoneOffset.UTC));

    static Report inspect(String token, String... expected) {
        return INSPECTOR.inspect(token, ValidationProfile.defaults().withAt(Tokens.NOW).withAudiences(List.of(expected)));
    }

    static Step audience(Report r) {
        return r.step("audience").orElseThrow();
    }

    static List<String> ids(Report r) {
        return r.diagnoses().stream().map(d -> d.id()).toList();
    }

    @Test
    void withoutExpectationsItSaysWhomTheTokenIsFor() {
        Step s = audience(inspect(Tokens.sign(Tokens.v2Access())));
        assertEquals(Status.INFO, s.status());
        assertEquals("Issued for the API " + API_ID + "; give the API's expected audience to check it", s.detail());
        assertEquals(API_ID, s.evidence().get("aud"));
        assertFalse(s.evidence().containsKey("expected"));
    }

    @Test
    void wellKnownMicrosoftApiIsNamed() {
        Step s = audience(inspect(Tokens.sign(Tokens.v2Access().audience("https://management.azure.com/"))));
        assertEquals(Status.INFO, s.status());
        assertTrue(s.detail().contains("a Microsoft API: Azure Resource Manager (so not your API)"), s.detail());
    }

    @Test
    void expectedAudiencePasses() {
        Report r = inspect(Tokens.sign(Tokens.v2Access()), API_ID);
        assertEquals(Status.PASS, audience(r).status());
        assertEquals(API_ID, audience(r).evidence().get("expected"));
        assertEquals("aud " + API_ID + " is an expected audience", audience(r).detail());
    }

    @Test
    void trailingSlashDoesNotMatter() {
        Report r = inspect(Tokens.sign(Tokens.v1Access().audience("https://api.contoso.example/orders/")), "https://api.contoso.example/orders");
        assertEquals(Status.PASS, audience(r).status());
    }

    @Test
    void anyOfSeveralAudiencesInAnArray() {
        Report r = inspect(Tokens.sign(Tokens.v2Access().audience(List.of("https://other.example", API_ID))), "api://" + API_ID, API_ID);
        assertEquals(Status.PASS, audience(r).status());
    }

    @Test
    void guidVersusAppIdUriIsTheAudienceFormPitfall() {
        Report r = inspect(Tokens.sign(Tokens.v1Access()), API_ID); // token: api://API_ID, API expects the bare GUID
        Step s = audience(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX10214", s.idx());
        assertTrue(s.detail().contains("the same app in the other form"), s.detail());
        assertTrue(s.hint().contains("\"" + API_ID + "\", \"api://" + API_ID + "\""), s.hint());
        assertEquals(List.of("audience-form"), ids(r));
        assertEquals(Verdict.INVALID, r.verdict());
    }

    @Test
    void theOtherDirectionToo() {
        Report r = inspect(Tokens.sign(Tokens.v2Access()), "api://" + API_ID);
        assertEquals(Status.FAIL, audience(r).status());
        assertTrue(ids(r).contains("audience-form"), ids(r).toString());
    }

    @Test
    void anotherApisAudienceIsWrong() {
        Report r = inspect(Tokens.sign(Tokens.v2Access().audience("https://vault.azure.net")), API_ID);
        Step s = audience(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX10214", s.idx());
        assertTrue(s.detail().contains("(Azure Key Vault)"), s.detail());
        assertEquals("wrong-audience", r.topDiagnosis().orElseThrow().id());
        assertTrue(r.topDiagnosis().orElseThrow().summary().contains("https://vault.azure.net (Azure Key Vault), not for this API"));
    }

    @Test
    void graphAudienceIsAGraphToken() {
        Report r = inspect(Tokens.sign(Tokens.v2Access().audience("https://graph.microsoft.com")), API_ID);
        Step s = audience(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX10214", s.idx());
        assertEquals("Issued for Microsoft Graph: only Graph can validate it; it is not a token for your API", s.detail());
        assertTrue(ids(r).contains("graph-token"));
        assertFalse(ids(r).contains("wrong-audience"), "one root cause, not two");
    }

    @Test
    void graphTokenWithHeaderNonceSaysSo() {
        String token = Tokens.graph(Tokens.v2Access());
        Report r = inspect(token);
        Step s = audience(r);
        assertEquals(Status.FAIL, s.status(), "a Graph token fails even without expectations: it is never for your API");
        assertTrue(s.detail().contains("(header \"nonce\")"), s.detail());
        assertEquals("graph-token", r.topDiagnosis().orElseThrow().id());
        assertTrue(r.token().header().has("nonce"));
    }

    @Test
    void missingAudienceFails() {
        Report r = inspect(Tokens.sign(Tokens.v2Access().audience((String) null)), API_ID);
        Step s = audience(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX10206", s.idx());
        assertEquals("(missing)", s.evidence().get("aud"));
        assertTrue(s.detail().startsWith("No \"aud\" claim"), s.detail());
    }

    @Test
    void audienceOfTheWrongTypeFails() {
        for (String aud : List.of("42", "{\"a\":1}", "[1,2]", "[]", "null")) {
            String payload = "{\"iss\":\"" + Tokens.V2_ISS + "\",\"aud\":" + aud + ",\"exp\":" + (Tokens.NOW.getEpochSecond() + 600) + "}";
            Report r = inspect(Tokens.raw("{\"alg\":\"RS256\"}", payload, "c2ln"), API_ID);
            Step s = audience(r);
            assertEquals(Status.FAIL, s.status(), aud);
            assertEquals("IDX10206", s.idx(), aud);
            assertTrue(s.detail().contains("not a string or list of strings"), aud + ": " + s.detail());
        }
    }

    @Test
    void encryptedTokenSkips() {
        assertEquals(Status.SKIP, audience(inspect(Tokens.encrypted(Tokens.v2Access()), API_ID)).status());
    }
}
