package dev.tokenscope.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits indented XML (a SAML message from {@code SamlXml.pretty}) into lines of styled segments: xml-tag (the
 * brackets and element names), xml-attr, xml-value (a quoted attribute value with its '='), xml-text, xml-comment.
 * A line is a signature line when it is part of an XML-DSig {@code Signature} element (any prefix), so the window can
 * highlight what was signed with what. Concatenating every line's segments, joined by '\n', gives the input back.
 */
public final class XmlHighlighter {
    public record Segment(String text, String styleClass) {
    }

    /** One line of the XML and whether it lies inside a {@code Signature} element (its start and end tags included). */
    public record Line(List<Segment> segments, boolean signature) {
        public String text() {
            StringBuilder b = new StringBuilder();
            for (Segment s : segments) b.append(s.text());
            return b.toString();
        }
    }

    private static final Pattern SIGNATURE_START = Pattern.compile("<(?:[\\w.-]+:)?Signature");
    private static final Pattern SIGNATURE_END = Pattern.compile("</(?:[\\w.-]+:)?Signature");

    private XmlHighlighter() {
    }

    public static List<Line> lines(String xml) {
        List<Line> out = new ArrayList<>();
        if (xml == null || xml.isEmpty()) return out;
        List<Segment> current = new ArrayList<>();
        int depth = 0;
        boolean signatureLine = false;
        for (Segment s : segments(xml)) {
            if (s.styleClass().equals("xml-tag")) {
                if (SIGNATURE_START.matcher(s.text()).matches()) {
                    depth++;
                    signatureLine = true;
                } else if (SIGNATURE_END.matcher(s.text()).matches()) {
                    depth = Math.max(0, depth - 1);
                    signatureLine = true;
                }
            }
            String text = s.text();
            int nl;
            while ((nl = text.indexOf('\n')) >= 0) {
                if (nl > 0) current.add(new Segment(text.substring(0, nl), s.styleClass()));
                out.add(new Line(List.copyOf(current), signatureLine || depth > 0));
                current.clear();
                signatureLine = depth > 0;
                text = text.substring(nl + 1);
            }
            if (!text.isEmpty()) current.add(new Segment(text, s.styleClass()));
        }
        if (!current.isEmpty()) out.add(new Line(List.copyOf(current), signatureLine || depth > 0));
        return out;
    }

    /** The whole text as styled segments (a segment may span lines: a multi-line signature value is one text). */
    static List<Segment> segments(String xml) {
        List<Segment> out = new ArrayList<>();
        int i = 0, n = xml.length();
        while (i < n) {
            if (xml.startsWith("<!--", i)) {
                int end = xml.indexOf("-->", i + 4);
                int j = end < 0 ? n : end + 3;
                out.add(new Segment(xml.substring(i, j), "xml-comment"));
                i = j;
            } else if (xml.charAt(i) == '<') {
                int j = i + 1;
                while (j < n && " \t\r\n/>".indexOf(xml.charAt(j)) < 0 || j == i + 1 && j < n && xml.charAt(j) == '/') j++;
                out.add(new Segment(xml.substring(i, j), "xml-tag"));
                i = tagRest(xml, j, out);
            } else {
                int j = xml.indexOf('<', i);
                if (j < 0) j = n;
                out.add(new Segment(xml.substring(i, j), "xml-text"));
                i = j;
            }
        }
        return out;
    }

    /** The attributes and the closing bracket of a tag whose name ended at {@code i}; returns where the tag ends. */
    private static int tagRest(String xml, int i, List<Segment> out) {
        int n = xml.length();
        while (i < n) {
            char c = xml.charAt(i);
            if (c == '>' || c == '/' || c == '?') {
                int j = i;
                while (j < n && xml.charAt(j) != '>') j++;
                j = Math.min(j + 1, n);
                out.add(new Segment(xml.substring(i, j), "xml-tag"));
                return j;
            }
            int j = i;
            if (Character.isWhitespace(c)) {
                while (j < n && Character.isWhitespace(xml.charAt(j))) j++;
                out.add(new Segment(xml.substring(i, j), "xml-text"));
            } else if (c == '=' || c == '"' || c == '\'') {
                if (c == '=') j++;
                while (j < n && Character.isWhitespace(xml.charAt(j))) j++;
                if (j < n && (xml.charAt(j) == '"' || xml.charAt(j) == '\'')) {
                    char q = xml.charAt(j);
                    int end = xml.indexOf(q, j + 1);
                    j = end < 0 ? n : end + 1;
                }
                if (j == i) j++;
                out.add(new Segment(xml.substring(i, j), "xml-value"));
            } else {
                while (j < n && "= \t\r\n/>".indexOf(xml.charAt(j)) < 0) j++;
                out.add(new Segment(xml.substring(i, j), "xml-attr"));
            }
            i = j;
        }
        return i;
    }
}
