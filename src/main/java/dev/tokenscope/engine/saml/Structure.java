package dev.tokenscope.engine.saml;

import dev.tokenscope.engine.text.SafeText;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a SAML document, judged before any signature is checked (signature wrapping, XSW): one assertion at
 * most, as a direct child of the Response; every ID unique; signatures only as direct children of the Response or of
 * that assertion. {@code ID} attributes are registered ({@code setIdAttributeNS}) on those two elements only, so a
 * signature reference can resolve to nothing else.
 *
 * @param root      the document element
 * @param response  the root when it is a samlp:Response, else null
 * @param assertion the assertion every step reads (a bare assertion root, or the Response's child), or null
 * @param encrypted the Response's EncryptedAssertion, or null
 * @param wrapping  why the document is a signature-wrapping suspect; empty when its shape is sound
 */
record Structure(Element root, Element response, Element assertion, Element encrypted, List<String> wrapping) {

    static Structure of(Document d) {
        Element root = d.getDocumentElement();
        List<String> w = new ArrayList<>();
        Element response = Dom.is(root, Dom.SAMLP, "Response") ? root : null;
        Element assertion = Dom.is(root, Dom.SAML, "Assertion") ? root : null;
        List<Element> assertions = Dom.all(d, Dom.SAML, "Assertion");
        List<Element> encrypted = Dom.all(d, Dom.SAML, "EncryptedAssertion");
        if (response != null) {
            List<Element> direct = Dom.children(response, Dom.SAML, "Assertion");
            assertion = direct.size() == 1 ? direct.get(0) : null;
            if (direct.isEmpty() && !assertions.isEmpty()) w.add("the assertion is not a direct child of the Response (it sits inside "
                    + Dom.name((Element) assertions.get(0).getParentNode()) + ")");
            int responses = Dom.all(d, Dom.SAMLP, "Response").size();
            if (responses > 1) w.add("the document holds " + responses + " Response elements");
        }
        int total = assertions.size() + encrypted.size();
        if (total > 1) w.add("the document holds " + total + " assertions; an Entra response carries exactly one");
        Map<String, Integer> ids = new LinkedHashMap<>();
        countIds(root, ids);
        ids.forEach((id, n) -> {
            if (n > 1) w.add("the ID \"" + clip(id) + "\" appears on " + n + " elements");
        });
        for (Element sig : Dom.all(d, Dom.DS, "Signature")) {
            Node p = sig.getParentNode();
            if (p != response && (p != assertion || assertion == null)) {
                w.add("a Signature sits inside " + (p instanceof Element e ? Dom.name(e) : "the document")
                        + ", where no signature belongs");
            }
        }
        if (response != null && Dom.children(response, Dom.DS, "Signature").size() > 1) w.add("the Response has more than one Signature");
        if (assertion != null && Dom.children(assertion, Dom.DS, "Signature").size() > 1) {
            w.add("the assertion has more than one Signature");
        }
        if (w.isEmpty()) {
            register(response);
            register(assertion);
        }
        Element enc = response == null ? null : Dom.child(response, Dom.SAML, "EncryptedAssertion");
        return new Structure(root, response, assertion, enc, List.copyOf(w));
    }

    boolean wrapped() {
        return !wrapping.isEmpty();
    }

    private static void register(Element e) {
        if (e != null && e.hasAttributeNS(null, "ID")) e.setIdAttributeNS(null, "ID", true);
    }

    /** ID-like attributes (ID, Id, id, AssertionID, wsu:Id) of every element, counted by value. */
    private static void countIds(Element e, Map<String, Integer> ids) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            String n = a.getLocalName() == null ? a.getNodeName() : a.getLocalName();
            if (n.equalsIgnoreCase("ID") || n.equals("AssertionID")) ids.merge(a.getNodeValue(), 1, Integer::sum);
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce) countIds(ce, ids);
        }
    }

    static String clip(String s) {
        String t = SafeText.line(s);
        return t.length() > 80 ? t.substring(0, 80) + "…" : t;
    }
}
