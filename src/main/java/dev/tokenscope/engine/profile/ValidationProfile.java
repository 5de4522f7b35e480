package dev.tokenscope.engine.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the user's API expects: the "API profile". Everything optional; an empty list means "not checked"
 * (the step then explains the value instead of judging it).
 *
 * @param audiences expected audiences (client id GUID and/or App ID URI); "v1=…"/"v2=…" apply to that token version only
 * @param tenants   allowed tenant ids
 * @param clients   allowed client application ids (azp/appid)
 * @param scopes    required delegated scopes (all of them)
 * @param roles     required app roles (all of them)
 * @param skew      allowed clock skew (Microsoft.IdentityModel's default is 5 minutes)
 * @param at        evaluate at this instant instead of now (null = now)
 * @param metadata  OpenID metadata URL or file overriding discovery (null = derive from the token)
 * @param jwks      key set URL or file overriding the metadata's jwks_uri (null = from metadata)
 * @param offline   use only files and the cache, never the network
 * @param issuers   the issuers the API accepts (exact {@code iss} values; {@code {tenantid}} in one stands for the token's
 *                  GUID tid; one starting with "=" is compared exactly, braces included, as stacks that compare
 *                  literally do). Empty: Microsoft's own authorities are trusted and any other issuer is not (its token's
 *                  verdict stays undetermined); non-empty: {@code iss} must be one of them.
 */
public record ValidationProfile(List<String> audiences, List<String> tenants, List<String> clients, List<String> scopes,
                                List<String> roles, Duration skew, Instant at, String metadata, String jwks, boolean offline,
                                List<String> issuers) {
    public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);

    public ValidationProfile {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
        clients = clients == null ? List.of() : List.copyOf(clients);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        roles = roles == null ? List.of() : List.copyOf(roles);
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
        skew = skew == null ? DEFAULT_SKEW : skew;
        if (skew.isNegative()) throw new IllegalArgumentException("clock skew must not be negative");
    }

    /** A profile that names no issuers (Microsoft's authorities trusted, others not). */
    public ValidationProfile(List<String> audiences, List<String> tenants, List<String> clients, List<String> scopes,
                             List<String> roles, Duration skew, Instant at, String metadata, String jwks, boolean offline) {
        this(audiences, tenants, clients, scopes, roles, skew, at, metadata, jwks, offline, List.of());
    }

    public static ValidationProfile defaults() {
        return new ValidationProfile(null, null, null, null, null, DEFAULT_SKEW, null, null, null, false);
    }

    public ValidationProfile withAt(Instant when) {
        return new ValidationProfile(audiences, tenants, clients, scopes, roles, skew, when, metadata, jwks, offline, issuers);
    }

    public ValidationProfile withAudiences(List<String> aud) {
        return new ValidationProfile(aud, tenants, clients, scopes, roles, skew, at, metadata, jwks, offline, issuers);
    }

    public ValidationProfile withKeys(String metadataSource, String jwksSource, boolean offlineOnly) {
        return new ValidationProfile(audiences, tenants, clients, scopes, roles, skew, at, metadataSource, jwksSource, offlineOnly,
                issuers);
    }

    public ValidationProfile withIssuers(List<String> trusted) {
        return new ValidationProfile(audiences, tenants, clients, scopes, roles, skew, at, metadata, jwks, offline, trusted);
    }

    /** True when the user chose where the keys come from (metadata or key set), which makes its issuer theirs to trust. */
    public boolean userKeys() {
        return metadata != null || jwks != null;
    }
}
