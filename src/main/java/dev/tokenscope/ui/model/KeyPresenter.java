package dev.tokenscope.ui.model;

import dev.tokenscope.engine.report.KeyView;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.text.SafeText;
import dev.tokenscope.engine.token.TokenKind;

import java.util.ArrayList;
import java.util.List;

/** The Signing key tab: the matched key's details, its certificate and the key set, or why there is no key. */
public final class KeyPresenter {
    private KeyPresenter() {
    }

    /** One label/value line. */
    public record Field(String label, String value) {
    }

    /** The tab's title line and whether it reads as a match (status-pass) or not (status-fail). */
    public record Title(String text, boolean matched) {
    }

    /** True when the report is about a SAML message: its key is a certificate from federation metadata, with no JWK fields. */
    public static boolean isSaml(Report r) {
        return r != null && r.token() != null && r.token().kind() == TokenKind.SAML;
    }

    public static Title title(Report r) {
        KeyView k = r == null ? null : r.key();
        if (k == null) return new Title("", false);
        if (isSaml(r)) {
            boolean inMetadata = r.step("key-match").map(s -> s.status() == Status.PASS).orElse(false);
            String sha1 = k.certificate() == null ? k.thumbprint() : k.certificate().sha1Thumbprint();
            return inMetadata
                    ? new Title("Signed with the certificate " + SafeText.line(nz(sha1)) + " from federation metadata", true)
                    : new Title("The signing certificate " + SafeText.line(nz(sha1)) + " is not in the federation metadata", false);
        }
        boolean matched = k.keySet() == null || k.keySet().stream().anyMatch(KeyView.KeySummary::matched);
        return matched && k.kid() != null ? new Title("Signed with kid " + k.kid(), true)
                : new Title("No key in the set matched the token's kid", false);
    }

    /** The certificate section's title: a JWT's key carries it in x5c; a SAML message's is the signing certificate. */
    public static String certificateTitle(Report r) {
        return isSaml(r) ? "Signing certificate (X.509, from the message's KeyInfo, compared with the federation metadata)"
                : "Certificate (x5c)";
    }

    /** The key's details in display order; empty values are left out. */
    public static List<Field> fields(KeyView k) {
        return fields(k, false);
    }

    /** As {@link #fields(KeyView)}; for a SAML message without the JWK-only fields (its thumbprint is the certificate's, shown below). */
    public static List<Field> fields(KeyView k, boolean saml) {
        List<Field> out = new ArrayList<>();
        if (k == null) return out;
        boolean matched = k.keySet() == null || k.keySet().stream().anyMatch(KeyView.KeySummary::matched);
        if (saml) {
            add(out, "Key type", k.kty() == null ? null : k.kty() + (k.sizeBits() != null ? ", " + k.sizeBits() + " bits" : ""));
            add(out, "Signature algorithm", k.alg());
            add(out, "Matched by", k.matchedBy());
            add(out, "Source", k.source());
            add(out, "Fetched", k.fetchedAt() == null || k.fetchedAt().startsWith("1970-") ? null : k.fetchedAt());
            add(out, "Cache", k.cacheAge());
            return out;
        }
        add(out, "Key ID (kid)", k.kid());
        add(out, "Key type", k.kty() == null ? null : k.kty() + (k.sizeBits() != null ? ", " + k.sizeBits() + " bits" : ""));
        add(out, "Algorithm", k.alg());
        add(out, "Use", k.use());
        add(out, "Matched by", matched ? k.matchedBy() : "no key matched");
        add(out, "Thumbprint (JWK, SHA-256)", k.thumbprint());
        add(out, "Key issuer", k.issuer());
        add(out, "Source", k.source());
        add(out, "Fetched", k.fetchedAt() == null || k.fetchedAt().startsWith("1970-") ? null : k.fetchedAt());
        add(out, "Cache", k.cacheAge());
        return out;
    }

    public static List<Field> certificate(KeyView k) {
        List<Field> out = new ArrayList<>();
        if (k == null || k.certificate() == null) return out;
        KeyView.CertificateView c = k.certificate();
        add(out, "Subject", c.subject());
        add(out, "Issuer", c.issuer());
        add(out, "Valid from", c.notBefore());
        add(out, "Valid until", c.notAfter());
        add(out, "SHA-1 thumbprint (x5t)", c.sha1Thumbprint());
        add(out, "SHA-256 thumbprint", c.sha256Thumbprint());
        return out;
    }

    /** Why there is no key to show, in the words of the steps that looked for one. */
    public static String placeholder(Report r) {
        if (r == null) return "Inspect a token to see the key that signed it.";
        if (r.token() == null) return "No token was found in the input, so no signing key was looked up.";
        StringBuilder sb = new StringBuilder("No signing key to show.");
        for (String id : List.of("metadata", "keys", "key-match", "signature")) {
            Step s = r.step(id).orElse(null);
            if (s == null) continue;
            if (s.status() == Status.PASS && !id.equals("signature")) continue;
            if (!s.detail().isBlank()) sb.append("\n").append(StepPresenter.title(s)).append(" (").append(StepPresenter.word(s.status()))
                    .append("): ").append(StepPresenter.detail(s));
        }
        sb.append("\n\nGive the issuer's metadata or key set in the API profile (a URL or a file), or turn off \"Offline\" so Tokenscope "
                + "can fetch them.");
        return sb.toString();
    }

    /** The key tab as plain text, for the copy button. */
    public static String copyText(KeyView k) {
        StringBuilder sb = new StringBuilder();
        for (Field f : fields(k)) sb.append(f.label()).append(": ").append(f.value()).append('\n');
        List<Field> cert = certificate(k);
        if (!cert.isEmpty()) {
            sb.append("Certificate\n");
            for (Field f : cert) sb.append("  ").append(f.label()).append(": ").append(f.value()).append('\n');
        }
        if (k.keySet() != null) {
            sb.append("Key set (").append(k.keySet().size()).append(" keys)\n");
            for (KeyView.KeySummary s : k.keySet()) {
                sb.append(s.matched() ? "* " : "  ").append(SafeText.line(s.kid())).append("  ").append(SafeText.line(nz(s.kty())))
                        .append(' ')
                        .append(SafeText.line(nz(s.use()))).append(s.x5t() != null ? "  x5t " + SafeText.line(s.x5t()) : "").append('\n');
            }
        }
        return sb.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void add(List<Field> out, String label, String value) {
        if (value != null && !value.isBlank()) out.add(new Field(label, SafeText.line(value))); // a key set's texts come from the network
    }

}
