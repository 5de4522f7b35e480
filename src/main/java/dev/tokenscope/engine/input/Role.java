package dev.tokenscope.engine.input;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a string found in the input is, as far as its surroundings tell. */
public enum Role {
    ACCESS_TOKEN("access token", true),
    ID_TOKEN("ID token", true),
    /** Found without a label (raw paste, Bearer header, text scan). */
    TOKEN("token", true),
    /** Recognised and never decoded: refresh tokens are opaque to clients by contract. */
    REFRESH_TOKEN("refresh token", false),
    /** An authorization code from a redirect: not a token, it is redeemed at the token endpoint. */
    AUTHORIZATION_CODE("authorization code", false),
    /** A SAML 2.0 message (response, assertion or AuthnRequest) in any of its forms: inspected by the SAML engine. */
    SAML("SAML message", true);

    private final String label;
    private final boolean inspectable;

    Role(String label, boolean inspectable) {
        this.label = label;
        this.inspectable = inspectable;
    }

    public String label() { return label; }

    public boolean inspectable() { return inspectable; }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
