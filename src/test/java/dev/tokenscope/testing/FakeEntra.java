package dev.tokenscope.testing;

import com.nimbusds.jose.jwk.JWKSet;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Dns;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTPS server on loopback that answers for Entra's host names (login.microsoftonline.com,
 * sts.windows.net, *.b2clogin.com, *.ciamlogin.com …): the client resolves every name to 127.0.0.1 and
 * reaches the server's port through a socket factory, and trusts the fake's own CA. Routes map
 * "host + path[?query]" to responses; every request is counted.
 */
public final class FakeEntra implements AutoCloseable {
    public static final HeldCertificate ROOT = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("Tokenscope Test CA").build();
    private static final HeldCertificate SERVER = new HeldCertificate.Builder().commonName("fake-entra")
            .addSubjectAlternativeName("login.microsoftonline.com").addSubjectAlternativeName("sts.windows.net")
            .addSubjectAlternativeName("login.microsoftonline.us").addSubjectAlternativeName("login.chinacloudapi.cn")
            .addSubjectAlternativeName("*.b2clogin.com").addSubjectAlternativeName("*.ciamlogin.com")
            .addSubjectAlternativeName("issuer.example").addSubjectAlternativeName("localhost")
            .signedBy(ROOT).build();

    public final MockWebServer server = new MockWebServer();
    private final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    public final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    public FakeEntra() {
        HandshakeCertificates serverCerts = new HandshakeCertificates.Builder().heldCertificate(SERVER, ROOT.certificate()).build();
        server.useHttps(serverCerts.sslSocketFactory());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                requests.add(r);
                String key = r.getUrl().host() + r.getUrl().encodedPath()
                        + (r.getUrl().encodedQuery() == null ? "" : "?" + r.getUrl().encodedQuery());
                counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                Function<RecordedRequest, MockResponse> f = routes.get(key);
                return f != null ? f.apply(r) : new MockResponse.Builder().code(404).body("{\"error\":\"not found\"}").build();
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves {@code body} as JSON at https://{host}{pathAndQuery}. */
    public FakeEntra json(String url, String body) {
        return route(url, r -> new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build());
    }

    public FakeEntra route(String url, Function<RecordedRequest, MockResponse> f) {
        routes.put(strip(url), f);
        return this;
    }

    /** How often {@code url} was requested. */
    public int count(String url) {
        AtomicInteger c = counts.get(strip(url));
        return c == null ? 0 : c.get();
    }

    private static String strip(String url) {
        return url.replaceFirst("^https?://", "");
    }

    /** Publishes Entra-style v2 and v1 metadata plus key sets for a tenant. */
    public FakeEntra tenant(String tid, JWKSet keys) {
        String host = "https://login.microsoftonline.com/";
        json(host + tid + "/v2.0/.well-known/openid-configuration", "{\"token_endpoint\":\"" + host + tid + "/oauth2/v2.0/token\","
                + "\"jwks_uri\":\"" + host + tid + "/discovery/v2.0/keys\",\"issuer\":\"" + host + tid + "/v2.0\","
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
        json(host + tid + "/.well-known/openid-configuration", "{\"jwks_uri\":\"" + host + "common/discovery/keys\",\"issuer\":\"https://sts.windows.net/"
                + tid + "/\"}");
        String set = keys.toString(true);
        json(host + tid + "/discovery/v2.0/keys", set);
        json(host + "common/discovery/keys", set);
        return this;
    }

    public int port() {
        return server.getPort();
    }

    /** The production Http client, pointed at this server through Dns, trust store and socket factory. */
    public Http http(Duration timeout) {
        HandshakeCertificates client = new HandshakeCertificates.Builder().addTrustedCertificate(ROOT.certificate()).build();
        return new Http(loopbackDns(), client.sslSocketFactory(), client.trustManager(), timeout, new PortSocketFactory(port()));
    }

    public Http http() {
        return http(Duration.ofSeconds(5));
    }

    /** An Inspector (with a fresh cache in {@code cacheDir}, may be null) whose trust chain goes to this server. */
    public Inspector inspector(Path cacheDir) {
        return inspector(cacheDir, Duration.ofSeconds(5));
    }

    /** The same with the given call timeout (fault tests use a short one so they end quickly). */
    public Inspector inspector(Path cacheDir, Duration timeout) {
        return inspector(http(timeout), cacheDir);
    }

    /** An Inspector at {@link Tokens#NOW} whose trust chain uses {@code http} (e.g. one without the fake's CA). */
    public static Inspector inspector(Http http, Path cacheDir) {
        Clock clock = Clock.fixed(Tokens.NOW, ZoneOffset.UTC);
        return new Inspector(new OnlineTrustResolver(new DocumentStore(http, cacheDir, clock), clock), clock);
    }

    public static Dns loopbackDns() {
        return host -> List.of(InetAddress.getLoopbackAddress());
    }

    @Override
    public void close() {
        server.close();
    }

    /** Sends every connection to the fake's port, whatever port the URL names (443 for real Entra URLs). */
    public static final class PortSocketFactory extends SocketFactory {
        private final int port;

        public PortSocketFactory(int port) {
            this.port = port;
        }

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    InetSocketAddress a = (InetSocketAddress) endpoint;
                    super.connect(new InetSocketAddress(a.getAddress(), port), timeout);
                }
            };
        }

        @Override
        public Socket createSocket(String host, int p) throws IOException {
            return new Socket(host, port);
        }

        @Override
        public Socket createSocket(String host, int p, InetAddress localHost, int localPort) throws IOException {
            return new Socket(host, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int p) throws IOException {
            return new Socket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int p, InetAddress localAddress, int localPort) throws IOException {
            return new Socket(address, port, localAddress, localPort);
        }
    }
}
