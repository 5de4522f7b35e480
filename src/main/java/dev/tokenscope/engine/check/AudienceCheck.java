package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.report.DiagnosisId;

import dev.tokenscope.engine.claims.ClaimCatalogue;
import dev.tokenscope.engine.entra.EntraFacts;
import dev.tokenscope.engine.entra.TokenFacts;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Setting;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.util.List;
import java.util.Optional;

/**
 * The audience against the API's expected audiences, explaining the GUID vs App ID URI forms; without
 * expectations it says whom the token is for (your API, Microsoft Graph, another Microsoft API).
 */
public final class AudienceCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.CLAIMS;
    }

    @Override
    public Reads reads() {
        return Reads.facts("aud", "ver");
    }

    @Override
    public String id() { return StepId.AUDIENCE.id(); }

    @Override
    public Step run(CheckContext ctx) {
        if (!ctx.claimsReadable()) return ctx.skipped(id(), "Audience", "The claims could not be read.");
        TokenFacts f = ctx.facts();
        List<String> auds = f.audiences();
        List<String> expected = forVersion(ctx.profile().audiences(), ctx.token().claims().path("ver").asText(""));
        Step.Builder s = Step.of(id(), "Audience").evidence("aud", auds.isEmpty() ? "(missing)" : String.join(", ", auds));
        if (!expected.isEmpty()) s.evidence("expected", String.join(", ", expected));
        if (auds.isEmpty()) {
            return s.status(Status.FAIL).detail(ctx.token().claims().has("aud") ? "\"aud\" is not a string or list of strings"
                    : "No \"aud\" claim: nothing says which API the token is for").idx("IDX10206").build();
        }
        Optional<String> known = auds.stream().map(a -> ClaimCatalogue.get().wellKnownApp(a)).flatMap(Optional::stream).findFirst();
        if (f.graph()) {
            ctx.diagnose(Diagnoses.graphToken());
            boolean nonce = f.headerNonce();
            return s.status(Status.FAIL).detail("Issued for Microsoft Graph" + (nonce ? " (header \"nonce\")" : "")
                    + ": only Graph can validate it; it is not a token for your API").idx("IDX10214")
                    .hint("Request a token for your API: scope api://<your-api-client-id>/.default or one of its scopes.").build();
        }
        if (f.firstParty()) {
            String name = f.resourceName();
            ctx.diagnose(Diagnoses.firstPartyToken(name, auds.get(0)));
            return s.status(Status.FAIL).detail("Issued for " + (name.equals(auds.get(0)) ? "the Microsoft API " + name : name)
                    + " (header \"nonce\"): only that Microsoft API can validate it; it is not a token for your API").idx("IDX10214")
                    .hint("Request a token for your API: scope api://<your-api-client-id>/.default or one of its scopes.").build();
        }
        if (expected.isEmpty()) {
            String who = known.map(k -> "a Microsoft API: " + k + " (so not your API)").orElse("the API " + auds.get(0));
            return s.status(Status.INFO).detail("Issued for " + who + "; give the API's expected audience to check it")
                    .hint(Setting.AUDIENCE.option() + " <your API's client id or App ID URI>").build();
        }
        for (String e : expected) {
            for (String a : auds) {
                if (sameAudience(e, a)) {
                    return s.status(Status.PASS).detail("aud " + a + " is an expected audience").build();
                }
            }
        }
        for (String e : expected) {
            for (String a : auds) {
                if (formVariant(e, a)) {
                    ctx.diagnose(audienceForm(a, e));
                    return s.status(Status.FAIL).detail("aud is " + a + " but the API expects " + e
                            + ": the same app in the other form (client id GUID vs App ID URI)").idx("IDX10214")
                            .hint("Accept both forms in the API (ValidAudiences = [\"" + bare(e) + "\", \"api://" + bare(e)
                                    + "\"]), or set accessTokenAcceptedVersion 2 so tokens always carry the GUID.").build();
                }
            }
        }
        String tid = ctx.token().claims().path("tid").asText("");
        boolean ownApi = known.isEmpty() && wellFormedApi(auds.get(0)) && !tid.isEmpty()
                && (ctx.profile().tenants().isEmpty() || ctx.profile().tenants().stream().anyMatch(t -> t.equalsIgnoreCase(tid)));
        ctx.diagnose(wrongAudience(auds.get(0), expected, known.orElse(null), ownApi ? tid : null));
        return s.status(Status.FAIL).detail("aud " + String.join(", ", auds) + (known.map(k -> " (" + k + ")").orElse(""))
                + " is not among the expected audiences " + String.join(", ", expected)).idx("IDX10214")
                .hint(ownApi ? "Either the client asked for the wrong scope (request api://<your-api>/.default or your API's scope), "
                        + "or the API expects the wrong audience: " + auds.get(0) + " is an API of the token's own tenant; "
                        + "if it is yours, add it to the expected audiences (" + Setting.AUDIENCE.option() + ")."
                        : "The client requested a token for another resource: request scope api://<your-api>/.default "
                                + "(or your API's scope).").build();
    }

    static boolean sameAudience(String expected, String actual) {
        return expected.equals(actual) || stripSlash(expected).equals(stripSlash(actual));
    }

    /** GUID vs api://GUID (and v1 App ID URIs ending in the GUID). */
    static boolean formVariant(String expected, String actual) {
        String e = bare(expected), a = bare(actual);
        return EntraFacts.isGuid(e) && e.equalsIgnoreCase(a);
    }

    private static String bare(String aud) {
        String s = stripSlash(aud);
        if (s.startsWith("api://")) s = s.substring("api://".length());
        return s;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    static Diagnosis audienceForm(String actual, String expected) {
        return new Diagnosis(DiagnosisId.AUDIENCE_FORM, "Audience in the other form: " + actual + " vs " + expected,
                "Entra writes the audience of v2.0 access tokens as the API's client id (GUID) and of v1.0 tokens as the App ID URI "
                        + "the client asked for (api://…) or the GUID. The API was configured with only one form. "
                        + "A server logs IDX10214.",
                "Configure both forms as valid audiences, or set \"accessTokenAcceptedVersion\": 2 in the API's manifest "
                        + "so tokens always carry the GUID.");
    }

    static Diagnosis wrongAudience(String actual, List<String> expected, String knownName) {
        return wrongAudience(actual, expected, knownName, null);
    }

    /**
     * {@code sameTenant}: the token's tid when its audience is a well-formed API (a GUID or an App ID URI, not a Microsoft
     * API) of a tenant the API accepts: then the API's expected audience may be the wrong side, and the diagnosis says so.
     */
    static Diagnosis wrongAudience(String actual, List<String> expected, String knownName, String sameTenant) {
        String summary = "Token issued for " + actual + (knownName != null ? " (" + knownName + ")" : "") + ", not for this API";
        if (sameTenant != null) {
            return new Diagnosis(DiagnosisId.WRONG_AUDIENCE, summary,
                    "The audience names the API the client requested the token for; this API expected " + String.join(" or ", expected)
                            + ". Either side can be wrong: the client asked for another API's scope, "
                            + "or the API's expected audience is wrong. "
                            + actual + " is a well-formed API audience of the same tenant (" + sameTenant
                            + "), so check which one is your API.",
                    "If " + actual + " is your API, correct the API's expected audience to it (" + actual + ", " + Setting.AUDIENCE.option()
                            + "); otherwise, in the client, request your API's scope: "
                            + "api://<your-api-client-id>/<scope> or api://<your-api-client-id>/.default.");
        }
        return new Diagnosis(DiagnosisId.WRONG_AUDIENCE, summary,
                "The audience names the API the client requested the token for; this API expected " + String.join(" or ", expected)
                        + ". The client asked for the wrong scope (e.g. User.Read, which is a Graph scope).",
                "In the client, request your API's scope: api://<your-api-client-id>/<scope> or api://<your-api-client-id>/.default.");
    }

    /** A GUID or an App ID URI (api://…, https://…): the form an API's audience takes. */
    static boolean wellFormedApi(String aud) {
        String b = bare(aud);
        return EntraFacts.isGuid(b) || (aud.startsWith("api://") && b.length() > 0) || aud.startsWith("https://");
    }

    /**
     * The expected audiences that apply to a token of version {@code ver}: an entry "v1=…" or "v2=…" applies only to
     * tokens of that version (Microsoft.Identity.Web's default: the client id for v2.0 tokens, api://{client id} for
     * v1.0 tokens, never both), any other entry to every token.
     */
    static List<String> forVersion(List<String> audiences, String ver) {
        List<String> out = new java.util.ArrayList<>();
        for (String a : audiences) {
            if (a.startsWith("v1=")) {
                if (ver.startsWith("1")) out.add(a.substring(3));
            } else if (a.startsWith("v2=")) {
                if (ver.startsWith("2")) out.add(a.substring(3));
            } else {
                out.add(a);
            }
        }
        return out;
    }
}
