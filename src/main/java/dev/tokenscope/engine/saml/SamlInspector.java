package dev.tokenscope.engine.saml;

import dev.tokenscope.engine.report.DiagnosisId;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.input.SamlShape;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SAML engine's front door: a SAML message in any input form → the same {@link Report} a JWT gets
 * ({@code token.kind = "saml"}). Never throws for bad input: everything wrong with it is a report.
 */
public final class SamlInspector {
    private SamlInspector() {
    }

    /** True when the text looks like a SAML message in one of the forms {@link #inspect} reads (a cheap test, for auto-detection). */
    public static boolean looksLikeSaml(String input) {
        return SamlShape.looksLikeSaml(input);
    }

    /**
     * The issuer a message names (the assertion's, else the Response's), read without trusting anything: only to find
     * where its signing certificates are published. Empty when the message can't be read or names none.
     */
    public static Optional<String> claimedIssuer(String input) {
        try {
            Document d = SafeXml.parse(SamlInput.decode(input).xml(), "The SAML message");
            Element root = d.getDocumentElement();
            Element holder = Dom.is(root, Dom.SAML, "Assertion") ? root : Dom.child(root, Dom.SAML, "Assertion");
            Element issuer = holder == null ? null : Dom.child(holder, Dom.SAML, "Issuer");
            if (issuer == null) issuer = Dom.child(root, Dom.SAML, "Issuer");
            return issuer == null ? Optional.empty() : Optional.of(issuer.getTextContent().strip());
        } catch (SamlException | RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    public static Report inspect(String input, SamlProfile profile, Instant now) {
        try {
            return run(input, profile == null ? SamlProfile.none() : profile, now);
        } catch (RuntimeException | StackOverflowError e) {
            return SamlReports.nothing(now, null, "the message could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Report run(String input, SamlProfile p, Instant now) {
        SamlInput.Decoded in;
        try {
            in = SamlInput.decode(input);
        } catch (SamlException e) {
            return SamlReports.nothing(now, null, e.getMessage());
        }
        Document d;
        try {
            d = SafeXml.parse(in.xml(), "The SAML message");
        } catch (SamlException e) {
            return SamlReports.unreadable(now, in, e.getMessage());
        }
        Element root = d.getDocumentElement();
        if (Dom.is(root, Dom.SAMLP, "AuthnRequest")) return SamlReports.authnRequest(now, in, AuthnRequestInfo.of(root));
        if (!Dom.is(root, Dom.SAMLP, "Response") && !Dom.is(root, Dom.SAML, "Assertion")) {
            return SamlReports.unreadable(now, in, "The root element is " + Structure.clip(root.getLocalName())
                    + " {" + Structure.clip(String.valueOf(root.getNamespaceURI()))
                    + "}, not a SAML 2.0 Response, Assertion or AuthnRequest");
        }
        Structure s = Structure.of(d);
        List<SignatureCheck.Result> sigs = new ArrayList<>();
        if (!s.wrapped()) {
            Element rs = Dom.child(s.response(), Dom.DS, "Signature");
            if (rs != null) sigs.add(SignatureCheck.verify(s.response(), rs, p.certificates()));
            Element as = Dom.child(s.assertion(), Dom.DS, "Signature");
            if (as != null) sigs.add(SignatureCheck.verify(s.assertion(), as, p.certificates()));
        }
        SamlMessage m = SamlMessage.read(s);
        Findings f = new Findings();
        format(s, m, f);
        ConditionSteps.status(m, f);
        boolean verified = TrustSteps.run(s, sigs, p, f);
        if (s.assertion() != null) {
            ConditionSteps.issuer(m, p, f);
            ConditionSteps.audience(m, p, f);
            ConditionSteps.lifetime(m, p, now, f);
            ConditionSteps.recipient(m, p, f);
            ConditionSteps.inResponseTo(m, requestId(p, f), f);
        }
        ObjectNode header = m.header(s, sigs);
        ObjectNode claims = s.assertion() == null ? Json.MAPPER.createObjectNode() : m.claims(verified && !s.wrapped());
        return SamlReports.report(now, in, s, m, sigs, header, claims, f);
    }

    private static void format(Structure s, SamlMessage m, Findings f) {
        String what = s.response() != null ? "SAML 2.0 Response" : "SAML 2.0 Assertion";
        Step.Builder b = Step.of("format", "Format").evidence("root", Dom.name(s.root()))
                .evidence("version", Dom.attr(s.root(), "Version"));
        String version = Dom.attr(s.root(), "Version");
        if (version != null && !version.equals("2.0")) {
            f.add(b.status(Status.FAIL).detail("Version " + Structure.clip(version) + ", not 2.0").build(),
                    new Diagnosis(DiagnosisId.MALFORMED_TOKEN, "Not SAML 2.0: Version " + Structure.clip(version), null, null));
        } else if (s.response() != null && s.assertion() == null && s.encrypted() == null && !s.wrapped()
                && m.statusCode() != null && m.statusCode().endsWith(":Success")) {
            f.add(b.status(Status.FAIL).detail("a successful Response without an assertion").build(),
                    new Diagnosis(DiagnosisId.MALFORMED_TOKEN, "A successful Response without an assertion", null, null));
        } else {
            f.add(b.status(Status.PASS)
                    .detail(what + (s.encrypted() != null ? " with an encrypted assertion"
                            : s.assertion() != null ? " with one assertion" : "")).build());
        }
    }

    /** The AuthnRequest ID to compare InResponseTo with: the profile's value, decoded when it is a whole AuthnRequest. */
    private static String requestId(SamlProfile p, Findings f) {
        String r = p.authnRequest();
        if (r == null || r.isBlank()) return null;
        String t = r.strip();
        if (t.length() < 100 && !t.startsWith("<") && !t.contains("SAMLRequest=")) return t;
        try {
            return AuthnRequestInfo.decode(t).id();
        } catch (SamlException e) {
            f.add(Diagnosis.warn("saml-authn-request-unreadable", "The AuthnRequest given could not be read", e.getMessage(), null));
            return null;
        }
    }
}
