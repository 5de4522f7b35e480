package dev.tokenscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscope.engine.saml.SamlFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code inspect} with SAML messages: same report, same exit codes, SAML's own options. */
class SamlCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        InspectCommandTest.Run r = InspectCommandTest.cli(args); // the CLI through picocli, as every CLI test runs it
        return new Run(r.code(), r.out(), r.err());
    }

    Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    Run inspect(String message, String... extra) throws Exception {
        Path msg = file("saml-response.txt", message);
        Path md = file("federationmetadata.xml", SamlFixtures.metadata(SamlFixtures.ENTRA));
        String[] base = {"inspect", "--file", msg.toString(), "--metadata", md.toString(), "--offline", "--no-color",
                "--at", SamlFixtures.NOW.toString(), "--audience", SamlFixtures.AUDIENCE};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return cli(args);
    }

    @Test
    void aValidSamlResponseExitsZeroWithTheSameStepsAsAToken() throws Exception {
        Run r = inspect(SamlFixtures.base64(SamlFixtures.response()), "--reply-url", SamlFixtures.ACS);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("VALID"), r.out());
        for (String step : new String[]{"Federation metadata", "Signature", "Signing certificate", "Issuer", "Audience", "Lifetime"}) {
            assertTrue(r.out().contains(step), step + " missing:\n" + r.out());
        }
    }

    @Test
    void aWrongReplyUrlIsInvalidAndNamed() throws Exception {
        Run r = inspect(SamlFixtures.response(), "--reply-url", "https://app.example.com/other");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("https://app.example.com/other"), r.out());
    }

    @Test
    void theAuthnRequestIdMustMatchInResponseTo() throws Exception {
        assertEquals(0, inspect(SamlFixtures.response(), "--authn-request", SamlFixtures.REQUEST_ID).code());
        Run r = inspect(SamlFixtures.response(), "--authn-request", "_some-other-request");
        assertEquals(1, r.code(), r.out());
    }

    @Test
    void jsonNamesTheKindSaml() throws Exception {
        Run r = inspect(SamlFixtures.response(), "--json");
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertEquals("saml", n.path("token").path("kind").asText(), r.out());
        assertEquals("valid", n.path("verdict").asText());
    }

    @Test
    void anExportedMarkdownReportHoldsNoSignatureValue() throws Exception {
        Path out = dir.resolve("report.md");
        Run r = inspect(SamlFixtures.response(), "--report", "md", "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String md = Files.readString(out);
        assertTrue(md.contains("[signature value removed]"), md);
        assertFalse(md.contains("<ds:SignatureValue>" + SamlFixtures.response().split("SignatureValue>")[1].substring(0, 20)), md);
    }
}
