package dev.tokenscope.engine.report;

import com.fasterxml.jackson.annotation.JsonValue;

/** valid: no step failed and the signature was proven; invalid: a step failed; undetermined: could not finish. */
public enum Verdict {
    VALID, INVALID, UNDETERMINED;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
