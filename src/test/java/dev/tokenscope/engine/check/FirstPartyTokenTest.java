package dev.tokenscope.engine.check;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.tokenscope.engine.claims.ClaimView;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.testing.KeyedInspector;
import dev.tokenscope.testing.MoreTokens;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static dev.tokenscope.testing.Tokens.API_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Header-nonce tokens for Microsoft APIs other than Graph: first-party-token, named by the real resource, never valid. */
class FirstPartyTokenTest {
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

    static List<String> ids(Report r) {
        return r.diagnoses().stream().map(Diagnosis::id).toList();
    }

    @ParameterizedTest(name = "{0} v{2}")
    @CsvSource({
            "https://api.spaces.skype.com, Microsoft Teams (chat service), 1",
            "https://api.spaces.skype.com, Microsoft Teams (chat service), 2",
            "https://management.azure.com/, Azure Resource Manager, 1",
            "https://management.core.windows.net/, Azure Resource Manager, 1",
            "797f4846-ba00-4fd7-ba43-dac1f8f63013, Azure Resource Manager, 2",
            "https://vault.azure.net, Azure Key Vault, 1",
            "https://storage.azure.com/, Azure Storage, 1",
            "https://contoso.sharepoint.com, SharePoint Online (contoso), 1",
            "00000003-0000-0ff1-ce00-000000000000, SharePoint Online, 2",
            "499b84ac-1321-427f-aa17-267ca6975798, Azure DevOps, 2",
            "https://analysis.windows.net/powerbi/api, Power BI Service, 1",
            "https://contoso.crm4.dynamics.com, 'Dataverse / Dynamics 365 (contoso, crm4)', 1",
            "https://database.windows.net/, Azure SQL Database, 1",
            "https://outlook.office.com, Office 365 Exchange Online, 1"})
    void headerNonceTokenForAnotherMicrosoftApiIsNamedByItsResource(String aud, String name, int version) {
        String token = MoreTokens.nonceSigned(version == 1 ? MoreTokens.v1For(aud) : MoreTokens.v2For(aud));
        Report r = inspect(token, API_ID);
        assertEquals(Verdict.INVALID, r.verdict(), r.summary());
        Diagnosis top = r.topDiagnosis().orElseThrow();
        assertEquals("first-party-token", top.id());
        assertEquals("A token for " + name + ", a Microsoft API: only it can validate this token", top.summary());
        assertEquals("error", top.severity());
        assertFalse(ids(r).contains("graph-token"), ids(r).toString());
        assertFalse(ids(r).contains("signature-invalid"), ids(r).toString());
        Step audience = r.step("audience").orElseThrow();
        assertEquals(Status.FAIL, audience.status());
        assertTrue(audience.detail().startsWith("Issued for " + name + " (header \"nonce\")"), audience.detail());
        assertFalse(audience.detail().contains("Graph"), audience.detail());
        // the same hashed-nonce proof as for Graph tokens: signed by Microsoft (here: the tests' issuer key), for that API
        Step sig = r.step("signature").orElseThrow();
        assertEquals(Status.FAIL, sig.status());
        assertTrue(sig.evidence().get("unofficial check").contains("verifies with kid test-kid-1"), sig.evidence().toString());
        assertTrue(sig.detail().contains("for " + name + ", not your API"), sig.detail());
        // the audience is named in the claims table too
        ClaimView audView = r.token().claimAnnotations().stream().filter(c -> c.name().equals("aud")).findFirst().orElseThrow();
        assertEquals(name, audView.interpretation());
        assertTrue(r.summary().startsWith("Not valid: A token for " + name), r.summary());
    }

    @Test
    void graphAudiencesKeepGraphToken() {
        for (String aud : List.of("00000003-0000-0000-c000-000000000000", "https://graph.microsoft.com")) {
            Report r = inspect(MoreTokens.nonceSigned(MoreTokens.v2For(aud)), API_ID);
            assertEquals("graph-token", r.topDiagnosis().orElseThrow().id(), aud);
            assertFalse(ids(r).contains("first-party-token"), aud);
            assertTrue(r.step("audience").orElseThrow().detail().startsWith("Issued for Microsoft Graph"), aud);
        }
    }

    @Test
    void unknownResourceIsNamedByItsAudience() {
        Report r = inspect(MoreTokens.nonceSigned(MoreTokens.v2For("https://new-service.microsoft.example")));
        assertEquals("A token for the Microsoft API https://new-service.microsoft.example, a Microsoft API: only it can validate this token",
                r.topDiagnosis().orElseThrow().summary());
    }

    @Test
    void aHeaderNonceTokenIsNeverValid() throws Exception {
        List<String> audiences = List.of(API_ID, "api://" + API_ID, "https://management.azure.com/", "https://contoso.sharepoint.com",
                "https://graph.microsoft.com", "https://api.spaces.skype.com");
        for (String aud : audiences) {
            // as Microsoft signs them (over the hashed nonce) …
            Report transformed = inspect(MoreTokens.nonceSigned(MoreTokens.v2For(aud)), aud);
            assertNotEquals(Verdict.VALID, transformed.verdict(), aud + ": " + transformed.summary());
            // … and signed plainly over a header that carries a nonce: the signature verifies, the token is still not for the API
            JWSHeader h = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(Tokens.RSA.getKeyID())
                    .customParam("nonce", "cGxhaW4tbm9uY2U").build();
            Report plain = inspect(Tokens.sign(MoreTokens.v2For(aud).build(), Tokens.RSA, h), aud);
            assertEquals(Status.PASS, plain.step("signature").orElseThrow().status(), aud);
            assertEquals(Verdict.INVALID, plain.verdict(), aud + ": " + plain.summary());
            assertTrue(List.of("graph-token", "first-party-token").contains(plain.topDiagnosis().orElseThrow().id()), aud);
        }
    }

    @Test
    void wellKnownAppsHaveSourcesAndPatternsNameTenantHosts() {
        var cat = dev.tokenscope.engine.claims.ClaimCatalogue.get();
        for (String key : cat.table("apps").keySet()) {
            assertTrue(cat.wellKnownAppSource(key).filter(s -> !s.isBlank()).isPresent(), key + " has no source");
        }
        assertEquals("SharePoint Online (fabrikam)", cat.wellKnownApp("https://fabrikam.sharepoint.com/").orElseThrow());
        assertEquals("OneDrive for Business (fabrikam)", cat.wellKnownApp("https://fabrikam-my.sharepoint.com").orElseThrow());
        assertEquals("Dataverse / Dynamics 365 (org1, crm)", cat.wellKnownApp("https://ORG1.crm.dynamics.com").orElseThrow());
        assertTrue(cat.wellKnownAppSource("https://fabrikam.sharepoint.com").orElseThrow().startsWith("Microsoft Learn"));
        assertTrue(cat.wellKnownApp("https://evil.sharepoint.com.example").isEmpty(), "a pattern matches the whole host");
        assertEquals("Azure Resource Manager", cat.wellKnownApp("https://management.azure.com/").orElseThrow());
    }
}
