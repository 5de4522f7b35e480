package dev.tokenscope.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Date;
import java.util.Map;

/**
 * Test tokens for the diagnosis cases: header-nonce tokens of any audience (first-party APIs), Signed HTTP Requests
 * (proof of possession) and JWS over payloads that are not JSON. All signed with the tests' own keys.
 */
public final class MoreTokens {
    /** The client's proof-of-possession key (not the issuer's). */
    public static final RSAKey CLIENT_POP = Tokens.rsa("client-pop-key");
    public static final RSAKey OTHER_POP = Tokens.rsa("other-pop-key");

    private MoreTokens() {
    }

    /** Like {@link Tokens#graph} but keeps the claims' own audience: a first-party token (Teams, ARM, SharePoint …). */
    public static String nonceSigned(JWTClaimsSet.Builder claims) {
        try {
            String nonce = "Zmlyc3QtcGFydHktbm9uY2U";
            String headerJson = "{\"typ\":\"JWT\",\"nonce\":\"" + nonce + "\",\"alg\":\"RS256\",\"x5t\":\"" + Tokens.RSA.getKeyID()
                    + "\",\"kid\":\"" + Tokens.RSA.getKeyID() + "\"}";
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(nonce.getBytes(StandardCharsets.UTF_8));
            String signedHeaderJson = headerJson.replace(nonce, Base64URL.encode(digest).toString());
            String payload = claims.build().toString();
            String signingInput = Tokens.b64(signedHeaderJson) + "." + Tokens.b64(payload);
            Base64URL sig = new RSASSASigner(Tokens.RSA).sign(JWSHeader.parse(signedHeaderJson),
                    signingInput.getBytes(StandardCharsets.US_ASCII));
            return Tokens.b64(headerJson) + "." + Tokens.b64(payload) + "." + sig;
        } catch (JOSEException | java.security.NoSuchAlgorithmException | java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An access token (issuer's key) bound to {@code popKey} by its RFC 7638 thumbprint in cnf.kid. */
    public static String boundAccessToken(RSAKey popKey) {
        try {
            return Tokens.sign(Tokens.v2Access().claim("cnf", Map.of("kid", popKey.computeThumbprint().toString())));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Signed HTTP Request carrying {@code at}, naming and signed with {@code shrKey}. */
    public static String shr(String at, RSAKey shrKey) {
        try {
            JWTClaimsSet payload = new JWTClaimsSet.Builder().claim("at", at).claim("ts", Tokens.NOW.getEpochSecond())
                    .claim("m", "GET").claim("u", "api.contoso.example").claim("p", "/orders").claim("nonce", "a1b2c3")
                    .claim("cnf", Map.of("jwk", shrKey.toPublicJWK().toJSONObject())).build();
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("pop"))
                    .keyID(shrKey.computeThumbprint().toString()).build();
            return Tokens.sign(payload, shrKey, header);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWS (issuer's key, kid of {@link Tokens#RSA}) over {@code payload}, which need not be JSON. */
    public static String signedRaw(String payload) {
        try {
            String headerJson = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + Tokens.RSA.getKeyID() + "\"}";
            String signingInput = Tokens.b64(headerJson) + "." + Tokens.b64(payload);
            Base64URL sig = new RSASSASigner(Tokens.RSA).sign(JWSHeader.parse(headerJson),
                    signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + sig;
        } catch (JOSEException | java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A v1.0 access token for {@code aud}. */
    public static JWTClaimsSet.Builder v1For(String aud) {
        return Tokens.v1Access().audience(aud);
    }

    /** A v2.0 access token for {@code aud}. */
    public static JWTClaimsSet.Builder v2For(String aud) {
        return Tokens.v2Access().audience(aud);
    }

    /** An app-only v1.0 token of a managed identity with resource id {@code mirid}. */
    public static JWTClaimsSet.Builder managedIdentity(String mirid) {
        return Tokens.v1Access().claim("scp", null).claim("name", null).claim("upn", null).claim("unique_name", null)
                .claim("family_name", null).claim("given_name", null).claim("amr", null).claim("acr", null).claim("ipaddr", null)
                .claim("roles", java.util.List.of("Orders.Read.All")).claim("idtyp", "app").claim("appidacr", "2")
                .claim("xms_mirid", mirid).expirationTime(Date.from(Tokens.NOW.plusSeconds(3000)));
    }
}
