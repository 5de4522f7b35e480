package dev.tokenscope;

import java.time.Duration;
import java.time.Instant;

/**
 * Start-up measurement: with {@code -Dtokenscope.startupTrace=true} the GUI prints
 * {@code tokenscope.startup shown_ms=N} (process start → first window shown) to stderr, and, when it was started with
 * a file ({@code tokenscope open FILE}), {@code tokenscope.startup verdict_ms=N verdict=WORD} once that file's verdict
 * is on screen. {@code -Dtokenscope.exitAfterShown=true} exits once the window is shown (packaging's class-list run,
 * the benchmark), {@code -Dtokenscope.exitAfterVerdict=true} once the first verdict is.
 */
public final class StartupTrace {
    private static final boolean TRACE = Boolean.getBoolean("tokenscope.startupTrace");
    private static final StringBuilder PHASES = new StringBuilder();

    private StartupTrace() {
    }

    /**
     * Milliseconds since the process started. On Linux from {@code /proc} (the process's start and the uptime, both
     * counted from boot, 10 ms resolution): {@link ProcessHandle.Info#startInstant()} adds the boot time, which the
     * kernel gives in whole seconds, so it is late by a constant 0–999 ms per boot. Elsewhere from {@code startInstant}.
     */
    static long sinceStart() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            // Fields after the command name (which may hold spaces, so split after its closing parenthesis): the start
            // time is field 22 of the whole line, so the 20th after ") ".
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(f[19]);
            String up = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/uptime"));
            double uptime = Double.parseDouble(up.substring(0, up.indexOf(' ')));
            return Math.round(uptime * 1000) - startTicks * 10; // USER_HZ is 100 on Linux
        } catch (java.io.IOException | RuntimeException e) {
            return ProcessHandle.current().info().startInstant()
                    .map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L);
        }
    }

    /**
     * CPU time of the calling thread so far (Linux: /proc/thread-self/schedstat, in ns), -1 elsewhere. The trace prints
     * the FX thread's: its work to the first window, which a loaded machine delays but does not add to.
     */
    static long threadCpuMs() {
        try {
            String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/schedstat"));
            return Long.parseLong(s.substring(0, s.indexOf(' '))) / 1_000_000;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A phase of the start (printed with the trace, nothing otherwise). */
    public static void mark(String phase) {
        if (TRACE) PHASES.append(' ').append(phase).append('=').append(sinceStart());
    }

    /** Called by the GUI once its first window is shown. Returns true when the app should exit now. */
    public static boolean windowShown() {
        if (TRACE || Boolean.getBoolean("tokenscope.exitAfterShown")) {
            System.err.println("tokenscope.startup shown_ms=" + sinceStart()
                    + (TRACE ? " fx_cpu_ms=" + threadCpuMs() + " phases:" + PHASES : ""));
        }
        return Boolean.getBoolean("tokenscope.exitAfterShown");
    }

    /** Called by the GUI once the verdict of the file it was started with is on screen. Returns true to exit now. */
    public static boolean verdictShown(String word) {
        boolean exit = Boolean.getBoolean("tokenscope.exitAfterVerdict");
        if (TRACE || exit) System.err.println(verdictLine(sinceStart(), word));
        return exit;
    }

    static String verdictLine(long ms, String word) {
        return "tokenscope.startup verdict_ms=" + ms + " verdict=" + word;
    }
}
