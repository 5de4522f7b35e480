package dev.tokenscope.engine.har;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.input.Role;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import dev.tokenscope.testing.Hars;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HarScannerTest {
    static final String LOGIN = "https://login.microsoftonline.com/" + Tokens.TENANT;

    @TempDir
    Path dir;

    static HarScan scan(String har) throws IOException {
        return new HarScanner().scan(new ByteArrayInputStream(har.getBytes(StandardCharsets.UTF_8)));
    }

    static HarFinding find(HarScan s, String token) {
        return s.findings().stream().filter(f -> f.token().equals(token)).findFirst()
                .orElseThrow(() -> new AssertionError("not found: " + token));
    }

    @Test
    void findsTokensInEveryPlaceABrowserPutsThem() throws Exception {
        String access = Tokens.sign(Tokens.v2Access());
        String id = Tokens.sign(Tokens.v2Id());
        String implicitAccess = Tokens.sign(Tokens.v2Access().claim("uti", "implicit"));
        String implicitId = Tokens.sign(Tokens.v2Id().claim("uti", "implicit"));
        String formId = Tokens.sign(Tokens.v2Id().claim("uti", "form"));
        String b64Access = Tokens.sign(Tokens.v2Access().claim("uti", "b64"));
        String queryAccess = Tokens.sign(Tokens.v2Access().claim("uti", "query"));
        String har = new Hars()
                .page("2026-03-01T12:00:00.000Z", "https://app.contoso.example/main.js", "application/javascript", "var x = '" + access + "';")
                .tokenResponse("2026-03-01T12:00:01.000Z", LOGIN + "/oauth2/v2.0/token",
                        "{\"token_type\":\"Bearer\",\"scope\":\"api://x/access_as_user\",\"expires_in\":3599,\"access_token\":\"" + access
                                + "\",\"refresh_token\":\"0.AAAA-refresh\",\"id_token\":\"" + id + "\"}", false)
                .bearer("2026-03-01T12:00:02.000Z", "https://api.contoso.example/orders?top=5", access)
                .bearer("2026-03-01T12:00:03.000Z", "https://api.contoso.example/orders/7", access)
                .bearer("2026-03-01T12:00:04.000Z", "https://api.contoso.example/orders/8", access)
                .redirect("2026-03-01T12:00:05.000Z", LOGIN + "/oauth2/v2.0/authorize?client_id=abc&response_type=id_token%20token",
                        "https://app.contoso.example/#access_token=" + implicitAccess + "&token_type=Bearer&id_token=" + implicitId + "&state=s")
                .formPost("2026-03-01T12:00:06.000Z", "https://app.contoso.example/signin-oidc", "code=abc&id_token=" + formId + "&state=s1")
                .tokenResponse("2026-03-01T12:00:07.000Z", LOGIN + "/oauth2/v2.0/token", "{\"access_token\":\"" + b64Access + "\"}", true)
                .page("2026-03-01T12:00:08.000Z", "wss://hub.contoso.example/ws?access_token=" + queryAccess + "&id=1", "text/plain", "")
                .json();
        HarScan s = scan(har);
        assertEquals(9, s.entries());
        assertEquals(7, s.findings().size(), s.findings().toString());
        // The JavaScript bundle and the WebSocket's text were not read (not JSON, not a token endpoint).
        assertEquals(2, s.skipped());

        HarFinding a = find(s, access);
        assertEquals(Role.ACCESS_TOKEN, a.role());
        assertEquals("token response (access_token)", a.where());
        assertEquals("POST", a.method());
        assertEquals(LOGIN + "/oauth2/v2.0/token", a.url());
        assertEquals("2026-03-01T12:00:01.000Z", a.time());
        assertEquals(200, a.status());
        assertEquals(4, a.occurrences(), "the response and three API calls");
        assertEquals(4, a.lastEntry());
        assertEquals(1, a.entry());

        assertEquals(Role.ID_TOKEN, find(s, id).role());
        assertEquals("Location header fragment (access_token)", find(s, implicitAccess).where());
        assertEquals(2, find(s, implicitAccess).occurrences(), "Location header and redirectURL of the same response");
        assertEquals(Role.ID_TOKEN, find(s, implicitId).role());
        assertEquals("form post (id_token)", find(s, formId).where());
        assertEquals("token response (access_token)", find(s, b64Access).where());
        HarFinding q = find(s, queryAccess);
        assertEquals("request URL query (access_token)", q.where());
        assertEquals("wss://hub.contoso.example/ws?access_token=…&id=1", q.url(), "token values are elided from URLs");
        assertTrue(s.findings().stream().noneMatch(f -> f.token().startsWith("0.AAAA")), "refresh tokens are not listed");
        assertTrue(s.findings().stream().allMatch(f -> f.url() == null || !f.url().contains("eyJ")));
    }

    @Test
    void aBearerTokenFromAnApiCallIsLabelledByItsHeader() throws Exception {
        String t = Tokens.sign(Tokens.v2Access());
        HarScan s = scan(new Hars().bearer("2026-03-01T12:00:02.000Z", "https://api.contoso.example/me", t).json());
        HarFinding f = s.findings().get(0);
        assertEquals(Role.TOKEN, f.role());
        assertEquals("Authorization header", f.where());
        assertEquals("GET", f.method());
        assertEquals("https://api.contoso.example/me", f.url());
    }

    @Test
    void membersInAnyOrderAndUnknownMembersAreFine() throws Exception {
        String t = Tokens.sign(Tokens.v2Access());
        String har = "{\"x\":[1,{\"y\":2}],\"log\":{\"entries\":[{\"response\":{\"content\":{\"mimeType\":\"application/json\","
                + "\"text\":\"{\\\"access_token\\\":\\\"" + t
                + "\\\"}\"},\"status\":200},\"extra\":{\"deep\":[[[]]]},\"request\":{\"url\":\"https://login.example/token\","
                + "\"method\":\"POST\",\"headers\":[{\"value\":\"x\",\"name\":\"accept\"}]},\"startedDateTime\":\"2026-03-01T12:00:00Z\"}],"
                + "\"version\":\"1.2\"}}";
        HarScan s = scan(har);
        assertEquals(1, s.findings().size());
        assertEquals("https://login.example/token", s.findings().get(0).url());
        assertEquals("2026-03-01T12:00:00Z", s.findings().get(0).time());
    }

    @Test
    void notAHarIsRefusedWithAMessageAndACutOffHarKeepsWhatWasFound() throws Exception {
        assertTrue(assertThrows(HarFormatException.class, () -> scan("[1,2]")).getMessage().contains("not a HAR"));
        assertTrue(assertThrows(HarFormatException.class, () -> scan("{\"foo\":1}")).getMessage().contains("no \"log\""));
        assertTrue(assertThrows(HarFormatException.class, () -> scan("eyJhbGciOi")).getMessage().contains("not a HAR"));
        String t = Tokens.sign(Tokens.v2Access());
        String full = new Hars().bearer("2026-03-01T12:00:02.000Z", "https://api.contoso.example/a", t)
                .bearer("2026-03-01T12:00:03.000Z", "https://api.contoso.example/b", t).json();
        String cut = full.substring(0, full.lastIndexOf("\"startedDateTime\""));
        HarScan s = scan(cut);
        assertEquals(1, s.findings().size());
        assertTrue(s.warnings().get(0).contains("cut off"), s.warnings().toString());
        assertTrue(scan("{\"log\":{\"version\":\"1.2\"}}").warnings().get(0).contains("no \"entries\""));
    }

    @Test
    void analysisGivesEachTokenItsVerdictAudienceAndExpiry() throws Exception {
        Path jwks = dir.resolve("keys.json");
        Files.writeString(jwks, Tokens.publicSet(Tokens.RSA).toString());
        ValidationProfile p = new ValidationProfile(List.of(API_ID), null, null, null, null, Duration.ofMinutes(5), NOW, null,
                jwks.toString(), true);
        Inspector inspector = new Inspector(new OnlineTrustResolver(new DocumentStore(null, null, Clock.systemUTC()), Clock.systemUTC()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        String valid = Tokens.sign(Tokens.v2Access());
        String expired = Tokens.sign(Tokens.v2Access().expirationTime(Date.from(NOW.minusSeconds(7200))));
        String id = Tokens.sign(Tokens.v2Id());
        HarScan s = scan(new Hars().bearer("2026-03-01T12:00:02.000Z", "https://api.contoso.example/a", valid)
                .bearer("2026-03-01T12:00:03.000Z", "https://api.contoso.example/b", expired)
                .tokenResponse("2026-03-01T12:00:04.000Z", LOGIN + "/oauth2/v2.0/token", "{\"id_token\":\"" + id + "\"}", false).json());
        List<HarRow> rows = HarAnalysis.analyse(s, inspector, p);
        assertEquals(3, rows.size());
        assertEquals(Verdict.VALID, rows.get(0).verdict(), rows.get(0).summary());
        assertEquals(API_ID, rows.get(0).audience());
        assertEquals("2026-03-01T12:50:00Z", rows.get(0).expires());
        assertEquals("expires in 50 min", rows.get(0).expiresIn());
        assertNull(rows.get(0).diagnosis());
        assertEquals(Verdict.INVALID, rows.get(1).verdict());
        assertEquals("expired", rows.get(1).diagnosis());
        assertEquals("expired 2 h ago", rows.get(1).expiresIn());
        // An ID token in a token response is judged as an ID token for the token request's client (client_id=abc in the
        // form body of Hars.tokenResponse), not as a token for the API: its aud is another client.
        assertEquals(HarRow.JudgedAs.ID_TOKEN_FOR_CLIENT, rows.get(2).judgedAs());
        assertEquals("abc", rows.get(2).judgedFor());
        assertEquals("wrong-audience", rows.get(2).diagnosis());
        assertTrue(rows.get(2).summary().startsWith("ID token for client abc: not valid: "), rows.get(2).summary());
        assertEquals(HarRow.JudgedAs.API, rows.get(0).judgedAs());
        assertTrue(rows.get(2).report().input().description().contains("token response (id_token) of POST " + LOGIN),
                rows.get(2).report().input().description());
        assertEquals("id-token", rows.get(2).report().input().candidates().get(0).role());
        // The list as JSON never carries a token value.
        String json = Json.pretty(rows);
        assertFalse(json.contains(valid.substring(0, 40)), json);
        assertTrue(json.contains("\"where\" : \"Authorization header\""), json);
    }

    /** What an SPA sends when the variable meant to hold the token was empty: listed, invalid, named as a client bug. */
    @Test
    void placeholdersInsteadOfTokensAreClientBugs() throws Exception {
        Path jwks = dir.resolve("keys.json");
        Files.writeString(jwks, Tokens.publicSet(Tokens.RSA).toString());
        ValidationProfile p = new ValidationProfile(List.of(API_ID), null, null, null, null, Duration.ofMinutes(5), NOW, null,
                jwks.toString(), true);
        Inspector inspector = new Inspector(new OnlineTrustResolver(new DocumentStore(null, null, Clock.systemUTC()), Clock.systemUTC()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        HarScan s = scan(new Hars().bearer("2026-03-01T12:00:02.000Z", "https://api.contoso.example/a", "null")
                .bearer("2026-03-01T12:00:03.000Z", "https://api.contoso.example/b", "[object Object]")
                .redirect("2026-03-01T12:00:04.000Z", LOGIN + "/oauth2/v2.0/authorize", "https://app.contoso.example/#access_token=undefined&state=s")
                .bearer("2026-03-01T12:00:05.000Z", "https://api.contoso.example/c", "opaque-but-real-looking-ticket").json());
        List<HarRow> rows = HarAnalysis.analyse(s, inspector, p);
        assertEquals(List.of("null", "[object Object]", "undefined", "opaque-but-real-looking-ticket"),
                rows.stream().map(r -> r.finding().token()).toList());
        for (HarRow r : rows.subList(0, 3)) {
            assertEquals(Verdict.INVALID, r.verdict(), r.summary());
            assertEquals("placeholder", r.diagnosis(), r.summary());
            assertEquals("placeholder", r.report().input().form());
            assertEquals("Not valid: The client sent the placeholder '" + r.finding().token() + "' instead of a token", r.summary());
        }
        assertEquals("Location header fragment (access_token)", rows.get(2).finding().where());
        assertEquals("opaque-token", rows.get(3).diagnosis(), "a value that is no placeholder is inspected as before");
    }

    /** A 50 MB capture streams through a 24 MB heap: the scanner never holds more than one entry's few small strings. */
    @Test
    void aFiftyMegabyteCaptureScansInASmallHeap() throws Exception {
        Path har = dir.resolve("big.har");
        String t = Tokens.sign(Tokens.v2Access());
        String big = "A".repeat(1 << 20); // 1 MiB bodies (a JS bundle, an image as base64)
        try (BufferedWriter w = Files.newBufferedWriter(har)) {
            w.write("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"WebInspector\",\"version\":\"537.36\"},\"entries\":[");
            for (int i = 0; i < 50; i++) {
                if (i > 0) w.write(',');
                w.write("{\"startedDateTime\":\"2026-03-01T12:00:" + String.format("%02d", i % 60) + ".000Z\",\"request\":{\"method\":\"GET\",\"url\":\"https://cdn.example/b"
                        + i + ".js\",\"headers\":[{\"name\":\"authorization\",\"value\":\"Bearer "
                        + (i == 49 ? t : "opaque-" + i) + "\"}]},\"response\":{\"status\":200,\"headers\":[],\"content\":{\"size\":"
                        + big.length() + ",\"mimeType\":\"application/javascript\",\"text\":\"");
                w.write(big);
                w.write("\"}}}");
            }
            w.write("]}}");
        }
        assertTrue(Files.size(har) > 50L * 1000 * 1000, "the capture is over 50 MB");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx24m", "-cp", System.getProperty("java.class.path"), ScanMain.class.getName(),
                har.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out");
        assertEquals(0, p.exitValue(), out);
        assertEquals("entries=50 findings=50 skipped=50 last=Authorization header@49", out.strip());
    }

    /** The child process of {@link #aFiftyMegabyteCaptureScansInASmallHeap}. */
    public static final class ScanMain {
        public static void main(String[] args) throws Exception {
            HarScan s = new HarScanner().scan(Path.of(args[0]));
            HarFinding last = s.findings().get(s.findings().size() - 1);
            System.out.println("entries=" + s.entries() + " findings=" + s.findings().size() + " skipped=" + s.skipped() + " last="
                    + last.where() + "@" + last.entry());
        }
    }
}
