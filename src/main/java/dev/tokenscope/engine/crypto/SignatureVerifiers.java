package dev.tokenscope.engine.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.util.Base64URL;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Makes the {@link SignatureVerifier} for a key and a JWS header. RS256/384/512 are verified with one JCA
 * {@link Signature} per thread, initialised once with the key (a Signature returns to that state after each verify):
 * what nimbus' {@code RSASSAVerifier} does, without looking the algorithm up and re-initialising for every token; from
 * the native provider ({@link NativeCrypto}) when the caller allows it, it loads and it accepts the key, else from the
 * JDK. Every other algorithm (ES*, PS*, EdDSA) is verified by nimbus' own verifier for the header. Nothing here is
 * hand-written crypto: which provider, and how the signing input is handed to it.
 */
public final class SignatureVerifiers {
    private static final DefaultJWSVerifierFactory NIMBUS = new DefaultJWSVerifierFactory();

    private SignatureVerifiers() {
    }

    /** Where RSA signatures may be verified: the JDK only (one inspection), or the native provider when it loads (batch work). */
    public enum Providers { JDK, NATIVE_WHEN_LOADED }

    /**
     * A verifier for tokens with {@code header}'s algorithm, signed by {@code key}.
     *
     * @throws JOSEException when neither nimbus nor any provider takes the key for the algorithm
     */
    public static SignatureVerifier forKey(JWSHeader header, PublicKey key, Providers providers) throws JOSEException {
        String jca = jcaRsa(header.getAlgorithm().getName());
        if (jca != null) {
            Provider nativeProvider = providers == Providers.NATIVE_WHEN_LOADED ? NativeCrypto.provider().orElse(null) : null;
            if (nativeProvider != null && accepts(jca, key, nativeProvider)) return new RsaPkcs1(jca, key, nativeProvider);
            if (accepts(jca, key, null)) return new RsaPkcs1(jca, key, null);
            throw new JOSEException("no provider verifies " + header.getAlgorithm() + " with this " + key.getAlgorithm() + " key");
        }
        JWSVerifier v = NIMBUS.createJWSVerifier(header, key);
        return (compact, secondDot) -> {
            int sigStart = secondDot + 1;
            return v.verify(header, Arrays.copyOf(compact, secondDot),
                    new Base64URL(new String(compact, sigStart, compact.length - sigStart, StandardCharsets.ISO_8859_1)));
        };
    }

    /** The JCA name of an RSASSA-PKCS1-v1_5 JWS algorithm, or null for the others. */
    static String jcaRsa(String alg) {
        return switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "RS384" -> "SHA384withRSA";
            case "RS512" -> "SHA512withRSA";
            default -> null;
        };
    }

    private static boolean accepts(String jcaName, PublicKey key, Provider provider) {
        try {
            Signature s = provider != null ? Signature.getInstance(jcaName, provider) : Signature.getInstance(jcaName);
            s.initVerify(key);
            return true;
        } catch (NoSuchAlgorithmException | InvalidKeyException | RuntimeException e) {
            return false;
        }
    }

    /** RSASSA-PKCS1-v1_5 with per-thread Signatures from {@code provider} (null: the JDK's choice), initialised with the key. */
    static final class RsaPkcs1 implements SignatureVerifier {
        private final ThreadLocal<Signature> signatures;
        private final String provider;

        RsaPkcs1(String jcaName, PublicKey key, Provider provider) {
            this.provider = provider == null ? "JDK" : provider.getName();
            this.signatures = ThreadLocal.withInitial(() -> {
                try {
                    Signature s = provider != null ? Signature.getInstance(jcaName, provider) : Signature.getInstance(jcaName);
                    s.initVerify(provider != null ? ownCopy(key, provider) : key);
                    return s;
                } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        /** The provider's name ("JDK" for the JDK's choice), for tests and --stats. */
        String provider() {
            return provider;
        }

        @Override
        public boolean verify(byte[] compact, int secondDot) throws JOSEException {
            int sigStart = secondDot + 1, sigLength = compact.length - sigStart;
            Signature s = signatures.get();
            try {
                // Decoded before anything goes into the Signature: a bad signature part leaves it untouched.
                ByteBuffer sig = Base64.getUrlDecoder().decode(ByteBuffer.wrap(compact, sigStart, sigLength));
                s.update(compact, 0, secondDot);
                return s.verify(sig.array(), sig.arrayOffset() + sig.position(), sig.remaining());
            } catch (SignatureException | IllegalArgumentException e) {
                signatures.remove(); // the Signature's state after a failure is not specified: start afresh next time
                return false;
            } catch (RuntimeException e) { // a provider's own failure (ProviderException): no verdict
                signatures.remove();
                throw new JOSEException("signature provider failed: " + e, e);
            }
        }
    }

    /**
     * The key as a key object of {@code provider}'s own, made for the calling thread: a native provider keeps the key
     * in native memory behind a lock per key object, so threads sharing one key object verify one at a time.
     */
    private static PublicKey ownCopy(PublicKey key, Provider provider) {
        try {
            return KeyFactory.getInstance(key.getAlgorithm(), provider).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | RuntimeException e) {
            return key; // the provider translates it itself
        }
    }
}
