package dev.tokenscope.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The signing key that matched (or, when none did, the key set that was searched), with everything a
 * support engineer needs to compare it with the issuer's published keys.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyView(String kid, String kty, String alg, String use, Integer sizeBits, String thumbprint,
                      String issuer, String matchedBy, CertificateView certificate, String source,
                      String fetchedAt, String cacheAge, List<KeySummary> keySet) {

    /** The key's X.509 certificate (first of x5c), if the JWK has one. */
    public record CertificateView(String subject, String issuer, String notBefore, String notAfter, String sha1Thumbprint,
                                  String sha256Thumbprint) {
    }

    /** One key of the set, so a user sees "kid X is not among these 6 keys". */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeySummary(String kid, String kty, String alg, String use, String x5t, String issuer, boolean matched) {
    }
}
