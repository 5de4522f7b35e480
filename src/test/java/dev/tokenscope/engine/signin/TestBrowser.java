package dev.tokenscope.engine.signin;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The "browser" of the sign-in tests: an HTTP client that requests the authorization URL from the (non-interactive)
 * provider and follows its redirect to Tokenscope's loopback listener, on its own thread like a real browser. Modes
 * forge the state, answer with an error redirect, or do nothing (the user never finishes).
 */
public final class TestBrowser implements BrowserLauncher {
    public enum Mode { FOLLOW, FORGE_STATE, ERROR_REDIRECT, NOTHING }

    private final Mode mode;
    private final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).callTimeout(Duration.ofSeconds(10)).build();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Runnable whileListening;
    public volatile URI authorizationUrl;
    /** The code the provider put in its redirect (so tests can look for it in logs). */
    public volatile String code;
    /** The listener URL the browser went to. */
    public volatile String redirectTarget;
    public volatile int pageStatus;
    public volatile String page;
    public volatile Throwable failure;

    public TestBrowser(Mode mode) {
        this(mode, null);
    }

    /** @param whileListening run on the browser thread before it follows the redirect (the listener is up then) */
    public TestBrowser(Mode mode, Runnable whileListening) {
        this.mode = mode;
        this.whileListening = whileListening;
    }

    @Override
    public void open(URI url) {
        authorizationUrl = url;
        if (mode == Mode.NOTHING) {
            done.countDown();
            return;
        }
        Thread t = new Thread(() -> {
            try {
                run(url);
            } catch (Throwable e) {
                failure = e;
            } finally {
                done.countDown();
            }
        }, "test-browser");
        t.setDaemon(true);
        t.start();
    }

    private void run(URI url) throws IOException {
        if (whileListening != null) whileListening.run();
        HttpUrl authorize = HttpUrl.get(url.toString());
        String target;
        if (mode == Mode.ERROR_REDIRECT) {
            target = HttpUrl.get(authorize.queryParameter("redirect_uri")).newBuilder()
                    .addQueryParameter("error", "access_denied")
                    .addQueryParameter("error_description",
                            "AADSTS65004: User declined to consent to access the app.\r\nTrace ID: t-1\r\nCorrelation ID: c-1")
                    .addQueryParameter("state", authorize.queryParameter("state")).build().toString();
        } else {
            try (Response r = http.newCall(new Request.Builder().url(authorize).build()).execute()) {
                if (!r.isRedirect()) throw new IOException("the provider answered " + r.code() + " instead of redirecting");
                target = r.header("Location");
            }
            HttpUrl loc = HttpUrl.get(target);
            code = loc.queryParameter("code");
            if (mode == Mode.FORGE_STATE) target = loc.newBuilder().setQueryParameter("state", "forged-state").build().toString();
        }
        redirectTarget = target;
        try (Response r = http.newCall(new Request.Builder().url(target).build()).execute()) {
            pageStatus = r.code();
            page = r.body().string();
        }
    }

    /** Waits for the browser thread; rethrows what it hit. */
    public TestBrowser await() throws Exception {
        if (!done.await(15, TimeUnit.SECONDS)) throw new AssertionError("the test browser did not finish");
        if (failure instanceof Exception e) throw e;
        if (failure instanceof Error e) throw e;
        return this;
    }
}
