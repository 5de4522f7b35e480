package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.Step;

/**
 * One small validation step. Checks read the context, may name diagnoses on it, and return exactly one step; a notice
 * (a check that only names warn/info diagnoses) and a check that does not apply to this kind of token return null.
 */
public interface Check {
    /** The stable step id (format, algorithm, issuer …). */
    String id();

    Step run(CheckContext ctx);
}
