package dev.tokenscope.engine.saml;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.export.ExportFormat;
import dev.tokenscope.engine.export.ExportOptions;
import dev.tokenscope.engine.export.Exporters;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.trust.TrustResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static dev.tokenscope.engine.saml.SamlFixtures.AUDIENCE;
import static dev.tokenscope.engine.saml.SamlFixtures.ENTRA;
import static dev.tokenscope.engine.saml.SamlFixtures.NOW;
import static dev.tokenscope.engine.saml.SamlFixtures.TENANT;
import static dev.tokenscope.engine.saml.SamlFixtures.base64;
import static dev.tokenscope.engine.saml.SamlFixtures.metadata;
import static dev.tokenscope.engine.saml.SamlFixtures.parse;
import static dev.tokenscope.engine.saml.SamlFixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exports of a SAML report: the signature value is removed by default, personal attributes masked on request. */
class SamlExportTest {
    @TempDir
    Path dir;

    Report report(String input) throws Exception {
        Path md = dir.resolve("federationmetadata.xml");
        Files.writeString(md, metadata(ENTRA));
        Inspector inspector = new Inspector(TrustResolver.offlineOnly(), Clock.fixed(NOW, ZoneOffset.UTC));
        return inspector.inspect(input, ValidationProfile.defaults().withAudiences(List.of(AUDIENCE)).withKeys(md.toString(), null, true));
    }

    static String signatureValue(String xml) {
        Document d = parse(xml);
        return d.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "SignatureValue").item(0).getTextContent().strip();
    }

    @Test
    void markdownAndHtmlShowTheXmlWithoutItsSignatureValueByDefault() throws Exception {
        String xml = response();
        String input = base64(xml);
        Report r = report(input);
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        String value = signatureValue(xml);
        for (ExportFormat f : ExportFormat.values()) {
            String out = Exporters.export(r, input, f, ExportOptions.defaults());
            assertFalse(out.contains(value.substring(0, 40)), f + " holds the signature value");
            assertFalse(out.contains(input.substring(0, 60)), f + " holds the message as posted (replayable)");
            if (f != ExportFormat.JSON) assertTrue(out.contains(SamlXml.REMOVED) && out.contains("every SignatureValue removed"),
                    f + " shows the redacted XML:\n" + out);
        }
        String kept = Exporters.export(r, input, ExportFormat.MARKDOWN, new ExportOptions(true, false));
        assertTrue(kept.contains(input), "--keep-signature keeps the message as given");
    }

    @Test
    void maskingPersonalDataCoversTheSubjectAndPersonalAttributes() throws Exception {
        Report r = report(response());
        String out = Exporters.export(r, response(), ExportFormat.JSON, new ExportOptions(false, true));
        assertFalse(out.contains("alice@contoso.com"), out);
        assertFalse(out.contains("Alice Example"), out);
        assertTrue(out.contains("pii:"), out);
        assertTrue(out.contains(TENANT), "the tenant id is not personal and stays");
    }

    @Test
    void theRedactedXmlIsIndentedAndStillNamesWhatWasSigned() throws Exception {
        String pretty = SamlXml.pretty(base64(response()), false);
        assertTrue(pretty.contains("\n"), pretty);
        assertTrue(pretty.contains("Reference URI=\"#_asrt-6b3e\""), pretty);
        assertTrue(pretty.contains(SamlXml.REMOVED));
        assertFalse(SamlXml.pretty(response(), true).contains(SamlXml.REMOVED));
    }
}
