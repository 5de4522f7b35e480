package dev.tokenscope.engine.report;

import dev.tokenscope.engine.check.Check;
import dev.tokenscope.engine.pipeline.Pipeline;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Step and diagnosis ids are enums: the pipeline's checks are exactly the steps, and the enum's order is the diagnoses' priority. */
class IdsTest {
    @Test
    void theStandardPipelineAndItsNoticesAreTheStepsInOrder() {
        List<String> checks = Pipeline.standard().checks().stream().map(Check::id).toList();
        assertEquals(Arrays.stream(StepId.values()).map(StepId::id).toList(), checks);
        assertTrue(checks.containsAll(Pipeline.NOTICES.stream().map(Check::id).toList()), "the notices run last");
    }

    @Test
    void diagnosesAreListedBySeverityThenInTheEnumsOrder() {
        List<Diagnosis> all = new ArrayList<>();
        for (DiagnosisId d : DiagnosisId.values()) all.add(new Diagnosis(d, "s", "e", "f"));
        all.add(new Diagnosis("saml-sha1", "s", "e", "f", Diagnosis.ERROR)); // another kind's id: after the token diagnoses
        all.add(Diagnosis.warn(DiagnosisId.EXPIRING_SOON, "s", "e", "f"));
        List<Diagnosis> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.sort(Verdicts.ORDER);
        List<String> ids = shuffled.stream().map(Diagnosis::id).toList();
        assertEquals("malformed-token", ids.get(0));
        assertEquals("saml-sha1", ids.get(DiagnosisId.values().length), "an unknown error id ranks after every known error id");
        assertEquals("expiring-soon", ids.get(ids.size() - 1), "the one warning comes after every error");
        for (int i = 1; i < DiagnosisId.values().length; i++) {
            assertTrue(DiagnosisId.priority(ids.get(i - 1)) < DiagnosisId.priority(ids.get(i)), ids.get(i - 1) + " before " + ids.get(i));
        }
    }

    @Test
    void idsRoundTrip() {
        for (DiagnosisId d : DiagnosisId.values()) assertEquals(d, DiagnosisId.of(d.id()).orElseThrow());
        assertEquals("key-match", StepId.KEY_MATCH.id());
        assertEquals("signature-invalid", DiagnosisId.SIGNATURE_INVALID.id());
        assertTrue(DiagnosisId.of("saml-sha1").isEmpty());
    }
}
