package dev.tokenscope.engine.batch;

import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Verdict;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The batch's schedule over many lines: read in chunks on the calling thread, verified on a fixed pool, a bounded
 * number of chunks in flight, results handed on in input order.
 */
final class LineRunner implements AutoCloseable {
    static final int CHUNK = 128;
    private final BatchVerifier verifier;
    private final ValidationProfile profile;
    private final Clock clock;
    private final int threads;
    private volatile ExecutorService pool;

    LineRunner(BatchVerifier verifier, ValidationProfile profile, Clock clock, int threads) {
        this.verifier = verifier;
        this.profile = profile;
        this.clock = clock;
        this.threads = threads;
    }

    private record Chunk(long[] numbers, String[] lines, int size) {
    }

    /**
     * Verifies every non-empty line of {@code in} on all worker threads and hands the results to {@code sink} in
     * input order, one per non-empty line. At most a few chunks per thread are in flight, so memory does not grow
     * with the input.
     */
    BatchSummary run(InputStream in, BatchVerifier.Sink sink) throws IOException, InterruptedException {
        long started = System.nanoTime();
        ExecutorService exec = pool();
        ArrayDeque<Future<BatchResult[]>> inFlight = new ArrayDeque<>();
        ArrayDeque<Chunk> chunks = new ArrayDeque<>();
        int maxInFlight = threads * 4;
        long[] counts = new long[4]; // lines, valid, invalid, undetermined
        long memoBefore = verifier.memoHits();
        LineReader reader = new LineReader(in, BatchVerifier.MAX_LINE_BYTES);
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
        return new BatchSummary(counts[0], counts[1], counts[2], counts[3], verifier.memoHits() - memoBefore, secs);
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
                        ? new BatchResult(Verdict.INVALID, BatchVerifier.NOT_A_TOKEN,
                                "Line longer than " + BatchVerifier.MAX_LINE_BYTES + " bytes: not read (a token is a few kilobytes)", false)
                        : verifySafely(l, now);
            }
            return out;
        }));
    }

    private BatchResult verifySafely(String line, Instant now) {
        try {
            return verifier.verify(line, now);
        } catch (RuntimeException e) {
            return new BatchResult(Verdict.UNDETERMINED, null, "Internal error: " + e, false);
        }
    }

    private static void drain(ArrayDeque<Future<BatchResult[]>> inFlight, ArrayDeque<Chunk> chunks, BatchVerifier.Sink sink, long[] counts)
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
}
