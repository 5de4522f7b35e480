package dev.tokenscope.engine.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.check.Check;
import dev.tokenscope.engine.check.CheckContext;
import dev.tokenscope.engine.check.LifetimeCheck;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.pipeline.Pipeline;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.DiagnosisId;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.token.DecodedToken;
import dev.tokenscope.engine.token.TokenDecoder;
import dev.tokenscope.engine.token.TokenKind;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The batch's fast path: the Inspector's pipeline scheduled by stage. Header and trust checks once per {@link Plan},
 * the signature per token with the plan's key, claim checks once per distinct key of the claims they declare they
 * read ({@link ClaimOutcomes}), the per-token checks (the lifetime) asked {@link Check#passesCleanly} per token. Only a
 * token that comes out clean is answered here (valid, or invalid for its signature alone, with the Inspector's words);
 * everything else goes the Inspector's whole way.
 */
final class FastPath {
    private final ValidationProfile profile;
    private final Inspector inspector;
    private final AtomicLong fullPath;
    private final Plans plans;
    private final ClaimOutcomes claimOutcomes;
    /** The pipeline's checks that run per token: time checks and any check that declares no stage (envelope-only ones excepted). */
    private final List<Check> perTokenChecks;
    /** Claims whose values the claim checks read (their key), or null when one declares nothing: then no fast path. */
    private final Set<String> keyedClaims;
    /** Claims whose values the header, trust and signature stages and the trust resolver read (the plan's key), or null. */
    private final List<String> planClaims;
    /** False when a per-token check other than a declared time check may read the clock: no verdict is reused over time. */
    private final boolean memoOverTime;

    FastPath(Pipeline pipeline, CachingTrustResolver trust, ValidationProfile profile, Inspector inspector, AtomicLong fullPath) {
        this.profile = profile;
        this.inspector = inspector;
        this.fullPath = fullPath;
        this.perTokenChecks = pipeline.checks().stream().filter(c -> (c.stage() == Check.Stage.TIME || c.stage() == Check.Stage.OTHER)
                && !c.reads().envelopeOnly()).toList(); // an envelope-only check gives nothing for the plain tokens the fast path takes
        this.keyedClaims = pipeline.claimValuesRead(Check.Stage.CLAIMS);
        Set<String> planReads = pipeline.claimValuesRead(Check.Stage.HEADER, Check.Stage.TRUST, Check.Stage.SIGNATURE);
        Set<String> resolverReads = trust.claimValuesRead();
        if (planReads == null || resolverReads == null) {
            this.planClaims = null;
        } else {
            TreeSet<String> all = new TreeSet<>(planReads);
            all.addAll(resolverReads);
            this.planClaims = List.copyOf(all);
        }
        this.plans = planClaims == null ? null
                : new Plans(pipeline.stage(Check.Stage.HEADER, Check.Stage.TRUST), planClaims, trust, profile);
        this.claimOutcomes = keyedClaims == null ? null
                : new ClaimOutcomes(pipeline.stage(Check.Stage.CLAIMS), keyedClaims, pipeline.conditionalReads(Check.Stage.CLAIMS),
                        profile);
        this.memoOverTime = perTokenChecks.stream().allMatch(c -> c.stage() == Check.Stage.TIME && c.reads().known() || !c.reads().clock());
    }

    /**
     * True when verdicts may be reused over the lifetime step's window (every per-token check that reads the clock is a
     * declared time check).
     */
    boolean memoOverTime() {
        return memoOverTime;
    }

    /** The verdict of a compact token by the fast path, or null when it must go the Inspector's whole way. */
    Evaluated evaluate(String token, Scanned t, Instant now) {
        if (keyedClaims == null || planClaims == null) return null; // a check or the resolver declares nothing: the Inspector's way
        int len = t.bytes().length;
        int d1 = t.d1(), d2 = t.d2();
        if (len > TokenDecoder.MAX_TOKEN_CHARS || t.dots() != 2 || d1 == 0 || d2 == d1 + 1 || d2 == len - 1) return null;
        if (d1 % 4 == 1 || (d2 - d1 - 1) % 4 == 1 || (len - d2 - 1) % 4 == 1) return null;
        ObjectNode claims = TokenDecoder.jsonObjectPart(t.bytes(), d1 + 1, d2); // the decoder's own rule
        if (claims == null || claims.path("at").isTextual()) return null; // a Signed HTTP Request (PoP): the Inspector's way
        Plan plan = plans.plan(token, t.bytes(), d1, claims, now);
        if (!plan.eligible()) return null;
        boolean verified;
        try {
            verified = plan.verify(t.bytes(), d2);
        } catch (JOSEException | RuntimeException e) {
            return null;
        }
        ClaimOutcomes.ClaimsOutcome co = claimOutcomes.claimsOutcome(token, plan, claims, now);
        if (!co.clean() || !perTokenPasses(token, plan, claims, now)) return null; // the Inspector explains failures and warnings
        Instant[] w = memoOverTime ? LifetimeCheck.window(claims, now, profile.skew()) : new Instant[]{now, now};
        if (!verified) {
            // Only the signature failed: the Inspector says signature-invalid with the plan's key, the same for every such token.
            BatchResult known = plan.signatureFailure().get();
            if (known == null) {
                fullPath.incrementAndGet();
                Inspector.Judgement r = inspector.judge(token, profile.withAt(now));
                if (r.verdict() != Verdict.INVALID
                        || !r.topDiagnosis().map(d -> d.id().equals(DiagnosisId.SIGNATURE_INVALID.id())).orElse(false)
                        || r.diagnoses().size() != 1) {
                    return new Evaluated(new BatchResult(r.verdict(), r.topDiagnosis().map(Diagnosis::id).orElse(null), r.summary(), false),
                            w[0], w[1]);
                }
                known = new BatchResult(r.verdict(), DiagnosisId.SIGNATURE_INVALID.id(), r.summary(), false);
                plan.signatureFailure().compareAndSet(null, known);
            }
            return new Evaluated(known, w[0], w[1]);
        }
        // The Inspector's summary of a valid report.
        return new Evaluated(co.valid(), w[0], w[1]);
    }

    /**
     * True when every per-token check of the pipeline (the lifetime, and any check that declares no stage) passes at
     * {@code now} without a warning or a diagnosis, run as the Inspector runs it. Anything else goes the Inspector's way.
     */
    private boolean perTokenPasses(String token, Plan plan, ObjectNode claims, Instant now) {
        if (perTokenChecks.isEmpty()) return true;
        DecodedToken dt = new DecodedToken(token, TokenKind.JWS, plan.header(), claims, -1, List.of(), null, null);
        CheckContext ctx = new CheckContext(dt, profile, now, plan.trust());
        for (Check c : perTokenChecks) {
            if (!c.passesCleanly(ctx)) return false;
        }
        return true;
    }
}
