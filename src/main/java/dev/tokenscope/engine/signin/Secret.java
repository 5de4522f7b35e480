package dev.tokenscope.engine.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A value that must never be printed, logged or written to disk: client secrets, codes, verifiers, refresh tokens.
 * {@link #toString()} is redacted, so an accidental string concatenation or log line leaks nothing; only
 * {@link #reveal()} gives the value, and only the code that sends it over the wire calls it.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        if (value == null || value.isEmpty()) throw new IllegalArgumentException("a secret must not be empty");
        return new Secret(value);
    }

    /** Null when {@code value} is null or empty. */
    public static Secret ofNullable(String value) {
        return value == null || value.isEmpty() ? null : new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public int length() {
        return value.length();
    }

    @Override
    public String toString() {
        return "[redacted, " + value.length() + " chars]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && MessageDigest.isEqual(
                s.value.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
