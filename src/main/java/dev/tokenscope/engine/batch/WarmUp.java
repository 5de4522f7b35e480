package dev.tokenscope.engine.batch;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.samples.Samples;
import dev.tokenscope.engine.crypto.NativeCrypto;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.trust.OnlineTrustResolver;

import java.time.Clock;

/** What a batch run does ahead of its first token, off the caller's thread. */
public final class WarmUp {
    private WarmUp() {
    }

    /**
     * Starts, on a daemon thread, what the first token of a batch would otherwise wait for: one offline judgement
     * ({@link Inspector#judge}: every check, no presentation) of the bundled valid sample with its bundled keys (JSON,
     * JOSE and key parsing, trust, the checks) and, when the launcher loads the native crypto library from a directory of its own
     * ({@link NativeCrypto#loadsInPlace()}: the package, {@code ./tokenscope}), loading it. A command line calls this
     * before it parses its arguments, so on a machine with a second core this work overlaps the caller's own start-up
     * instead of following it. Nothing is fetched or written — which is also why the native library is not preloaded
     * when the provider would unpack it into the temp directory first: a daemon thread cut off by the JVM's exit
     * would leave the copy behind. Failures are ignored (the batch then does the same work itself).
     *
     * <p>A class of its own, so that starting it initialises nothing of the verifier on the caller's thread.
     */
    public static Thread start() {
        Thread t = new Thread(() -> {
            // The native library loads on a thread of its own, beside the judgement: the first token needs both.
            Thread nativeLoad = null;
            if (NativeCrypto.loadsInPlace()) {
                nativeLoad = new Thread(() -> {
                    try {
                        NativeCrypto.provider();
                    } catch (RuntimeException | LinkageError ignored) {
                        // the batch loads it itself, or goes without
                    }
                }, "tokenscope-warm-up-native");
                nativeLoad.setDaemon(true);
                nativeLoad.start();
            }
            try {
                Samples.load("01-valid-access-token").ifPresent(s -> new Inspector(
                        new OnlineTrustResolver(new DocumentStore(null, null, Clock.systemUTC()), Clock.systemUTC()), Clock.systemUTC())
                        .judge(s.token(), s.profile().withKeys(s.profile().metadata(), s.profile().jwks(), true)));
            } catch (RuntimeException | LinkageError ignored) {
                // only a head start
            } finally {
                try {
                    if (nativeLoad != null) nativeLoad.join(); // this thread's end is the end of all the warm-up
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "tokenscope-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
