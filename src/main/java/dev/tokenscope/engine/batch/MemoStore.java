package dev.tokenscope.engine.batch;

import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verdicts memoised by the whole token, each valid for the evaluation times [from, until) in which no per-token check
 * can change it (null ends: unbounded). At most {@code capacity} tokens; past that about an eighth is evicted.
 */
final class MemoStore {
    private record Memo(BatchResult result, Instant from, Instant until) {
        boolean covers(Instant now) {
            return (from == null || !now.isBefore(from)) && (until == null || now.isBefore(until));
        }
    }

    private final int capacity;
    private final ConcurrentHashMap<String, Memo> memo;
    private final AtomicLong hits = new AtomicLong();

    MemoStore(int capacity) {
        this.capacity = capacity;
        this.memo = new ConcurrentHashMap<>(Math.min(capacity, 1 << 15)); // sized for a batch, not grown 12 times
    }

    /** The memoised verdict of {@code token} if it holds at {@code now}, else null. */
    BatchResult get(String token, Instant now) {
        if (capacity == 0) return null;
        Memo m = memo.get(token);
        if (m == null || !m.covers(now)) return null;
        hits.incrementAndGet();
        return m.result().asMemoised();
    }

    void remember(String token, BatchResult result, Instant from, Instant until) {
        if (capacity == 0) return;
        if (memo.size() >= capacity) {
            // Evict about an eighth, in the map's (hash, so effectively random) order.
            int drop = Math.max(1, capacity / 8);
            Iterator<String> it = memo.keySet().iterator();
            while (drop-- > 0 && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        memo.put(token, new Memo(result, from, until));
    }

    long hits() {
        return hits.get();
    }

    int size() {
        return memo.size();
    }
}
