package dev.tokenscope.engine.crypto;

import java.util.Set;

/** The JWS algorithms Tokenscope accepts: RSA and ECDSA only (never "none", never HMAC with a public key). */
public final class Algorithms {
    /** The allow-list, the one place it is stated: the algorithm step, the signature step and Signed HTTP Requests read it. */
    public static final Set<String> ALLOWED = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

    private Algorithms() {
    }
}
