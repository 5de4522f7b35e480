package dev.tokenscope.engine.check;

import dev.tokenscope.engine.trust.ResolvedTrust;
import dev.tokenscope.engine.trust.KeyMatch;
import dev.tokenscope.engine.crypto.Algorithms;
import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.report.DiagnosisId;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.crypto.SignatureVerifier;
import dev.tokenscope.engine.crypto.SignatureVerifiers;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verifies the signature (the one {@link SignatureVerifier}: the JDK's RSA, nimbus for the rest), using only keys
 * from the published key set (or the user's file). A key marked for encryption, or for other operations than
 * verify, or for another algorithm, never verifies. Graph tokens get a second, unofficial attempt over the
 * SHA-256-transformed header nonce, to show that Microsoft signed them for Graph.
 */
final class SignatureCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.SIGNATURE;
    }

    @Override
    public Reads reads() {
        return Reads.HEADER_AND_TRUST;
    }

    @Override
    public String id() { return StepId.SIGNATURE.id(); }

    @Override
    public Step run(CheckContext ctx) {
        Step.Builder s = Step.of(id(), "Signature");
        if (!(ctx.token().jwt() instanceof SignedJWT jws)) {
            return s.status(Status.SKIP)
                    .detail(ctx.trust().unavailableReason() != null ? ctx.trust().unavailableReason() : "not a signed token").build();
        }
        String alg = jws.getHeader().getAlgorithm().getName();
        if (!Algorithms.ALLOWED.contains(alg) || ctx.step(StepId.ALGORITHM.id()).map(st -> st.status() == Status.FAIL).orElse(false)) {
            return s.status(Status.SKIP).detail("Not attempted: the header is refused (see the algorithm step)").build();
        }
        if (!(ctx.trust() instanceof ResolvedTrust t) || !t.match().found()) {
            String why = ctx.trust().unavailableReason();
            return s.status(Status.SKIP)
                    .detail(why != null ? "no key to verify with: " + why : "no matching key (see the key match step)").build();
        }
        List<String> refused = new ArrayList<>();
        for (JWK key : t.match().candidates()) {
            String problem = KeyMatch.unusable(key, alg);
            if (problem != null) {
                refused.add(label(key) + ": " + problem);
                continue;
            }
            try {
                if (verifies(jws.getHeader(), jws.getParsedParts(), key)) {
                    ctx.verifiedWith(key);
                    s.evidence("key", label(key)).evidence("algorithm", alg);
                    if (SignedPayload.applies(ctx.token())) {
                        SignedPayload.intact(ctx, label(key));
                        return s.status(Status.PASS).detail("Verified with " + label(key) + " from " + t.jwksOutcome().doc().source()
                                + ": the issuer signed this payload, which is not a JSON object (see the format step)").build();
                    }
                    return s.status(Status.PASS).detail("Verified with " + label(key) + " from " + t.jwksOutcome().doc().source()).build();
                }
            } catch (JOSEException | RuntimeException e) {
                refused.add(label(key) + ": " + e.getMessage());
            }
        }
        for (String r : refused) s.evidence("refused", r);
        if (!refused.isEmpty() && refused.size() == t.match().candidates().size()) {
            ctx.diagnose(signatureInvalid("the matching key can't verify it: " + refused.get(0)));
            return s.status(Status.FAIL).detail("Not verified: " + String.join("; ", refused)).idx("IDX10503")
                    .hint("A published key must be a signature key for the token's algorithm.").build();
        }
        if (ctx.facts().headerNonce()) {
            JWK graphKey = verifiesWithTransformedNonce(jws, t.match().candidates(), alg);
            boolean graph = ctx.facts().graph();
            String name = graph ? "Microsoft Graph" : ctx.facts().resourceName();
            ctx.diagnose(graph ? Diagnoses.graphToken() : Diagnoses.firstPartyToken(name, ctx.facts().audiences().get(0)));
            if (graphKey != null) {
                s.evidence("unofficial check",
                        "verifies with " + label(graphKey) + " after replacing the header nonce by base64url(SHA-256(nonce))");
                return s.status(Status.FAIL).detail("As issued, the signature does not verify: the header nonce of a token for " + name
                                + " is transformed before signing. With that (unofficial) transform it verifies with " + label(graphKey)
                                + ": signed by Microsoft, but for " + name + ", not your API")
                        .idx("IDX10511")
                        .hint("Request a token for your API (api://<your-api>/.default); tokens for " + name + " are only for it.").build();
            }
            return s.status(Status.FAIL).detail("The signature does not verify, not even with the header nonce transform")
                    .idx("IDX10511").build();
        }
        if (SignedPayload.applies(ctx.token())) {
            SignedPayload.broken(ctx);
            return s.status(Status.FAIL).detail("The signature does not verify with " + label(t.match().candidates().get(0))
                    + ": together with the payload that is not JSON, the token was damaged on the way").idx("IDX10511")
                    .hint("Copy the token again from its source, whole and unmodified.").build();
        }
        ctx.diagnose(signatureInvalid("the signature does not match the key " + label(t.match().candidates().get(0))));
        return s.status(Status.FAIL).detail("The signature does not verify with "
                        + (t.match().candidates().size() == 1 ? label(t.match().candidates().get(0))
                                : "any of the " + t.match().candidates().size() + " candidate keys")
                        + ": the token was altered after signing, or signed by another key with the same kid")
                .idx(t.match().by().equals("kid") ? "IDX10511" : "IDX10503")
                .hint("Treat the token as forged or corrupted; copy it again from its source.").build();
    }

    /** Verifies the compact JWS made of {@code parts} with {@code key}, through the one {@link SignatureVerifier}. */
    static boolean verifies(JWSHeader header, Base64URL[] parts, JWK key) throws JOSEException {
        byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] sig = parts[2].toString().getBytes(StandardCharsets.US_ASCII);
        byte[] compact = Arrays.copyOf(input, input.length + 1 + sig.length);
        compact[input.length] = '.';
        System.arraycopy(sig, 0, compact, input.length + 1, sig.length);
        return SignatureVerifiers.forKey(header, ((AsymmetricJWK) key).toPublicKey(), SignatureVerifiers.Providers.JDK)
                .verify(compact, input.length);
    }

    static String label(JWK k) {
        return "kid " + (k.getKeyID() == null ? "(none)" : k.getKeyID())
                + " (" + k.getKeyType() + (k.size() > 0 ? " " + k.size() : "") + ")";
    }

    /** The community-known Graph transform: header nonce → base64url(SHA-256(nonce)), same member order. */
    static JWK verifiesWithTransformedNonce(SignedJWT jws, List<JWK> keys, String alg) {
        try {
            ObjectNode header = (ObjectNode) Json.parse(jws.getHeader().getParsedBase64URL().decodeToString());
            String nonce = header.path("nonce").asText();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(nonce.getBytes(StandardCharsets.UTF_8));
            header.put("nonce", Base64URL.encode(digest).toString());
            Base64URL newHeader = Base64URL.encode(Json.compact(header).getBytes(StandardCharsets.UTF_8));
            Base64URL[] parts = jws.getParsedParts();
            Base64URL[] transformed = {newHeader, parts[1], parts[2]};
            for (JWK key : keys) {
                if (KeyMatch.unusable(key, alg) != null) continue;
                if (verifies(jws.getHeader(), transformed, key)) return key;
            }
        } catch (JOSEException | NoSuchAlgorithmException | java.io.IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    static Diagnosis signatureInvalid(String what) {
        return new Diagnosis(DiagnosisId.SIGNATURE_INVALID, "Invalid signature: " + what,
                "The key the token names is in the issuer's published key set, but the signature does not verify with it. The header or "
                        + "payload was changed after signing, the signature was taken from another token, or somebody signed it with a key "
                        + "they made and gave it a real kid. A server logs IDX10511/IDX10503.",
                "Reject the token. If you expected it to be genuine, copy it again from the Authorization header, whole and unmodified.");
    }
}
