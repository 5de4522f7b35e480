package dev.tokenscope.ui.model;

import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.claims.ClaimView;
import dev.tokenscope.engine.saml.SamlFixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SAML presenters of the Header tab, without a screen. */
class SamlPresentersTest {
    @Test
    void theSignatureElementIsHighlightedFromItsStartTagToItsEndTagAndNothingElse() throws Exception {
        SamlXmlViewModel.Rendered r = SamlXmlViewModel.render(SamlFixtures.base64(SamlFixtures.response()));
        List<XmlHighlighter.Line> sig = r.lines().stream().filter(XmlHighlighter.Line::signature).toList();
        assertTrue(sig.get(0).text().strip().startsWith("<ds:Signature "), sig.get(0).text());
        assertEquals("</ds:Signature>", sig.get(sig.size() - 1).text().strip());
        int first = r.lines().indexOf(sig.get(0));
        assertEquals(sig, r.lines().subList(first, first + sig.size()), "one contiguous block");
        assertTrue(sig.stream().anyMatch(l -> l.text().contains("<ds:X509Certificate>")));
        assertFalse(r.lines().get(first - 1).signature(), "the Issuer before it is not highlighted");
        assertFalse(r.lines().get(first + sig.size()).signature(), "the Subject after it is not highlighted");
        assertEquals(r.xml().stripTrailing(), r.lines().stream().map(XmlHighlighter.Line::text).collect(Collectors.joining("\n")),
                "nothing lost");
    }

    @Test
    void segmentsAreColouredByRoleAndJoinBackToTheText() {
        String xml = "<a:Root x=\"1\" b='two'><!-- c --><ds:Signature "
                + "xmlns:ds=\"d\"><ds:SignatureValue>abc\ndef</ds:SignatureValue></ds:Signature>text</a:Root>";
        List<XmlHighlighter.Segment> s = XmlHighlighter.segments(xml);
        assertEquals(xml, s.stream().map(XmlHighlighter.Segment::text).collect(Collectors.joining()));
        assertEquals(new XmlHighlighter.Segment("<a:Root", "xml-tag"), s.get(0));
        assertTrue(s.contains(new XmlHighlighter.Segment("x", "xml-attr")));
        assertTrue(s.contains(new XmlHighlighter.Segment("=\"1\"", "xml-value")));
        assertTrue(s.contains(new XmlHighlighter.Segment("<!-- c -->", "xml-comment")));
        List<XmlHighlighter.Line> lines = XmlHighlighter.lines(xml);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).signature() && lines.get(1).signature(), "a multi-line signature value stays highlighted");
        assertFalse(XmlHighlighter.lines("<Root><ds:SignatureValue>x</ds:SignatureValue></Root>").get(0).signature(),
                "SignatureValue alone is not a Signature element");
    }

    @Test
    void theDecodedHeaderIsListedWithDottedNamesAndMeanings() throws Exception {
        var header = Json.MAPPER.readTree("{\"message\":\"Response\",\"assertion\":{\"notOnOrAfter\":\"2026-03-01T11:09:30Z\",\"audiences\":[\"https://app\"]},"
                + "\"signature\":[{\"element\":\"Assertion\",\"verified\":true}]}");
        List<ClaimView> rows = SamlHeaderRows.of(header);
        assertEquals(List.of("message", "assertion.notOnOrAfter", "assertion.audiences", "signature[1].element", "signature[1].verified"),
                rows.stream().map(ClaimView::name).toList());
        assertTrue(rows.get(1).title().contains("NotOnOrAfter"));
        assertTrue(rows.stream().allMatch(ClaimView::inCatalogue));
    }

    @Test
    void unreadableXmlIsRefusedNotShown() {
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, ()
                -> SamlXmlViewModel.render("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>"));
    }
}
