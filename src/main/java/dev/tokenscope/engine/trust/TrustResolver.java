package dev.tokenscope.engine.trust;

import dev.tokenscope.engine.check.ValidationProfile;
import dev.tokenscope.engine.token.DecodedToken;

/** Obtains the trust material (metadata, key set) for a token. */
public interface TrustResolver {
    TrustState resolve(DecodedToken token, ValidationProfile profile);

    static TrustResolver offlineOnly() {
        return (token, profile) -> TrustState.none("no metadata or keys were given");
    }
}
