package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.Step;

/** One small validation step. Checks read the context, may name diagnoses on it, and return exactly one step. */
public interface Check {
    /** The stable step id (format, algorithm, issuer …). */
    String id();

    Step run(CheckContext ctx);
}
