package dev.tokenscope.engine.report;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The verdict rule, the one place it lives, read by every producer of a report (the JWT inspector, the SAML inspector,
 * the HAR analysis and the batch): a failed step other than fetching metadata or keys makes a token invalid; valid
 * needs a verified signature and no diagnosis that leaves the verdict open.
 */
public final class Verdicts {
    /** Steps whose failure is about the environment (unreachable issuer), not the token: they leave the verdict open. */
    public static final Set<String> ENVIRONMENT_STEPS = Set.of(StepId.METADATA.id(), StepId.KEYS.id());

    /** Diagnoses that leave a verdict open however well the checks went: a signature proves nothing about an issuer nobody trusts. */
    public static final Set<String> UNDETERMINING = Set.of(DiagnosisId.UNTRUSTED_ISSUER.id());

    /** Severity first (error, warn, info), then {@link DiagnosisId}'s order; other ids after those of their severity. */
    public static final Comparator<Diagnosis> ORDER =
            Comparator.comparingInt(Diagnosis::rank).thenComparingInt(d -> DiagnosisId.priority(d.id()));

    private Verdicts() {
    }

    /** The verdict of a report's steps and diagnoses. */
    public static Verdict verdict(List<Step> steps, List<Diagnosis> diagnoses) {
        if (steps.stream().anyMatch(s -> s.status() == Status.FAIL && !ENVIRONMENT_STEPS.contains(s.id()))) return Verdict.INVALID;
        if (diagnoses.stream().anyMatch(d -> UNDETERMINING.contains(d.id()))) return Verdict.UNDETERMINED;
        return signed(steps) ? Verdict.VALID : Verdict.UNDETERMINED;
    }

    /** Whether the signature step passed. */
    public static boolean signed(List<Step> steps) {
        return steps.stream().anyMatch(s -> StepId.SIGNATURE.id().equals(s.id()) && s.status() == Status.PASS);
    }

    /** Why a report is invalid, in a phrase: its first root cause (an error diagnosis, in {@link #ORDER}), else its first failed step. */
    public static String failure(List<Step> steps, List<Diagnosis> diagnoses) {
        return diagnoses.stream().filter(Diagnosis::error).sorted(ORDER).findFirst().map(Diagnosis::summary)
                .orElseGet(() -> steps.stream().filter(s -> s.status() == Status.FAIL).findFirst()
                        .map(s -> s.title() + ": " + s.detail()).orElse("a check failed"));
    }

    /** The banner line of a valid report ("Valid for …"); {@code audiences} joined, may be empty. */
    public static String validSummary(boolean warned, String audiences) {
        return (warned ? "Valid with warnings for " : "Valid for ") + (audiences.isEmpty() ? "its audience" : audiences);
    }
}
