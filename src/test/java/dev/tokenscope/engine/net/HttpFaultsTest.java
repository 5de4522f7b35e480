package dev.tokenscope.engine.net;

import dev.tokenscope.testing.FakeEntra;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import okhttp3.Protocol;
import okio.Buffer;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way a fetch can fail, at the level of the one HTTP client: each failure becomes a {@link FetchException}
 * of a specific kind with a message naming it, ends within the client's timeout, and makes no more requests than
 * it must (no retry storm: every case counts the requests the server saw).
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class HttpFaultsTest {
    static final Duration LIMIT = Duration.ofSeconds(2);
    /** A failure that must end "within the timeout" ends before this (limit plus scheduling slack). */
    static final long DEADLINE_MS = LIMIT.toMillis() + 2000;
    static final String LOGIN = "https://login.microsoftonline.com/";
    static final String META = LOGIN + "tenant-x/v2.0/.well-known/openid-configuration";

    FakeEntra entra;
    Http http;
    final List<AutoCloseable> closeLater = new ArrayList<>();

    @BeforeEach
    void start() {
        entra = new FakeEntra();
        http = entra.http(LIMIT);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeLater) c.close();
        entra.close();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static MockResponse.Builder ok(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body);
    }

    /** Runs {@code call}, expects a FetchException of {@code kind}, and checks it came within the deadline. */
    static FetchException expect(FetchException.Kind kind, Executable call) {
        long t0 = System.nanoTime();
        FetchException e = assertThrows(FetchException.class, call);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(kind, e.kind(), "kind for: " + e.getMessage());
        assertTrue(ms < DEADLINE_MS, "took " + ms + " ms, limit " + LIMIT.toMillis() + " ms");
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        return e;
    }

    FetchException get(FetchException.Kind kind, String url) {
        return expect(kind, () -> http.get(url, null));
    }

    /** Through the document store (no disk cache): HTML, invalid JSON and wrong shapes are found when parsing. */
    FetchException load(FetchException.Kind kind, String url) {
        DocumentStore store = new DocumentStore(http, null, Clock.systemUTC());
        return expect(kind, () -> store.load(url, false, false));
    }

    static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A plain-HTTP/1.1 server on 127.0.0.1 (plain HTTP is allowed for loopback), for chunked bodies. */
    MockWebServer plainServer() throws IOException {
        MockWebServer s = new MockWebServer();
        s.setProtocols(List.of(Protocol.HTTP_1_1));
        s.start(InetAddress.getLoopbackAddress(), 0);
        closeLater.add(s);
        return s;
    }

    static String plainUrl(MockWebServer s, String path) {
        return "http://127.0.0.1:" + s.getPort() + path;
    }

    static byte[] gzipOfZeros(long bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (long n = 0; n < bytes; n += zeros.length) gz.write(zeros, 0, (int) Math.min(zeros.length, bytes - n));
        }
        return out.toByteArray();
    }

    static String jsonOfSize(int bytes) {
        StringBuilder b = new StringBuilder(bytes).append("{\"pad\":\"");
        while (b.length() < bytes - 2) b.append('x');
        return b.append("\"}").toString();
    }

    /** A body of {@code bytes} bytes streamed with no Content-Length. */
    static MockResponseBody unsized(int bytes) {
        return new MockResponseBody() {
            @Override
            public long getContentLength() { return -1; }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                byte[] chunk = new byte[8192];
                java.util.Arrays.fill(chunk, (byte) ' ');
                for (int n = 0; n < bytes; n += chunk.length) sink.write(chunk, 0, Math.min(chunk.length, bytes - n));
            }
        };
    }

    // ---- the happy path (the control) ----------------------------------------------------------------------

    @Test
    void controlAJsonDocumentArrivesWhole() throws Exception {
        entra.json(META, "{\"issuer\":\"x\",\"jwks_uri\":\"y\"}");
        Http.Fetched f = http.get(META, null);
        assertEquals(200, f.status());
        assertEquals("{\"issuer\":\"x\",\"jwks_uri\":\"y\"}", new String(f.body(), StandardCharsets.UTF_8));
        assertEquals(1, entra.count(META));
    }

    @Test
    void aBodyOfExactlyTheCapIsAccepted() throws Exception {
        String body = jsonOfSize(Http.MAX_BYTES);
        assertEquals(Http.MAX_BYTES, body.length());
        entra.route(META, r -> new MockResponse.Builder().code(200).body(unsized(Http.MAX_BYTES)).build());
        assertEquals(Http.MAX_BYTES, http.get(META, null).body().length);
    }

    // ---- connection-level failures ------------------------------------------------------------------------

    @Test
    void refusedConnection() throws Exception {
        Http h = new Http(FakeEntra.loopbackDns(), null, null, LIMIT, new FakeEntra.PortSocketFactory(deadPort()));
        FetchException e = expect(FetchException.Kind.REFUSED, () -> h.get(META, null));
        assertTrue(e.getMessage().contains("refused") && e.getMessage().contains("login.microsoftonline.com"), e.getMessage());
        assertEquals(META, e.url());
    }

    @Test
    void dnsFailure() {
        Dns nx = host -> {
            throw new UnknownHostException(host + ": Name or service not known");
        };
        Http h = new Http(nx, null, null, LIMIT, null);
        FetchException e = expect(FetchException.Kind.DNS, () -> h.get(META, null));
        assertTrue(e.getMessage().contains("DNS") && e.getMessage().contains("login.microsoftonline.com"), e.getMessage());
        assertEquals(0, entra.requests.size());
    }

    @Test
    void connectTimeout() throws Exception {
        // A listening socket whose accept queue is full: the kernel drops further SYNs, so connect() hangs.
        ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        closeLater.add(full);
        boolean hanging = false;
        for (int i = 0; i < 16 && !hanging; i++) {
            Socket s = new Socket();
            closeLater.add(s);
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 250);
            } catch (SocketTimeoutException timedOut) {
                hanging = true;
            }
        }
        Assumptions.assumeTrue(hanging, "this kernel does not leave connects to a full accept queue hanging");
        Http h = new Http(FakeEntra.loopbackDns(), null, null, LIMIT, new FakeEntra.PortSocketFactory(full.getLocalPort()));
        FetchException e = expect(FetchException.Kind.TIMEOUT, () -> h.get(META, null));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    @Test
    void readTimeoutWhenHeadersNeverCome() {
        entra.route(META, r -> ok("{}").headersDelay(6, TimeUnit.SECONDS).build());
        FetchException e = get(FetchException.Kind.TIMEOUT, META);
        assertTrue(e.getMessage().contains("timed out") && e.getMessage().contains("login.microsoftonline.com"), e.getMessage());
        assertEquals(1, entra.count(META));
    }

    @Test
    void slowDripBeyondTheCallTimeout() {
        // One byte a second never trips the read timeout; only the whole-call limit stops it.
        entra.route(META, r -> ok(jsonOfSize(64)).throttleBody(1, 1, TimeUnit.SECONDS).build());
        FetchException e = get(FetchException.Kind.TIMEOUT, META);
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertEquals(1, entra.count(META));
    }

    @Test
    void theCallLimitCoversTheWholeRedirectChain() {
        // Each hop is within the limit, the chain is not: 3 hops of 0.9 s against a 2 s budget.
        String a = LOGIN + "hop-a", b = LOGIN + "hop-b", c = LOGIN + "hop-c";
        entra.route(a, r -> new MockResponse.Builder().code(302).setHeader("Location", b).headersDelay(900, TimeUnit.MILLISECONDS).build());
        entra.route(b, r -> new MockResponse.Builder().code(302).setHeader("Location", c).headersDelay(900, TimeUnit.MILLISECONDS).build());
        entra.route(c, r -> ok("{}").headersDelay(900, TimeUnit.MILLISECONDS).build());
        get(FetchException.Kind.TIMEOUT, a);
        assertEquals(1, entra.count(a));
        assertEquals(1, entra.count(b));
        assertTrue(entra.count(c) <= 1);
    }

    @Test
    void userCancelIsNotATimeout() throws Exception {
        entra.route(META, r -> ok("{}").headersDelay(6, TimeUnit.SECONDS).build());
        CompletableFuture<FetchException> f = CompletableFuture.supplyAsync(() -> {
            try {
                http.get(META, null);
                return null;
            } catch (FetchException e) {
                return e;
            }
        });
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (entra.count(META) == 0 && System.nanoTime() < until) Thread.sleep(10);
        http.cancelAll();
        FetchException e = f.get(LIMIT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        assertEquals(FetchException.Kind.CANCELLED, e.kind(), e.getMessage());
    }

    // ---- HTTP-level failures ---------------------------------------------------------------------------------

    @Test
    void http500() {
        entra.route(META, r -> new MockResponse.Builder().code(500).body("{\"error\":\"boom\"}").build());
        FetchException e = get(FetchException.Kind.HTTP_STATUS, META);
        assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("server error"), e.getMessage());
        assertEquals(1, entra.count(META), "a 500 is not retried");
    }

    @Test
    void http404NamesTheTenantOrPolicy() {
        FetchException e = get(FetchException.Kind.HTTP_STATUS, META);
        assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains("tenant"), e.getMessage());
        assertEquals(1, entra.count(META));
    }

    @Test
    void http429MentionsRetryAfter() {
        entra.route(META, r -> new MockResponse.Builder().code(429).setHeader("Retry-After", "120").body("{}").build());
        FetchException e = get(FetchException.Kind.HTTP_STATUS, META);
        assertTrue(e.getMessage().contains("429") && e.getMessage().contains("too many requests")
                && e.getMessage().contains("retry after 120 s"), e.getMessage());
        assertEquals(1, entra.count(META), "a 429 is not retried (and surely not before Retry-After)");
    }

    @Test
    void http429WithAnHttpDateRetryAfter() {
        String when = "Wed, 21 Oct 2026 07:28:00 GMT";
        entra.route(META, r -> new MockResponse.Builder().code(429).setHeader("Retry-After", when).body("{}").build());
        FetchException e = get(FetchException.Kind.HTTP_STATUS, META);
        assertTrue(e.getMessage().contains(when) && !e.getMessage().contains(when + " s"), e.getMessage());
        assertEquals(1, entra.count(META));
    }

    @Test
    void htmlInsteadOfJson() {
        entra.route(META, r -> new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("\n  <!DOCTYPE html><html><body>Sign in to continue</body></html>").build());
        FetchException e = load(FetchException.Kind.HTML, META);
        assertTrue(e.getMessage().contains("HTML") && e.getMessage().contains(META), e.getMessage());
        assertEquals(1, entra.count(META));
    }

    @Test
    void invalidJson() {
        entra.route(META, r -> ok("{\"issuer\": \"https://login.microsoftonline.com/x/v2.0\", ").build());
        FetchException e = load(FetchException.Kind.INVALID_JSON, META);
        assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
        assertEquals(1, entra.count(META));
    }

    @Test
    void jsonOfTheWrongShape() {
        entra.route(META, r -> ok("[{\"kty\":\"RSA\"}]").build());
        FetchException e = load(FetchException.Kind.WRONG_SHAPE, META);
        assertTrue(e.getMessage().contains("expected a JSON object") && e.getMessage().contains("array"), e.getMessage());
        entra.route(LOGIN + "empty", r -> ok("").build());
        load(FetchException.Kind.WRONG_SHAPE, LOGIN + "empty");
        entra.route(LOGIN + "string", r -> ok("\"keys\"").build());
        load(FetchException.Kind.WRONG_SHAPE, LOGIN + "string");
        assertEquals(1, entra.count(META));
    }

    // ---- size limits ---------------------------------------------------------------------------------------

    @Test
    void fiveMebibytesWithContentLength() {
        entra.route(META, r -> ok(jsonOfSize(5 << 20)).build());
        FetchException e = get(FetchException.Kind.TOO_LARGE, META);
        assertTrue(e.getMessage().contains("1024 KiB"), e.getMessage());
        assertEquals(1, entra.count(META));
    }

    @Test
    void fiveMebibytesWithoutContentLengthOverHttp2() {
        entra.route(META, r -> new MockResponse.Builder().code(200).body(unsized(5 << 20)).build());
        get(FetchException.Kind.TOO_LARGE, META);
        assertEquals(1, entra.count(META));
    }

    @Test
    void fiveMebibytesChunkedOverHttp11() throws Exception {
        MockWebServer plain = plainServer();
        plain.enqueue(new MockResponse.Builder().code(200).chunkedBody(jsonOfSize(5 << 20), 64 * 1024).build());
        Http h = new Http(null, null, null, LIMIT, null);
        FetchException e = expect(FetchException.Kind.TOO_LARGE, () -> h.get(plainUrl(plain, "/keys"), null));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
        assertEquals(1, plain.getRequestCount());
    }

    @Test
    void gzipBombIsCutAtTheCapWithBoundedMemory() throws Exception {
        byte[] bomb = gzipOfZeros(50L << 20);
        assertTrue(bomb.length < 200_000, "compressed " + bomb.length);
        entra.route(META, r -> new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .setHeader("Content-Encoding", "gzip").body(new Buffer().write(bomb)).build());
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        get(FetchException.Kind.TOO_LARGE, META);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 24L << 20, "inflating the bomb allocated " + (allocated >> 20) + " MiB; must stop near the 1 MiB cap");
        assertEquals(1, entra.count(META));
    }

    @Test
    void gzipBombOverHttp11() throws Exception {
        MockWebServer plain = plainServer();
        byte[] bomb = gzipOfZeros(50L << 20);
        plain.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Encoding", "gzip").body(new Buffer().write(bomb)).build());
        Http h = new Http(null, null, null, LIMIT, null);
        expect(FetchException.Kind.TOO_LARGE, () -> h.get(plainUrl(plain, "/keys"), null));
        assertEquals(1, plain.getRequestCount());
    }

    @Test
    void smallGzipBodyIsInflated() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write("{\"keys\":[]}".getBytes(StandardCharsets.UTF_8));
        }
        entra.route(META, r -> new MockResponse.Builder().code(200).setHeader("Content-Encoding", "gzip")
                .body(new Buffer().write(out.toByteArray())).build());
        assertArrayEquals("{\"keys\":[]}".getBytes(StandardCharsets.UTF_8), http.get(META, null).body());
    }

    // ---- TLS -------------------------------------------------------------------------------------------------

    @Test
    void tlsWithAnUntrustedCertificate() {
        // The platform's trust store, which does not hold the fake's CA.
        Http h = new Http(FakeEntra.loopbackDns(), null, null, LIMIT, new FakeEntra.PortSocketFactory(entra.port()));
        FetchException e = expect(FetchException.Kind.TLS, () -> h.get(META, null));
        assertTrue(e.getMessage().contains("TLS") && e.getMessage().contains("not trusted"), e.getMessage());
        assertEquals(0, entra.count(META), "no request is sent over an untrusted connection");
    }

    @Test
    void tlsWithACertificateForAnotherHost() {
        String url = "https://wrong-host.example/tenant-x/v2.0/.well-known/openid-configuration";
        entra.json(url, "{}");
        FetchException e = get(FetchException.Kind.TLS, url);
        assertTrue(e.getMessage().contains("another host") && e.getMessage().contains("wrong-host.example"), e.getMessage());
        assertEquals(0, entra.count(url));
    }

    // ---- redirects and plain HTTP ------------------------------------------------------------------------------

    @Test
    void redirectLoop() {
        entra.route(META, r -> new MockResponse.Builder().code(301).setHeader("Location", META).build());
        FetchException e = get(FetchException.Kind.REDIRECTS, META);
        assertTrue(e.getMessage().contains("redirect"), e.getMessage());
        assertTrue(entra.count(META) <= Http.MAX_REDIRECTS + 1, "requests: " + entra.count(META));
    }

    @Test
    void threeRedirectsAreFollowed() throws Exception {
        entra.route(LOGIN + "r1", r -> new MockResponse.Builder().code(301).setHeader("Location", "/r2").build());
        entra.route(LOGIN + "r2", r -> new MockResponse.Builder().code(302).setHeader("Location", LOGIN + "r3").build());
        entra.route(LOGIN + "r3", r -> new MockResponse.Builder().code(307).setHeader("Location", META).build());
        entra.json(META, "{}");
        Http.Fetched f = http.get(LOGIN + "r1", null);
        assertEquals(META, f.url());
        assertEquals(1, entra.count(META));
    }

    @Test
    void redirectFromHttpsToPlainHttpIsRefused() {
        entra.route(META, r -> new MockResponse.Builder().code(302)
                .setHeader("Location", "http://login.microsoftonline.com/tenant-x/v2.0/.well-known/openid-configuration").build());
        FetchException e = get(FetchException.Kind.INSECURE, META);
        assertTrue(e.getMessage().contains("plain HTTP") && e.getMessage().contains("HTTPS"), e.getMessage());
        assertEquals(1, entra.count(META));
        assertEquals(1, entra.requests.size(), "the plain-HTTP hop is never requested");
    }

    @Test
    void plainHttpToANonLoopbackHostIsRefusedWithoutARequest() {
        FetchException e = get(FetchException.Kind.INSECURE, "http://login.microsoftonline.com/tenant-x/v2.0/.well-known/openid-configuration");
        assertTrue(e.getMessage().contains("plain HTTP"), e.getMessage());
        get(FetchException.Kind.INSECURE, "http://issuer.example/.well-known/openid-configuration");
        get(FetchException.Kind.INSECURE, "ftp://issuer.example/keys");
        assertEquals(0, entra.requests.size());
    }

    @Test
    void plainHttpToLoopbackIsAllowed() throws Exception {
        MockWebServer plain = plainServer();
        plain.enqueue(ok("{}").build());
        assertEquals(200, new Http(null, null, null, LIMIT, null).get(plainUrl(plain, "/m"), null).status());
        assertTrue(Http.isLoopback("127.0.0.1") && Http.isLoopback("localhost") && Http.isLoopback("::1"));
        assertTrue(!Http.isLoopback("127.example.com") && !Http.isLoopback("login.microsoftonline.com"));
    }
}
