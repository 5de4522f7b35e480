package dev.tokenscope.engine.report;

import com.fasterxml.jackson.annotation.JsonValue;

/** Outcome of one validation step. Every face shows it with a word or icon, never colour alone. */
public enum Status {
    PASS, WARN, FAIL, SKIP, INFO;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
