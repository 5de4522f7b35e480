package dev.tokenscope.cli;

import dev.tokenscope.engine.report.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands' shared preamble: the profile or a usage error, colour, and the verdict's exit status. */
class CommandsTest {
    @Test
    void onlyAValidVerdictExitsZero() {
        assertEquals(Cli.VALID, Commands.exitStatus(Verdict.VALID));
        assertEquals(Cli.INVALID, Commands.exitStatus(Verdict.INVALID));
        assertEquals(Cli.INVALID, Commands.exitStatus(Verdict.UNDETERMINED));
    }

    @Test
    void noColorMeansNoColour() {
        assertFalse(Commands.useColor(true));
    }

    @Test
    void theOptionsBecomeTheProfile() throws Exception {
        ValidationOptions v = new ValidationOptions();
        v.audiences.add("api://orders");
        v.skewSeconds = 60;
        var p = Commands.profile(v);
        assertEquals(List.of("api://orders"), p.audiences());
        assertEquals(Duration.ofSeconds(60), p.skew());
    }

    @Test
    void anOutOfRangeOptionIsAUsageErrorNamingIt() {
        ValidationOptions v = new ValidationOptions();
        v.skewSeconds = -1;
        UsageException e = assertThrows(UsageException.class, () -> Commands.profile(v));
        assertTrue(e.getMessage().contains("--skew"), e.getMessage());
    }
}
