package dev.tokenscope.engine.batch;

/**
 * Totals of a batch run.
 *
 * @param lines        non-empty lines read (each got exactly one result)
 * @param valid        lines whose token is valid
 * @param invalid      lines whose token is invalid, or that hold no token
 * @param undetermined lines whose verdict stayed open (issuer unreachable …)
 * @param memoised     results served from the memo (the same token seen before)
 * @param seconds      wall time of the run
 */
public record BatchSummary(long lines, long valid, long invalid, long undetermined, long memoised, double seconds) {
    public boolean allValid() {
        return valid == lines;
    }
}
