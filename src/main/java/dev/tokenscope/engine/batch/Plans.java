package dev.tokenscope.engine.batch;

import dev.tokenscope.engine.crypto.Algorithms;
import dev.tokenscope.engine.report.StepId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import dev.tokenscope.engine.check.Check;
import dev.tokenscope.engine.check.CheckContext;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.crypto.SignatureVerifier;
import dev.tokenscope.engine.crypto.SignatureVerifiers;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdicts;
import dev.tokenscope.engine.token.DecodedToken;
import dev.tokenscope.engine.token.TokenDecoder;
import dev.tokenscope.engine.token.TokenKind;
import dev.tokenscope.engine.trust.ResolvedTrust;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.engine.trust.TrustState;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link Plan}s of a batch: the pipeline's header and trust checks run once per header and the claim values they
 * and the trust resolver declare they read.
 */
final class Plans {
    static final int MAX_PLANS = 1024;
    private static final Set<String> PLAIN_HEADER = Set.of("alg", "kid", "typ", "x5t", "cty");
    private static final AtomicLong PLAN_IDS = new AtomicLong();
    private final List<Check> planChecks;
    private final List<String> planClaims;
    private final TrustResolver trust;
    private final ValidationProfile profile;
    private final TokenDecoder decoder = new TokenDecoder();
    private final ConcurrentHashMap<String, Plan> plans = new ConcurrentHashMap<>();

    Plans(List<Check> planChecks, List<String> planClaims, TrustResolver trust, ValidationProfile profile) {
        this.planChecks = planChecks;
        this.planClaims = planClaims;
        this.trust = trust;
        this.profile = profile;
    }

    /** The plan this thread used last, with what chose it: header bytes and the values of the plan's claims. */
    private record LastPlan(byte[] header, JsonNode[] values, Plan plan) {
        boolean matches(byte[] token, int headerEnd, ObjectNode claims, List<String> names) {
            if (!java.util.Arrays.equals(token, 0, headerEnd, header, 0, header.length)) return false;
            for (int i = 0; i < values.length; i++) {
                if (!Keys.sameValue(claims.get(names.get(i)), values[i])) return false;
            }
            return true;
        }
    }

    private final ThreadLocal<LastPlan> lastPlan = new ThreadLocal<>();

    Plan plan(String token, byte[] bytes, int headerEnd, ObjectNode claims, Instant now) {
        LastPlan last = lastPlan.get();
        if (last != null && last.matches(bytes, headerEnd, claims, planClaims)) return last.plan();
        Plan p = plan(token, token.substring(0, headerEnd), claims, now);
        JsonNode[] values = new JsonNode[planClaims.size()];
        for (int i = 0; i < values.length; i++) values[i] = claims.get(planClaims.get(i));
        lastPlan.set(new LastPlan(java.util.Arrays.copyOf(bytes, headerEnd), values, p));
        return p;
    }

    private Plan plan(String token, String headerPart, ObjectNode claims, Instant now) {
        // What the header and trust stages and the resolver read besides the header (their declarations).
        StringBuilder kb = new StringBuilder(headerPart.length() + 128).append(headerPart);
        for (String name : planClaims) {
            kb.append('\u0000');
            JsonNode v = claims.get(name);
            if (v != null) Keys.appendValue(kb, v);
        }
        String key = kb.toString();
        Plan p = plans.get(key);
        if (p != null) return p;
        if (plans.size() >= MAX_PLANS) return Plan.INELIGIBLE;
        return plans.computeIfAbsent(key, k -> buildPlan(token, now));
    }

    /** Works out the header and trust steps with the real checks, once per header and issuer. */
    private Plan buildPlan(String token, Instant now) {
        DecodedToken dt = decoder.decode(token);
        if (dt.kind() != TokenKind.JWS || !dt.problems().isEmpty() || dt.nimbusError() != null || !(dt.jwt() instanceof SignedJWT sj)) {
            return Plan.INELIGIBLE;
        }
        ObjectNode header = dt.header();
        for (Iterator<String> it = header.fieldNames(); it.hasNext(); ) {
            if (!PLAIN_HEADER.contains(it.next())) return Plan.INELIGIBLE; // crit, b64, nonce, jku, jwk … : the Inspector's way
        }
        String alg = sj.getHeader().getAlgorithm().getName();
        if (!Algorithms.ALLOWED.contains(alg)) return Plan.INELIGIBLE;
        TrustState state = trust.resolve(dt, profile);
        CheckContext ctx = new CheckContext(dt, profile, now, state);
        boolean warned = false;
        for (Check c : planChecks) { // format, algorithm, metadata, keys, key-match (the signature is verified per token)
            Step s = ctx.run(c);
            if (s.status() == Status.FAIL && !Verdicts.ENVIRONMENT_STEPS.contains(s.id())) return Plan.INELIGIBLE;
            if (s.status() == Status.WARN) warned = true;
        }
        if (!ctx.step(StepId.KEY_MATCH.id()).map(s -> s.status() == Status.PASS).orElse(false) || !ctx.diagnoses().isEmpty()) {
            return Plan.INELIGIBLE;
        }
        if (!(state instanceof ResolvedTrust rt) || rt.appSpecificAppId() != null || rt.match().candidates().size() != 1
                || !Set.of("kid", "x5t", "x5t#S256").contains(rt.match().by())) {
            return Plan.INELIGIBLE;
        }
        JWK key = rt.match().candidates().get(0);
        if (!usable(key, alg)) return Plan.INELIGIBLE;
        SignatureVerifier verifier;
        try {
            verifier = SignatureVerifiers.forKey(sj.getHeader(), ((AsymmetricJWK) key).toPublicKey(),
                    SignatureVerifiers.Providers.NATIVE_WHEN_LOADED);
        } catch (JOSEException | RuntimeException e) {
            return Plan.INELIGIBLE; // no provider takes this key: the Inspector says why
        }
        return new Plan(PLAN_IDS.incrementAndGet(), true, header, state, ctx.steps(), ctx.diagnoses(), warned,
                new java.util.concurrent.atomic.AtomicReference<>(), key, verifier);
    }

    /** The signature step's own rule for a published key (use, key_ops, alg, type). */
    static boolean usable(JWK key, String alg) {
        return dev.tokenscope.engine.trust.KeyMatch.unusable(key, alg) == null;
    }
}
