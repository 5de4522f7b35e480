package dev.tokenscope.engine.apiconfig;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * XML read with the JDK's StAX parser into a small element tree with line numbers. DTDs are not supported and a document
 * with a DOCTYPE is refused (no external entities, no entity expansion: XXE and "billion laughs" do nothing).
 */
final class Xml {
    record Element(String name, Map<String, String> attrs, int line, List<Element> children, StringBuilder text) {
        String attr(String n) {
            String v = attrs.get(n);
            return v == null || v.isBlank() ? null : v.trim();
        }

        List<Element> all(String n) {
            return children.stream().filter(c -> c.name.equals(n)).toList();
        }

        Element child(String n) {
            return children.stream().filter(c -> c.name.equals(n)).findFirst().orElse(null);
        }

        String content() {
            String t = text.toString().trim();
            return t.isEmpty() ? null : t;
        }

        /** Every element of that name at any depth, in document order. */
        void find(String n, List<Element> out, int depth) {
            if (depth > Located.MAX_DEPTH) return;
            if (name.equals(n)) out.add(this);
            for (Element c : children) c.find(n, out, depth + 1);
        }
    }

    /** One configured factory per thread: StAX doesn't promise that a factory is thread-safe. */
    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(() -> {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory(); // the JDK's own, never a provider found on the classpath
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return f;
    });

    private Xml() {
    }

    static Element parse(String source, String content) throws ApiConfigException {
        XMLStreamReader r = null;
        Deque<Element> open = new ArrayDeque<>();
        Element root = null;
        try {
            r = FACTORY.get().createXMLStreamReader(new StringReader(content));
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD -> throw ApiConfigException.at(source, line(r),
                            "the document has a DOCTYPE: refused (DTDs and entities are never processed in a configuration)");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw ApiConfigException.at(source, line(r),
                            "undeclared entity reference &" + Text.clip(r.getLocalName()) + ";");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (open.size() >= Located.MAX_DEPTH) {
                            throw ApiConfigException.at(source, line(r), "elements nested deeper than " + Located.MAX_DEPTH);
                        }
                        Map<String, String> attrs = new LinkedHashMap<>();
                        for (int i = 0; i < r.getAttributeCount(); i++) attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        Element e = new Element(r.getLocalName(), attrs, line(r), new ArrayList<>(), new StringBuilder());
                        if (open.isEmpty()) root = e;
                        else open.peek().children().add(e);
                        open.push(e);
                    }
                    case XMLStreamConstants.END_ELEMENT -> open.pop();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!open.isEmpty() && open.peek().text().length() < 100_000) open.peek().text().append(r.getText());
                    }
                    default -> { }
                }
            }
        } catch (XMLStreamException e) {
            Location l = e.getLocation();
            String why = e.getMessage() == null ? "" : e.getMessage();
            int at = why.indexOf("Message: ");
            why = at >= 0 ? why.substring(at + 9) : why.lines().reduce((a, b) -> b).orElse("");
            if (why.toLowerCase().contains("doctype") || why.contains("DTD")) {
                why = "a DOCTYPE is refused (DTDs and entities are never processed)";
            }
            // StAX quotes element, attribute and entity names here, never character data or attribute values
            throw ApiConfigException.at(source, l == null ? 0 : l.getLineNumber(),
                    "not well-formed XML: " + (why.length() > 160 ? why.substring(0, 160) + "…" : why));
        } catch (RuntimeException e) {
            throw new ApiConfigException(source + ": not well-formed XML (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (r != null) try { r.close(); } catch (XMLStreamException ignored) { }
        }
        if (root == null) throw new ApiConfigException(source + ": an XML document without elements");
        return root;
    }

    private static int line(XMLStreamReader r) {
        Location l = r.getLocation();
        return l == null ? 0 : l.getLineNumber();
    }
}
