package dev.tokenscope.engine.saml;

import dev.tokenscope.engine.report.DiagnosisId;

import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.util.ArrayList;
import java.util.List;

/** The {@code signature}, {@code algorithm} and {@code key-match} steps of a SAML response. */
final class TrustSteps {
    static final String WRAPPING = "saml-signature-wrapping";
    static final String NOT_IN_METADATA = "saml-certificate-not-in-metadata";

    private TrustSteps() {
    }

    /** Adds the steps; returns true when the assertion every step reads is covered by a signature that verified. */
    static boolean run(Structure s, List<SignatureCheck.Result> sigs, SamlProfile p, Findings f) {
        metadata(p, f);
        if (s.wrapped() || sigs.stream().anyMatch(r -> r.problem() != null)) {
            List<String> why = new ArrayList<>(s.wrapping());
            sigs.stream().filter(r -> r.problem() != null).forEach(r -> why.add(r.problem()));
            f.add(Step.of("signature", "Signature").status(Status.FAIL).detail("signature wrapping suspected: " + String.join("; ", why))
                            .evidence("problems", why.size())
                            .hint("Reject the message: its shape lets a signature vouch for one element while another is read.").build(),
                    new Diagnosis(WRAPPING, "Signature wrapping (XSW): the signed element is not the one that would be read",
                            "A SAML response carries one assertion, signed where it sits. This document " + String.join("; ", why)
                                    + ". That is the shape of an XML signature wrapping attack: a verifier that checks one element and "
                                    + "reads another accepts forged content.",
                            "Reject it. If it came from Entra, capture the raw SAMLResponse again (a proxy or browser extension may "
                                    + "have rewritten it)."));
            skipKeyMatch(f, "the message's shape was refused before any key was tried");
            return false;
        }
        if (s.encrypted() != null) {
            f.add(Step.of("signature", "Signature").status(Status.SKIP).detail("the assertion is encrypted (EncryptedAssertion)").build(),
                    new Diagnosis(DiagnosisId.ENCRYPTED_TOKEN, "Encrypted assertion: only the app's private key can open it",
                            "Token encryption is on for this enterprise app: the assertion is encrypted with the app's certificate, like a "
                                    + "JWE. Its signature and claims are inside.",
                            "Inspect the decrypted assertion (the app's SAML library logs it), or turn token encryption off "
                                    + "while troubleshooting."));
            skipKeyMatch(f, "the assertion is encrypted");
            return false;
        }
        if (sigs.isEmpty() && s.assertion() == null) {
            f.add(Step.of("signature", "Signature").status(Status.SKIP)
                    .detail("an unsigned Response without an assertion: nothing to verify").build());
            skipKeyMatch(f, "nothing is signed");
            return false;
        }
        if (sigs.isEmpty()) {
            f.add(Step.of("signature", "Signature").status(Status.FAIL).detail("neither the Response nor the assertion is signed").build(),
                    new Diagnosis("saml-unsigned", "Unsigned assertion: anybody could have written it",
                            "Entra always signs the assertion, the response, or both (the app's 'Signing option'). An unsigned "
                                    + "assertion proves nothing.",
                            "Reject it. Capture the message the browser posts to the app itself, unmodified."));
            skipKeyMatch(f, "nothing is signed");
            return false;
        }
        SignatureCheck.Result failed = sigs.stream().filter(r -> !r.valid()).findFirst().orElse(null);
        SignatureCheck.Result any = sigs.get(0);
        String which = String.join(" and ", sigs.stream().map(SignatureCheck.Result::element).toList());
        Step.Builder sig = Step.of("signature", "Signature").evidence("signed", which).evidence("algorithm", any.signatureAlg())
                .evidence("digest", any.digestAlg()).evidence("canonicalization", any.c14n());
        if (p.certificates().isEmpty()) {
            f.add(sig.status(Status.SKIP)
                    .detail("no trusted certificate given (federation metadata or a file): the certificate inside the message is "
                            + "never trusted on its own").build());
            keyMatch(sigs, p, f);
            return false;
        }
        if (failed != null) {
            if (failed.error() != null) {
                f.add(sig.status(Status.FAIL).detail(failed.element() + ": " + failed.error()).build(),
                        new Diagnosis(DiagnosisId.SIGNATURE_INVALID, "Invalid signature: " + failed.error(),
                                "The JDK's XML-DSig in secure validation mode refused the " + failed.element() + " signature.", null));
            } else if (!failed.digestOk()) {
                f.add(sig.status(Status.FAIL)
                        .detail(failed.element() + ": the digest does not match: the signed content was changed after signing").build(),
                        new Diagnosis(DiagnosisId.SIGNATURE_INVALID,
                                "Invalid signature: the " + failed.element() + " was changed after it was signed",
                                "The digest of the signed " + failed.element()
                                        + " no longer matches the one in SignedInfo: an attribute, a time or the subject was edited.",
                                "Reject it. Capture the message again, unmodified (pretty-printing or re-encoding the XML also "
                                        + "breaks the digest)."));
            } else {
                f.add(sig.status(Status.FAIL)
                        .detail(failed.element() + ": the signature does not verify with any of the " + p.certificates().size()
                                + " trusted certificates" + (failed.embeddedVerifies()
                                        ? " (it does with the certificate inside the message, which is not trusted)" : "")).build());
                if (!failed.embeddedVerifies()) {
                    f.add(new Diagnosis(DiagnosisId.SIGNATURE_INVALID, "Invalid signature: no trusted certificate verifies it",
                            "The signature value does not match any trusted certificate's key.",
                            "Check that the metadata is the tenant's (and the app's, with ?appid=)."));
                }
            }
            keyMatch(sigs, p, f);
            return false;
        }
        f.add(sig.status(Status.PASS).detail(which + " signed with " + short_(any.signatureAlg()) + ", exclusive C14N; verified with "
                + any.matched().source() + " certificate " + any.matched().sha1()).build());
        if (sigs.stream().anyMatch(SignatureCheck.Result::sha1)) {
            f.add(Step.of("algorithm", "Algorithm").status(Status.WARN)
                    .detail("SHA-1 (" + short_(any.signatureAlg()) + " / " + short_(any.digestAlg()) + ")")
                            .hint("Set the enterprise app's signing algorithm to SHA-256 (Single sign-on → SAML Certificates).").build(),
                    Diagnosis.warn("saml-sha1", "Signed with SHA-1",
                            "SHA-1 is deprecated for signatures (the JDK's secure validation refuses it; many SAML libraries do too); "
                                    + "Entra signs with SHA-256 unless the app asks otherwise.",
                            "Choose SHA-256 as the app's signing algorithm and update the app (SP) to accept it."));
        } else {
            f.add(Step.of("algorithm", "Algorithm").status(Status.PASS).detail(short_(any.signatureAlg())).build());
        }
        keyMatch(sigs, p, f);
        return true;
    }

    /** The {@code metadata} step: where the trusted certificates came from, or why there are none. */
    private static void metadata(SamlProfile p, Findings f) {
        if (p.trustSource() == null && p.trustProblem() == null) return;
        Step.Builder b = Step.of("metadata", "Federation metadata").evidence("source", p.trustSource())
                .evidence("entityId", p.metadataIssuer()).evidence("certificates", p.certificates().size());
        if (p.trustProblem() != null) {
            f.add(b.status(Status.FAIL).detail(p.trustProblem())
                    .hint("Give the tenant's (or the app's) federation metadata XML as a file or URL.").build(),
                    new Diagnosis(DiagnosisId.METADATA_UNREACHABLE, "No signing certificates: " + p.trustProblem(),
                            "A SAML signature is only verified with certificates from the tenant's federation metadata or a file you "
                                    + "chose, never with the one inside the message.",
                            "Download the federation metadata (Entra admin centre → Enterprise applications → the app → Single sign-on → "
                                    + "App Federation Metadata Url) and give it as the metadata file."));
            return;
        }
        f.add(b.status(Status.PASS)
                .detail(p.certificates().size() + (p.certificates().size() == 1 ? " signing certificate" : " signing certificates")
                + " from " + p.trustSource() + (p.metadataIssuer() == null ? "" : " (" + p.metadataIssuer() + ")")).build());
    }

    private static void keyMatch(List<SignatureCheck.Result> sigs, SamlProfile p, Findings f) {
        SignatureCheck.Result r = sigs.get(0);
        Step.Builder b = Step.of("key-match", "Signing certificate");
        String embedded = r.embedded() == null ? null : TrustedCertificate.thumbprint(r.embedded(), "SHA-1");
        b.evidence("certificate", embedded).evidence("trusted", p.certificates().stream().map(TrustedCertificate::sha1).toList());
        if (r.valid()) {
            f.add(b.status(Status.PASS).detail(embedded == null ? "no certificate in KeyInfo; verified with " + r.matched().sha1()
                    : "certificate " + embedded + " is the " + r.matched().source() + " certificate " + r.matched().sha1()).build());
        } else if (p.certificates().isEmpty()) {
            f.add(b.status(Status.SKIP)
                    .detail("no trusted certificates to compare with"
                            + (embedded == null ? "" : "; the message names certificate " + embedded)).build());
        } else if (embedded != null && !r.embeddedTrusted() && r.digestOk()) {
            f.add(b.status(Status.FAIL)
                    .detail("certificate " + embedded + " is not among the " + p.certificates().size() + " trusted certificates").build(),
                    new Diagnosis(NOT_IN_METADATA, "Signed by certificate " + embedded + ", which is not in the metadata",
                            "Entra signed with a certificate the app does not know: the app's own signing certificate was rolled over or a "
                                    + "new one made active, or the app has its own certificate (federation metadata with ?appid=) while "
                                    + "the SP was given the tenant's."
                                    + (r.embeddedVerifies() ? " The signature itself is intact with that certificate." : ""),
                            "Download the app's current certificate (Entra admin centre → Enterprise applications → the app → Single "
                                    + "sign-on → SAML Certificates, or the App Federation Metadata Url) and update the SP's "
                                    + "metadata/certificate."));
        } else {
            f.add(b.status(r.embeddedTrusted() ? Status.PASS : Status.INFO).detail(embedded == null ? "no certificate in KeyInfo"
                    : r.embeddedTrusted() ? "certificate " + embedded + " is a trusted certificate" : "certificate " + embedded).build());
        }
    }

    private static void skipKeyMatch(Findings f, String why) {
        f.add(Step.of("key-match", "Signing certificate").status(Status.SKIP).detail(why).build());
    }

    static String short_(String uri) {
        int h = uri.lastIndexOf('#');
        return h >= 0 ? uri.substring(h + 1) : uri;
    }
}
