package dev.tokenscope.engine.report;

import java.util.Objects;

/** A named root cause: a stable kebab-case id, a one-line summary, an expert's explanation and the fix. */
public record Diagnosis(String id, String summary, String explanation, String fix) {
    public Diagnosis {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(summary, "summary");
    }
}
