package dev.tokenscope.bench;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import dev.tokenscope.testing.FakeEntra;
import dev.tokenscope.testing.Tokens;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

import javax.net.ServerSocketFactory;
import java.net.ServerSocket;
import java.net.Socket;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Paste → verdict timings for the trust chain (issue 3), measured, not asserted. Run with bench/run-trust-bench.sh.
 *
 * <ul>
 *   <li>warm: one Inspector whose cache is warm (memory), the same pasted token inspected N times;</li>
 *   <li>warm-disk: a new Inspector per paste (a fresh app start) with the key set on disk;</li>
 *   <li>cold: a fresh DocumentStore and Http per run against a server that answers every request after
 *       a 100 ms delay; Entra discovery (metadata and key set fetched in parallel) against one round trip and
 *       against the sequential recipe (metadata given as an override URL, so the key set's address is only
 *       known once the metadata has arrived).</li>
 * </ul>
 * Options: {@code --warm N} (2000), {@code --cold N} (30), {@code --latency MS} (100).
 */
public final class TrustBench {
    static final String LOGIN = "https://login.microsoftonline.com/";
    static final String META = LOGIN + Tokens.TENANT + "/v2.0/.well-known/openid-configuration";
    static final String JWKS = LOGIN + Tokens.TENANT + "/discovery/v2.0/keys";

    private TrustBench() {
    }

    public static void main(String[] args) throws Exception {
        int warmN = 2000, coldN = 30;
        long latencyMs = 100;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--warm" -> warmN = Integer.parseInt(args[i + 1]);
                case "--cold" -> coldN = Integer.parseInt(args[i + 1]);
                case "--latency" -> latencyMs = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "TrustBench: java %s, %d cpus, %s %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"));
        String token = Tokens.sign(Tokens.v2Access());
        ValidationProfile api = ValidationProfile.defaults().withAudiences(List.of(Tokens.API_ID));
        warm(token, api, warmN);
        cold(token, api, coldN, latencyMs);
        System.exit(0);
    }

    // ---- (a) warm cache ---------------------------------------------------------------------------------------

    static void warm(String token, ValidationProfile api, int n) throws Exception {
        Path dir = Files.createTempDirectory("trustbench-cache");
        try (FakeEntra entra = new FakeEntra().tenant(Tokens.TENANT, Tokens.publicSet(Tokens.RSA_OTHER, Tokens.RSA))) {
            Inspector inspector = entra.inspector(dir);
            check(inspector.inspect(token, api));
            for (int i = 0; i < Math.max(200, n / 4); i++) inspector.inspect(token, api); // warm-up (JIT)
            int before = entra.requests.size();
            double[] ms = time(n, () -> inspector.inspect(token, api));
            print("warm   paste→verdict, memory cache", ms, "target ≤ 20 ms");
            System.out.printf(Locale.ROOT, "       requests during the %d timed pastes: %d%n", n, entra.requests.size() - before);

            int m = Math.max(50, n / 10);
            double[] disk = time(m, () -> entra.inspector(dir).inspect(token, api));
            print("warm   paste→verdict, new Inspector, disk cache", disk, "");
        }
    }

    // ---- (b) cold, 100 ms per response -------------------------------------------------------------------------

    static void cold(String token, ValidationProfile api, int runs, long latencyMs) throws Exception {
        String keys = Tokens.publicSet(Tokens.RSA_OTHER, Tokens.RSA).toString(true);
        String meta = "{\"issuer\":\"" + LOGIN + Tokens.TENANT + "/v2.0\",\"jwks_uri\":\"" + JWKS + "\"}";
        try (FakeEntra entra = new FakeEntra()) {
            entra.route(META, r -> delayed(meta, latencyMs));
            entra.route(JWKS, r -> delayed(keys, latencyMs));
            cold("FakeEntra", () -> entra.http(Duration.ofSeconds(10)), token, api, runs, latencyMs);
        }
        // MockWebServer leaves Nagle's algorithm on for the sockets it accepts; with the client's delayed ACKs that
        // stalls TLS handshake flights and the second of two interleaved HTTP/2 responses by ~40 ms. The same
        // documents from a server whose sockets set TCP_NODELAY (as production servers do) show the client alone.
        try (NoDelayServer nd = new NoDelayServer(java.util.Map.of(META, meta, JWKS, keys), latencyMs)) {
            cold("TCP_NODELAY", nd::http, token, api, runs, latencyMs);
        }
    }

    static void cold(String label, Supplier<Http> newHttp, String token, ValidationProfile api, int runs, long latencyMs) {
        Clock clock = Clock.fixed(Tokens.NOW, ZoneOffset.UTC);
        // Each run gets its own client (no pooled connection: TCP and TLS are paid again) and its own empty
        // store; they are built before the clock starts, as the app builds them once at start-up.
        Function<Http, Inspector> inspector =
                h -> new Inspector(new OnlineTrustResolver(new DocumentStore(h, null, Clock.systemUTC()), clock), clock);
        Supplier<Inspector> fresh = () -> inspector.apply(newHttp.get());
        ValidationProfile sequential = api.withKeys(META, null, false); // an override URL: jwks_uri not predictable

        // Warm up the JVM (not the cache: every timed run has its own store and connection).
        for (int i = 0; i < 10; i++) {
            check(fresh.get().inspect(token, api));
            check(fresh.get().inspect(token, sequential));
            fetch(newHttp.get());
        }
        Http reused = newHttp.get();
        fetch(reused);
        double[] pooledTrip = time(runs, () -> fetch(reused));
        double[] trip = timeEach(runs, newHttp, TrustBench::fetch);
        double[] parallel = timeEach(runs, fresh, i -> check(i.inspect(token, api)));
        double[] seq = timeEach(runs, fresh, i -> check(i.inspect(token, sequential)));
        // Cold cache on a warm connection (the app has talked to the login host before, e.g. for another tenant).
        Supplier<Inspector> pooled = () -> inspector.apply(reused);
        double[] parallelPooled = timeEach(runs, pooled, i -> check(i.inspect(token, api)));
        double[] seqPooled = timeEach(runs, pooled, i -> check(i.inspect(token, sequential)));
        double oneTrip = median(trip), onePooled = median(pooledTrip);
        String l = "cold[" + label + "] ";
        print(l + "one fetch, new connection (" + latencyMs + " ms delay)", trip, "= one round trip");
        print(l + "paste→verdict, Entra (parallel)", parallel,
                String.format(Locale.ROOT, "= %.2f × one round trip; target ≤ 1.3", median(parallel) / oneTrip));
        print(l + "paste→verdict, --metadata URL (sequential)", seq,
                String.format(Locale.ROOT, "= %.2f × one round trip", median(seq) / oneTrip));
        print(l + "one fetch, pooled connection", pooledTrip, "");
        print(l + "pooled: paste→verdict, Entra (parallel)", parallelPooled,
                String.format(Locale.ROOT, "= %.2f × one pooled fetch", median(parallelPooled) / onePooled));
        print(l + "pooled: paste→verdict, --metadata (sequential)", seqPooled,
                String.format(Locale.ROOT, "= %.2f × one pooled fetch", median(seqPooled) / onePooled));
    }

    /** HTTPS on loopback for Entra's host name, certificate from FakeEntra's CA, sockets with TCP_NODELAY. */
    static final class NoDelayServer implements AutoCloseable {
        final MockWebServer server = new MockWebServer();

        NoDelayServer(java.util.Map<String, String> docs, long latencyMs) throws java.io.IOException {
            HeldCertificate cert = new HeldCertificate.Builder().addSubjectAlternativeName("login.microsoftonline.com")
                    .signedBy(FakeEntra.ROOT).build();
            server.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert, FakeEntra.ROOT.certificate()).build()
                    .sslSocketFactory());
            server.setServerSocketFactory(new ServerSocketFactory() {
                @Override
                public ServerSocket createServerSocket() throws java.io.IOException {
                    return new ServerSocket() {
                        @Override
                        public Socket accept() throws java.io.IOException {
                            Socket s = super.accept();
                            s.setTcpNoDelay(true);
                            return s;
                        }
                    };
                }

                @Override
                public ServerSocket createServerSocket(int port) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public ServerSocket createServerSocket(int port, int backlog) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public ServerSocket createServerSocket(int port, int backlog, java.net.InetAddress address) {
                    throw new UnsupportedOperationException();
                }
            });
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest r) {
                    String body = docs.get(r.getUrl().scheme() + "://" + r.getUrl().host() + r.getUrl().encodedPath());
                    return body == null ? new MockResponse.Builder().code(404).body("{}").build() : delayed(body, latencyMs);
                }
            });
            server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        }

        Http http() {
            HandshakeCertificates cc = new HandshakeCertificates.Builder().addTrustedCertificate(FakeEntra.ROOT.certificate()).build();
            return new Http(FakeEntra.loopbackDns(), cc.sslSocketFactory(), cc.trustManager(), Duration.ofSeconds(10),
                    new FakeEntra.PortSocketFactory(server.getPort()));
        }

        @Override
        public void close() {
            server.close();
        }
    }

    static Object fetch(Http h) {
        try {
            return h.get(META, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds each run's subject with {@code setup} (untimed), then times {@code work} on it. */
    static <T> double[] timeEach(int n, Supplier<T> setup, java.util.function.Function<T, ?> work) {
        List<T> subjects = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) subjects.add(setup.get());
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            T s = subjects.get(i);
            long t0 = System.nanoTime();
            if (work.apply(s) == null) throw new IllegalStateException();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    static MockResponse delayed(String body, long ms) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body)
                .headersDelay(ms, TimeUnit.MILLISECONDS).build();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static Report check(Report r) {
        if (r.verdict() != Verdict.VALID) {
            throw new IllegalStateException("expected a valid token, got " + r.verdict() + ": " + r.summary());
        }
        return r;
    }

    static double[] time(int n, Supplier<?> work) {
        double[] ms = new double[n];
        Object sink = null;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            sink = work.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        if (sink == null) throw new IllegalStateException();
        return ms;
    }

    static double median(double[] ms) {
        return percentile(ms, 50);
    }

    static double percentile(double[] ms, double p) {
        double[] s = ms.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    static void print(String what, double[] ms, String note) {
        System.out.printf(Locale.ROOT, "%-66s n=%-5d median %8.2f ms  p95 %8.2f ms  min %8.2f ms  max %8.2f ms  %s%n",
                what, ms.length, median(ms), percentile(ms, 95), Arrays.stream(ms).min().orElse(0), Arrays.stream(ms).max().orElse(0),
                note);
    }
}
