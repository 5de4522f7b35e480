package dev.tokenscope.engine.saml;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Entra federation metadata ({@code …/federationmetadata/2007-06/federationmetadata.xml}, with {@code ?appid=} for an
 * enterprise app's own certificate): the entity ID and the {@code IDPSSODescriptor}'s signing certificates. Read from a
 * string (the files Entra serves start with a UTF-8 byte order mark); fetching is the caller's business.
 *
 * @param entityId     the metadata's entityID (Entra: {@code https://sts.windows.net/{tenant}/})
 * @param certificates the signing certificates, in document order, duplicates removed
 */
public record FederationMetadata(String entityId, List<TrustedCertificate> certificates) {
    public FederationMetadata {
        certificates = List.copyOf(certificates);
    }

    public static FederationMetadata parse(String xml) throws SamlException {
        Document d = SafeXml.parse(xml, "The federation metadata");
        Element root = d.getDocumentElement();
        if (!Dom.is(root, Dom.MD, "EntityDescriptor")) {
            throw new SamlException("Not federation metadata: the root element is " + Dom.name(root) + ", not md:EntityDescriptor");
        }
        String entity = Dom.attr(root, "entityID");
        String source = "federation metadata" + (entity == null ? "" : " (" + entity + ")");
        List<TrustedCertificate> certs = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Element idp : Dom.children(root, Dom.MD, "IDPSSODescriptor")) {
            for (Element kd : Dom.children(idp, Dom.MD, "KeyDescriptor")) {
                String use = Dom.attr(kd, "use");
                if (use != null && !use.equals("signing")) continue;
                for (Element x : Dom.all(kd, Dom.DS, "X509Certificate")) {
                    TrustedCertificate t = new TrustedCertificate(certificate(x.getTextContent()), source);
                    if (!seen.contains(t.sha1())) {
                        seen.add(t.sha1());
                        certs.add(t);
                    }
                }
            }
        }
        if (certs.isEmpty()) throw new SamlException("The federation metadata has no IDPSSODescriptor signing certificate");
        return new FederationMetadata(entity, certs);
    }

    /** A base64 DER certificate (whitespace ignored), as in ds:X509Certificate. */
    public static X509Certificate certificate(String base64) throws SamlException {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64.strip());
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
            throw new SamlException("An X509Certificate is not a readable certificate");
        }
    }
}
