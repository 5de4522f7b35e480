package dev.tokenscope.engine.signin;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.testing.MockOAuth2Process;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authorization code + PKCE, refresh and client credentials against a real OpenID provider (mock-oauth2-server in its
 * own JVM on 127.0.0.1), with a test browser that follows the provider's redirect to our loopback listener.
 */
@Timeout(60)
class MockProviderFlowsTest {
    static MockOAuth2Process provider;

    @BeforeAll
    static void start() throws Exception {
        provider = MockOAuth2Process.start();
    }

    @AfterAll
    static void stop() {
        if (provider != null) provider.close();
    }

    static SignInClient client() {
        return new SignInClient(Http.standard());
    }

    static SignInRequest.Builder request() {
        return SignInRequest.builder(Authority.parse(provider.issuer()), "tokenscope-test-client").scope("api://example-api/access_as_user")
                .timeout(Duration.ofSeconds(20));
    }

    @Test
    void authorizationCodeWithPkceLandsInTheInspectorAndTheListenerIsOneShotOnLoopback() throws Exception {
        SignInClient client = client();
        Pkce pkce = Pkce.generate();
        client.pkceSource = () -> pkce;
        AtomicReference<ServerSocket> socket = new AtomicReference<>();
        TestBrowser browser = new TestBrowser(TestBrowser.Mode.FOLLOW, () -> socket.set(client.lastListener.socket()));
        FlowLog log = new FlowLog();
        TokenSet t = client.authorizationCode(request().build(), browser, log, new Cancellation());
        browser.await();

        // the request was PKCE S256 with the default scopes plus the user's
        String q = browser.authorizationUrl.getRawQuery();
        assertTrue(q.contains("code_challenge_method=S256"), q);
        assertTrue(q.contains("response_type=code"), q);
        assertTrue(q.contains("scope=openid%20profile%20offline_access%20api%3A%2F%2Fexample-api%2Faccess_as_user"), q);
        assertTrue(q.contains("redirect_uri=http%3A%2F%2Flocalhost%3A"), q);
        assertEquals(200, browser.pageStatus);
        assertTrue(browser.page.contains("You may close this tab"), browser.page);

        // the listener was bound to 127.0.0.1 only
        ServerSocket s = socket.get();
        assertNotNull(s);
        assertEquals(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}), s.getInetAddress());
        assertTrue(s.getInetAddress().isLoopbackAddress());
        assertTrue(s.isClosed(), "one-shot: the listener is closed after the redirect");

        // tokens: access token, ID token (nonce checked), refresh token, in memory
        assertNotNull(t.accessToken());
        assertTrue(t.idToken().isPresent());
        assertTrue(t.refreshToken().isPresent());
        assertEquals(Grant.AUTHORIZATION_CODE, t.grant());
        assertTrue(log.render().contains("ID token nonce matches the request"), log.render());
        assertTrue(t.tokenPermissions().contains("access_as_user"));
        assertFalse(t.toString().contains(t.accessToken()));

        // the access token goes into the inspector
        Report report = Inspector.standard(false).inspect(t.accessToken(), ValidationProfile.defaults());
        assertNotNull(report.token(), report.summary());
        assertEquals("api://example-api", report.token().claims().get("aud").asText());

        // a second redirect is refused: nothing listens any more
        OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();
        assertThrows(IOException.class, () -> {
            try (Response r = http.newCall(new Request.Builder().url(browser.redirectTarget).build()).execute()) {
                r.code();
            }
        });

        // nothing secret in the log
        assertClean(log, t, browser.code, pkce.verifier());
        assertTrue(log.render().contains(pkce.challenge()), "the challenge is public and shown");

        // refresh: the refresh token buys a new access token
        FlowLog log2 = new FlowLog();
        TokenSet refreshed = client.refresh(request().build(), t.refreshToken().get(), log2, new Cancellation());
        assertNotNull(refreshed.accessToken());
        assertFalse(refreshed.accessToken().equals(t.accessToken()));
        assertEquals(Grant.REFRESH_TOKEN, refreshed.grant());
        assertClean(log2, refreshed, null, t.refreshToken().get().reveal());
    }

    @Test
    void listenerIsNotReachableOnOtherAddresses() throws Exception {
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp()) continue;
            for (InetAddress a : Collections.list(ni.getInetAddresses())) if (!a.isLoopbackAddress()
                    && a instanceof Inet4Address) others.add(a);
        }
        try (LoopbackListener l = new LoopbackListener(0, "/", "s")) {
            assertEquals("127.0.0.1", l.socket().getInetAddress().getHostAddress());
            for (InetAddress a : others) {
                try (Socket sock = new Socket()) {
                    assertThrows(IOException.class, () -> sock.connect(new InetSocketAddress(a, l.port()), 1000), "reachable on " + a);
                }
            }
        }
    }

    @Test
    void forgedStateIsRejected() throws Exception {
        TestBrowser browser = new TestBrowser(TestBrowser.Mode.FORGE_STATE);
        FlowLog log = new FlowLog();
        SignInException e = assertThrows(SignInException.class,
                () -> client().authorizationCode(request().build(), browser, log, new Cancellation()));
        browser.await();
        assertEquals(SignInException.Kind.STATE_MISMATCH, e.kind(), e.getMessage());
        assertEquals(400, browser.pageStatus);
        assertTrue(browser.page.contains("rejected"), browser.page);
        assertFalse(log.render().contains(browser.code), "the code of the forged redirect is redacted");
        assertTrue(log.entries().stream().noneMatch(x -> "POST".equals(x.method())), "no code was redeemed");
    }

    @Test
    void wrongPkceVerifierShowsTheProvidersError() throws Exception {
        SignInClient client = client();
        client.pkceSource = () -> new Pkce("this-is-not-the-verifier-whose-hash-was-sent-xx",
                Pkce.s256("the-real-verifier-that-was-hashed-for-the-request"));
        TestBrowser browser = new TestBrowser(TestBrowser.Mode.FOLLOW);
        FlowLog log = new FlowLog();
        SignInException e = assertThrows(SignInException.class,
                () -> client.authorizationCode(request().build(), browser, log, new Cancellation()));
        browser.await();
        assertEquals(SignInException.Kind.OAUTH_ERROR, e.kind());
        OAuthError err = e.oauthError().orElseThrow();
        assertEquals("invalid_grant", err.error());
        assertEquals(400, err.httpStatus());
        assertTrue(err.errorDescription().contains("invalid_pkce"), err.errorDescription());
        assertTrue(e.describe().contains("invalid_pkce"), e.describe());
        assertFalse(log.render().contains("this-is-not-the-verifier"), log.render());
        assertFalse(log.render().contains(browser.code));
    }

    @Test
    void errorRedirectIsReported() throws Exception {
        TestBrowser browser = new TestBrowser(TestBrowser.Mode.ERROR_REDIRECT);
        SignInException e = assertThrows(SignInException.class,
                () -> client().authorizationCode(request().build(), browser, new FlowLog(), new Cancellation()));
        browser.await();
        assertEquals(SignInException.Kind.DENIED, e.kind());
        OAuthError err = e.oauthError().orElseThrow();
        assertEquals("access_denied", err.error());
        assertEquals(List.of(65004L), err.errorCodes());
        assertTrue(e.describe().contains("UserDeclinedConsent"), e.describe());
        assertEquals(200, browser.pageStatus);
        assertTrue(browser.page.contains("access_denied") && browser.page.contains("You may close this tab"), browser.page);
    }

    @Test
    void timeoutWhenNoRedirectArrives() {
        long t0 = System.nanoTime();
        SignInException e = assertThrows(SignInException.class,
                () -> client().authorizationCode(request().timeout(Duration.ofMillis(800)).build(),
                new TestBrowser(TestBrowser.Mode.NOTHING), new FlowLog(), new Cancellation()));
        assertEquals(SignInException.Kind.TIMEOUT, e.kind(), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toMillis() < 10_000);
    }

    @Test
    void cancelWhileWaitingForTheBrowser() throws Exception {
        Cancellation cancel = new Cancellation();
        SignInClient client = client();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                // test thread
            }
            cancel.cancel();
        });
        t.start();
        SignInException e = assertThrows(SignInException.class, () -> client.authorizationCode(request().build(),
                new TestBrowser(TestBrowser.Mode.NOTHING), new FlowLog(), cancel));
        t.join();
        assertEquals(SignInException.Kind.CANCELLED, e.kind());
        assertTrue(client.lastListener.socket().isClosed());
    }

    @Test
    void fixedPortInUseIsReported() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[]{127, 0, 0, 1}))) {
            TestBrowser browser = new TestBrowser(TestBrowser.Mode.FOLLOW);
            SignInException e = assertThrows(SignInException.class, () -> client().authorizationCode(
                    request().port(taken.getLocalPort()).build(), browser, new FlowLog(), new Cancellation()));
            assertEquals(SignInException.Kind.PORT_IN_USE, e.kind());
            assertTrue(e.getMessage().contains(Integer.toString(taken.getLocalPort())), e.getMessage());
            assertEquals(null, browser.authorizationUrl, "the browser is not opened");
        }
    }

    @Test
    void fixedPortAndPathAreUsed() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[]{127, 0, 0, 1}))) {
            port = probe.getLocalPort();
        }
        TestBrowser browser = new TestBrowser(TestBrowser.Mode.FOLLOW);
        TokenSet t = client().authorizationCode(request().redirectUri("http://127.0.0.1/auth/callback").port(port).build(), browser,
                new FlowLog(), new Cancellation());
        browser.await();
        assertNotNull(t.accessToken());
        assertTrue(browser.redirectTarget.startsWith("http://127.0.0.1:" + port + "/auth/callback?"), browser.redirectTarget);
    }

    @Test
    void spaEmulationSendsOriginOnTheTokenRequestOnly() throws Exception {
        FlowLog log = new FlowLog();
        TestBrowser browser = new TestBrowser(TestBrowser.Mode.FOLLOW);
        client().authorizationCode(request().spaOrigin("https://spa.example.com/").loginHint("alice@example.com").domainHint("example.com")
                .extra("claims", "{\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}}}").build(), browser, log, new Cancellation());
        browser.await();
        FlowLog.Entry token = log.entries().stream().filter(e -> "POST".equals(e.method())).findFirst().orElseThrow();
        assertEquals("https://spa.example.com", token.headers().get("Origin"));
        String q = browser.authorizationUrl.getRawQuery();
        assertTrue(q.contains("login_hint=alice%40example.com") && q.contains("domain_hint=example.com")
                && q.contains("claims=%7B%22access_token"), q);
        assertTrue(log.entries().stream().filter(e -> "browser".equals(e.kind())).allMatch(e -> e.headers() == null),
                "no Origin on the authorize request");
        // by default no Origin
        FlowLog plain = new FlowLog();
        TestBrowser b2 = new TestBrowser(TestBrowser.Mode.FOLLOW);
        client().authorizationCode(request().build(), b2, plain, new Cancellation());
        b2.await();
        assertTrue(plain.entries().stream().filter(e -> "POST".equals(e.method())).allMatch(e -> e.headers() == null));
    }

    @Test
    void promptGoesIntoTheAuthorizationRequest() {
        Cancellation cancel = new Cancellation();
        AtomicReference<String> url = new AtomicReference<>();
        SignInException e = assertThrows(SignInException.class, () -> client().authorizationCode(request().prompt("select_account").build(),
                u -> {
                    url.set(u.getRawQuery());
                    cancel.cancel();
                }, new FlowLog(), cancel));
        assertEquals(SignInException.Kind.CANCELLED, e.kind());
        assertTrue(url.get().contains("prompt=select_account"), url.get());
    }

    @Test
    void clientCredentialsWithSecretAndWithCertificate() throws Exception {
        Secret secret = Secret.of("s3cr3t-value-that-must-not-leak");
        FlowLog log = new FlowLog();
        SignInRequest r = SignInRequest.builder(Authority.parse(provider.issuer()), "daemon-app").scope("api://example-api/.default")
                .clientSecret(secret).build();
        TokenSet t = client().clientCredentials(r, log, new Cancellation());
        assertEquals(Grant.CLIENT_CREDENTIALS, t.grant());
        assertTrue(t.idToken().isEmpty());
        assertEquals(List.of("Reader"), t.tokenPermissions());
        assertEquals(List.of("api://example-api/.default"), t.grantedScopes());
        Report report = Inspector.standard(false).inspect(t.accessToken(), ValidationProfile.defaults());
        assertNotNull(report.token());
        assertEquals("app", report.token().claims().get("idtyp").asText());
        assertClean(log, t, null, secret.reveal());
        assertFalse(r.toString().contains(secret.reveal()));

        // certificate: a client assertion signed with the key, x5t and x5t#S256 naming the certificate
        HeldCertificate held = new HeldCertificate.Builder().commonName("tokenscope-test").rsa2048().build();
        ClientCertificate cert = ClientCertificate.fromPem(held.privateKeyPkcs8Pem() + held.certificatePem());
        String assertion = cert.assertion("daemon-app", provider.tokenEndpoint(), Instant.now());
        SignedJWT jwt = SignedJWT.parse(assertion);
        assertTrue(jwt.verify(new RSASSAVerifier((RSAPublicKey) held.certificate().getPublicKey())));
        assertNotNull(jwt.getHeader().getX509CertSHA256Thumbprint());
        assertEquals(List.of(provider.tokenEndpoint()), jwt.getJWTClaimsSet().getAudience());
        assertEquals("daemon-app", jwt.getJWTClaimsSet().getSubject());
        FlowLog certLog = new FlowLog();
        TokenSet t2 = client().clientCredentials(SignInRequest.builder(Authority.parse(provider.issuer()), "daemon-app")
                .scope("api://example-api/.default").certificate(cert).build(), certLog, new Cancellation());
        assertNotNull(t2.accessToken());
        FlowLog.Entry post = certLog.entries().stream().filter(e -> "POST".equals(e.method())).findFirst().orElseThrow();
        assertEquals(SignInClient.JWT_BEARER_ASSERTION, post.parameters().get("client_assertion_type"));
        assertTrue(post.parameters().get("client_assertion").startsWith("[redacted"));
        assertFalse(certLog.render().contains(jwt.getSignature().toString()));
    }

    @Test
    void deviceCodeIsRefusedWhenTheProviderHasNoEndpoint() {
        SignInException e = assertThrows(SignInException.class,
                () -> client().deviceCode(request().build(), info -> { }, new FlowLog(), new Cancellation()));
        assertEquals(SignInException.Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains("device"), e.getMessage());
    }

    /** No token, code, verifier or secret value anywhere in the rendered log or its JSON form. */
    static void assertClean(FlowLog log, TokenSet t, String code, String secret) {
        String text = log.render() + Json.compact(log.entries());
        assertFalse(text.contains(t.accessToken()), "access token in the log");
        t.idToken().ifPresent(id -> assertFalse(text.contains(id), "ID token in the log"));
        t.refreshToken().ifPresent(rt -> assertFalse(text.contains(rt.reveal()), "refresh token in the log"));
        if (code != null) assertFalse(text.contains(code), "code in the log");
        if (secret != null) assertFalse(text.contains(secret), "secret in the log");
        assertFalse(text.matches("(?s).*eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+.*"), "a JWT in the log: " + text);
        assertTrue(text.contains("[redacted"), text);
    }
}
