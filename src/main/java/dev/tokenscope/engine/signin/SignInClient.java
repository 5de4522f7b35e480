package dev.tokenscope.engine.signin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTParser;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.net.FetchException;
import dev.tokenscope.engine.net.Http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The sign-in flows: authorization code + PKCE through the system browser and a loopback listener (RFC 6749, 7636,
 * 8252), device code (RFC 8628), client credentials (secret or certificate) and refresh. Endpoints come from the
 * authority's discovery document. Every exchange lands, redacted, in the caller's {@link FlowLog}; tokens come back
 * in a {@link TokenSet} held in memory only.
 * <p>
 * Each call blocks its thread (the GUI runs it on a worker) and honours its {@link Cancellation}. Cancelling also
 * cancels the HTTP call in flight on this client's {@link Http}, so give each client its own.
 */
public final class SignInClient {
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static final String JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** RFC 8628 §3.5: on slow_down the interval grows by 5 seconds. */
    public static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    /** How the device-code loop waits (tests substitute one that records the waits and returns at once). */
    interface Sleeper {
        /** @return true when cancelled during the wait */
        boolean sleep(Duration d, Cancellation c) throws InterruptedException;
    }

    private final Http http;
    private final Clock clock;
    private final Map<String, ProviderMetadata> metadata = new ConcurrentHashMap<>();
    Supplier<Pkce> pkceSource = Pkce::generate;
    Sleeper sleeper = (d, c) -> c.sleep(d);
    /** The listener of the latest browser sign-in (tests inspect its socket). */
    volatile LoopbackListener lastListener;

    public SignInClient(Http http) {
        this(http, Clock.systemUTC());
    }

    public SignInClient(Http http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** A client with its own production {@link Http}. */
    public static SignInClient standard() {
        return new SignInClient(Http.standard());
    }

    // ---------------------------------------------------------------- discovery

    /** The authority's endpoints from its discovery document (remembered for this client's lifetime). */
    public ProviderMetadata discover(Authority authority, FlowLog log) throws SignInException {
        String url = authority.discoveryUrl();
        ProviderMetadata cached = metadata.get(url);
        if (cached != null) {
            log.note("endpoints of " + authority.url() + " from the discovery document read earlier in this session");
            return cached;
        }
        long t0 = System.nanoTime();
        Http.Fetched f;
        try {
            f = http.exchange(url, null, Map.of());
        } catch (FetchException e) {
            log.httpFailed("GET", url, null, null, e.getMessage(), ms(t0));
            throw new SignInException(e.kind() == FetchException.Kind.CANCELLED ? SignInException.Kind.CANCELLED : SignInException.Kind.DISCOVERY,
                    "could not fetch the discovery document " + url + ": " + e.getMessage(), e);
        }
        if (f.status() != 200) {
            log.http("GET", url, null, null, f.status(), f.body(), f.contentType(), ms(t0), "discovery", null);
            OAuthError err = OAuthError.fromResponse(f.status(), f.body()).orElse(null);
            String why = f.status() == 404 || f.status() == 400
                    ? " (is the tenant" + (authority.kind() == Authority.Kind.B2C ? " or policy" : "") + " right, and in the right cloud?)" : "";
            throw new SignInException(SignInException.Kind.DISCOVERY, "the discovery document " + url + " answered HTTP " + f.status() + why
                    + (err != null ? ": " + err.summary() : ""), err, null);
        }
        JsonNode doc;
        try {
            doc = Json.parse(new String(f.body(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            log.http("GET", url, null, null, f.status(), f.body(), f.contentType(), ms(t0), "discovery", null);
            throw new SignInException(SignInException.Kind.DISCOVERY, "the discovery document " + url + " is not JSON: " + Json.describe(e), e);
        }
        ProviderMetadata m = ProviderMetadata.parse(doc, authority, url);
        log.http("GET", url, null, null, f.status(), null, null, ms(t0), "discovery document (" + f.body().length + " bytes): authorization_endpoint="
                + m.authorizationEndpoint() + ", token_endpoint=" + m.tokenEndpoint()
                + (m.deviceAuthorizationEndpoint() != null ? ", device_authorization_endpoint=" + m.deviceAuthorizationEndpoint() : ""), null);
        metadata.put(url, m);
        return m;
    }

    // ---------------------------------------------------------------- authorization code + PKCE

    /**
     * Authorization code with PKCE (S256): starts the loopback listener, hands the authorization URL to
     * {@code browser}, waits (up to the request's timeout) for the one redirect, checks {@code state}, redeems the
     * code (with {@code Origin} when SPA emulation is on) and checks the ID token's {@code nonce}.
     */
    public TokenSet authorizationCode(SignInRequest r, BrowserLauncher browser, FlowLog log, Cancellation cancel) throws SignInException {
        log.note("authorization code + PKCE (S256) with " + r.authority().describe() + ", client " + r.clientId());
        checkCancelled(cancel);
        ProviderMetadata m = discover(r.authority(), log);
        if (m.authorizationEndpoint() == null) {
            throw new SignInException(SignInException.Kind.DISCOVERY, "the discovery document has no authorization_endpoint, so a browser sign-in is impossible");
        }
        if (!m.codeChallengeMethods().isEmpty() && !m.codeChallengeMethods().contains("S256")) {
            log.note("warning: the provider lists code_challenge_methods_supported " + m.codeChallengeMethods() + " without S256; sending S256 anyway");
        }
        Pkce pkce = pkceSource.get();
        log.secret(pkce.verifier());
        String state = Pkce.random(24);
        String nonce = Pkce.random(24);
        URI base = URI.create(r.redirectUri());
        String rawPath = base.getRawPath() == null ? "" : base.getRawPath();
        List<String> scopes = r.interactiveScopes();
        String code;
        String redirectUri;
        try (LoopbackListener listener = new LoopbackListener(r.port(), rawPath.isEmpty() ? "/" : rawPath, state)) {
            lastListener = listener;
            redirectUri = base.getScheme().toLowerCase(Locale.ROOT) + "://" + base.getHost() + ":" + listener.port() + rawPath;
            log.note("listening for the redirect on 127.0.0.1:" + listener.port() + " (loopback only, one redirect, timeout "
                    + r.timeout().toSeconds() + " s); redirect_uri=" + redirectUri);
            List<Map.Entry<String, String>> q = new ArrayList<>();
            q.add(Map.entry("client_id", r.clientId()));
            q.add(Map.entry("response_type", "code"));
            q.add(Map.entry("redirect_uri", redirectUri));
            q.add(Map.entry("scope", String.join(" ", scopes)));
            q.add(Map.entry("state", state));
            q.add(Map.entry("nonce", nonce));
            q.add(Map.entry("code_challenge", pkce.challenge()));
            q.add(Map.entry("code_challenge_method", "S256"));
            if (r.prompt() != null) q.add(Map.entry("prompt", r.prompt()));
            if (r.loginHint() != null) q.add(Map.entry("login_hint", r.loginHint()));
            if (r.domainHint() != null) q.add(Map.entry("domain_hint", r.domainHint()));
            r.extraParameters().forEach((k, v) -> q.add(Map.entry(k, v)));
            String url = withQuery(m.authorizationEndpoint(), q);
            log.browser(url);
            checkCancelled(cancel);
            try {
                browser.open(URI.create(url));
            } catch (IOException | RuntimeException e) {
                throw new SignInException(SignInException.Kind.BROWSER, "could not open a browser (" + e.getMessage()
                        + "); open the authorization URL yourself: " + url, e);
            }
            Map<String, String> answer;
            try {
                answer = listener.await(r.timeout(), cancel);
            } catch (SignInException e) {
                if (listener.redirectUrl() != null) {
                    secretsOf(listener.redirectUrl(), log);
                    log.redirect(listener.redirectUrl(), "rejected: " + e.getMessage());
                }
                throw e;
            }
            if (answer.get("code") != null) log.secret(answer.get("code"));
            log.redirect(listener.redirectUrl(), "state matches the request");
            OAuthError err = OAuthError.fromRedirect(answer);
            if (err != null) {
                throw new SignInException(err.error().equals("access_denied") ? SignInException.Kind.DENIED : SignInException.Kind.OAUTH_ERROR,
                        "the sign-in page answered with an error: " + err.summary(), err, null);
            }
            code = answer.get("code");
        }
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("grant_type", Grant.AUTHORIZATION_CODE.grantType()));
        form.add(Map.entry("client_id", r.clientId()));
        form.add(Map.entry("code", code));
        form.add(Map.entry("redirect_uri", redirectUri));
        form.add(Map.entry("code_verifier", pkce.verifier()));
        form.add(Map.entry("scope", String.join(" ", scopes)));
        clientAuth(r, m.tokenEndpoint(), form, log);
        Answer a = post(m.tokenEndpoint(), form, originHeader(r, log), log, cancel, null);
        return tokens(Grant.AUTHORIZATION_CODE, r, scopes, a, nonce, null, log);
    }

    private static void secretsOf(String url, FlowLog log) {
        int q = url.indexOf('?');
        if (q >= 0) {
            String c = LoopbackListener.parseQuery(url.substring(q + 1)).get("code");
            if (c != null) log.secret(c);
        }
    }

    // ---------------------------------------------------------------- device code

    /**
     * Device code (RFC 8628): asks for a user code, hands it to {@code onCode} (show it large, with the URL and a
     * countdown), then polls the token endpoint at the provider's interval, honouring {@code authorization_pending},
     * {@code slow_down} (+5 s), {@code expired_token} and {@code access_denied}, until success, expiry or cancel.
     */
    public TokenSet deviceCode(SignInRequest r, Consumer<DeviceCodeInfo> onCode, FlowLog log, Cancellation cancel) throws SignInException {
        log.note("device code with " + r.authority().describe() + ", client " + r.clientId());
        checkCancelled(cancel);
        ProviderMetadata m = discover(r.authority(), log);
        if (m.deviceAuthorizationEndpoint() == null) {
            throw new SignInException(SignInException.Kind.CONFIG, "this authority offers no device code flow (no device_authorization_endpoint in its discovery document"
                    + (r.authority().kind() == Authority.Kind.B2C ? "; Azure AD B2C does not support it" : "") + "); use the browser sign-in");
        }
        List<String> scopes = r.interactiveScopes();
        List<Map.Entry<String, String>> start = new ArrayList<>();
        start.add(Map.entry("client_id", r.clientId()));
        start.add(Map.entry("scope", String.join(" ", scopes)));
        Answer a = post(m.deviceAuthorizationEndpoint(), start, Map.of(), log, cancel, null);
        if (a.error != null) {
            throw new SignInException(SignInException.Kind.OAUTH_ERROR, "the device authorization endpoint refused: " + a.error.summary(), a.error, null);
        }
        JsonNode j = a.json;
        if (a.status != 200 || j == null || !j.hasNonNull("device_code") || !j.hasNonNull("user_code")) {
            throw new SignInException(SignInException.Kind.INVALID_RESPONSE, "the device authorization endpoint answered HTTP " + a.status
                    + " without device_code and user_code");
        }
        String deviceCode = j.get("device_code").asText();
        String verification = text(j, "verification_uri") != null ? text(j, "verification_uri") : text(j, "verification_url");
        if (verification == null) throw new SignInException(SignInException.Kind.INVALID_RESPONSE, "the device authorization answer has no verification_uri");
        long expiresIn = longOr(j, "expires_in", 900);
        Duration interval = Duration.ofSeconds(Math.max(1, longOr(j, "interval", DEFAULT_INTERVAL.toSeconds())));
        Instant deadline = clock.instant().plusSeconds(expiresIn);
        DeviceCodeInfo info = new DeviceCodeInfo(j.get("user_code").asText(), verification, text(j, "verification_uri_complete"),
                Duration.ofSeconds(expiresIn), interval, deadline, text(j, "message"));
        log.note("user code issued: the user signs in at " + verification + " within " + expiresIn + " s; polling every " + interval.toSeconds() + " s");
        onCode.accept(info);

        List<Map.Entry<String, String>> poll = new ArrayList<>();
        poll.add(Map.entry("grant_type", DEVICE_GRANT));
        poll.add(Map.entry("client_id", r.clientId()));
        poll.add(Map.entry("device_code", deviceCode));
        clientAuth(r, m.tokenEndpoint(), poll, log);
        while (true) {
            try {
                if (sleeper.sleep(interval, cancel) || cancel.isCancelled()) {
                    log.note("cancelled: polling stopped");
                    throw new SignInException(SignInException.Kind.CANCELLED, "device code sign-in cancelled");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SignInException(SignInException.Kind.CANCELLED, "device code sign-in interrupted");
            }
            if (clock.instant().isAfter(deadline)) {
                log.note("the user code expired; polling stopped");
                throw new SignInException(SignInException.Kind.EXPIRED, "the code expired (after " + expiresIn + " s) before the sign-in was completed; start again");
            }
            Answer p = post(m.tokenEndpoint(), poll, Map.of(), log, cancel, "device-poll");
            if (p.status == 200 && p.json != null && p.json.hasNonNull("access_token")) {
                return tokens(Grant.DEVICE_CODE, r, scopes, p, null, null, log);
            }
            String err = p.error == null ? null : p.error.error();
            if (err == null) {
                throw new SignInException(SignInException.Kind.INVALID_RESPONSE, "the token endpoint answered HTTP " + p.status + " without tokens or an OAuth error");
            }
            switch (err) {
                case "authorization_pending" -> {
                    // the user has not finished: poll again
                }
                case "slow_down" -> {
                    interval = interval.plus(SLOW_DOWN_STEP);
                    log.note("slow_down: polling every " + interval.toSeconds() + " s from now on");
                }
                case "expired_token", "code_expired" -> throw new SignInException(SignInException.Kind.EXPIRED,
                        "the code expired before the sign-in was completed; start again", p.error, null);
                case "access_denied", "authorization_declined" -> throw new SignInException(SignInException.Kind.DENIED,
                        "the user declined the sign-in (" + err + ")", p.error, null);
                default -> throw new SignInException(SignInException.Kind.OAUTH_ERROR, "the token endpoint refused: " + p.error.summary(), p.error, null);
            }
        }
    }

    // ---------------------------------------------------------------- client credentials, refresh

    /** Client credentials with the request's secret or certificate: an app-only token for {@code {resource}/.default}. */
    public TokenSet clientCredentials(SignInRequest r, FlowLog log, Cancellation cancel) throws SignInException {
        log.note("client credentials with " + r.authority().describe() + ", client " + r.clientId()
                + (r.certificate() != null ? ", certificate " + r.certificate().thumbprint() : ", client secret"));
        if (r.clientSecret() == null && r.certificate() == null) {
            throw new SignInException(SignInException.Kind.CONFIG, "client credentials need a client secret or a certificate");
        }
        if (r.scopes().isEmpty()) {
            throw new SignInException(SignInException.Kind.CONFIG, "client credentials need the API's scope, e.g. api://{api-client-id}/.default");
        }
        if (r.authority().isMicrosoft() && r.scopes().stream().anyMatch(s -> !s.endsWith("/.default"))) {
            log.note("note: Entra accepts only '{resource}/.default' as the scope of client credentials");
        }
        if (r.authority().isMultiTenant()) {
            log.note("note: client credentials need a tenant; /" + r.authority().tenant() + " is refused by Entra (use the tenant id)");
        }
        checkCancelled(cancel);
        ProviderMetadata m = discover(r.authority(), log);
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("grant_type", Grant.CLIENT_CREDENTIALS.grantType()));
        form.add(Map.entry("client_id", r.clientId()));
        form.add(Map.entry("scope", String.join(" ", r.scopes())));
        clientAuth(r, m.tokenEndpoint(), form, log);
        Answer a = post(m.tokenEndpoint(), form, Map.of(), log, cancel, null);
        return tokens(Grant.CLIENT_CREDENTIALS, r, r.scopes(), a, null, null, log);
    }

    /** Redeems a refresh token for new tokens (same scopes as the request's interactive ones). */
    public TokenSet refresh(SignInRequest r, Secret refreshToken, FlowLog log, Cancellation cancel) throws SignInException {
        log.note("refresh token redemption with " + r.authority().describe() + ", client " + r.clientId());
        if (refreshToken == null) throw new SignInException(SignInException.Kind.CONFIG, "no refresh token to redeem (request offline_access)");
        log.secret(refreshToken.reveal());
        checkCancelled(cancel);
        ProviderMetadata m = discover(r.authority(), log);
        List<String> scopes = r.interactiveScopes();
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("grant_type", Grant.REFRESH_TOKEN.grantType()));
        form.add(Map.entry("client_id", r.clientId()));
        form.add(Map.entry("refresh_token", refreshToken.reveal()));
        form.add(Map.entry("scope", String.join(" ", scopes)));
        clientAuth(r, m.tokenEndpoint(), form, log);
        Answer a = post(m.tokenEndpoint(), form, originHeader(r, log), log, cancel, null);
        return tokens(Grant.REFRESH_TOKEN, r, scopes, a, null, refreshToken, log);
    }

    // ---------------------------------------------------------------- plumbing

    private record Answer(int status, JsonNode json, OAuthError error) {
    }

    private void clientAuth(SignInRequest r, String tokenEndpoint, List<Map.Entry<String, String>> form, FlowLog log) throws SignInException {
        if (r.certificate() != null) {
            String assertion = r.certificate().assertion(r.clientId(), tokenEndpoint, clock.instant());
            log.secret(assertion);
            form.add(Map.entry("client_assertion_type", JWT_BEARER_ASSERTION));
            form.add(Map.entry("client_assertion", assertion));
        } else if (r.clientSecret() != null) {
            log.secret(r.clientSecret().reveal());
            form.add(Map.entry("client_secret", r.clientSecret().reveal()));
        }
    }

    private static Map<String, String> originHeader(SignInRequest r, FlowLog log) {
        if (r.spaOrigin() == null) return Map.of();
        log.note("SPA emulation: sending Origin: " + r.spaOrigin() + " on the token request (needed when the redirect URI is registered"
                + " as Single-page application; refused with AADSTS9002326 otherwise)");
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Origin", r.spaOrigin());
        return h;
    }

    private Answer post(String url, List<Map.Entry<String, String>> form, Map<String, String> headers, FlowLog log, Cancellation cancel,
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

    private TokenSet tokens(Grant flow, SignInRequest r, List<String> requested, Answer a, String expectedNonce, Secret previousRefresh,
                            FlowLog log) throws SignInException {
        JsonNode j = a.json;
        if (a.status != 200 || j == null || !j.hasNonNull("access_token")) {
            if (a.error != null) {
                throw new SignInException(SignInException.Kind.OAUTH_ERROR, "the token endpoint refused: " + a.error.summary(), a.error, null);
            }
            throw new SignInException(SignInException.Kind.INVALID_RESPONSE, "the token endpoint answered HTTP " + a.status + " without an access_token");
        }
        String idToken = text(j, "id_token");
        if (expectedNonce != null && idToken != null) {
            Object nonce;
            try {
                nonce = JWTParser.parse(idToken).getJWTClaimsSet().getClaim("nonce");
            } catch (ParseException e) {
                throw new SignInException(SignInException.Kind.INVALID_RESPONSE, "the ID token is not a readable JWT: " + e.getMessage(), e);
            }
            if (nonce == null) {
                throw new SignInException(SignInException.Kind.NONCE_MISMATCH, "the ID token carries no nonce although the request sent one: it does not belong to this sign-in");
            }
            if (!MessageDigest.isEqual(String.valueOf(nonce).getBytes(StandardCharsets.UTF_8), expectedNonce.getBytes(StandardCharsets.UTF_8))) {
                throw new SignInException(SignInException.Kind.NONCE_MISMATCH, "the ID token's nonce differs from the one this sign-in sent: a replayed or substituted ID token was rejected");
            }
            log.note("ID token nonce matches the request");
        }
        String scope = text(j, "scope");
        List<String> granted = null;
        if (scope != null) {
            granted = new ArrayList<>();
            for (String s : scope.trim().split("\\s+")) if (!s.isEmpty()) granted.add(s);
        }
        String refresh = text(j, "refresh_token");
        Long expiresIn = j.hasNonNull("expires_in") && j.get("expires_in").asText().matches("\\d{1,12}") ? Long.parseLong(j.get("expires_in").asText()) : null;
        String tokenType = text(j, "token_type");
        if (tokenType != null && !tokenType.equalsIgnoreCase("Bearer")) log.note("note: token_type is " + tokenType + ", not Bearer");
        TokenSet t = new TokenSet(flow, r.authority().url(), r.clientId(), Secret.of(j.get("access_token").asText()), Secret.ofNullable(idToken),
                refresh != null ? Secret.of(refresh) : previousRefresh, tokenType, expiresIn, requested, granted, clock.instant());
        log.note("tokens received (held in memory only): access token" + (idToken != null ? ", ID token" : "")
                + (refresh != null ? ", refresh token" : "") + (granted != null ? "; granted scope: " + String.join(" ", granted) : "; no scope reported"));
        return t;
    }

    private static void checkCancelled(Cancellation cancel) throws SignInException {
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

    private static String text(JsonNode j, String f) {
        JsonNode n = j.get(f);
        return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }

    private static long longOr(JsonNode j, String f, long dflt) {
        JsonNode n = j.get(f);
        if (n == null || n.isNull()) return dflt;
        String s = n.asText().trim();
        return s.matches("\\d{1,12}") ? Long.parseLong(s) : dflt;
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
