package dev.tokenscope.ui.model;

import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.report.DiagnosisId;

import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.util.Optional;

/**
 * Where the screen goes for a report: the step to open when a new verdict arrives (the first failing one, else the first
 * warning) and the step a diagnosis (or the banner) explains.
 */
public final class StepFocus {
    private StepFocus() {
    }

    /** The step to expand for a new verdict: the first FAIL, else the first WARN; empty when every step passed. */
    public static Optional<String> first(Report r) {
        if (r == null) return Optional.empty();
        Optional<String> fail = r.steps().stream().filter(s -> s.status() == Status.FAIL).map(Step::id).findFirst();
        return fail.isPresent() ? fail : r.steps().stream().filter(s -> s.status() == Status.WARN).map(Step::id).findFirst();
    }

    /** The step diagnosis {@code id} explains, when the report has it; else the step a new verdict opens. */
    public static Optional<String> of(Report r, String diagnosisId) {
        if (r == null) return Optional.empty();
        String step = DiagnosisId.of(diagnosisId).map(d -> d.step().id()).orElse(null);
        if (step != null && r.step(step).isPresent()) return Optional.of(step);
        if (DiagnosisId.METADATA_UNREACHABLE.id().equals(diagnosisId) && r.step(StepId.KEYS.id()).isPresent()) {
            return Optional.of(StepId.KEYS.id());
        }
        return first(r);
    }

    /** The step the banner explains: the top diagnosis' step, else the first failing or warning one. */
    public static Optional<String> ofBanner(Report r) {
        if (r == null) return Optional.empty();
        return r.topDiagnosis().map(d -> of(r, d.id())).orElseGet(() -> first(r));
    }
}
