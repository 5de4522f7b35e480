package dev.tokenscope.engine.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.net.FetchException;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.testing.FakeEntra;
import dev.tokenscope.testing.Tokens;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.RecordedRequest;
import okhttp3.Dns;
import okhttp3.tls.HandshakeCertificates;
import okio.Buffer;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.CLIENT_ID;
import static dev.tokenscope.testing.Tokens.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every fetch failure kind through the whole Inspector: the named step (metadata or keys) fails with a message that
 * names the failure, the verdict stays undetermined (the token is not blamed for the network), the claim steps
 * still run, the inspection ends within the client's timeout, and no URL is asked more than it must be.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DiscoveryFaultsTest {
    static final Duration LIMIT = Duration.ofSeconds(2);
    static final long DEADLINE_MS = LIMIT.toMillis() + 2000;
    static final String LOGIN = "https://login.microsoftonline.com/";
    static final String META_V2 = LOGIN + TENANT + "/v2.0/.well-known/openid-configuration";
    static final String JWKS_V2 = LOGIN + TENANT + "/discovery/v2.0/keys";
    static final String GOOD_META = "{\"issuer\":\"" + LOGIN + TENANT + "/v2.0\",\"jwks_uri\":\"" + JWKS_V2 + "\"}";

    FakeEntra entra;
    @TempDir
    Path cache;

    @BeforeEach
    void start() {
        entra = new FakeEntra().tenant(TENANT, Tokens.publicSet(Tokens.RSA_OTHER, Tokens.RSA));
    }

    @AfterEach
    void stop() throws InterruptedException {
        entra.close();
        // A key set fetched in parallel may still be on its way (and written to the cache) when a test's resolution is
        // over; the cache directory is removed after this method.
        assertTrue(OnlineTrustResolver.awaitIdle(java.time.Duration.ofSeconds(10)), "background fetches still running");
    }

    static ValidationProfile api() {
        return ValidationProfile.defaults().withAudiences(List.of(API_ID));
    }

    /**
     * The production client with the fake's CA and port, whose DNS knows two extra names: nxdomain.test (does not
     * resolve) and refused.test (127.0.0.2, where nobody listens on the fake's port).
     */
    Http faultyNetwork() {
        HandshakeCertificates cc = new HandshakeCertificates.Builder().addTrustedCertificate(FakeEntra.ROOT.certificate()).build();
        Dns dns = host -> {
            if (host.equals("nxdomain.test")) throw new UnknownHostException(host + ": Name or service not known");
            if (host.equals("refused.test")) return List.of(InetAddress.getByName("127.0.0.2"));
            return List.of(InetAddress.getLoopbackAddress());
        };
        return new Http(dns, cc.sslSocketFactory(), cc.trustManager(), LIMIT, new FakeEntra.PortSocketFactory(entra.port()));
    }

    // ---- the faults ------------------------------------------------------------------------------------------

    record Fault(Function<String, Function<RecordedRequest, MockResponse>> at, FetchException.Kind kind, String says, int maxRequests) {
    }

    static MockResponse.Builder json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body);
    }

    static Function<RecordedRequest, MockResponse> always(MockResponse.Builder b) {
        return r -> b.build();
    }

    static final byte[] BOMB = gzipOfZeros(50L << 20);
    static final Map<String, Fault> FAULTS = new LinkedHashMap<>();

    static {
        FAULTS.put("timeout", new Fault(u -> always(json("{}").headersDelay(6, TimeUnit.SECONDS)),
                FetchException.Kind.TIMEOUT, "timed out", 1));
        FAULTS.put("slow drip", new Fault(u -> always(json(pad(64)).throttleBody(1, 1, TimeUnit.SECONDS)),
                FetchException.Kind.TIMEOUT, "timed out", 1));
        FAULTS.put("http 500", new Fault(u -> always(new MockResponse.Builder().code(500).body("{}")),
                FetchException.Kind.HTTP_STATUS, "HTTP 500", 1));
        FAULTS.put("http 429", new Fault(u -> always(new MockResponse.Builder().code(429).setHeader("Retry-After", "30").body("{}")),
                FetchException.Kind.HTTP_STATUS, "retry after 30 s", 1));
        FAULTS.put("html", new Fault(u -> always(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("<!DOCTYPE html><html><title>Sign in</title></html>")), FetchException.Kind.HTML, "HTML page instead of JSON", 1));
        FAULTS.put("invalid json", new Fault(u -> always(json("{\"issuer\":")), FetchException.Kind.INVALID_JSON, "invalid JSON", 1));
        FAULTS.put("json array", new Fault(u -> always(json("[]")), FetchException.Kind.WRONG_SHAPE, "expected a JSON object", 1));
        FAULTS.put("5 MiB", new Fault(u -> always(json(pad(5 << 20))), FetchException.Kind.TOO_LARGE, "limit", 1));
        FAULTS.put("5 MiB unsized", new Fault(u -> always(new MockResponse.Builder().code(200).body(unsized(5 << 20))),
                FetchException.Kind.TOO_LARGE, "limit", 1));
        FAULTS.put("gzip bomb", new Fault(u -> r -> new MockResponse.Builder().code(200).setHeader("Content-Encoding", "gzip")
                .body(new Buffer().write(BOMB)).build(), FetchException.Kind.TOO_LARGE, "limit", 1));
        FAULTS.put("redirect loop", new Fault(u -> always(new MockResponse.Builder().code(301).setHeader("Location", u)),
                FetchException.Kind.REDIRECTS, "redirect", Http.MAX_REDIRECTS + 1));
        FAULTS.put("redirect to http",
                new Fault(u -> always(new MockResponse.Builder().code(302).setHeader("Location", u.replace("https:", "http:"))),
                FetchException.Kind.INSECURE, "plain HTTP", 1));
        FAULTS.put("tls wrong host", new Fault(u -> always(new MockResponse.Builder().code(302).setHeader("Location", "https://wrong-host.example/doc")),
                FetchException.Kind.TLS, "another host", 1));
        FAULTS.put("dns", new Fault(u -> always(new MockResponse.Builder().code(302).setHeader("Location", "https://nxdomain.test/doc")),
                FetchException.Kind.DNS, "nxdomain.test", 1));
        FAULTS.put("refused", new Fault(u -> always(new MockResponse.Builder().code(302).setHeader("Location", "https://refused.test/doc")),
                FetchException.Kind.REFUSED, "refused", 1));
    }

    static String pad(int bytes) {
        StringBuilder b = new StringBuilder(bytes).append("{\"pad\":\"");
        while (b.length() < bytes - 2) b.append('x');
        return b.append("\"}").toString();
    }

    static MockResponseBody unsized(int bytes) {
        return new MockResponseBody() {
            @Override
            public long getContentLength() { return -1; }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                byte[] chunk = new byte[8192];
                for (int n = 0; n < bytes; n += chunk.length) sink.write(chunk, 0, Math.min(chunk.length, bytes - n));
            }
        };
    }

    static byte[] gzipOfZeros(long bytes) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
                byte[] zeros = new byte[1 << 20];
                for (long n = 0; n < bytes; n += zeros.length) gz.write(zeros);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> cases() {
        return FAULTS.keySet().stream().flatMap(f -> Stream.of(Arguments.of(f, "metadata"), Arguments.of(f, "keys")));
    }

    // ---- shared expectations -------------------------------------------------------------------------------------

    /** Inspects the standard v2 token and checks the common shape of a report whose {@code failing} step could not fetch. */
    static Report inspectTimed(Inspector inspector, String token) {
        long t0 = System.nanoTime();
        Report r = inspector.inspect(token, api());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < DEADLINE_MS, "the inspection took " + ms + " ms; the fetch limit is " + LIMIT.toMillis() + " ms");
        return r;
    }

    static Step fetchFailed(Report r, String failing, FetchException.Kind kind, String says) {
        assertEquals(Verdict.UNDETERMINED, r.verdict(), r.summary() + " " + r.steps());
        Step s = r.step(failing).orElseThrow();
        assertEquals(Status.FAIL, s.status(), failing + ": " + s.detail());
        assertTrue(s.detail().contains(says), failing + " should say \"" + says + "\": " + s.detail());
        if (kind != null) assertEquals(kind.name().toLowerCase(Locale.ROOT), s.evidence().get("failure"), s.evidence().toString());
        assertTrue(r.hasDiagnosis("metadata-unreachable"), r.diagnoses().toString());
        assertEquals("metadata-unreachable", r.topDiagnosis().orElseThrow().id());
        if (failing.equals("metadata")) {
            assertEquals(Status.SKIP, r.step("keys").orElseThrow().status(), r.step("keys").orElseThrow().detail());
            assertEquals("IDX20803", s.idx());
        } else {
            assertEquals(Status.PASS, r.step("metadata").orElseThrow().status(), r.step("metadata").orElseThrow().detail());
        }
        assertEquals(Status.SKIP, r.step("key-match").orElseThrow().status());
        assertEquals(Status.SKIP, r.step("signature").orElseThrow().status());
        // The token's own checks still ran and are shown.
        for (String id : List.of("audience", "lifetime")) {
            assertEquals(Status.PASS, r.step(id).orElseThrow().status(), id + ": " + r.step(id).orElseThrow().detail());
        }
        // The issuer was not compared with metadata: information, never a pass (issue 19).
        assertEquals(failing.equals("metadata") ? Status.INFO : Status.PASS, r.step("issuer").orElseThrow().status(),
                r.step("issuer").orElseThrow().detail());
        assertTrue(r.summary().startsWith("Could not finish"), r.summary());
        // The undetermined verdict names its cause (the DNS failure, the refused connection …), in inspect and verify alike.
        String cause = r.diagnoses().stream().filter(d -> d.id().equals("metadata-unreachable")).findFirst().orElseThrow().summary();
        assertTrue(cause.startsWith("Could not get the issuer's "), cause);
        assertEquals("Could not finish without " + cause.substring("Could not get ".length()), r.summary());
        if (kind != null) assertNull(r.key(), "no key set, no key shown");
        return s;
    }

    // ---- per-target server faults ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void aFetchFailureFailsTheNamedStepOnly(String name, String target) {
        Fault f = FAULTS.get(name);
        String url = target.equals("metadata") ? META_V2 : JWKS_V2;
        String other = target.equals("metadata") ? JWKS_V2 : META_V2;
        entra.route(url, f.at().apply(url));
        Report r = inspectTimed(FakeEntra.inspector(faultyNetwork(), cache), Tokens.sign(Tokens.v2Access()));
        fetchFailed(r, target, f.kind(), f.says());
        // No retry storm: the failing URL is asked once (a redirect loop: at most 1 + 3 redirects), the other at most once.
        assertTrue(entra.count(url) >= 1 && entra.count(url) <= f.maxRequests(), name + ": " + entra.count(url) + " requests to " + url);
        assertTrue(entra.count(other) <= 1, entra.count(other) + " requests to " + other);
        assertTrue(entra.requests.size() <= f.maxRequests() + 2, "requests: " + entra.requests.size());
    }

    // ---- client-wide faults: nothing can be fetched -------------------------------------------------------------

    @Test
    void refused() throws IOException {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        Http h = new Http(FakeEntra.loopbackDns(), null, null, LIMIT, new FakeEntra.PortSocketFactory(dead));
        Report r = inspectTimed(FakeEntra.inspector(h, cache), Tokens.sign(Tokens.v2Access()));
        fetchFailed(r, "metadata", FetchException.Kind.REFUSED, "refused");
        assertTrue(r.topDiagnosis().orElseThrow().fix().contains("proxy, firewall, DNS"));
    }

    @Test
    void dns() {
        Dns nx = host -> {
            throw new UnknownHostException(host);
        };
        Report r = inspectTimed(FakeEntra.inspector(new Http(nx, null, null, LIMIT, null), cache), Tokens.sign(Tokens.v2Access()));
        Step s = fetchFailed(r, "metadata", FetchException.Kind.DNS, "DNS");
        assertTrue(s.detail().contains("login.microsoftonline.com"), s.detail());
        assertEquals(0, entra.requests.size());
    }

    @Test
    void tlsWithAnUntrustedCertificate() {
        // The platform trust store, without the fake's CA (a TLS-inspecting proxy looks like this).
        Http h = new Http(FakeEntra.loopbackDns(), null, null, LIMIT, new FakeEntra.PortSocketFactory(entra.port()));
        Report r = inspectTimed(FakeEntra.inspector(h, cache), Tokens.sign(Tokens.v2Access()));
        fetchFailed(r, "metadata", FetchException.Kind.TLS, "not trusted");
        assertTrue(r.topDiagnosis().orElseThrow().fix().contains("proxy"), r.topDiagnosis().orElseThrow().fix());
        assertEquals(0, entra.requests.size(), "nothing is sent over an untrusted connection");
    }

    @Test
    void plainHttpIssuerIsRefusedWithoutARequest() {
        String iss = "http://issuer.example/realm";
        String token = Tokens.sign(Tokens.v2Access().issuer(iss));
        Report r = inspectTimed(entra.inspector(cache, LIMIT), token);
        assertEquals(Verdict.UNDETERMINED, r.verdict(), r.summary());
        Step m = r.step("metadata").orElseThrow();
        assertEquals(Status.FAIL, m.status());
        assertEquals("insecure", m.evidence().get("failure"));
        assertTrue(m.detail().contains("plain HTTP") && m.detail().contains("issuer.example"), m.detail());
        assertEquals(iss + "/.well-known/openid-configuration", m.evidence().get("url"));
        assertEquals(Status.SKIP, r.step("signature").orElseThrow().status());
        assertTrue(r.step("lifetime").isPresent() && r.step("audience").isPresent() && r.step("issuer").isPresent());
        assertEquals(0, entra.requests.size());
    }

    // ---- wrong shapes the resolver finds ------------------------------------------------------------------------

    @Test
    void metadataWithoutJwksUri() {
        entra.json(META_V2, "{\"issuer\":\"" + LOGIN + TENANT + "/v2.0\",\"token_endpoint\":\"" + LOGIN + TENANT + "/oauth2/v2.0/token\"}");
        Report r = inspectTimed(entra.inspector(cache, LIMIT), Tokens.sign(Tokens.v2Access()));
        Step keys = fetchFailed(r, "keys", FetchException.Kind.WRONG_SHAPE, "no \"jwks_uri\"");
        assertTrue(keys.detail().contains("not an OpenID configuration"), keys.detail());
        assertEquals(1, entra.count(META_V2));
        assertTrue(entra.count(JWKS_V2) <= 1, "the parallel key-set fetch is not repeated");
    }

    @Test
    void keySetWithoutKeys() {
        entra.json(JWKS_V2, "{\"value\":[]}");
        Report r = inspectTimed(entra.inspector(cache, LIMIT), Tokens.sign(Tokens.v2Access()));
        Step keys = fetchFailed(r, "keys", null, "no \"keys\" array");
        assertEquals("IDX10500", keys.idx());
        assertTrue(r.key() == null || r.key().keySet().isEmpty(), "at most the (empty) key set is shown");
        assertEquals(1, entra.count(META_V2));
        // The resolver treats "no keys" like "kid not found" and does its one rollover refetch (see the report).
        assertTrue(entra.count(JWKS_V2) <= 2, entra.count(JWKS_V2) + " requests to " + JWKS_V2);
    }

    @Test
    void keySetParserNamesTheWrongShape() {
        ObjectNode meta = (ObjectNode) Json.MAPPER.createObjectNode().put("jwks_uri", JWKS_V2);
        FetchException e = assertThrows(FetchException.class, () -> KeySetParser.parse(meta, "x.json"));
        assertEquals(FetchException.Kind.WRONG_SHAPE, e.kind());
        assertTrue(e.getMessage().contains("looks like OpenID metadata"), e.getMessage());
        ObjectNode notArray = (ObjectNode) Json.MAPPER.createObjectNode().put("keys", "none");
        assertEquals(FetchException.Kind.WRONG_SHAPE, assertThrows(FetchException.class, () -> KeySetParser.parse(notArray, "y")).kind());
    }

    // ---- the key set without the token's kid --------------------------------------------------------------------

    @Test
    void keySetWithoutTheKidRefetchesExactlyOnce() {
        RSAKey stranger = Tokens.rsa("kid-never-published");
        String token = Tokens.sign(Tokens.v2Access().build(), stranger,
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(stranger.getKeyID()).build());
        Inspector inspector = entra.inspector(cache, LIMIT);
        Report r = inspectTimed(inspector, token);
        assertEquals(Verdict.INVALID, r.verdict(), "an unknown kid is the token's problem, not the network's");
        assertEquals("key-not-found", r.topDiagnosis().orElseThrow().id());
        Step km = r.step("key-match").orElseThrow();
        assertEquals(Status.FAIL, km.status());
        assertEquals("IDX10501", km.idx());
        assertTrue(km.detail().contains("kid-never-published") && km.detail().contains("not among these 2 keys"), km.detail());
        assertTrue(km.evidence().values().stream().anyMatch(v -> v.contains("refetched it (signing-key rollover): still missing")),
                km.evidence().toString());
        assertEquals(Status.PASS, r.step("keys").orElseThrow().status());
        assertEquals(1, entra.count(META_V2));
        assertEquals(2, entra.count(JWKS_V2), "the first fetch and exactly one rollover refetch");
        assertEquals(1, entra.count(META_V2 + "?appid=" + API_ID), "app-specific keys looked up once per app id");
        assertEquals(1, entra.count(META_V2 + "?appid=" + CLIENT_ID));
        for (String id : List.of("issuer", "audience", "lifetime")) assertEquals(Status.PASS, r.step(id).orElseThrow().status(), id);
        // Pasting it again within 5 minutes does not refetch the key set.
        inspectTimed(inspector, token);
        assertEquals(2, entra.count(JWKS_V2));
        assertEquals(1, entra.count(META_V2));
        assertTrue(entra.count(META_V2 + "?appid=" + API_ID) <= 2, "at most one app-specific look-up per paste");
    }

    // ---- the cache softens failures ------------------------------------------------------------------------------

    @Test
    void aFailureWithACachedCopyStillVerifiesAndSaysSo() {
        String keys = Tokens.publicSet(Tokens.RSA_OTHER, Tokens.RSA).toString(true);
        entra.route(META_V2, r -> json(GOOD_META).setHeader("Cache-Control", "max-age=0").build());
        entra.route(JWKS_V2, r -> json(keys).setHeader("Cache-Control", "max-age=0").build());
        String token = Tokens.sign(Tokens.v2Access());
        assertEquals(Verdict.VALID, entra.inspector(cache, LIMIT).inspect(token, api()).verdict());
        entra.route(META_V2, r -> new MockResponse.Builder().code(503).body("{}").build());
        entra.route(JWKS_V2, r -> new MockResponse.Builder().code(503).body("{}").build());
        Report r = inspectTimed(entra.inspector(cache, LIMIT), token);
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertTrue(r.step("metadata").orElseThrow().detail().contains("using the cached copy"), r.step("metadata").orElseThrow().detail());
        assertTrue(r.step("keys").orElseThrow().detail().contains("using the cached copy"), r.step("keys").orElseThrow().detail());
        assertEquals(2, entra.count(META_V2));
        assertEquals(2, entra.count(JWKS_V2));
    }

    @Test
    void offlineWithAnEmptyCacheSaysSoWithoutARequest() {
        ValidationProfile offline = api().withKeys(null, null, true);
        Report r = inspectTimed(entra.inspector(cache, LIMIT), Tokens.sign(Tokens.v2Access()));
        assertEquals(Verdict.VALID, r.verdict());
        entra.requests.clear();
        Report o = entra.inspector(cache.resolve("empty"), LIMIT).inspect(Tokens.sign(Tokens.v2Access()), offline);
        assertEquals(Verdict.UNDETERMINED, o.verdict(), o.summary());
        Step m = o.step("metadata").orElseThrow();
        assertEquals(Status.SKIP, m.status());
        assertTrue(m.detail().contains("offline"), m.detail());
        assertEquals(0, entra.requests.size());
        // With the first cache it verifies offline.
        assertEquals(Verdict.VALID, entra.inspector(cache, LIMIT).inspect(Tokens.sign(Tokens.v2Access()), offline).verdict());
        assertEquals(0, entra.requests.size());
    }
}
