package dev.tokenscope.engine.batch;

import dev.tokenscope.engine.report.Verdicts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.check.Check;
import dev.tokenscope.engine.check.CheckContext;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.token.DecodedToken;
import dev.tokenscope.engine.token.TokenKind;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipeline's claim-stage checks run once per plan and distinct claims, keyed on the claim names and the values of
 * the claims the checks {@linkplain Check#reads() declare} they read.
 */
final class ClaimOutcomes {
    private final List<Check> claimChecks;
    private final Set<String> keyedClaims;
    /** Claims read only when another is present (trigger → claims), from the checks' declarations. */
    private final java.util.Map<String, Set<String>> conditional;
    private final ValidationProfile profile;

    ClaimOutcomes(List<Check> claimChecks, Set<String> keyedClaims, java.util.Map<String, Set<String>> conditional,
            ValidationProfile profile) {
        this.claimChecks = claimChecks;
        this.keyedClaims = keyedClaims;
        this.conditional = conditional;
        this.profile = profile;
    }

    /** The claims whose values the claim checks read for a token with these claims. */
    private Set<String> keyed(ObjectNode claims) {
        Set<String> k = keyedClaims;
        for (java.util.Map.Entry<String, Set<String>> e : conditional.entrySet()) {
            if (claims.has(e.getKey())) {
                if (k == keyedClaims) k = new java.util.HashSet<>(keyedClaims);
                k.addAll(e.getValue());
            }
        }
        return k;
    }

    /**
     * What the claim checks other than the lifetime (issuer, audience, token type, version, tenant, client, permissions)
     * say about a token, shared by every token of the same plan whose claims have the same names and the same values
     * where a claim check declares it reads them. {@code audiences} is the summary's "for …" part.
     */
    record ClaimsOutcome(boolean clean, boolean warned, String audiences, BatchResult valid) {
        ClaimsOutcome(boolean clean, boolean warned, String audiences, boolean planWarned) {
            this(clean, warned, audiences,
                    clean ? new BatchResult(Verdict.VALID, null, Verdicts.validSummary(planWarned || warned, audiences), false) : null);
        }
    }

    static final int MAX_CLAIM_OUTCOMES = 4096;
    private final ConcurrentHashMap<String, ClaimsOutcome> claimOutcomes = new ConcurrentHashMap<>();

    /** The claim outcome this thread used last, with the claims it was worked out for. */
    private record LastOutcome(long planId, ObjectNode claims, ClaimsOutcome outcome) {
        /**
         * Same plan, the same claim names in the same order, and the same values where they matter (as the cache key of
         * {@link #claimsOutcomeByKey}).
         */
        boolean matches(long plan, ObjectNode other, Set<String> keyed) {
            if (plan != planId || other.size() != claims.size()) return false;
            Iterator<java.util.Map.Entry<String, JsonNode>> a = claims.fields(), b = other.fields();
            while (a.hasNext()) {
                java.util.Map.Entry<String, JsonNode> x = a.next(), y = b.next();
                if (!x.getKey().equals(y.getKey())) return false;
                if (keyed.contains(x.getKey()) && !Keys.sameValue(x.getValue(), y.getValue())) return false;
            }
            return true;
        }
    }

    private final ThreadLocal<LastOutcome> lastOutcome = new ThreadLocal<>();

    ClaimsOutcome claimsOutcome(String token, Plan plan, ObjectNode claims, Instant now) {
        LastOutcome last = lastOutcome.get();
        if (last != null && last.matches(plan.id(), claims, keyed(claims))) return last.outcome();
        ClaimsOutcome co = claimsOutcomeByKey(token, plan, claims, now);
        lastOutcome.set(new LastOutcome(plan.id(), claims, co));
        return co;
    }

    private ClaimsOutcome claimsOutcomeByKey(String token, Plan plan, ObjectNode claims, Instant now) {
        Set<String> keyed = keyed(claims);
        StringBuilder key = new StringBuilder(256).append(plan.id()).append('\u0001');
        for (Iterator<java.util.Map.Entry<String, JsonNode>> it = claims.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> e = it.next();
            key.append(e.getKey()).append('\u0000');
            if (keyed.contains(e.getKey())) Keys.appendValue(key, e.getValue());
            key.append('\u0001');
        }
        String k = key.toString();
        ClaimsOutcome known = claimOutcomes.get(k);
        if (known != null) return known;
        ClaimsOutcome fresh = checkClaims(token, plan, claims, now);
        if (claimOutcomes.size() < MAX_CLAIM_OUTCOMES) claimOutcomes.putIfAbsent(k, fresh);
        return fresh;
    }

    private ClaimsOutcome checkClaims(String token, Plan plan, ObjectNode claims, Instant now) {
        DecodedToken dt = new DecodedToken(token, TokenKind.JWS, plan.header(), claims, -1, List.of(), null, null);
        CheckContext ctx = new CheckContext(dt, profile, now, plan.trust());
        ctx.verifiedWith(plan.key()); // the fast path verifies with the plan's one key before it uses this outcome
        boolean warned = false;
        for (Check c : claimChecks) {
            Step s = ctx.run(c);
            if (s == null) continue; // a notice: its diagnoses (if any) send the token the Inspector's way below
            if (s.status() == Status.FAIL) return new ClaimsOutcome(false, false, null, false);
            if (s.status() == Status.WARN) warned = true;
        }
        if (!ctx.diagnoses().isEmpty()) return new ClaimsOutcome(false, false, null, false); // the Inspector orders diagnoses; let it
        List<String> aud = ctx.facts().audiences();
        return new ClaimsOutcome(true, warned, String.join(", ", aud), plan.warned());
    }
}
