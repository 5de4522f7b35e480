package dev.tokenscope.engine.saml;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSSerializer;

/**
 * A SAML message as readable XML, for the window's XML view and for exports: decoded from whatever form it came in,
 * parsed safely ({@link SafeXml}), indented, and by default with every {@code ds:SignatureValue} removed so that a shared
 * copy can't be replayed. The indented text is for reading only: its digest no longer matches (the original is verified).
 */
public final class SamlXml {
    /** What replaces each signature value in a redacted copy. */
    public static final String REMOVED = "[signature value removed]";

    private SamlXml() {
    }

    /** The message's XML, indented; {@code keepSignatureValues} false replaces each SignatureValue by {@link #REMOVED}. */
    public static String pretty(String message, boolean keepSignatureValues) throws SamlException {
        Document d = SafeXml.parse(SamlInput.decode(message).xml(), "The SAML message");
        if (!keepSignatureValues) {
            for (Element v : Dom.all(d, Dom.DS, "SignatureValue")) v.setTextContent(REMOVED);
        }
        dropIndentation(d.getDocumentElement());
        DOMImplementationLS ls = (DOMImplementationLS) d.getImplementation().getFeature("LS", "3.0");
        LSSerializer w = ls.createLSSerializer();
        w.getDomConfig().setParameter("format-pretty-print", true);
        w.getDomConfig().setParameter("xml-declaration", false);
        return w.writeToString(d).strip() + "\n";
    }

    /** The redacted copy for an export, or a one-line placeholder when the message can't be read. */
    public static String redacted(String message) {
        try {
            return pretty(message, false);
        } catch (SamlException | RuntimeException e) {
            return "[SAML message omitted: it could not be read to remove its signature]";
        }
    }

    /** Whitespace-only text between elements (the original's own indentation), so the serializer can indent evenly. */
    private static void dropIndentation(Element e) {
        Node n = e.getFirstChild();
        while (n != null) {
            Node next = n.getNextSibling();
            if (n.getNodeType() == Node.TEXT_NODE && n.getNodeValue().isBlank() && (e.getChildNodes().getLength() > 1)) e.removeChild(n);
            else if (n instanceof Element c) dropIndentation(c);
            n = next;
        }
    }
}
