package dev.tokenscope.engine.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.SignedJWT;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.entra.EntraFacts;
import dev.tokenscope.engine.entra.IssuerInfo;
import dev.tokenscope.engine.entra.TokenFacts;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.net.FetchException;
import dev.tokenscope.engine.token.DecodedToken;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Resolves a token's trust chain: metadata from the token's own issuer (version from its "ver"), the key set
 * from the metadata's jwks_uri (fetched in parallel when Entra makes it predictable), the key match with one
 * rollover refetch and Entra's app-specific keys (?appid=). Keys come only from the published jwks_uri or a
 * file the user chose, never from the token's header.
 */
public final class OnlineTrustResolver implements TrustResolver {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tokenscope-fetch");
        t.setDaemon(true);
        return t;
    });

    /**
     * Waits until no fetch runs in the background (a key set fetched in parallel with the metadata may still be on its
     * way when a resolution is over), at most {@code max}; true when idle. For tests that remove the cache afterwards.
     */
    static boolean awaitIdle(java.time.Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (((java.util.concurrent.ThreadPoolExecutor) POOL).getActiveCount() > 0) {
            if (System.nanoTime() > end) return false;
            Thread.sleep(5);
        }
        return true;
    }

    private final DocumentStore store;
    private final Clock clock;
    /** App-specific metadata that does not exist, remembered for 5 minutes so repeated pastes don't ask again. */
    private final java.util.Map<String, java.time.Instant> noAppKeys = new java.util.concurrent.ConcurrentHashMap<>();

    public OnlineTrustResolver(DocumentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The issuer and its version and B2C policy (which metadata), tid (look-alike rules), the client (app-specific keys). */
    public static final java.util.Set<String> READS = java.util.Set.of("iss", "ver", "tfp", "acr", "tid", "azp", "appid");

    @Override
    public java.util.Set<String> claimValuesRead() {
        return READS;
    }

    public DocumentStore store() { return store; }

    @Override
    public TrustState resolve(DecodedToken token, ValidationProfile profile) {
        ResolvedTrust.Draft t = new ResolvedTrust.Draft(clock.instant());
        TokenFacts facts = new TokenFacts(token);
        IssuerInfo info = facts.issuer();
        boolean offline = profile.offline();
        // Nothing is ever fetched from an issuer that imitates a Microsoft authority (unless the API lists it as accepted).
        String iss = token.claims() != null && token.claims().path("iss").isTextual() ? token.claims().get("iss").asText() : null;
        java.util.Optional<dev.tokenscope.engine.entra.Authorities.Lookalike> lookalike =
                dev.tokenscope.engine.entra.Authorities.lookalike(profile.issuers(), iss, facts.tid());
        String metaSource = profile.metadata() != null ? profile.metadata() : lookalike.isPresent() ? null : info.metadataUrl();
        String jwksOverride = profile.jwks();
        String predicted = jwksOverride == null && profile.metadata() == null && lookalike.isEmpty() ? info.predictedJwksUrl() : null;

        CompletableFuture<DocumentStore.Doc> metaF = metaSource == null ? null : async(metaSource, offline, false);
        CompletableFuture<DocumentStore.Doc> jwksF = jwksOverride != null ? async(jwksOverride, offline, false)
                : predicted != null ? async(predicted, offline, false) : null;
        try {
            if (metaSource == null && lookalike.isPresent()) {
                t.metadata = new ResolvedTrust.Outcome(null, null, null, "the issuer " + iss + " imitates " + lookalike.get().imitated()
                        + ": nothing is fetched from it");
            } else if (metaSource == null) {
                t.metadata = new ResolvedTrust.Outcome(null, null, null, info.kind() == dev.tokenscope.engine.entra.IssuerKind.B2C
                        ? "a B2C token names no policy (tfp/acr), so its per-policy metadata URL is unknown; give --metadata"
                        : "the token has no usable issuer (iss) to discover metadata from; give --metadata");
            } else {
                t.metadata = await(metaF, metaSource);
                if (t.metadata.ok()) t.story.add("metadata " + t.metadata.doc().note() + ": " + t.metadata.doc().source());
            }
            if (jwksOverride != null) {
                t.jwks = await(jwksF, jwksOverride);
            } else if (t.metadata.ok()) {
                JsonNode uri = t.metadata.doc().json().get("jwks_uri");
                if (uri == null || !uri.isTextual() || uri.asText().isBlank()) {
                    if (jwksF != null) jwksF.cancel(true); // the predicted key set is of no use to a document without jwks_uri
                    t.jwks = new ResolvedTrust.Outcome(null, null, new FetchException(FetchException.Kind.WRONG_SHAPE, metaSource,
                            "the metadata at " + t.metadata.doc().source() + " has no \"jwks_uri\": not an OpenID configuration"), null);
                } else if (uri.asText().equals(predicted)) {
                    t.jwks = await(jwksF, predicted);
                    if (t.jwks.ok()) t.story.add("key set fetched in parallel with the metadata (the published jwks_uri was as predicted)");
                } else {
                    if (jwksF != null) jwksF.cancel(true);
                    t.jwks = await(async(uri.asText(), offline, false), uri.asText());
                }
            } else {
                if (jwksF != null) jwksF.cancel(true);
                t.jwks = new ResolvedTrust.Outcome(null, null, null,
                        "the key set's address comes from the metadata, which could not be had");
            }
            if (t.jwks.ok()) {
                useKeys(t, t.jwks);
                t.story.add("key set " + t.jwks.doc().note() + ": " + t.jwks.doc().source() + " (" + t.keys.size() + " keys)");
                matchWithRetries(t, token, facts, info, profile, metaSource);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.http().cancelAll();
            FetchException cancelled = new FetchException(FetchException.Kind.CANCELLED, metaSource, "cancelled");
            if (t.metadata == null) t.metadata = new ResolvedTrust.Outcome(null, metaSource, cancelled, null);
            if (t.jwks == null) t.jwks = new ResolvedTrust.Outcome(null, null, cancelled, null);
        }
        return t.build();
    }

    private void matchWithRetries(ResolvedTrust.Draft t, DecodedToken token, TokenFacts facts, IssuerInfo info, ValidationProfile profile,
                                  String metaSource) throws InterruptedException {
        if (!(token.jwt() instanceof SignedJWT jws)) return;
        JWSHeader header = jws.getHeader();
        t.match = KeyMatch.find(t.keys, header);
        if (t.match.found() || t.jwks.doc().file()) return;
        // A document that is not a key set at all is a server problem, not a rollover: no refetch, no ?appid= hunt.
        if (t.keys.isEmpty() && t.skippedKeys.stream().anyMatch(k -> k.contains("no \"keys\" array"))) return;
        // Rollover: the key may be newer than our copy. Refetch once, at most every 5 minutes per URL.
        if (!profile.offline()) {
            ResolvedTrust.Outcome again = await(async(t.jwks.doc().source(), false, true), t.jwks.doc().source());
            if (again.ok() && again.doc() != null) {
                useKeys(t, again);
                t.jwks = again;
                t.match = KeyMatch.find(t.keys, header);
                t.story.add(KeyMatch.named(header) + " was not in the key set; refetched it (signing-key rollover): "
                        + (t.match.found() ? "found" : "still missing"));
                if (t.match.found()) return;
            } else if (again.error() == null) {
                t.story.add(KeyMatch.named(header) + " not in the key set; not refetched (refetched less than 5 minutes ago)");
            }
        }
        // App-specific signing keys (claims mapping): Entra publishes them under ?appid={app id}.
        if (!info.kind().entra() || profile.jwks() != null || metaSource == null) return;
        Set<String> appIds = new LinkedHashSet<>();
        for (String aud : facts.audiences()) {
            String bare = aud.startsWith("api://") ? aud.substring(6) : aud;
            if (bare.endsWith("/")) bare = bare.substring(0, bare.length() - 1);
            if (EntraFacts.isGuid(bare)) appIds.add(bare);
        }
        if (facts.clientId() != null && EntraFacts.isGuid(facts.clientId())) appIds.add(facts.clientId());
        for (String appId : appIds) {
            String appMeta = metaSource + (metaSource.contains("?") ? "&" : "?") + "appid=" + appId;
            java.time.Instant missing = noAppKeys.get(appMeta);
            if (missing != null
                    && java.time.Duration.between(missing, clock.instant()).compareTo(DocumentStore.FORCED_REFRESH_INTERVAL) < 0) {
                t.story.add("app-specific keys for appid " + appId + ": none (looked less than 5 minutes ago)");
                continue;
            }
            ResolvedTrust.Outcome m = await(async(appMeta, profile.offline(), false), appMeta);
            if (!m.ok() || !m.doc().json().path("jwks_uri").isTextual()) {
                if (m.error() == null || m.error().kind() == FetchException.Kind.HTTP_STATUS) noAppKeys.put(appMeta, clock.instant());
                t.story.add("app-specific metadata for appid " + appId + ": "
                        + (m.error() != null ? m.error().getMessage() : "no jwks_uri"));
                continue;
            }
            String uri = m.doc().json().get("jwks_uri").asText();
            ResolvedTrust.Outcome k = await(async(uri, profile.offline(), false), uri);
            if (!k.ok()) {
                t.story.add("app-specific key set for appid " + appId + ": " + k.error().getMessage());
                continue;
            }
            ResolvedTrust.Outcome general = t.jwks;
            List<com.nimbusds.jose.jwk.JWK> generalKeys = t.keys;
            useKeys(t, k);
            KeyMatch m2 = KeyMatch.find(t.keys, header);
            t.story.add("tried app-specific signing keys (?appid=" + appId + "): "
                    + (m2.found() ? "found " + KeyMatch.named(header) : "not there either"));
            if (m2.found()) {
                t.jwks = k;
                t.match = m2;
                t.appSpecificAppId = appId;
                return;
            }
            t.jwks = general;
            useKeys(t, general);
            t.keys = generalKeys;
        }
    }

    private static void useKeys(ResolvedTrust.Draft t, ResolvedTrust.Outcome o) {
        try {
            KeySetParser.Parsed p = KeySetParser.parse(o.doc().json(), o.doc().source());
            t.keys = p.keys();
            t.rawKeys = p.raw();
            t.skippedKeys = p.skipped();
        } catch (FetchException e) {
            t.keys = List.of();
            t.rawKeys = java.util.Map.of();
            t.skippedKeys = new ArrayList<>(List.of(e.getMessage()));
        }
    }

    private CompletableFuture<DocumentStore.Doc> async(String source, boolean offline, boolean force) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return store.load(source, offline, force);
            } catch (FetchException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, POOL);
    }

    private ResolvedTrust.Outcome await(CompletableFuture<DocumentStore.Doc> f, String source) throws InterruptedException {
        try {
            DocumentStore.Doc d = f.get();
            return new ResolvedTrust.Outcome(d, source, null, d == null ? "throttled" : null);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof FetchException fe) return new ResolvedTrust.Outcome(null, source, fe, null);
            return new ResolvedTrust.Outcome(null, source,
                    new FetchException(FetchException.Kind.IO, source, "could not load " + source + ": " + c), null);
        } catch (java.util.concurrent.CancellationException e) {
            return new ResolvedTrust.Outcome(null, source, new FetchException(FetchException.Kind.CANCELLED, source, "cancelled"), null);
        }
    }
}
