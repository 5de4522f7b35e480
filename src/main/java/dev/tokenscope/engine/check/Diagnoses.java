package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.DiagnosisId;

import dev.tokenscope.engine.entra.EntraFacts;
import dev.tokenscope.engine.report.Diagnosis;

/** The root causes Tokenscope names, each with an expert's explanation and the fix. Ids are stable. */
public final class Diagnoses {
    private Diagnoses() {
    }

    public static Diagnosis opaqueToken(String token) {
        boolean msa = token.startsWith("EwA") || token.startsWith("EwB") || token.startsWith("EwC");
        return new Diagnosis(DiagnosisId.OPAQUE_TOKEN, "Opaque token: not a JWT, so it can't be decoded or validated by your API",
                (msa ? "It starts with \"" + token.substring(0, 3) + "\", the compact ticket format Microsoft issues for personal "
                        + "(consumer) accounts to Microsoft's own resources. " : "It has no dots, so it is not a JWT. ")
                        + "Only the resource it was issued for can read it. A server that expects a JWT logs IDX14100.",
                "Request a token for your own API (scope api://<your-api-client-id>/.default or a scope your API exposes); "
                        + "tokens for your API are JWTs your API can validate.");
    }

    /** Diagnosis id of a placeholder text ("undefined", "null", "{{token}}") where a token belongs: a client bug. */
    public static final String PLACEHOLDER = "placeholder";

    /**
     * A placeholder where a token belongs: invalid in every command and view, the client bug named.
     *
     * @param value       the placeholder text ("undefined")
     * @param description the extractor's sentence about it
     */
    public static Diagnosis placeholder(String value, String description) {
        return new Diagnosis(PLACEHOLDER, "The client sent the placeholder '" + value + "' instead of a token",
                description + " Any API rejects such a request with 401 (no token to validate).",
                "Get the token before the call (await acquireTokenSilent / acquireTokenPopup, or the token request) "
                        + "and send the field that holds it (MSAL.js: result.accessToken; a raw token response: access_token).");
    }

    public static Diagnosis encryptedToken(String alg, String enc) {
        return new Diagnosis(DiagnosisId.ENCRYPTED_TOKEN, "Encrypted token (JWE): only the resource's private key can open it",
                "The token has five parts and an \"enc\" header (alg " + alg + ", enc " + enc + "): the claims are encrypted for the "
                        + "resource. Microsoft encrypts tokens for resources configured for token encryption, and for some first-party "
                        + "resources. Without the private key nobody else can read or validate it.",
                "If this is your API, configure its decryption key (TokenDecryptionKeys); otherwise the token is not meant for you.");
    }

    public static Diagnosis malformedToken(String summary) {
        return new Diagnosis(DiagnosisId.MALFORMED_TOKEN, "Malformed token: " + summary,
                "A JWT is three base64url parts separated by dots (header.payload.signature). Something on the way "
                        + "changed it: truncation, a line break, quoting or re-encoding.",
                "Copy the token again from its source (e.g. the Authorization header in the browser's network tab), whole.");
    }

    public static Diagnosis expired(String when, String skew) {
        return new Diagnosis(DiagnosisId.EXPIRED, "Expired " + when,
                "The token's exp is in the past beyond the allowed clock skew (" + skew + "). Servers reject it with IDX10223. "
                        + "Entra access tokens live 60–90 minutes by default.",
                "Acquire a new token (MSAL acquireTokenSilent refreshes it); don't cache access tokens beyond their exp.");
    }

    public static Diagnosis notYetValid(String when) {
        return new Diagnosis(DiagnosisId.NOT_YET_VALID, "Not valid yet: nbf is " + when,
                "The token's nbf (not before) is in the future beyond the clock skew. Usually the server's clock is behind. "
                        + "Servers reject it with IDX10222.",
                "Synchronise the server's clock (NTP); check --at if you evaluate at a chosen time.");
    }

    public static Diagnosis idTokenAsAccessToken(String signs) {
        return new Diagnosis(DiagnosisId.ID_TOKEN_AS_ACCESS_TOKEN, "This is an ID token, not an access token",
                "An ID token proves to the client app that a user signed in; its audience is the client app itself, and it "
                        + "carries no scopes. APIs must not accept it. Signs: " + signs + ".",
                "In the client, send the access token: MSAL acquireTokenSilent({scopes: [\"api://<your-api>/<scope>\"]}) "
                        + "and use result.accessToken, not result.idToken.");
    }

    public static Diagnosis graphToken() {
        return new Diagnosis(DiagnosisId.GRAPH_TOKEN, "A Microsoft Graph token: issued for Graph, not for your API",
                "Tokens for Microsoft Graph (audience " + EntraFacts.GRAPH_APP_ID + " or https://graph.microsoft.com) carry a "
                        + "\"nonce\" in their header and are signed over a transformed header. Microsoft documents that only Graph "
                        + "can validate them; every third-party validator reports an invalid signature (IDX10511/IDX10503).",
                "Request a token for your API instead: scope api://<your-api-client-id>/.default or one of your API's scopes "
                        + "(e.g. api://<your-api>/access_as_user), and expose that scope in the API's app registration.");
    }

    /** A header-nonce token for a Microsoft API other than Graph, named by its resource ({@code name}: "Azure Resource Manager"). */
    public static Diagnosis firstPartyToken(String name, String aud) {
        boolean named = name != null && !name.equals(aud);
        String who = named ? name : "the Microsoft API " + aud;
        return new Diagnosis(DiagnosisId.FIRST_PARTY_TOKEN, "A token for " + who + ", a Microsoft API: only it can validate this token",
                "The audience is " + aud + (named ? " (" + name + ")" : "") + ", a Microsoft first-party resource, and the header carries "
                        + "a \"nonce\": Microsoft signs such tokens over a transformed header that only the resource itself checks. "
                        + "Microsoft documents that you can't validate tokens for its own APIs; every third-party validator reports "
                        + "an invalid signature (IDX10511/IDX10503). The token is not for your API.",
                "Request a token for your API instead: scope api://<your-api-client-id>/.default or one of your API's scopes "
                        + "(e.g. api://<your-api>/access_as_user), and expose that scope in the API's app registration.");
    }

    public static Diagnosis consumerAccount() {
        return Diagnosis.warn(DiagnosisId.CONSUMER_ACCOUNT, "Signed in with a personal Microsoft account",
                "tid " + EntraFacts.CONSUMER_TENANT + " is the tenant of personal (consumer) Microsoft accounts: outlook.com, "
                        + "hotmail.com, live.com. Such a user is not a member of any organisation's directory.",
                "If your API serves one organisation, sign in with a work account of that tenant and use a tenant-specific "
                        + "authority; if it should accept personal accounts, set the app's supported account types accordingly.");
    }

    public static Diagnosis algNone(String alg) {
        return new Diagnosis(DiagnosisId.ALG_NONE, "Unsigned token (alg \"" + alg + "\")",
                "The header declares no signature algorithm, so anybody could have written this token. Entra never issues "
                        + "unsigned tokens; a validator must reject it whatever the casing (RFC 8725 §3.1).",
                "Treat it as forged. If it came from your own code, sign it; never accept alg none.");
    }

    public static Diagnosis symmetricAlg(String alg) {
        return new Diagnosis(DiagnosisId.SYMMETRIC_ALG, "HMAC algorithm " + alg + ": Entra never signs with a shared secret",
                "Entra signs with RSA (RS256). An HS* token either was not issued by Entra or is a key-confusion attack that "
                        + "uses the public key as an HMAC secret (CVE-2016-10555).",
                "Accept only RS256 (and other asymmetric algorithms your issuer uses); fix the algorithm list in your validator.");
    }

    public static Diagnosis headerKeyInjection(String members) {
        return new Diagnosis(DiagnosisId.HEADER_KEY_INJECTION, "Token header names its own key (" + members + ")",
                "The header carries " + members + ". A validator that takes keys from the token itself accepts whatever the "
                        + "author signed (CVE-2018-0114, jku/x5u SSRF). Entra tokens never carry these; Tokenscope ignores them and "
                        + "uses only the issuer's published key set.",
                "Never configure a validator to trust keys from the token; use the issuer's jwks_uri.");
    }

    public static Diagnosis unknownCrit(String names) {
        return new Diagnosis(DiagnosisId.UNKNOWN_CRIT, "Header marks extensions as critical that no validator understands: " + names,
                "RFC 7515 §4.1.11: a recipient must reject a JWS whose \"crit\" lists an extension it does not understand.",
                "Reject the token; Entra never sets crit.");
    }

    public static Diagnosis unencodedPayload() {
        return new Diagnosis(DiagnosisId.UNENCODED_PAYLOAD, "Unencoded payload (b64: false) is not allowed in a JWT",
                "RFC 7797 payloads are not base64url-encoded; RFC 7797 §7 forbids them in JWTs, and libraries disagree on how "
                        + "to verify them.",
                "Reject the token.");
    }
}
