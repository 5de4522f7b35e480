package dev.tokenscope.engine.saml;

import dev.tokenscope.engine.report.Verdicts;
import dev.tokenscope.engine.report.DiagnosisId;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.about.Version;
import dev.tokenscope.engine.claims.HumanTime;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.KeyView;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.token.Problem;
import dev.tokenscope.engine.token.TokenKind;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds the {@link Report}s of the SAML engine: the verdict by {@link Inspector#verdict}, diagnoses ordered like a JWT's. */
final class SamlReports {
    static final List<String> PRIORITY = List.of(DiagnosisId.MALFORMED_TOKEN.id(), "saml-signature-wrapping", "saml-status",
            DiagnosisId.ENCRYPTED_TOKEN.id(), "saml-unsigned", "saml-certificate-not-in-metadata", DiagnosisId.SIGNATURE_INVALID.id(),
            DiagnosisId.ISSUER_MISMATCH.id(), DiagnosisId.WRONG_AUDIENCE.id(), "saml-wrong-recipient", "saml-in-response-to-mismatch",
            DiagnosisId.EXPIRED.id(), DiagnosisId.NOT_YET_VALID.id(), "saml-sha1", "saml-authn-request-unreadable");
    private static final Comparator<Diagnosis> ORDER = Comparator.comparingInt(Diagnosis::rank).thenComparingInt(d -> {
        int i = PRIORITY.indexOf(d.id());
        return i < 0 ? PRIORITY.size() : i;
    });

    private SamlReports() {
    }

    static Report nothing(Instant now, SamlInput.Decoded in, String why) {
        String w = why.startsWith("Nothing to inspect: ") ? why.substring(20) : why;
        return new Report("Tokenscope", Version.get(), HumanTime.utc(now), Verdict.UNDETERMINED, "Nothing to inspect: " + w,
                input(in, w), null, null, List.of(), List.of());
    }

    /** Decoded but not a readable SAML document (not XML, a DOCTYPE, another root element). */
    static Report unreadable(Instant now, SamlInput.Decoded in, String why) {
        Step format = Step.of("format", "Format").status(Status.FAIL).detail(why).build();
        Diagnosis d = new Diagnosis(DiagnosisId.MALFORMED_TOKEN, "Not a readable SAML message: " + why,
                "Tokenscope parses SAML with DTDs refused, no external entities and bounded size and depth.", null);
        Report.TokenView view = new Report.TokenView(TokenKind.SAML, null, null, null, null, List.of(), List.of(), -1,
                List.of(new Problem("token", why, -1)));
        List<Step> steps = List.of(format);
        return new Report("Tokenscope", Version.get(), HumanTime.utc(now), Verdicts.verdict(steps, List.of(d)),
                "Not valid: " + d.summary(), input(in, null), view, null, steps, List.of(d));
    }

    static Report authnRequest(Instant now, SamlInput.Decoded in, AuthnRequestInfo r) {
        List<Step> steps = List.of(Step.of("format", "Format").status(Status.PASS).detail("SAML 2.0 AuthnRequest").build());
        Report.TokenView view = new Report.TokenView(TokenKind.SAML, "SAML 2.0 AuthnRequest", kind(r.issuer()), r.json(),
                Json.MAPPER.createObjectNode(), List.of(), List.of(), -1, List.of());
        String summary = "AuthnRequest " + Structure.clip(String.valueOf(r.id())) + " from " + Structure.clip(String.valueOf(r.issuer()))
                + (r.acsUrl() == null ? "" : ", answer to " + Structure.clip(r.acsUrl()));
        return new Report("Tokenscope", Version.get(), HumanTime.utc(now), Verdict.UNDETERMINED, summary, input(in, null), view, null,
                steps, List.of());
    }

    static Report report(Instant now, SamlInput.Decoded in, Structure s, SamlMessage m, List<SignatureCheck.Result> sigs,
                         ObjectNode header, ObjectNode claims, Findings f) {
        List<Diagnosis> diagnoses = new ArrayList<>(f.diagnoses);
        diagnoses.sort(ORDER);
        Verdict v = Verdicts.verdict(f.steps, diagnoses);
        String type = s.response() != null ? "SAML 2.0 response" : "SAML 2.0 assertion";
        int sigBytes = sigs.isEmpty() ? -1 : signatureBytes(s);
        Report.TokenView view = new Report.TokenView(TokenKind.SAML, type, kind(m.issuer()), header, claims, List.of(),
                SamlAttributes.annotate(claims), sigBytes, List.of());
        return new Report("Tokenscope", Version.get(), HumanTime.utc(now), v, summary(v, f.steps, diagnoses, m), input(in, null), view,
                key(sigs), f.steps, diagnoses);
    }

    private static String summary(Verdict v, List<Step> steps, List<Diagnosis> diagnoses, SamlMessage m) {
        return switch (v) {
            case INVALID -> "Not valid: " + diagnoses.stream().filter(Diagnosis::error).findFirst().map(Diagnosis::summary)
                    .orElseGet(() -> steps.stream().filter(x -> x.status() == Status.FAIL).findFirst()
                            .map(x -> x.title() + ": " + x.detail()).orElse("a check failed"));
            case UNDETERMINED -> "Could not finish: "
                    + steps.stream().filter(x -> x.id().equals("metadata") && x.status() == Status.FAIL).findFirst()
                    .map(x -> "no signing certificates: " + x.detail())
                    .orElseGet(() -> steps.stream().filter(x -> x.id().equals("signature")).findFirst()
                    .map(x -> "signature not verified: " + x.detail()).orElse("the signature was not verified"));
            case VALID -> Verdicts.validSummary(steps.stream().anyMatch(x -> x.status() == Status.WARN)
                    || diagnoses.stream().anyMatch(d -> Diagnosis.WARN.equals(d.severity())), String.join(", ", m.audiences()));
        };
    }

    private static String kind(String issuer) {
        if (issuer == null) return "none";
        return issuer.matches("https://sts\\.windows\\.net/[0-9a-fA-F-]{36}/") ? "entra-saml" : "other";
    }

    private static int signatureBytes(Structure s) {
        for (org.w3c.dom.Element sig : Dom.all(s.root(), Dom.DS, "SignatureValue")) {
            byte[] b = SamlInput.base64(sig.getTextContent());
            if (b != null) return b.length;
        }
        return -1;
    }

    private static KeyView key(List<SignatureCheck.Result> sigs) {
        for (SignatureCheck.Result r : sigs) {
            X509Certificate c = r.matched() != null ? r.matched().certificate() : r.embedded();
            if (c == null) continue;
            String sha1 = TrustedCertificate.thumbprint(c, "SHA-1");
            KeyView.CertificateView cv = new KeyView.CertificateView(c.getSubjectX500Principal().getName(),
                    c.getIssuerX500Principal().getName(), HumanTime.utc(c.getNotBefore().toInstant()),
                    HumanTime.utc(c.getNotAfter().toInstant()), sha1, TrustedCertificate.thumbprint(c, "SHA-256"));
            Integer bits = c.getPublicKey() instanceof RSAPublicKey k ? k.getModulus().bitLength() : null;
            return new KeyView(null, c.getPublicKey().getAlgorithm(), TrustSteps.short_(r.signatureAlg()), "sig", bits, sha1, null,
                    r.matched() != null ? "certificate (" + r.matched().source() + ")" : "none: the message's own certificate, not trusted",
                    cv, r.matched() != null ? r.matched().source() : "KeyInfo of the message", null, null, null);
        }
        return null;
    }

    private static Report.InputView input(SamlInput.Decoded in, String note) {
        if (in == null) return new Report.InputView("none", "no SAML message recognised", note == null ? List.of() : List.of(note),
                -1, List.of());
        return new Report.InputView(in.form(), in.description(), in.notes(), 0,
                List.of(new Report.CandidateView(in.parameter() == null ? "saml" : in.parameter(), in.description(), in.xml().length)));
    }
}
