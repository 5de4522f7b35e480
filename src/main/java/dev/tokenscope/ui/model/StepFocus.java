package dev.tokenscope.ui.model;

import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.util.Map;
import java.util.Optional;

/**
 * Where the screen goes for a report: the step to open when a new verdict arrives (the first failing one, else the first
 * warning) and the step a diagnosis (or the banner) explains.
 */
public final class StepFocus {
    /** Diagnosis id → the step that finds it. */
    private static final Map<String, String> STEP_OF = Map.ofEntries(
            Map.entry("malformed-token", "format"), Map.entry("non-json-payload", "format"), Map.entry("opaque-token", "format"),
            Map.entry("encrypted-token", "format"), Map.entry("unencoded-payload", "format"), Map.entry("alg-none", "algorithm"),
            Map.entry("symmetric-alg", "algorithm"), Map.entry("unknown-crit", "algorithm"), Map.entry("header-key-injection", "algorithm"),
            Map.entry("lookalike-issuer", "issuer"), Map.entry("issuer-mismatch", "issuer"), Map.entry("untrusted-issuer", "issuer"),
            Map.entry("graph-token", "audience"), Map.entry("first-party-token", "audience"), Map.entry("wrong-audience", "audience"),
            Map.entry("audience-form", "audience"), Map.entry("wildcard-audience", "audience"), Map.entry("multiple-audiences", "audience"),
            Map.entry("id-token-as-access-token", "token-type"), Map.entry("app-only-token", "token-type"), Map.entry("version-mismatch", "version"),
            Map.entry("key-not-found", "key-match"), Map.entry("app-specific-signing-key", "key-match"), Map.entry("signature-invalid", "signature"),
            Map.entry("pop-binding-mismatch", "pop-binding"), Map.entry("wrong-tenant", "tenant"), Map.entry("consumer-account", "tenant"),
            Map.entry("expired", "lifetime"), Map.entry("not-yet-valid", "lifetime"), Map.entry("expiring-soon", "lifetime"),
            Map.entry("missing-permission", "permissions"), Map.entry("metadata-unreachable", "metadata"), Map.entry("managed-identity", "client"));

    private StepFocus() {
    }

    /** The step to expand for a new verdict: the first FAIL, else the first WARN; empty when every step passed. */
    public static Optional<String> first(Report r) {
        if (r == null) return Optional.empty();
        Optional<String> fail = r.steps().stream().filter(s -> s.status() == Status.FAIL).map(Step::id).findFirst();
        return fail.isPresent() ? fail : r.steps().stream().filter(s -> s.status() == Status.WARN).map(Step::id).findFirst();
    }

    /** The step diagnosis {@code id} explains, when the report has it; else the step a new verdict opens. */
    public static Optional<String> of(Report r, String diagnosisId) {
        if (r == null) return Optional.empty();
        String step = STEP_OF.get(diagnosisId);
        if (step != null && r.step(step).isPresent()) return Optional.of(step);
        if ("metadata-unreachable".equals(diagnosisId) && r.step("keys").isPresent()) return Optional.of("keys");
        return first(r);
    }

    /** The step the banner explains: the top diagnosis' step, else the first failing or warning one. */
    public static Optional<String> ofBanner(Report r) {
        if (r == null) return Optional.empty();
        return r.topDiagnosis().map(d -> of(r, d.id())).orElseGet(() -> first(r));
    }
}
