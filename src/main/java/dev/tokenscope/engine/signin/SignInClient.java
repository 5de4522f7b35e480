package dev.tokenscope.engine.signin;

import dev.tokenscope.engine.net.Http;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private final FlowHttp http;
    Supplier<Pkce> pkceSource = Pkce::generate;
    Sleeper sleeper = (d, c) -> c.sleep(d);
    /** The listener of the latest browser sign-in (tests inspect its socket). */
    volatile LoopbackListener lastListener;

    public SignInClient(Http http) {
        this(http, Clock.systemUTC());
    }

    public SignInClient(Http http, Clock clock) {
        this.http = new FlowHttp(http, clock);
    }

    /** A client with its own production {@link Http}. */
    public static SignInClient standard() {
        return new SignInClient(Http.standard());
    }

    /** The authority's endpoints from its discovery document (remembered for this client's lifetime). */
    public ProviderMetadata discover(Authority authority, FlowLog log) throws SignInException {
        return http.discover(authority, log);
    }

    /**
     * Authorization code with PKCE (S256): starts the loopback listener, hands the authorization URL to
     * {@code browser}, waits (up to the request's timeout) for the one redirect, checks {@code state}, redeems the
     * code (with {@code Origin} when SPA emulation is on) and checks the ID token's {@code nonce}.
     */
    public TokenSet authorizationCode(SignInRequest r, BrowserLauncher browser, FlowLog log, Cancellation cancel) throws SignInException {
        return new AuthorizationCodeFlow(http, pkceSource, l -> lastListener = l).run(r, browser, log, cancel);
    }

    /**
     * Device code (RFC 8628): asks for a user code, hands it to {@code onCode} (show it large, with the URL and a
     * countdown), then polls the token endpoint at the provider's interval, honouring {@code authorization_pending},
     * {@code slow_down} (+5 s), {@code expired_token} and {@code access_denied}, until success, expiry or cancel.
     */
    public TokenSet deviceCode(SignInRequest r, Consumer<DeviceCodeInfo> onCode, FlowLog log, Cancellation cancel) throws SignInException {
        return new DeviceCodeFlow(http, sleeper).run(r, onCode, log, cancel);
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
            throw new SignInException(SignInException.Kind.CONFIG,
                    "client credentials need the API's scope, e.g. api://{api-client-id}/.default");
        }
        if (r.authority().isMicrosoft() && r.scopes().stream().anyMatch(s -> !s.endsWith("/.default"))) {
            log.note("note: Entra accepts only '{resource}/.default' as the scope of client credentials");
        }
        if (r.authority().isMultiTenant()) {
            log.note("note: client credentials need a tenant; /" + r.authority().tenant() + " is refused by Entra (use the tenant id)");
        }
        FlowHttp.checkCancelled(cancel);
        ProviderMetadata m = http.discover(r.authority(), log);
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("grant_type", Grant.CLIENT_CREDENTIALS.grantType()));
        form.add(Map.entry("client_id", r.clientId()));
        form.add(Map.entry("scope", String.join(" ", r.scopes())));
        http.clientAuth(r, m.tokenEndpoint(), form, log);
        FlowHttp.Answer a = http.post(m.tokenEndpoint(), form, Map.of(), log, cancel, null);
        return http.tokens(Grant.CLIENT_CREDENTIALS, r, r.scopes(), a, null, null, log);
    }

    /** Redeems a refresh token for new tokens (same scopes as the request's interactive ones). */
    public TokenSet refresh(SignInRequest r, Secret refreshToken, FlowLog log, Cancellation cancel) throws SignInException {
        log.note("refresh token redemption with " + r.authority().describe() + ", client " + r.clientId());
        if (refreshToken == null) throw new SignInException(SignInException.Kind.CONFIG,
                "no refresh token to redeem (request offline_access)");
        log.secret(refreshToken.reveal());
        FlowHttp.checkCancelled(cancel);
        ProviderMetadata m = http.discover(r.authority(), log);
        List<String> scopes = r.interactiveScopes();
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("grant_type", Grant.REFRESH_TOKEN.grantType()));
        form.add(Map.entry("client_id", r.clientId()));
        form.add(Map.entry("refresh_token", refreshToken.reveal()));
        form.add(Map.entry("scope", String.join(" ", scopes)));
        http.clientAuth(r, m.tokenEndpoint(), form, log);
        FlowHttp.Answer a = http.post(m.tokenEndpoint(), form, FlowHttp.originHeader(r, log), log, cancel, null);
        return http.tokens(Grant.REFRESH_TOKEN, r, scopes, a, null, refreshToken, log);
    }
}
