package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.report.DiagnosisId;

import dev.tokenscope.engine.claims.ClaimCatalogue;
import dev.tokenscope.engine.entra.EntraFacts;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.util.List;

/** The tenant (tid) against the allowed tenants; names personal Microsoft accounts. */
public final class TenantCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.CLAIMS;
    }

    @Override
    public Reads reads() {
        return Reads.facts("tid");
    }

    @Override
    public String id() { return StepId.TENANT.id(); }

    @Override
    public Step run(CheckContext ctx) {
        if (!ctx.claimsReadable()) return ctx.skipped(id(), "Tenant", "The claims could not be read.");
        String tid = ctx.facts().tid();
        List<String> expected = ctx.profile().tenants();
        Step.Builder s = Step.of(id(), "Tenant").evidence("tid", tid == null ? "(missing)" : tid);
        if (!expected.isEmpty()) s.evidence("expected", String.join(", ", expected));
        boolean consumer = EntraFacts.CONSUMER_TENANT.equalsIgnoreCase(tid) && ctx.facts().issuer().kind().entra();
        if (consumer) ctx.diagnose(Diagnoses.consumerAccount());
        // A tenant's name only for a Microsoft issuer: any other issuer can put Microsoft's tenant ids in its tokens.
        String name = tid == null || !ctx.facts().issuer().kind().entra() ? null
                : ClaimCatalogue.get().table("tenants").get(tid.toLowerCase());
        if (expected.isEmpty()) {
            if (tid == null) return s.status(Status.INFO).detail("No \"tid\" claim (not an Entra work-account token)").build();
            return s.status(consumer ? Status.WARN : Status.INFO).detail("Tenant " + tid + (name != null ? " (" + name + ")" : "")
                    + (consumer ? ": a personal Microsoft account, not an organisation's user" : "; give --tenant to check it")).build();
        }
        if (tid != null && expected.stream().anyMatch(tid::equalsIgnoreCase)) {
            return s.status(Status.PASS).detail("tid " + tid + " is an allowed tenant").build();
        }
        ctx.diagnose(new Diagnosis(DiagnosisId.WRONG_TENANT,
                "Token from tenant " + tid + (name != null ? " (" + name + ")" : "") + ", not an allowed tenant",
                "The user signed in to another directory than the ones this API serves"
                        + (consumer ? " (a personal Microsoft account)" : "")
                        + ". Multi-tenant apps ('common'/'organizations' authority) get tokens from any tenant; "
                        + "the API must decide which it accepts.",
                "Sign in with an account of " + String.join(" or ", expected)
                        + " (use that tenant's authority, not /common), or allow this tenant in the API."));
        return s.status(Status.FAIL)
                .detail("tid " + (tid == null ? "(missing)" : tid) + " is not among the allowed tenants " + String.join(", ", expected))
                .idx("IDX40001").hint("Use a tenant-specific authority https://login.microsoftonline.com/<tenant>/ in the client.").build();
    }
}
