package dev.tokenscope.engine.check;

import dev.tokenscope.engine.claims.ClaimView;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.testing.KeyedInspector;
import dev.tokenscope.testing.MoreTokens;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a valid token still tells you: warn/info diagnoses that never change the verdict. */
class NoticesTest {
    static final String USER_MI = "/subscriptions/3f1d2c4b-0000-4a2b-9c8d-1e2f3a4b5c6d/resourcegroups/rg-orders/providers/"
            + "Microsoft.ManagedIdentity/userAssignedIdentities/orders-reader";
    static final String SYSTEM_MI = "/subscriptions/3f1d2c4b-0000-4a2b-9c8d-1e2f3a4b5c6d/resourceGroups/rg-web/providers/"
            + "Microsoft.Web/sites/orders-web";

    @TempDir
    Path dir;
    Path jwks;

    @BeforeEach
    void keys() {
        jwks = KeyedInspector.jwks(dir);
    }

    Report inspect(String token, String... audiences) {
        return KeyedInspector.INSPECTOR.inspect(token, KeyedInspector.profile(jwks, audiences));
    }

    static Diagnosis diagnosis(Report r, String id) {
        return r.diagnoses().stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + r.diagnoses().stream().map(Diagnosis::id).toList()));
    }

    static ClaimView claim(Report r, String name) {
        return r.token().claimAnnotations().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void groupOverageV2IsAWarningOnAValidToken() {
        String t = Tokens.sign(Tokens.v2Access().claim("_claim_names", Map.of("groups", "src1"))
                .claim("_claim_sources", Map.of("src1", Map.of("endpoint", "https://graph.microsoft.com/v1.0/users/0c9f3d2e-1111-4a2b-8c3d-4e5f6a7b8c9d/getMemberObjects"))));
        Report r = inspect(t, API_ID);
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertEquals("Valid with warnings for " + API_ID, r.summary());
        Diagnosis d = r.topDiagnosis().orElseThrow();
        assertEquals("group-overage", d.id());
        assertEquals("warn", d.severity());
        assertTrue(d.fix().contains("/users/0c9f3d2e-1111-4a2b-8c3d-4e5f6a7b8c9d/getMemberObjects")
                && d.fix().contains("transitiveMemberOf") && d.fix().contains("GroupMember.Read.All"), d.fix());
        assertTrue(d.explanation().contains("silently"), d.explanation());
    }

    @Test
    void groupOverageV1PointsAwayFromTheRetiredAzureAdGraph() {
        String t = Tokens.sign(Tokens.v1Access().claim("_claim_names", Map.of("groups", "src1"))
                .claim("_claim_sources", Map.of("src1", Map.of("endpoint", "https://graph.windows.net/" + Tokens.TENANT + "/users/x/getMemberObjects"))));
        Report r = inspect(t, "api://" + API_ID);
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        Diagnosis d = diagnosis(r, "group-overage");
        assertTrue(d.explanation().contains("retired Azure AD Graph"), d.explanation());
        // hasgroups (implicit flow) too, and no overage when groups are there
        assertEquals("group-overage",
                inspect(Tokens.sign(Tokens.v1Access().claim("hasgroups", true)), "api://" + API_ID).topDiagnosis().orElseThrow().id());
        assertTrue(inspect(Tokens.sign(Tokens.v2Access().claim("groups", List.of("g1"))), API_ID).diagnoses().isEmpty());
    }

    @Test
    void userAssignedManagedIdentityIsNamedEverywhere() {
        Report r = inspect(Tokens.sign(MoreTokens.managedIdentity(USER_MI)), "api://" + API_ID);
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        String named = "managed identity orders-reader (user-assigned, resource group rg-orders)";
        assertEquals("Valid for api://" + API_ID + " (caller: " + named + ")", r.summary());
        assertTrue(r.step("token-type").orElseThrow().detail().contains(named), r.step("token-type").orElseThrow().detail());
        assertTrue(r.token().type().endsWith(named), r.token().type());
        assertEquals(named, claim(r, "xms_mirid").interpretation());
        Diagnosis d = r.topDiagnosis().orElseThrow();
        assertEquals("managed-identity", d.id());
        assertEquals("info", d.severity());
    }

    @Test
    void systemAssignedManagedIdentityIsNamedByItsResource() {
        Report r = inspect(Tokens.sign(MoreTokens.managedIdentity(SYSTEM_MI)), "api://" + API_ID);
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        String named = "managed identity orders-web (system-assigned, of the Microsoft.Web/sites resource orders-web, "
                + "resource group rg-web)";
        assertTrue(r.summary().endsWith("(caller: " + named + ")"), r.summary());
        assertTrue(r.step("token-type").orElseThrow().detail().contains(named));
        assertEquals(named, claim(r, "xms_mirid").interpretation());
        assertTrue(diagnosis(r, "managed-identity").explanation().contains("belongs to one resource"));
    }

    @Test
    void caeCapableClientIsExplained() {
        Report r = inspect(Tokens.sign(Tokens.v2Access().claim("xms_cc", List.of("cp1"))), API_ID);
        assertEquals(Verdict.VALID, r.verdict());
        assertEquals("Valid for " + API_ID, r.summary(), "an info diagnosis is no warning");
        Diagnosis d = diagnosis(r, "cae-capable-client");
        assertEquals("info", d.severity());
        assertTrue(d.explanation().contains("insufficient_claims") && d.explanation().contains("claims challenge"), d.explanation());
    }

    @Test
    void tokensAboutToExpireAreWarnedAbout() {
        Report soon = inspect(Tokens.sign(Tokens.v2Access().expirationTime(Date.from(NOW.plusSeconds(120)))), API_ID);
        assertEquals(Verdict.VALID, soon.verdict());
        assertEquals("expiring-soon", soon.topDiagnosis().orElseThrow().id());
        assertEquals(Status.PASS, soon.step("lifetime").orElseThrow().status());
        Report inSkew = inspect(Tokens.sign(Tokens.v2Access().expirationTime(Date.from(NOW.minusSeconds(60)))), API_ID);
        assertEquals(Verdict.VALID, inSkew.verdict());
        assertTrue(diagnosis(inSkew, "expiring-soon").summary().contains("clock skew"));
        assertTrue(inspect(Tokens.sign(Tokens.v2Access()), API_ID).diagnoses().isEmpty(), "50 minutes left is not soon");
    }

    @Test
    void wildcardAndMultipleAudiencesAreWarnedAbout() {
        Report r = inspect(Tokens.sign(Tokens.v2Access().audience(List.of(API_ID, "api://*"))), API_ID);
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertEquals(List.of("wildcard-audience", "multiple-audiences"), r.diagnoses().stream().map(Diagnosis::id).toList());
    }

    @Test
    void errorsComeFirstAndInfoNeverNamesAnInvalidVerdict() {
        Report expired = inspect(Tokens.sign(Tokens.v2Access().claim("xms_cc", List.of("cp1"))
                .expirationTime(Date.from(NOW.minusSeconds(7200)))), API_ID);
        assertEquals(Verdict.INVALID, expired.verdict());
        assertEquals(List.of("expired", "cae-capable-client"), expired.diagnoses().stream().map(Diagnosis::id).toList());
        Report noExp = inspect(Tokens.sign(Tokens.v2Access().claim("xms_cc", List.of("cp1")).expirationTime(null)), API_ID);
        assertEquals(Verdict.INVALID, noExp.verdict());
        assertTrue(noExp.summary().startsWith("Not valid: Lifetime: No \"exp\""), noExp.summary());
    }

    @Test
    void severityDefaultsToErrorAndIsValidated() {
        assertEquals("error", new Diagnosis("x", "s", "e", "f").severity());
        assertEquals("error", new Diagnosis("x", "s", "e", "f", null).severity());
        assertFalse(Diagnosis.info("x", "s", "e", "f").error());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Diagnosis("x", "s", "e", "f", "fatal"));
    }
}
