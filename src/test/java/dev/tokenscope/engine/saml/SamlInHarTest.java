package dev.tokenscope.engine.saml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.har.HarAnalysis;
import dev.tokenscope.engine.har.HarFinding;
import dev.tokenscope.engine.har.HarRow;
import dev.tokenscope.engine.har.HarScan;
import dev.tokenscope.engine.har.HarScanner;
import dev.tokenscope.engine.har.HarStory;
import dev.tokenscope.engine.input.Role;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.token.TokenKind;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.testing.Hars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static dev.tokenscope.engine.saml.SamlFixtures.ACS;
import static dev.tokenscope.engine.saml.SamlFixtures.AUDIENCE;
import static dev.tokenscope.engine.saml.SamlFixtures.ENTRA;
import static dev.tokenscope.engine.saml.SamlFixtures.NOW;
import static dev.tokenscope.engine.saml.SamlFixtures.REQUEST_ID;
import static dev.tokenscope.engine.saml.SamlFixtures.TENANT;
import static dev.tokenscope.engine.saml.SamlFixtures.base64;
import static dev.tokenscope.engine.saml.SamlFixtures.deflated;
import static dev.tokenscope.engine.saml.SamlFixtures.metadata;
import static dev.tokenscope.engine.saml.SamlFixtures.profile;
import static dev.tokenscope.engine.saml.SamlFixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SAML messages inside a HAR: the redirect to Entra's /saml2 (AuthnRequest) and the form post to the app's reply URL. */
class SamlInHarTest {
    static final String REQUEST = "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"" + REQUEST_ID
            + "\" Version=\"2.0\" IssueInstant=\"" + NOW.minusSeconds(40) + "\" AssertionConsumerServiceURL=\"" + ACS + "\">"
            + "<Issuer xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\">" + AUDIENCE + "</Issuer></samlp:AuthnRequest>";

    @TempDir
    Path dir;

    String har(String response) {
        Hars h = new Hars();
        h.entry("2026-03-01T09:59:20.000Z", "GET", "https://login.microsoftonline.com/" + TENANT + "/saml2?SAMLRequest="
                + URLEncoder.encode(deflated(REQUEST.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8) + "&RelayState=xyz", 200);
        ObjectNode post = h.entry("2026-03-01T09:59:30.000Z", "POST", ACS, 302);
        ((ObjectNode) post.get("request")).putObject("postData").put("mimeType", "application/x-www-form-urlencoded")
                .put("text", "SAMLResponse=" + URLEncoder.encode(base64(response), StandardCharsets.UTF_8) + "&RelayState=xyz");
        return h.json();
    }

    HarScan scan(String har) throws Exception {
        return new HarScanner().scan(new ByteArrayInputStream(har.getBytes(StandardCharsets.UTF_8)));
    }

    Inspector inspector() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new Inspector(TrustResolver.offlineOnly(), clock);
    }

    ValidationProfile profile() throws Exception {
        Path md = dir.resolve("federationmetadata.xml");
        Files.writeString(md, metadata(ENTRA));
        return ValidationProfile.defaults().withAudiences(List.of(AUDIENCE)).withKeys(md.toString(), null, true);
    }

    @Test
    void bothSamlMessagesAreFoundWithTheirPlaceAndNeverPrintedInTheUrl() throws Exception {
        HarScan s = scan(har(response()));
        List<HarFinding> saml = s.findings().stream().filter(f -> f.role() == Role.SAML).toList();
        assertEquals(2, saml.size(), s.findings().toString());
        assertEquals("request URL query (SAMLRequest)", saml.get(0).where());
        assertEquals("form post (SAMLResponse)", saml.get(1).where());
        assertFalse(saml.get(0).url().contains("SAMLRequest=f"), "the message is elided from the listed URL: " + saml.get(0).url());
        assertFalse(Json.MAPPER.writeValueAsString(s.findings()).contains(base64(response()).substring(0, 40)), "never serialised");
    }

    @Test
    void theResponseIsJudgedAgainstTheProfileAndTheRequestIsDecoded() throws Exception {
        HarScan s = scan(har(response()));
        List<HarRow> rows = HarAnalysis.analyse(s, inspector(), profile());
        HarRow post = rows.stream().filter(r -> r.finding().where().equals("form post (SAMLResponse)")).findFirst().orElseThrow();
        assertEquals(Verdict.VALID, post.verdict(), post.summary());
        HarRow request = rows.stream().filter(r -> r.finding().where().startsWith("request URL query (SAMLRequest)")).findFirst()
                .orElseThrow();
        Report r = HarAnalysis.inspect(request.finding(), inspector(), profile());
        assertEquals(TokenKind.SAML, r.token().kind());
        assertTrue(r.summary().contains(REQUEST_ID), r.summary());
    }

    @Test
    void theCapturesStoryNamesSamlMessagesAsSuch() throws Exception {
        List<HarRow> rows = HarAnalysis.analyse(scan(har(response())), inspector(), profile());
        String story = HarStory.tell(scan(har(response())), rows);
        assertTrue(story.contains("SAML 2.0 response"), story);
        assertFalse(story.contains("access token"), story);
    }

    @Test
    void aTamperedResponseInTheCaptureIsInvalid() throws Exception {
        String tampered = response().replace("Alice Example", "Mallory Example");
        List<HarRow> rows = HarAnalysis.analyse(scan(har(tampered)), inspector(), profile());
        HarRow post = rows.stream().filter(r -> r.finding().role() == Role.SAML && r.finding().where().startsWith("form post")).findFirst()
                .orElseThrow();
        assertEquals(Verdict.INVALID, post.verdict(), post.summary());
    }
}
