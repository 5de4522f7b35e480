package dev.tokenscope.engine.saml;

import dev.tokenscope.engine.report.DiagnosisId;

import dev.tokenscope.engine.claims.HumanTime;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code status}, {@code issuer}, {@code audience}, {@code lifetime}, {@code recipient} and {@code in-response-to} steps. */
final class ConditionSteps {
    private static final Pattern ENTRA_ISSUER = Pattern.compile("https://sts\\.windows\\.net/[0-9a-fA-F-]{36}/");

    private ConditionSteps() {
    }

    static void status(SamlMessage m, Findings f) {
        if (m.statusCode() == null) return;
        Step.Builder b = Step.of("status", "Status").evidence("code", m.statusCode()).evidence("subCode", m.subStatusCode())
                .evidence("message", m.statusMessage());
        if (m.statusCode().endsWith(":Success")) {
            f.add(b.status(Status.PASS).detail("Success").build());
            return;
        }
        String top = StatusCodes.explain(m.statusCode());
        String sub = m.subStatusCode() == null ? "" : "; " + StatusCodes.explain(m.subStatusCode());
        f.add(b.status(Status.FAIL).detail(top + sub).build(),
                new Diagnosis("saml-status", "Entra answered with an error: " + TrustSteps.short_(m.statusCode().replace(':', '#'))
                        + (m.subStatusCode() == null ? "" : " / " + TrustSteps.short_(m.subStatusCode().replace(':', '#'))),
                        top + sub + (m.statusMessage() == null ? "" : ". Entra said: " + Structure.clip(m.statusMessage())),
                        "Read the AADSTS code in the status message; Requester means the app's request was refused (reply URL, Entity ID, "
                                + "assignment), Responder an Entra-side failure."));
    }

    static void issuer(SamlMessage m, SamlProfile p, Findings f) {
        String expected = p.expectedIssuer();
        Step.Builder b = Step.of("issuer", "Issuer").evidence("issuer", m.issuer()).evidence("expected", expected);
        if (m.issuer() == null) {
            f.add(b.status(Status.FAIL).detail("the assertion has no Issuer").build(),
                    new Diagnosis(DiagnosisId.ISSUER_MISMATCH, "Issuer mismatch: the assertion has no Issuer", null, null));
        } else if (m.responseIssuer() != null && !m.responseIssuer().equals(m.issuer())) {
            f.add(b.status(Status.FAIL).detail("the Response's issuer " + m.responseIssuer() + " differs from the assertion's").build(),
                    new Diagnosis(DiagnosisId.ISSUER_MISMATCH, "Issuer mismatch: Response and assertion name different issuers",
                            null, null));
        } else if (expected != null && !expected.equals(m.issuer())) {
            f.add(b.status(Status.FAIL).detail(Structure.clip(m.issuer()) + ", expected " + expected).build(),
                    new Diagnosis(DiagnosisId.ISSUER_MISMATCH, "Issuer mismatch: " + Structure.clip(m.issuer()) + " is not " + expected,
                            "The assertion comes from another tenant or identity provider than the one the app trusts.",
                            "Use the federation metadata of the tenant the app is registered in."));
        } else if (expected != null) {
            f.add(b.status(Status.PASS).detail(m.issuer()).build());
        } else {
            f.add(b.status(ENTRA_ISSUER.matcher(m.issuer()).matches() ? Status.INFO : Status.WARN).detail(Structure.clip(m.issuer())
                    + (ENTRA_ISSUER.matcher(m.issuer()).matches() ? " (an Entra tenant; no issuer expected)" : ": not Entra's form https://sts.windows.net/{tenant}/")).build());
        }
    }

    static void audience(SamlMessage m, SamlProfile p, Findings f) {
        Step.Builder b = Step.of("audience", "Audience").evidence("audiences", m.audiences()).evidence("expected", p.audience());
        if (m.audiences().isEmpty()) {
            f.add(b.status(Status.FAIL).detail("no AudienceRestriction: the assertion is not bound to an app").build(),
                    new Diagnosis(DiagnosisId.WRONG_AUDIENCE, "The assertion names no audience",
                            "Entra always restricts an assertion to the app's Identifier (Entity ID).", null));
        } else if (p.audience() == null) {
            f.add(b.status(Status.INFO).detail(String.join(", ", m.audiences()) + " (no expected Entity ID given)").build());
        } else if (m.audiences().contains(p.audience())) {
            f.add(b.status(Status.PASS).detail(p.audience()).build());
        } else {
            f.add(b.status(Status.FAIL).detail(String.join(", ", m.audiences()) + ", expected " + p.audience()).build(),
                    new Diagnosis(DiagnosisId.WRONG_AUDIENCE,
                            "Assertion issued for " + Structure.clip(String.join(", ", m.audiences())) + ", not for " + p.audience(),
                            "The AudienceRestriction names the Identifier (Entity ID) configured in the enterprise app; the SP expects "
                                    + "another one (AADSTS700016's counterpart on the app's side).",
                            "Make the enterprise app's Identifier (Entity ID) and the SP's entity ID the same string, "
                                    + "trailing slash included."));
        }
    }

    static void lifetime(SamlMessage m, SamlProfile p, Instant now, Findings f) {
        Step.Builder b = Step.of("lifetime", "Lifetime").evidence("notBefore", m.notBefore()).evidence("notOnOrAfter", m.notOnOrAfter())
                .evidence("subjectNotOnOrAfter", m.scdNotOnOrAfter()).evidence("skew", p.skew().toSeconds() + " s");
        List<String> broken = new ArrayList<>();
        Instant nb = time(m.notBefore(), "NotBefore", broken);
        Instant na = time(m.notOnOrAfter(), "NotOnOrAfter", broken);
        Instant sna = time(m.scdNotOnOrAfter(), "SubjectConfirmationData NotOnOrAfter", broken);
        if (!broken.isEmpty()) {
            f.add(b.status(Status.FAIL).detail(String.join("; ", broken)).build(),
                    new Diagnosis(DiagnosisId.MALFORMED_TOKEN, "Unreadable time: " + broken.get(0), null, null));
            return;
        }
        Instant end = na == null ? sna : sna == null ? na : (na.isBefore(sna) ? na : sna);
        if (end != null && !now.isBefore(end.plus(p.skew()))) {
            String which = end.equals(sna) && (na == null || sna.isBefore(na)) ? "its subject confirmation" : "the assertion";
            f.add(b.status(Status.FAIL)
                    .detail(which + " expired " + HumanTime.relative(end, now) + " (" + HumanTime.utc(end) + ")").build(),
                    new Diagnosis(DiagnosisId.EXPIRED, "Expired " + HumanTime.relative(end, now),
                            "A SAML response is meant to be posted to the app at once: Entra gives the subject confirmation a few minutes "
                                    + "and the assertion about an hour. A response replayed later, or a clock that is off, fails here.",
                            "Sign in again for a fresh response; check the SP's clock."));
        } else if (nb != null && now.plus(p.skew()).isBefore(nb)) {
            f.add(b.status(Status.FAIL).detail("not valid before " + HumanTime.utc(nb)).build(),
                    new Diagnosis(DiagnosisId.NOT_YET_VALID, "Not yet valid: NotBefore is " + HumanTime.relative(nb, now),
                            "The SP's clock is behind Entra's by more than the skew.", "Synchronise the SP's clock (NTP)."));
        } else if (end == null) {
            f.add(b.status(Status.WARN).detail("no NotOnOrAfter: the assertion never expires").build());
        } else {
            f.add(b.status(Status.PASS).detail("valid until " + HumanTime.utc(end) + " (" + HumanTime.relative(end, now) + ")").build());
        }
    }

    static void recipient(SamlMessage m, SamlProfile p, Findings f) {
        Step.Builder b = Step.of("recipient", "Recipient").evidence("recipient", m.recipient()).evidence("destination", m.destination())
                .evidence("expected", p.replyUrl());
        if (p.replyUrl() == null) {
            f.add(b.status(Status.INFO)
                    .detail("sent to " + (m.recipient() != null ? m.recipient() : m.destination()) + " (no reply URL given)").build());
            return;
        }
        List<String> wrong = new ArrayList<>();
        if (m.recipient() != null && !m.recipient().equals(p.replyUrl())) wrong.add("Recipient " + Structure.clip(m.recipient()));
        if (m.destination() != null && !m.destination().equals(p.replyUrl())) wrong.add("Destination " + Structure.clip(m.destination()));
        if (m.recipient() == null && m.destination() == null) wrong.add("neither Recipient nor Destination");
        if (wrong.isEmpty()) {
            f.add(b.status(Status.PASS).detail(p.replyUrl()).build());
        } else {
            f.add(b.status(Status.FAIL).detail(String.join(", ", wrong) + "; the app's reply URL is " + p.replyUrl()).build(),
                    new Diagnosis("saml-wrong-recipient", "Sent to " + String.join(", ", wrong) + ", not to the app's reply URL",
                            "Entra posts the response to the Assertion Consumer Service URL the request asked for (or the app's default "
                                    + "reply URL); the SP refuses one addressed elsewhere. This is the app-side "
                                    + "counterpart of AADSTS50011.",
                            "Make the SP's ACS URL and the enterprise app's Reply URL (Assertion Consumer Service URL) identical."));
        }
    }

    static void inResponseTo(SamlMessage m, String requestId, Findings f) {
        String got = m.inResponseTo() != null ? m.inResponseTo() : m.scdInResponseTo();
        Step.Builder b = Step.of("in-response-to", "InResponseTo").evidence("inResponseTo", got).evidence("expected", requestId);
        if (requestId == null) {
            f.add(b.status(Status.INFO)
                    .detail(got == null ? "no InResponseTo: an IdP-initiated sign-in" : got + " (no AuthnRequest given)").build());
        } else if (requestId.equals(got) && (m.scdInResponseTo() == null || requestId.equals(m.scdInResponseTo()))) {
            f.add(b.status(Status.PASS).detail(got).build());
        } else {
            f.add(b.status(Status.FAIL)
                    .detail((got == null ? "none (IdP-initiated)" : Structure.clip(got)) + ", the request's ID is " + requestId).build(),
                    new Diagnosis("saml-in-response-to-mismatch", "The response answers another request",
                            "InResponseTo must be the ID of the AuthnRequest the SP sent; an SP that tracks requests refuses any other (or "
                                    + "an unsolicited, IdP-initiated response).",
                            "Start the sign-in from the app (SP-initiated) in one browser tab, or allow IdP-initiated sign-in on the SP."));
        }
    }

    private static Instant time(String s, String name, List<String> broken) {
        if (s == null) return null;
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            broken.add(name + " \"" + Structure.clip(s) + "\" is not an xs:dateTime in UTC");
            return null;
        }
    }
}
