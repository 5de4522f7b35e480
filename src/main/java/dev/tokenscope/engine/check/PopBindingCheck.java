package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.report.DiagnosisId;

import dev.tokenscope.engine.pop.SignedHttpRequest;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.util.Map;

/**
 * Proof of possession: when the input is a Signed HTTP Request, is it bound to the access token it carries (the token's
 * cnf names the SHR's key, RFC 7638 thumbprint) and signed with that key? The access token itself is inspected by the
 * other steps against its issuer's keys; nothing here makes it trusted. Plain bearer tokens get no step.
 */
public final class PopBindingCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.OTHER;
    }

    @Override
    public Reads reads() {
        return Reads.ENVELOPE;
    }

    @Override
    public String id() { return StepId.POP_BINDING.id(); }

    @Override
    public Step run(CheckContext ctx) {
        SignedHttpRequest shr = ctx.envelope();
        if (shr == null) return null;
        Step.Builder s = Step.of(id(), "Proof-of-possession binding");
        Map<String, String> request = shr.request();
        request.forEach((k, v) -> s.evidence(switch (k) {
            case "m" -> "method (m)";
            case "u" -> "host (u)";
            case "p" -> "path (p)";
            case "ts" -> "time (ts)";
            default -> k;
        }, v));
        SignedHttpRequest.Binding b = shr.binding();
        s.evidence("SHR key thumbprint", b.thumbprint()).evidence("access token cnf", b.expected());
        if (b.bound()) {
            ctx.diagnose(popToken(request));
            String bound = "A Signed HTTP Request: the access token inside is bound to the SHR's key (thumbprint " + b.thumbprint()
                    + ") and the SHR is signed with it; the access token itself is checked in the other steps";
            String stale = staleness(request.get("ts"), ctx);
            if (stale != null) {
                return s.status(Status.WARN).detail(bound + ". But " + stale)
                        .hint("An API accepts an SHR only for a few minutes after its ts (replay protection); "
                                + "create a new one per request.").build();
            }
            return s.status(Status.PASS).detail(bound).build();
        }
        ctx.diagnose(mismatch(b.problem()));
        return s.status(Status.FAIL).detail("A Signed HTTP Request that is not bound to its access token: " + b.problem())
                .hint("Reject the request: whoever sent it does not prove possession of the key the token is bound to.").build();
    }

    /** Why the SHR's ts is not fresh at the evaluation time (beyond the clock skew either way), or null. */
    static String staleness(String ts, CheckContext ctx) {
        if (ts == null) return "it has no ts, so nobody can tell how old it is";
        long t;
        try {
            t = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            return "its ts \"" + ts + "\" is not a number of seconds since 1970";
        }
        java.time.Instant when = java.time.Instant.ofEpochSecond(t);
        java.time.Duration skew = LifetimeCheck.soon(ctx.profile().skew());
        if (when.isBefore(ctx.now().minus(skew)) || when.isAfter(ctx.now().plus(skew))) {
            return "it was created " + dev.tokenscope.engine.claims.HumanTime.relative(when, ctx.now()) + " (ts)";
        }
        return null;
    }

    static Diagnosis popToken(Map<String, String> request) {
        return Diagnosis.info(DiagnosisId.POP_TOKEN,
                "Proof-of-possession request (Signed HTTP Request) for " + request.getOrDefault("m", "?") + " "
                        + request.getOrDefault("u", "?") + request.getOrDefault("p", ""),
                "The input is a Signed HTTP Request (header typ \"pop\"): the client wrapped its access token (\"at\") with the request's "
                        + "method, host and path, and signed it with its own key, which the access token names in \"cnf\". A stolen access "
                        + "token is useless without that key. The access token inside is what Tokenscope inspected.",
                "An API accepting PoP tokens must check the binding (as here), that m/u/p match the request it received and that ts is "
                        + "recent, then validate the access token like any other (issuer keys, audience, lifetime).");
    }

    static Diagnosis mismatch(String problem) {
        return new Diagnosis(DiagnosisId.POP_BINDING_MISMATCH, "Proof-of-possession binding broken: " + problem,
                "A Signed HTTP Request proves that its sender holds the key the access token is bound to (cnf, RFC 7800). Here it does "
                        + "not: " + problem + ". The access token may have been taken from another client and re-wrapped, or the SHR was "
                        + "altered after signing.",
                "Reject the request. If it is your client, sign the SHR with the key MSAL bound the token to (request the PoP token "
                        + "and build the SHR with the same key).");
    }
}
