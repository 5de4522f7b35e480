package dev.tokenscope.engine.har;

import dev.tokenscope.engine.server.ServerFindings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.check.ValidationProfile;
import dev.tokenscope.engine.claims.ClaimCatalogue;
import dev.tokenscope.engine.claims.HumanTime;
import dev.tokenscope.engine.entra.EntraFacts;
import dev.tokenscope.engine.input.Candidate;
import dev.tokenscope.engine.input.Extraction;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.token.DecodedToken;
import dev.tokenscope.engine.token.TokenDecoder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the Inspector over every token a HAR scan found, each judged <em>in its role</em> in the capture (the rows of
 * the scan list, each with its verdict):
 * <ul>
 * <li>{@code api}: a token sent to the user's API, or whose audience is the API profile's: judged against the profile;</li>
 * <li>{@code id-token-for-client}: an {@code id_token} of a redirect, form post or token response: judged as an ID token
 *     for the client that asked for it (aud = that client id; nonce = the nonce of that client's /authorize request);</li>
 * <li>{@code other-resource}: an access token for a Microsoft API (Graph, ARM, Key Vault …), by its audience or by the
 *     Microsoft host it was sent to: shown as such, verdict undetermined unless a check that does not depend on the
 *     audience or on Graph's private signature fails (expired, malformed …);</li>
 * <li>{@code placeholder}: "Bearer undefined" and the like: invalid, a client bug.</li>
 * </ul>
 * A token found only in a token response or redirect and sent to the user's API is judged as {@code api}; an ID token
 * or a Graph token sent to the user's API (a non-Microsoft host) too: that is the classic mistake the API's profile names.
 */
public final class HarAnalysis {
    private HarAnalysis() {
    }

    /** Diagnosis id (and input form) of a finding that is a placeholder text instead of a token: a client bug. */
    public static final String PLACEHOLDER = dev.tokenscope.engine.check.Diagnoses.PLACEHOLDER;
    /** Diagnosis id of an access token for another resource. */
    public static final String OTHER_RESOURCE = "other-resource";
    public static final String NONCE_MISMATCH = "nonce-mismatch";
    public static final String NONCE_MISSING = "nonce-missing";

    /** Microsoft API hosts (exact host, or ".suffix" for a family of hosts) and the resource they serve. */
    static final Map<String, String> MICROSOFT_HOSTS = orderedMap(
            "graph.microsoft.com", "Microsoft Graph",
            "graph.microsoft.us", "Microsoft Graph",
            "dod-graph.microsoft.us", "Microsoft Graph",
            "microsoftgraph.chinacloudapi.cn", "Microsoft Graph",
            "graph.windows.net", "Azure AD Graph (retired)",
            "management.azure.com", "Azure Resource Manager",
            "management.core.windows.net", "Azure Resource Manager",
            ".vault.azure.net", "Azure Key Vault",
            ".sharepoint.com", "SharePoint Online",
            "outlook.office.com", "Office 365 Exchange Online",
            "outlook.office365.com", "Office 365 Exchange Online",
            "api.spaces.skype.com", "Microsoft Teams",
            ".blob.core.windows.net", "Azure Storage",
            ".queue.core.windows.net", "Azure Storage",
            ".table.core.windows.net", "Azure Storage",
            ".file.core.windows.net", "Azure Storage",
            ".dfs.core.windows.net", "Azure Storage",
            ".database.windows.net", "Azure SQL Database",
            "api.powerbi.com", "Power BI Service",
            "dev.azure.com", "Azure DevOps",
            ".visualstudio.com", "Azure DevOps");

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The Microsoft resource a host serves ("Microsoft Graph"), or null for any other host. */
    public static String microsoftResourceOfHost(String host) {
        if (host == null) return null;
        String h = host.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : MICROSOFT_HOSTS.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(".") ? h.endsWith(k) : h.equals(k)) return e.getValue();
        }
        return null;
    }

    /** The Microsoft resource an audience names ("Microsoft Graph" for 00000003-… or https://graph.microsoft.com), or null. */
    public static String microsoftResourceOfAudience(String aud) {
        if (aud == null) return null;
        if (EntraFacts.isGraphAudience(aud)) return "Microsoft Graph";
        String known = ClaimCatalogue.get().wellKnownApp(aud).orElse(null);
        if (known != null) return known;
        String host = HarScanner.host(aud);
        return host == null ? null : microsoftResourceOfHost(host);
    }

    public static List<HarRow> analyse(HarScan scan, Inspector inspector, ValidationProfile profile) {
        List<HarRow> rows = new ArrayList<>(scan.findings().size());
        int n = 0;
        for (HarFinding f : scan.findings()) rows.add(judge(++n, f, inspector, profile));
        return rows;
    }

    /**
     * Every finding judged at the time of its request: the time of the entry where it was first seen (startedDateTime),
     * unless the profile fixes one (--at); a capture's tokens were valid or not when they were sent, not today.
     */
    public static List<HarRow> analyseAtRequestTime(HarScan scan, Inspector inspector, ValidationProfile profile) {
        List<HarRow> rows = new ArrayList<>(scan.findings().size());
        int n = 0;
        for (HarFinding f : scan.findings()) rows.add(judge(++n, f, inspector, atRequestTime(f, profile)));
        return rows;
    }

    /** The profile evaluated at {@code f}'s request time (its entry's startedDateTime), unless it fixes its own time. */
    public static ValidationProfile atRequestTime(HarFinding f, ValidationProfile profile) {
        if (profile.at() != null || f.time() == null) return profile;
        try {
            return profile.withAt(java.time.OffsetDateTime.parse(f.time()).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return profile;
        }
    }

    /** Row {@code number} for finding {@code f}: the token judged in its role. */
    public static HarRow judge(int number, HarFinding f, Inspector inspector, ValidationProfile profile) {
        Judgement role = roleOf(f, inspector, profile);
        Report r = inspect(f, role, inspector, profile);
        return row(number, f, r, role, profile);
    }

    /** The full report for one finding, judged in its role, with the input described as where it was found in the capture. */
    public static Report inspect(HarFinding f, Inspector inspector, ValidationProfile profile) {
        return inspect(f, roleOf(f, inspector, profile), inspector, profile);
    }

    /** The role a finding is judged in, and for whom. */
    public record Judgement(HarRow.JudgedAs as, String judgedFor, String sentToHost) {
    }

    public static Judgement roleOf(HarFinding f, Inspector inspector, ValidationProfile profile) {
        if (placeholder(f, inspector)) return new Judgement(HarRow.JudgedAs.PLACEHOLDER, null, first(f.sentTo()));
        List<String> sentTo = f.sentTo();
        List<String> apiHosts = sentTo.stream().filter(h -> microsoftResourceOfHost(h) == null).toList();
        String msHost = sentTo.stream().filter(h -> microsoftResourceOfHost(h) != null).findFirst().orElse(null);
        String api = profile.audiences().isEmpty() ? null : String.join(", ", profile.audiences());
        // Sent to a non-Microsoft host (the user's API): judged by the API profile, whatever it is (an ID token or a
        // Graph token sent there is the mistake the profile names).
        if (!apiHosts.isEmpty()) return new Judgement(HarRow.JudgedAs.API, api, apiHosts.get(0));
        List<String> auds = audiences(f.token());
        if (f.role() == dev.tokenscope.engine.input.Role.ID_TOKEN && msHost == null) {
            return new Judgement(HarRow.JudgedAs.ID_TOKEN_FOR_CLIENT, f.clientId() != null ? f.clientId() : first(auds), null);
        }
        if (auds.stream().anyMatch(a -> profile.audiences().stream().anyMatch(e -> sameApp(e, a)))) return new Judgement(HarRow.JudgedAs.API, api, msHost);
        String resource = auds.stream().map(HarAnalysis::microsoftResourceOfAudience).filter(Objects::nonNull).findFirst()
                .orElse(msHost == null ? null : microsoftResourceOfHost(msHost));
        if (resource == null && headerNonce(f.token())) resource = "a Microsoft first-party API";
        if (resource != null) return new Judgement(HarRow.JudgedAs.OTHER_RESOURCE, resource, msHost);
        return new Judgement(HarRow.JudgedAs.API, api, msHost);
    }

    private static String first(List<String> l) {
        return l.isEmpty() ? null : l.get(0);
    }

    /** The same app, in either form: GUID or api://GUID, with or without a trailing slash, any case. */
    static boolean sameApp(String expected, String actual) {
        return bare(expected).equals(bare(actual));
    }

    private static String bare(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("/")) t = t.substring(0, t.length() - 1);
        if (t.startsWith("api://")) t = t.substring(6);
        return t;
    }

    private static final TokenDecoder DECODER = new TokenDecoder();

    private static List<String> audiences(String token) {
        DecodedToken t = DECODER.decode(token);
        if (t.claims() == null) return List.of();
        JsonNode a = t.claims().get("aud");
        List<String> out = new ArrayList<>();
        if (a != null && a.isTextual()) out.add(a.asText());
        else if (a != null && a.isArray()) for (JsonNode x : a) if (x.isTextual()) out.add(x.asText());
        return out;
    }

    private static boolean headerNonce(String token) {
        DecodedToken t = DECODER.decode(token);
        return t.header() != null && t.header().has("nonce");
    }

    private static boolean placeholder(HarFinding f, Inspector inspector) {
        return PLACEHOLDER.equals(inspector.extract("Bearer " + f.token()).form());
    }

    private static String described(HarFinding f) {
        return f.where() + " of " + (f.method() == null ? "" : f.method() + " ") + (f.url() == null ? "(no URL)" : f.url())
                + (f.time() == null ? "" : " at " + f.time());
    }

    static Report inspect(HarFinding f, Judgement role, Inspector inspector, ValidationProfile profile) {
        Report r = judged(f, role, inspector, profile);
        // A 401/403 answered to a request that carried the token: what the API said, joined with the token.
        HarServerResponse answer = f.serverResponse();
        if (answer == null) return r;
        StringBuilder said = new StringBuilder("HTTP/1.1 ").append(answer.status()).append('\n');
        for (String w : answer.wwwAuthenticate()) said.append("WWW-Authenticate: ").append(w).append('\n');
        if (answer.body() != null) said.append('\n').append(answer.body());
        return ServerFindings.attach(r, said.toString());
    }

    private static Report judged(HarFinding f, Judgement role, Inspector inspector, ValidationProfile profile) {
        String described = described(f);
        // "Bearer undefined", "access_token=null" …: the engine's own placeholder rule, as for a pasted "Bearer …" value.
        Extraction asPasted = inspector.extract("Bearer " + f.token());
        if (PLACEHOLDER.equals(asPasted.form())) return placeholder(f, described, asPasted, inspector.inspect("Bearer " + f.token(), profile));
        Extraction ex = new Extraction("har", "A token from a HAR capture: " + described, notes(f, role),
                List.of(new Candidate(f.role(), f.where(), f.token())));
        return switch (role.as()) {
            case ID_TOKEN_FOR_CLIENT -> asIdToken(f, role, inspector.inspect(ex, 0, neutral(profile, f.clientId() == null ? List.of() : List.of(f.clientId()))));
            case OTHER_RESOURCE -> asOtherResource(f, role, inspector.inspect(ex, 0, neutral(profile, List.of())));
            default -> inspector.inspect(ex, 0, profile);
        };
    }

    private static List<String> notes(HarFinding f, Judgement role) {
        return switch (role.as()) {
            case ID_TOKEN_FOR_CLIENT -> List.of("Judged as an ID token for " + (f.clientId() != null ? "client " + f.clientId() + ", the client that asked for it"
                    : "the client it names (no request in the capture names its client)") + "; not against your API profile.");
            case OTHER_RESOURCE -> List.of("An access token for " + role.judgedFor() + (role.sentToHost() != null ? ", sent to " + role.sentToHost() : "")
                    + ": not judged against your API profile.");
            default -> List.of();
        };
    }

    /** The profile without what belongs to the user's API (audience, clients, scopes, roles, tenants); keys, issuers, time kept. */
    static ValidationProfile neutral(ValidationProfile p, List<String> audiences) {
        return new ValidationProfile(audiences, List.of(), List.of(), List.of(), List.of(), p.skew(), p.at(), p.metadata(), p.jwks(), p.offline(), p.issuers());
    }

    /**
     * A placeholder where a token belongs is not "nothing to inspect" in a capture: the request really went out that
     * way, so the finding is invalid, with the client bug named and its fix.
     */
    private static Report placeholder(HarFinding f, String described, Extraction asPasted, Report nothing) {
        Diagnosis d = dev.tokenscope.engine.check.Diagnoses.placeholder(f.token(), asPasted.description()); // the Inspector's rule, the value as sent
        Report.InputView input = new Report.InputView(PLACEHOLDER, "A placeholder from a HAR capture: " + described, List.of(), -1, List.of());
        return new Report(nothing.tool(), nothing.version(), nothing.evaluatedAt(), Verdict.INVALID, "Not valid: " + d.summary(), input,
                null, null, List.of(), List.of(d));
    }

    /** The engine's report of an ID token with aud = its client, re-judged as one: token type passes, the nonce is compared. */
    private static Report asIdToken(HarFinding f, Judgement role, Report r) {
        String client = role.judgedFor();
        String who = client == null ? "ID token" : "ID token for client " + client;
        List<Step> steps = new ArrayList<>();
        List<Diagnosis> diags = new ArrayList<>(r.diagnoses());
        boolean isIdToken = diags.removeIf(d -> d.id().equals("id-token-as-access-token"));
        for (Step s : r.steps()) {
            if (s.id().equals("token-type") && isIdToken) {
                steps.add(Step.of("token-type", s.title()).status(Status.PASS).evidence("type", "ID token")
                        .detail(who + ": proof of sign-in for the client app that asked for it (judged as such, not as a token for your API)").build());
                steps.add(nonceStep(f, r, diags));
            } else {
                steps.add(s);
            }
        }
        if (r.token() != null && r.token().claims() != null && steps.stream().noneMatch(s -> s.id().equals("nonce"))) steps.add(nonceStep(f, r, diags));
        Verdict v = Inspector.verdict(steps, diags);
        String summary = switch (v) {
            case VALID -> who + ": valid" + (steps.stream().anyMatch(s -> s.status() == Status.WARN) ? " with warnings" : "")
                    + (f.signInEntry() != null && f.requestNonce() != null ? ", nonce matches its /authorize request" : "");
            case INVALID -> who + ": not valid: " + Inspector.failure(steps, diags);
            case UNDETERMINED -> who + ": " + lowerFirst(r.verdict() == Verdict.UNDETERMINED ? r.summary() : "Could not finish: the signature was not verified");
        };
        return rebuild(r, v, summary, steps, diags);
    }

    private static Step nonceStep(HarFinding f, Report r, List<Diagnosis> diags) {
        JsonNode n = r.token() == null || r.token().claims() == null ? null : r.token().claims().get("nonce");
        String tokenNonce = n != null && n.isTextual() ? n.asText() : null;
        Step.Builder s = Step.of("nonce", "Nonce").evidence("nonce", tokenNonce == null ? "(none)" : tokenNonce);
        String client = f.clientId() == null ? "its client" : "client " + f.clientId();
        if (f.signInEntry() == null) {
            return s.status(Status.INFO).detail("No /authorize request of " + client + " earlier in the capture: the nonce was not compared").build();
        }
        String request = "the /authorize request of " + client + " (entry " + (f.signInEntry() + 1) + ")";
        s.evidence("request nonce", f.requestNonce() == null ? "(none)" : f.requestNonce());
        if (f.requestNonce() == null && tokenNonce == null) {
            return s.status(Status.WARN).detail(request + " sent no nonce and the ID token has none: nothing ties the token to that sign-in")
                    .hint("Send a fresh nonce with every /authorize request and compare it with the ID token's (MSAL does).").build();
        }
        if (tokenNonce == null) {
            diags.add(new Diagnosis(NONCE_MISSING, "The ID token has no nonce, but " + request + " sent one",
                    "An ID token must echo the nonce of the request that asked for it; without it the client can't tell a replayed token from its own.",
                    "Check that the ID token comes from this sign-in (and not from a cache or another request)."));
            return s.status(Status.FAIL).detail("The ID token has no nonce; " + request + " sent " + f.requestNonce()).build();
        }
        if (!tokenNonce.equals(f.requestNonce())) {
            diags.add(new Diagnosis(NONCE_MISMATCH, "The ID token's nonce differs from the nonce of " + request,
                    "The ID token's nonce is " + tokenNonce + "; " + request + " sent " + (f.requestNonce() == null ? "none" : f.requestNonce())
                            + ". A client must refuse an ID token whose nonce is not the one it sent: it answers another sign-in, or is replayed.",
                    "Use the ID token of this sign-in; if the client keeps the nonce between redirect and callback, check that it reads back the same one."));
            return s.status(Status.FAIL).detail("nonce " + tokenNonce + " differs from " + (f.requestNonce() == null ? "no nonce" : f.requestNonce())
                    + " sent by " + request).build();
        }
        return s.status(Status.PASS).detail("The nonce is the one " + request + " sent").build();
    }

    /** The engine's report of an access token for another resource: not invalid for not being the user's API's. */
    private static Report asOtherResource(HarFinding f, Judgement role, Report r) {
        boolean graph = r.hasDiagnosis("graph-token") || r.hasDiagnosis("first-party-token");
        // A first-party token's signature is "not ours" only when Microsoft's (unofficial) nonce transform made it verify:
        // one that fails even so was forged or damaged, and stays a failure.
        boolean provenMicrosoft = r.step("signature").map(s -> s.evidence().containsKey("unofficial check")).orElse(false);
        List<Step> steps = new ArrayList<>();
        for (Step s : r.steps()) {
            boolean notOurs = s.status() == Status.FAIL && (s.id().equals("audience") || (graph && provenMicrosoft && s.id().equals("signature")));
            steps.add(notOurs ? new Step(s.id(), Status.INFO, s.title(), "Not judged (" + role.judgedFor() + "'s token): " + s.detail(), s.evidence(), null, null) : s);
        }
        List<Diagnosis> diags = new ArrayList<>(r.diagnoses());
        diags.removeIf(d -> (provenMicrosoft && (d.id().equals("graph-token") || d.id().equals("first-party-token")))
                || d.id().equals("wrong-audience") || d.id().equals("audience-form"));
        String what = otherResource(f, role, r);
        diags.add(0, new Diagnosis(OTHER_RESOURCE, "Not for your API: " + what,
                "This token was issued for " + role.judgedFor() + ", not for your API, so it is not judged against your API profile; only "
                        + role.judgedFor() + " validates it." + (graph ? " Microsoft Graph tokens are signed over a transformed header nonce: "
                        + "nobody but Graph can verify their signature as issued." : ""),
                "Nothing to fix for your API. If your API rejected a call, look at the token sent to your API."));
        Verdict v = Inspector.verdict(steps, diags) == Verdict.INVALID ? Verdict.INVALID : Verdict.UNDETERMINED;
        String summary = v == Verdict.INVALID ? "Not valid: " + Inspector.failure(steps, diags.subList(1, diags.size())) + " (not for your API: " + what + ")"
                : "Not for your API: " + what;
        return rebuild(r, v, summary, steps, diags);
    }

    /** "an access token for Microsoft Graph, sent to graph.microsoft.com, acquired by client …". */
    private static String otherResource(HarFinding f, Judgement role, Report r) {
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
        diags.sort(java.util.Comparator.comparing((Diagnosis d) -> !d.id().equals(OTHER_RESOURCE)).thenComparing(Inspector.ORDER));
        return new Report(r.tool(), r.version(), r.evaluatedAt(), v, summary, r.input(), r.token(), r.key(), steps, diags);
    }

    private static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? "" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** The list row for finding {@code f}, numbered {@code number}, from its report {@code r} (judged against the API profile). */
    public static HarRow row(int number, HarFinding f, Report r) {
        return row(number, f, r, new Judgement(HarRow.JudgedAs.API, null, first(f.sentTo())), null);
    }

    /** The list row for finding {@code f}, numbered {@code number}, from its report {@code r} judged in {@code role}. */
    public static HarRow row(int number, HarFinding f, Report r, Judgement role, ValidationProfile profile) {
        String aud = null, iss = null, expires = null, expiresIn = null;
        if (r.token() != null && r.token().claims() != null) {
            JsonNode c = r.token().claims();
            JsonNode a = c.get("aud");
            if (a != null && a.isTextual()) aud = a.asText();
            else if (a != null && a.isArray()) {
                List<String> parts = new ArrayList<>();
                for (JsonNode x : a) parts.add(x.asText());
                aud = String.join(", ", parts);
            }
            if (c.path("iss").isTextual()) iss = c.get("iss").asText();
            Instant exp = ClaimCatalogue.epochSeconds(c.get("exp"));
            if (exp != null) {
                expires = HumanTime.utc(exp);
                Instant at = evaluatedAt(r);
                if (at != null) expiresIn = HumanTime.phrase("exp", exp, at);
            }
        }
        String judgedFor = role.judgedFor();
        if (role.as() == HarRow.JudgedAs.API && judgedFor == null && profile != null && !profile.audiences().isEmpty()) {
            judgedFor = String.join(", ", profile.audiences());
        }
        return new HarRow(number, f, r.verdict(), r.summary(), r.topDiagnosis().map(Diagnosis::id).orElse(null),
                r.token() == null ? null : r.token().type(), aud, iss, expires, expiresIn, role.as(), judgedFor, f.sentTo(), r);
    }

    private static Instant evaluatedAt(Report r) {
        try {
            return Instant.parse(r.evaluatedAt());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
