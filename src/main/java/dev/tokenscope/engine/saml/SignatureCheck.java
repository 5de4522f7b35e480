package dev.tokenscope.engine.saml;

import org.w3c.dom.Element;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies one enveloped XML signature (of the Response or of the assertion) with the JDK's XML-DSig in secure validation
 * mode, with keys taken ONLY from the caller's trusted certificates. The certificate inside {@code KeyInfo} is read to say
 * which one signed, and tried on its own only to tell "signed by an untrusted certificate" from "tampered".
 */
final class SignatureCheck {
    private static final XMLSignatureFactory FACTORY = XMLSignatureFactory.getInstance("DOM");
    static final String ENVELOPED = Transform.ENVELOPED;
    static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

    private SignatureCheck() {
    }

    /**
     * @param element    Response or Assertion
     * @param signatureAlg / digestAlg / c14n the algorithm URIs
     * @param transforms the reference's transform URIs
     * @param problem    why the signature's shape is unacceptable (reference count or target), or null
     * @param valid      true when it verified with a trusted certificate
     * @param matched    that certificate, or null
     * @param embedded   the KeyInfo certificate, or null
     * @param embeddedTrusted true when the KeyInfo certificate's thumbprint is one of the trusted certificates
     * @param embeddedVerifies true when the signature verifies with the (untrusted) KeyInfo certificate
     * @param digestOk   false when a reference digest did not match (the signed content was changed)
     * @param error      what went wrong when verification could not run, or null
     */
    record Result(String element, String signatureAlg, String digestAlg, String c14n, List<String> transforms, String problem,
                  boolean valid, TrustedCertificate matched, X509Certificate embedded, boolean embeddedTrusted,
                  boolean embeddedVerifies, boolean digestOk, String error) {
        boolean sha1() {
            return signatureAlg.contains("sha1") || digestAlg.endsWith("#sha1");
        }
    }

    static Result verify(Element signed, Element signature, List<TrustedCertificate> trusted) {
        String element = signed.getLocalName();
        XMLSignature sig;
        try {
            sig = FACTORY.unmarshalXMLSignature(new DOMStructure(signature));
        } catch (MarshalException | RuntimeException e) {
            return new Result(element, "?", "?", "?", List.of(), null, false, null, null, false, false, true,
                    "the Signature element could not be read (" + e.getClass().getSimpleName() + ")");
        }
        String sa = sig.getSignedInfo().getSignatureMethod().getAlgorithm();
        String c14n = sig.getSignedInfo().getCanonicalizationMethod().getAlgorithm();
        List<?> refs = sig.getSignedInfo().getReferences();
        String da = refs.isEmpty() ? "?" : ((Reference) refs.get(0)).getDigestMethod().getAlgorithm();
        List<String> transforms = new ArrayList<>();
        if (!refs.isEmpty()) for (Object t : ((Reference) refs.get(0)).getTransforms()) transforms.add(((Transform) t).getAlgorithm());
        String id = Dom.attr(signed, "ID");
        String problem = null;
        if (refs.size() != 1) problem = "the signature has " + refs.size() + " references; a SAML signature has exactly one";
        else if (id == null || !("#" + id).equals(((Reference) refs.get(0)).getURI())) {
            problem = "the signature references \"" + Structure.clip(String.valueOf(((Reference) refs.get(0)).getURI()))
                    + "\", not the " + element + " it sits in (ID \"" + Structure.clip(String.valueOf(id)) + "\")";
        } else if (!transforms.stream().allMatch(t -> t.equals(ENVELOPED) || t.equals(EXC_C14N))) {
            problem = "the reference uses transforms other than enveloped-signature and exclusive C14N: " + String.join(", ", transforms);
        }
        X509Certificate embedded = embedded(sig);
        String embeddedSha1 = embedded == null ? null : TrustedCertificate.thumbprint(embedded, "SHA-1");
        boolean embeddedTrusted = embeddedSha1 != null && trusted.stream().anyMatch(t -> t.sha1().equals(embeddedSha1));
        if (problem != null) {
            return new Result(element, sa, da, c14n, transforms, problem, false, null, embedded, embeddedTrusted, false, true, null);
        }
        boolean digestOk = true;
        String error = null;
        // the KeyInfo certificate's own trusted twin first, then every other trusted certificate
        List<TrustedCertificate> order = new ArrayList<>(trusted);
        order.sort((a, b) -> Boolean.compare(!a.sha1().equals(embeddedSha1), !b.sha1().equals(embeddedSha1)));
        for (TrustedCertificate t : order) {
            Outcome o = validate(signature, t.certificate().getPublicKey());
            if (o.error != null) error = o.error;
            if (!o.digestOk) digestOk = false;
            if (o.valid) return new Result(element, sa, da, c14n, transforms, null, true, t, embedded, embeddedTrusted, true, true, null);
            if (!o.digestOk || o.error != null) break;
        }
        boolean embeddedVerifies = false;
        if (embedded != null && !embeddedTrusted && digestOk && error == null) {
            Outcome o = validate(signature, embedded.getPublicKey());
            embeddedVerifies = o.valid;
            if (!o.digestOk) digestOk = false;
            if (o.error != null) error = o.error;
        }
        return new Result(element, sa, da, c14n, transforms, null, false, null, embedded, embeddedTrusted, embeddedVerifies,
                digestOk, error);
    }

    private record Outcome(boolean valid, boolean digestOk, String error) {
    }

    /**
     * Secure validation on. Entra still signs with SHA-1 when an app asks for it, which the JDK's secure validation refuses:
     * such a signature (and only such) is verified again without it, which is safe here because {@link #verify} has
     * already enforced what secure validation guards against: one same-document reference to the signed element itself,
     * only the enveloped and exclusive C14N transforms, and a key from a trusted certificate, never from KeyInfo.
     */
    private static Outcome validate(Element signature, Key key) {
        Outcome o = validate(signature, key, true);
        if (o.error != null && o.error.contains("forbidden to use algorithm") && o.error.contains("sha1")) {
            Outcome again = validate(signature, key, false);
            return again.error == null ? again : o;
        }
        return o;
    }

    private static Outcome validate(Element signature, Key key, boolean secure) {
        try {
            DOMValidateContext ctx = new DOMValidateContext(key, signature);
            ctx.setProperty("org.jcp.xml.dsig.secureValidation", secure);
            XMLSignature sig = FACTORY.unmarshalXMLSignature(ctx);
            if (sig.validate(ctx)) return new Outcome(true, true, null);
            boolean digests = true;
            for (Object r : sig.getSignedInfo().getReferences()) digests &= ((Reference) r).validate(ctx);
            return new Outcome(false, digests, null);
        } catch (XMLSignatureException | MarshalException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Throwable c = e.getCause();
            if (c != null && c.getMessage() != null) m = m + ": " + c.getMessage();
            return new Outcome(false, true, "verification refused: " + Structure.clip(m.replaceAll("\\s+", " ")));
        }
    }

    private static X509Certificate embedded(XMLSignature sig) {
        if (sig.getKeyInfo() == null) return null;
        for (Object o : sig.getKeyInfo().getContent()) {
            if (o instanceof X509Data xd) {
                for (Object c : xd.getContent()) if (c instanceof X509Certificate x) return x;
            }
        }
        return null;
    }

}
