package dev.tokenscope.engine.saml;

import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.token.TokenKind;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.tokenscope.engine.saml.SamlFixtures.ACS;
import static dev.tokenscope.engine.saml.SamlFixtures.AUDIENCE;
import static dev.tokenscope.engine.saml.SamlFixtures.ENTRA;
import static dev.tokenscope.engine.saml.SamlFixtures.ISSUER;
import static dev.tokenscope.engine.saml.SamlFixtures.NOW;
import static dev.tokenscope.engine.saml.SamlFixtures.OTHER;
import static dev.tokenscope.engine.saml.SamlFixtures.Options;
import static dev.tokenscope.engine.saml.SamlFixtures.TENANT;
import static dev.tokenscope.engine.saml.SamlFixtures.assertion;
import static dev.tokenscope.engine.saml.SamlFixtures.base64;
import static dev.tokenscope.engine.saml.SamlFixtures.deflated;
import static dev.tokenscope.engine.saml.SamlFixtures.doc;
import static dev.tokenscope.engine.saml.SamlFixtures.metadata;
import static dev.tokenscope.engine.saml.SamlFixtures.profile;
import static dev.tokenscope.engine.saml.SamlFixtures.response;
import static dev.tokenscope.engine.saml.SamlFixtures.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamlInspectorTest {

    private static Report inspect(String input) {
        return SamlInspector.inspect(input, profile(), NOW);
    }

    private static void assertValid(Report r) {
        assertEquals(Verdict.VALID, r.verdict(), () -> r.summary() + " " + r.steps());
        assertEquals(TokenKind.SAML, r.token().kind());
        assertEquals("alice@contoso.com", r.token().claims().path("NameID").asText());
        assertEquals(Status.PASS, r.step("signature").orElseThrow().status());
        assertEquals(Status.PASS, r.step("key-match").orElseThrow().status());
        for (String id : List.of("format", "status", "issuer", "audience", "lifetime", "recipient", "in-response-to")) {
            assertEquals(Status.PASS, r.step(id).orElseThrow().status(), id);
        }
    }

    @Test
    void validRawXml() {
        Report r = inspect(response());
        assertValid(r);
        assertEquals("saml-xml", r.input().form());
        assertEquals("Valid for " + AUDIENCE, r.summary());
        assertEquals("Assertion", r.token().header().path("signature").path(0).path("element").asText());
        assertNotNull(r.key());
        assertEquals(TrustedCertificate.thumbprint(ENTRA.certificate(), "SHA-1"), r.key().thumbprint());
        assertTrue(r.token().claimAnnotations().stream().anyMatch(c -> c.name().endsWith("/objectidentifier") && c.inCatalogue()));
        assertTrue(r.token().claimAnnotations().stream().anyMatch(c -> "multi-factor authentication".equals(c.interpretation())
                || (c.interpretation() != null && c.interpretation().contains("multi-factor"))));
    }

    @Test
    void validBase64() {
        Report r = inspect(base64(response()));
        assertValid(r);
        assertEquals("saml-base64", r.input().form());
    }

    @Test
    void validFormBody() {
        String body = "SAMLResponse=" + URLEncoder.encode(base64(response()), StandardCharsets.UTF_8) + "&RelayState=%2Fhome";
        Report r = inspect(body);
        assertValid(r);
        assertEquals("saml-post-form", r.input().form());
        assertTrue(r.input().notes().get(0).startsWith("RelayState"));
    }

    @Test
    void validRedirectQuery() {
        String url = ACS + "?SAMLResponse="
                + URLEncoder.encode(deflated(response().getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8) + "&RelayState=x";
        Report r = inspect(url);
        assertValid(r);
        assertEquals("saml-redirect", r.input().form());
    }

    @Test
    void validBareAssertionAndBothSigned() {
        Document d = doc(Options.entra());
        Report bare = inspect(xml(assertion(d)));
        assertEquals(Verdict.VALID, bare.verdict(), bare.summary());
        assertEquals("SAML 2.0 assertion", bare.token().type());
        Report both = inspect(xml(doc(Options.entra().signing(true, true))));
        assertValid(both);
        assertEquals(2, both.token().header().path("signature").size());
        Report responseOnly = inspect(xml(doc(Options.entra().signing(false, true))));
        assertValid(responseOnly);
    }

    @Test
    void metadataWithBomGivesTheCertificates() throws SamlException {
        FederationMetadata m = FederationMetadata.parse(metadata(OTHER, ENTRA));
        assertEquals(ISSUER, m.entityId());
        assertEquals(2, m.certificates().size());
        Report r = SamlInspector.inspect(response(), SamlProfile.none().withMetadata(m).withAudience(AUDIENCE), NOW);
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertEquals(Status.PASS, r.step("issuer").orElseThrow().status());
    }

    @Test
    void expired() {
        Report r = inspect(xml(doc(Options.entra().issued(NOW.minusSeconds(7200)))));
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.hasDiagnosis("expired"));
        assertEquals(Status.FAIL, r.step("lifetime").orElseThrow().status());
        Report subjectOnly = inspect(xml(doc(Options.entra().issued(NOW.minusSeconds(900)))));
        assertTrue(subjectOnly.hasDiagnosis("expired"), subjectOnly.summary());
        assertTrue(subjectOnly.step("lifetime").orElseThrow().detail().contains("subject confirmation"));
    }

    @Test
    void wrongAudience() {
        Report r = inspect(xml(doc(Options.entra().audience("https://other.example.com"))));
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("wrong-audience", r.topDiagnosis().orElseThrow().id());
    }

    @Test
    void wrongRecipient() {
        Report r = inspect(xml(doc(Options.entra().recipient("https://app.example.com/old/acs"))));
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.hasDiagnosis("saml-wrong-recipient"));
        assertEquals(Status.FAIL, r.step("recipient").orElseThrow().status());
    }

    @Test
    void tamperedAttribute() {
        Document d = doc(Options.entra());
        Element v = (Element) d.getElementsByTagNameNS(Dom.SAML, "AttributeValue").item(2);
        v.setTextContent("Mallory");
        Report r = inspect(xml(d));
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.hasDiagnosis("signature-invalid"));
        assertTrue(r.step("signature").orElseThrow().detail().contains("digest"));
        assertFalse(r.token().claims().has("NameID"), "an unverified subject is never shown as the authenticated user");
        assertTrue(r.token().claims().has("NameID (unverified)"));
    }

    @Test
    void unsignedAssertion() {
        Report r = inspect(xml(doc(Options.entra().signing(false, false))));
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.hasDiagnosis("saml-unsigned"));
    }

    @Test
    void signedByACertificateNotInMetadata() {
        Report r = inspect(xml(doc(Options.entra().signer(OTHER))));
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("saml-certificate-not-in-metadata", r.topDiagnosis().orElseThrow().id());
        assertEquals(Status.FAIL, r.step("key-match").orElseThrow().status());
        assertTrue(r.topDiagnosis().orElseThrow().fix().contains("SAML Certificates"));
        assertTrue(r.topDiagnosis().orElseThrow().summary().contains(TrustedCertificate.thumbprint(OTHER.certificate(), "SHA-1")));
    }

    @Test
    void withoutTrustedCertificatesNothingIsTrustedAndTheVerdictStaysOpen() {
        Report r = SamlInspector.inspect(response(), SamlProfile.none(), NOW);
        assertEquals(Verdict.UNDETERMINED, r.verdict());
        assertEquals(Status.SKIP, r.step("signature").orElseThrow().status());
        assertEquals(Status.SKIP, r.step("key-match").orElseThrow().status());
        assertTrue(r.summary().startsWith("Could not finish"));
    }

    @Test
    void sha1IsAWarningNotAFailure() {
        Report r = inspect(xml(doc(Options.entra().sha1())));
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertEquals(Status.WARN, r.step("algorithm").orElseThrow().status());
        assertTrue(r.hasDiagnosis("saml-sha1"));
        assertTrue(r.summary().startsWith("Valid with warnings"));
        assertEquals(Status.PASS, r.step("signature").orElseThrow().status());
        Document d = doc(Options.entra().sha1());
        ((Element) d.getElementsByTagNameNS(Dom.SAML, "AttributeValue").item(2)).setTextContent("Mallory");
        assertTrue(inspect(xml(d)).hasDiagnosis("signature-invalid"), "a tampered SHA-1 assertion still fails");
    }

    @Test
    void inResponseToComparedWithAPastedAuthnRequest() {
        String req = "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_other-request\" Version=\"2.0\" IssueInstant=\"" + NOW
                + "\" AssertionConsumerServiceURL=\"" + ACS + "\"><saml:Issuer>" + AUDIENCE
                + "</saml:Issuer><samlp:NameIDPolicy Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\"/>"
                + "<samlp:RequestedAuthnContext Comparison=\"exact\">"
                + "<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</saml:AuthnContextClassRef>"
                + "</samlp:RequestedAuthnContext>"
                + "</samlp:AuthnRequest>";
        String redirect = "https://login.microsoftonline.com/" + TENANT + "/saml2?SAMLRequest="
                + URLEncoder.encode(deflated(req.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        Report r = SamlInspector.inspect(response(), profile().withAuthnRequest(redirect), NOW);
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.hasDiagnosis("saml-in-response-to-mismatch"));
        Report shown = SamlInspector.inspect(redirect, profile(), NOW);
        assertEquals("SAML 2.0 AuthnRequest", shown.token().type());
        assertEquals("_other-request", shown.token().header().path("id").asText());
        assertEquals(ACS, shown.token().header().path("assertionConsumerServiceURL").asText());
        assertTrue(shown.token().header().path("requestedAuthnContext").asText().contains("Password"));
        assertEquals("saml-redirect", shown.input().form());
    }

    @Test
    void errorStatusIsExplained() {
        String xml = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_e1\" Version=\"2.0\" IssueInstant=\""
                + NOW + "\"><Issuer xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\">" + ISSUER + "</Issuer><samlp:Status>"
                + "<samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Requester\"><samlp:StatusCode "
                + "Value=\"urn:oasis:names:tc:SAML:2.0:status:RequestDenied\"/></samlp:StatusCode>"
                + "<samlp:StatusMessage>AADSTS50105: The signed in user is not assigned to a role for the "
                + "application.</samlp:StatusMessage></samlp:Status></samlp:Response>";
        Report r = inspect(xml);
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("saml-status", r.topDiagnosis().orElseThrow().id());
        assertTrue(r.step("status").orElseThrow().detail().contains("not assigned")
                || r.topDiagnosis().orElseThrow().explanation().contains("AADSTS50105"));
    }

    @Test
    void encryptedAssertionIsRecognised() {
        String xml = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_e2\" Version=\"2.0\" IssueInstant=\""
                + NOW + "\"><Issuer xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\">" + ISSUER + "</Issuer><samlp:Status>"
                + "<samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>"
                + "<EncryptedAssertion xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\"><xenc:EncryptedData xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\"/></EncryptedAssertion>"
                + "</samlp:Response>";
        Report r = inspect(xml);
        assertEquals(Verdict.UNDETERMINED, r.verdict());
        assertTrue(r.hasDiagnosis("encrypted-token"));
        assertTrue(r.token().header().path("encryptedAssertion").asBoolean());
    }

    @Test
    void notSamlGivesAClearMessage() {
        Report r = inspect("hello world");
        assertEquals(Verdict.UNDETERMINED, r.verdict());
        assertTrue(r.summary().startsWith("Nothing to inspect"), r.summary());
        Report other = inspect("<html><body/></html>");
        assertEquals(Verdict.INVALID, other.verdict());
        assertTrue(other.summary().contains("not a SAML 2.0"), other.summary());
        assertTrue(SamlInspector.looksLikeSaml(base64(response())));
        assertTrue(SamlInspector.looksLikeSaml(response()));
        assertFalse(SamlInspector.looksLikeSaml("eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2ln"));
    }
}
