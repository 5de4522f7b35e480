package dev.tokenscope.engine.entra;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The family of issuer a token comes from; decides how its metadata URL is derived. */
public enum IssuerKind {
    ENTRA_V1("Microsoft Entra ID (v1.0 issuer)"),
    ENTRA_V2("Microsoft Entra ID (v2.0 issuer)"),
    B2C("Azure AD B2C"),
    EXTERNAL_ID("Microsoft Entra External ID (ciamlogin.com)"),
    OTHER("OpenID Connect issuer (not Microsoft Entra)"),
    NONE("no issuer");

    private final String label;

    IssuerKind(String label) {
        this.label = label;
    }

    public String label() { return label; }

    public boolean entra() {
        return this == ENTRA_V1 || this == ENTRA_V2 || this == B2C || this == EXTERNAL_ID;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
