package dev.tokenscope.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Mints Entra-shaped test tokens with the tests' own keys (no token is copied from anywhere).
 * Keys are generated once per JVM; {@link #NOW} is a fixed evaluation instant.
 */
public final class Tokens {
    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    public static final String TENANT = "72f0c3a1-5b7e-4c1d-9a8b-2e3f4a5b6c7d";
    public static final String API_ID = "6e74172b-be56-4843-9ff4-e66a39bb12e3";
    public static final String CLIENT_ID = "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d";
    public static final String V2_ISS = "https://login.microsoftonline.com/" + TENANT + "/v2.0";
    public static final String V1_ISS = "https://sts.windows.net/" + TENANT + "/";

    public static final RSAKey RSA = rsa("test-kid-1");
    public static final RSAKey RSA_OTHER = rsa("test-kid-2");
    public static final ECKey EC = ec("test-ec-1");

    private Tokens() {
    }

    public static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JWKSet publicSet(JWK... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet();
    }

    /** A v2.0 delegated access token for API_ID, valid at NOW. */
    public static JWTClaimsSet.Builder v2Access() {
        return new JWTClaimsSet.Builder()
                .audience(API_ID).issuer(V2_ISS)
                .issueTime(java.util.Date.from(NOW.minusSeconds(600))).notBeforeTime(java.util.Date.from(NOW.minusSeconds(600)))
                .expirationTime(java.util.Date.from(NOW.plusSeconds(3000)))
                .claim("aio", "AWQAm/8ZAAAA").claim("azp", CLIENT_ID).claim("azpacr", "0")
                .claim("name", "Alice Example").claim("oid", "0c9f3d2e-1111-4a2b-8c3d-4e5f6a7b8c9d")
                .claim("preferred_username", "alice@contoso.example").claim("rh", "0.AAAA")
                .claim("scp", "access_as_user User.Read").subject("x2Wq7sd8K3lmNopQrStUv")
                .claim("tid", TENANT).claim("uti", "AbCdEfGhIj").claim("ver", "2.0");
    }

    /** A v1.0 delegated access token with an App ID URI audience. */
    public static JWTClaimsSet.Builder v1Access() {
        return new JWTClaimsSet.Builder()
                .audience("api://" + API_ID).issuer(V1_ISS)
                .issueTime(java.util.Date.from(NOW.minusSeconds(600))).notBeforeTime(java.util.Date.from(NOW.minusSeconds(600)))
                .expirationTime(java.util.Date.from(NOW.plusSeconds(3000)))
                .claim("acr", "1").claim("aio", "E2ZgYJ").claim("amr", List.of("pwd", "mfa")).claim("appid", CLIENT_ID)
                .claim("appidacr", "0").claim("family_name", "Example").claim("given_name", "Alice").claim("ipaddr", "203.0.113.7")
                .claim("name", "Alice Example").claim("oid", "0c9f3d2e-1111-4a2b-8c3d-4e5f6a7b8c9d").claim("scp", "access_as_user")
                .subject("x2Wq7sd8K3lmNopQrStUv").claim("tid", TENANT).claim("unique_name", "alice@contoso.example")
                .claim("upn", "alice@contoso.example").claim("uti", "AbCdEfGhIj").claim("ver", "1.0");
    }

    /** A v2.0 ID token for CLIENT_ID. */
    public static JWTClaimsSet.Builder v2Id() {
        return new JWTClaimsSet.Builder()
                .audience(CLIENT_ID).issuer(V2_ISS)
                .issueTime(java.util.Date.from(NOW.minusSeconds(600))).notBeforeTime(java.util.Date.from(NOW.minusSeconds(600)))
                .expirationTime(java.util.Date.from(NOW.plusSeconds(3000)))
                .claim("name", "Alice Example").claim("nonce", "6f1c2b4e-9a7d").claim("oid", "0c9f3d2e-1111-4a2b-8c3d-4e5f6a7b8c9d")
                .claim("preferred_username", "alice@contoso.example").subject("AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ")
                .claim("tid", TENANT).claim("uti", "AbCdEfGhIj").claim("ver", "2.0");
    }

    /** An app-only v2.0 access token (client credentials). */
    public static JWTClaimsSet.Builder v2AppOnly() {
        return v2Access().claim("scp", null).claim("name", null).claim("preferred_username", null)
                .claim("roles", List.of("Orders.Read.All")).claim("idtyp", "app").claim("azpacr", "1");
    }

    public static String sign(JWTClaimsSet.Builder claims) {
        return sign(claims.build(), RSA, new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(RSA.getKeyID()).build());
    }

    public static String sign(JWTClaimsSet claims, JWK key, JWSHeader header) {
        try {
            JWSSigner signer = key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key);
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A Graph-style token: header {"typ","nonce","alg","kid"}, signed (by the tests' key) over the header whose nonce
     * is replaced by base64url(SHA-256(nonce)), as Microsoft signs Graph tokens. It does not verify as issued.
     */
    public static String graph(JWTClaimsSet.Builder claims) {
        return graphWith(RSA, claims);
    }

    /** {@link #graph} signed with {@code key}. */
    public static String graphWith(RSAKey key, JWTClaimsSet.Builder claims) {
        try {
            String nonce = "d2VsbC1rbm93bi1ub25jZQ";
            String headerJson = "{\"typ\":\"JWT\",\"nonce\":\"" + nonce + "\",\"alg\":\"RS256\",\"kid\":\"" + key.getKeyID() + "\"}";
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(nonce.getBytes(StandardCharsets.UTF_8));
            String signedHeaderJson = headerJson.replace(nonce, Base64URL.encode(digest).toString());
            String payload = claims.audience("00000003-0000-0000-c000-000000000000").build().toString();
            String signingInput = b64(signedHeaderJson) + "." + b64(payload);
            Base64URL sig = new RSASSASigner(key).sign(JWSHeader.parse(signedHeaderJson), signingInput.getBytes(StandardCharsets.US_ASCII));
            return b64(headerJson) + "." + b64(payload) + "." + sig;
        } catch (JOSEException | java.security.NoSuchAlgorithmException | java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An encrypted token (JWE, five parts) for the tests' RSA key: RSA-OAEP-256 / A256GCM, kid of {@link #RSA}. */
    public static String encrypted(JWTClaimsSet.Builder claims) {
        try {
            com.nimbusds.jose.JWEHeader header = new com.nimbusds.jose.JWEHeader.Builder(com.nimbusds.jose.JWEAlgorithm.RSA_OAEP_256,
                    com.nimbusds.jose.EncryptionMethod.A256GCM).type(JOSEObjectType.JWT).keyID(RSA.getKeyID()).build();
            com.nimbusds.jwt.EncryptedJWT jwt = new com.nimbusds.jwt.EncryptedJWT(header, claims.build());
            jwt.encrypt(new com.nimbusds.jose.crypto.RSAEncrypter(RSA.toRSAPublicKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An opaque consumer-account style ticket: "EwB" followed by standard base64 of {@code bytes} pseudo-random bytes
     * (fixed seed), no dots, as Microsoft issues for personal accounts to its own resources. Not a real ticket.
     */
    public static String opaque(int bytes) {
        byte[] b = new byte[bytes];
        new java.util.Random(bytes).nextBytes(b);
        return "EwB" + java.util.Base64.getEncoder().encodeToString(b);
    }

    /** Hand-builds a compact token from raw JSON strings and a raw signature part (for malformed and hostile cases). */
    public static String raw(String headerJson, String payloadJson, String signaturePart) {
        return b64(headerJson) + "." + b64(payloadJson) + "." + signaturePart;
    }

    public static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static Map<String, Object> map(Object... kv) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
