package dev.tokenscope.engine.saml;

import okhttp3.tls.HeldCertificate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

/** SAML responses in Entra's shape, signed by the tests with their own RSA keys and self-signed certificates. */
public final class SamlFixtures {
    public static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public static final String ISSUER = "https://sts.windows.net/" + TENANT + "/";
    public static final String AUDIENCE = "https://app.example.com";
    public static final String ACS = "https://app.example.com/saml/acs";
    public static final String REQUEST_ID = "_req-4f2a9c";
    public static final HeldCertificate ENTRA = new HeldCertificate.Builder().commonName("Microsoft Azure Federated SSO Certificate")
            .rsa2048().build();
    public static final HeldCertificate OTHER = new HeldCertificate.Builder().commonName("Rolled-over certificate").rsa2048().build();

    /** What to build. */
    record Options(String audience, String recipient, String destination, String inResponseTo, Instant issued,
                   boolean signAssertion, boolean signResponse, HeldCertificate signer, String signatureAlg, String digestAlg) {
        static Options entra() {
            return new Options(AUDIENCE, ACS, ACS, REQUEST_ID, NOW.minusSeconds(30), true, false, ENTRA,
                    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", DigestMethod.SHA256);
        }

        Options audience(
                String a) { return new Options(a, recipient, destination, inResponseTo, issued, signAssertion, signResponse, signer,
                        signatureAlg, digestAlg); }
        Options recipient(
                String r) { return new Options(audience, r, r, inResponseTo, issued, signAssertion, signResponse, signer, signatureAlg,
                        digestAlg); }
        Options issued(
                Instant i) { return new Options(audience, recipient, destination, inResponseTo, i, signAssertion, signResponse, signer,
                        signatureAlg, digestAlg); }
        Options signing(boolean assertion,
                boolean response) { return new Options(audience, recipient, destination, inResponseTo, issued, assertion, response, signer,
                        signatureAlg, digestAlg); }
        Options signer(
                HeldCertificate s) { return new Options(audience, recipient, destination, inResponseTo, issued, signAssertion, signResponse,
                        s, signatureAlg, digestAlg); }
        Options sha1() { return new Options(audience, recipient, destination, inResponseTo, issued, signAssertion, signResponse, signer,
                "http://www.w3.org/2000/09/xmldsig#rsa-sha1", DigestMethod.SHA1); }
    }

    private SamlFixtures() {
    }

    static SamlProfile profile() {
        return SamlProfile.none()
                .withCertificates(List.of(new TrustedCertificate(ENTRA.certificate(), "federation metadata (" + ISSUER + ")")))
                .withIssuer(ISSUER).withAudience(AUDIENCE).withReplyUrl(ACS).withAuthnRequest(REQUEST_ID);
    }

    public static String response() {
        return xml(doc(Options.entra()));
    }

    static Document doc(Options o) {
        Instant t = o.issued();
        String xml = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_resp-8d1c\" "
                + "Version=\"2.0\" IssueInstant=\"" + t + "\" Destination=\"" + o.destination() + "\" InResponseTo=\""
                + o.inResponseTo() + "\"><Issuer xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\">" + ISSUER + "</Issuer>"
                + "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>"
                + "<Assertion xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_asrt-6b3e\" IssueInstant=\"" + t + "\" Version=\"2.0\">"
                + "<Issuer>" + ISSUER + "</Issuer>"
                + "<Subject><NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\">alice@contoso.com</NameID>"
                + "<SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"><SubjectConfirmationData InResponseTo=\""
                + o.inResponseTo() + "\" NotOnOrAfter=\"" + t.plusSeconds(300) + "\" Recipient=\"" + o.recipient()
                + "\"/></SubjectConfirmation></Subject><Conditions NotBefore=\"" + t.minusSeconds(300) + "\" NotOnOrAfter=\""
                + t.plusSeconds(4200) + "\"><AudienceRestriction><Audience>" + o.audience()
                + "</Audience></AudienceRestriction></Conditions><AttributeStatement>"
                + attr("http://schemas.microsoft.com/identity/claims/tenantid", TENANT)
                + attr("http://schemas.microsoft.com/identity/claims/objectidentifier", "3c6b7a1e-2f4d-4e8a-9b1c-5d6e7f8a9b0c")
                + attr("http://schemas.microsoft.com/identity/claims/displayname", "Alice Example")
                + attr("http://schemas.microsoft.com/identity/claims/identityprovider", ISSUER)
                + attr("http://schemas.microsoft.com/claims/authnmethodsreferences", "http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password",
                "http://schemas.microsoft.com/claims/multipleauthn")
                + attr("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "alice@contoso.com")
                + attr("http://schemas.microsoft.com/ws/2008/06/identity/claims/groups", "11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222")
                + attr("http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "User")
                + "</AttributeStatement>"
                + "<AuthnStatement AuthnInstant=\"" + t.minusSeconds(60) + "\" SessionIndex=\"_asrt-6b3e\"><AuthnContext>"
                + "<AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</AuthnContextClassRef>"
                + "</AuthnContext></AuthnStatement>"
                + "</Assertion></samlp:Response>";
        Document d = parse(xml);
        Element assertion = assertion(d);
        if (o.signAssertion()) sign(assertion, o);
        if (o.signResponse()) sign(d.getDocumentElement(), o);
        return d;
    }

    private static String attr(String name, String... values) {
        StringBuilder b = new StringBuilder("<Attribute Name=\"" + name + "\">");
        for (String v : values) b.append("<AttributeValue>").append(v).append("</AttributeValue>");
        return b.append("</Attribute>").toString();
    }

    static Element assertion(Document d) {
        return (Element) d.getElementsByTagNameNS(Dom.SAML, "Assertion").item(0);
    }

    /** Enveloped signature as Entra makes it: exclusive C14N, RSA-SHA256, placed right after the element's Issuer. */
    static void sign(Element e, Options o) {
        try {
            XMLSignatureFactory fac = XMLSignatureFactory.getInstance("DOM");
            Reference ref = fac.newReference("#" + e.getAttribute("ID"), fac.newDigestMethod(o.digestAlg(), null),
                    List.of(fac.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            fac.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)), null, null);
            SignedInfo si = fac.newSignedInfo(
                    fac.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    fac.newSignatureMethod(o.signatureAlg(), null), List.of(ref));
            KeyInfoFactory kif = fac.getKeyInfoFactory();
            KeyInfo ki = kif.newKeyInfo(List.of(kif.newX509Data(List.of(o.signer().certificate()))));
            e.setIdAttributeNS(null, "ID", true);
            Node issuer = Dom.child(e, Dom.SAML, "Issuer");
            DOMSignContext ctx = new DOMSignContext(o.signer().keyPair().getPrivate(), e, issuer.getNextSibling());
            ctx.setDefaultNamespacePrefix("ds");
            fac.newXMLSignature(si, ki).sign(ctx);
        } catch (Exception x) {
            throw new IllegalStateException(x);
        }
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String xml(Node d) {
        try {
            StringWriter w = new StringWriter();
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty("omit-xml-declaration", "yes");
            t.transform(new DOMSource(d), new StreamResult(w));
            return w.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String base64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Raw DEFLATE then base64, as the HTTP-Redirect binding sends it. */
    public static String deflated(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION, true))) {
            z.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** Entra-style federation metadata, with its UTF-8 byte order mark. */
    public static String metadata(HeldCertificate... certs) {
        StringBuilder keys = new StringBuilder();
        for (HeldCertificate c : certs) {
            try {
                keys.append("<KeyDescriptor use=\"signing\"><KeyInfo xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><X509Data><X509Certificate>")
                        .append(Base64.getEncoder().encodeToString(c.certificate().getEncoded()))
                        .append("</X509Certificate></X509Data></KeyInfo></KeyDescriptor>");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><EntityDescriptor ID=\"_m1\" entityID=\"" + ISSUER
                + "\" xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\">"
                + "<RoleDescriptor xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"fed:SecurityTokenServiceType\" protocolSupportEnumeration=\"http://docs.oasis-open.org/wsfed/federation/200706\"/>"
                + "<IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">" + keys
                + "<SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://login.microsoftonline.com/" + TENANT + "/saml2\"/>"
                + "</IDPSSODescriptor></EntityDescriptor>";
    }
}
