package dev.tokenscope.engine.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import dev.tokenscope.engine.report.KeyView;

import java.util.Optional;

/**
 * What the trust chain established for the token being checked: the issuer's metadata and the matched
 * signing key. Checks that need them read them here; {@link #none(String)} is the state when no trust
 * material could be had, with the reason.
 */
public class TrustState {
    private final String unavailableReason;

    protected TrustState(String unavailableReason) {
        this.unavailableReason = unavailableReason;
    }

    public static TrustState none(String reason) {
        return new TrustState(reason);
    }

    /** Why metadata and keys are not available (null when they are). */
    public String unavailableReason() {
        return unavailableReason;
    }

    /** The issuer's OpenID metadata document, when it was obtained. */
    public Optional<JsonNode> metadata() {
        return Optional.empty();
    }

    /** The "issuer" of the metadata, when it was obtained. */
    public Optional<String> metadataIssuer() {
        return metadata().map(m -> m.path("issuer")).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /**
     * The matched key (or the searched key set) as shown in the report: {@code verified}, the key that verified the
     * signature (the signature step's outcome; null when none did), else the only candidate.
     */
    public Optional<KeyView> keyView(JWK verified) {
        return Optional.empty();
    }

    /** The own "issuer" property (Entra key sets carry one) of the key {@link #keyView} shows, when there is one. */
    public Optional<String> keyIssuer(JWK verified) {
        return Optional.empty();
    }
}
