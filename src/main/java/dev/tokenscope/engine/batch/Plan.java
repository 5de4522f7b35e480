package dev.tokenscope.engine.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import dev.tokenscope.engine.crypto.SignatureVerifier;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.trust.TrustState;

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
record Plan(long id, boolean eligible, ObjectNode header, TrustState trust, List<Step> steps, List<Diagnosis> diagnoses, boolean warned,
            AtomicReference<BatchResult> signatureFailure, JWK key, SignatureVerifier verifier) {

    static final Plan INELIGIBLE = new Plan(0, false, null, null, List.of(), List.of(), false, new AtomicReference<>(), null, null);

    /**
     * Verifies the signature of the compact JWS {@code token} (ASCII bytes; its signing input ends at {@code secondDot})
     * with the plan's key, through the one {@link SignatureVerifier} the signature step uses too.
     */
    boolean verify(byte[] token, int secondDot) throws JOSEException {
        return verifier.verify(token, secondDot);
    }
}
