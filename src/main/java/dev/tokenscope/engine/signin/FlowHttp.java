package dev.tokenscope.engine.signin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.net.FetchException;
import dev.tokenscope.engine.net.Http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP plumbing every sign-in flow shares: form posts to the provider (secrets registered with the flow log first,
 * the call cancellable), client authentication (secret or certificate assertion), the SPA {@code Origin} header,
 * discovery and the reading of the token answer.
 */
final class FlowHttp {
    private final Http http;
    private final Clock clock;
    private final Discovery discovery;

    FlowHttp(Http http, Clock clock) {
        this.http = http;
        this.clock = clock;
        this.discovery = new Discovery(http);
    }

    Instant now() {
        return clock.instant();
    }

    /** The authority's endpoints (see {@link Discovery}). */
    ProviderMetadata discover(Authority authority, FlowLog log) throws SignInException {
        return discovery.discover(authority, log);
    }

    /** The token answer {@code a} of {@code flow} read into tokens (see {@link TokenResponse}). */
    TokenSet tokens(Grant flow, SignInRequest r, List<String> requested, Answer a, String expectedNonce, Secret previousRefresh,
            FlowLog log) throws SignInException {
        return TokenResponse.read(flow, r, requested, a, expectedNonce, previousRefresh, log, clock);
    }

    record Answer(int status, JsonNode json, OAuthError error) {
    }

    void clientAuth(SignInRequest r, String tokenEndpoint, List<Map.Entry<String, String>> form, FlowLog log) throws SignInException {
        if (r.certificate() != null) {
            String assertion = r.certificate().assertion(r.clientId(), tokenEndpoint, clock.instant());
            log.secret(assertion);
            form.add(Map.entry("client_assertion_type", SignInClient.JWT_BEARER_ASSERTION));
            form.add(Map.entry("client_assertion", assertion));
        } else if (r.clientSecret() != null) {
            log.secret(r.clientSecret().reveal());
            form.add(Map.entry("client_secret", r.clientSecret().reveal()));
        }
    }

    static Map<String, String> originHeader(SignInRequest r, FlowLog log) {
        if (r.spaOrigin() == null) return Map.of();
        log.note("SPA emulation: sending Origin: " + r.spaOrigin() + " on the token request (needed when the redirect URI is registered"
                + " as Single-page application; refused with AADSTS9002326 otherwise)");
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Origin", r.spaOrigin());
        return h;
    }

    Answer post(String url, List<Map.Entry<String, String>> form, Map<String, String> headers, FlowLog log, Cancellation cancel,
                        String collapse) throws SignInException {
        for (Map.Entry<String, String> e : form) {
            if (FlowLog.SECRET_NAMES.contains(e.getKey())) log.secret(e.getValue());
        }
        checkCancelled(cancel);
        long t0 = System.nanoTime();
        Http.Fetched f;
        try (AutoCloseable hook = cancel.onCancel(http::cancelAll)) {
            f = http.postForm(url, form, headers);
        } catch (FetchException e) {
            log.httpFailed("POST", url, form, headers, e.getMessage(), ms(t0));
            if (e.kind() == FetchException.Kind.CANCELLED || cancel.isCancelled()) {
                throw new SignInException(SignInException.Kind.CANCELLED, "sign-in cancelled");
            }
            throw new SignInException(SignInException.Kind.NETWORK, e.getMessage(), e);
        } catch (Exception e) {
            throw new SignInException(SignInException.Kind.NETWORK, String.valueOf(e.getMessage()), e);
        }
        JsonNode json = null;
        try {
            if (f.body().length > 0) json = Json.parse(new String(f.body(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            // not JSON: logged as text, reported below
        }
        if (json != null && json.isObject()) {
            for (String name : List.of("access_token", "id_token", "refresh_token", "device_code", "user_code")) {
                if (json.hasNonNull(name)) log.secret(json.get(name).asText());
            }
        }
        OAuthError err = OAuthError.fromResponse(f.status(), f.body()).orElse(null);
        String collapseKey = collapse == null ? null : collapse + ":" + f.status() + ":" + (err == null ? "" : err.error());
        log.http("POST", url, form, headers, f.status(), f.body(), f.contentType(), ms(t0), null, collapseKey);
        if (json != null && !json.isObject()) json = null;
        return new Answer(f.status(), json, err);
    }

    static void checkCancelled(Cancellation cancel) throws SignInException {
        if (cancel.isCancelled()) throw new SignInException(SignInException.Kind.CANCELLED, "sign-in cancelled");
    }

    static String withQuery(String endpoint, List<Map.Entry<String, String>> params) {
        StringBuilder sb = new StringBuilder(endpoint);
        char sep = endpoint.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : params) {
            sb.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String text(JsonNode j, String f) {
        JsonNode n = j.get(f);
        return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }

    static long longOr(JsonNode j, String f, long dflt) {
        JsonNode n = j.get(f);
        if (n == null || n.isNull()) return dflt;
        String s = n.asText().trim();
        return s.matches("\\d{1,12}") ? Long.parseLong(s) : dflt;
    }

    static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
