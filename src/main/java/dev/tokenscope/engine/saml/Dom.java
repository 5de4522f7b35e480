package dev.tokenscope.engine.saml;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.List;

/** SAML's namespaces and the few DOM walks the engine needs (direct children only: nothing is searched by path). */
final class Dom {
    static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";

    private Dom() {
    }

    static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        if (parent == null) return out;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) out.add(e);
        }
        return out;
    }

    static Element child(Element parent, String ns, String local) {
        List<Element> c = children(parent, ns, local);
        return c.isEmpty() ? null : c.get(0);
    }

    /** The trimmed text of the first such child, or null. */
    static String text(Element parent, String ns, String local) {
        Element e = child(parent, ns, local);
        return e == null ? null : e.getTextContent().strip();
    }

    /** An attribute's value, or null when absent (DOM returns "" for absent attributes). */
    static String attr(Element e, String name) {
        return e != null && e.hasAttributeNS(null, name) ? e.getAttributeNS(null, name) : null;
    }

    /** Every element of that name anywhere in the document or subtree. */
    static List<Element> all(Node root, String ns, String local) {
        NodeList nl = root instanceof Element e ? e.getElementsByTagNameNS(ns, local)
                : ((org.w3c.dom.Document) root).getElementsByTagNameNS(ns, local);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) out.add((Element) nl.item(i));
        return out;
    }

    static boolean is(Node n, String ns, String local) {
        return n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName());
    }

    /** "samlp:Response" style name for messages. */
    static String name(Element e) {
        return e == null ? "(none)" : e.getLocalName();
    }
}
