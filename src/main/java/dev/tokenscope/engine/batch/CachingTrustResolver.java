package dev.tokenscope.engine.batch;

import com.nimbusds.jwt.SignedJWT;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.entra.TokenFacts;
import dev.tokenscope.engine.token.DecodedToken;
import dev.tokenscope.engine.trust.ResolvedTrust;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.engine.trust.TrustState;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves each trust chain once per batch: tokens from the same issuer (iss, ver, B2C policy) naming the same key
 * share one resolution, so metadata and keys are fetched and parsed once however many tokens there are. When the
 * key was not found the resolution also depends on the audience and client (Entra's app-specific keys), so those
 * join the cache key. Concurrent callers for the same chain wait for the first one.
 */
final class CachingTrustResolver implements TrustResolver {
    /** Distinct chains kept; past this, resolutions are no longer cached (a batch has a handful). */
    static final int MAX_CHAINS = 4096;

    private final TrustResolver delegate;
    private final ConcurrentHashMap<String, TrustState> chains = new ConcurrentHashMap<>();

    CachingTrustResolver(TrustResolver delegate) {
        this.delegate = delegate;
    }

    @Override
    public TrustState resolve(DecodedToken token, ValidationProfile profile) {
        String key = chainKey(token);
        TrustState known = chains.get(key);
        if (known == null) {
            if (chains.size() >= MAX_CHAINS) return resolveWithAudience(token, profile, key);
            known = chains.computeIfAbsent(key, k -> safely(token, profile));
        }
        if (known instanceof ResolvedTrust rt && rt.jwksOutcome() != null && rt.jwksOutcome().ok() && !rt.match().found()) {
            return resolveWithAudience(token, profile, key);
        }
        return known;
    }

    private TrustState resolveWithAudience(DecodedToken token, ValidationProfile profile, String key) {
        TokenFacts f = new TokenFacts(token);
        String full = key + "\u0000" + String.join(",", f.audiences()) + "\u0000" + f.clientId();
        if (chains.size() >= MAX_CHAINS) {
            TrustState t = chains.get(full);
            return t != null ? t : safely(token, profile);
        }
        return chains.computeIfAbsent(full, k -> safely(token, profile));
    }

    /** A resolver that fails (interrupted while the batch shuts down …) leaves the verdict open instead of failing the line. */
    private TrustState safely(DecodedToken token, ValidationProfile profile) {
        try {
            return delegate.resolve(token, profile);
        } catch (RuntimeException e) {
            return TrustState.none("the trust chain could not be resolved: " + e.getMessage());
        }
    }

    @Override
    public java.util.Set<String> claimValuesRead() {
        return delegate.claimValuesRead();
    }

    int size() {
        return chains.size();
    }

    static String chainKey(DecodedToken token) {
        TokenFacts f = new TokenFacts(token);
        StringBuilder sb = new StringBuilder(160);
        sb.append(f.iss()).append('\u0000').append(f.ver()).append('\u0000').append(f.policy()).append('\u0000').append(f.tid());
        if (token.jwt() instanceof SignedJWT s) {
            var h = s.getHeader();
            sb.append('\u0000').append(h.getAlgorithm()).append('\u0000').append(h.getKeyID())
                    .append('\u0000').append(h.getX509CertThumbprint()).append('\u0000').append(h.getX509CertSHA256Thumbprint());
        } else {
            sb.append("\u0000-");
        }
        return sb.toString();
    }
}
