package dev.tokenscope.engine.batch;

import dev.tokenscope.engine.report.Verdict;

/**
 * The verdict for one input line.
 *
 * @param verdict   valid, invalid or undetermined (a line without a token is invalid, diagnosis {@value BatchVerifier#NOT_A_TOKEN})
 * @param diagnosis the top diagnosis id, or null
 * @param message   the report's one-line summary (or why the line holds no token)
 * @param memoised  true when the verdict came from the memo (only the time-based step was re-checked)
 */
public record BatchResult(Verdict verdict, String diagnosis, String message, boolean memoised) {
    BatchResult asMemoised() {
        return memoised ? this : new BatchResult(verdict, diagnosis, message, true);
    }
}
