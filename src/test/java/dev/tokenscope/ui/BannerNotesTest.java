package dev.tokenscope.ui;

import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.ui.model.Banner;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A valid verdict may still carry warnings and notes: they show under the banner, the headline stays the verdict's. */
class BannerNotesTest {
    static Report report(Verdict v, List<Diagnosis> d) {
        return new Report("Tokenscope", "t", "2026-03-01T12:00:00Z", v, "Valid for api", null, null, null, List.of(), d);
    }

    @Test
    void warnAndInfoDiagnosesAreNotesErrorsAreNot() {
        Report r = report(Verdict.VALID, List.of(
                new Diagnosis("group-overage", "Groups overage: the API must call Graph", "e", "f", "warn"),
                new Diagnosis("cae-capable-client", "The client handles claims challenges\u202e", "e", "f", "info")));
        assertEquals("Warning: Groups overage: the API must call Graph\nNote: The client handles claims challenges\\u202e",
                Banner.notes(r));
        assertEquals("", Banner.notes(report(Verdict.INVALID, List.of(new Diagnosis("expired", "Expired", "e", "f")))));
        assertEquals("", Banner.notes(null));
    }
}
