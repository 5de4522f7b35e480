package dev.tokenscope.engine.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.Base64URL;
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
 * also verifies and passes the claim checks gets exactly the verdict the Inspector gives.
 *
 * <p>{@code signatureFailure} holds the Inspector's own result for the first token of this plan whose signature did
 * not verify while every other step passed without a diagnosis: for such a token the Inspector's report has one
 * diagnosis, signature-invalid, naming the plan's key, so every later token in the same situation gets that result.
 */
record Plan(boolean eligible, ObjectNode header, JWSHeader jwsHeader, JWSVerifier verifier, TrustState trust,
            List<Step> steps, List<Diagnosis> diagnoses, boolean warned, AtomicReference<BatchResult> signatureFailure,
            PublicKey key, ThreadLocal<Signature> rsa) {

    static final Plan INELIGIBLE = new Plan(false, null, null, null, null, List.of(), List.of(), false, new AtomicReference<>(), null, null);

    /**
     * Verifies a signature with the plan's key: RS256/384/512 with one JCA Signature per thread (what nimbus'
     * RSASSAVerifier does, without looking the algorithm up for every token), anything else with nimbus' verifier.
     */
    boolean verify(byte[] signingInput, String signaturePart) throws JOSEException {
        if (rsa == null) return verifier.verify(jwsHeader, signingInput, new Base64URL(signaturePart));
        try {
            Signature s = rsa.get();
            s.initVerify(key);
            s.update(signingInput);
            return s.verify(Base64.getUrlDecoder().decode(signaturePart));
        } catch (SignatureException | InvalidKeyException | IllegalArgumentException e) {
            return false;
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

    static ThreadLocal<Signature> signatures(String jcaName) {
        return ThreadLocal.withInitial(() -> {
            try {
                return Signature.getInstance(jcaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
