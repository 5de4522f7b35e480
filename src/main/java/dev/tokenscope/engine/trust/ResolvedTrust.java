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

    private final Outcome metadata;
    private final Outcome jwks;
    private final List<JWK> keys;
    private final Map<JWK, ObjectNode> rawKeys;
    private final List<String> skippedKeys;
    private final KeyMatch match;
    private final String appSpecificAppId;
    private final List<String> story;
    private final Instant now;

    private ResolvedTrust(Draft d) {
        super(null);
        this.metadata = d.metadata;
        this.jwks = d.jwks;
        this.keys = List.copyOf(d.keys);
        this.rawKeys = Map.copyOf(d.rawKeys);
        this.skippedKeys = List.copyOf(d.skippedKeys);
        this.match = d.match;
        this.appSpecificAppId = d.appSpecificAppId;
        this.story = List.copyOf(d.story);
        this.now = d.now;
    }

    /**
     * The resolver's working copy while it fetches and matches; {@link #build()} freezes it. A resolved trust state is
     * shared by every token of its issuer and key (batch work, many threads), so nothing in it changes after that:
     * which key verified a token is the signature step's outcome, kept by that token's own check run.
     */
    static final class Draft {
        Outcome metadata;
        Outcome jwks;
        List<JWK> keys = List.of();
        Map<JWK, ObjectNode> rawKeys = Map.of();
        List<String> skippedKeys = List.of();
        KeyMatch match = new KeyMatch(List.of(), null);
        String appSpecificAppId;
        final List<String> story = new ArrayList<>();
        final Instant now;

        Draft(Instant now) {
            this.now = now;
        }

        ResolvedTrust build() {
            return new ResolvedTrust(this);
        }
    }

    public Outcome metadataOutcome() { return metadata; }

    public Outcome jwksOutcome() { return jwks; }

    public List<JWK> keys() { return keys; }

    public List<String> skippedKeys() { return skippedKeys; }

    public KeyMatch match() { return match; }

    public String appSpecificAppId() { return appSpecificAppId; }

    /** What the resolver did, in order ("fetched …", "kid not found, refetched …"), for the steps' evidence. */
    public List<String> story() { return story; }

    public Instant now() { return now; }

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

    /** The key to show: the one that verified the signature, else the only candidate. */
    private JWK shownKey(JWK verified) {
        return verified != null ? verified : match.found() && match.candidates().size() == 1 ? match.candidates().get(0) : null;
    }

    @Override
    public Optional<String> keyIssuer(JWK verified) {
        JWK k = shownKey(verified);
        if (k == null) return Optional.empty();
        return rawKey(k).map(r -> r.path("issuer")).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    @Override
    public Optional<KeyView> keyView(JWK verified) {
        if (jwks == null || !jwks.ok()) return Optional.empty();
        return Optional.of(KeyViews.of(shownKey(verified), match.by(), this));
    }
}
