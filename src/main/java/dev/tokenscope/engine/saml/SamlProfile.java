package dev.tokenscope.engine.saml;

import java.time.Duration;
import java.util.List;

/**
 * What a SAML message is judged against. Every field is optional: a missing one turns its step into information.
 *
 * @param certificates  the certificates trusted to sign (federation metadata, a file); none → the signature is not verified
 * @param issuer        the expected issuer ({@code https://sts.windows.net/{tenant}/}); null → the metadata's entity ID
 *                      when given, else only the shape is checked
 * @param audience      the app's Entity ID (Identifier), compared with AudienceRestriction
 * @param replyUrl      the app's reply (ACS) URL, compared with Recipient and Destination
 * @param authnRequest  the AuthnRequest's ID, or the AuthnRequest itself in any input form, compared with InResponseTo
 * @param skew          clock skew allowed on each time (default 5 minutes)
 * @param metadataIssuer the federation metadata's entity ID, when the certificates came from it
 * @param trustSource   where the certificates came from, in words (a URL, a file), for the {@code metadata} step; null
 *                      when the caller gave certificates directly
 * @param trustProblem  why there are no certificates (the metadata could not be loaded, the issuer is not Entra's): the
 *                      {@code metadata} step fails with it and the verdict stays undetermined
 */
public record SamlProfile(List<TrustedCertificate> certificates, String issuer, String audience, String replyUrl,
                          String authnRequest, Duration skew, String metadataIssuer, String trustSource, String trustProblem) {
    public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);

    public SamlProfile(List<TrustedCertificate> certificates, String issuer, String audience, String replyUrl,
                       String authnRequest, Duration skew, String metadataIssuer) {
        this(certificates, issuer, audience, replyUrl, authnRequest, skew, metadataIssuer, null, null);
    }

    public SamlProfile {
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
        skew = skew == null ? DEFAULT_SKEW : skew;
    }

    /** Nothing expected, nothing trusted: decode and explain only. */
    public static SamlProfile none() {
        return new SamlProfile(List.of(), null, null, null, null, null, null);
    }

    /** Trusts the signing certificates of {@code m}, and expects its entity ID as the issuer unless one is set. */
    public SamlProfile withMetadata(FederationMetadata m) {
        return new SamlProfile(m.certificates(), issuer, audience, replyUrl, authnRequest, skew, m.entityId(), trustSource, trustProblem);
    }

    public SamlProfile withCertificates(List<TrustedCertificate> c) {
        return new SamlProfile(c, issuer, audience, replyUrl, authnRequest, skew, metadataIssuer, trustSource, trustProblem);
    }

    public SamlProfile withAudience(String a) {
        return new SamlProfile(certificates, issuer, a, replyUrl, authnRequest, skew, metadataIssuer, trustSource, trustProblem);
    }

    public SamlProfile withIssuer(String i) {
        return new SamlProfile(certificates, i, audience, replyUrl, authnRequest, skew, metadataIssuer, trustSource, trustProblem);
    }

    public SamlProfile withReplyUrl(String r) {
        return new SamlProfile(certificates, issuer, audience, r, authnRequest, skew, metadataIssuer, trustSource, trustProblem);
    }

    public SamlProfile withAuthnRequest(String r) {
        return new SamlProfile(certificates, issuer, audience, replyUrl, r, skew, metadataIssuer, trustSource, trustProblem);
    }

    public SamlProfile withSkew(Duration s) {
        return new SamlProfile(certificates, issuer, audience, replyUrl, authnRequest, s, metadataIssuer, trustSource, trustProblem);
    }

    /** Where the trusted certificates came from ({@code source}), or why there are none ({@code problem}). */
    public SamlProfile withTrust(String source, String problem) {
        return new SamlProfile(certificates, issuer, audience, replyUrl, authnRequest, skew, metadataIssuer, source, problem);
    }

    /** The issuer expected: the explicit one, else the metadata's entity ID, else null. */
    String expectedIssuer() {
        return issuer != null ? issuer : metadataIssuer;
    }
}
