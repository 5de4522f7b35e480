package dev.tokenscope.engine.crypto;

import com.nimbusds.jose.JOSEException;

/**
 * Verifies compact JWS signatures with one published key for one algorithm: the one way Tokenscope checks a JWS
 * signature, used by the signature step of every inspection and by batch verification alike. Made by
 * {@link SignatureVerifiers#forKey}.
 */
public interface SignatureVerifier {
    /**
     * True when the signature of the compact JWS {@code compact} (ASCII bytes; the signing input is
     * {@code compact[0, secondDot)}, the base64url signature follows the second dot) verifies with this verifier's key.
     * False for any signature that does not, including one that is not base64url or has the wrong length.
     *
     * @throws JOSEException when the key can't be used at all (the provider failed): no verdict on the token
     */
    boolean verify(byte[] compact, int secondDot) throws JOSEException;
}
