package dev.tokenscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.signin.BrowserLauncher;
import dev.tokenscope.engine.signin.SignInClient;
import dev.tokenscope.engine.signin.TestBrowser;
import dev.tokenscope.testing.MockOAuth2Process;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokenscope login} end to end against the mock provider on loopback; the "browser" follows the redirect. */
@Timeout(90)
class LoginCommandTest {
    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    static final String SECRET = "cli-secret-value-never-printed";
    static MockOAuth2Process provider;

    @BeforeAll
    static void start() throws Exception {
        provider = MockOAuth2Process.start();
    }

    @AfterAll
    static void stop() {
        if (provider != null) provider.close();
    }

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return Json.parse(out);
        }
    }

    static Run run(BrowserLauncher browser, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        LoginCommand cmd = new LoginCommand(() -> new SignInClient(Http.standard()), browser, () -> Inspector.standard(false), env::get);
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static String[] args(String... extra) {
        List<String> a = new ArrayList<>(List.of("--authority", provider.issuer(), "--client-id", "cli-test-client", "--timeout", "20"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    static void assertNoSecrets(Run r, String... values) {
        String all = r.out + r.err;
        assertFalse(JWT.matcher(all).find(), "a raw JWT was printed: " + all);
        for (String v : values) if (v != null) assertFalse(all.contains(v), v + " was printed");
        assertFalse(all.contains(SECRET));
    }

    @Test
    void browserSignInPrintsTheReportAsJson() throws Exception {
        TestBrowser browser = new TestBrowser(TestBrowser.Mode.FOLLOW);
        Run r = run(browser, Map.of(),
                args("--scope", "api://example-api/access_as_user", "--json", "--verbose", "--audience", MockOAuth2Process.AUDIENCE));
        browser.await();
        assertTrue(r.exit == Cli.VALID || r.exit == Cli.INVALID, r.err);
        JsonNode j = r.json();
        assertEquals("authorization_code", j.at("/signIn/flow").asText());
        assertEquals("openid", j.at("/signIn/requestedScopes/0").asText());
        assertTrue(j.at("/signIn/refreshToken").asBoolean());
        assertTrue(j.at("/signIn/tokenPermissions").toString().contains("access_as_user"));
        assertFalse(j.at("/report/token").isNull(), r.out);
        assertEquals("access_as_user", j.at("/report/token/claims/scp").asText());
        assertTrue(j.at("/flowLog").isArray() && j.at("/flowLog").size() >= 4, r.out);
        assertNoSecrets(r, browser.code);
        assertTrue(r.err.contains("Signing in to OpenID provider " + provider.issuer()), r.err);
    }

    @Test
    void browserSignInHumanWithRefreshAndIdToken() throws Exception {
        TestBrowser browser = new TestBrowser(TestBrowser.Mode.FOLLOW);
        Run r = run(browser, Map.of(),
                args("--scope", "api://example-api/access_as_user", "--refresh", "--id-token", "--verbose", "--no-color"));
        browser.await();
        assertTrue(r.exit == Cli.VALID || r.exit == Cli.INVALID, r.err);
        assertTrue(r.out.startsWith("Signed in: refresh token"), r.out);
        assertTrue(r.out.contains("Report of the ID token"), r.out);
        assertTrue(r.out.contains("ID token: received (inspected below)"), r.out);
        assertTrue(r.err.contains("Flow log") && r.err.contains("grant_type = refresh_token") && r.err.contains("[redacted"), r.err);
        assertNoSecrets(r, browser.code);
    }

    @Test
    void clientCredentialsWithASecretFromTheEnvironment() throws Exception {
        Run r = run(null, Map.of("TS_SECRET", SECRET),
                args("--scope", "api://example-api/.default", "--client-secret-env", "TS_SECRET", "--verbose",
                "--require-role", "Reader", "--no-color"));
        assertTrue(r.exit == Cli.VALID || r.exit == Cli.INVALID, r.err);
        assertTrue(r.out.startsWith("Signed in: client credentials"), r.out);
        assertTrue(r.out.contains("in the token:     Reader"), r.out);
        assertTrue(r.err.contains("client_secret = [redacted, " + SECRET.length() + " chars]"), r.err);
        assertNoSecrets(r);
    }

    @Test
    void usageErrors() {
        assertEquals(Cli.USAGE, run(null, Map.of(), args("--client-secret-env", "NOT_SET")).exit);
        Run bad = run(null, Map.of(), "--authority", "http://idp.example.com/", "--client-id", "c");
        assertEquals(Cli.USAGE, bad.exit);
        assertTrue(bad.err.contains("https"), bad.err);
        assertEquals(Cli.USAGE, run(null, Map.of(), args("--param", "novalue")).exit);
        assertEquals(Cli.USAGE, run(null, Map.of(), args("--param", "state=x")).exit);
        assertEquals(Cli.USAGE, run(null, Map.of(), args("--redirect-uri", "https://app.example.com/")).exit);
        assertEquals(Cli.USAGE, run(null, Map.of(), args("--cloud", "mars")).exit);
    }

    @Test
    void deviceCodeWithoutAnEndpointFails() {
        Run r = run(null, Map.of(), args("--device-code"));
        assertEquals(LoginCommand.SIGN_IN_FAILED, r.exit);
        assertTrue(r.err.contains("no device code flow"), r.err);
    }

    @Test
    void oauthErrorsAreExplainedInJson() throws Exception {
        try (MockWebServer entra = new MockWebServer()) {
            entra.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest req) {
                    String base = "http://127.0.0.1:" + entra.getPort() + "/t";
                    if (req.getUrl().encodedPath().endsWith("openid-configuration")) {
                        return new MockResponse.Builder().code(200)
                                .body("{\"issuer\":\"" + base + "\",\"token_endpoint\":\"" + base + "/token\"}").build();
                    }
                    return new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json").body(
                            "{\"error\":\"unauthorized_client\",\"error_description\":\"AADSTS700016: Application with identifier 'nope' "
                                    + "was not found in the directory.\\r\\nTrace ID: tr-1\\r\\nCorrelation ID: "
                                    + "co-1\",\"error_codes\":[700016],\"trace_id\":\"tr-1\",\"correlation_id\":\"co-1\","
                                    + "\"timestamp\":\"2026-03-01 12:00:00Z\"}").build();
                }
            });
            entra.start(InetAddress.getLoopbackAddress(), 0);
            Run r = run(null, Map.of("S", SECRET), "--authority", "http://127.0.0.1:" + entra.getPort() + "/t", "--client-id", "nope",
                    "--scope", "api://x/.default", "--client-secret-env", "S", "--json");
            assertEquals(LoginCommand.SIGN_IN_FAILED, r.exit);
            JsonNode e = r.json().at("/signIn/error");
            assertEquals("oauth_error", e.at("/kind").asText());
            assertEquals(700016, e.at("/oauthError/errorCodes/0").asInt());
            assertEquals("co-1", e.at("/oauthError/correlationId").asText());
            assertEquals(700016, e.at("/oauthError/explanations/0/code").asInt());
            assertTrue(e.at("/oauthError/explanations/0/fix").asText().contains("Application (client) ID"));
            assertTrue(r.err.contains("AADSTS700016") && r.err.contains("Fix:"), r.err);
            assertNoSecrets(r);
        }
    }

    @Test
    void helpListsTheOptions() {
        Run r = run(null, Map.of(), "--help");
        assertEquals(0, r.exit);
        for (String o : List.of("--authority", "--client-id", "--scope", "--device-code", "--client-secret-env", "--port", "--prompt",
                "--login-hint", "--spa-origin", "--json", "--verbose")) {
            assertTrue(r.out.contains(o), o);
        }
    }
}
