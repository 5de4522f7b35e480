package dev.tokenscope.engine.trust;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.util.List;

/**
 * Finds the key(s) of a set that may have signed a token: by kid (exact, opaque string), then x5t, then
 * x5t#S256; when the header names no key, every key of a fitting type is a candidate.
 *
 * @param candidates the keys to try (one when matched by an identifier)
 * @param by         how they were found: "kid", "x5t", "x5t#S256", "type" (header names no key), or null when none
 */
public record KeyMatch(List<JWK> candidates, String by) {

    public boolean found() {
        return !candidates.isEmpty();
    }

    public static KeyMatch find(List<JWK> keys, JWSHeader header) {
        String kid = header.getKeyID();
        if (kid != null) {
            List<JWK> byKid = keys.stream().filter(k -> kid.equals(k.getKeyID())).toList();
            return byKid.isEmpty() ? new KeyMatch(List.of(), null) : new KeyMatch(byKid, "kid");
        }
        if (header.getX509CertThumbprint() != null) {
            String x5t = header.getX509CertThumbprint().toString();
            List<JWK> m = keys.stream().filter(k -> (k.getX509CertThumbprint() != null && x5t.equals(k.getX509CertThumbprint().toString()))
                    || x5t.equals(k.getKeyID())).toList();
            return m.isEmpty() ? new KeyMatch(List.of(), null) : new KeyMatch(m, "x5t");
        }
        if (header.getX509CertSHA256Thumbprint() != null) {
            String t = header.getX509CertSHA256Thumbprint().toString();
            List<JWK> m = keys.stream()
                    .filter(k -> k.getX509CertSHA256Thumbprint() != null && t.equals(k.getX509CertSHA256Thumbprint().toString()))
                    .toList();
            return m.isEmpty() ? new KeyMatch(List.of(), null) : new KeyMatch(m, "x5t#S256");
        }
        List<JWK> fitting = keys.stream().filter(k -> fits(k, header.getAlgorithm())).toList();
        return new KeyMatch(fitting, fitting.isEmpty() ? null : "type");
    }

    /** Whether a key's type fits an algorithm (RSA for RS/PS, EC of the right curve for ES). */
    public static boolean fits(JWK k, JWSAlgorithm alg) {
        if (alg == null) return false;
        if (JWSAlgorithm.Family.RSA.contains(alg)) return k instanceof RSAKey;
        if (JWSAlgorithm.Family.EC.contains(alg)) {
            if (!(k instanceof ECKey ec)) return false;
            return Curve.forJWSAlgorithm(alg) == null || Curve.forJWSAlgorithm(alg).contains(ec.getCurve());
        }
        return false;
    }

    /** Why a published key must not verify this token, or null when it may. */
    public static String unusable(JWK key, String alg) {
        if (!(key instanceof AsymmetricJWK)) return "not an asymmetric key (" + key.getKeyType() + "); never used to verify";
        if (KeyUse.ENCRYPTION.equals(key.getKeyUse())) return "marked \"use\": \"enc\" (an encryption key)";
        if (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
            return "its key_ops don't include verify";
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg)) {
            return "published for " + key.getAlgorithm().getName() + ", not " + alg;
        }
        if (!fits(key, JWSAlgorithm.parse(alg))) return "a " + key.getKeyType() + " key can't verify " + alg;
        return null;
    }

    /** What the header names, for messages: "kid abc", "x5t …", or "no key identifier". */
    public static String named(JWSHeader h) {
        if (h.getKeyID() != null) return "kid " + h.getKeyID();
        if (h.getX509CertThumbprint() != null) return "x5t " + h.getX509CertThumbprint();
        if (h.getX509CertSHA256Thumbprint() != null) return "x5t#S256 " + h.getX509CertSHA256Thumbprint();
        return "no key identifier";
    }
}
