package dev.tokenscope.engine.report;

import java.util.Objects;

/**
 * A named root cause or notable fact: a stable kebab-case id, a one-line summary, an expert's explanation, the fix,
 * and a severity. {@code error} diagnoses are root causes of an invalid or open verdict; {@code warn} and {@code info}
 * ones are what a token still tells you (they never change a verdict).
 */
public record Diagnosis(String id, String summary, String explanation, String fix, String severity) {
    public static final String ERROR = "error";
    public static final String WARN = "warn";
    public static final String INFO = "info";

    public Diagnosis {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(summary, "summary");
        severity = severity == null ? ERROR : severity;
        if (!severity.equals(ERROR) && !severity.equals(WARN) && !severity.equals(INFO)) {
            throw new IllegalArgumentException("severity must be error, warn or info: " + severity);
        }
    }

    /** A root cause (severity {@code error}). */
    public Diagnosis(String id, String summary, String explanation, String fix) {
        this(id, summary, explanation, fix, ERROR);
    }

    /** A root cause with one of the token diagnoses' ids. */
    public Diagnosis(DiagnosisId id, String summary, String explanation, String fix) {
        this(id.id(), summary, explanation, fix, ERROR);
    }

    public static Diagnosis warn(DiagnosisId id, String summary, String explanation, String fix) {
        return new Diagnosis(id.id(), summary, explanation, fix, WARN);
    }

    public static Diagnosis info(DiagnosisId id, String summary, String explanation, String fix) {
        return new Diagnosis(id.id(), summary, explanation, fix, INFO);
    }

    /** True when this is diagnosis {@code id}. */
    public boolean is(DiagnosisId id) {
        return this.id.equals(id.id());
    }

    public static Diagnosis warn(String id, String summary, String explanation, String fix) {
        return new Diagnosis(id, summary, explanation, fix, WARN);
    }

    public static Diagnosis info(String id, String summary, String explanation, String fix) {
        return new Diagnosis(id, summary, explanation, fix, INFO);
    }

    /** True for a root cause; false for a warn/info diagnosis, which never changes a verdict. */
    public boolean error() {
        return ERROR.equals(severity);
    }

    /** 0 error, 1 warn, 2 info: the order diagnoses are listed in, before their priority. */
    public int rank() {
        return switch (severity) {
            case ERROR -> 0;
            case WARN -> 1;
            default -> 2;
        };
    }
}
