package dev.tokenscope.engine.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.Json;
import dev.tokenscope.engine.crypto.NativeCrypto;
import dev.tokenscope.engine.check.AlgorithmCheck;
import dev.tokenscope.engine.check.AudienceCheck;
import dev.tokenscope.engine.check.Check;
import dev.tokenscope.engine.check.CheckContext;
import dev.tokenscope.engine.check.ClientCheck;
import dev.tokenscope.engine.check.FormatCheck;
import dev.tokenscope.engine.check.IssuerCheck;
import dev.tokenscope.engine.check.LifetimeCheck;
import dev.tokenscope.engine.check.PermissionsCheck;
import dev.tokenscope.engine.check.TenantCheck;
import dev.tokenscope.engine.check.TokenTypeCheck;
import dev.tokenscope.engine.check.ValidationProfile;
import dev.tokenscope.engine.pipeline.Pipeline;
import dev.tokenscope.engine.check.VersionCheck;
import dev.tokenscope.engine.claims.ClaimCatalogue;
import dev.tokenscope.engine.input.Candidate;
import dev.tokenscope.engine.input.Extraction;
import dev.tokenscope.engine.input.InputExtractor;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.token.DecodedToken;
import dev.tokenscope.engine.token.TokenDecoder;
import dev.tokenscope.engine.token.TokenKind;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import dev.tokenscope.engine.trust.ResolvedTrust;
import dev.tokenscope.engine.trust.TrustChecks;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.engine.trust.TrustState;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verifies many tokens against one validation profile, with the same verdicts as the {@link Inspector}.
 *
 * <ul>
 *   <li><b>Keys once</b>: trust chains are resolved once per issuer and key ({@link CachingTrustResolver}); the header
 *   and trust steps are worked out once per header and issuer (a {@link Plan}).</li>
 *   <li><b>Fast path</b>: a token whose plan passed is decoded and its signature verified with the plan's key. The
 *   claim checks (issuer, audience, token type, version, tenant, client, permissions) are the Inspector's own, run once
 *   for every distinct set of claims that matter to them (values of identity, display and time claims left out, see
 *   {@link #VALUE_FREE_CLAIMS}); the lifetime is checked per token. If all of that passes without a warning from the
 *   lifetime and nothing was diagnosed, the verdict is valid with the summary the Inspector would write. Anything else
 *   (a failure, a diagnosis, an unusual header, not a compact JWS) goes the Inspector's whole way, so every invalid
 *   verdict and its diagnosis are the Inspector's own. (A token whose only fault is its signature gets the Inspector's
 *   result for the first such token of its plan: the same key, so the same words.)</li>
 *   <li><b>Memo</b>: verdicts are memoised by the whole token. A memoised verdict holds for the interval of
 *   evaluation times in which the lifetime step (exp, nbf, iat with the skew) cannot change its outcome; a token seen
 *   again is served from the memo if the evaluation time is still in that interval (the time-based step
 *   re-checked), and re-verified otherwise. The memo holds at most {@code memoCapacity} tokens.</li>
 *   <li><b>All cores, bounded, ordered</b>: {@link #run} reads lines in chunks on the calling thread, verifies chunks
 *   on a fixed pool ({@link #defaultThreads()}: one worker per core),
 *   keeps a bounded number of chunks in flight and emits results in input order. Lines longer than
 *   {@link #MAX_LINE_BYTES} are not buffered whole.</li>
 * </ul>
 */
public final class BatchVerifier implements AutoCloseable {
    /** The diagnosis id of a line that holds no token. */
    public static final String NOT_A_TOKEN = "not-a-token";
    /** A line longer than this (in bytes) is answered without being read whole (a token is a few kilobytes). */
    public static final int MAX_LINE_BYTES = 1 << 20;
    public static final int DEFAULT_MEMO = 100_000;
    static final int CHUNK = 128;
    static final int MAX_PLANS = 1024;
    /** Tokens longer than this are verified but not memoised (keeps the memo's memory bounded). */
    static final int MAX_MEMO_TOKEN = 16 * 1024;
    private static final Set<String> ENVIRONMENT_STEPS = Set.of("metadata", "keys");
    private static final Set<String> PLAIN_HEADER = Set.of("alg", "kid", "typ", "x5t", "cty");
    private static final AtomicLong PLAN_IDS = new AtomicLong();

    private final ValidationProfile profile;
    private final Clock clock;
    private final Inspector inspector;
    private final CachingTrustResolver trust;
    private final InputExtractor extractor = new InputExtractor();
    private final TokenDecoder decoder = new TokenDecoder();
    private final int threads;
    private final int memoCapacity;
    private final ConcurrentHashMap<String, Memo> memo;
    private final ConcurrentHashMap<String, Plan> plans = new ConcurrentHashMap<>();
    private final AtomicLong memoHits = new AtomicLong(), fastPath = new AtomicLong(), fullPath = new AtomicLong();
    private volatile ExecutorService pool;
    /** The Inspector's pipeline, scheduled by stage: header and trust once per plan, claims per key, the rest per token. */
    private final List<Check> planChecks, claimChecks, perTokenChecks;
    /** Claims whose values the claim checks read (their key), or null when one declares nothing: then no fast path. */
    private final Set<String> keyedClaims;
    /** Claims whose values the header, trust and signature stages and the trust resolver read (the plan's key), or null. */
    private final List<String> planClaims;
    /** False when a per-token check other than a declared time check may read the clock: no verdict is reused over time. */
    private final boolean memoOverTime;

    /** A memoised verdict, valid for evaluation times in [from, until) (null: unbounded). */
    private record Memo(BatchResult result, Instant from, Instant until) {
        boolean covers(Instant now) {
            return (from == null || !now.isBefore(from)) && (until == null || now.isBefore(until));
        }
    }

    /**
     * @param resolver     where trust material comes from (wrapped so each chain is resolved once)
     * @param profile      what the API expects; its {@code at} fixes the evaluation time, else the clock's now per token
     * @param clock        the clock for "now"
     * @param threads      worker threads for {@link #run} (0 = all cores)
     * @param memoCapacity the most tokens kept in the memo (0 = no memo)
     */
    public BatchVerifier(TrustResolver resolver, ValidationProfile profile, Clock clock, int threads, int memoCapacity) {
        this(resolver, profile, clock, threads, memoCapacity, Pipeline.standard());
    }

    /** The same with the Inspector running {@code pipeline} (a new check is run by verify as it is by inspect). */
    public BatchVerifier(TrustResolver resolver, ValidationProfile profile, Clock clock, int threads, int memoCapacity, Pipeline pipeline) {
        this.profile = profile;
        this.clock = clock;
        this.trust = new CachingTrustResolver(resolver);
        this.inspector = new Inspector(trust, clock, pipeline);
        this.planChecks = pipeline.stage(Check.Stage.HEADER, Check.Stage.TRUST);
        this.claimChecks = pipeline.stage(Check.Stage.CLAIMS);
        this.perTokenChecks = pipeline.checks().stream().filter(c -> (c.stage() == Check.Stage.TIME || c.stage() == Check.Stage.OTHER)
                && !c.reads().envelopeOnly()).toList(); // an envelope-only check gives nothing for the plain tokens the fast path takes
        this.keyedClaims = pipeline.claimValuesRead(Check.Stage.CLAIMS);
        Set<String> planReads = pipeline.claimValuesRead(Check.Stage.HEADER, Check.Stage.TRUST, Check.Stage.SIGNATURE);
        Set<String> resolverReads = trust.claimValuesRead();
        if (planReads == null || resolverReads == null) {
            this.planClaims = null;
        } else {
            java.util.TreeSet<String> all = new java.util.TreeSet<>(planReads);
            all.addAll(resolverReads);
            this.planClaims = List.copyOf(all);
        }
        this.memoOverTime = perTokenChecks.stream().allMatch(c -> c.stage() == Check.Stage.TIME && c.reads().known() || !c.reads().clock());
        this.threads = threads > 0 ? threads : defaultThreads();
        this.memoCapacity = Math.max(0, memoCapacity);
        this.memo = new ConcurrentHashMap<>(Math.min(this.memoCapacity, 1 << 15)); // sized for a batch, not grown 12 times
    }

    /**
     * The verifier the CLI uses: discovery over the network (through the user's document cache) unless the profile is
     * offline, in which case no HTTP client is even created.
     */
    public static BatchVerifier standard(ValidationProfile profile, int threads, int memoCapacity) {
        Http http = profile.offline() ? null : Http.standard();
        TrustResolver r = new OnlineTrustResolver(new DocumentStore(http, DocumentStore.defaultCacheDir(), Clock.systemUTC()), Clock.systemUTC());
        return new BatchVerifier(r, profile, Clock.systemDefaultZone(), threads, memoCapacity);
    }

    /**
     * Workers when not told: one per core. The calling thread reads and writes lines, which is light next to
     * verifying (ASCII lines are copied, not decoded; signatures are verified natively when {@link NativeCrypto}
     * loads), so it shares a core rather than keeping one for itself.
     */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    public ValidationProfile profile() { return profile; }

    public int threads() { return threads; }

    /** How many results came from the memo, the fast path and the Inspector's whole way (for tests and --stats). */
    public long memoHits() { return memoHits.get(); }

    public long fastPathCount() { return fastPath.get(); }

    public long fullPathCount() { return fullPath.get(); }

    /** Tokens in the memo now (never more than the capacity). */
    public int memoSize() { return memo.size(); }

    /** Distinct trust chains resolved so far. */
    public int chainsResolved() { return trust.size(); }

    // ------------------------------------------------------------------------------------------------ one line

    /** The verdict for one input line (a token, "Bearer …", a log line holding one); thread-safe. */
    public BatchResult verify(String line) {
        return verify(line, profile.at() != null ? profile.at() : clock.instant());
    }

    /** {@link #verify(String)} at the evaluation time {@code now} (ignored when the profile fixes the time). */
    BatchResult verify(String line, Instant now) {
        if (profile.at() != null) now = profile.at();
        String s = line.strip();
        if (s.isEmpty()) return new BatchResult(Verdict.INVALID, NOT_A_TOKEN, "Empty line: no token", false);
        BatchResult known = memoised(s, now); // the common case of a token-per-line file seen before: no scan, no extraction
        if (known != null) return known;
        String token = s;
        Scanned scanned = Scanned.of(s);
        if (scanned == null) {
            Extraction ex = extractor.extract(s);
            Candidate c = ex.primary().orElse(null);
            if (c == null) return nothing(s, ex);
            token = c.value();
            known = memoised(token, now);
            if (known != null) return known;
            scanned = Scanned.of(token);
        }
        Evaluated e = evaluate(token, scanned, now);
        if (memoCapacity > 0 && token.length() <= MAX_MEMO_TOKEN) remember(token, new Memo(e.result(), e.from(), e.until()));
        return e.result();
    }

    private BatchResult memoised(String token, Instant now) {
        if (memoCapacity == 0) return null;
        Memo m = memo.get(token);
        if (m == null || !m.covers(now)) return null;
        memoHits.incrementAndGet();
        return m.result().asMemoised();
    }

    /** A line without a token: the Inspector's verdict when it gives one (a placeholder is invalid, "placeholder"), else not-a-token. */
    private BatchResult nothing(String line, Extraction ex) {
        if (dev.tokenscope.engine.check.Diagnoses.PLACEHOLDER.equals(ex.form())) {
            Inspector.Judgement j = inspector.judge(line, profile);
            return new BatchResult(j.verdict(), j.topDiagnosis().map(Diagnosis::id).orElse(NOT_A_TOKEN), j.summary(), false);
        }
        return new BatchResult(Verdict.INVALID, NOT_A_TOKEN, stripNothing(ex.nothingToInspect()), false);
    }

    private static String stripNothing(String s) {
        return s.startsWith("Nothing to inspect: ") ? s.substring("Nothing to inspect: ".length()) : s;
    }

    private void remember(String token, Memo m) {
        if (memo.size() >= memoCapacity) {
            // Evict about an eighth, in the map's (hash, so effectively random) order.
            int drop = Math.max(1, memoCapacity / 8);
            Iterator<String> it = memo.keySet().iterator();
            while (drop-- > 0 && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        memo.put(token, m);
    }

    private record Evaluated(BatchResult result, Instant from, Instant until) {
    }

    private Evaluated evaluate(String token, Scanned scanned, Instant now) {
        Evaluated fast = scanned == null ? null : fast(token, scanned, now);
        if (fast != null) {
            fastPath.incrementAndGet();
            return fast;
        }
        fullPath.incrementAndGet();
        Inspector.Judgement r = inspector.judge(token, profile.withAt(now));
        BatchResult result;
        if (!r.token()) {
            result = new BatchResult(Verdict.INVALID, r.topDiagnosis().map(Diagnosis::id).orElse(NOT_A_TOKEN), r.summary(), false);
        } else {
            result = new BatchResult(r.verdict(), r.topDiagnosis().map(Diagnosis::id).orElse(null), r.summary(), false);
        }
        Instant[] w = window(r.claims(), now, profile.skew());
        // A Signed HTTP Request's freshness (ts) changes its outcome at times the window does not know: never memoised;
        // nor is anything when a check may read the clock without saying how.
        if (popHeader(token) || !memoOverTime) return new Evaluated(result, now, now);
        return new Evaluated(result, w[0], w[1]);
    }

    /** True when the token's header says typ "pop" (a Signed HTTP Request). */
    static boolean popHeader(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) return false;
        try {
            JsonNode h = dev.tokenscope.engine.Json.parse(new String(new com.nimbusds.jose.util.Base64URL(token.substring(0, dot)).decode(),
                    StandardCharsets.UTF_8));
            return "pop".equalsIgnoreCase(h.path("typ").asText(""));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The evaluation times [from, until) in which the lifetime step keeps its outcome: it changes only at exp − max(skew, 5 min) (expiring-soon), exp,
     * exp + skew, nbf − skew, nbf and iat − skew (the instants its comparisons use). Null ends are unbounded.
     */
    static Instant[] window(JsonNode claims, Instant now, Duration skew) {
        return LifetimeCheck.window(claims, now, skew);
    }


    // ------------------------------------------------------------------------------------------------ fast path

    private Evaluated fast(String token, Scanned t, Instant now) {
        if (keyedClaims == null || planClaims == null) return null; // a check or the resolver declares nothing: the Inspector's way
        int len = t.bytes().length;
        int d1 = t.d1(), d2 = t.d2();
        if (len > TokenDecoder.MAX_TOKEN_CHARS || t.dots() != 2 || d1 == 0 || d2 == d1 + 1 || d2 == len - 1) return null;
        if (d1 % 4 == 1 || (d2 - d1 - 1) % 4 == 1 || (len - d2 - 1) % 4 == 1) return null;
        ObjectNode claims = decodeObject(t.bytes(), d1 + 1, d2);
        if (claims == null || claims.path("at").isTextual()) return null; // a Signed HTTP Request (PoP): the Inspector's way
        Plan plan = plan(token, t.bytes(), d1, claims, now);
        if (!plan.eligible()) return null;
        boolean verified;
        try {
            verified = plan.verify(t.bytes(), d2);
        } catch (JOSEException | RuntimeException e) {
            return null;
        }
        ClaimsOutcome co = claimsOutcome(token, plan, claims, now);
        if (!co.clean() || !perTokenPasses(token, plan, claims, now)) return null; // the Inspector explains failures and warnings
        Instant[] w = memoOverTime ? window(claims, now, profile.skew()) : new Instant[]{now, now};
        if (!verified) {
            // Only the signature failed: the Inspector says signature-invalid with the plan's key, the same for every such token.
            BatchResult known = plan.signatureFailure().get();
            if (known == null) {
                fullPath.incrementAndGet();
                Inspector.Judgement r = inspector.judge(token, profile.withAt(now));
                if (r.verdict() != Verdict.INVALID || !r.topDiagnosis().map(d -> d.id().equals("signature-invalid")).orElse(false)
                        || r.diagnoses().size() != 1) {
                    return new Evaluated(new BatchResult(r.verdict(), r.topDiagnosis().map(Diagnosis::id).orElse(null), r.summary(), false), w[0], w[1]);
                }
                known = new BatchResult(r.verdict(), "signature-invalid", r.summary(), false);
                plan.signatureFailure().compareAndSet(null, known);
            }
            return new Evaluated(known, w[0], w[1]);
        }
        // The Inspector's summary of a valid report.
        return new Evaluated(co.valid(), w[0], w[1]);
    }

    /**
     * What the claim checks other than the lifetime (issuer, audience, token type, version, tenant, client, permissions)
     * say about a token, shared by every token of the same plan whose claims are the same apart from the values of
     * {@link #VALUE_FREE_CLAIMS}. {@code audiences} is the summary's "for …" part.
     */
    private record ClaimsOutcome(boolean clean, boolean warned, String audiences, BatchResult valid) {
        ClaimsOutcome(boolean clean, boolean warned, String audiences, boolean planWarned) {
            this(clean, warned, audiences,
                    clean ? new BatchResult(Verdict.VALID, null, Inspector.validSummary(planWarned || warned, audiences), false) : null);
        }
    }

    /**
     * Claims whose values none of those checks reads (only whether they are there): identity and display claims,
     * different in every token or for every user, and the time claims, which the lifetime step checks per token.
     */
    static final int MAX_CLAIM_OUTCOMES = 4096;
    private final ConcurrentHashMap<String, ClaimsOutcome> claimOutcomes = new ConcurrentHashMap<>();

    /** The claim outcome this thread used last, with the claims it was worked out for. */
    private record LastOutcome(long planId, ObjectNode claims, ClaimsOutcome outcome) {
        /** Same plan, the same claim names in the same order, and the same values where they matter (as the cache key of {@link #claimsOutcomeByKey}). */
        boolean matches(long plan, ObjectNode other, Set<String> keyed) {
            if (plan != planId || other.size() != claims.size()) return false;
            Iterator<java.util.Map.Entry<String, JsonNode>> a = claims.fields(), b = other.fields();
            while (a.hasNext()) {
                java.util.Map.Entry<String, JsonNode> x = a.next(), y = b.next();
                if (!x.getKey().equals(y.getKey())) return false;
                if (keyed.contains(x.getKey()) && !sameValue(x.getValue(), y.getValue())) return false;
            }
            return true;
        }
    }

    private final ThreadLocal<LastOutcome> lastOutcome = new ThreadLocal<>();

    private ClaimsOutcome claimsOutcome(String token, Plan plan, ObjectNode claims, Instant now) {
        LastOutcome last = lastOutcome.get();
        if (last != null && last.matches(plan.id(), claims, keyedClaims)) return last.outcome();
        ClaimsOutcome co = claimsOutcomeByKey(token, plan, claims, now);
        lastOutcome.set(new LastOutcome(plan.id(), claims, co));
        return co;
    }

    private ClaimsOutcome claimsOutcomeByKey(String token, Plan plan, ObjectNode claims, Instant now) {
        StringBuilder key = new StringBuilder(256).append(plan.id()).append('\u0001');
        for (Iterator<java.util.Map.Entry<String, JsonNode>> it = claims.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> e = it.next();
            key.append(e.getKey()).append('\u0000');
            if (keyedClaims.contains(e.getKey())) appendValue(key, e.getValue());
            key.append('\u0001');
        }
        String k = key.toString();
        ClaimsOutcome known = claimOutcomes.get(k);
        if (known != null) return known;
        ClaimsOutcome fresh = checkClaims(token, plan, claims, now);
        if (claimOutcomes.size() < MAX_CLAIM_OUTCOMES) claimOutcomes.putIfAbsent(k, fresh);
        return fresh;
    }

    /** An unambiguous rendering of a JSON value for a cache key (strings length-prefixed; no serializer needed). */
    private static void appendValue(StringBuilder sb, JsonNode v) {
        if (v.isTextual()) {
            String t = v.textValue();
            sb.append('s').append(t.length()).append(':').append(t);
        } else if (v.isArray()) {
            sb.append('[').append(v.size()).append(':');
            for (JsonNode n : v) appendValue(sb, n);
            sb.append(']');
        } else if (v.isNumber() || v.isBoolean() || v.isNull()) {
            sb.append(v.getNodeType().name().charAt(0)).append(v.asText()).append(';');
        } else {
            String t = v.toString();
            sb.append('o').append(t.length()).append(':').append(t);
        }
    }

    private ClaimsOutcome checkClaims(String token, Plan plan, ObjectNode claims, Instant now) {
        DecodedToken dt = new DecodedToken(token, TokenKind.JWS, plan.header(), claims, -1, List.of(), null, null);
        CheckContext ctx = new CheckContext(dt, profile, now, plan.trust());
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

    /**
     * True when every per-token check of the pipeline (the lifetime, and any check that declares no stage) passes at
     * {@code now} without a warning or a diagnosis, run as the Inspector runs it. Anything else goes the Inspector's way.
     */
    private boolean perTokenPasses(String token, Plan plan, ObjectNode claims, Instant now) {
        if (perTokenChecks.isEmpty()) return true;
        DecodedToken dt = new DecodedToken(token, TokenKind.JWS, plan.header(), claims, -1, List.of(), null, null);
        CheckContext ctx = new CheckContext(dt, profile, now, plan.trust());
        for (Check c : perTokenChecks) {
            Step st = ctx.run(c);
            if (st != null && st.status() != Status.PASS) return false;
        }
        return ctx.diagnoses().isEmpty();
    }

    /** The lifetime step's plain pass at {@code now} (what {@link #perTokenPasses} asks of it), for tests. */
    static boolean lifetimePasses(ObjectNode claims, Instant now, Duration skew) {
        DecodedToken dt = new DecodedToken("x", TokenKind.JWS, dev.tokenscope.engine.Json.MAPPER.createObjectNode(), claims, -1, List.of(), null, null);
        ValidationProfile p = new ValidationProfile(null, null, null, null, null, skew, null, null, null, true);
        CheckContext ctx = new CheckContext(dt, p, now, TrustResolver.offlineOnly().resolve(dt, p));
        Step st = ctx.run(new LifetimeCheck());
        return st != null && st.status() == Status.PASS && ctx.diagnoses().isEmpty();
    }

    /**
     * Decodes the base64url JSON object part {@code token[start, end)} exactly as the token decoder does (strict UTF-8,
     * strict JSON, an object without overflowing numbers), or null. Plain ASCII JSON (every Entra token) is parsed from
     * its bytes, the same characters either way.
     */
    private static ObjectNode decodeObject(byte[] token, int start, int end) {
        try {
            ByteBuffer decoded = Base64.getUrlDecoder().decode(ByteBuffer.wrap(token, start, end - start));
            byte[] bytes = decoded.array();
            int off = decoded.arrayOffset() + decoded.position(), n = decoded.remaining();
            JsonNode node = plainText(bytes, off, n) ? Json.parse(bytes, off, n)
                    : Json.parse(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, off, n)).toString());
            // As the decoder: an object, and no number that overflowed to infinity.
            return node instanceof ObjectNode o && TokenDecoder.nonFiniteNumber(o, "") == null ? o : null;
        } catch (IOException | IllegalArgumentException e) { // CharacterCodingException and Jackson's too
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Printable ASCII, tab, CR and LF only: bytes Jackson reads as UTF-8 text exactly as the decoder's strict UTF-8 String.
     * (A NUL among the first bytes would make Jackson's byte parser take the text for UTF-16 or UTF-32; any other
     * control character or non-ASCII byte takes the decoder's own way.)
     */
    static boolean plainText(byte[] bytes, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            byte b = bytes[i];
            if (b < 0x20 ? b != '\t' && b != '\n' && b != '\r' : b == 0x7f) return false;
        }
        return true;
    }

    /** The plan this thread used last, with what chose it: header bytes and the values of the plan's claims. */
    private record LastPlan(byte[] header, JsonNode[] values, Plan plan) {
        boolean matches(byte[] token, int headerEnd, ObjectNode claims, List<String> names) {
            if (!java.util.Arrays.equals(token, 0, headerEnd, header, 0, header.length)) return false;
            for (int i = 0; i < values.length; i++) {
                if (!sameValue(claims.get(names.get(i)), values[i])) return false;
            }
            return true;
        }
    }

    private final ThreadLocal<LastPlan> lastPlan = new ThreadLocal<>();

    private Plan plan(String token, byte[] bytes, int headerEnd, ObjectNode claims, Instant now) {
        LastPlan last = lastPlan.get();
        if (last != null && last.matches(bytes, headerEnd, claims, planClaims)) return last.plan();
        Plan p = plan(token, token.substring(0, headerEnd), claims, now);
        JsonNode[] values = new JsonNode[planClaims.size()];
        for (int i = 0; i < values.length; i++) values[i] = claims.get(planClaims.get(i));
        lastPlan.set(new LastPlan(java.util.Arrays.copyOf(bytes, headerEnd), values, p));
        return p;
    }

    /**
     * True when two claim values certainly render to the same cache key ({@link #appendValue}): both absent, or equal
     * value nodes of the same type, or arrays of such. Objects are never "the same" here (their equality ignores member
     * order), which only means the caller takes the slower, exact way.
     */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) return a == b;
        if (a.isObject() || b.isObject()) return false;
        if (a.isArray()) {
            if (!b.isArray() || a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!sameValue(a.get(i), b.get(i))) return false;
            return true;
        }
        return a.equals(b);
    }

    private Plan plan(String token, String headerPart, ObjectNode claims, Instant now) {
        // What the header and trust stages and the resolver read besides the header (their declarations).
        StringBuilder kb = new StringBuilder(headerPart.length() + 128).append(headerPart);
        for (String name : planClaims) {
            kb.append('\u0000');
            JsonNode v = claims.get(name);
            if (v != null) appendValue(kb, v);
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
        if (!AlgorithmCheck.ALLOWED.contains(alg)) return Plan.INELIGIBLE;
        TrustState state = trust.resolve(dt, profile);
        CheckContext ctx = new CheckContext(dt, profile, now, state);
        boolean warned = false;
        for (Check c : planChecks) { // format, algorithm, metadata, keys, key-match (the signature is verified per token)
            Step s = ctx.run(c);
            if (s.status() == Status.FAIL && !ENVIRONMENT_STEPS.contains(s.id())) return Plan.INELIGIBLE;
            if (s.status() == Status.WARN) warned = true;
        }
        if (!ctx.step("key-match").map(s -> s.status() == Status.PASS).orElse(false) || !ctx.diagnoses().isEmpty()) return Plan.INELIGIBLE;
        if (!(state instanceof ResolvedTrust rt) || rt.appSpecificAppId() != null || rt.match().candidates().size() != 1
                || !Set.of("kid", "x5t", "x5t#S256").contains(rt.match().by())) {
            return Plan.INELIGIBLE;
        }
        JWK key = rt.match().candidates().get(0);
        if (!usable(key, alg)) return Plan.INELIGIBLE;
        JWSVerifier verifier;
        java.security.PublicKey publicKey;
        try {
            publicKey = ((AsymmetricJWK) key).toPublicKey();
            verifier = new DefaultJWSVerifierFactory().createJWSVerifier(sj.getHeader(), publicKey);
        } catch (JOSEException | RuntimeException e) {
            return Plan.INELIGIBLE;
        }
        String jca = Plan.jcaRsa(alg);
        ThreadLocal<java.security.Signature> rsa = jca == null ? null : Plan.signatures(jca, publicKey);
        if (jca != null && rsa == null) return Plan.INELIGIBLE; // no provider takes this key: the Inspector says why
        rt.verifiedWith(key); // the one key the signature step would name
        return new Plan(PLAN_IDS.incrementAndGet(), true, header, sj.getHeader(), verifier, state, ctx.steps(), ctx.diagnoses(), warned,
                new java.util.concurrent.atomic.AtomicReference<>(), publicKey, rsa);
    }

    /** The signature step's own rule for a published key (use, key_ops, alg, type). */
    static boolean usable(JWK key, String alg) {
        return dev.tokenscope.engine.trust.KeyMatch.unusable(key, alg) == null;
    }

    // ------------------------------------------------------------------------------------------------ many lines

    /** Receives each result in input order. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param lineNumber 1-based number of the input line
         * @param result     its verdict
         */
        void accept(long lineNumber, BatchResult result) throws IOException;
    }

    private record Chunk(long[] numbers, String[] lines, int size) {
    }

    /**
     * Verifies every non-empty line of {@code in} on all worker threads and hands the results to {@code sink} in
     * input order, one per non-empty line. At most a few chunks per thread are in flight, so memory does not grow
     * with the input.
     */
    public BatchSummary run(InputStream in, Sink sink) throws IOException, InterruptedException {
        long started = System.nanoTime();
        ExecutorService exec = pool();
        ArrayDeque<Future<BatchResult[]>> inFlight = new ArrayDeque<>();
        ArrayDeque<Chunk> chunks = new ArrayDeque<>();
        int maxInFlight = threads * 4;
        long[] counts = new long[4]; // lines, valid, invalid, undetermined
        long memoBefore = memoHits.get();
        LineReader reader = new LineReader(in, MAX_LINE_BYTES);
        long number = 0;
        long[] nums = new long[CHUNK];
        String[] lines = new String[CHUNK];
        int n = 0;
        String line;
        while ((line = reader.next()) != null) {
            number++;
            if (isBlank(line)) continue;
            nums[n] = number;
            lines[n++] = line;
            if (n == CHUNK) {
                submit(exec, new Chunk(nums, lines, n), inFlight, chunks);
                nums = new long[CHUNK];
                lines = new String[CHUNK];
                n = 0;
                while (inFlight.size() >= maxInFlight) drain(inFlight, chunks, sink, counts);
            }
        }
        if (n > 0) submit(exec, new Chunk(nums, lines, n), inFlight, chunks);
        while (!inFlight.isEmpty()) drain(inFlight, chunks, sink, counts);
        double secs = (System.nanoTime() - started) / 1e9;
        return new BatchSummary(counts[0], counts[1], counts[2], counts[3], memoHits.get() - memoBefore, secs);
    }

    private static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) if (!Character.isWhitespace(s.charAt(i))) return false;
        return true;
    }

    private void submit(ExecutorService exec, Chunk c, ArrayDeque<Future<BatchResult[]>> inFlight, ArrayDeque<Chunk> chunks) {
        chunks.add(c);
        inFlight.add(exec.submit(() -> {
            Instant now = profile.at() != null ? profile.at() : clock.instant(); // one evaluation time per chunk of lines
            BatchResult[] out = new BatchResult[c.size()];
            for (int i = 0; i < c.size(); i++) {
                String l = c.lines()[i];
                out[i] = l == LineReader.TOO_LONG
                        ? new BatchResult(Verdict.INVALID, NOT_A_TOKEN, "Line longer than " + MAX_LINE_BYTES + " bytes: not read (a token is a few kilobytes)", false)
                        : verifySafely(l, now);
            }
            return out;
        }));
    }

    private BatchResult verifySafely(String line, Instant now) {
        try {
            return verify(line, now);
        } catch (RuntimeException e) {
            return new BatchResult(Verdict.UNDETERMINED, null, "Internal error: " + e, false);
        }
    }

    private static void drain(ArrayDeque<Future<BatchResult[]>> inFlight, ArrayDeque<Chunk> chunks, Sink sink, long[] counts)
            throws IOException, InterruptedException {
        Future<BatchResult[]> f = inFlight.poll();
        Chunk c = chunks.poll();
        BatchResult[] results;
        try {
            results = f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("batch worker failed", e.getCause());
        }
        for (int i = 0; i < c.size(); i++) {
            BatchResult r = results[i];
            counts[0]++;
            switch (r.verdict()) {
                case VALID -> counts[1]++;
                case INVALID -> counts[2]++;
                case UNDETERMINED -> counts[3]++;
            }
            sink.accept(c.numbers()[i], r);
        }
    }

    private ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (this) {
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(threads, r -> {
                        Thread t = new Thread(r, "tokenscope-verify");
                        t.setDaemon(true);
                        return t;
                    });
                }
                p = pool;
            }
        }
        return p;
    }

    @Override
    public void close() {
        ExecutorService p = pool;
        if (p != null) p.shutdownNow();
    }

    /**
     * Reads UTF-8 lines without ever holding more than {@code max} bytes of one line. Bytes, not a Reader: a line of
     * ASCII (every token line) becomes a String by a plain copy, with no charset decoder and no char[] in between;
     * any other line is decoded as UTF-8 with malformed input replaced by U+FFFD, as a Reader would. A line ends at
     * LF; a CR before it is dropped.
     */
    static final class LineReader {
        /** Returned (by identity) for a line longer than the limit; the rest of that line is skipped. */
        static final String TOO_LONG = new String("\u0000too-long");
        private final InputStream in;
        private final int max;
        private final byte[] buf = new byte[1 << 16];
        private int pos, end;
        private boolean eof;
        private byte[] carry = new byte[256]; // a line that spans buffer refills
        private int carried;

        LineReader(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        String next() throws IOException {
            carried = 0;
            boolean tooLong = false, spanning = false, ascii = true;
            while (true) {
                if (pos >= end) {
                    if (eof) break;
                    end = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (end <= 0) {
                        end = 0;
                        eof = true;
                        break;
                    }
                }
                int start = pos;
                byte b = 0;
                while (pos < end && (b = buf[pos]) != '\n') {
                    if (b < 0) ascii = false;
                    pos++;
                }
                boolean newline = pos < end;
                if (!tooLong) {
                    if (carried + (pos - start) > max) {
                        tooLong = true;
                    } else if (newline && !spanning) {
                        int stop = pos > start && buf[pos - 1] == '\r' ? pos - 1 : pos;
                        pos++;
                        return string(buf, start, stop - start, ascii);
                    } else {
                        append(start, pos - start);
                        spanning = true;
                    }
                }
                if (newline) {
                    pos++;
                    if (tooLong) return TOO_LONG;
                    int len = carried > 0 && carry[carried - 1] == '\r' ? carried - 1 : carried;
                    return string(carry, 0, len, ascii);
                }
            }
            if (tooLong) return TOO_LONG;
            if (!spanning) return null;
            return string(carry, 0, carried, ascii);
        }

        private void append(int from, int len) {
            if (carried + len > carry.length) carry = java.util.Arrays.copyOf(carry, Math.max(carried + len, carry.length * 2));
            System.arraycopy(buf, from, carry, carried, len);
            carried += len;
        }

        private static String string(byte[] b, int off, int len, boolean ascii) {
            return ascii ? new String(b, off, len, StandardCharsets.ISO_8859_1) : new String(b, off, len, StandardCharsets.UTF_8);
        }
    }

    /** The bytes of a line in base64url and dots only, with where its first two dots are: the one pass over a token. */
    record Scanned(byte[] bytes, int d1, int d2, int dots) {
        private static final boolean[] COMPACT = new boolean[256];

        static {
            for (int c = 'A'; c <= 'Z'; c++) COMPACT[c] = true;
            for (int c = 'a'; c <= 'z'; c++) COMPACT[c] = true;
            for (int c = '0'; c <= '9'; c++) COMPACT[c] = true;
            COMPACT['-'] = COMPACT['_'] = COMPACT['.'] = true;
        }

        /**
         * A compact token and nothing else (the common case of a token-per-line file: no extraction needed), or null.
         * A character beyond Latin-1 becomes '?' in the bytes, and neither that nor any other non-ASCII byte is allowed.
         */
        static Scanned of(String s) {
            if (!s.startsWith("eyJ")) return null;
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            int d1 = -1, d2 = -1, dots = 0;
            for (int i = 0; i < b.length; i++) {
                int c = b[i] & 0xff;
                if (!COMPACT[c]) return null;
                if (c == '.') {
                    if (dots == 0) d1 = i;
                    else if (dots == 1) d2 = i;
                    dots++;
                }
            }
            return new Scanned(b, d1, d2, dots);
        }
    }
}
