package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.Step;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One small validation step. Checks read the context, may name diagnoses on it, and return exactly one step; a notice
 * (a check that only names warn/info diagnoses) and a check that does not apply to this kind of token return null.
 *
 * <p>A check also says where it sits ({@link #stage()}) and what it reads ({@link #reads()}), so that batch verification
 * can reuse its outcome for tokens that agree on exactly that, and must run it again otherwise. A check that does not
 * declare what it reads ({@link Reads#UNKNOWN}) is always run by the Inspector's whole way.
 */
public interface Check {
    /** The stable step id (format, algorithm, issuer …). */
    String id();

    Step run(CheckContext ctx);

    /**
     * True when this check, run on {@code ctx}, passes without a warning and names no diagnosis; what a batch needs
     * to know for a token it may call valid. The default runs the check; a check may answer from the same rule its
     * {@link #run} renders, without building the step's words. ({@code CleanPassPropertiesTest} holds each override to
     * its {@code run}.)
     */
    default boolean passesCleanly(CheckContext ctx) {
        int before = ctx.diagnosisCount();
        Step s = ctx.run(this);
        return (s == null || s.status() == dev.tokenscope.engine.report.Status.PASS) && ctx.diagnosisCount() == before;
    }

    /** Where a check sits in the pipeline; the batch schedules by stage. */
    enum Stage {
        /** The token's form and header: the same for every token with the same header. */
        HEADER,
        /** Metadata, key set and key match: the same for every token with the same header and issuer. */
        TRUST,
        /** The signature itself: per token. */
        SIGNATURE,
        /** Claims judged against the profile and the trust state, never the clock. */
        CLAIMS,
        /** Claims judged against the evaluation time. */
        TIME,
        /** Anything else (e.g. a proof-of-possession envelope): only the Inspector's whole way runs it. */
        OTHER
    }

    default Stage stage() {
        return Stage.OTHER;
    }

    /**
     * What a check's outcome depends on besides the header and the trust state (which the batch keys on as a whole):
     * the claims whose <em>values</em> it reads (the presence of every claim is always part of the key), and whether it
     * reads the clock.
     *
     * @param claimValues  claim names whose values can change the outcome; null = unknown (anything may)
     * @param clock        true when the evaluation time can change the outcome
     * @param envelopeOnly true for a check that judges only a proof-of-possession envelope (the request a token came
     *                     in) and gives nothing for a plain bearer token
     */
    record Reads(Set<String> claimValues, boolean clock, boolean envelopeOnly, Map<String, Set<String>> whenPresent) {
        /** Nothing declared: a batch can't reuse the outcome and sends the token the Inspector's whole way. */
        public static final Reads UNKNOWN = new Reads(null, true, false);
        /** Reads nothing beyond the header and the trust state (keyed as a whole). */
        public static final Reads HEADER_AND_TRUST = new Reads(Set.of(), false, false);
        /** Judges only a proof-of-possession envelope. */
        public static final Reads ENVELOPE = new Reads(Set.of(), true, true);

        public Reads(Set<String> claimValues, boolean clock) {
            this(claimValues, clock, false);
        }

        public Reads(Set<String> claimValues, boolean clock, boolean envelopeOnly) {
            this(claimValues, clock, envelopeOnly, Map.of());
        }

        /**
         * These reads, plus {@code more} claims whose values are read only when claim {@code trigger} is present (the
         * presence of every claim is part of any key, so such a read costs nothing for tokens without the trigger).
         */
        public Reads alsoWhenPresent(String trigger, String... more) {
            return new Reads(claimValues, clock, envelopeOnly, merged(whenPresent, Map.of(trigger, Set.of(more))));
        }

        /** Two trigger → claims maps as one (claims of the same trigger united). */
        public static Map<String, Set<String>> merged(Map<String, Set<String>> a, Map<String, Set<String>> b) {
            Map<String, Set<String>> m = new HashMap<>(a);
            b.forEach((trigger, more) -> m.merge(trigger, more, (x, y) -> {
                Set<String> u = new HashSet<>(x);
                u.addAll(y);
                return Set.copyOf(u);
            }));
            return Map.copyOf(m);
        }

        /** The claims whose values are read for a token with these claims ({@code claims} null: the unconditional ones). */
        public Set<String> claimValuesFor(com.fasterxml.jackson.databind.JsonNode claims) {
            if (claimValues == null || whenPresent.isEmpty() || claims == null) return claimValues;
            Set<String> all = new HashSet<>(claimValues);
            whenPresent.forEach((trigger, more) -> {
                if (claims.has(trigger)) all.addAll(more);
            });
            return all;
        }

        /**
         * The claims {@link dev.tokenscope.engine.entra.TokenFacts} reads by value (issuer kind, audiences, client, type,
         * scopes, roles).
         */
        public static final Set<String> FACTS = Set.of("iss", "ver", "tfp", "acr", "tid", "aud", "azp", "appid", "scp", "roles", "idtyp");

        public Reads {
            claimValues = claimValues == null ? null : Set.copyOf(claimValues);
            whenPresent = whenPresent == null ? Map.of() : Map.copyOf(whenPresent);
        }

        /** Reads the token facts' claims and {@code more}, not the clock. */
        public static Reads facts(String... more) {
            Set<String> s = new HashSet<>(FACTS);
            s.addAll(Set.of(more));
            return new Reads(s, false);
        }

        public boolean known() {
            return claimValues != null;
        }
    }

    default Reads reads() {
        return Reads.UNKNOWN;
    }
}
