package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.report.DiagnosisId;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.entra.TokenFacts;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Step;

/**
 * A notice: groups overage. Instead of "groups" the token carries {@code _claim_names}/{@code _claim_sources} (more than
 * 200 groups) or {@code hasgroups} (implicit flow): the API must read the groups from Microsoft Graph
 * (Microsoft Learn: access-token-claims-reference.md, "Groups overage claim").
 */
public final class GroupOverageCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.CLAIMS;
    }

    @Override
    public Reads reads() {
        return Reads.facts("_claim_names", "_claim_sources", "groups", "hasgroups")
                // the user's oid goes into the Graph call it names, only when groups were left out
                .alsoWhenPresent("_claim_names", "oid").alsoWhenPresent("hasgroups", "oid");
    }

    @Override
    public String id() { return StepId.GROUP_OVERAGE.id(); }

    @Override
    public Step run(CheckContext ctx) {
        if (!ctx.claimsReadable()) return null;
        TokenFacts f = ctx.facts();
        JsonNode names = ctx.token().claims().get("_claim_names");
        boolean distributed = names != null && names.has("groups");
        boolean hasGroups = ctx.token().claims().path("hasgroups").asBoolean(false)
                || "true".equalsIgnoreCase(ctx.token().claims().path("hasgroups").asText());
        if (f.has("groups") || !(distributed || hasGroups)) return null;
        String endpoint = distributed ? endpoint(ctx.token().claims(), names.get("groups").asText()) : null;
        ctx.diagnose(diagnosis(distributed ? "_claim_names/_claim_sources" : "hasgroups", endpoint, f.str("oid"),
                f.type() == TokenFacts.Type.APP_ONLY_ACCESS_TOKEN));
        return null;
    }

    private static String endpoint(JsonNode claims, String source) {
        JsonNode e = claims.path("_claim_sources").path(source).path("endpoint");
        return e.isTextual() ? e.asText() : null;
    }

    static Diagnosis diagnosis(String marker, String endpoint, String oid, boolean appOnly) {
        String user = oid != null ? oid : "{oid}";
        return Diagnosis.warn(DiagnosisId.GROUP_OVERAGE,
                "Group overage: no \"groups\" claim; the API must read the groups from Microsoft Graph",
                "The token carries " + marker + " instead of \"groups\": the user is in more groups than fit in a token "
                        + "(over 200 in a JWT, over 6 in the implicit flow), so Entra left them out. "
                        + "An API that looks for a group in \"groups\" finds none and "
                        + "silently denies (or, worse, grants by default)." + (endpoint != null ? " The token points to " + endpoint
                        + (endpoint.contains("graph.windows.net")
                                ? ", the retired Azure AD Graph: call Microsoft Graph instead." : ".") : ""),
                "In the API, when \"groups\" is missing and the overage marker is there, call Microsoft Graph: POST "
                        + "https://graph.microsoft.com/v1.0/users/" + user + "/getMemberObjects {\"securityEnabledOnly\": true} (or GET "
                        + "/users/" + user + "/transitiveMemberOf), with the permission GroupMember.Read.All ("
                        + (appOnly ? "application" : "delegated, via on-behalf-of, or application")
                        + "). Or emit app roles instead of groups, "
                        + "or limit the groups claim to groups assigned to the application.");
    }
}
