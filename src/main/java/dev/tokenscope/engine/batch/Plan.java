package dev.tokenscope.engine.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.Base64URL;
import dev.tokenscope.engine.crypto.NativeCrypto;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.trust.TrustState;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every token with the same header and issuer shares: the header steps (format, algorithm) and the trust
 * steps (metadata, keys, key match), worked out once with the real checks, and the one published key its
 * signature is verified with. A plan is {@link #eligible()} only when all of that passed cleanly, so a token that
 * also verifies and passes the claim checks gets exactly the verdict the Inspector gives. {@code id} is unique per
 * plan (a cache key for what is shared by its tokens).
 *
 * <p>{@code signatureFailure} holds the Inspector's own result for the first token of this plan whose signature did
 * not verify while every other step passed without a diagnosis: for such a token the Inspector's report has one
 * diagnosis, signature-invalid, naming the plan's key, so every later token in the same situation gets that result.
 */
record Plan(long id, boolean eligible, ObjectNode header, JWSHeader jwsHeader, JWSVerifier verifier, TrustState trust,
            List<Step> steps, List<Diagnosis> diagnoses, boolean warned, AtomicReference<BatchResult> signatureFailure,
            PublicKey key, ThreadLocal<Signature> rsa) {

    static final Plan INELIGIBLE = new Plan(0, false, null, null, null, null, List.of(), List.of(), false, new AtomicReference<>(), null, null);

    /**
     * Verifies the signature of the compact JWS {@code token} (ASCII bytes; its signing input ends at {@code secondDot})
     * with the plan's key: RS256/384/512 with one JCA Signature per thread, initialised once with
     * the key (a Signature returns to that state after each verify), from the native provider when it loads
     * ({@link NativeCrypto}) — what nimbus' RSASSAVerifier does, without looking the algorithm up and re-initialising for
     * every token; anything else with nimbus' verifier.
     */
    boolean verify(byte[] token, int secondDot) throws JOSEException {
        int sigStart = secondDot + 1, sigLength = token.length - sigStart;
        if (rsa == null) {
            return verifier.verify(jwsHeader, java.util.Arrays.copyOf(token, secondDot),
                    new Base64URL(new String(token, sigStart, sigLength, java.nio.charset.StandardCharsets.ISO_8859_1)));
        }
        Signature s = rsa.get();
        try {
            // Decoded before anything goes into the Signature: a bad signature part leaves it untouched.
            java.nio.ByteBuffer sig = Base64.getUrlDecoder().decode(java.nio.ByteBuffer.wrap(token, sigStart, sigLength));
            s.update(token, 0, secondDot);
            return s.verify(sig.array(), sig.arrayOffset() + sig.position(), sig.remaining());
        } catch (SignatureException | IllegalArgumentException e) {
            rsa.remove(); // the Signature's state after a failure is not specified: start afresh next time
            return false;
        } catch (RuntimeException e) { // a provider's own failure (ProviderException): not a verdict, let the Inspector decide
            rsa.remove();
            throw new JOSEException("signature provider failed: " + e, e);
        }
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

    /**
     * Per-thread Signatures for {@code jcaName}, initialised to verify with {@code key}: from {@link NativeCrypto} when
     * it loads and accepts the key, else from the JDK; null when neither accepts it (the plan is then not eligible and
     * the Inspector handles its tokens).
     */
    static ThreadLocal<Signature> signatures(String jcaName, PublicKey key) {
        java.security.Provider nativeProvider = NativeCrypto.provider().orElse(null);
        if (nativeProvider != null && accepts(jcaName, key, nativeProvider)) return signatures(jcaName, key, nativeProvider);
        return accepts(jcaName, key, null) ? signatures(jcaName, key, null) : null;
    }

    private static boolean accepts(String jcaName, PublicKey key, java.security.Provider provider) {
        try {
            Signature s = provider != null ? Signature.getInstance(jcaName, provider) : Signature.getInstance(jcaName);
            s.initVerify(key);
            return true;
        } catch (NoSuchAlgorithmException | InvalidKeyException | RuntimeException e) {
            return false;
        }
    }

    /** Per-thread Signatures for {@code jcaName} from {@code provider} (null: the JDK's choice), initialised with {@code key}. */
    static ThreadLocal<Signature> signatures(String jcaName, PublicKey key, java.security.Provider provider) {
        return ThreadLocal.withInitial(() -> {
            try {
                Signature s = provider != null ? Signature.getInstance(jcaName, provider) : Signature.getInstance(jcaName);
                s.initVerify(provider != null ? ownCopy(key, provider) : key);
                return s;
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * The key as a key object of {@code provider}'s own, made for the calling thread: a native provider keeps the key
     * in native memory behind a lock per key object, so threads sharing one key object verify one at a time.
     */
    private static PublicKey ownCopy(PublicKey key, java.security.Provider provider) {
        try {
            return java.security.KeyFactory.getInstance(key.getAlgorithm(), provider)
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(key.getEncoded()));
        } catch (NoSuchAlgorithmException | java.security.spec.InvalidKeySpecException | RuntimeException e) {
            return key; // the provider translates it itself
        }
    }
}
