package dev.tokenscope.engine.har;

import java.io.IOException;

/** The input is not a HAR capture (or is cut off before its entries), with a message a user can act on. */
public final class HarFormatException extends IOException {
    public HarFormatException(String message) {
        super(message);
    }

    public HarFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
