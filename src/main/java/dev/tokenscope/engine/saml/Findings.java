package dev.tokenscope.engine.saml;

import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Step;

import java.util.ArrayList;
import java.util.List;

/** The steps and diagnoses of one inspection, in the order they were found. */
final class Findings {
    final List<Step> steps = new ArrayList<>();
    final List<Diagnosis> diagnoses = new ArrayList<>();

    void add(Step s) {
        steps.add(s);
    }

    void add(Diagnosis d) {
        if (diagnoses.stream().noneMatch(x -> x.id().equals(d.id()))) diagnoses.add(d);
    }

    void add(Step s, Diagnosis d) {
        add(s);
        add(d);
    }
}
