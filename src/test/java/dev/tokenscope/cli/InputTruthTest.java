package dev.tokenscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static dev.tokenscope.cli.InspectCommandTest.cli;
import static dev.tokenscope.cli.InspectCommandTest.inspect;
import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, items 2, 3 and 4: inputs that hold more than one thing, nothing secret echoed, one input one verdict in
 * every command.
 */
class InputTruthTest {
    @TempDir
    Path dir;
    final InputStream stdin = System.in;

    @AfterEach
    void restore() {
        System.setIn(stdin);
    }

    static final String AT = Tokens.sign(Tokens.v2Access());
    static final String ID = Tokens.sign(Tokens.v2Id());

    static List<String> roles(JsonNode report) {
        List<String> roles = new ArrayList<>();
        report.get("input").get("candidates").forEach(c -> roles.add(c.get("role").asText()));
        return roles;
    }

    // ---- 2. several tokens, a HAR, a path, standard input ---------------------------------------------------

    @Test
    void aFileWithSeveralTokensOnLinesListsEachAndInspectsTheAccessTokenFirst() throws Exception {
        for (String text : List.of(ID + "\n" + AT + "\n", ID + "\n\n" + AT + "\n\n", "  " + ID + "\r\n" + AT)) {
            Path f = Files.writeString(dir.resolve("tokens.txt"), text);
            JsonNode r = cli("inspect", "--file", f.toString(), "--offline", "--at", NOW.toString(), "--json").json();
            assertEquals(List.of("access-token", "id-token"), roles(r), text);
            assertEquals(0, r.get("input").get("selected").asInt());
            assertEquals("jws", r.get("token").get("kind").asText(), "not one merged malformed token");
            assertTrue(r.get("token").get("claims").has("scp"), "the access token is inspected first");
        }
    }

    @Test
    void aHarThroughInspectFileOrdersTheAccessTokenFirstWithItsRole() throws Exception {
        Path har = Files.writeString(dir.resolve("c.har"), "{\"log\":{\"version\":\"1.2\",\"entries\":["
                + ScanCommandTest.entry("2026-03-01T12:00:01.000Z", "POST", "https://login.microsoftonline.com/t/oauth2/v2.0/token", "[]",
                "{\\\"id_token\\\":\\\"" + ID + "\\\",\\\"access_token\\\":\\\"" + AT + "\\\"}") + "]}}");
        InspectCommandTest.Run run = cli("inspect", "--file", har.toString(), "--offline", "--at", NOW.toString(), "--json");
        JsonNode r = run.json();
        assertEquals(List.of("access-token", "id-token"), roles(r));
        assertTrue(r.get("token").get("claims").has("scp"));
        assertTrue(r.get("input").get("notes").toString().contains("tokenscope scan"), "points to scan: " + r.get("input"));
    }

    @Test
    void aTokenArgumentThatIsAFilesPathIsNeverDecoded() throws Exception {
        Path f = Files.writeString(dir.resolve("token.txt"), AT);
        InspectCommandTest.Run r = cli("inspect", f.toString(), "--offline");
        assertEquals(Cli.USAGE, r.code());
        assertTrue(r.err().contains("is the name of a file, not a token: to inspect what the file holds, use --file"), r.err());
    }

    @Test
    void fileDashReadsStandardInputAndAClosedStandardInputIsNoInput() {
        System.setIn(new ByteArrayInputStream(AT.getBytes(StandardCharsets.UTF_8)));
        InspectCommandTest.Run r = cli("inspect", "--file", "-", "--offline", "--at", NOW.toString(), "--json");
        assertEquals(Cli.INVALID, r.code(), r.err());
        assertEquals("jws", r.json().get("token").get("kind").asText());
        // Descriptor 0 reused by the JVM's own files: standard input was closed at start, never read as input.
        assertTrue(StandardInput.closed(Path.of(System.getProperty("java.home"), "lib", "modules")));
        assertTrue(StandardInput.closed(Path.of("/opt/tokenscope/lib/tokenscope.jar")));
        assertFalse(StandardInput.closed(Path.of("/home/alice/token.txt")));
        assertFalse(StandardInput.closed(null));
        assertTrue(StandardInput.CLOSED.startsWith("no input: standard input is closed"));
    }

    // ---- 3. nothing secret on the screen -------------------------------------------------------------------

    @Test
    void aTokenOrASecretWhereAFileOrANameWasExpectedIsNeverPrinted() {
        for (String cmd : List.of("verify", "scan")) {
            InspectCommandTest.Run r = cli(cmd, AT);
            assertEquals(Cli.USAGE, r.code());
            assertTrue(r.err().contains("the argument looks like a token, not a file; nothing was printed"), r.err());
            assertFalse(r.err().contains(AT.substring(0, 30)), r.err());
        }
        String secret = "Abc8Q~dEfGhIjKlMnOpQrStUvWxYz0123456789aB";
        InspectCommandTest.Run r = cli("login", "--authority", "contoso.onmicrosoft.com", "--client-id",
                "11111111-2222-3333-4444-555555555555",
                "--scope", "api://x/.default", "--client-secret-env", secret);
        assertEquals(Cli.USAGE, r.code());
        assertTrue(r.err().contains("takes the NAME of an environment variable"), r.err());
        assertTrue(r.err().contains("looks like the secret itself and was not printed"), r.err());
        assertFalse((r.out() + r.err()).contains(secret) || (r.out() + r.err()).contains("dEfGhIjKlMn"), r.err());
        // Picocli's own messages pass through the same filter.
        r = cli("inspect", AT, AT, "--offline");
        assertEquals(Cli.USAGE, r.code());
        assertFalse(r.err().contains(AT.substring(0, 30)), r.err());
        assertTrue(r.err().contains("<a token, not printed>"), r.err());
    }

    @Test
    void exportsHoldHeaderPayloadAsTheReadmeSays() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("`header.payload` (the compact token with its signature removed"),
                "the security model says what exports hold");
        for (String format : List.of("md", "html")) {
            InspectCommandTest.Run r = inspect(AT, "--report", format);
            String headerPayload = AT.substring(0, AT.lastIndexOf('.'));
            assertTrue(r.out().contains(headerPayload), format + " holds header.payload");
            assertFalse(r.out().contains(AT), format + " never holds the signed token");
            assertFalse(r.out().contains(AT.substring(AT.lastIndexOf('.') + 1)), format + ": no signature");
        }
        assertFalse(inspect(AT, "--report", "json").out().contains(AT.substring(0, AT.lastIndexOf('.'))),
                "the JSON export holds no compact token");
    }

    // ---- 4. one input, one verdict --------------------------------------------------------------------------

    @Test
    void bearerUndefinedIsPlaceholderInInspectScanAndVerify() throws Exception {
        InspectCommandTest.Run i = inspect("Bearer undefined", "--json");
        assertEquals(Cli.INVALID, i.code(), i.err());
        assertEquals("invalid", i.json().get("verdict").asText());
        assertEquals("placeholder", i.json().get("diagnoses").get(0).get("id").asText());

        Path lines = Files.writeString(dir.resolve("lines.txt"), "Bearer undefined\n" + AT + "\n");
        InspectCommandTest.Run v = cli("verify", lines.toString(), "--offline", "--at", NOW.toString());
        assertTrue(v.out().startsWith("1: invalid [placeholder] Not valid: The client sent the placeholder 'undefined' instead of a token"),
                v.out());

        Path har = Files.writeString(dir.resolve("c.har"), "{\"log\":{\"version\":\"1.2\",\"entries\":["
                + ScanCommandTest.entry("2026-03-01T12:00:01.000Z", "GET", "https://api.contoso.example/a", "[{\"name\":\"authorization\",\"value\":\"Bearer undefined\"}]", "{}")
                + "]}}");
        InspectCommandTest.Run s = cli("scan", har.toString(), "--offline", "--json");
        assertEquals("placeholder", s.json().get("tokens").get(0).get("diagnosis").asText());
        assertEquals(i.json().get("summary").asText(), s.json().get("tokens").get(0).get("summary").asText(), "the same words");
    }

    @Test
    void verifyLinesWithoutATokenAreNotATokenAndNoTokenAtAllExitsTwo() throws Exception {
        Path f = Files.writeString(dir.resolve("no-tokens.txt"), "hello\n2026-03-01 12:00:00 INFO request started\n"
                + "MIIDBTCCAe2gAwIBAgIQYg+Jt9UZb5xN4MVwAbCdEFGhIJKlMnOpQrStUvWxYz0=\nAbcdefghijklmnopqrstuvwxyz\n");
        InspectCommandTest.Run r = cli("verify", f.toString(), "--offline");
        assertEquals(Cli.USAGE, r.code(), r.out());
        assertEquals(4, r.out().lines().filter(l -> l.matches("\\d+: invalid \\[not-a-token] .*")).count(), r.out());
        assertFalse(r.out().contains("opaque-token") || r.out().contains("request a token for your API"), r.out());
        assertTrue(r.err().contains("no token: no line of " + f + " holds a token"), r.err());
        Path bin = dir.resolve("x.bin");
        Files.write(bin, new byte[]{'e', 'y', 'J', 0, 1, 2, '\n', 'a'});
        r = cli("verify", bin.toString(), "--offline");
        assertEquals(Cli.USAGE, r.code());
        assertTrue(r.err().contains("is a binary file (it contains NUL bytes)"), r.err());
        assertEquals("", r.out(), "no line verdicts for binary input");
    }

    @Test
    void scanJudgesAtRequestTimeNumbersEntriesAsJsonAndListsEveryRequest() throws Exception {
        Path jwks = Files.writeString(dir.resolve("keys.json"), Tokens.publicSet(Tokens.RSA).toString());
        String old = Tokens.sign(Tokens.v2Access().expirationTime(Date.from(NOW.plusSeconds(600))));
        String auth = "[{\"name\":\"authorization\",\"value\":\"Bearer " + old + "\"}]";
        Path har = Files.writeString(dir.resolve("c.har"), "{\"log\":{\"version\":\"1.2\",\"entries\":["
                + ScanCommandTest.entry("2026-03-01T12:00:01.000Z", "GET", "https://api.contoso.example/a", auth, "{}") + ","
                + ScanCommandTest.entry("2026-03-01T12:00:02.000Z", "GET", "https://api.contoso.example/b", "[]", "{}") + ","
                + ScanCommandTest.entry("2026-03-01T12:00:03.000Z", "POST", "https://api.contoso.example/c", auth, "{}") + "]}}");
        // The token expired long before today, but it was valid when it was sent.
        InspectCommandTest.Run text = cli("scan", har.toString(), "--offline", "--jwks", jwks.toString(), "--audience", API_ID);
        assertEquals(Cli.VALID, text.code(), text.out() + text.err());
        assertTrue(text.out().contains("judged at the time of the request where it was first seen"), text.out());
        assertTrue(text.out().contains("entries[0] · seen 2× (last in entries[2])"), text.out());
        assertTrue(text.out().contains("sent with GET https://api.contoso.example/a → 200 (entries[0])"), text.out());
        assertTrue(text.out().contains("sent with POST https://api.contoso.example/c → 200 (entries[2])"), text.out());
        JsonNode json = cli("scan", har.toString(), "--offline", "--jwks", jwks.toString(), "--audience", API_ID, "--json").json();
        JsonNode row = json.get("tokens").get(0);
        assertEquals(0, row.get("entry").asInt());
        assertEquals(2, row.get("lastEntry").asInt());
        assertEquals(2, row.get("calls").get(1).get("entry").asInt());
        assertTrue(json.get("judgedAt").asText().contains("first request"), json.toString());
        InspectCommandTest.Run at = cli("scan", har.toString(), "--offline", "--jwks", jwks.toString(), "--audience", API_ID, "--at",
                "2026-12-01T00:00:00Z");
        assertEquals(Cli.INVALID, at.code(), "--at overrides the request time: " + at.out());
    }
}
