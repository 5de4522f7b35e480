package dev.tokenscope.engine.token;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a string turned out to be once decoded. */
public enum TokenKind {
    /** Signed JWT (three parts; an unsecured "alg":"none" JWT is a JWS with an empty signature). */
    JWS,
    /** Encrypted JWT (five parts): only the protected header can be read without the resource's private key. */
    JWE,
    /** No dots at all: an opaque reference token (e.g. consumer-account tokens starting with EwA/EwB). */
    OPAQUE,
    /** Looks like a JWT but a part is broken. */
    MALFORMED,
    /** A SAML 2.0 message (Response, Assertion or AuthnRequest): header and claims are JSON views of the XML. */
    SAML;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
