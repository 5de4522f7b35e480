package dev.tokenscope.engine.token;

/**
 * One thing wrong with a token's structure: the part (header, payload, signature, token), what is
 * wrong, and the 0-based character offset in the compact token where it was found (-1 when the
 * problem has no single position).
 */
public record Problem(String part, String message, int offset) {
    @Override
    public String toString() {
        return part + ": " + message + (offset >= 0 ? " (at character " + offset + ")" : "");
    }
}
