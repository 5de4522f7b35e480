package dev.tokenscope.engine.input;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A token-like string found in the input: its role, where it was found and (for inspectable roles) its
 * value. Refresh tokens and codes keep their value only in memory, so the caller can redeem them; the
 * report never shows it.
 */
public record Candidate(Role role, String source, @JsonIgnore String value) {
    public int length() {
        return value == null ? 0 : value.length();
    }
}
