package dev.tokenscope.engine.net;

import java.io.IOException;

/** A fetch that failed, with the kind of failure and a message a user can act on (no stack trace needed). */
public final class FetchException extends IOException {
    public enum Kind {
        DNS, REFUSED, TIMEOUT, TLS, HTTP_STATUS, HTML, INVALID_JSON, WRONG_SHAPE, TOO_LARGE, REDIRECTS, INSECURE, OFFLINE, CANCELLED,
        FILE, IO
    }

    private final Kind kind;
    private final String url;

    public FetchException(Kind kind, String url, String message) {
        super(message);
        this.kind = kind;
        this.url = url;
    }

    public FetchException(Kind kind, String url, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.url = url;
    }

    public Kind kind() { return kind; }

    public String url() { return url; }
}
