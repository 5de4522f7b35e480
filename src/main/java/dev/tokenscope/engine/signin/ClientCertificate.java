package dev.tokenscope.engine.signin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client certificate credential (RFC 7523 client assertion, as Entra expects): the private key and certificate
 * from a PEM file (unencrypted PKCS#8 key + certificate) or a PKCS#12/PFX file. Kept in memory; the file is only
 * read. The assertion carries {@code x5t} and {@code x5t#S256} so Entra finds the uploaded certificate.
 */
public final class ClientCertificate {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final PrivateKey key;
    private final X509Certificate certificate;

    public ClientCertificate(PrivateKey key, X509Certificate certificate) {
        if (!(key instanceof RSAPrivateKey) && !(key instanceof ECPrivateKey)) {
            throw new IllegalArgumentException("the certificate's key must be RSA or EC, not " + key.getAlgorithm());
        }
        this.key = key;
        this.certificate = certificate;
    }

    /** Reads a .pem/.crt/.key (PEM) or .pfx/.p12 (PKCS#12) file; {@code password} is for PKCS#12 (may be null). */
    public static ClientCertificate fromFile(Path file, char[] password) throws IOException {
        byte[] data = Files.readAllBytes(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pfx") || name.endsWith(".p12") || !new String(data, StandardCharsets.US_ASCII).contains("-----BEGIN")) {
            return fromPkcs12(data, password);
        }
        return fromPem(new String(data, StandardCharsets.US_ASCII));
    }

    /** A PEM text holding an unencrypted PKCS#8 private key ("PRIVATE KEY") and the certificate. */
    public static ClientCertificate fromPem(String pem) throws IOException {
        PrivateKey key = null;
        X509Certificate cert = null;
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            try {
                switch (type) {
                    case "PRIVATE KEY" -> key = pkcs8(der);
                    case "CERTIFICATE" -> {
                        if (cert == null) cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                                .generateCertificate(new ByteArrayInputStream(der));
                    }
                    case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IOException("the key is in the old " + type
                            + " form; convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
                    case "ENCRYPTED PRIVATE KEY" -> throw new IOException(
                            "the PEM key is encrypted; use a PFX file with a password, or decrypt it with openssl pkcs8");
                    default -> {
                        // other blocks (chain certificates, parameters) are ignored
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("could not read the PEM " + type.toLowerCase(Locale.ROOT) + ": " + e.getMessage(), e);
            }
        }
        if (key == null) throw new IOException("no \"-----BEGIN PRIVATE KEY-----\" block in the PEM file");
        if (cert == null) throw new IOException("no \"-----BEGIN CERTIFICATE-----\" block in the PEM file");
        return new ClientCertificate(key, cert);
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }

    public static ClientCertificate fromPkcs12(byte[] data, char[] password) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(data), password == null ? new char[0] : password);
            Enumeration<String> aliases = ks.aliases();
            while (aliases.hasMoreElements()) {
                String a = aliases.nextElement();
                if (!ks.isKeyEntry(a)) continue;
                Key k = ks.getKey(a, password == null ? new char[0] : password);
                if (k instanceof PrivateKey pk && ks.getCertificate(a) instanceof X509Certificate c) return new ClientCertificate(pk, c);
            }
            throw new IOException("the PKCS#12 file has no private key with a certificate");
        } catch (GeneralSecurityException e) {
            throw new IOException("could not open the PKCS#12 file (wrong password?): " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-1 thumbprint in hex, as the Entra portal shows it. */
    public String thumbprint() {
        return HexFormat.of().withUpperCase().formatHex(digest("SHA-1"));
    }

    private byte[] digest(String alg) {
        try {
            return MessageDigest.getInstance(alg).digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed client assertion for {@code audience} (the token endpoint), valid for 10 minutes. */
    @SuppressWarnings("deprecation")
    public String assertion(String clientId, String audience, Instant now) throws SignInException {
        try {
            JWSAlgorithm alg = key instanceof RSAPrivateKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
            JWSHeader header = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT)
                    .x509CertThumbprint(Base64URL.encode(digest("SHA-1")))
                    .x509CertSHA256Thumbprint(Base64URL.encode(digest("SHA-256"))).build();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                    .jwtID(UUID.randomUUID().toString()).notBeforeTime(Date.from(now)).issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(600))).build();
            SignedJWT jwt = new SignedJWT(header, claims);
            JWSSigner signer = key instanceof RSAPrivateKey r ? new RSASSASigner(r) : new ECDSASigner((ECPrivateKey) key);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new SignInException(SignInException.Kind.CONFIG, "could not sign the client assertion: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ClientCertificate[" + certificate.getSubjectX500Principal().getName() + ", thumbprint " + thumbprint() + "]";
    }
}
