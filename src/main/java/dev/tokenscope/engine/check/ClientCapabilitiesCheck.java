package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.report.DiagnosisId;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Step;

/**
 * A notice: the client declared the capability "cp1" in xms_cc, so it can handle claims challenges (Continuous Access
 * Evaluation, Conditional Access auth context). Sources: Microsoft Learn access-token-claims-reference.md (xms_cc);
 * "Claims challenges, claims requests and client capabilities"; "Continuous access evaluation".
 */
public final class ClientCapabilitiesCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.CLAIMS;
    }

    @Override
    public Reads reads() {
        return Reads.facts("xms_cc");
    }

    @Override
    public String id() { return StepId.CLIENT_CAPABILITIES.id(); }

    @Override
    public Step run(CheckContext ctx) {
        if (!ctx.claimsReadable()) return null;
        JsonNode cc = ctx.token().claims().get("xms_cc");
        boolean cp1 = false;
        if (cc != null && cc.isArray()) {
            for (JsonNode n : cc) cp1 |= "cp1".equalsIgnoreCase(n.asText());
        } else if (cc != null && cc.isTextual()) {
            for (String v : cc.asText().split("[\\s,]+")) cp1 |= "cp1".equalsIgnoreCase(v);
        }
        if (cp1) ctx.diagnose(diagnosis());
        return null;
    }

    static Diagnosis diagnosis() {
        return Diagnosis.info(DiagnosisId.CAE_CAPABLE_CLIENT, "CAE-capable client (xms_cc cp1): it can answer claims challenges",
                "The client app told Entra it handles claims challenges (client capability cp1). Entra may then issue long-lived tokens "
                        + "(up to 28 hours) whose validity the resource re-evaluates: when the user is disabled, changes password or "
                        + "moves to a disallowed network, a CAE-enabled resource rejects the token before exp with 401 and "
                        + "WWW-Authenticate: Bearer error=\"insufficient_claims\", claims=\"<base64 claims request>\"; "
                        + "the client must get a new "
                        + "token with those claims. An API of your own can use the same mechanism to step up authentication (acrs, "
                        + "Conditional Access auth context).",
                "Nothing to fix. If your API enforces auth context or CAE, answer a missing requirement with a 401 claims challenge "
                        + "(not a plain 403), and don't assume a token stays good until exp.");
    }
}
