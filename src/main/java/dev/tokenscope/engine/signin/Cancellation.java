package dev.tokenscope.engine.signin;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Cancel button of a sign-in: {@link #cancel()} may be called from any thread; it wakes a waiting device-code
 * poll, closes the loopback listener and cancels the HTTP call in flight. One per sign-in attempt.
 */
public final class Cancellation {
    private final CountDownLatch latch = new CountDownLatch(1);
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (latch.getCount() == 0) return;
        latch.countDown();
        for (Runnable r : hooks) {
            try {
                r.run();
            } catch (RuntimeException ignored) {
                // a hook failing must not stop the others
            }
        }
    }

    public boolean isCancelled() {
        return latch.getCount() == 0;
    }

    /** Runs {@code r} on cancel (at once if already cancelled); the returned handle unregisters it. */
    public AutoCloseable onCancel(Runnable r) {
        hooks.add(r);
        if (isCancelled()) r.run();
        return () -> hooks.remove(r);
    }

    /** Waits {@code d} or until cancelled; true when cancelled. */
    public boolean sleep(Duration d) throws InterruptedException {
        return latch.await(Math.max(0, d.toMillis()), TimeUnit.MILLISECONDS);
    }
}
