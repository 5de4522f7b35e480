package dev.tokenscope;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupTraceTest {
    @Test
    void theTimeSinceStartIsTheProcessAge() {
        // The JVM's own uptime starts a little after the process did: the trace may be ahead of it by the JVM's
        // creation, never behind it, and never by the up-to-a-second error of the boot time in whole seconds.
        long jvm = ManagementFactory.getRuntimeMXBean().getUptime();
        long trace = StartupTrace.sinceStart();
        long jvmAfter = ManagementFactory.getRuntimeMXBean().getUptime();
        assertTrue(trace >= jvm - 20, trace + " ms vs JVM uptime " + jvm + " ms");
        assertTrue(trace <= jvmAfter + 400, trace + " ms vs JVM uptime " + jvmAfter + " ms");
    }

    @Test
    void theVerdictLineHasTheDocumentedShape() {
        assertEquals("tokenscope.startup verdict_ms=1234 verdict=invalid", StartupTrace.verdictLine(1234, "invalid"));
    }
}
