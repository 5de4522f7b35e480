package dev.tokenscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyCommandTest {
    @TempDir
    Path dir;
    Path jwks, meta;
    String out, err;

    @BeforeEach
    void files() throws Exception {
        jwks = dir.resolve("keys.json");
        Files.writeString(jwks, Tokens.publicSet(Tokens.RSA).toString());
        meta = dir.resolve("meta.json");
        Files.writeString(meta, "{\"issuer\":\"" + Tokens.V2_ISS + "\",\"jwks_uri\":\"unused\"}");
    }

    int run(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        CommandLine cl = new CommandLine(new VerifyCommand());
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        int rc = cl.execute(args);
        out = o.toString();
        err = e.toString();
        return rc;
    }

    List<String> offline(String file, String... more) {
        List<String> a = new ArrayList<>(List.of(file, "--offline", "--jwks", jwks.toString(), "--metadata", meta.toString(),
                "--audience", API_ID, "--at", NOW.toString()));
        a.addAll(List.of(more));
        return a;
    }

    /** A line's message quotes the token (its audience): shown escaped, on its one line; --json-lines keeps it exactly. */
    @Test
    void controlAndBidiCharactersInAMessageArePrintedEscaped() throws Exception {
        String hostile = "\u001b]0;pwned\u0007\u001b[2J\u202e\nfake: valid";
        Path in = dir.resolve("tokens.txt");
        Files.writeString(in, Tokens.sign(Tokens.v2Access().audience("api://other" + hostile)) + "\n");
        assertEquals(1, run(offline(in.toString()).toArray(String[]::new)), err);
        InspectCommandTest.assertNoRawControl(out);
        List<String> lines = out.lines().toList();
        assertEquals(2, lines.size(), "one line and the summary: " + out);
        assertTrue(lines.get(0).contains("api://other\\u001b]0;pwned\\u0007\\u001b[2J\\u202e\\u000afake: valid"), lines.get(0));
        assertEquals(1, run(offline(in.toString(), "--json-lines").toArray(String[]::new)));
        assertTrue(Json.parse(out.lines().findFirst().orElseThrow()).get("message").asText().contains("api://other" + hostile), out);
    }

    @Test
    void everyNonEmptyLineGetsOneLineThenASummary() throws Exception {
        String valid = Tokens.sign(Tokens.v2Access());
        String expired = Tokens.sign(Tokens.v2Access().expirationTime(Date.from(NOW.minusSeconds(7200))));
        Path in = dir.resolve("tokens.txt");
        Files.writeString(in, valid + "\n\n" + expired + "\nnot a token\n  \nBearer " + valid + "\n" + valid + "\n");
        int rc = run(offline(in.toString()).toArray(String[]::new));
        assertEquals(1, rc, err);
        List<String> lines = out.lines().toList();
        assertEquals(6, lines.size(), out);
        assertEquals("1: valid Valid for " + API_ID, lines.get(0));
        assertTrue(lines.get(1).startsWith("3: invalid [expired] Not valid: "), lines.get(1));
        assertTrue(lines.get(2).startsWith("4: invalid [not-a-token] "), lines.get(2));
        assertEquals("6: valid Valid for " + API_ID, lines.get(3));
        assertEquals("7: valid Valid for " + API_ID, lines.get(4));
        assertTrue(lines.get(5).matches("summary: lines=5 valid=3 invalid=2 undetermined=0 memoised=2 seconds=\\d+\\.\\d{3}"),
                lines.get(5));
        assertEquals("", err);
    }

    @Test
    void allValidExitsZeroAndJsonLinesParse() throws Exception {
        Path in = dir.resolve("ok.txt");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) sb.append(Tokens.sign(Tokens.v2Access().claim("uti", "u" + (i % 100)))).append('\n');
        Files.writeString(in, sb.toString());
        assertEquals(0, run(offline(in.toString(), "--json-lines", "--threads", "1").toArray(String[]::new)), err);
        List<String> lines = out.lines().toList();
        assertEquals(301, lines.size());
        for (int i = 0; i < 300; i++) {
            JsonNode n = Json.parse(lines.get(i));
            assertEquals(i + 1, n.get("line").asInt());
            assertEquals("valid", n.get("verdict").asText());
            assertTrue(n.get("diagnosis").isNull());
            assertEquals(i >= 100, n.get("memoised").asBoolean(), "line " + (i + 1));
        }
        JsonNode summary = Json.parse(lines.get(300)).get("summary");
        assertEquals(300, summary.get("lines").asInt());
        assertEquals(300, summary.get("valid").asInt());
        assertEquals(200, summary.get("memoised").asInt());
        // On several threads a repeat may be verified before its first occurrence is printed; the verdicts are the same.
        assertEquals(0, run(offline(in.toString(), "--threads", "3").toArray(String[]::new)), err);
        assertTrue(out.lines().limit(300).allMatch(l -> l.endsWith(": valid Valid for " + API_ID)), out);
    }

    @Test
    void failuresOnlyPrintsTheLinesThatAreNotValid() throws Exception {
        Path in = dir.resolve("mixed.txt");
        Files.writeString(in, Tokens.sign(Tokens.v2Access()) + "\n" + Tokens.sign(Tokens.v2Access().audience("other")) + "\n");
        assertEquals(1, run(offline(in.toString(), "--failures-only").toArray(String[]::new)));
        List<String> lines = out.lines().toList();
        assertEquals(2, lines.size(), out);
        assertTrue(lines.get(0).startsWith("2: invalid [wrong-audience] "), lines.get(0));
        assertTrue(lines.get(1).startsWith("summary: lines=2 valid=1 invalid=1 "), lines.get(1));
    }

    @Test
    void aHarCaptureIsVerifiedTokenByToken() throws Exception {
        String valid = Tokens.sign(Tokens.v2Access());
        Path har = dir.resolve("capture.har");
        Files.writeString(har,
                "{\n  \"log\": {\"version\": \"1.2\", \"entries\": [{\"startedDateTime\": \"2026-03-01T12:00:00Z\", \"request\": "
                        + "{\"method\": \"GET\", "
                + "\"url\": \"https://api.contoso.example/a\", \"headers\": [{\"name\": \"Authorization\", \"value\": \"Bearer " + valid + "\"}]}, "
                + "\"response\": {\"status\": 200, \"headers\": [], \"content\": {\"size\": 2, \"mimeType\": \"application/json\", "
                + "\"text\": \"{}\"}}}]}}");
        assertEquals(0, run(offline(har.toString()).toArray(String[]::new)), err);
        List<String> lines = out.lines().toList();
        assertEquals("1: valid Valid for " + API_ID + " (Authorization header of GET https://api.contoso.example/a)", lines.get(0));
        assertTrue(lines.get(1).startsWith("summary: lines=1 valid=1 "));
    }

    @Test
    void usageErrorsExitTwoWithOneLine() throws Exception {
        assertEquals(2, run(dir.resolve("missing.txt").toString()));
        assertEquals("tokenscope verify: no such file: " + dir.resolve("missing.txt") + "; check the path, or '-' for standard input",
                err.strip());
        assertEquals(2, run(offline(dir.toString()).toArray(String[]::new)));
        assertTrue(err.contains("is a directory"), err);
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "\n\n  \n");
        assertEquals(2, run(offline(empty.toString()).toArray(String[]::new)));
        assertTrue(out.startsWith("summary: lines=0 "), out);
        assertTrue(err.contains("no token"), err);
        assertEquals(2, run(empty.toString(), "--at", "yesterday"));
        assertTrue(err.contains("--at takes an ISO-8601 instant"), err);
        assertEquals(2, run(offline(empty.toString(), "--skew", "-1").toArray(String[]::new)));
        assertTrue(err.contains("--skew takes 0 to 86400 seconds"), err);
        Path badHar = dir.resolve("bad.har");
        Files.writeString(badHar, "{\"log\": [1,2,3]}");
        assertEquals(2, run(offline(badHar.toString()).toArray(String[]::new)));
        assertTrue(err.contains("no \"log\" object"), err);
        assertFalse(out.contains("Exception"));
    }
}
