package dev.tokenscope.engine.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636): a random verifier (43 characters from 32 random bytes) and its S256 challenge,
 * {@code BASE64URL(SHA-256(ASCII(verifier)))}. Only the challenge is ever logged.
 */
public record Pkce(String verifier, String challenge) {
    static final SecureRandom RANDOM = new SecureRandom();

    public static Pkce generate() {
        String v = random(32);
        return new Pkce(v, s256(v));
    }

    public static String s256(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code bytes} random bytes, base64url without padding (state, nonce, verifier). */
    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public String toString() {
        return "Pkce[verifier=[redacted], challenge=" + challenge + "]";
    }
}
