package dev.tokenscope.engine.saml;

import java.util.Map;

/** SAML 2.0 status codes in words (core §3.2.2.2). */
final class StatusCodes {
    private static final String P = "urn:oasis:names:tc:SAML:2.0:status:";
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("Success", "success"),
            Map.entry("Requester", "Requester: the request was refused because of the requester (the app's AuthnRequest or configuration)"),
            Map.entry("Responder", "Responder: Entra could not answer (an error on the identity provider's side)"),
            Map.entry("VersionMismatch", "VersionMismatch: the request's SAML version is not supported"),
            Map.entry("AuthnFailed", "AuthnFailed: the user could not be authenticated"),
            Map.entry("InvalidNameIDPolicy", "InvalidNameIDPolicy: the NameIDPolicy asked for a format Entra cannot give for this app"),
            Map.entry("NoAuthnContext",
                    "NoAuthnContext: the RequestedAuthnContext cannot be met (e.g. a password was asked, the user used MFA or a passkey)"),
            Map.entry("NoPassive", "NoPassive: IsPassive was requested but the user must interact"),
            Map.entry("RequestDenied", "RequestDenied: Entra refused the request (e.g. the user is not assigned to the app)"),
            Map.entry("RequestUnsupported", "RequestUnsupported: Entra does not support the request"),
            Map.entry("UnknownPrincipal", "UnknownPrincipal: the user is unknown to the tenant"),
            Map.entry("PartialLogout", "PartialLogout: not every session could be signed out"));

    private StatusCodes() {
    }

    static String explain(String code) {
        String k = code.startsWith(P) ? code.substring(P.length()) : code;
        return WORDS.getOrDefault(k, Structure.clip(code));
    }
}
