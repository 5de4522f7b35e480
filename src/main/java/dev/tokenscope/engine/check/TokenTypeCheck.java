package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.entra.ManagedIdentity;
import dev.tokenscope.engine.entra.TokenFacts;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.util.List;

/** Access token or ID token? An ID token sent to an API is the classic SPA mistake. */
public final class TokenTypeCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.CLAIMS;
    }

    @Override
    public Reads reads() {
        return Reads.facts("idtyp");
    }

    @Override
    public String id() { return StepId.TOKEN_TYPE.id(); }

    @Override
    public Step run(CheckContext ctx) {
        if (!ctx.claimsReadable()) return ctx.skipped(id(), "Token type", "The claims could not be read.");
        TokenFacts f = ctx.facts();
        TokenFacts.Type type = f.type();
        Step.Builder s = Step.of(id(), "Token type").evidence("type", type.label());
        switch (type) {
            case ID_TOKEN -> {
                List<String> signs = f.idTokenSigns();
                String joined = String.join("; ", signs);
                ctx.diagnose(Diagnoses.idTokenAsAccessToken(joined));
                return s.status(Status.FAIL).detail("This is an ID token, not an access token: " + joined)
                        .evidence("aud (the client app)", String.join(", ", f.audiences()))
                        .hint("Send the access token (result.accessToken) requested for your API's scope, not the ID token.")
                        .idx("IDX10214").build();
            }
            case APP_ONLY_ACCESS_TOKEN -> {
                java.util.Optional<ManagedIdentity> mi = ManagedIdentity.of(f);
                if (mi.isPresent()) {
                    return s.status(Status.PASS).detail("App-only access token of " + mi.get().describe()
                                    + ": an Azure resource called with its managed identity; "
                                    + "permissions are in \"roles\", there is no user")
                            .evidence("idtyp", f.str("idtyp"))
                            .evidence("managed identity", mi.get().resourceId()).build();
                }
                return s.status(Status.PASS).detail("App-only access token: a daemon or service called with its own identity "
                                + "(client credentials); permissions are in \"roles\", there is no user")
                        .evidence("idtyp", f.str("idtyp")).build();
            }
            case ACCESS_TOKEN -> {
                return s.status(Status.PASS)
                        .detail("Delegated access token: an app calling on behalf of a signed-in user; permissions are in \"scp\"").build();
            }
            default -> {
                return s.status(Status.WARN)
                        .detail("Neither an Entra access token nor an ID token: no scp, roles, azp/appid or ID-token claims")
                        .hint("Check that the token comes from Entra and is the one sent in the Authorization header.").build();
            }
        }
    }
}
