package dev.tokenscope.engine.saml;

import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Verdict;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static dev.tokenscope.engine.saml.SamlFixtures.NOW;
import static dev.tokenscope.engine.saml.SamlFixtures.Options;
import static dev.tokenscope.engine.saml.SamlFixtures.assertion;
import static dev.tokenscope.engine.saml.SamlFixtures.doc;
import static dev.tokenscope.engine.saml.SamlFixtures.profile;
import static dev.tokenscope.engine.saml.SamlFixtures.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The XML signature wrapping variants XSW1–XSW8 of the published catalogue (Somorovsky et al., "On Breaking SAML", 2012;
 * as SAML Raider applies them), each built from a validly signed response: every one must be invalid with
 * {@code saml-signature-wrapping}, and the forged subject must never be shown as the authenticated user.
 */
class SignatureWrappingTest {
    private static final String EVIL = "mallory@attacker.example";

    private static Document responseSigned() {
        return doc(Options.entra().signing(false, true));
    }

    private static Document assertionSigned() {
        return doc(Options.entra());
    }

    private static Element signatureOf(Element e) {
        return Dom.child(e, Dom.DS, "Signature");
    }

    private static void evil(Element assertionOrResponse) {
        Element nameId = (Element) assertionOrResponse.getElementsByTagNameNS(Dom.SAML, "NameID").item(0);
        nameId.setTextContent(EVIL);
    }

    private static Element unsignedClone(Element e) {
        Element c = (Element) e.cloneNode(true);
        for (Element s : Dom.all(c, Dom.DS, "Signature")) s.getParentNode().removeChild(s);
        return c;
    }

    private static void assertWrapped(Document d) {
        Report r = SamlInspector.inspect(xml(d), profile(), NOW);
        assertEquals(Verdict.INVALID, r.verdict(), r.summary());
        assertTrue(r.hasDiagnosis("saml-signature-wrapping"), () -> r.diagnoses().toString());
        assertEquals("saml-signature-wrapping", r.topDiagnosis().orElseThrow().id());
        assertEquals(Status.FAIL, r.step("signature").orElseThrow().status());
        assertFalse(r.token().claims().has("NameID"), "no subject is shown as authenticated");
        assertFalse(r.token().claims().toString().contains("\"NameID\":\"" + EVIL));
    }

    @Test
    void baselinesAreValid() {
        assertEquals(Verdict.VALID, SamlInspector.inspect(xml(responseSigned()), profile(), NOW).verdict());
        assertEquals(Verdict.VALID, SamlInspector.inspect(xml(assertionSigned()), profile(), NOW).verdict());
    }

    /** XSW1: an evil Response (new ID) whose Signature holds an unsigned copy of the original Response. */
    @Test
    void xsw1() {
        Document d = responseSigned();
        Element root = d.getDocumentElement();
        Element copy = unsignedClone(root);
        signatureOf(root).appendChild(copy);
        root.setAttribute("ID", "_evil");
        evil(Dom.child(root, Dom.SAML, "Assertion"));
        assertWrapped(d);
    }

    /** XSW2: like XSW1, the original Response copied before the Signature (detached signature). */
    @Test
    void xsw2() {
        Document d = responseSigned();
        Element root = d.getDocumentElement();
        Element copy = unsignedClone(root);
        root.insertBefore(copy, signatureOf(root));
        root.setAttribute("ID", "_evil");
        evil(Dom.child(root, Dom.SAML, "Assertion"));
        assertWrapped(d);
    }

    /** XSW3: an evil unsigned assertion (new ID) before the signed one. */
    @Test
    void xsw3() {
        Document d = assertionSigned();
        Element signed = assertion(d);
        Element bad = unsignedClone(signed);
        bad.setAttribute("ID", "_evil");
        evil(bad);
        d.getDocumentElement().insertBefore(bad, signed);
        assertWrapped(d);
    }

    /** XSW4: the signed assertion moved inside an evil one. */
    @Test
    void xsw4() {
        Document d = assertionSigned();
        Element signed = assertion(d);
        Element bad = unsignedClone(signed);
        bad.setAttribute("ID", "_evil");
        evil(bad);
        d.getDocumentElement().replaceChild(bad, signed);
        bad.appendChild(signed);
        assertWrapped(d);
    }

    /** XSW5: the signed assertion's content changed (signature kept), an unsigned copy of the original appended (same ID). */
    @Test
    void xsw5() {
        Document d = assertionSigned();
        Element signed = assertion(d);
        Element original = unsignedClone(signed);
        evil(signed);
        d.getDocumentElement().appendChild(original);
        assertWrapped(d);
    }

    /** XSW6: as XSW5, the original's copy placed inside the evil assertion's Signature. */
    @Test
    void xsw6() {
        Document d = assertionSigned();
        Element signed = assertion(d);
        Element original = unsignedClone(signed);
        evil(signed);
        signatureOf(signed).appendChild(original);
        assertWrapped(d);
    }

    /** XSW7: the signed assertion hidden in samlp:Extensions, an evil copy in its place. */
    @Test
    void xsw7() {
        Document d = assertionSigned();
        Element root = d.getDocumentElement();
        Element signed = assertion(d);
        Element bad = unsignedClone(signed);
        evil(bad);
        Element ext = d.createElementNS(Dom.SAMLP, "samlp:Extensions");
        root.insertBefore(ext, Dom.child(root, Dom.SAMLP, "Status"));
        root.replaceChild(bad, signed);
        ext.appendChild(signed);
        assertWrapped(d);
    }

    /** XSW8: the evil assertion keeps the signature, whose ds:Object holds an unsigned copy of the original. */
    @Test
    void xsw8() {
        Document d = assertionSigned();
        Element signed = assertion(d);
        Element original = unsignedClone(signed);
        evil(signed);
        Element object = d.createElementNS(Dom.DS, "ds:Object");
        object.appendChild(original);
        signatureOf(signed).appendChild(object);
        assertWrapped(d);
    }

    @Test
    void referenceToAnotherElementIsWrapping() {
        Document d = assertionSigned();
        Element signed = assertion(d);
        signed.setAttribute("ID", "_renamed");
        Report r = SamlInspector.inspect(xml(d), profile(), NOW);
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.hasDiagnosis("saml-signature-wrapping"));
        assertTrue(r.step("signature").orElseThrow().detail().contains("not the Assertion it sits in"),
                r.step("signature").orElseThrow().detail());
    }

    @Test
    void duplicatedIdElsewhereIsWrapping() {
        Document d = assertionSigned();
        Element status = Dom.child(d.getDocumentElement(), Dom.SAMLP, "Status");
        status.setAttribute("ID", assertion(d).getAttribute("ID"));
        assertWrapped(d);
    }

    @Test
    void signatureOutsideItsPlaceIsWrapping() {
        Document d = assertionSigned();
        Element signed = assertion(d);
        Node sig = signatureOf(signed);
        Element status = Dom.child(d.getDocumentElement(), Dom.SAMLP, "Status");
        status.appendChild(sig);
        assertWrapped(d);
    }

    /**
     * A comment inside NameID (CVE-2017-11427): exclusive C14N drops comments, so the signature still verifies; the subject
     * read must be the whole text, not the text node before the comment.
     */
    @Test
    void commentInsideNameIdDoesNotTruncateTheSubject() {
        Document d = assertionSigned();
        Element nameId = (Element) d.getElementsByTagNameNS(Dom.SAML, "NameID").item(0);
        nameId.setTextContent("");
        nameId.appendChild(d.createTextNode("alice@"));
        nameId.appendChild(d.createComment("injected"));
        nameId.appendChild(d.createTextNode("contoso.com"));
        Report r = SamlInspector.inspect(xml(d), profile(), NOW);
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertEquals("alice@contoso.com", r.token().claims().path("NameID").asText());
    }
}
