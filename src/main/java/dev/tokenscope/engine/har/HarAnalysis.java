package dev.tokenscope.engine.har;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.check.Diagnoses;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.claims.ClaimCatalogue;
import dev.tokenscope.engine.claims.HumanTime;
import dev.tokenscope.engine.input.Candidate;
import dev.tokenscope.engine.input.Extraction;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.server.ServerFindings;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

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
    public static final String PLACEHOLDER = Diagnoses.PLACEHOLDER;
    /** Diagnosis id of an access token for another resource. */
    public static final String OTHER_RESOURCE = "other-resource";
    public static final String NONCE_MISMATCH = "nonce-mismatch";
    public static final String NONCE_MISSING = "nonce-missing";

    /** The Microsoft resource a host serves ("Microsoft Graph"), or null for any other host. */
    public static String microsoftResourceOfHost(String host) {
        return HarRoles.microsoftResourceOfHost(host);
    }

    /** The Microsoft resource an audience names ("Microsoft Graph" for 00000003-… or https://graph.microsoft.com), or null. */
    public static String microsoftResourceOfAudience(String aud) {
        return HarRoles.microsoftResourceOfAudience(aud);
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
            return profile.withAt(OffsetDateTime.parse(f.time()).toInstant());
        } catch (DateTimeParseException e) {
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
    /** The role {@code f} is judged in: see the class comment. */
    public static Judgement roleOf(HarFinding f, Inspector inspector, ValidationProfile profile) {
        return HarRoles.roleOf(f, inspector, profile);
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
        if (PLACEHOLDER.equals(asPasted.form())) return HarRoleReports.placeholder(f, described, asPasted,
                inspector.inspect("Bearer " + f.token(), profile));
        Extraction ex = new Extraction("har", "A token from a HAR capture: " + described, notes(f, role),
                List.of(new Candidate(f.role(), f.where(), f.token())));
        return switch (role.as()) {
            case ID_TOKEN_FOR_CLIENT -> HarRoleReports.asIdToken(f, role,
                    inspector.inspect(ex, 0, neutral(profile, f.clientId() == null ? List.of() : List.of(f.clientId()))));
            case OTHER_RESOURCE -> HarRoleReports.asOtherResource(f, role, inspector.inspect(ex, 0, neutral(profile, List.of())));
            default -> inspector.inspect(ex, 0, profile);
        };
    }

    private static List<String> notes(HarFinding f, Judgement role) {
        return switch (role.as()) {
            case ID_TOKEN_FOR_CLIENT -> List.of("Judged as an ID token for "
                    + (f.clientId() != null ? "client " + f.clientId() + ", the client that asked for it"
                    : "the client it names (no request in the capture names its client)") + "; not against your API profile.");
            case OTHER_RESOURCE -> List.of("An access token for " + role.judgedFor()
                    + (role.sentToHost() != null ? ", sent to " + role.sentToHost() : "") + ": not judged against your API profile.");
            default -> List.of();
        };
    }

    /** The profile without what belongs to the user's API (audience, clients, scopes, roles, tenants); keys, issuers, time kept. */
    static ValidationProfile neutral(ValidationProfile p, List<String> audiences) {
        return new ValidationProfile(audiences, List.of(), List.of(), List.of(), List.of(), p.skew(), p.at(), p.metadata(), p.jwks(),
                p.offline(), p.issuers());
    }

    /** The list row for finding {@code f}, numbered {@code number}, from its report {@code r} (judged against the API profile). */
    public static HarRow row(int number, HarFinding f, Report r) {
        return row(number, f, r, new Judgement(HarRow.JudgedAs.API, null, HarRoles.first(f.sentTo())), null);
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
