package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.DiagnosisId;

import com.nimbusds.jwt.SignedJWT;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.token.DecodedToken;
import dev.tokenscope.engine.token.TokenKind;

/**
 * A JWS whose payload is not a JSON object: the signature tells apart an issuer that signed such a payload (intact) from
 * a token damaged on the way (broken). Until the signature is checked, the token is malformed with "copy it again" advice.
 */
public final class SignedPayload {
    private SignedPayload() {
    }

    /** True for a token with a sound header and signature part whose payload is no JSON object. */
    public static boolean applies(DecodedToken t) {
        return t.kind() == TokenKind.MALFORMED && t.jwt() instanceof SignedJWT;
    }

    /** The signature verifies with the issuer's key: the issuer produced this payload; copying it again won't help. */
    public static void intact(CheckContext ctx, String key) {
        String what = ctx.token().problems().get(0).message();
        ctx.rediagnose(DiagnosisId.MALFORMED_TOKEN.id(), new Diagnosis(DiagnosisId.NON_JSON_PAYLOAD,
                "Signed by the issuer, but the payload is not a JWT: " + what,
                "The header and the signature are sound and the signature verifies with " + key + ", so the payload arrived exactly as the "
                        + "issuer signed it: the issuer produced a payload that is not a JSON object of claims. "
                        + "It was not damaged on the way, so copying it again gives the same bytes. No JWT validator accepts it.",
                "Look at the issuer: it is not issuing JWTs (a custom token format, a JWS over other content, or a bug in its token "
                        + "writer). If your API expects JWTs from Entra, the token does not come from Entra's token endpoint."));
    }

    /** The signature does not verify either: the token was damaged (or altered) on the way. */
    public static void broken(CheckContext ctx) {
        String what = ctx.token().problems().get(0).toString();
        ctx.rediagnose(DiagnosisId.MALFORMED_TOKEN.id(),
                Diagnoses.malformedToken(what + "; the signature does not verify either, so the token was damaged on the way"));
    }
}
