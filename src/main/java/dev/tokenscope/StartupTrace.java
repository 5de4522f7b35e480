package dev.tokenscope;

import java.time.Duration;
import java.time.Instant;

/**
 * Start-up measurement: with {@code -Dtokenscope.startupTrace=true} the GUI prints
 * {@code tokenscope.startup shown_ms=N} (process start → first window shown) to stderr; with
 * {@code -Dtokenscope.exitAfterShown=true} it exits right after (packaging's AppCDS training run, the benchmark).
 */
public final class StartupTrace {
    private StartupTrace() {
    }

    /** Called by the GUI once its first window is shown. Returns true when the app should exit now. */
    public static boolean windowShown() {
        if (Boolean.getBoolean("tokenscope.startupTrace") || Boolean.getBoolean("tokenscope.exitAfterShown")) {
            long ms = ProcessHandle.current().info().startInstant()
                    .map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L);
            System.err.println("tokenscope.startup shown_ms=" + ms);
        }
        return Boolean.getBoolean("tokenscope.exitAfterShown");
    }
}
