package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.report.DiagnosisId;

import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Step;

import java.util.List;

/**
 * A notice about the audience's shape: several audiences, or one that looks like a wildcard. Entra issues exactly one
 * audience per token; an API that accepts anything matching a pattern accepts tokens meant for others.
 */
public final class AudienceShapeCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.CLAIMS;
    }

    @Override
    public Reads reads() {
        return Reads.facts();
    }

    @Override
    public String id() { return StepId.AUDIENCE_SHAPE.id(); }

    @Override
    public Step run(CheckContext ctx) {
        if (!ctx.claimsReadable()) return null;
        List<String> auds = ctx.facts().audiences();
        auds.stream().filter(AudienceShapeCheck::wildcard).findFirst()
                .ifPresent(a -> ctx.diagnose(Diagnosis.warn(DiagnosisId.WILDCARD_AUDIENCE,
                        "Wildcard-looking audience " + a,
                        "The audience contains a wildcard character. Entra writes one exact audience (the API's client id or "
                                + "an App ID URI); no validator treats \"*\" as a pattern, and an API configured to accept such "
                                + "an audience accepts tokens issued for other APIs.",
                        "Configure the API with its exact audiences (client id GUID and App ID URI); never a pattern.")));
        if (auds.size() > 1) {
            ctx.diagnose(Diagnosis.warn(DiagnosisId.MULTIPLE_AUDIENCES, "Several audiences: " + String.join(", ", auds),
                    "The token names " + auds.size() + " audiences. Entra issues one audience per access token, so this token was made "
                            + "by something else or altered; any API in the list accepts it, which lets one API replay it to another.",
                    "Accept only tokens whose audience is your API alone; find out which issuer writes several audiences."));
        }
        return null;
    }

    static boolean wildcard(String aud) {
        return aud.contains("*") || aud.contains("?");
    }
}
