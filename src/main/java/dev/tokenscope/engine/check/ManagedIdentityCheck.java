package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.report.DiagnosisId;

import dev.tokenscope.engine.entra.ManagedIdentity;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Step;

/** A notice: the caller is an Azure managed identity (xms_mirid), named by its resource. Never changes the verdict. */
public final class ManagedIdentityCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.CLAIMS;
    }

    @Override
    public Reads reads() {
        return Reads.facts("xms_mirid");
    }

    @Override
    public String id() { return StepId.MANAGED_IDENTITY.id(); }

    @Override
    public Step run(CheckContext ctx) {
        if (!ctx.claimsReadable()) return null;
        ManagedIdentity.of(ctx.facts()).ifPresent(m -> ctx.diagnose(diagnosis(m, ctx.facts().clientId())));
        return null;
    }

    static Diagnosis diagnosis(ManagedIdentity m, String appId) {
        return Diagnosis.info(DiagnosisId.MANAGED_IDENTITY, "Called by " + m.describe(),
                "xms_mirid is the Azure resource id of the managed identity that requested this token: " + m.resourceId() + ". "
                        + (m.userAssigned()
                                ? "A user-assigned identity is its own Azure resource and can be attached to several resources. "
                                : "A system-assigned identity belongs to one resource (" + m.resourceType() + " " + m.name()
                                        + ") and is deleted with it. ")
                        + "Managed-identity tokens are app-only: no user, permissions in \"roles\""
                        + (appId != null ? "; its application (client) id is " + appId : "") + ".",
                "To let it call your API, assign it one of your API's app roles "
                        + "(an app role assignment to the identity's service principal); "
                        + "authorize on its roles or its oid, not on the resource name.");
    }
}
