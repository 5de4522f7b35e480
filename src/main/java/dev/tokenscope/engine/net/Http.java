package dev.tokenscope.engine.net;

import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The one HTTP client of the engine. Bounded in every direction: connect/read/call timeouts (10 s in all by
 * default), a 1 MiB response cap (after decompression), at most 3 redirects, HTTPS only except loopback.
 * Every failure becomes a {@link FetchException} with a specific kind and message. Tests pass their own
 * {@link Dns} and trust store through the constructor; nothing else differs from production.
 */
public final class Http {
    public static final int MAX_BYTES = 1 << 20;
    public static final int MAX_REDIRECTS = 3;
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    /** Built on first use, off the UI thread: OkHttp, Kotlin and the platform's TLS set-up cost ~0.5 s at start-up. */
    private final Supplier<OkHttpClient> clientFactory;
    private volatile OkHttpClient client;
    private final Duration callTimeout;
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    /** Calls cancelled by {@link #cancelAll()}; OkHttp also marks a call cancelled when its call timeout fires. */
    private final Set<Call> cancelledByUser = ConcurrentHashMap.newKeySet();
    private final AtomicLong cancelGeneration = new AtomicLong();

    /** A response that arrived whole and within the limits. */
    public record Fetched(String url, int status, byte[] body, String contentType, String etag, String cacheControl, Instant receivedAt) {
    }

    public Http(Dns dns, SSLSocketFactory sslSocketFactory, X509TrustManager trustManager, Duration callTimeout) {
        this(dns, sslSocketFactory, trustManager, callTimeout, null);
    }

    /**
     * @param dns              name resolution (tests map Entra host names to loopback), null for the system's
     * @param sslSocketFactory TLS socket factory with the trust store, null for the system's
     * @param trustManager     the trust manager matching it
     * @param callTimeout      the whole call's limit (connect, read and body)
     * @param socketFactory    plain socket factory (tests use one that reaches a loopback port), null for the default
     */
    public Http(Dns dns, SSLSocketFactory sslSocketFactory, X509TrustManager trustManager, Duration callTimeout,
                SocketFactory socketFactory) {
        this.clientFactory = () -> build(dns, sslSocketFactory, trustManager, callTimeout, socketFactory);
        this.callTimeout = callTimeout;
    }

    private OkHttpClient client() {
        OkHttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) client = c = clientFactory.get();
            }
        }
        return c;
    }

    private static OkHttpClient build(Dns dns, SSLSocketFactory sslSocketFactory, X509TrustManager trustManager, Duration callTimeout,
                                      SocketFactory socketFactory) {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofMillis(Math.min(4000, callTimeout.toMillis())))
                .readTimeout(Duration.ofMillis(Math.min(5000, callTimeout.toMillis())))
                .writeTimeout(Duration.ofMillis(Math.min(5000, callTimeout.toMillis())))
                .callTimeout(callTimeout)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false);
        if (dns != null) b.dns(dns);
        if (socketFactory != null) b.socketFactory(socketFactory);
        if (sslSocketFactory != null && trustManager != null) b.sslSocketFactory(sslSocketFactory, trustManager);
        return b.build();
    }

    public static Http standard() {
        return new Http(null, null, null, CALL_TIMEOUT);
    }

    /** Cancels every request in flight (the GUI's Cancel). */
    public void cancelAll() {
        cancelGeneration.incrementAndGet();
        for (Call c : inFlight) {
            cancelledByUser.add(c);
            c.cancel();
        }
    }

    /**
     * GET with an optional If-None-Match; follows up to 3 redirects, each checked for HTTPS. A 304 is returned as is.
     * The call timeout bounds the whole exchange, redirects included.
     */
    public Fetched get(String url, String ifNoneMatch) throws FetchException {
        String current = url;
        long generation = cancelGeneration.get();
        long deadline = System.nanoTime() + callTimeout.toNanos();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpUrl parsed = checkUrl(current);
            if (cancelGeneration.get() != generation) throw new FetchException(FetchException.Kind.CANCELLED, current, "cancelled");
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new FetchException(FetchException.Kind.TIMEOUT, current, "timed out talking to " + host(current) + " (limit "
                        + callTimeout.toMillis() / 1000.0 + " s, redirects included)");
            }
            Request.Builder rb = new Request.Builder().url(parsed).header("Accept", "application/json")
                    .header("User-Agent", "Tokenscope");
            if (ifNoneMatch != null && hop == 0) rb.header("If-None-Match", ifNoneMatch);
            Call call = client().newCall(rb.build());
            call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
            inFlight.add(call);
            try (Response r = call.execute()) {
                if (r.isRedirect()) {
                    String location = r.header("Location");
                    HttpUrl next = location == null ? null : parsed.resolve(location);
                    if (next == null) {
                        throw new FetchException(FetchException.Kind.HTTP_STATUS, current,
                                "HTTP " + r.code() + " redirect without a usable Location");
                    }
                    current = next.toString();
                    continue;
                }
                if (r.code() == 304) {
                    return new Fetched(current, 304, new byte[0], null, r.header("ETag"), r.header("Cache-Control"), Instant.now());
                }
                byte[] body = readCapped(r.body(), current);
                if (!r.isSuccessful()) {
                    String retry = r.header("Retry-After");
                    throw new FetchException(FetchException.Kind.HTTP_STATUS, current, "HTTP " + r.code() + " from " + host(current)
                            + (r.code() == 404 ? " (not found: is the tenant or policy in the URL right?)" : "")
                            + (r.code() == 429 ? " (too many requests" + (retry != null ? "; retry after " + retry.trim()
                                    + (retry.trim().matches("\\d+") ? " s" : "") : "") + ")" : "")
                            + (r.code() >= 500 ? " (server error; try again later)" : ""));
                }
                return new Fetched(current, r.code(), body, r.header("Content-Type"), r.header("ETag"), r.header("Cache-Control"),
                        Instant.now());
            } catch (FetchException e) {
                throw e;
            } catch (IOException e) {
                throw translate(e, current, cancelledByUser.contains(call) || cancelGeneration.get() != generation, callTimeout);
            } finally {
                inFlight.remove(call);
                cancelledByUser.remove(call);
            }
        }
        throw new FetchException(FetchException.Kind.REDIRECTS, url,
                "more than " + MAX_REDIRECTS + " redirects starting at " + url + " (a redirect loop?)");
    }

    /**
     * POST of an {@code application/x-www-form-urlencoded} body (the OAuth token and device-authorization endpoints).
     * Unlike {@link #get}, an answer of any status is returned as is (OAuth errors come as 400 with a JSON body) and
     * redirects are not followed; the same HTTPS-only-except-loopback rule, timeouts and 1 MiB cap apply.
     *
     * @param form    the parameters in order (values are sent, never logged here)
     * @param headers extra request headers (e.g. {@code Origin}), may be empty
     */
    public Fetched postForm(String url, List<Map.Entry<String, String>> form, Map<String, String> headers) throws FetchException {
        return exchange(url, form, headers);
    }

    /**
     * One GET (when {@code form} is null) or form POST, returning the answer whatever its status, without following
     * redirects: for protocol endpoints whose error answers carry a body worth reading (OAuth, discovery of a wrong tenant).
     */
    public Fetched exchange(String url, List<Map.Entry<String, String>> form, Map<String, String> headers) throws FetchException {
        HttpUrl parsed = checkUrl(url);
        Request.Builder rb = new Request.Builder().url(parsed).header("Accept", "application/json").header("User-Agent", "Tokenscope");
        if (form != null) {
            FormBody.Builder fb = new FormBody.Builder();
            for (Map.Entry<String, String> e : form) fb.add(e.getKey(), e.getValue());
            rb.post(fb.build());
        }
        if (headers != null) {
            for (Map.Entry<String, String> h : headers.entrySet()) rb.header(h.getKey(), h.getValue());
        }
        Call call = client().newCall(rb.build());
        inFlight.add(call);
        try (Response r = call.execute()) {
            byte[] body = readCapped(r.body(), url);
            return new Fetched(url, r.code(), body, r.header("Content-Type"), r.header("ETag"), r.header("Cache-Control"), Instant.now());
        } catch (FetchException e) {
            throw e;
        } catch (IOException e) {
            throw translate(e, url, cancelledByUser.contains(call), callTimeout);
        } finally {
            inFlight.remove(call);
            cancelledByUser.remove(call);
        }
    }

    private static byte[] readCapped(ResponseBody body, String url) throws IOException {
        if (body == null) return new byte[0];
        if (body.contentLength() > MAX_BYTES) {
            throw new FetchException(FetchException.Kind.TOO_LARGE, url, "response of " + body.contentLength() + " bytes from " + host(url)
                    + " exceeds the " + (MAX_BYTES >> 10) + " KiB limit; metadata and key sets are a few KiB");
        }
        BufferedSource src = body.source();
        if (src.request(MAX_BYTES + 1L)) {
            throw new FetchException(FetchException.Kind.TOO_LARGE, url, "response from " + host(url) + " exceeds the "
                    + (MAX_BYTES >> 10) + " KiB limit; metadata and key sets are a few KiB");
        }
        return src.readByteArray();
    }

    static HttpUrl checkUrl(String url) throws FetchException {
        HttpUrl u = HttpUrl.parse(url);
        if (u == null) throw new FetchException(FetchException.Kind.INSECURE, url, "not an http(s) URL: " + url);
        if (!u.isHttps() && !isLoopback(u.host())) {
            throw new FetchException(FetchException.Kind.INSECURE, url, "refusing plain HTTP to " + u.host()
                    + ": keys and metadata must come over HTTPS (plain HTTP is allowed for loopback only)");
        }
        return u;
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) return true;
        if (host.startsWith("127.") || host.equals("::1") || host.equals("[::1]")) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    static FetchException translate(IOException e, String url, boolean cancelled, Duration limit) {
        String h = host(url);
        if (cancelled) return new FetchException(FetchException.Kind.CANCELLED, url, "cancelled", e);
        if (e instanceof UnknownHostException) {
            return new FetchException(FetchException.Kind.DNS, url,
                    "DNS: " + h + " could not be resolved (offline, or a typo in the host?)", e);
        }
        if (e instanceof ConnectException) {
            return new FetchException(FetchException.Kind.REFUSED, url, "connection to " + h + " refused", e);
        }
        // OkHttp reports its call timeout as InterruptedIOException("timeout") on a call it marks cancelled; only
        // cancelAll() is a user's cancel.
        if (e instanceof SocketTimeoutException
                || (e instanceof InterruptedIOException && String.valueOf(e.getMessage()).contains("timeout"))) {
            return new FetchException(FetchException.Kind.TIMEOUT, url,
                    "timed out talking to " + h + " (limit " + limit.toMillis() / 1000.0 + " s)", e);
        }
        if (e instanceof InterruptedIOException) return new FetchException(FetchException.Kind.CANCELLED, url, "interrupted", e);
        if (e instanceof SSLException) {
            String m = String.valueOf(e.getMessage());
            String why = m.contains("PKIX") || m.contains("certification path") ? "the server's certificate is not trusted"
                    : m.toLowerCase(Locale.ROOT).contains("hostname") || m.contains("subject alternative")
                            ? "the certificate is for another host"
                    : m.contains("expired") ? "the certificate has expired" : m;
            return new FetchException(FetchException.Kind.TLS, url, "TLS with " + h + " failed: " + why, e);
        }
        return new FetchException(FetchException.Kind.IO, url, "could not fetch from " + h + ": " + e.getMessage(), e);
    }

    static String host(String url) {
        HttpUrl u = HttpUrl.parse(url);
        return u == null ? url : u.host() + (u.port() != HttpUrl.defaultPort(u.scheme()) ? ":" + u.port() : "");
    }
}
