package dev.tokenscope.engine.saml;

import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.tokenscope.engine.saml.SamlFixtures.NOW;
import static dev.tokenscope.engine.saml.SamlFixtures.base64;
import static dev.tokenscope.engine.saml.SamlFixtures.deflated;
import static dev.tokenscope.engine.saml.SamlFixtures.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** XXE, entity expansion, deflate bombs, oversize and deep documents: refused quickly with a clear message. */
class SafeXmlTest {
    private static final Duration QUICK = Duration.ofSeconds(3);

    private static Report refused(String input) {
        Report r = assertTimeoutPreemptively(QUICK, () -> SamlInspector.inspect(input, profile(), NOW));
        assertNotEquals(Verdict.VALID, r.verdict());
        assertFalse(r.summary().isBlank());
        return r;
    }

    @Test
    void externalEntityIsRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_1\" Version=\"2.0\">&x;</samlp:Response>";
        Report r = refused(xxe);
        assertTrue(r.summary().contains("DOCTYPE"), r.summary());
        assertFalse(r.toString().contains("root:"), "the file was never read");
        Report b64 = refused(base64(xxe));
        assertTrue(b64.summary().contains("DOCTYPE"), b64.summary());
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            b.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) b.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            b.append("\">");
        }
        b.append("]><samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">&lol9;</samlp:Response>");
        Report r = refused(b.toString());
        assertTrue(r.summary().contains("DOCTYPE"), r.summary());
    }

    @Test
    void metadataWithDoctypeIsRefused() {
        SamlException e = assertThrows(SamlException.class, () -> FederationMetadata.parse("<!DOCTYPE x [<!ENTITY a SYSTEM \"http://127.0.0.1:1/\">]><EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\">&a;</EntityDescriptor>"));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void deflateBombIsRefused() {
        byte[] zeros = new byte[20 * SafeXml.MAX_BYTES];
        zeros[0] = '<';
        String bomb = "SAMLResponse=" + URLEncoder.encode(deflated(zeros), StandardCharsets.UTF_8);
        Report r = refused(bomb);
        assertTrue(r.summary().contains("bomb"), r.summary());
    }

    @Test
    void oversizeAndDeepDocumentsAreRefused() {
        String big = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">" + "x".repeat(SafeXml.MAX_BYTES)
                + "</samlp:Response>";
        assertTrue(refused(big).summary().contains("larger than"));
        String deep = "<a>".repeat(5000) + "</a>".repeat(5000);
        Report r = refused(deep);
        assertEquals(Verdict.INVALID, r.verdict(), r.summary());
        assertTrue(r.summary().contains("deeper than " + SafeXml.MAX_DEPTH), r.summary());
    }
}
