package dev.tokenscope.ui;

import dev.tokenscope.engine.signin.BrowserLauncher;
import dev.tokenscope.testing.Tokens;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OAuth provider on loopback for the sign-in window's tests (a MockWebServer dispatcher): discovery, the
 * RFC 8628 device authorization endpoint, and a token endpoint answering the device code, client credentials,
 * refresh token and authorization code grants from per-grant scripts (then a default answer). The
 * {@link #browser()} plays a user who consents at once: it takes the authorization URL and calls the loopback
 * redirect with a code and the request's state.
 */
final class FakeSignInServer implements AutoCloseable {
    static final String USER_CODE = "F7QZ-K2PW";
    static final String DEVICE_CODE = "GAQABAAEAAAD-device-code-secret-value";
    static final String REFRESH_TOKEN = "0.AAAA-refresh-token-value";
    static final String AUTH_CODE = "0.AUTH-code-value-from-the-fake";
    static final String API_SCOPE = "api://example-api/access_as_user";

    final MockWebServer server = new MockWebServer();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<MockResponse>> scripts = new ConcurrentHashMap<>();
    final String accessToken = Tokens.sign(Tokens.v2Access());
    final String refreshedAccessToken = Tokens.sign(Tokens.v2Access().claim("uti", "refreshed-token"));
    final String appToken = Tokens.sign(Tokens.v2AppOnly());
    volatile String nonce;
    volatile long interval = 1;
    volatile long expiresIn = 900;
    volatile URI lastAuthorizationUrl;

    FakeSignInServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return answer(r);
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** The authority to type: a loopback OpenID issuer. */
    String authority() {
        return "http://127.0.0.1:" + server.getPort() + "/tenant/v2.0";
    }

    int calls(String what) {
        return calls.computeIfAbsent(what, k -> new AtomicInteger()).get();
    }

    /** Answers for the next token requests of {@code grant} (device_code, client_credentials, refresh_token, authorization_code). */
    void script(String grant, MockResponse... answers) {
        scripts.computeIfAbsent(grant, k -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    void reset() {
        calls.clear();
        tokenRequests.clear();
        scripts.clear();
        nonce = null;
        interval = 1;
        expiresIn = 900;
        lastAuthorizationUrl = null;
    }

    private MockResponse answer(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        String base = "http://127.0.0.1:" + server.getPort() + "/tenant";
        switch (path) {
            case "/tenant/v2.0/.well-known/openid-configuration" -> {
                calls.computeIfAbsent("discovery", k -> new AtomicInteger()).incrementAndGet();
                return json(200, "{\"issuer\":\"" + base + "/v2.0\",\"authorization_endpoint\":\"" + base + "/oauth2/v2.0/authorize\","
                        + "\"token_endpoint\":\"" + base + "/oauth2/v2.0/token\",\"device_authorization_endpoint\":\"" + base
                        + "/oauth2/v2.0/devicecode\",\"jwks_uri\":\"" + base
                        + "/discovery/v2.0/keys\",\"code_challenge_methods_supported\":[\"S256\"]}");
            }
            case "/tenant/oauth2/v2.0/devicecode" -> {
                calls.computeIfAbsent("devicecode", k -> new AtomicInteger()).incrementAndGet();
                return json(200, "{\"device_code\":\"" + DEVICE_CODE + "\",\"user_code\":\"" + USER_CODE + "\","
                        + "\"verification_uri\":\"https://microsoft.com/devicelogin\",\"expires_in\":" + expiresIn + ",\"interval\":" + interval
                        + ",\"message\":\"To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code "
                        + USER_CODE + " to authenticate.\"}");
            }
            case "/tenant/oauth2/v2.0/token" -> {
                Map<String, String> form = form(r.getBody() == null ? "" : r.getBody().utf8());
                String grant = form.getOrDefault("grant_type", "");
                if (grant.endsWith(":device_code")) grant = "device_code";
                calls.computeIfAbsent(grant, k -> new AtomicInteger()).incrementAndGet();
                tokenRequests.add(r);
                Deque<MockResponse> q = scripts.get(grant);
                MockResponse next = q == null ? null : q.poll();
                if (next != null) return next;
                return switch (grant) {
                    case "device_code" -> pending();
                    case "client_credentials"
                            -> json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"" + appToken + "\"}");
                    case "refresh_token" -> delegated(refreshedAccessToken);
                    case "authorization_code" -> delegated(accessToken);
                    default -> error("unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
                };
            }
            default -> {
                return json(404, "{\"error\":\"not_found\"}");
            }
        }
    }

    /** A user sign-in's answer: access, ID (with the request's nonce) and refresh token. */
    MockResponse delegated(String access) {
        String id = Tokens.sign(nonce == null ? Tokens.v2Id() : Tokens.v2Id().claim("nonce", nonce));
        return json(200, "{\"token_type\":\"Bearer\",\"scope\":\"" + API_SCOPE + " openid profile email\",\"expires_in\":3600,"
                + "\"access_token\":\"" + access + "\",\"refresh_token\":\"" + REFRESH_TOKEN + "\",\"id_token\":\"" + id + "\"}");
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
    }

    /** An Entra-style error answer with error_codes, trace and correlation ids. */
    static MockResponse error(String error, long code, String text) {
        return json(400, "{\"error\":\"" + error + "\",\"error_description\":\"AADSTS" + code + ": " + text
                + "\\r\\nTrace ID: 0000aaaa-11bb\\r\\n"
                + "Correlation ID: aaaa0000-bb11\\r\\nTimestamp: 2026-03-01 12:00:00Z\",\"error_codes\":[" + code + "],"
                + "\"timestamp\":\"2026-03-01 12:00:00Z\",\"trace_id\":\"0000aaaa-11bb\",\"correlation_id\":\"aaaa0000-bb11\"}");
    }

    static MockResponse pending() {
        return error("authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
    }

    static MockResponse appNotFound() {
        return error("unauthorized_client", 700016,
                "Application with identifier 'ui-test-client' was not found in the directory 'Contoso'.");
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A browser whose user consents at once: it calls the loopback redirect with a code and the request's state. */
    BrowserLauncher browser() {
        return url -> {
            lastAuthorizationUrl = url;
            Map<String, String> q = form(url.getRawQuery());
            nonce = q.get("nonce");
            String target = q.get("redirect_uri") + "?code=" + URLEncoder.encode(AUTH_CODE, StandardCharsets.UTF_8)
                    + "&state=" + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8);
            Thread t = new Thread(() -> {
                try {
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                            .send(HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (IOException | InterruptedException e) {
                    // the flow then times out or was cancelled: the test sees that
                }
            }, "fake-browser");
            t.setDaemon(true);
            t.start();
        };
    }

    @Override
    public void close() {
        server.close();
    }
}
