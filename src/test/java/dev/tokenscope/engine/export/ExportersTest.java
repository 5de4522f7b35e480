package dev.tokenscope.engine.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.text.SafeText;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportersTest {
    static final List<String> PII_VALUES = List.of("Alice Example", "alice@contoso.example", "203.0.113.7", "Alice", "Example");

    @TempDir
    Path dir;
    ValidationProfile profile;
    Inspector inspector;

    @BeforeEach
    void setUp() throws Exception {
        Path jwks = dir.resolve("keys.json");
        Files.writeString(jwks, Tokens.publicSet(Tokens.RSA).toString());
        Path meta = dir.resolve("meta.json");
        Files.writeString(meta, "{\"issuer\":\"https://sts.windows.net/{tenantid}/\",\"jwks_uri\":\"x\"}");
        profile = new ValidationProfile(List.of("api://" + API_ID), null, null, null, null, Duration.ofMinutes(5), NOW, meta.toString(),
                jwks.toString(), true);
        inspector = new Inspector(new OnlineTrustResolver(new DocumentStore(null, null, Clock.systemUTC()), Clock.systemUTC()),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A v1 token: it carries every personal claim the masking covers. */
    String token() {
        return Tokens.sign(Tokens.v1Access().claim("email", "alice@contoso.example").claim("login_hint", "O.aGludA"));
    }

    static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    @Test
    void everyFormatDropsTheSignatureByDefaultAndSaysSo() throws Exception {
        String token = token();
        Report r = inspector.inspect(token, profile);
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        String headerPayload = token.substring(0, token.lastIndexOf('.'));
        for (ExportFormat f : ExportFormat.values()) {
            String out = Exporters.export(r, token, f, ExportOptions.defaults());
            assertFalse(out.contains(signature(token)), f + " contains the signature");
            assertFalse(out.contains(signature(token).substring(0, 40)), f + " contains part of the signature");
            assertTrue(out.contains("Signature removed"), f + " has no note");
            if (f != ExportFormat.JSON) assertTrue(out.contains(headerPayload), f + " lacks header.payload");
        }
        String kept = Exporters.export(r, token, ExportFormat.MARKDOWN, ExportOptions.defaults().withKeepSignature(true));
        assertTrue(kept.contains(token));
        assertTrue(kept.contains("Signature kept"));
    }

    @Test
    void tokensQuotedInsideReportTextLoseTheirSignatureToo() {
        String token = token();
        Report r = inspector.inspect(token, profile);
        List<Step> steps = new ArrayList<>(r.steps());
        steps.add(new Step("extra", Status.INFO, "Quoted", "the server logged " + token, Map.of("raw", "Bearer " + token), null, null));
        Report withToken = new Report(r.tool(), r.version(), r.evaluatedAt(), r.verdict(), r.summary(), r.input(), r.token(), r.key(),
                steps, r.diagnoses());
        for (ExportFormat f : ExportFormat.values()) {
            String out = Exporters.export(withToken, null, f, ExportOptions.defaults());
            assertFalse(out.contains(signature(token)), f.label());
            assertTrue(out.contains(token.substring(0, token.lastIndexOf('.'))), f.label());
        }
    }

    @Test
    void maskingReplacesPersonalClaimsEverywhereWithAStableHash() throws Exception {
        String token = token();
        Report r = inspector.inspect(token, profile);
        // Personal data also in free text (a step's evidence, a diagnosis), as servers' messages sometimes quote it.
        List<Step> steps = new ArrayList<>(r.steps());
        steps.add(new Step("extra", Status.WARN, "User", "signed in as alice@contoso.example", Map.of("who", "Alice Example (203.0.113.7)"),
                null, null));
        Report rich = new Report(r.tool(), r.version(), r.evaluatedAt(), r.verdict(), r.summary(), r.input(), r.token(), r.key(), steps,
                r.diagnoses());
        ExportOptions mask = ExportOptions.defaults().withMaskPii(true);
        for (ExportFormat f : ExportFormat.values()) {
            String out = Exporters.export(rich, token, f, mask);
            for (String v : List.of("Alice Example", "alice@contoso.example", "203.0.113.7", "O.aGludA")) {
                assertFalse(out.contains(v), f + " still shows " + v);
            }
            assertFalse(out.contains(token.split("\\.")[1]), f + " shows the payload, which holds the personal claims");
            assertTrue(out.contains(Redactor.mask("alice@contoso.example")), f.label());
            assertTrue(out.contains("Personal claims"), f + " has no note");
        }
        String hex = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest("alice@contoso.example".getBytes(StandardCharsets.UTF_8)));
        assertEquals("pii:" + hex.substring(0, 12), Redactor.mask("alice@contoso.example"));
        // Two reports about the same user compare equal on the masked values; non-personal claims are untouched.
        Report masked = Json.MAPPER.readValue(Exporters.export(rich, token, ExportFormat.JSON, mask), Report.class);
        Report other = Json.MAPPER.readValue(
                Exporters.export(inspector.inspect(Tokens.sign(Tokens.v1Access().claim("uti", "other")), profile), null,
                ExportFormat.JSON, mask), Report.class);
        assertEquals(masked.token().claims().get("upn"), other.token().claims().get("upn"));
        assertNotEquals(masked.token().claims().get("uti"), other.token().claims().get("uti"));
        assertEquals(Tokens.TENANT, masked.token().claims().get("tid").asText());
        assertEquals(Redactor.mask("alice@contoso.example"), masked.token().claimAnnotations().stream()
                .filter(c -> c.name().equals("upn")).findFirst().orElseThrow().value().asText());
        assertTrue(masked.steps().stream().anyMatch(s -> s.detail().equals("signed in as " + Redactor.mask("alice@contoso.example"))));
    }

    @Test
    void jsonIsTheInspectSchemaAndRoundTrips() throws Exception {
        String token = token();
        Report r = inspector.inspect(token, profile);
        String json = Exporters.export(r, token, ExportFormat.JSON, ExportOptions.defaults());
        Report back = Json.MAPPER.readValue(json, Report.class);
        assertEquals(Json.pretty(back), json.strip(), "parses back into the same report");
        // The same members as inspect --json, in the same order; only input.notes gained the export note.
        var original = Json.MAPPER.readTree(Json.pretty(r));
        var exported = Json.MAPPER.readTree(json);
        assertEquals(fieldNames(original), fieldNames(exported));
        ((ObjectNode) exported.get("input")).set("notes", original.get("input").get("notes"));
        assertEquals(original, exported);
        assertTrue(back.input().notes().stream().anyMatch(n -> n.startsWith(JsonExporter.NOTE_PREFIX + "Signature removed")));
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void htmlIsSelfContainedWellFormedAndEscaped() throws Exception {
        String hostile = "<script>alert('x')</script>&<img src=x onerror=alert(1)>\"";
        String token = Tokens.sign(Tokens.v1Access().claim("name", hostile).expirationTime(Date.from(NOW.minusSeconds(7200))));
        Report r = inspector.inspect(token, profile);
        assertEquals(Verdict.INVALID, r.verdict());
        String html = Exporters.export(r, token, ExportFormat.HTML, ExportOptions.defaults());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, doc.getElementsByTagName("script").getLength(), "no script element");
        assertEquals(0, doc.getElementsByTagName("img").getLength(), "no img element");
        assertEquals(0, doc.getElementsByTagName("link").getLength(), "no external stylesheet");
        assertEquals(1, doc.getElementsByTagName("style").getLength(), "inline CSS");
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            assertFalse(e.hasAttribute("src") || e.hasAttribute("href") || e.hasAttribute("onerror"),
                    "external resource or handler on " + e.getTagName());
        }
        assertTrue(html.contains("Content-Security-Policy"));
        // The hostile name is shown as text, exactly.
        Element nameRow = byId(doc, "claim-name");
        assertTrue(nameRow.getTextContent().contains(hostile), nameRow.getTextContent());
        // Every step row carries its status word and a status class (colour is never the only signal).
        NodeList rows = doc.getElementsByTagName("tr");
        int stepRows = 0;
        for (int i = 0; i < rows.getLength(); i++) {
            Element row = (Element) rows.item(i);
            if (!row.getAttribute("id").startsWith("step-")) continue;
            stepRows++;
            String cls = row.getAttribute("class");
            String word = ((Element) row.getElementsByTagName("td").item(0)).getTextContent();
            assertEquals(cls.toUpperCase(), word);
        }
        assertEquals(r.steps().size(), stepRows);
        assertEquals("FAIL", ((Element) byId(doc, "step-lifetime").getElementsByTagName("td").item(0)).getTextContent());
        assertEquals("INVALID", byId(doc, "verdict").getTextContent());
        assertTrue(byId(doc, "diagnosis-expired").getTextContent().contains("Fix:"));
        assertEquals(token.substring(0, token.lastIndexOf('.')), byId(doc, "token").getTextContent());
    }

    static Element byId(Document doc, String id) {
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) return e;
        }
        throw new AssertionError("no element #" + id);
    }

    @Test
    void markdownKeepsTokenValuesInCodeSoTheyCannotBecomeMarkup() {
        String hostile = "x | ![img](https://evil.example/a.png) <b>bold</b> `tick`";
        String token = Tokens.sign(Tokens.v1Access().claim("name", hostile));
        String md = Exporters.export(inspector.inspect(token, profile), token, ExportFormat.MARKDOWN, ExportOptions.defaults());
        assertTrue(md.startsWith("# Tokenscope report: VALID"), md.substring(0, 60));
        assertTrue(md.contains("| ✅ PASS | Signature |"), "steps table with status words");
        // In the claims table the value sits in a code span delimited by more backticks than it holds, pipes escaped.
        assertTrue(md.contains("| `name` | `` x \\| ![img](https://evil.example/a.png) <b>bold</b> `tick` `` |"), md);
        assertFalse(md.contains("\n![img]"));
        assertTrue(MarkdownExporter.text("<b>*x*</b> [a](b)").equals("&lt;b&gt;\\*x\\*&lt;/b&gt; \\[a\\](b)"));
    }

    /** Terminal controls, a line break, a pipe and a right-to-left override in a claim, a role and the kid. */
    @Test
    void controlBidiAndInvisibleCharactersAreEscapedInMarkdownAndHtmlAndExactInJson() throws Exception {
        String hostile = "Alice\u001b]0;pwned\u0007\u001b[2J | x\n| fake | row |\u202eevil\u200b";
        String token = Tokens.sign(Tokens.v1Access().claim("name", hostile).claim("roles", List.of("Reader", "Admin\u202e"))
                .build(), Tokens.RSA, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("kid\u001b[2J").build());
        Report r = inspector.inspect(token, profile);
        for (ExportFormat f : List.of(ExportFormat.MARKDOWN, ExportFormat.HTML)) {
            String out = Exporters.export(r, token, f, ExportOptions.defaults());
            for (String line : out.split("\n", -1)) {
                assertTrue(SafeText.isPlain(line.replace("\t", " ")), f + ": raw control, bidi or invisible character in " + line);
            }
            assertTrue(out.contains("Contains a terminal control sequence (ESC); contains a right-to-left override"),
                    f + " lacks the info note");
        }
        String md = Exporters.export(r, token, ExportFormat.MARKDOWN, ExportOptions.defaults());
        String nameRow = md.lines().filter(l -> l.startsWith("| `name` |")).findFirst().orElseThrow(() -> new AssertionError(md));
        assertTrue(nameRow.contains("Alice\\u001b]0;pwned\\u0007\\u001b[2J \\| x\\u000a\\| fake \\| row \\|\\u202eevil\\u200b"), nameRow);
        assertEquals(4, nameRow.replace("\\|", "").chars().filter(c -> c == '|').count(), "one row of three cells: " + nameRow);
        assertFalse(md.contains("\n| fake |"), "a line break in a value can't start a table row");
        assertTrue(md.contains("- header member `kid`: info: Contains a terminal control sequence (ESC)"), md);

        String html = Exporters.export(r, token, ExportFormat.HTML, ExportOptions.defaults());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        String shown = byId(doc, "claim-name").getTextContent();
        assertTrue(shown.contains("Alice\\u001b]0;pwned\\u0007\\u001b[2J | x\\u000a| fake | row |\\u202eevil\\u200b"), shown);
        assertTrue(shown.contains("info: Contains a terminal control sequence (ESC)"), shown);
        assertTrue(byId(doc, "claim-roles").getTextContent().contains("Admin\\u202e"));
        assertTrue(byId(doc, "header").getTextContent().contains("kid\\u001b[2J")
                || byId(doc, "header").getTextContent().contains("kid\\u001B[2J"));

        String json = Exporters.export(r, token, ExportFormat.JSON, ExportOptions.defaults());
        var tree = Json.parse(json);
        assertEquals(hostile, tree.get("token").get("claims").get("name").asText(), "JSON keeps the exact value");
        assertEquals("Admin\u202e", tree.get("token").get("claims").get("roles").get(1).asText());
        assertEquals("kid\u001b[2J", tree.get("token").get("header").get("kid").asText());
        var nameView = tree.get("token").get("claimAnnotations");
        String warning = null;
        for (var v : nameView) if (v.get("name").asText().equals("name")) warning = v.get("warning").asText();
        assertTrue(warning != null && warning.startsWith("Contains a terminal control sequence (ESC)"), String.valueOf(warning));
        Report back = Json.MAPPER.readValue(json, Report.class);
        assertEquals(hostile, back.token().claims().get("name").asText(), "the JSON export parses back into a report");
    }

    @Test
    void writeCreatesTheFileAtomically() throws Exception {
        String token = token();
        Path out = dir.resolve("sub/report.html");
        var report = inspector.inspect(token, profile);
        NoSuchFileException missing = Assertions.assertThrows(NoSuchFileException.class,
                () -> Exporters.write(out, report, token, ExportFormat.HTML, ExportOptions.defaults()));
        assertEquals("the directory does not exist", missing.getReason());
        assertFalse(Files.exists(out.getParent()), "no directory is created");
        Files.createDirectory(out.getParent());
        Exporters.write(out, inspector.inspect(token, profile), token, ExportFormat.HTML, ExportOptions.defaults());
        assertTrue(Files.readString(out).startsWith("<!DOCTYPE html>"));
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        assertEquals(ExportFormat.HTML, ExportFormat.ofFileName("x.HTM").orElseThrow());
        assertEquals(ExportFormat.MARKDOWN, ExportFormat.parse("markdown").orElseThrow());
        assertTrue(ExportFormat.parse("pdf").isEmpty());
    }

    @Test
    void notReplayableFormsOfEveryKindOfToken() {
        assertEquals("aaa.bbb", Redactor.withoutSignature("aaa.bbb.ccc"));
        assertEquals("aaa.[encrypted parts removed]", Redactor.withoutSignature("aaa.b.c.d.e"));
        assertEquals("EwBwA8…[30 characters removed]", Redactor.withoutSignature("EwBwA8l6BAAUO9chh8cJscQLmU+LSW"));
    }

    @Test
    void piiClaimsAreTheOnesTheIssueNames() {
        assertEquals(
                Set.of("name", "upn", "email", "preferred_username", "unique_name", "ipaddr", "given_name", "family_name", "login_hint"),
                Redactor.PII_CLAIMS);
        assertTrue(PII_VALUES.size() > 0);
    }
}
