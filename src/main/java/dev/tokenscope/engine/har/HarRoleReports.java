package dev.tokenscope.engine.har;

import dev.tokenscope.engine.report.Verdicts;
import dev.tokenscope.engine.report.DiagnosisId;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.check.Diagnoses;
import dev.tokenscope.engine.input.Extraction;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Inspector's report of a HAR finding, re-judged in the finding's role: a placeholder as the client bug it is, an
 * ID token as one for its client (token type passes, the nonce is compared with its /authorize request), an access
 * token for another resource as not invalid for not being the user's API's.
 */
final class HarRoleReports {
    private HarRoleReports() {
    }

    /**
     * A placeholder where a token belongs is not "nothing to inspect" in a capture: the request really went out that
     * way, so the finding is invalid, with the client bug named and its fix.
     */
    static Report placeholder(HarFinding f, String described, Extraction asPasted, Report nothing) {
        Diagnosis d = Diagnoses.placeholder(f.token(), asPasted.description()); // the Inspector's rule, the value as sent
        Report.InputView input = new Report.InputView(HarAnalysis.PLACEHOLDER, "A placeholder from a HAR capture: " + described, List.of(),
                -1, List.of());
        return new Report(nothing.tool(), nothing.version(), nothing.evaluatedAt(), Verdict.INVALID, "Not valid: " + d.summary(), input,
                null, null, List.of(), List.of(d));
    }

    /** The engine's report of an ID token with aud = its client, re-judged as one: token type passes, the nonce is compared. */
    static Report asIdToken(HarFinding f, HarAnalysis.Judgement role, Report r) {
        String client = role.judgedFor();
        String who = client == null ? "ID token" : "ID token for client " + client;
        List<Step> steps = new ArrayList<>();
        List<Diagnosis> diags = new ArrayList<>(r.diagnoses());
        boolean isIdToken = diags.removeIf(d -> d.id().equals("id-token-as-access-token"));
        for (Step s : r.steps()) {
            if (s.id().equals("token-type") && isIdToken) {
                steps.add(Step.of("token-type", s.title()).status(Status.PASS).evidence("type", "ID token")
                        .detail(who + ": proof of sign-in for the client app that asked for it (judged as such, not as a "
                                + "token for your API)").build());
                steps.add(nonceStep(f, r, diags));
            } else {
                steps.add(s);
            }
        }
        if (r.token() != null && r.token().claims() != null && steps.stream().noneMatch(s -> s.id().equals("nonce"))) {
            steps.add(nonceStep(f, r, diags));
        }
        Verdict v = Verdicts.verdict(steps, diags);
        String summary = switch (v) {
            case VALID -> who + ": valid" + (steps.stream().anyMatch(s -> s.status() == Status.WARN) ? " with warnings" : "")
                    + (f.signInEntry() != null && f.requestNonce() != null ? ", nonce matches its /authorize request" : "");
            case INVALID -> who + ": not valid: " + Verdicts.failure(steps, diags);
            case UNDETERMINED -> who + ": "
                    + lowerFirst(r.verdict() == Verdict.UNDETERMINED ? r.summary() : "Could not finish: the signature was not verified");
        };
        return rebuild(r, v, summary, steps, diags);
    }

    private static Step nonceStep(HarFinding f, Report r, List<Diagnosis> diags) {
        JsonNode n = r.token() == null || r.token().claims() == null ? null : r.token().claims().get("nonce");
        String tokenNonce = n != null && n.isTextual() ? n.asText() : null;
        Step.Builder s = Step.of("nonce", "Nonce").evidence("nonce", tokenNonce == null ? "(none)" : tokenNonce);
        String client = f.clientId() == null ? "its client" : "client " + f.clientId();
        if (f.signInEntry() == null) {
            return s.status(Status.INFO)
                    .detail("No /authorize request of " + client + " earlier in the capture: the nonce was not compared").build();
        }
        String request = "the /authorize request of " + client + " (entry " + (f.signInEntry() + 1) + ")";
        s.evidence("request nonce", f.requestNonce() == null ? "(none)" : f.requestNonce());
        if (f.requestNonce() == null && tokenNonce == null) {
            return s.status(Status.WARN)
                    .detail(request + " sent no nonce and the ID token has none: nothing ties the token to that sign-in")
                    .hint("Send a fresh nonce with every /authorize request and compare it with the ID token's (MSAL does).").build();
        }
        if (tokenNonce == null) {
            diags.add(new Diagnosis(HarAnalysis.NONCE_MISSING, "The ID token has no nonce, but " + request + " sent one",
                    "An ID token must echo the nonce of the request that asked for it; without it the client can't tell a replayed "
                            + "token from its own.",
                    "Check that the ID token comes from this sign-in (and not from a cache or another request)."));
            return s.status(Status.FAIL).detail("The ID token has no nonce; " + request + " sent " + f.requestNonce()).build();
        }
        if (!tokenNonce.equals(f.requestNonce())) {
            diags.add(new Diagnosis(HarAnalysis.NONCE_MISMATCH, "The ID token's nonce differs from the nonce of " + request,
                    "The ID token's nonce is " + tokenNonce + "; " + request + " sent "
                            + (f.requestNonce() == null ? "none" : f.requestNonce())
                            + ". A client must refuse an ID token whose nonce is not the one it sent: it answers another "
                            + "sign-in, or is replayed.",
                    "Use the ID token of this sign-in; if the client keeps the nonce between redirect and callback, check that it "
                            + "reads back the same one."));
            return s.status(Status.FAIL)
                    .detail("nonce " + tokenNonce + " differs from " + (f.requestNonce() == null ? "no nonce" : f.requestNonce())
                    + " sent by " + request).build();
        }
        return s.status(Status.PASS).detail("The nonce is the one " + request + " sent").build();
    }

    /** The engine's report of an access token for another resource: not invalid for not being the user's API's. */
    static Report asOtherResource(HarFinding f, HarAnalysis.Judgement role, Report r) {
        boolean graph = r.hasDiagnosis(DiagnosisId.GRAPH_TOKEN.id()) || r.hasDiagnosis(DiagnosisId.FIRST_PARTY_TOKEN.id());
        // A first-party token's signature is "not ours" only when Microsoft's (unofficial) nonce transform made it verify:
        // one that fails even so was forged or damaged, and stays a failure.
        boolean provenMicrosoft = r.step("signature").map(s -> s.evidence().containsKey("unofficial check")).orElse(false);
        List<Step> steps = new ArrayList<>();
        for (Step s : r.steps()) {
            boolean notOurs = s.status() == Status.FAIL
                    && (s.id().equals("audience") || (graph && provenMicrosoft && s.id().equals("signature")));
            steps.add(notOurs
                    ? new Step(s.id(), Status.INFO, s.title(), "Not judged (" + role.judgedFor() + "'s token): " + s.detail(),
                            s.evidence(), null, null)
                    : s);
        }
        List<Diagnosis> diags = new ArrayList<>(r.diagnoses());
        diags.removeIf(d -> (provenMicrosoft && (d.is(DiagnosisId.GRAPH_TOKEN) || d.is(DiagnosisId.FIRST_PARTY_TOKEN)))
                || d.is(DiagnosisId.WRONG_AUDIENCE) || d.is(DiagnosisId.AUDIENCE_FORM));
        String what = otherResource(f, role, r);
        diags.add(0, new Diagnosis(HarAnalysis.OTHER_RESOURCE, "Not for your API: " + what,
                "This token was issued for " + role.judgedFor() + ", not for your API, so it is not judged against your API profile; only "
                        + role.judgedFor() + " validates it."
                        + (graph ? " Microsoft Graph tokens are signed over a transformed header nonce: "
                        + "nobody but Graph can verify their signature as issued." : ""),
                "Nothing to fix for your API. If your API rejected a call, look at the token sent to your API."));
        Verdict v = Verdicts.verdict(steps, diags) == Verdict.INVALID ? Verdict.INVALID : Verdict.UNDETERMINED;
        String summary = v == Verdict.INVALID ? "Not valid: " + Verdicts.failure(steps, diags.subList(1, diags.size()))
                + " (not for your API: " + what + ")" : "Not for your API: " + what;
        return rebuild(r, v, summary, steps, diags);
    }

    /** "an access token for Microsoft Graph, sent to graph.microsoft.com, acquired by client …". */
    private static String otherResource(HarFinding f, HarAnalysis.Judgement role, Report r) {
        StringBuilder sb = new StringBuilder("an access token for ").append(role.judgedFor());
        if (role.sentToHost() != null) sb.append(", sent to ").append(role.sentToHost());
        String client = f.clientId();
        if (client == null && r.token() != null && r.token().claims() != null) {
            JsonNode c = r.token().claims();
            client = c.path("azp").isTextual() ? c.get("azp").asText() : c.path("appid").isTextual() ? c.get("appid").asText() : null;
        }
        if (client != null) sb.append(", acquired by client ").append(client);
        return sb.toString();
    }

    private static Report rebuild(Report r, Verdict v, String summary, List<Step> steps, List<Diagnosis> diags) {
        // The role's own note (other-resource) first, then the Inspector's order.
        diags.sort(Comparator.comparing((Diagnosis d) -> !d.id().equals(HarAnalysis.OTHER_RESOURCE)).thenComparing(Verdicts.ORDER));
        return new Report(r.tool(), r.version(), r.evaluatedAt(), v, summary, r.input(), r.token(), r.key(), steps, diags);
    }

    private static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? "" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
