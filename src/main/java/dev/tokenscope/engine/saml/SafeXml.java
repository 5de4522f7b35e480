package dev.tokenscope.engine.saml;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * The one XML parser of the SAML engine: JDK DOM, namespace-aware, secure processing, DOCTYPE refused (so no external
 * entities, no entity expansion: XXE and billion laughs fail on the first line), no XInclude, bounded size and depth.
 */
public final class SafeXml {
    /** Largest document accepted, after base64 decoding and inflation. */
    public static final int MAX_BYTES = 1 << 20;
    /** Deepest element nesting accepted (a SAML response is about 8 deep). */
    public static final int MAX_DEPTH = 64;

    private SafeXml() {
    }

    public static Document parse(byte[] xml, String what) throws SamlException {
        if (xml.length > MAX_BYTES) throw new SamlException(what + " is " + xml.length + " bytes: larger than the " + MAX_BYTES
                + " bytes accepted");
        int start = xml.length >= 3 && (xml[0] & 0xff) == 0xEF && (xml[1] & 0xff) == 0xBB && (xml[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            DocumentBuilder b = factory().newDocumentBuilder();
            b.setErrorHandler(QUIET);
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXParseException("external entities are never resolved", null);
            });
            InputSource src = new InputSource(new ByteArrayInputStream(xml, start, xml.length - start));
            Document d = b.parse(src);
            if (d.getDoctype() != null) throw new SamlException(what + " has a DOCTYPE: refused");
            return d;
        } catch (SAXParseException e) {
            throw new SamlException(what + " is not well-formed XML" + where(e) + ": " + reason(e.getMessage()));
        } catch (SamlException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw new SamlException(what + " could not be read as XML (" + e.getClass().getSimpleName() + ")");
        }
    }

    public static Document parse(String xml, String what) throws SamlException {
        return parse(xml.getBytes(StandardCharsets.UTF_8), what);
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setValidating(false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", String.valueOf(MAX_DEPTH));
        f.setAttribute("http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit", "0");
        return f;
    }

    private static String where(SAXParseException e) {
        return e.getLineNumber() > 0 ? " (line " + e.getLineNumber() + ")" : "";
    }

    /** The parser's reason, with DOCTYPE refusals said plainly; the parser quotes names, never character data. */
    private static String reason(String m) {
        String s = m == null ? "" : m;
        if (s.contains("DOCTYPE") || s.contains("doctype")) return "a DOCTYPE is refused (DTDs and entities are never processed: XXE and "
                + "entity expansion are impossible)";
        if (s.contains("maxElementDepth") || s.contains("depth")) return "elements nested deeper than " + MAX_DEPTH;
        s = s.replaceAll("\\p{Cntrl}", " ");
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override public void warning(SAXParseException e) { }
        @Override public void error(SAXParseException e) throws SAXParseException { throw e; }
        @Override public void fatalError(SAXParseException e) throws SAXParseException { throw e; }
    };

}
