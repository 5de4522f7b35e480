package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.claims.ClaimCatalogue;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.util.List;

/** The client application (azp in v2, appid in v1) against the allowed clients. */
public final class ClientCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.CLAIMS;
    }

    @Override
    public Reads reads() {
        return Reads.facts("appid", "appidacr", "azp", "azpacr");
    }

    @Override
    public String id() { return StepId.CLIENT.id(); }

    @Override
    public Step run(CheckContext ctx) {
        if (!ctx.claimsReadable()) return ctx.skipped(id(), "Client application", "The claims could not be read.");
        String client = ctx.facts().clientId();
        String claim = ctx.facts().has("azp") ? "azp" : "appid";
        List<String> expected = ctx.profile().clients();
        Step.Builder s = Step.of(id(), "Client application").evidence(claim, client == null ? "(missing)" : client);
        String known = ClaimCatalogue.get().wellKnownApp(client).orElse(null);
        String acr = ctx.facts().str(ctx.facts().has("azpacr") ? "azpacr" : "appidacr");
        if (acr != null) s.evidence("client authentication", switch (acr) {
            case "0" -> "0 (public client, no secret)";
            case "1" -> "1 (client secret)";
            case "2" -> "2 (certificate)";
            default -> acr;
        });
        if (expected.isEmpty()) {
            if (client == null) return s.status(Status.INFO).detail("No azp/appid claim: the calling app is not named").build();
            return s.status(Status.INFO).detail("Requested by client app " + client + (known != null ? " (" + known + ")" : "")
                    + "; give --client to restrict the callers").build();
        }
        if (client != null && expected.stream().anyMatch(client::equalsIgnoreCase)) {
            return s.status(Status.PASS).detail(claim + " " + client + " is an allowed client").build();
        }
        return s.status(Status.FAIL).detail("The token was requested by "
                + (client == null ? "an unnamed app" : client + (known != null ? " (" + known + ")" : ""))
                + ", not an allowed client (" + String.join(", ", expected) + ")")
                .hint("Call the API from an allowed client app, or add this client id to the API's allowed callers.").build();
    }
}
