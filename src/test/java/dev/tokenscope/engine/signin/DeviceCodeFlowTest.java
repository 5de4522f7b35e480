package dev.tokenscope.engine.signin;

import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.testing.Tokens;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The device code flow (RFC 8628) against a small RFC 8628 server of the test's own (a MockWebServer dispatcher). */
@Timeout(30)
class DeviceCodeFlowTest {
    static final String DEVICE_CODE = "GAQABAAEAAAD-device-code-secret-value";
    static final String USER_CODE = "F7QZ-K2PW";

    MockWebServer server;
    final Deque<MockResponse> answers = new ArrayDeque<>();
    /** Answer when the script is used up. */
    volatile MockResponse fallback;
    final AtomicInteger tokenCalls = new AtomicInteger();
    final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
    volatile long interval = 1;
    volatile long expiresIn = 900;
    final String accessToken = Tokens.sign(Tokens.v2Access());
    final String idToken = Tokens.sign(Tokens.v2Id());

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String path = r.getUrl().encodedPath();
                String base = "http://127.0.0.1:" + server.getPort() + "/tenant";
                switch (path) {
                    case "/tenant/v2.0/.well-known/openid-configuration":
                        return json(200,
                                "{\"issuer\":\"" + base + "/v2.0\",\"authorization_endpoint\":\"" + base + "/oauth2/v2.0/authorize\","
                                + "\"token_endpoint\":\"" + base + "/oauth2/v2.0/token\",\"device_authorization_endpoint\":\"" + base
                                + "/oauth2/v2.0/devicecode\",\"jwks_uri\":\"" + base + "/discovery/v2.0/keys\"}");
                    case "/tenant/oauth2/v2.0/devicecode":
                        return json(200, "{\"device_code\":\"" + DEVICE_CODE + "\",\"user_code\":\"" + USER_CODE + "\","
                                + "\"verification_uri\":\"https://microsoft.com/devicelogin\",\"expires_in\":" + expiresIn + ",\"interval\":" + interval
                                + ",\"message\":\"To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code "
                                + USER_CODE + " to authenticate.\"}");
                    case "/tenant/oauth2/v2.0/token":
                        tokenCalls.incrementAndGet();
                        tokenRequests.add(r);
                        synchronized (answers) {
                            MockResponse next = answers.poll();
                            return next != null ? next : fallback;
                        }
                    default:
                        return json(404, "{\"error\":\"not_found\"}");
                }
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        fallback = pending();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
    }

    static MockResponse error(String error, long code, String text) {
        return json(400,
                "{\"error\":\"" + error + "\",\"error_description\":\"AADSTS" + code + ": " + text + "\\r\\nTrace ID: 0000aaaa-11bb\\r\\n"
                + "Correlation ID: aaaa0000-bb11\\r\\nTimestamp: 2026-03-01 12:00:00Z\",\"error_codes\":[" + code + "],"
                + "\"timestamp\":\"2026-03-01 12:00:00Z\",\"trace_id\":\"0000aaaa-11bb\",\"correlation_id\":\"aaaa0000-bb11\"}");
    }

    static MockResponse pending() {
        return error("authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
    }

    MockResponse success() {
        return json(200,
                "{\"token_type\":\"Bearer\",\"scope\":\"api://example-api/access_as_user openid profile email\",\"expires_in\":3600,"
                + "\"ext_expires_in\":3600,\"access_token\":\"" + accessToken
                + "\",\"refresh_token\":\"0.AAAA-refresh-token-value\",\"id_token\":\"" + idToken + "\"}");
    }

    SignInRequest request() {
        return SignInRequest.builder(Authority.parse("http://127.0.0.1:" + server.getPort() + "/tenant/v2.0"), "device-client")
                .scope("api://example-api/access_as_user").build();
    }

    void script(MockResponse... rs) {
        synchronized (answers) {
            answers.addAll(List.of(rs));
        }
    }

    /** A sleeper that records the waits and returns at once (and advances the test clock). */
    static final class RecordingSleeper implements SignInClient.Sleeper {
        final List<Duration> waits = new ArrayList<>();
        final MutableClock clock;

        RecordingSleeper(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public boolean sleep(Duration d, Cancellation c) {
            waits.add(d);
            if (clock != null) clock.now = clock.now.plus(d);
            return c.isCancelled();
        }
    }

    static final class MutableClock extends Clock {
        volatile Instant now = Instant.parse("2026-03-01T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void pendingThenSlowDownThenSuccess() throws Exception {
        script(pending(), error("slow_down", 70016, "Slow down."), success());
        SignInClient client = new SignInClient(Http.standard());
        RecordingSleeper sleeper = new RecordingSleeper(null);
        client.sleeper = sleeper;
        AtomicReference<DeviceCodeInfo> shown = new AtomicReference<>();
        FlowLog log = new FlowLog();
        TokenSet t = client.deviceCode(request(), shown::set, log, new Cancellation());

        DeviceCodeInfo info = shown.get();
        assertEquals(USER_CODE, info.userCode());
        assertEquals("https://microsoft.com/devicelogin", info.verificationUri());
        assertEquals(Duration.ofSeconds(900), info.expiresIn());
        assertEquals(Duration.ofSeconds(1), info.interval());
        assertTrue(info.message().contains(USER_CODE));

        // waited the server's interval, then 5 s more after slow_down
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(6)), sleeper.waits);
        assertEquals(3, tokenCalls.get());
        RecordedRequest poll = tokenRequests.get(0);
        String form = poll.getBody().utf8();
        assertTrue(form.contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code"), form);
        assertTrue(form.contains("device_code=" + DEVICE_CODE), form);
        assertTrue(form.contains("client_id=device-client"), form);

        assertEquals(accessToken, t.accessToken());
        assertEquals(Grant.DEVICE_CODE, t.grant());
        assertTrue(t.refreshToken().isPresent());
        TokenSet.ScopeComparison sc = t.scopes();
        assertEquals(List.of("openid", "profile", "offline_access", "api://example-api/access_as_user"), sc.requested());
        assertEquals(List.of(), sc.notGranted());
        assertEquals(List.of("email"), sc.extra());

        String text = log.render() + Json.compact(log.entries());
        assertFalse(text.contains(DEVICE_CODE), text);
        assertFalse(text.contains(USER_CODE), text);
        assertFalse(text.contains(accessToken));
        assertFalse(text.contains("0.AAAA-refresh-token-value"));
        assertFalse(text.contains(idToken));
        assertTrue(text.contains("slow_down: polling every 6 s"), text);
    }

    @Test
    void repeatedPendingAnswersShareOneLogLine() throws Exception {
        script(pending(), pending(), pending(), success());
        SignInClient client = new SignInClient(Http.standard());
        client.sleeper = new RecordingSleeper(null);
        FlowLog log = new FlowLog();
        client.deviceCode(request(), i -> { }, log, new Cancellation());
        List<FlowLog.Entry> polls = log.entries().stream().filter(e -> "POST".equals(e.method()) && e.url().endsWith("/token")).toList();
        assertEquals(2, polls.size(), log.render());
        assertEquals(3, polls.get(0).repeat());
        assertEquals(200, polls.get(1).status());
    }

    @Test
    void expiredToken() {
        script(pending(), error("expired_token", 70019, "Verification code expired."));
        SignInClient client = new SignInClient(Http.standard());
        client.sleeper = new RecordingSleeper(null);
        SignInException e = assertThrows(SignInException.class,
                () -> client.deviceCode(request(), i -> { }, new FlowLog(), new Cancellation()));
        assertEquals(SignInException.Kind.EXPIRED, e.kind());
        assertEquals(List.of(70019L), e.oauthError().orElseThrow().errorCodes());
        assertEquals(2, tokenCalls.get());
    }

    @Test
    void codeExpiresLocallyWhenTheServerKeepsSayingPending() {
        expiresIn = 10;
        interval = 4;
        MutableClock clock = new MutableClock();
        SignInClient client = new SignInClient(Http.standard(), clock);
        client.sleeper = new RecordingSleeper(clock);
        SignInException e = assertThrows(SignInException.class,
                () -> client.deviceCode(request(), i -> { }, new FlowLog(), new Cancellation()));
        assertEquals(SignInException.Kind.EXPIRED, e.kind());
        assertEquals(2, tokenCalls.get(), "polled at 4 s and 8 s, stopped at 12 s past the 10 s expiry");
    }

    @Test
    void accessDenied() {
        script(pending(), error("access_denied", 70020, "The user denied the request."));
        SignInClient client = new SignInClient(Http.standard());
        client.sleeper = new RecordingSleeper(null);
        SignInException e = assertThrows(SignInException.class,
                () -> client.deviceCode(request(), i -> { }, new FlowLog(), new Cancellation()));
        assertEquals(SignInException.Kind.DENIED, e.kind());
    }

    @Test
    void entraDeclinedIsADenialToo() {
        script(error("authorization_declined", 70020, "The end user denied the authorization request."));
        SignInClient client = new SignInClient(Http.standard());
        client.sleeper = new RecordingSleeper(null);
        SignInException e = assertThrows(SignInException.class,
                () -> client.deviceCode(request(), i -> { }, new FlowLog(), new Cancellation()));
        assertEquals(SignInException.Kind.DENIED, e.kind());
    }

    @Test
    void otherErrorsAreExplained() {
        script(error("invalid_client", 7000218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."));
        SignInClient client = new SignInClient(Http.standard());
        client.sleeper = new RecordingSleeper(null);
        SignInException e = assertThrows(SignInException.class,
                () -> client.deviceCode(request(), i -> { }, new FlowLog(), new Cancellation()));
        assertEquals(SignInException.Kind.OAUTH_ERROR, e.kind());
        assertTrue(e.describe().contains("Allow public client flows"), e.describe());
        assertTrue(e.describe().contains("aaaa0000-bb11"), e.describe());
    }

    @Test
    void cancelStopsPolling() throws Exception {
        SignInClient client = new SignInClient(Http.standard());   // real waits: 1 s interval
        Cancellation cancel = new Cancellation();
        Thread canceller = new Thread(() -> {
            long deadline = System.currentTimeMillis() + 10_000;
            while (tokenCalls.get() < 2 && System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            cancel.cancel();
        });
        canceller.start();
        long t0 = System.nanoTime();
        SignInException e = assertThrows(SignInException.class, () -> client.deviceCode(request(), i -> { }, new FlowLog(), cancel));
        long took = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        canceller.join();
        assertEquals(SignInException.Kind.CANCELLED, e.kind());
        assertTrue(took < 5_000, "cancel wakes the wait at once: " + took + " ms");
        int after = tokenCalls.get();
        assertEquals(2, after);
        Thread.sleep(2_500);
        assertEquals(after, tokenCalls.get(), "no poll after Cancel");
    }

    @Test
    void deviceAuthorizationErrorIsReported() {
        SignInRequest r = SignInRequest.builder(Authority.parse("http://127.0.0.1:" + server.getPort() + "/tenant/v2.0"), "device-client").build();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                String base = "http://127.0.0.1:" + server.getPort() + "/tenant";
                if (req.getUrl().encodedPath().endsWith("openid-configuration")) {
                    return json(200,
                            "{\"issuer\":\"x\",\"token_endpoint\":\"" + base + "/oauth2/v2.0/token\",\"device_authorization_endpoint\":\""
                            + base + "/oauth2/v2.0/devicecode\"}");
                }
                return error("invalid_client", 700016,
                        "Application with identifier 'device-client' was not found in the directory 'Contoso'.");
            }
        });
        SignInException e = assertThrows(SignInException.class,
                () -> new SignInClient(Http.standard()).deviceCode(r, i -> { }, new FlowLog(), new Cancellation()));
        assertEquals(SignInException.Kind.OAUTH_ERROR, e.kind());
        assertNotNull(e.oauthError().orElseThrow().explanations().get(0).fix());
    }
}
