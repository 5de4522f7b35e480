package dev.tokenscope.engine.har;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.input.Role;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.CLIENT_ID;
import static dev.tokenscope.testing.Tokens.NOW;
import static dev.tokenscope.testing.Tokens.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A HAR recorded by real headless Chromium (playwright-core's recordHar, Debian's chromium) from the loopback
 * MSAL-like SPA of {@code scripts/har-capture}: hybrid redirect with tokens in the Location fragment, code
 * redemption at /oauth2/v2.0/token, an API call with the access token, one with {@code Bearer undefined}, one with
 * no token. Recorded with {@code HAR_CAPTURE_PORT=41789 scripts/har-capture/capture.sh
 * src/test/resources/har/chromium-session.har target/har-fixture}, then {@code cp target/har-fixture/keys.json
 * src/test/resources/har/chromium-session.keys.json} (the public key set of the key the session's tokens were minted with).
 * The first test pins what is Chromium's own about the file, so the rest is known to run on the real structure.
 */
class ChromiumHarTest {
    static final String ORIGIN = "http://127.0.0.1:41789";
    static final String AUTHORIZE = ORIGIN + "/" + TENANT + "/oauth2/v2.0/authorize";
    static final String TOKEN_ENDPOINT = ORIGIN + "/" + TENANT + "/oauth2/v2.0/token";

    static Path har, keys;
    static JsonNode entries;

    @BeforeAll
    static void fixture() throws Exception {
        har = Path.of(ChromiumHarTest.class.getResource("/har/chromium-session.har").toURI());
        keys = Path.of(ChromiumHarTest.class.getResource("/har/chromium-session.keys.json").toURI());
        entries = Json.MAPPER.readTree(har.toFile()).get("log").get("entries");
    }

    /** The value of request ({@code request = true}) or response header {@code name} of entry {@code i}, by exact name. */
    static String header(int i, boolean request, String name) {
        for (JsonNode h : entries.get(i).get(request ? "request" : "response").get("headers")) {
            if (h.get("name").asText().equals(name)) return h.get("value").asText();
        }
        return null;
    }

    static Map<String, String> params(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    static String time(int i) {
        return entries.get(i).get("startedDateTime").asText();
    }

    @Test
    void theFixtureIsChromiumsOwnRecording() throws Exception {
        JsonNode log = Json.MAPPER.readTree(har.toFile()).get("log");
        assertEquals("1.2", log.get("version").asText());
        assertEquals("Playwright", log.get("creator").get("name").asText());
        assertEquals("chromium", log.get("browser").get("name").asText());
        assertEquals(7, entries.size());
        List<String> requests = new ArrayList<>();
        for (JsonNode e : entries) requests.add(e.get("request").get("method").asText() + " "
                + e.get("request").get("url").asText().replaceFirst("\\?.*", ""));
        assertEquals(List.of("GET " + AUTHORIZE, "GET " + ORIGIN + "/spa/", "GET " + ORIGIN + "/spa/app.js", "POST " + TOKEN_ENDPOINT,
                "GET " + ORIGIN + "/api/me", "GET " + ORIGIN + "/api/orders", "GET " + ORIGIN + "/api/health"), requests);
        for (JsonNode e : entries) {
            // Chromium/Playwright extras the scanner must walk past: _resourceType, _frameref, _monotonicTime, cache, timings with -1.
            assertTrue(e.has("_resourceType") && e.has("_monotonicTime") && e.has("_frameref") && e.get("cache").isObject(),
                    e.fieldNames().toString());
            assertEquals(-1, e.get("timings").get("dns").asInt());
            assertTrue(e.get("response").has("_transferSize"));
        }
        assertEquals("fetch", entries.get(4).get("_resourceType").asText());
        // Chromium sends (and records) "Authorization" in its HTTP/1.1 casing, next to lower-case client hints.
        assertTrue(header(4, true, "Authorization").startsWith("Bearer eyJ"));
        assertNull(header(4, true, "authorization"));
        assertTrue(header(4, true, "sec-ch-ua").contains("Chromium"));
        assertEquals("Bearer undefined", header(5, true, "Authorization"));
        assertNull(header(6, true, "Authorization"), "the health check goes without a token");
        // The 302's Location keeps the fragment; the recorded redirectURL does not.
        assertTrue(header(0, false, "Location").startsWith(ORIGIN + "/spa/#code="), header(0, false, "Location"));
        assertEquals(302, entries.get(0).get("response").get("status").asInt());
        assertEquals(ORIGIN + "/spa/", entries.get(0).get("response").get("redirectURL").asText());
        // The code redemption is a form post whose text holds the code and verifier, with "params" left empty.
        JsonNode post = entries.get(3).get("request").get("postData");
        assertEquals("application/x-www-form-urlencoded;charset=utf-8", post.get("mimeType").asText());
        assertEquals(0, post.get("params").size());
        assertEquals("authorization_code", params(post.get("text").asText()).get("grant_type"));
        // Only the token endpoint's response is JSON among the first four; the page and its script are not.
        assertEquals("text/html; charset=utf-8", entries.get(1).get("response").get("content").get("mimeType").asText());
        assertEquals("text/javascript; charset=utf-8", entries.get(2).get("response").get("content").get("mimeType").asText());
    }

    @Test
    void everyTokenIsFoundWhereChromiumRecordedIt() throws Exception {
        Map<String, String> fragment = params(header(0, false, "Location").substring(header(0, false, "Location").indexOf('#') + 1));
        JsonNode tokenResponse = Json.MAPPER.readTree(entries.get(3).get("response").get("content").get("text").asText());
        String bearer = header(4, true, "Authorization").substring("Bearer ".length());

        HarScan s = new HarScanner().scan(har);
        assertEquals(7, s.entries());
        assertEquals(List.of(), s.warnings());
        assertEquals(2, s.skipped(), "the HTML page and the JavaScript bundle are not read");
        List<HarFinding> f = s.findings();
        assertEquals(5, f.size(), f.toString());

        String authorizeElided = HarScanner.elide(entries.get(0).get("request").get("url").asText());
        assertTrue(authorizeElided.startsWith(AUTHORIZE + "?client_id=" + CLIENT_ID + "&scope=User.Read"), authorizeElided);
        expect(f.get(0), fragment.get("id_token"), Role.ID_TOKEN, "Location header fragment (id_token)", 0, "GET",
                authorizeElided, 302, 1, 0);
        expect(f.get(1), fragment.get("access_token"), Role.ACCESS_TOKEN, "Location header fragment (access_token)", 0, "GET",
                authorizeElided, 302, 1, 0);
        expect(f.get(2), tokenResponse.get("access_token").asText(), Role.ACCESS_TOKEN, "token response (access_token)", 3, "POST",
                TOKEN_ENDPOINT, 200, 2, 4);
        expect(f.get(3), tokenResponse.get("id_token").asText(), Role.ID_TOKEN, "token response (id_token)", 3, "POST",
                TOKEN_ENDPOINT, 200, 1, 3);
        expect(f.get(4), "undefined", Role.TOKEN, "Authorization header", 5, "GET", ORIGIN + "/api/orders?top=5", 401, 1, 5);

        assertEquals(bearer, f.get(2).token(), "the API call sent the token the token endpoint returned");
        // The redirect's fragment and the token response each gave their own pair of tokens.
        assertEquals(4, f.stream().map(HarFinding::token).filter(t -> t.startsWith("eyJ")).distinct().count());
        String refresh = tokenResponse.get("refresh_token").asText();
        String code = fragment.get("code");
        assertTrue(f.stream().noneMatch(x -> x.token().equals(refresh) || x.token().equals(code)),
                "refresh tokens and codes are not listed");
        // (MSAL's state is base64url JSON, so "eyJ" alone proves nothing: look for the values themselves.)
        for (HarFinding x : f) {
            assertFalse(x.url().contains(code), x.url());
            for (HarFinding y : f) assertFalse(x.url().contains(y.token().substring(0, Math.min(40, y.token().length())))
                    && y.token().startsWith("eyJ"), x.url());
        }
    }

    static void expect(HarFinding f, String token, Role role, String where, int entry, String method, String url, int status,
                       int occurrences, int lastEntry) {
        assertEquals(token, f.token(), where);
        assertEquals(role, f.role(), where);
        assertEquals(where, f.where());
        assertEquals(entry, f.entry(), where);
        assertEquals(method, f.method(), where);
        assertEquals(url, f.url(), where);
        assertEquals(time(entry), f.time(), where);
        assertEquals(status, f.status(), where);
        assertEquals(occurrences, f.occurrences(), where);
        assertEquals(lastEntry, f.lastEntry(), where);
    }

    @Test
    void eachTokenGetsTheVerdictTokenscopeGivesIt() throws Exception {
        ValidationProfile p = new ValidationProfile(List.of(API_ID), null, null, List.of("access_as_user"), null,
                Duration.ofMinutes(5), NOW, null, keys.toString(), true);
        Inspector inspector = new Inspector(new OnlineTrustResolver(new DocumentStore(null, null, Clock.systemUTC()), Clock.systemUTC()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        List<HarRow> rows = HarAnalysis.analyse(new HarScanner().scan(har), inspector, p);
        // Each token in its role: the ID tokens for the SPA's client (its /authorize nonce), the Graph token as Graph's,
        // the API's token against the API profile, the placeholder as the client bug.
        assertEquals(List.of(HarRow.JudgedAs.ID_TOKEN_FOR_CLIENT, HarRow.JudgedAs.OTHER_RESOURCE, HarRow.JudgedAs.API,
                HarRow.JudgedAs.ID_TOKEN_FOR_CLIENT, HarRow.JudgedAs.PLACEHOLDER), rows.stream().map(HarRow::judgedAs).toList());
        assertEquals(List.of(Verdict.VALID, Verdict.UNDETERMINED, Verdict.VALID, Verdict.VALID, Verdict.INVALID),
                rows.stream().map(HarRow::verdict).toList(), rows.toString());
        assertEquals(Arrays.asList(null, "other-resource", null, null, "placeholder"),
                rows.stream().map(HarRow::diagnosis).toList());
        assertEquals("ID token for client " + CLIENT_ID + ": valid, nonce matches its /authorize request", rows.get(0).summary());
        assertEquals("ID token for client " + CLIENT_ID + ": valid, nonce matches its /authorize request", rows.get(3).summary());
        assertEquals(Status.PASS, rows.get(3).report().step("nonce").orElseThrow().status());
        assertEquals("Not for your API: an access token for Microsoft Graph, acquired by client " + CLIENT_ID, rows.get(1).summary());
        assertEquals("Microsoft Graph", rows.get(1).judgedFor());
        assertEquals(List.of("127.0.0.1"), rows.get(2).sentTo());
        HarServerResponse answer = rows.get(4).finding().serverResponse();
        assertEquals(401, answer.status());
        assertEquals(List.of("Bearer error=\"invalid_token\", error_description=\"no token\""), answer.wwwAuthenticate());
        assertEquals("{\"error\":\"invalid_token\"}", answer.body());
        assertEquals("Valid for " + API_ID, rows.get(2).summary());
        assertEquals(List.of(CLIENT_ID, "00000003-0000-0000-c000-000000000000", API_ID, CLIENT_ID),
                rows.subList(0, 4).stream().map(HarRow::audience).toList());
        assertTrue(rows.subList(0, 4).stream().allMatch(r -> "expires in 50 min".equals(r.expiresIn())), rows.toString());
        // Signed by the session's key, found in the key set beside the capture (the Graph token too, over its transformed nonce).
        for (int i : new int[]{0, 2, 3}) assertEquals(Status.PASS, rows.get(i).report().step("signature").orElseThrow().status(),
                rows.get(i).summary());
        assertEquals(Status.PASS, rows.get(2).report().step("permissions").orElseThrow().status());

        // Bearer undefined: not a token to decode but the client bug, named as the engine names placeholders.
        HarRow bug = rows.get(4);
        Report r = bug.report();
        assertEquals("Not valid: The client sent the placeholder 'undefined' instead of a token", bug.summary());
        assertEquals("placeholder", r.input().form());
        assertEquals("A placeholder from a HAR capture: Authorization header of GET " + ORIGIN + "/api/orders?top=5 at " + time(5),
                r.input().description());
        assertNull(r.token());
        assertNull(bug.type());
        assertTrue(r.steps().isEmpty());
        assertTrue(r.diagnoses().get(0).explanation().startsWith("The credential is the literal text 'undefined', not a token"),
                r.diagnoses().get(0).explanation());
        assertTrue(r.diagnoses().get(0).fix().contains("result.accessToken"), r.diagnoses().get(0).fix());

        String json = Json.pretty(rows);
        for (HarRow row : rows.subList(0, 4)) assertFalse(json.contains(row.finding().token().substring(0, 60)),
                "no token value in the list");
    }
}
