package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.report.DiagnosisId;

import dev.tokenscope.engine.entra.TokenFacts;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Required delegated scopes (scp) and app roles (roles); explains app-only tokens that have no scopes. */
public final class PermissionsCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.CLAIMS;
    }

    @Override
    public Reads reads() {
        return Reads.facts("scp", "roles");
    }

    @Override
    public String id() { return StepId.PERMISSIONS.id(); }

    @Override
    public Step run(CheckContext ctx) {
        if (!ctx.claimsReadable()) return ctx.skipped(id(), "Permissions", "The claims could not be read.");
        TokenFacts f = ctx.facts();
        Set<String> scp = f.scopes();
        Set<String> roles = f.roles();
        List<String> needScopes = ctx.profile().scopes();
        List<String> needRoles = ctx.profile().roles();
        Step.Builder s = Step.of(id(), "Permissions").evidence("scp", scp.isEmpty() ? "(none)" : String.join(" ", scp))
                .evidence("roles", roles.isEmpty() ? "(none)" : String.join(", ", roles));
        if (needScopes.isEmpty() && needRoles.isEmpty()) {
            if (scp.isEmpty() && roles.isEmpty()) {
                return s.status(Status.INFO).detail("No scopes or roles in the token"
                        + (f.type() == TokenFacts.Type.ID_TOKEN ? " (ID tokens carry none)" : "")).build();
            }
            return s.status(Status.INFO).detail("Grants " + (scp.isEmpty() ? "" : "scopes " + String.join(" ", scp))
                    + (!scp.isEmpty() && !roles.isEmpty() ? " and " : "")
                    + (roles.isEmpty() ? "" : "roles " + String.join(", ", roles)) + "; give --scope/--role to require some").build();
        }
        List<String> missingScopes = new ArrayList<>(needScopes.stream().filter(x -> !scp.contains(x)).toList());
        List<String> missingRoles = new ArrayList<>(needRoles.stream().filter(x -> !roles.contains(x)).toList());
        if (!needScopes.isEmpty()) s.evidence("required scopes", String.join(" ", needScopes));
        if (!needRoles.isEmpty()) s.evidence("required roles", String.join(", ", needRoles));
        if (missingScopes.isEmpty() && missingRoles.isEmpty()) {
            return s.status(Status.PASS)
                    .detail("Has every required "
                            + (needScopes.isEmpty() ? "role" : needRoles.isEmpty() ? "scope" : "scope and role")).build();
        }
        boolean appOnly = f.type() == TokenFacts.Type.APP_ONLY_ACCESS_TOKEN;
        List<String> missing = new ArrayList<>();
        if (!missingScopes.isEmpty()) missing.add("scope" + (missingScopes.size() > 1 ? "s " : " ") + String.join(" ", missingScopes));
        if (!missingRoles.isEmpty()) missing.add("role" + (missingRoles.size() > 1 ? "s " : " ") + String.join(", ", missingRoles));
        String what = String.join(" and ", missing);
        if (appOnly && !missingScopes.isEmpty()) {
            ctx.diagnose(new Diagnosis(DiagnosisId.APP_ONLY_TOKEN, "App-only token where delegated scopes are required",
                    "The token came from the client credentials flow (no user), so it carries app roles (\"roles\") and never \"scp\". "
                            + "An API that requires delegated scopes rejects every app-only token.",
                    "Either call the API with a user (authorization code / on-behalf-of flow), "
                            + "or make the API accept an app role for daemon callers "
                            + "and grant that application permission (admin consent)."));
        }
        ctx.diagnose(new Diagnosis(DiagnosisId.MISSING_PERMISSION, "Missing " + what,
                "The API requires " + what + " but the token grants " + (scp.isEmpty() && roles.isEmpty() ? "nothing" :
                        (scp.isEmpty() ? "" : "scopes " + String.join(" ", scp)) + (!scp.isEmpty() && !roles.isEmpty() ? " and " : "")
                                + (roles.isEmpty() ? "" : "roles " + String.join(", ", roles)))
                        + ". Scopes come from what the client requested and the user/admin consented to; roles from assignments.",
                !missingScopes.isEmpty()
                        ? "Expose the scope on the API registration, add it to the client's API permissions, request it (api://<api>/"
                                + missingScopes.get(0) + ") and consent."
                        : "Assign the app role to the user/group (Enterprise applications ▸ Users and groups) "
                                + "or grant the application permission with admin consent."));
        return s.status(Status.FAIL)
                .detail("Missing " + what + (appOnly && !missingScopes.isEmpty() ? " (an app-only token never has scopes)" : ""))
                .idx("IDW10203").hint("Request and consent to the missing permission.").build();
    }
}
