package dev.tokenscope.engine.signin;

import java.util.Optional;

/**
 * A sign-in that did not produce tokens, with the reason in words a user can act on. When the provider answered
 * with an OAuth error, {@link #oauthError()} has it (with the AADSTS explanations).
 */
public final class SignInException extends Exception {
    private static final long serialVersionUID = 1L;
    /** Why the sign-in stopped. */
    public enum Kind {
        /** Bad input: authority, client id, scopes, redirect URI, extra parameters. */
        CONFIG,
        /** The discovery document could not be fetched or read. */
        DISCOVERY,
        /** A network failure talking to the provider. */
        NETWORK,
        /** The provider answered with an OAuth error (token endpoint or error redirect). */
        OAUTH_ERROR,
        /** The redirect's {@code state} did not match: a forged or stale redirect. */
        STATE_MISMATCH,
        /** The ID token's {@code nonce} did not match the request's. */
        NONCE_MISMATCH,
        /** No redirect (or device approval) within the time allowed. */
        TIMEOUT,
        /** The user cancelled. */
        CANCELLED,
        /** The fixed loopback port is taken by another program. */
        PORT_IN_USE,
        /** The browser could not be opened (the URL is still shown). */
        BROWSER,
        /** The device code expired before the user approved it. */
        EXPIRED,
        /** The user declined (access_denied / authorization_declined). */
        DENIED,
        /** The provider's answer was not what the protocol says. */
        INVALID_RESPONSE
    }

    private final Kind kind;
    private final transient OAuthError oauthError;

    public SignInException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public SignInException(Kind kind, String message, Throwable cause) {
        this(kind, message, null, cause);
    }

    public SignInException(Kind kind, String message, OAuthError error, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.oauthError = error;
    }

    public Kind kind() {
        return kind;
    }

    public Optional<OAuthError> oauthError() {
        return Optional.ofNullable(oauthError);
    }

    /** The message plus, for an OAuth error, its fields and the catalogue's explanation and fix. */
    public String describe() {
        return oauthError == null ? getMessage() : getMessage() + System.lineSeparator() + oauthError.render();
    }
}
