package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.report.DiagnosisId;

import java.util.List;

import java.util.ArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.claims.ClaimCatalogue;
import dev.tokenscope.engine.claims.HumanTime;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.time.Duration;
import java.time.Instant;

/**
 * exp, nbf and iat against the evaluation time, with the allowed clock skew; a missing exp fails. A token that expires
 * within {@link #soon} (or is accepted only thanks to the skew) gets the warning {@code expiring-soon}.
 */
public final class LifetimeCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.TIME;
    }

    @Override
    public Reads reads() {
        return new Reads(java.util.Set.of("exp", "nbf", "iat"), true);
    }

    /** Five minutes, or the clock skew when that is longer: a token closer to its exp than this is about to expire. */
    public static Duration soon(Duration skew) {
        Duration five = Duration.ofMinutes(5);
        return skew.compareTo(five) > 0 ? skew : five;
    }

    static dev.tokenscope.engine.report.Diagnosis expiringSoon(String when) {
        return dev.tokenscope.engine.report.Diagnosis.warn(DiagnosisId.EXPIRING_SOON, "About to expire: " + when,
                "The token is still accepted, but servers with a stricter clock (or none of the usual 5-minute skew) reject it now or "
                        + "within minutes, and a request in flight may arrive after exp.",
                "Let the client refresh tokens a few minutes before exp (MSAL's acquireTokenSilent does); "
                        + "don't reuse one across a long operation.");
    }

    /** "3 h ago" / "in 5 min" from now; with a chosen time "3 h before 2026-01-01 10:00:00 UTC" / "5 min after …". */
    static String rel(Instant t, Instant at, boolean chosen) {
        if (!chosen) return HumanTime.relative(t, at);
        String span = HumanTime.span(Duration.between(at, t));
        if (span == null) return "at " + HumanTime.utc(at);
        return span + (t.isBefore(at) ? " before " : " after ") + HumanTime.utc(at);
    }

    @Override
    public String id() { return StepId.LIFETIME.id(); }

    /** What the lifetime rule says about a token at an evaluation time, before any words are made. */
    enum Outcome {
        NO_EXP, EXP_NOT_A_NUMBER, NBF_NOT_A_NUMBER, EXPIRED, NOT_YET_VALID,
        /** Past exp, within the skew: warn, expiring-soon. */
        EXPIRED_WITHIN_SKEW,
        /** Before nbf, within the skew: warn. */
        EARLY_WITHIN_SKEW,
        /** iat later than now + skew: warn. */
        ISSUED_IN_FUTURE,
        /** Valid, but exp is within {@link #soon}: pass with the warning diagnosis expiring-soon. */
        EXPIRING_SOON,
        VALID
    }

    /** The lifetime rule, the one place it is stated: exp, nbf, iat of {@code claims} at {@code now} with {@code skew}. */
    static Outcome judge(JsonNode claims, Instant now, Duration skew) {
        JsonNode expNode = claims.get("exp");
        if (expNode == null) return Outcome.NO_EXP;
        Instant exp = ClaimCatalogue.epochSeconds(expNode);
        if (exp == null) return Outcome.EXP_NOT_A_NUMBER;
        Instant nbf = ClaimCatalogue.epochSeconds(claims.get("nbf"));
        if (nbf == null && claims.has("nbf")) return Outcome.NBF_NOT_A_NUMBER;
        if (!now.isBefore(exp.plus(skew))) return Outcome.EXPIRED;
        if (nbf != null && now.plus(skew).isBefore(nbf)) return Outcome.NOT_YET_VALID;
        if (!now.isBefore(exp)) return Outcome.EXPIRED_WITHIN_SKEW;
        if (nbf != null && now.isBefore(nbf)) return Outcome.EARLY_WITHIN_SKEW;
        Instant iat = ClaimCatalogue.epochSeconds(claims.get("iat"));
        if (iat != null && iat.isAfter(now.plus(skew))) return Outcome.ISSUED_IN_FUTURE;
        if (now.isAfter(exp.minus(soon(skew)))) return Outcome.EXPIRING_SOON;
        return Outcome.VALID;
    }

    /** The rule's answer without the step's words (batch verification asks this once per token). */
    @Override
    public boolean passesCleanly(CheckContext ctx) {
        return ctx.claimsReadable() && judge(ctx.token().claims(), ctx.now(), ctx.profile().skew()) == Outcome.VALID;
    }

    @Override
    public Step run(CheckContext ctx) {
        if (!ctx.claimsReadable()) return ctx.skipped(id(), "Lifetime", "The claims could not be read.");
        Instant now = ctx.now();
        JsonNode claims = ctx.token().claims();
        Duration skew = ctx.profile().skew();
        Outcome outcome = judge(claims, now, skew);
        // With a chosen evaluation time (--at) the step speaks of that instant, never of "now".
        boolean chosen = ctx.profile().at() != null;
        String at = chosen ? "at " + HumanTime.utc(now) : "now";
        String skewText = HumanTime.span(skew) == null ? "0 s" : HumanTime.span(skew);
        Step.Builder s = Step.of(id(), "Lifetime").evidence("evaluated at", HumanTime.utc(now)).evidence("clock skew", skewText);
        JsonNode expNode = claims.get("exp");
        switch (outcome) {
            case NO_EXP:
                return s.status(Status.FAIL).detail("No \"exp\" claim: the token never expires, which no validator should accept")
                        .idx("IDX10225").hint("Tokens from Entra always carry exp; this one was made by something else.").build();
            case EXP_NOT_A_NUMBER:
                return s.status(Status.FAIL).detail("\"exp\" is " + expNode + ", not a number of seconds since 1970")
                        .idx("IDX10225").hint("exp must be a NumericDate (seconds since the epoch).").build();
            default:
                break;
        }
        Instant exp = ClaimCatalogue.epochSeconds(expNode);
        s.evidence("exp", HumanTime.utc(exp) + " (" + HumanTime.phrase("exp", exp, now) + ")");
        Instant nbf = ClaimCatalogue.epochSeconds(claims.get("nbf"));
        Instant iat = ClaimCatalogue.epochSeconds(claims.get("iat"));
        if (nbf != null) s.evidence("nbf", HumanTime.utc(nbf) + " (" + HumanTime.phrase("nbf", nbf, now) + ")");
        if (iat != null) s.evidence("iat", HumanTime.utc(iat) + " (" + HumanTime.phrase("iat", iat, now) + ")");
        switch (outcome) {
            case NBF_NOT_A_NUMBER:
                return s.status(Status.FAIL).detail("\"nbf\" is " + claims.get("nbf") + ", not a number of seconds since 1970")
                        .idx("IDX10222").build();
            case EXPIRED:
                ctx.diagnose(Diagnoses.expired(HumanTime.relative(exp, now), skewText));
                return s.status(Status.FAIL).detail("Expired " + rel(exp, now, chosen) + " (at " + HumanTime.utc(exp) + "), beyond the "
                                + skewText + " clock skew")
                        .idx("IDX10223")
                        .hint("Acquire a fresh token; MSAL's acquireTokenSilent returns a new one when the cached one expires.").build();
            case NOT_YET_VALID:
                ctx.diagnose(Diagnoses.notYetValid(HumanTime.relative(nbf, now)));
                return s.status(Status.FAIL).detail("Not valid until " + HumanTime.utc(nbf) + " (" + rel(nbf, now, chosen)
                                + "), beyond the " + skewText + " clock skew")
                        .idx("IDX10222").hint("Check the clock of the machine evaluating the token (NTP).").build();
            case EXPIRED_WITHIN_SKEW:
                ctx.diagnose(expiringSoon("expired " + HumanTime.relative(exp, now) + ", accepted only within the " + skewText
                        + " clock skew"));
                return s.status(Status.WARN).detail("Expired " + rel(exp, now, chosen) + ", but within the " + skewText
                        + " clock skew, so servers " + (chosen ? "accepted it " + at : "still accept it for a moment"))
                        .hint("Acquire a fresh token now.").build();
            case EARLY_WITHIN_SKEW:
                return s.status(Status.WARN).detail("nbf is " + rel(nbf, now, chosen) + ": accepted only thanks to the " + skewText
                        + " clock skew; a clock is off").hint("Check the clocks (NTP).").build();
            case ISSUED_IN_FUTURE:
                return s.status(Status.WARN).detail("Issued " + rel(iat, now, chosen) + " (iat in the future): a clock is off")
                        .hint("Check the clocks (NTP).").build();
            case EXPIRING_SOON:
                ctx.diagnose(expiringSoon("expires " + HumanTime.relative(exp, now)));
                break;
            default:
                break;
        }
        Duration life = iat != null ? Duration.between(iat, exp) : null;
        return s.status(Status.PASS).detail("Valid " + at + "; "
                + (chosen ? (exp.isAfter(now) ? "expires " : "expired ") + rel(exp, now, true) : HumanTime.phrase("exp", exp, now))
                + (life != null && HumanTime.span(life) != null ? " (lifetime " + HumanTime.span(life) + ")" : "")).build();
    }

    /**
     * The evaluation times [from, until) around {@code now} in which this step keeps its outcome: it changes only at
     * exp − max(skew, 5 min) (expiring-soon), exp, exp + skew, nbf − skew, nbf and iat − skew (the instants its
     * comparisons use). Null ends are unbounded. Batch verification reuses a verdict only inside this window.
     */
    public static Instant[] window(JsonNode claims, Instant now, Duration skew) {
        Instant from = null, until = null;
        if (claims != null) {
            List<Instant> points = new ArrayList<>(5);
            Instant exp = ClaimCatalogue.epochSeconds(claims.get("exp"));
            Instant nbf = ClaimCatalogue.epochSeconds(claims.get("nbf"));
            Instant iat = ClaimCatalogue.epochSeconds(claims.get("iat"));
            if (exp != null) {
                points.add(exp.minus(soon(skew)).plusNanos(1)); // expiring-soon starts strictly after exp − soon
                points.add(exp);
                points.add(exp.plus(skew));
            }
            if (nbf != null) {
                points.add(nbf.minus(skew));
                points.add(nbf);
            }
            if (iat != null) points.add(iat.minus(skew));
            for (Instant p : points) {
                if (!p.isAfter(now)) {
                    if (from == null || p.isAfter(from)) from = p;
                } else if (until == null || p.isBefore(until)) {
                    until = p;
                }
            }
        }
        return new Instant[]{from, until};
    }
}
