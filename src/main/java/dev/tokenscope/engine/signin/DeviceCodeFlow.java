package dev.tokenscope.engine.signin;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Device code (RFC 8628): a user code shown to the user, then the token endpoint polled at the provider's interval
 * ({@code authorization_pending}, {@code slow_down} +5 s, expiry, denial, cancel).
 */
final class DeviceCodeFlow {
    private final FlowHttp http;
    private final SignInClient.Sleeper sleeper;

    DeviceCodeFlow(FlowHttp http, SignInClient.Sleeper sleeper) {
        this.http = http;
        this.sleeper = sleeper;
    }

    /**
     * Device code (RFC 8628): asks for a user code, hands it to {@code onCode} (show it large, with the URL and a
     * countdown), then polls the token endpoint at the provider's interval, honouring {@code authorization_pending},
     * {@code slow_down} (+5 s), {@code expired_token} and {@code access_denied}, until success, expiry or cancel.
     */
    TokenSet run(SignInRequest r, Consumer<DeviceCodeInfo> onCode, FlowLog log, Cancellation cancel) throws SignInException {
        log.note("device code with " + r.authority().describe() + ", client " + r.clientId());
        FlowHttp.checkCancelled(cancel);
        ProviderMetadata m = http.discover(r.authority(), log);
        if (m.deviceAuthorizationEndpoint() == null) {
            throw new SignInException(SignInException.Kind.CONFIG,
                    "this authority offers no device code flow (no device_authorization_endpoint in its discovery document"
                    + (r.authority().kind() == Authority.Kind.B2C ? "; Azure AD B2C does not support it" : "")
                    + "); use the browser sign-in");
        }
        List<String> scopes = r.interactiveScopes();
        List<Map.Entry<String, String>> start = new ArrayList<>();
        start.add(Map.entry("client_id", r.clientId()));
        start.add(Map.entry("scope", String.join(" ", scopes)));
        FlowHttp.Answer a = http.post(m.deviceAuthorizationEndpoint(), start, Map.of(), log, cancel, null);
        if (a.error() != null) {
            throw new SignInException(SignInException.Kind.OAUTH_ERROR, "the device authorization endpoint refused: " + a.error().summary(),
                    a.error(), null);
        }
        JsonNode j = a.json();
        if (a.status() != 200 || j == null || !j.hasNonNull("device_code") || !j.hasNonNull("user_code")) {
            throw new SignInException(SignInException.Kind.INVALID_RESPONSE, "the device authorization endpoint answered HTTP " + a.status()
                    + " without device_code and user_code");
        }
        String deviceCode = j.get("device_code").asText();
        String verification = FlowHttp.text(j, "verification_uri") != null ? FlowHttp.text(j, "verification_uri")
                : FlowHttp.text(j, "verification_url");
        if (verification == null) throw new SignInException(SignInException.Kind.INVALID_RESPONSE,
                "the device authorization answer has no verification_uri");
        long expiresIn = FlowHttp.longOr(j, "expires_in", 900);
        Duration interval = Duration.ofSeconds(Math.max(1, FlowHttp.longOr(j, "interval", SignInClient.DEFAULT_INTERVAL.toSeconds())));
        Instant deadline = http.now().plusSeconds(expiresIn);
        DeviceCodeInfo info = new DeviceCodeInfo(j.get("user_code").asText(), verification, FlowHttp.text(j, "verification_uri_complete"),
                Duration.ofSeconds(expiresIn), interval, deadline, FlowHttp.text(j, "message"));
        log.note("user code issued: the user signs in at " + verification + " within " + expiresIn + " s; polling every "
                + interval.toSeconds() + " s");
        onCode.accept(info);

        List<Map.Entry<String, String>> poll = new ArrayList<>();
        poll.add(Map.entry("grant_type", SignInClient.DEVICE_GRANT));
        poll.add(Map.entry("client_id", r.clientId()));
        poll.add(Map.entry("device_code", deviceCode));
        http.clientAuth(r, m.tokenEndpoint(), poll, log);
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
            if (http.now().isAfter(deadline)) {
                log.note("the user code expired; polling stopped");
                throw new SignInException(SignInException.Kind.EXPIRED,
                        "the code expired (after " + expiresIn + " s) before the sign-in was completed; start again");
            }
            FlowHttp.Answer p = http.post(m.tokenEndpoint(), poll, Map.of(), log, cancel, "device-poll");
            if (p.status() == 200 && p.json() != null && p.json().hasNonNull("access_token")) {
                return http.tokens(Grant.DEVICE_CODE, r, scopes, p, null, null, log);
            }
            String err = p.error() == null ? null : p.error().error();
            if (err == null) {
                throw new SignInException(SignInException.Kind.INVALID_RESPONSE,
                        "the token endpoint answered HTTP " + p.status() + " without tokens or an OAuth error");
            }
            switch (err) {
                case "authorization_pending" -> {
                    // the user has not finished: poll again
                }
                case "slow_down" -> {
                    interval = interval.plus(SignInClient.SLOW_DOWN_STEP);
                    log.note("slow_down: polling every " + interval.toSeconds() + " s from now on");
                }
                case "expired_token", "code_expired" -> throw new SignInException(SignInException.Kind.EXPIRED,
                        "the code expired before the sign-in was completed; start again", p.error(), null);
                case "access_denied", "authorization_declined" -> throw new SignInException(SignInException.Kind.DENIED,
                        "the user declined the sign-in (" + err + ")", p.error(), null);
                default -> throw new SignInException(SignInException.Kind.OAUTH_ERROR, "the token endpoint refused: " + p.error().summary(),
                        p.error(), null);
            }
        }
    }
}
