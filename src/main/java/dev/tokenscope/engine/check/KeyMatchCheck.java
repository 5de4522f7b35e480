package dev.tokenscope.engine.check;

import dev.tokenscope.engine.trust.ResolvedTrust;
import dev.tokenscope.engine.trust.KeyMatch;
import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.report.DiagnosisId;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.util.stream.Collectors;

/** Which published key the token names: by kid, x5t, x5t#S256, or every key of a fitting type. */
final class KeyMatchCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.TRUST;
    }

    @Override
    public Reads reads() {
        return Reads.HEADER_AND_TRUST;
    }

    @Override
    public String id() { return StepId.KEY_MATCH.id(); }

    @Override
    public Step run(CheckContext ctx) {
        Step.Builder s = Step.of(id(), "Key match");
        if (!(ctx.trust() instanceof ResolvedTrust t) || t.jwksOutcome() == null || !t.jwksOutcome().ok() || t.keys().isEmpty()) {
            return s.status(Status.SKIP).detail("Needs the key set: "
                    + (ctx.trust().unavailableReason() == null ? "it holds no usable key" : ctx.trust().unavailableReason())).build();
        }
        if (!(ctx.token().jwt() instanceof SignedJWT jws)) return s.status(Status.SKIP).detail("Not a signed token").build();
        JWSHeader h = jws.getHeader();
        s.evidence("token names", KeyMatch.named(h));
        String kids = t.keys().stream().map(k -> k.getKeyID() == null ? "(no kid)" : k.getKeyID()).collect(Collectors.joining(", "));
        s.evidence("key set", kids);
        int n = 0;
        for (String line : t.story()) if (line.contains("refetch") || line.contains("appid")) s.evidence("step " + (++n), line);
        KeyMatch m = t.match();
        if (!m.found()) {
            ctx.diagnose(new Diagnosis(DiagnosisId.KEY_NOT_FOUND, "Signing key " + KeyMatch.named(h) + " is not in the issuer's key set",
                    "The token names " + KeyMatch.named(h) + ", which is not among the " + t.keys().size() + " keys published at "
                            + t.jwksOutcome().doc().source() + " (" + kids + "), even after a refetch"
                            + (ctx.facts().issuer().kind().entra() ? " and a look at app-specific keys (?appid=)" : "")
                            + ". Either the token comes from another issuer or tenant, it was signed by a key that was never published "
                            + "(forged or a test token), "
                            + "or the server looks at the wrong key set (v1 vs v2, another cloud). A server logs IDX10501.",
                    "Validate against the key set of the issuer named in iss (" + ctx.facts().iss()
                            + "); if your app uses claims mapping, fetch keys with ?appid=<your app id>."));
            return s.status(Status.FAIL).detail(KeyMatch.named(h) + " is not among these " + t.keys().size() + " keys: " + kids)
                    .idx("IDX10501")
                    .hint("Check that the token's issuer and the key set belong together (tenant, version, cloud).").build();
        }
        if (t.appSpecificAppId() != null) {
            ctx.diagnose(new Diagnosis(DiagnosisId.APP_SPECIFIC_SIGNING_KEY,
                    "Signed with an app-specific key (appid " + t.appSpecificAppId() + ")",
                    "The app uses claims mapping or a custom signing key, so Entra signs its tokens with a key published only under "
                            + "…/discovery/keys?appid=" + t.appSpecificAppId()
                            + ". Validators that read the tenant's general key set fail with IDX10501.",
                    "Configure the API's metadata address with ?appid=" + t.appSpecificAppId()
                            + " (e.g. …/v2.0/.well-known/openid-configuration?appid=" + t.appSpecificAppId() + ")."));
            return s.status(Status.WARN)
                    .detail("Found " + KeyMatch.named(h) + " only among the app-specific keys (?appid=" + t.appSpecificAppId() + ")")
                    .hint("Point the API's metadata at …/openid-configuration?appid=" + t.appSpecificAppId()).build();
        }
        if (m.by().equals("type")) {
            return s.status(Status.PASS).detail("The header names no key (no kid/x5t); trying each of the " + m.candidates().size()
                    + " key(s) of a fitting type").build();
        }
        JWK k = m.candidates().get(0);
        return s.status(Status.PASS).detail("Matched " + KeyMatch.named(h) + " by " + m.by()
                + " (" + k.getKeyType() + (k.size() > 0 ? " " + k.size() + " bits" : "") + ")").build();
    }
}
