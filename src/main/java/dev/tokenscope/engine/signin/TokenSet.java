package dev.tokenscope.engine.signin;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a sign-in produced. Held in memory only: nothing here is ever written to disk, and {@link #toString()}
 * shows no token. The access token goes to the inspector; the ID token is one click away; the refresh token can
 * be redeemed with {@link SignInClient#refresh}.
 */
public final class TokenSet {
    /** OpenID Connect scopes Entra does not always echo in {@code scope}. */
    static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "email", "offline_access");

    private final Grant grant;
    private final String authority;
    private final String clientId;
    private final Secret accessToken;
    private final Secret idToken;
    private final Secret refreshToken;
    private final String tokenType;
    private final Long expiresIn;
    private final List<String> requestedScopes;
    private final List<String> grantedScopes;
    private final Instant obtainedAt;

    public TokenSet(Grant grant, String authority, String clientId, Secret accessToken, Secret idToken, Secret refreshToken,
                    String tokenType, Long expiresIn, List<String> requestedScopes, List<String> grantedScopes, Instant obtainedAt) {
        this.grant = grant;
        this.authority = authority;
        this.clientId = clientId;
        this.accessToken = accessToken;
        this.idToken = idToken;
        this.refreshToken = refreshToken;
        this.tokenType = tokenType;
        this.expiresIn = expiresIn;
        this.requestedScopes = requestedScopes == null ? List.of() : List.copyOf(requestedScopes);
        this.grantedScopes = grantedScopes == null ? null : List.copyOf(grantedScopes);
        this.obtainedAt = obtainedAt;
    }

    /** The grant that produced these tokens. */
    public Grant grant() {
        return grant;
    }

    public String authority() {
        return authority;
    }

    public String clientId() {
        return clientId;
    }

    /** The access token itself, for the inspector. */
    public String accessToken() {
        return accessToken.reveal();
    }

    public Optional<String> idToken() {
        return idToken == null ? Optional.empty() : Optional.of(idToken.reveal());
    }

    /** The refresh token, kept wrapped: pass it to {@link SignInClient#refresh}. */
    public Optional<Secret> refreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    public String tokenType() {
        return tokenType;
    }

    /** Seconds, as the provider said (null when it did not). */
    public Long expiresIn() {
        return expiresIn;
    }

    public Instant obtainedAt() {
        return obtainedAt;
    }

    public Optional<Instant> expiresAt() {
        return expiresIn == null ? Optional.empty() : Optional.of(obtainedAt.plusSeconds(expiresIn));
    }

    public List<String> requestedScopes() {
        return requestedScopes;
    }

    /** The {@code scope} of the token response; null when the provider did not report it (RFC 6749: then as requested). */
    public List<String> grantedScopes() {
        return grantedScopes;
    }

    /** Requested vs granted, with what the access token itself carries ({@code scp} / {@code roles}). */
    public ScopeComparison scopes() {
        return ScopeComparison.of(requestedScopes, grantedScopes, refreshToken != null, idToken != null, tokenPermissions());
    }

    /** The access token's {@code scp} (space-separated) and {@code roles}, read without verification; empty when opaque. */
    public List<String> tokenPermissions() {
        List<String> out = new ArrayList<>();
        try {
            JWTClaimsSet c = JWTParser.parse(accessToken.reveal()).getJWTClaimsSet();
            Object scp = c.getClaim("scp");
            if (scp instanceof String s) for (String x : s.trim().split("\\s+")) if (!x.isEmpty()) out.add(x);
            Object roles = c.getClaim("roles");
            if (roles instanceof List<?> l) for (Object r : l) out.add(String.valueOf(r));
        } catch (ParseException | RuntimeException e) {
            // opaque or encrypted: nothing to read
        }
        return out;
    }

    @Override
    public String toString() {
        return "TokenSet[" + grant.grantType() + ", access token " + accessToken + (idToken != null ? ", ID token" : "")
                + (refreshToken != null ? ", refresh token" : "") + "]";
    }

    /**
     * Scopes asked for vs granted.
     *
     * @param granted          the response's scope, or null when not reported
     * @param notGranted       requested but absent from the grant (OpenID scopes count as granted when their token came back)
     * @param extra            granted without being requested (e.g. the permissions behind {@code .default})
     * @param inToken          the access token's own {@code scp}/{@code roles}
     */
    public record ScopeComparison(List<String> requested, List<String> granted, List<String> notGranted, List<String> extra,
                                  List<String> inToken) {
        static ScopeComparison of(List<String> requested, List<String> granted, boolean hasRefresh, boolean hasId, List<String> inToken) {
            if (granted == null) return new ScopeComparison(requested, null, List.of(), List.of(), inToken);
            List<String> missing = new ArrayList<>();
            for (String r : requested) {
                String lr = r.toLowerCase(Locale.ROOT);
                if (lr.equals("offline_access") && hasRefresh) continue;
                if ((lr.equals("openid") || lr.equals("profile") || lr.equals("email")) && hasId) continue;
                if (r.endsWith("/.default") || r.equals(".default")) continue;
                if (granted.stream().noneMatch(g -> same(g, r))) missing.add(r);
            }
            Set<String> extra = new LinkedHashSet<>();
            for (String g : granted) if (requested.stream().noneMatch(r -> same(g, r))) extra.add(g);
            return new ScopeComparison(requested, granted, missing, new ArrayList<>(extra), inToken);
        }

        /** Equal ignoring case, or one is the other without its resource prefix (User.Read vs https://graph.microsoft.com/User.Read). */
        static boolean same(String a, String b) {
            String x = a.toLowerCase(Locale.ROOT), y = b.toLowerCase(Locale.ROOT);
            return x.equals(y) || x.endsWith("/" + y) || y.endsWith("/" + x);
        }
    }
}
