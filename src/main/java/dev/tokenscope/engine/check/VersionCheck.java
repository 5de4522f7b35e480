package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.entra.IssuerInfo;
import dev.tokenscope.engine.entra.IssuerKind;
import dev.tokenscope.engine.entra.TokenFacts;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

/**
 * Token version ("ver") and whether the issuer has the matching shape: v1.0 tokens come from
 * sts.windows.net/{tid}/, v2.0 ones from login.microsoftonline.com/{tid}/v2.0. Which one an API receives
 * is decided by the API's app registration (accessTokenAcceptedVersion), not by the endpoint the client used.
 */
public final class VersionCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.CLAIMS;
    }

    @Override
    public Reads reads() {
        return Reads.facts("ver");
    }

    @Override
    public String id() { return StepId.VERSION.id(); }

    @Override
    public Step run(CheckContext ctx) {
        if (!ctx.claimsReadable()) return ctx.skipped(id(), "Token version", "The claims could not be read.");
        TokenFacts f = ctx.facts();
        IssuerInfo info = f.issuer();
        String ver = f.ver();
        Step.Builder s = Step.of(id(), "Token version").evidence("ver", ver == null ? "(missing)" : ver)
                .evidence("issuer kind", info.kind().label());
        if (!info.kind().entra()) {
            return s.status(Status.INFO).detail(ver == null ? "No \"ver\" claim; not an Entra token, so version rules don't apply"
                    : "ver " + ver + "; not an Entra token, so Entra version rules don't apply").build();
        }
        if (ver == null) {
            return s.status(Status.WARN).detail("No \"ver\" claim; Entra tokens always carry \"1.0\" or \"2.0\"").build();
        }
        boolean v1 = ver.equals("1.0"), v2 = ver.equals("2.0");
        if (!v1 && !v2) {
            return s.status(Status.WARN).detail("Unknown version \"" + ver + "\"; Entra issues \"1.0\" and \"2.0\"").build();
        }
        if (info.kind() == IssuerKind.ENTRA_V1 && v2 || info.kind() == IssuerKind.ENTRA_V2 && v1) {
            return s.status(Status.FAIL).detail("ver " + ver + " but the issuer has the " + (v1 ? "v2.0" : "v1.0")
                    + " form: Entra never mixes them, so the token was not issued by Entra as is").idx("IDX10205")
                    .hint("Treat the token as forged or altered.").build();
        }
        String what = v1 ? "v1.0 token (issuer https://sts.windows.net/{tid}/, audience often an App ID URI)"
                : "v2.0 token (issuer …/{tid}/v2.0, audience the API's client id)";
        return s.status(Status.PASS)
                .detail(what + "; validate it against the " + (v1 ? "v1.0" : "v2.0") + " metadata: " + info.metadataUrl())
                .hint("The API's app registration picks the version (manifest accessTokenAcceptedVersion: null/1 → v1.0, 2 → v2.0).")
                .build();
    }
}
