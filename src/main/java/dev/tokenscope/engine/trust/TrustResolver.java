package dev.tokenscope.engine.trust;

import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.token.DecodedToken;

/** Obtains the trust material (metadata, key set) for a token. */
public interface TrustResolver {
    TrustState resolve(DecodedToken token, ValidationProfile profile);

    /**
     * The claims whose values the trust state depends on besides the header (the batch keys shared trust work on them);
     * null = unknown (then the batch shares nothing and sends every token the Inspector's whole way).
     */
    default java.util.Set<String> claimValuesRead() {
        return null;
    }

    static TrustResolver offlineOnly() {
        return new TrustResolver() {
            @Override
            public TrustState resolve(DecodedToken token, ValidationProfile profile) {
                return TrustState.none("no metadata or keys were given");
            }

            @Override
            public java.util.Set<String> claimValuesRead() {
                return java.util.Set.of();
            }
        };
    }
}
