package dev.tokenscope.engine.saml;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate the caller trusts to sign SAML messages (from federation metadata or a file), and where it came from.
 *
 * @param certificate the X.509 certificate
 * @param source      "federation metadata (https://sts.windows.net/…/)", a file name …
 */
public record TrustedCertificate(X509Certificate certificate, String source) {
    /** The SHA-1 thumbprint in upper-case hex, as the Entra admin centre shows it. */
    public String sha1() {
        return thumbprint(certificate, "SHA-1");
    }

    public String sha256() {
        return thumbprint(certificate, "SHA-256");
    }

    static String thumbprint(X509Certificate c, String alg) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(c.getEncoded())).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "?";
        }
    }
}
