package dev.tokenscope.engine.saml;

/** Input that is not a SAML message Tokenscope can read, with a message fit to show the user as is. */
public final class SamlException extends Exception {
    public SamlException(String message) {
        super(message);
    }
}
