package dev.tokenscope.engine.saml;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.json.Json;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the steps read, taken from the Response and from the ONE assertion {@link Structure} chose (never searched for
 * elsewhere in the document).
 */
record SamlMessage(String responseId, String responseIssuer, String destination, String inResponseTo, String statusCode,
                   String subStatusCode, String statusMessage, String assertionId, String issuer, String issueInstant,
                   String nameId, String nameIdFormat, String notBefore, String notOnOrAfter, List<String> audiences,
                   String recipient, String scdNotOnOrAfter, String scdInResponseTo, String authnContext, String authnInstant,
                   String sessionIndex, Map<String, List<String>> attributes) {

    static SamlMessage read(Structure s) {
        Element r = s.response();
        Element a = s.assertion();
        Element status = Dom.child(r, Dom.SAMLP, "Status");
        Element code = Dom.child(status, Dom.SAMLP, "StatusCode");
        Element sub = Dom.child(code, Dom.SAMLP, "StatusCode");
        Element subject = Dom.child(a, Dom.SAML, "Subject");
        Element nameId = Dom.child(subject, Dom.SAML, "NameID");
        Element scd = null;
        for (Element sc : Dom.children(subject, Dom.SAML, "SubjectConfirmation")) {
            if ("urn:oasis:names:tc:SAML:2.0:cm:bearer".equals(Dom.attr(sc, "Method")) || scd == null) {
                scd = Dom.child(sc, Dom.SAML, "SubjectConfirmationData");
            }
        }
        Element cond = Dom.child(a, Dom.SAML, "Conditions");
        List<String> audiences = new ArrayList<>();
        for (Element ar : Dom.children(cond, Dom.SAML, "AudienceRestriction")) {
            for (Element au : Dom.children(ar, Dom.SAML, "Audience")) audiences.add(au.getTextContent().strip());
        }
        Element authn = Dom.child(a, Dom.SAML, "AuthnStatement");
        Element ctx = Dom.child(authn, Dom.SAML, "AuthnContext");
        Map<String, List<String>> attrs = new LinkedHashMap<>();
        for (Element st : Dom.children(a, Dom.SAML, "AttributeStatement")) {
            for (Element at : Dom.children(st, Dom.SAML, "Attribute")) {
                String name = Dom.attr(at, "Name");
                if (name == null) continue;
                List<String> values = attrs.computeIfAbsent(name, k -> new ArrayList<>());
                for (Element v : Dom.children(at, Dom.SAML, "AttributeValue")) values.add(v.getTextContent().strip());
            }
        }
        return new SamlMessage(Dom.attr(r, "ID"), Dom.text(r, Dom.SAML, "Issuer"), Dom.attr(r, "Destination"), Dom.attr(r, "InResponseTo"),
                Dom.attr(code, "Value"), Dom.attr(sub, "Value"), Dom.text(status, Dom.SAMLP, "StatusMessage"),
                Dom.attr(a, "ID"), Dom.text(a, Dom.SAML, "Issuer"), Dom.attr(a, "IssueInstant"),
                nameId == null ? null : nameId.getTextContent().strip(), Dom.attr(nameId, "Format"),
                Dom.attr(cond, "NotBefore"), Dom.attr(cond, "NotOnOrAfter"), List.copyOf(audiences),
                Dom.attr(scd, "Recipient"), Dom.attr(scd, "NotOnOrAfter"), Dom.attr(scd, "InResponseTo"),
                Dom.text(ctx, Dom.SAML, "AuthnContextClassRef"), Dom.attr(authn, "AuthnInstant"), Dom.attr(authn, "SessionIndex"), attrs);
    }

    /** The header view: the envelope, the conditions and the signatures. */
    ObjectNode header(Structure s, List<SignatureCheck.Result> signatures) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("message", s.response() != null ? "Response" : Dom.name(s.root()));
        AuthnRequestInfo.put(o, "id", responseId != null ? responseId : assertionId);
        AuthnRequestInfo.put(o, "issuer", responseIssuer != null ? responseIssuer : issuer);
        AuthnRequestInfo.put(o, "destination", destination);
        AuthnRequestInfo.put(o, "inResponseTo", inResponseTo);
        if (statusCode != null) {
            ObjectNode st = o.putObject("status");
            st.put("code", statusCode);
            AuthnRequestInfo.put(st, "subCode", subStatusCode);
            AuthnRequestInfo.put(st, "message", statusMessage);
        }
        if (s.assertion() != null) {
            ObjectNode as = o.putObject("assertion");
            AuthnRequestInfo.put(as, "id", assertionId);
            AuthnRequestInfo.put(as, "issuer", issuer);
            AuthnRequestInfo.put(as, "issueInstant", issueInstant);
            AuthnRequestInfo.put(as, "notBefore", notBefore);
            AuthnRequestInfo.put(as, "notOnOrAfter", notOnOrAfter);
            ArrayNode au = as.putArray("audiences");
            audiences.forEach(au::add);
            AuthnRequestInfo.put(as, "recipient", recipient);
            AuthnRequestInfo.put(as, "subjectNotOnOrAfter", scdNotOnOrAfter);
            AuthnRequestInfo.put(as, "subjectInResponseTo", scdInResponseTo);
        }
        if (s.encrypted() != null) o.put("encryptedAssertion", true);
        ArrayNode sigs = o.putArray("signature");
        for (SignatureCheck.Result r : signatures) {
            ObjectNode g = sigs.addObject();
            g.put("element", r.element());
            g.put("algorithm", r.signatureAlg());
            g.put("digest", r.digestAlg());
            g.put("canonicalization", r.c14n());
            ArrayNode t = g.putArray("transforms");
            r.transforms().forEach(t::add);
            if (r.embedded() != null) g.put("certificateSha1", TrustedCertificate.thumbprint(r.embedded(), "SHA-1"));
            g.put("verified", r.valid());
        }
        return o;
    }

    /** The claims view: the subject (only when its assertion verified), authentication and the attribute statement. */
    ObjectNode claims(boolean verified) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        if (nameId != null) o.put(verified ? "NameID" : "NameID (unverified)", nameId);
        AuthnRequestInfo.put(o, "NameID Format", nameIdFormat);
        AuthnRequestInfo.put(o, "AuthnContextClassRef", authnContext);
        AuthnRequestInfo.put(o, "AuthnInstant", authnInstant);
        AuthnRequestInfo.put(o, "SessionIndex", sessionIndex);
        attributes.forEach((k, v) -> {
            if (v.size() == 1) o.put(k, v.get(0));
            else {
                ArrayNode arr = o.putArray(k);
                v.forEach(arr::add);
            }
        });
        return o;
    }
}
