package dev.tokenscope.engine.saml;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.token.TokenKind;
import dev.tokenscope.engine.trust.FederationTrust;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import dev.tokenscope.testing.FakeEntra;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static dev.tokenscope.engine.saml.SamlFixtures.AUDIENCE;
import static dev.tokenscope.engine.saml.SamlFixtures.ENTRA;
import static dev.tokenscope.engine.saml.SamlFixtures.NOW;
import static dev.tokenscope.engine.saml.SamlFixtures.OTHER;
import static dev.tokenscope.engine.saml.SamlFixtures.Options;
import static dev.tokenscope.engine.saml.SamlFixtures.TENANT;
import static dev.tokenscope.engine.saml.SamlFixtures.base64;
import static dev.tokenscope.engine.saml.SamlFixtures.doc;
import static dev.tokenscope.engine.saml.SamlFixtures.metadata;
import static dev.tokenscope.engine.saml.SamlFixtures.response;
import static dev.tokenscope.engine.saml.SamlFixtures.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A SAML message given to the Inspector (as the faces do): auto-detected, certificates from the tenant's federation metadata. */
class SamlThroughInspectorTest {
    static final String TENANT_METADATA = "https://login.microsoftonline.com/" + TENANT + "/federationmetadata/2007-06/federationmetadata.xml";
    static final String APP = "0b1e7a52-5c1b-4d8e-9a37-6f2e1d0c9b8a";

    FakeEntra entra;
    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        entra = new FakeEntra();
    }

    @AfterEach
    void stop() {
        entra.close();
    }

    Inspector inspector() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new Inspector(new OnlineTrustResolver(new DocumentStore(entra.http(), dir.resolve("cache"), clock), clock), clock);
    }

    void serve(String url, String xml) {
        entra.route(url, r -> new MockResponse.Builder().code(200).setHeader("Content-Type", "application/xml").body(xml).build());
    }

    static ValidationProfile api() {
        return ValidationProfile.defaults().withAudiences(List.of(AUDIENCE));
    }

    static Step step(Report r, String id) {
        return r.steps().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + id + " in " + r.steps()));
    }

    static List<String> ids(Report r) {
        return r.diagnoses().stream().map(Diagnosis::id).toList();
    }

    @Test
    void aPastedSamlResponseIsVerifiedWithTheTenantsFederationMetadataFetchedOnceThenCached() {
        serve(TENANT_METADATA, metadata(ENTRA));
        Inspector inspector = inspector();
        Report r = inspector.inspect(base64(response()), api());
        assertEquals(TokenKind.SAML, r.token().kind());
        assertEquals(Verdict.VALID, r.verdict(), r.summary() + " " + r.steps());
        assertEquals(Status.PASS, step(r, "metadata").status());
        assertTrue(step(r, "metadata").detail().contains(TENANT_METADATA), step(r, "metadata").detail());
        assertEquals(Status.PASS, step(r, "audience").status());
        assertEquals(Verdict.VALID, inspector.inspect(base64(response()), api()).verdict());
        assertEquals(1, entra.count(TENANT_METADATA), "the second inspection reads the cache");
    }

    @Test
    void theFormBodyTheBrowserPostsIsRecognisedToo() {
        serve(TENANT_METADATA, metadata(ENTRA));
        String form = "SAMLResponse=" + URLEncoder.encode(base64(response()), StandardCharsets.UTF_8) + "&RelayState=%2Fhome";
        Report r = inspector().inspect(form, api());
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertEquals("saml-post-form", r.input().form());
    }

    @Test
    void anAppIdAsksForTheAppsOwnCertificate() {
        String appUrl = TENANT_METADATA + "?appid=" + APP;
        serve(appUrl, metadata(OTHER));
        String signedByAppCert = xml(doc(Options.entra().signer(OTHER)));
        Report r = inspector()
                .inspect(signedByAppCert,
                        new ValidationProfile(List.of(AUDIENCE), null, List.of(APP), null, null, null, null, null, null, false));
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertEquals(1, entra.count(appUrl));
        assertEquals(0, entra.count(TENANT_METADATA));
    }

    @Test
    void aCertificateOutsideTheTenantsMetadataIsNamed() {
        serve(TENANT_METADATA, metadata(ENTRA));
        Report r = inspector().inspect(xml(doc(Options.entra().signer(OTHER))), api());
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("saml-certificate-not-in-metadata", ids(r).get(0), ids(r).toString());
    }

    @Test
    void unreachableMetadataLeavesTheVerdictOpenAndSaysWhy() {
        Report r = inspector().inspect(response(), api()); // FakeEntra answers 404 for everything not routed
        assertEquals(Verdict.UNDETERMINED, r.verdict());
        assertEquals(Status.FAIL, step(r, "metadata").status());
        assertTrue(ids(r).contains("metadata-unreachable"), ids(r).toString());
        assertTrue(r.summary().startsWith("Could not finish: no signing certificates"), r.summary());
        assertEquals(Status.SKIP, step(r, "signature").status());
    }

    @Test
    void offlineWithoutACachedCopyFetchesNothing() {
        Report r = inspector().inspect(response(), api().withKeys(null, null, true));
        assertEquals(Verdict.UNDETERMINED, r.verdict());
        assertTrue(step(r, "metadata").detail().contains("offline"), step(r, "metadata").detail());
        assertEquals(0, entra.requests.size());
    }

    @Test
    void aFederationMetadataFileWithItsByteOrderMarkIsUsedWithoutTheNetwork() throws Exception {
        Path file = dir.resolve("federationmetadata.xml");
        Files.writeString(file, metadata(ENTRA), StandardCharsets.UTF_8);
        Report r = inspector().inspect(base64(response()), api().withKeys(file.toString(), null, false));
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertTrue(step(r, "metadata").detail().contains(file.toString()));
        assertEquals(0, entra.requests.size());
    }

    @Test
    void openIdMetadataGivenForASamlMessageIsNamedAsTheWrongKindOfFile() throws Exception {
        Path file = dir.resolve("openid-configuration.json");
        Files.writeString(file, "{\"issuer\":\"x\",\"jwks_uri\":\"https://login.microsoftonline.com/common/discovery/keys\"}");
        Report r = inspector().inspect(response(), api().withKeys(file.toString(), null, false));
        assertEquals(Verdict.UNDETERMINED, r.verdict());
        assertTrue(step(r, "metadata").detail().contains("needs federation metadata XML"), step(r, "metadata").detail());
    }

    @Test
    void aTrustedIssuerListTheMessageIsNotOnFailsTheIssuerStep() {
        serve(TENANT_METADATA, metadata(ENTRA));
        Report r = inspector().inspect(response(), api().withIssuers(List.of("https://sts.windows.net/11111111-2222-3333-4444-555555555555/")));
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(ids(r).contains("issuer-mismatch"), ids(r).toString());
    }

    @Test
    void theReplyUrlAndAuthnRequestGivenToTheInspectorAreCompared() {
        serve(TENANT_METADATA, metadata(ENTRA));
        Report r = inspector().withSaml("https://app.example.com/other/acs", "_another-request").inspect(response(), api());
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(ids(r).containsAll(List.of("saml-wrong-recipient", "saml-in-response-to-mismatch")), ids(r).toString());
    }

    @Test
    void judgeGivesInspectsVerdictForASamlMessage() {
        serve(TENANT_METADATA, metadata(ENTRA));
        Inspector inspector = inspector();
        String expired = base64(xml(doc(Options.entra().issued(NOW.minusSeconds(7200)))));
        Inspector.Judgement j = inspector.judge(expired, api());
        Report r = inspector.inspect(expired, api());
        assertTrue(j.token());
        assertEquals(r.verdict(), j.verdict());
        assertEquals(Verdict.INVALID, j.verdict());
        assertEquals(r.summary(), j.summary());
        assertEquals("expired", j.topDiagnosis().orElseThrow().id());
    }

    @Test
    void onlyEntraIssuersGetAMetadataUrlAndItIsBuiltOnMicrosoftsHost() {
        assertEquals(TENANT_METADATA, FederationTrust.metadataUrl("https://sts.windows.net/" + TENANT + "/", null).orElseThrow());
        assertTrue(FederationTrust.metadataUrl("https://sts.windows.net.evil.example/" + TENANT + "/", null).isEmpty());
        assertTrue(FederationTrust.metadataUrl("https://evil.example/" + TENANT + "/", null).isEmpty());
        assertTrue(FederationTrust.metadataUrl("https://sts.windows.net/" + TENANT + "/@evil.example/", null).isEmpty());
        assertEquals("https://login.chinacloudapi.cn/" + TENANT + "/federationmetadata/2007-06/federationmetadata.xml",
                FederationTrust.metadataUrl("https://sts.chinacloudapi.cn/" + TENANT + "/", null).orElseThrow());
    }
}
