package dev.tokenscope.engine.apiconfig;

/** A configuration that can't be imported; the message names the source, the line and the field, never a secret value. */
public final class ApiConfigException extends Exception {
    public ApiConfigException(String message) {
        super(message);
    }

    static ApiConfigException at(String source, int line, String what) {
        return new ApiConfigException(source + (line > 0 ? " line " + line : "") + ": " + what);
    }
}
