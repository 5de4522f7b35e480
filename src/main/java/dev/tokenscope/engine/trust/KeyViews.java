package dev.tokenscope.engine.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.X509CertUtils;
import dev.tokenscope.engine.claims.HumanTime;
import dev.tokenscope.engine.report.KeyView;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/** Builds the report's view of a key and its key set. */
final class KeyViews {
    private KeyViews() {
    }

    static KeyView of(JWK key, String matchedBy, ResolvedTrust t) {
        List<KeyView.KeySummary> set = t.keys().stream().map(k -> new KeyView.KeySummary(k.getKeyID(), k.getKeyType().getValue(),
                k.getAlgorithm() == null ? null : k.getAlgorithm().getName(), k.getKeyUse() == null ? null : k.getKeyUse().identifier(),
                k.getX509CertThumbprint() == null ? null : k.getX509CertThumbprint().toString(),
                t.rawKey(k).map(r -> r.path("issuer")).filter(JsonNode::isTextual).map(JsonNode::asText).orElse(null), k == key)).toList();
        ResolvedTrust.Outcome src = t.jwksOutcome();
        String source = src.doc().source();
        String fetched = src.doc().fetchedAt().equals(java.time.Instant.EPOCH) ? null : HumanTime.utc(src.doc().fetchedAt());
        String age = src.doc().file() ? "from a file you chose" : src.doc().note() + " (" + src.doc().age(t.now()) + ")";
        if (key == null) {
            return new KeyView(null, null, null, null, null, null, null, null, null, source, fetched, age, set);
        }
        String thumb;
        try {
            thumb = key.computeThumbprint().toString();
        } catch (JOSEException e) {
            thumb = null;
        }
        Integer size = key.size() > 0 ? key.size() : null;
        if (key instanceof ECKey ec) {
            size = ec.getCurve().toECParameterSpec() == null ? size : ec.getCurve().toECParameterSpec().getOrder().bitLength();
        }
        String issuer = t.rawKey(key).map(r -> r.path("issuer")).filter(JsonNode::isTextual).map(JsonNode::asText).orElse(null);
        return new KeyView(key.getKeyID(), key.getKeyType().getValue(), key.getAlgorithm() == null ? null : key.getAlgorithm().getName(),
                key.getKeyUse() == null ? null : key.getKeyUse().identifier(), size, thumb, issuer,
                matchedBy, certificate(key), source, fetched, age, set);
    }

    static KeyView.CertificateView certificate(JWK key) {
        List<X509Certificate> chain = key.getParsedX509CertChain();
        if (chain == null || chain.isEmpty()) {
            if (key.getX509CertChain() != null && !key.getX509CertChain().isEmpty()) {
                X509Certificate c = X509CertUtils.parse(key.getX509CertChain().get(0).decode());
                if (c != null) return view(c);
            }
            return null;
        }
        return view(chain.get(0));
    }

    private static KeyView.CertificateView view(X509Certificate c) {
        try {
            byte[] der = c.getEncoded();
            return new KeyView.CertificateView(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                    HumanTime.utc(c.getNotBefore().toInstant()), HumanTime.utc(c.getNotAfter().toInstant()),
                    HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der)),
                    HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            return null;
        }
    }
}
