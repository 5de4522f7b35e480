package dev.tokenscope.engine.check;

import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static dev.tokenscope.testing.Tokens.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The issuer in token-only mode (no metadata): its form and its agreement with tid. */
class IssuerCheckTest {
    static final Inspector INSPECTOR = new Inspector(TrustResolver.offlineOnly(), Clock.fixed(Tokens.NOW, ZoneOffset.UTC));
    static final String OTHER_TENANT = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";

    static Report inspect(String token) {
        return INSPECTOR.inspect(token, ValidationProfile.defaults().withAt(Tokens.NOW));
    }

    static Step issuer(Report r) {
        return r.step("issuer").orElseThrow();
    }

    static List<String> ids(Report r) {
        return r.diagnoses().stream().map(d -> d.id()).toList();
    }

    static String payloadWith(String issJson) {
        return "{\"aud\":\"" + Tokens.API_ID + "\",\"iss\":" + issJson + ",\"tid\":\"" + TENANT + "\",\"ver\":\"2.0\",\"exp\":"
                + (Tokens.NOW.getEpochSecond() + 600) + "}";
    }

    @Test
    void v2IssuerFormIsInfoWithoutMetadataAndSaysSo() {
        // Issue 19: a pass only for an issuer compared with something; the right form alone is information.
        Report r = inspect(Tokens.sign(Tokens.v2Access()));
        Step s = issuer(r);
        assertEquals(Status.INFO, s.status());
        assertEquals(Tokens.V2_ISS, s.evidence().get("iss"));
        assertEquals("Microsoft Entra ID (v2.0 issuer)", s.evidence().get("kind"));
        assertEquals(TENANT, s.evidence().get("tid"));
        assertTrue(s.detail().contains("tenant " + TENANT), s.detail());
        assertTrue(s.detail().contains("not compared with the issuer's metadata"), s.detail());
        assertTrue(s.hint().contains("--metadata") && s.hint().contains("--issuer"), s.hint());
        assertTrue(s.detail().contains("no metadata or keys were given"), "the reason the metadata is missing: " + s.detail());
        assertEquals("entra-v2", r.token().issuerKind());
    }

    @Test
    void v1IssuerFormIsRightButNotCompared() {
        Report r = inspect(Tokens.sign(Tokens.v1Access()));
        assertEquals(Status.INFO, issuer(r).status());
        assertEquals("entra-v1", r.token().issuerKind());
        assertEquals("Microsoft Entra ID (v1.0 issuer)", issuer(r).evidence().get("kind"));
    }

    @Test
    void issuerTenantDifferentFromTidIsAMismatch() {
        Report r = inspect(Tokens.sign(Tokens.v2Access().issuer("https://login.microsoftonline.com/" + OTHER_TENANT + "/v2.0")));
        Step s = issuer(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX40001", s.idx());
        assertTrue(s.detail().contains("(" + OTHER_TENANT + ") differs from tid (" + TENANT + ")"), s.detail());
        assertTrue(ids(r).contains("issuer-mismatch"), ids(r).toString());
    }

    @Test
    void tenantComparisonIgnoresCase() {
        Report r = inspect(Tokens.sign(Tokens.v2Access().issuer("https://login.microsoftonline.com/" + TENANT.toUpperCase() + "/v2.0")));
        assertEquals(Status.INFO, issuer(r).status(), issuer(r).detail());
    }

    @Test
    void tidThatIsNotAGuidFails() {
        Report r = inspect(Tokens.sign(Tokens.v2Access().issuer("https://login.microsoftonline.com/contoso/v2.0").claim("tid", "contoso")));
        Step s = issuer(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX40001", s.idx());
        assertTrue(s.detail().contains("not a GUID"), s.detail());
    }

    @Test
    void missingIssuerFails() {
        Report r = inspect(Tokens.sign(Tokens.v2Access().issuer(null)));
        Step s = issuer(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX10211", s.idx());
        assertTrue(s.detail().startsWith("No \"iss\" claim"), s.detail());
        assertEquals("none", r.token().issuerKind());
    }

    @Test
    void nonStringIssuerFails() {
        for (String iss : List.of("42", "[\"" + Tokens.V2_ISS + "\"]", "{\"url\":\"x\"}", "null", "true")) {
            Report r = inspect(Tokens.raw("{\"alg\":\"RS256\"}", payloadWith(iss), "c2ln"));
            Step s = issuer(r);
            assertEquals(Status.FAIL, s.status(), iss);
            assertEquals("IDX10211", s.idx(), iss);
            assertTrue(s.detail().contains("not a string"), iss + ": " + s.detail());
        }
    }

    @Test
    void nonEntraIssuerIsNotTrustedUnlessTheApiAcceptsIt() {
        Report r = inspect(Tokens.sign(Tokens.v2Access().issuer("https://accounts.example.org/")));
        Step s = issuer(r);
        assertEquals(Status.WARN, s.status());
        assertFalse(ids(r).contains("issuer-mismatch"));
        assertTrue(ids(r).contains("untrusted-issuer"), ids(r).toString());
        assertEquals("other", r.token().issuerKind());
        Report trusted = INSPECTOR.inspect(Tokens.sign(Tokens.v2Access().issuer("https://accounts.example.org/")),
                ValidationProfile.defaults().withAt(Tokens.NOW).withIssuers(List.of("https://accounts.example.org/")));
        assertEquals(Status.PASS, issuer(trusted).status(), issuer(trusted).detail());
        assertTrue(issuer(trusted).detail().startsWith("iss is one of the issuers the API accepts"), issuer(trusted).detail());
        assertFalse(ids(trusted).contains("untrusted-issuer"));
    }

    @Test
    void b2cIssuerIsRecognised() {
        Report r = inspect(Tokens.sign(Tokens.v2Access().issuer("https://contoso.b2clogin.com/" + TENANT + "/v2.0/").claim("tfp", "B2C_1_signin")));
        assertEquals(Status.INFO, issuer(r).status(), issuer(r).detail());
        assertEquals("b2c", r.token().issuerKind());
    }

    @Test
    void opaqueTokenSkips() {
        assertEquals(Status.SKIP, issuer(inspect(Tokens.opaque(90))).status());
    }
}
