package dev.tokenscope.cli;

/** A problem with what the user typed: one line on stderr (and a JSON object under --json), exit status 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
