package dev.tokenscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.report.Report;
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
import java.util.concurrent.Callable;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScanCommandTest {
    @TempDir
    Path dir;
    Path jwks, har;
    String out, err, valid, expired;

    @BeforeEach
    void capture() throws Exception {
        jwks = dir.resolve("keys.json");
        Files.writeString(jwks, Tokens.publicSet(Tokens.RSA).toString());
        valid = Tokens.sign(Tokens.v2Access());
        expired = Tokens.sign(Tokens.v2Access().expirationTime(Date.from(NOW.minusSeconds(7200))));
        har = dir.resolve("capture.har");
        Files.writeString(har, "{\"log\":{\"version\":\"1.2\",\"entries\":["
                + entry("2026-03-01T12:00:01.000Z", "POST", "https://login.microsoftonline.com/" + Tokens.TENANT + "/oauth2/v2.0/token", "[]",
                "{\\\"token_type\\\":\\\"Bearer\\\",\\\"access_token\\\":\\\"" + valid + "\\\"}")
                + "," + entry("2026-03-01T12:00:02.000Z", "GET", "https://api.contoso.example/orders", "[{\"name\":\"authorization\",\"value\":\"Bearer " + valid + "\"}]", "{}")
                + "," + entry("2026-03-01T12:00:03.000Z", "GET", "https://api.contoso.example/old", "[{\"name\":\"authorization\",\"value\":\"Bearer " + expired + "\"}]", "{}")
                + "]}}");
    }

    static String entry(String time, String method, String url, String headers, String body) {
        return "{\"startedDateTime\":\"" + time + "\",\"request\":{\"method\":\"" + method + "\",\"url\":\"" + url
                + "\",\"headers\":" + headers + "},\"response\":{\"status\":200,\"headers\":[],\"content\":{\"size\":" + body.length()
                + ",\"mimeType\":\"application/json\",\"text\":\"" + body + "\"}}}";
    }

    int run(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        CommandLine cl = new CommandLine(new ScanCommand());
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        int rc = cl.execute(args);
        out = o.toString();
        err = e.toString();
        return rc;
    }

    String[] args(String... more) {
        List<String> a = new ArrayList<>(
                List.of(har.toString(), "--offline", "--jwks", jwks.toString(), "--audience", API_ID, "--at", NOW.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void listsEveryDistinctTokenWithWhereItWasAndItsVerdict() {
        assertEquals(1, run(args()), err);
        // The story first, then the list.
        assertTrue(out.startsWith("The app got a token for " + API_ID + ", then called GET https://api.contoso.example/orders with the token for "
                + API_ID + " → 200 and GET https://api.contoso.example/old with a token for " + API_ID + " (not valid: expired) → 200.\n\n"
                + "capture.har: 3 entries, 2 distinct tokens (3 occurrences)"), out);
        assertTrue(out.contains("    judged as: api (" + API_ID + ") · sent to api.contoso.example\n"), out);
        assertTrue(out.contains("[1] VALID — Valid for " + API_ID), out);
        assertTrue(out.contains("access token · token response (access_token) · POST https://login.microsoftonline.com/" + Tokens.TENANT + "/oauth2/v2.0/token → 200"), out);
        assertTrue(out.contains("at 2026-03-01T12:00:01.000Z · entries[0] · seen 2× (last in entries[1])"), out);
        assertTrue(out.contains("aud " + API_ID + " · exp 2026-03-01T12:50:00Z (expires in 50 min)"), out);
        assertTrue(out.contains("[2] INVALID [expired] — Not valid: "), out);
        assertTrue(out.contains("token · Authorization header · GET https://api.contoso.example/old"), out);
        assertFalse(out.contains(valid.substring(0, 30)), "token values are never printed");
    }

    @Test
    void jsonListsTheSameWithoutTokenValues() throws Exception {
        assertEquals(1, run(args("--json")));
        JsonNode root = Json.parse(out);
        assertEquals(3, root.get("entries").asInt());
        JsonNode tokens = root.get("tokens");
        assertEquals(2, tokens.size());
        assertTrue(root.get("story").asText().startsWith("The app got a token for " + API_ID), root.toString());
        assertEquals("api", tokens.get(0).get("judgedAs").asText());
        assertEquals(API_ID, tokens.get(0).get("judgedFor").asText());
        assertEquals("api.contoso.example", tokens.get(0).get("sentTo").get(0).asText());
        assertEquals("valid", tokens.get(0).get("verdict").asText());
        assertEquals("access-token", tokens.get(0).get("role").asText());
        assertEquals(2, tokens.get(0).get("occurrences").asInt());
        assertEquals("expired", tokens.get(1).get("diagnosis").asText());
        assertFalse(out.contains(valid.substring(0, 30)));
        assertFalse(tokens.get(0).has("token"));
    }

    @Test
    void inspectShowsTheWholeReportOfOneToken() throws Exception {
        assertEquals(1, run(args("--inspect", "2", "--no-color")));
        assertTrue(out.startsWith("INVALID — Not valid: "), out);
        assertTrue(out.contains("Input: A token from a HAR capture: Authorization header of GET https://api.contoso.example/old"), out);
        assertEquals(0, run(args("--inspect", "1", "--json")));
        assertEquals("valid", Json.parse(out).get("verdict").asText());
        assertEquals(2, run(args("--inspect", "3")));
        assertTrue(err.contains("--inspect takes 1 to 2, not 3"), err);
    }

    /** A token whose claims (and the request URL it was sent to) hold terminal control sequences and a right-to-left override. */
    @Test
    void controlAndBidiCharactersFromTheCaptureAreNeverPrintedRaw() throws Exception {
        String hostile = "\u001b]0;pwned\u0007\u001b[2J\u202e";
        String token = Tokens.sign(Tokens.v2Access().audience(API_ID + hostile).claim("name", "Alice" + hostile));
        Path evil = dir.resolve("evil.har");
        // In the HAR's JSON the URL carries the characters as JSON escapes, as a browser would write them.
        Files.writeString(evil, "{\"log\":{\"version\":\"1.2\",\"entries\":["
                + entry("2026-03-01T12:00:02.000Z", "GET", "https://api.contoso.example/\\u001b[2J\\u202eorders",
                "[{\"name\":\"authorization\",\"value\":\"Bearer " + token + "\"}]", "{}") + "]}}");
        assertEquals(1, run(evil.toString(), "--offline", "--jwks", jwks.toString(), "--audience", API_ID, "--at", NOW.toString()), err);
        InspectCommandTest.assertNoRawControl(out);
        InspectCommandTest.assertNoRawControl(err);
        assertTrue(out.contains("GET https://api.contoso.example/\\u001b[2J\\u202eorders"), out);
        assertTrue(out.contains("aud " + API_ID + "\\u001b]0;pwned\\u0007\\u001b[2J\\u202e"), out);

        assertEquals(1,
                run(evil.toString(), "--offline", "--jwks", jwks.toString(), "--audience", API_ID, "--at", NOW.toString(), "--inspect", "1",
                        "--no-color"));
        InspectCommandTest.assertNoRawControl(out);
        assertTrue(out.contains("Alice\\u001b]0;pwned"), out);
        assertTrue(out.contains("info: Contains a terminal control sequence (ESC)"), out);

        assertEquals(1,
                run(evil.toString(), "--offline", "--jwks", jwks.toString(), "--audience", API_ID, "--at", NOW.toString(), "--json"));
        assertEquals(API_ID + hostile, Json.parse(out).get("tokens").get(0).get("audience").asText(), "JSON keeps the exact value");
    }

    /** The HAR headless Chromium recorded from the loopback SPA (see ChromiumHarTest), through the command line. */
    @Test
    void aRealChromiumCaptureThroughTheCommandLine() throws Exception {
        Path chromium = Path.of(getClass().getResource("/har/chromium-session.har").toURI());
        Path keys = Path.of(getClass().getResource("/har/chromium-session.keys.json").toURI());
        String[] base = {chromium.toString(), "--offline", "--jwks", keys.toString(), "--audience", API_ID, "--scope", "access_as_user",
                "--at", NOW.toString()};
        String origin = "http://127.0.0.1:41789";
        assertEquals(1, run(base), err);
        assertEquals("", err);
        assertTrue(out.startsWith("The app (client " + Tokens.CLIENT_ID
                + ") signed in at 127.0.0.1 (hybrid flow + PKCE), got an ID token and a "
                + "Microsoft Graph token, redeemed the code at 127.0.0.1 for a token for " + API_ID
                + " and an ID token, then called GET " + origin + "/api/me with the token for " + API_ID + " → 200 and GET " + origin
                + "/api/orders?top=5 with `Bearer undefined` → 401.\n\nchromium-session.har: 7 entries, 5 distinct "
                + "tokens (6 occurrences)"), out);
        assertTrue(out.contains("[1] VALID — ID token for client " + Tokens.CLIENT_ID + ": valid, nonce matches its /authorize request\n"
                + "    ID token · Location header fragment (id_token) · GET " + origin + "/" + Tokens.TENANT
                + "/oauth2/v2.0/authorize?client_id="), out);
        assertTrue(out.contains("    judged as: id-token-for-client (" + Tokens.CLIENT_ID + ")\n"), out);
        assertTrue(out.contains(
                "[2] UNDETERMINED [other-resource] — Not for your API: an access token for Microsoft Graph, acquired by client "
                + Tokens.CLIENT_ID + "\n"), out);
        assertTrue(out.contains("    judged as: other-resource (Microsoft Graph)\n"), out);
        assertTrue(out.contains("access token · Location header fragment (access_token) · GET " + origin + "/" + Tokens.TENANT
                + "/oauth2/v2.0/authorize?"), out);
        assertTrue(out.contains("[3] VALID — Valid for " + API_ID + "\n"
                + "    access token · token response (access_token) · POST " + origin + "/" + Tokens.TENANT
                + "/oauth2/v2.0/token → 200\n"), out);
        assertTrue(out.contains(" · entries[3] · seen 2× (last in entries[4])"), out);
        assertTrue(out.contains("[4] VALID — ID token for client " + Tokens.CLIENT_ID + ": valid, nonce matches its /authorize request\n"
                + "    ID token · token response (id_token) · POST " + origin + "/" + Tokens.TENANT + "/oauth2/v2.0/token → 200\n"), out);
        assertTrue(out.contains("[5] INVALID [placeholder] — Not valid: The client sent the placeholder 'undefined' instead of a token\n"
                + "    token · Authorization header · GET " + origin + "/api/orders?top=5 → 401\n"
                + "    judged as: placeholder · sent to 127.0.0.1\n"
                + "    GET " + origin
                + "/api/orders?top=5 answered 401: Bearer error=\"invalid_token\", error_description=\"no token\"\n"), out);
        assertFalse(out.contains("/api/health"), "the request without a token is not listed");

        List<String> json = new ArrayList<>(List.of(base));
        json.add("--json");
        assertEquals(1, run(json.toArray(String[]::new)), err);
        JsonNode root = Json.parse(out);
        assertEquals(7, root.get("entries").asInt());
        assertEquals(2, root.get("bodiesNotRead").asInt());
        JsonNode tokens = root.get("tokens");
        assertEquals(5, tokens.size());
        assertTrue(root.get("story").asText().startsWith("The app (client " + Tokens.CLIENT_ID + ") signed in at 127.0.0.1"),
                root.toString());
        String[][] want = {
                {"id-token", "Location header fragment (id_token)", "GET", "302", "valid", null, "id-token-for-client"},
                {"access-token", "Location header fragment (access_token)", "GET", "302", "undetermined", "other-resource",
                        "other-resource"},
                {"access-token", "token response (access_token)", "POST", "200", "valid", null, "api"},
                {"id-token", "token response (id_token)", "POST", "200", "valid", null, "id-token-for-client"},
                {"token", "Authorization header", "GET", "401", "invalid", "placeholder", "placeholder"}};
        for (int i = 0; i < want.length; i++) {
            JsonNode t = tokens.get(i);
            assertEquals(i + 1, t.get("number").asInt());
            assertEquals(want[i][0], t.get("role").asText(), t.toString());
            assertEquals(want[i][1], t.get("where").asText(), t.toString());
            assertEquals(want[i][2], t.get("method").asText(), t.toString());
            assertEquals(want[i][3], t.get("status").asText(), t.toString());
            assertEquals(want[i][4], t.get("verdict").asText(), t.toString());
            assertEquals(want[i][5], t.has("diagnosis") ? t.get("diagnosis").asText() : null, t.toString());
            assertEquals(want[i][6], t.get("judgedAs").asText(), t.toString());
            assertFalse(t.has("token"));
        }
        assertEquals(origin + "/" + Tokens.TENANT + "/oauth2/v2.0/token", tokens.get(2).get("url").asText());
        assertEquals(2, tokens.get(2).get("occurrences").asInt());
        assertEquals(origin + "/api/orders?top=5", tokens.get(4).get("url").asText());
        assertEquals(Tokens.CLIENT_ID, tokens.get(0).get("clientId").asText());
        assertFalse(tokens.get(0).has("requestNonce"), "the nonce stays in memory");
        JsonNode answer = tokens.get(4).get("serverResponse");
        assertEquals(401, answer.get("status").asInt());
        assertEquals("Bearer error=\"invalid_token\", error_description=\"no token\"", answer.get("wwwAuthenticate").get(0).asText());
        assertEquals("{\"error\":\"invalid_token\"}", answer.get("body").asText());
        assertFalse(out.contains("eyJraWQi"), "no token value in the JSON list");

        json.addAll(List.of("--inspect", "5"));
        assertEquals(1, run(json.toArray(String[]::new)), err);
        JsonNode report = Json.parse(out);
        assertEquals("invalid", report.get("verdict").asText());
        assertEquals("placeholder", report.get("input").get("form").asText());
        assertEquals("placeholder", report.get("diagnoses").get(0).get("id").asText());
        assertTrue(report.get("token").isNull());

        List<String> human = new ArrayList<>(List.of(base));
        human.addAll(List.of("--inspect", "5", "--no-color"));
        assertEquals(1, run(human.toArray(String[]::new)), err);
        assertTrue(out.contains("Diagnosis [placeholder]: The client sent the placeholder 'undefined' instead of a token"), out);
        assertFalse(out.contains("Steps"), "no empty Steps heading when nothing was validated: " + out);
    }

    /** A command with the export options, as inspect will have them. */
    @CommandLine.Command(name = "exporting")
    static final class Exporting implements Callable<Integer> {
        @CommandLine.Mixin
        ReportOptions report = new ReportOptions();
        @CommandLine.Parameters
        String token;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        static Report lastReport;

        @Override
        public Integer call() {
            String problem = report.validate();
            if (problem != null) {
                spec.commandLine().getErr().println("tokenscope inspect: " + problem);
                return Cli.USAGE;
            }
            Report r = Inspector.offline().inspect(token,
                    ValidationProfile.defaults().withAt(NOW));
            lastReport = r;
            return report.write(r, ReportOptions.tokenOf(token, r), spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    int export(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        CommandLine cl = new CommandLine(new Exporting());
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        int rc = cl.execute(args);
        out = o.toString();
        err = e.toString();
        return rc;
    }

    @Test
    void reportOptionsExportToStandardOutputOrAFile() throws Exception {
        String bearer = "Bearer " + valid;
        String signature = valid.substring(valid.lastIndexOf('.') + 1);
        assertEquals(0, export(bearer, "--report", "md"));
        assertTrue(out.startsWith("# Tokenscope report: UNDETERMINED"), out);
        assertTrue(out.contains(valid.substring(0, valid.lastIndexOf('.'))), "header.payload of the inspected token");
        assertFalse(out.contains(signature));
        Path file = dir.resolve("ticket.html");
        assertEquals(0, export(bearer, "--out", file.toString(), "--mask-pii"));
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("alice@contoso.example"));
        assertTrue(err.contains("wrote the HTML report to " + file + " (signature removed) with personal claims masked"), err);
        assertEquals(0, export(bearer, "--report", "json", "--keep-signature"));
        assertTrue(Json.parse(out).get("input").get("notes").toString().contains("Signature kept"));
        assertEquals(2, export(bearer, "--mask-pii"));
        assertTrue(err.contains("--mask-pii applies to an export"), err);
        assertEquals(2, export(bearer, "--report", "pdf"));
        assertTrue(err.contains("--report takes md, html or json"), err);
        assertEquals(2, export(bearer, "--out", dir.resolve("report.txt").toString()));
        assertTrue(err.contains("can't tell the export format"), err);
    }

    @Test
    void aCaptureWithoutTokensOrNotAHarExitsTwo() throws Exception {
        Path none = dir.resolve("none.har");
        Files.writeString(none, "{\"log\":{\"entries\":[" + entry("2026-03-01T12:00:00Z", "GET", "https://example.com/", "[]", "{}") + "]}}");
        assertEquals(2, run(none.toString(), "--offline"));
        assertTrue(err.contains("no token found in 1 entries"), err);
        Path notHar = dir.resolve("tokens.txt");
        Files.writeString(notHar, valid);
        assertEquals(2, run(notHar.toString()));
        assertTrue(err.startsWith("tokenscope scan: not a HAR capture"), err);
    }
}
