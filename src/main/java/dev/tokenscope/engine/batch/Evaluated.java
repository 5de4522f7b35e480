package dev.tokenscope.engine.batch;

import java.time.Instant;

/** A verdict and the evaluation times [from, until) it holds for (null ends: unbounded), which the memo keeps it for. */
record Evaluated(BatchResult result, Instant from, Instant until) {
}
