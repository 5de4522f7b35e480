package dev.tokenscope.engine.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTParser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The token endpoint's answer read into a {@link TokenSet}: an OAuth error or a missing access token refused, the ID
 * token's {@code nonce} compared (in constant time) with the one the sign-in sent, the granted scope and lifetime noted.
 */
final class TokenResponse {
    private TokenResponse() {
    }

    static TokenSet read(Grant flow, SignInRequest r, List<String> requested, FlowHttp.Answer a, String expectedNonce,
                         Secret previousRefresh, FlowLog log, Clock clock) throws SignInException {
        JsonNode j = a.json();
        if (a.status() != 200 || j == null || !j.hasNonNull("access_token")) {
            if (a.error() != null) {
                throw new SignInException(SignInException.Kind.OAUTH_ERROR, "the token endpoint refused: " + a.error().summary(),
                        a.error(), null);
            }
            throw new SignInException(SignInException.Kind.INVALID_RESPONSE,
                    "the token endpoint answered HTTP " + a.status() + " without an access_token");
        }
        String idToken = FlowHttp.text(j, "id_token");
        if (expectedNonce != null && idToken != null) {
            Object nonce;
            try {
                nonce = JWTParser.parse(idToken).getJWTClaimsSet().getClaim("nonce");
            } catch (ParseException e) {
                throw new SignInException(SignInException.Kind.INVALID_RESPONSE,
                        "the ID token is not a readable JWT: " + e.getMessage(), e);
            }
            if (nonce == null) {
                throw new SignInException(SignInException.Kind.NONCE_MISMATCH,
                        "the ID token carries no nonce although the request sent one: it does not belong to this sign-in");
            }
            if (!MessageDigest.isEqual(String.valueOf(nonce).getBytes(StandardCharsets.UTF_8),
                    expectedNonce.getBytes(StandardCharsets.UTF_8))) {
                throw new SignInException(SignInException.Kind.NONCE_MISMATCH,
                        "the ID token's nonce differs from the one this sign-in sent: a replayed or substituted ID token was rejected");
            }
            log.note("ID token nonce matches the request");
        }
        String scope = FlowHttp.text(j, "scope");
        List<String> granted = null;
        if (scope != null) {
            granted = new ArrayList<>();
            for (String s : scope.trim().split("\\s+")) if (!s.isEmpty()) granted.add(s);
        }
        String refresh = FlowHttp.text(j, "refresh_token");
        Long expiresIn = j.hasNonNull("expires_in") && j.get("expires_in").asText().matches("\\d{1,12}")
                ? Long.parseLong(j.get("expires_in").asText()) : null;
        String tokenType = FlowHttp.text(j, "token_type");
        if (tokenType != null && !tokenType.equalsIgnoreCase("Bearer")) log.note("note: token_type is " + tokenType + ", not Bearer");
        TokenSet t = new TokenSet(flow, r.authority().url(), r.clientId(), Secret.of(j.get("access_token").asText()),
                Secret.ofNullable(idToken), refresh != null ? Secret.of(refresh) : previousRefresh, tokenType, expiresIn, requested,
                granted, clock.instant());
        log.note("tokens received (held in memory only): access token" + (idToken != null ? ", ID token" : "")
                + (refresh != null ? ", refresh token" : "")
                + (granted != null ? "; granted scope: " + String.join(" ", granted) : "; no scope reported"));
        return t;
    }
}
