package dev.tokenscope.ui.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.claims.ClaimView;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Header tab's rows for a SAML message: the engine's decoded header (a JSON view of the message's envelope: its
 * ID, issuer, destination, status, the assertion's conditions and the signatures) flattened into dotted names
 * ("assertion.notOnOrAfter", "signature[1].algorithm"), each with what it is in the XML.
 */
public final class SamlHeaderRows {
    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry("message", "The message's root element: Response, Assertion or AuthnRequest"),
            Map.entry("id", "The element's ID attribute (what a signature's Reference URI points at)"),
            Map.entry("issuer", "<Issuer>: who issued it; Entra's is https://sts.windows.net/{tenant}/"),
            Map.entry("destination", "Destination: the reply (ACS) URL the response was sent to"),
            Map.entry("inResponseTo", "InResponseTo: the ID of the AuthnRequest this answers"),
            Map.entry("status.code", "<StatusCode>: Success, or why the sign-in failed (Requester, Responder …)"),
            Map.entry("issueInstant", "IssueInstant: when it was issued (UTC)"),
            Map.entry("notBefore", "<Conditions NotBefore>: not valid before (UTC)"),
            Map.entry("notOnOrAfter", "<Conditions NotOnOrAfter>: not valid at or after (UTC)"),
            Map.entry("audiences", "<AudienceRestriction>: the app's Entity ID (Identifier) it is for"),
            Map.entry("recipient", "<SubjectConfirmationData Recipient>: the reply URL that may accept it"),
            Map.entry("subjectNotOnOrAfter", "<SubjectConfirmationData NotOnOrAfter>: the app must accept it before (UTC)"),
            Map.entry("subjectInResponseTo", "<SubjectConfirmationData InResponseTo>: the AuthnRequest's ID"),
            Map.entry("element", "The element this XML-DSig signature signs"),
            Map.entry("algorithm", "<SignatureMethod>: the signature algorithm (SHA-1 is weak)"),
            Map.entry("digest", "<DigestMethod>: the digest of the signed element"),
            Map.entry("canonicalization", "<CanonicalizationMethod>: exclusive C14N as Entra signs"),
            Map.entry("transforms", "<Transforms>: enveloped signature, then exclusive C14N"),
            Map.entry("certificateSha1", "SHA-1 thumbprint of the certificate in <KeyInfo>"),
            Map.entry("verified", "Whether this signature verified with a certificate from the federation metadata"));

    private SamlHeaderRows() {
    }

    public static List<ClaimView> of(JsonNode header) {
        List<ClaimView> out = new ArrayList<>();
        if (header != null) flatten("", header, out);
        return out;
    }

    private static void flatten(String name, JsonNode n, List<ClaimView> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(name.isEmpty() ? e.getKey() : name + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray() && n.size() > 0 && n.get(0).isObject()) {
            for (int i = 0; i < n.size(); i++) flatten(name + "[" + (i + 1) + "]", n.get(i), out);
        } else {
            String meaning = meaning(name);
            out.add(new ClaimView(name, n, meaning, null, null, false, meaning != null, null, null)); // the meaning column shows the title
        }
    }

    private static String meaning(String name) {
        String m = MEANINGS.get(name);
        if (m != null) return m;
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : MEANINGS.get(name.substring(dot + 1));
    }
}
