package dev.tokenscope.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenID provider for the sign-in tests: {@code no.nav.security:mock-oauth2-server} (test dependency) run as a
 * separate JVM from the test classpath, bound to 127.0.0.1 on a free port, non-interactive (the authorize endpoint
 * redirects at once with a code). Issuer {@code http://127.0.0.1:{port}/common}. Start in {@code @BeforeAll}, close in
 * {@code @AfterAll}.
 * <p>
 * Token claims: client credentials get an app-only token ({@code roles}, {@code idtyp=app}); other grants a user
 * token ({@code scp=access_as_user}); the audience is {@code api://example-api} in both.
 */
public final class MockOAuth2Process implements AutoCloseable {
    public static final String ISSUER_ID = "common";
    public static final String AUDIENCE = "api://example-api";
    static final String CONFIG = """
            {"interactiveLogin": false, "httpServer": "NettyWrapper",
             "tokenCallbacks": [{"issuerId": "common", "tokenExpiry": 3600, "requestMappings": [
               {"requestParam": "grant_type", "match": "client_credentials",
                "claims": {"sub": "app-object-id", "oid": "app-object-id", "tid": "11111111-2222-3333-4444-555555555555", "idtyp": "app",
                           "roles": ["Reader"], "aud": ["api://example-api"], "azp": "${clientId}", "ver": "2.0"}},
               {"requestParam": "grant_type", "match": "*",
                "claims": {"sub": "alice-sub", "oid": "alice-object-id", "tid": "11111111-2222-3333-4444-555555555555", "name": "Alice",
                           "preferred_username": "alice@example.com", "scp": "access_as_user", "aud": ["api://example-api"],
                           "azp": "${clientId}", "ver": "2.0"}}]}]}
            """;

    private final Process process;
    private final int port;
    private final Path logFile;

    private MockOAuth2Process(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /** Starts the provider and waits (up to 40 s) until its discovery document answers. */
    public static MockOAuth2Process start() throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path log = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "mock-oauth2-", ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", cp,
                    "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt");
            pb.environment().put("SERVER_HOSTNAME", "127.0.0.1");
            pb.environment().put("SERVER_PORT", Integer.toString(port));
            pb.environment().put("JSON_CONFIG", CONFIG);
            pb.environment().remove("JSON_CONFIG_PATH");
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            Process p = pb.start();
            MockOAuth2Process m = new MockOAuth2Process(p, port, log);
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) break;
                if (m.answers()) return m;
                Thread.sleep(150);
            }
            last = new IOException("mock-oauth2-server did not come up on 127.0.0.1:" + port
                    + " (exit " + (p.isAlive() ? "none" : p.exitValue()) + "); its output: " + tail(log));
            m.close();
        }
        throw last;
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(discoveryUrl()).openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int code = c.getResponseCode();
            c.disconnect();
            return code == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    public int port() {
        return port;
    }

    /** The issuer, usable as a sign-in authority: {@code http://127.0.0.1:{port}/common}. */
    public String issuer() {
        return "http://127.0.0.1:" + port + "/" + ISSUER_ID;
    }

    public String discoveryUrl() {
        return issuer() + "/.well-known/openid-configuration";
    }

    public String tokenEndpoint() {
        return issuer() + "/token";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException ignored) {
            // temp file
        }
    }
}
