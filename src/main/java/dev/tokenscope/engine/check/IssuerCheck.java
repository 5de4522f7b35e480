package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.StepId;
import dev.tokenscope.engine.report.DiagnosisId;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.entra.Authorities;
import dev.tokenscope.engine.entra.EntraFacts;
import dev.tokenscope.engine.entra.IssuerInfo;
import dev.tokenscope.engine.entra.IssuerKind;
import dev.tokenscope.engine.entra.TokenFacts;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.util.List;
import java.util.Optional;

/**
 * The issuer: one the API trusts (the profile's accepted issuers, else Microsoft's own authorities; a look-alike of a
 * Microsoft authority fails, any other issuer leaves the verdict undetermined), exact match with the metadata's
 * "issuer" ({tenantid} templates filled with the token's tid), tid a GUID equal to the issuer's tenant segment, and the
 * matched key's own "issuer" property (v2 tokens). Without metadata only the form is checked: the step is then a pass only
 * when the issuer is one the API accepts (compared with that list), else info (a Microsoft authority) or a warning.
 */
public final class IssuerCheck implements Check {
    @Override
    public Stage stage() {
        return Stage.CLAIMS;
    }

    @Override
    public Reads reads() {
        return Reads.facts("iss", "tid");
    }

    @Override
    public String id() { return StepId.ISSUER.id(); }

    @Override
    public Step run(CheckContext ctx) {
        if (!ctx.claimsReadable()) return ctx.skipped(id(), "Issuer", "The claims could not be read.");
        TokenFacts f = ctx.facts();
        JsonNode issNode = ctx.token().claims().get("iss");
        Step.Builder s = Step.of(id(), "Issuer");
        if (issNode == null || !issNode.isTextual()) {
            return s.status(Status.FAIL).detail(issNode == null ? "No \"iss\" claim: nothing says who issued the token"
                    : "\"iss\" is " + issNode + ", not a string").idx("IDX10211")
                    .hint("Entra tokens always carry iss; this one was not issued by Entra.").build();
        }
        String iss = issNode.asText();
        IssuerInfo info = f.issuer();
        s.evidence("iss", iss).evidence("kind", info.kind().label());
        String tid = f.tid();
        if (tid != null) s.evidence("tid", tid);
        List<String> accepted = ctx.profile().issuers();
        boolean listed = Authorities.accepted(accepted, iss, tid);
        Optional<Authorities.Lookalike> lookalike = Authorities.lookalike(accepted, iss, tid);
        if (lookalike.isPresent()) {
            ctx.diagnose(lookalikeIssuer(iss, lookalike.get()));
            return s.status(Status.FAIL).detail("iss " + iss + " imitates " + lookalike.get().imitated() + ": " + lookalike.get().how())
                    .evidence("imitates", lookalike.get().imitated()).idx("IDX10205")
                    .hint("Treat the token as forged: nothing was fetched from its issuer.").build();
        }
        if (!accepted.isEmpty()) {
            s.evidence("accepted issuers", String.join(", ", accepted));
            if (!listed) {
                ctx.diagnose(issuerMismatch("iss " + iss + " is not among the issuers the API accepts ("
                        + String.join(", ", accepted) + ")"));
                return s.status(Status.FAIL).detail("iss " + iss + " is not one of the issuers the API accepts").idx("IDX10205")
                        .hint("Sign in through the authority the API trusts, or add this issuer to the API's valid issuers.").build();
            }
        }
        boolean trusted = listed || info.kind().entra() || Authorities.isMicrosoftIssuer(iss) || ctx.profile().userKeys();
        s.evidence("trusted as", listed ? "an issuer the API accepts" : info.kind().entra() || Authorities.isMicrosoftIssuer(iss)
                ? "a Microsoft authority" : ctx.profile().userKeys() ? "the issuer of the metadata or keys you chose" : "not trusted");
        if (info.kind().entra() && info.kind() != IssuerKind.B2C && tid != null) {
            if (!EntraFacts.isGuid(tid)) {
                return s.status(Status.FAIL).detail("tid \"" + tid + "\" is not a GUID; Entra tenant ids always are")
                        .idx("IDX40001").build();
            }
            if (!tid.equalsIgnoreCase(info.tenantInPath())) {
                ctx.diagnose(issuerMismatch("the issuer names tenant " + info.tenantInPath() + " but tid is " + tid));
                return s.status(Status.FAIL).detail("The issuer's tenant segment (" + info.tenantInPath() + ") differs from tid (" + tid
                        + "); a genuine Entra token names the same tenant in both").idx("IDX40001")
                        .hint("Multi-tenant validators must require iss == template with {tenantid} = tid.").build();
            }
        }
        Optional<String> expected = ctx.trust().metadataIssuer();
        if (expected.isEmpty()) {
            String why = ctx.trust().unavailableReason();
            String form = info.kind().label() + (info.tenantInPath() != null ? ", tenant " + info.tenantInPath() : "");
            String notCompared = "not compared with the issuer's metadata" + (why != null ? " (" + why + ")" : "");
            // A pass only for an issuer compared with something: here, the issuers the API accepts (--issuer, its configuration).
            if (listed) {
                return s.status(Status.PASS).detail("iss is one of the issuers the API accepts (" + form + "); " + notCompared).build();
            }
            if (!trusted) return passed(ctx, s, false, iss, form + "; the form is right, " + notCompared);
            return s.status(Status.INFO).detail(form + "; the form is right, but the issuer was " + notCompared
                            + " nor with issuers the API accepts")
                    .hint("To compare it, give the issuer's metadata (--metadata URL|FILE, or go online) "
                            + "or the issuers the API accepts (--issuer).").build();
        }
        String template = expected.get();
        String filled = template.replace("{tenantid}", tid == null ? "{tenantid}" : tid)
                .replace("{tenantId}", tid == null ? "{tenantId}" : tid);
        s.evidence("metadata issuer", template);
        if (!filled.equals(template)) s.evidence("template filled with tid", filled);
        if (!filled.equals(iss)) {
            IssuerInfo meta = IssuerInfo.classify(filled, null, null);
            boolean versionMismatch = (meta.kind() == IssuerKind.ENTRA_V1 && info.kind() == IssuerKind.ENTRA_V2)
                    || (meta.kind() == IssuerKind.ENTRA_V2 && info.kind() == IssuerKind.ENTRA_V1);
            if (versionMismatch) {
                ctx.diagnose(versionMismatch(info.kind() == IssuerKind.ENTRA_V1, info.metadataUrl()));
                return s.status(Status.FAIL)
                        .detail("A " + (info.kind() == IssuerKind.ENTRA_V1 ? "v1.0" : "v2.0") + " token checked against "
                        + (meta.kind() == IssuerKind.ENTRA_V1 ? "v1.0" : "v2.0") + " metadata: iss " + iss + " can never equal " + filled)
                        .idx("IDX10205").hint("Use the metadata for the token's version: " + info.metadataUrl()).build();
            }
            ctx.diagnose(issuerMismatch("iss " + iss + " is not the metadata's issuer " + filled));
            return s.status(Status.FAIL).detail("iss " + iss + " does not equal the metadata's issuer " + filled).idx("IDX10205")
                    .hint("Validate against the metadata of the tenant and version that issued the token, "
                            + "or add this issuer to the valid issuers.").build();
        }
        Optional<String> keyIssuer = ctx.trust().keyIssuer(ctx.verifiedKey());
        if (keyIssuer.isPresent() && info.kind() != IssuerKind.ENTRA_V1) {
            String k = keyIssuer.get().replace("{tenantid}", tid == null ? "" : tid);
            s.evidence("signing key issuer", keyIssuer.get());
            if (!k.equals(iss)) {
                ctx.diagnose(issuerMismatch("the signing key belongs to issuer " + k + ", not " + iss));
                return s.status(Status.FAIL).detail("The signing key's own issuer (" + k + ") is not the token's issuer: "
                        + "a key of another issuer (e.g. the consumer tenant) signed it").idx("IDX40001").build();
            }
        }
        return passed(ctx, s, trusted, iss, "iss equals the metadata's issuer"
                + (filled.equals(template) ? "" : " (multi-tenant template filled with tid " + tid + ")")
                + (keyIssuer.isPresent() && info.kind() != IssuerKind.ENTRA_V1 ? " and the signing key's issuer" : ""));
    }

    /** The step of an issuer whose checks passed: a pass when the API trusts it, else a warning that leaves the verdict open. */
    private static Step passed(CheckContext ctx, Step.Builder s, boolean trusted, String iss, String detail) {
        if (trusted) return s.status(Status.PASS).detail(detail).build();
        ctx.diagnose(untrustedIssuer(iss));
        return s.status(Status.WARN).detail("Not a Microsoft authority, and not an issuer you said the API trusts: " + detail)
                .hint("If the API trusts this issuer, say so: --issuer " + iss + " (or the profile's \"Trusted issuers\").").build();
    }

    static Diagnosis untrustedIssuer(String iss) {
        return new Diagnosis(DiagnosisId.UNTRUSTED_ISSUER, "Issuer " + iss + " is not one your API trusts",
                "The token is signed by the key that " + iss + " itself publishes; that proves nothing unless your API trusts that "
                        + "issuer. Anybody can run an OpenID provider and sign tokens with its own keys. Tokenscope trusts Microsoft's "
                        + "authorities (Entra, B2C, External ID, national clouds) and the issuers you name.",
                "If your API really accepts tokens from " + iss + ", name it as a trusted issuer (--issuer " + iss + ", the profile's "
                        + "\"Trusted issuers\", or import the API's configuration); otherwise reject the token.");
    }

    static Diagnosis lookalikeIssuer(String iss, Authorities.Lookalike l) {
        return new Diagnosis(DiagnosisId.LOOKALIKE_ISSUER, "Look-alike issuer: " + iss + " imitates " + l.imitated(),
                "The issuer pretends to be a Microsoft authority: " + l.how() + ". A token from it can carry a valid signature from "
                        + "keys its author publishes; only the real " + l.imitated() + " issues Entra tokens. Nothing was fetched from it.",
                "Reject the token and find out where it came from; the genuine issuer is https://" + l.imitated().replace("{tenant}", "<tenant>") + "/….");
    }

    static Diagnosis issuerMismatch(String what) {
        return new Diagnosis(DiagnosisId.ISSUER_MISMATCH, "Issuer mismatch: " + what,
                "A validator accepts a token only from the issuer in the metadata it trusts (for multi-tenant apps: the template "
                        + "https://login.microsoftonline.com/{tenantid}/v2.0 with the token's tid). A server logs IDX10205.",
                "Point the validator at the metadata of the issuing tenant and version, or list the issuer as valid.");
    }

    static Diagnosis versionMismatch(boolean tokenV1, String rightMetadata) {
        return new Diagnosis(DiagnosisId.VERSION_MISMATCH, "Token version and metadata version differ",
                "This is a " + (tokenV1 ? "v1.0" : "v2.0") + " token, and its issuer has the "
                        + (tokenV1 ? "v1.0 form https://sts.windows.net/{tid}/" : "v2.0 form https://login.microsoftonline.com/{tid}/v2.0")
                        + ", but it was checked against the other version's metadata. "
                        + "The API's app registration decides which version it receives (accessTokenAcceptedVersion), "
                        + "whatever endpoint the client used.",
                tokenV1 ? "Either set \"accessTokenAcceptedVersion\": 2 in the API's manifest (then tokens have the v2.0 issuer), "
                        + "or validate with the v1.0 metadata: " + rightMetadata
                        : "Validate with the v2.0 metadata: " + rightMetadata
                                + ", or set accessTokenAcceptedVersion to null/1 if the API expects v1.0 tokens.");
    }
}
