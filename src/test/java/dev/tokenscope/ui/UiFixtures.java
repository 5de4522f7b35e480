package dev.tokenscope.ui;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.engine.trust.TrustState;
import dev.tokenscope.testing.Tokens;
import dev.tokenscope.ui.model.ProfileData;
import javafx.application.Platform;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Inspectors, keys and FX-thread helpers shared by the GUI tests. Every inspector evaluates at {@link Tokens#NOW}. */
final class UiFixtures {
    static final Clock CLOCK = Clock.fixed(Tokens.NOW, ZoneOffset.UTC);

    private UiFixtures() {
    }

    /** An inspector without trust material: key-dependent steps are skipped. */
    static Inspector plain() {
        return new Inspector(TrustResolver.offlineOnly(), CLOCK);
    }

    /** The engine's real trust chain (files, classpath samples, cache), never the network when the profile is offline. */
    static Inspector withTrustChain(Path cache) {
        return new Inspector(new OnlineTrustResolver(new DocumentStore(Http.standard(), cache, CLOCK), CLOCK), CLOCK);
    }

    /** Writes metadata + key set (the tests' RSA key and another) into {@code dir}; returns [metadata, jwks] paths. */
    static List<String> writeKeys(Path dir) throws IOException {
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, Tokens.publicSet(Tokens.RSA_OTHER, Tokens.RSA).toString());
        Path meta = dir.resolve("openid-configuration.json");
        Files.writeString(meta, "{\"issuer\":\"" + Tokens.V2_ISS + "\",\"jwks_uri\":\"https://login.microsoftonline.com/" + Tokens.TENANT
                + "/discovery/v2.0/keys\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
        return List.of(meta.toString(), keys.toString());
    }

    static ProfileData keysProfile(Path dir, String audience) throws IOException {
        List<String> files = writeKeys(dir);
        return new ProfileData("test keys", List.of(audience), null, null, null, null, 300, null, files.get(0), files.get(1), true);
    }

    static ValidationProfile validation(ProfileData p) {
        return new ValidationProfile(p.audiences(), p.tenants(), p.clients(), p.scopes(), p.roles(),
                java.time.Duration.ofSeconds(p.skewSeconds()),
                null, p.metadata(), p.jwks(), p.offline());
    }

    /** A trust resolver that blocks until {@code release} opens (or the worker is interrupted by Cancel). */
    static TrustResolver blocking(CountDownLatch release, CountDownLatch entered) {
        return (token, profile) -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
                return TrustState.none("released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return TrustState.none("interrupted");
            }
        };
    }

    static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    static void fx(Runnable r) {
        fxGet(() -> {
            r.run();
            return null;
        });
    }

    static <T> T fxGet(Supplier<T> s) {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Throwable> err = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                out.set(s.get());
            } catch (Throwable t) {
                err.set(t);
            } finally {
                done.countDown();
            }
        });
        try {
            if (!done.await(10, TimeUnit.SECONDS)) throw new AssertionError("FX thread did not answer in 10 s");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (err.get() instanceof RuntimeException re) throw re;
        if (err.get() instanceof Error e) throw e;
        if (err.get() != null) throw new RuntimeException(err.get());
        return out.get();
    }

    /** Waits (polling on the FX thread) until the condition holds. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (fxGet(condition::getAsBoolean)) return;
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }

    /** Round-trip latency of the FX thread in milliseconds (post a task, wait until it ran). */
    static long fxLatencyMillis() throws InterruptedException {
        long start = System.nanoTime();
        CountDownLatch l = new CountDownLatch(1);
        Platform.runLater(l::countDown);
        if (!l.await(5, TimeUnit.SECONDS)) return 5000;
        return (System.nanoTime() - start) / 1_000_000;
    }
}
