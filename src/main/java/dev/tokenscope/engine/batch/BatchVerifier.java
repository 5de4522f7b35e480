package dev.tokenscope.engine.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.util.Base64URL;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.crypto.NativeCrypto;
import dev.tokenscope.engine.check.Diagnoses;
import dev.tokenscope.engine.check.LifetimeCheck;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.pipeline.Pipeline;
import dev.tokenscope.engine.input.Candidate;
import dev.tokenscope.engine.input.Extraction;
import dev.tokenscope.engine.input.InputExtractor;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.token.TokenDecoder;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import dev.tokenscope.engine.trust.TrustResolver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 *   the claims no claim check declares it reads); the lifetime is checked per token. If all of that passes without a warning from the
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
    /** Tokens longer than this are verified but not memoised (keeps the memo's memory bounded). */
    static final int MAX_MEMO_TOKEN = 16 * 1024;

    private final ValidationProfile profile;
    private final Clock clock;
    private final Inspector inspector;
    private final CachingTrustResolver trust;
    private final InputExtractor extractor = new InputExtractor();
    private final TokenDecoder decoder = new TokenDecoder();
    private final int threads;
    private final int memoCapacity;
    private final MemoStore memo;
    private final AtomicLong fastPath = new AtomicLong(), fullPath = new AtomicLong();
    private final FastPath fast;
    private final LineRunner runner;

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
        this.fast = new FastPath(pipeline, trust, profile, inspector, fullPath);
        this.threads = threads > 0 ? threads : defaultThreads();
        this.runner = new LineRunner(this, profile, clock, this.threads);
        this.memoCapacity = Math.max(0, memoCapacity);
        this.memo = new MemoStore(this.memoCapacity);
    }

    /**
     * The verifier the CLI uses: discovery over the network (through the user's document cache) unless the profile is
     * offline, in which case no HTTP client is even created.
     */
    public static BatchVerifier standard(ValidationProfile profile, int threads, int memoCapacity) {
        Http http = profile.offline() ? null : Http.standard();
        TrustResolver r = new OnlineTrustResolver(new DocumentStore(http, DocumentStore.defaultCacheDir(), Clock.systemUTC()),
                Clock.systemUTC());
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
    public long memoHits() { return memo.hits(); }

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
        BatchResult known = memo.get(s, now); // the common case of a token-per-line file seen before: no scan, no extraction
        if (known != null) return known;
        String token = s;
        Scanned scanned = Scanned.of(s);
        if (scanned == null) {
            Extraction ex = extractor.extract(s);
            Candidate c = ex.primary().orElse(null);
            if (c == null) return nothing(s, ex);
            token = c.value();
            known = memo.get(token, now);
            if (known != null) return known;
            scanned = Scanned.of(token);
        }
        Evaluated e = evaluate(token, scanned, now);
        if (token.length() <= MAX_MEMO_TOKEN) memo.remember(token, e.result(), e.from(), e.until());
        return e.result();
    }

    /** A line without a token: the Inspector's verdict when it gives one (a placeholder is invalid, "placeholder"), else not-a-token. */
    private BatchResult nothing(String line, Extraction ex) {
        if (Diagnoses.PLACEHOLDER.equals(ex.form())) {
            Inspector.Judgement j = inspector.judge(line, profile);
            return new BatchResult(j.verdict(), j.topDiagnosis().map(Diagnosis::id).orElse(NOT_A_TOKEN), j.summary(), false);
        }
        return new BatchResult(Verdict.INVALID, NOT_A_TOKEN, stripNothing(ex.nothingToInspect()), false);
    }

    private static String stripNothing(String s) {
        return s.startsWith("Nothing to inspect: ") ? s.substring("Nothing to inspect: ".length()) : s;
    }

    private Evaluated evaluate(String token, Scanned scanned, Instant now) {
        Evaluated quick = scanned == null ? null : fast.evaluate(token, scanned, now);
        if (quick != null) {
            fastPath.incrementAndGet();
            return quick;
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
        if (popHeader(token) || !fast.memoOverTime()) return new Evaluated(result, now, now);
        return new Evaluated(result, w[0], w[1]);
    }

    /** True when the token's header says typ "pop" (a Signed HTTP Request). */
    static boolean popHeader(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) return false;
        try {
            JsonNode h = Json.parse(new String(new Base64URL(token.substring(0, dot)).decode(),
                    StandardCharsets.UTF_8));
            return "pop".equalsIgnoreCase(h.path("typ").asText(""));
        } catch (JsonProcessingException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The evaluation times [from, until) in which the lifetime step keeps its outcome: it changes only at
     * exp − max(skew, 5 min) (expiring-soon), exp, exp + skew, nbf − skew, nbf and iat − skew (the instants its
     * comparisons use). Null ends are unbounded.
     */
    static Instant[] window(JsonNode claims, Instant now, Duration skew) {
        return LifetimeCheck.window(claims, now, skew);
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

    /**
     * Verifies every non-empty line of {@code in} on all worker threads and hands the results to {@code sink} in
     * input order, one per non-empty line. At most a few chunks per thread are in flight, so memory does not grow
     * with the input.
     */
    public BatchSummary run(InputStream in, Sink sink) throws IOException, InterruptedException {
        return runner.run(in, sink);
    }

    @Override
    public void close() {
        runner.close();
    }

}
