package dev.tokenscope.engine.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.net.FetchException;
import dev.tokenscope.engine.report.KeyView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outcome of resolving a token's trust chain: metadata, key set, the key match, and the story of how. */
public final class ResolvedTrust extends TrustState {
    /** Outcome of loading one document: the document, or why there is none. */
    public record Outcome(DocumentStore.Doc doc, String source, FetchException error, String skipped) {
        public boolean ok() { return doc != null; }
    }

    Outcome metadata;
    Outcome jwks;
    List<JWK> keys = List.of();
    Map<JWK, ObjectNode> rawKeys = Map.of();
    List<String> skippedKeys = List.of();
    KeyMatch match = new KeyMatch(List.of(), null);
    /** The key that verified the signature (set by the signature step), else the first candidate. */
    JWK verifiedKey;
    String appSpecificAppId;
    final List<String> story = new ArrayList<>();
    final Instant now;

    ResolvedTrust(Instant now) {
        super(null);
        this.now = now;
    }

    public Outcome metadataOutcome() { return metadata; }

    public Outcome jwksOutcome() { return jwks; }

    public List<JWK> keys() { return keys; }

    public List<String> skippedKeys() { return skippedKeys; }

    public KeyMatch match() { return match; }

    public String appSpecificAppId() { return appSpecificAppId; }

    /** What the resolver did, in order ("fetched …", "kid not found, refetched …"), for the steps' evidence. */
    public List<String> story() { return List.copyOf(story); }

    public Instant now() { return now; }

    public void verifiedWith(JWK key) {
        this.verifiedKey = key;
    }

    public Optional<ObjectNode> rawKey(JWK key) {
        return Optional.ofNullable(rawKeys.get(key));
    }

    @Override
    public String unavailableReason() {
        if (jwks != null && jwks.ok()) return null;
        if (jwks != null && jwks.error() != null) return jwks.error().getMessage();
        if (jwks != null && jwks.skipped() != null) return jwks.skipped();
        if (metadata != null && metadata.error() != null) return metadata.error().getMessage();
        return "no key set";
    }

    @Override
    public Optional<JsonNode> metadata() {
        return metadata != null && metadata.ok() ? Optional.of(metadata.doc().json()) : Optional.empty();
    }

    private JWK shownKey() {
        return verifiedKey != null ? verifiedKey : match.found() && match.candidates().size() == 1 ? match.candidates().get(0) : null;
    }

    @Override
    public Optional<String> keyIssuer() {
        JWK k = shownKey();
        if (k == null) return Optional.empty();
        return rawKey(k).map(r -> r.path("issuer")).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    @Override
    public Optional<KeyView> keyView() {
        if (jwks == null || !jwks.ok()) return Optional.empty();
        return Optional.of(KeyViews.of(shownKey(), match.by(), this));
    }
}
