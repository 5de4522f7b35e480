package dev.tokenscope.engine.signin;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Authorization code with PKCE (RFC 6749, 7636, 8252): a one-shot loopback listener, the authorization URL handed to
 * the system browser, the one redirect checked ({@code state}), the code redeemed and the ID token's {@code nonce} checked.
 */
final class AuthorizationCodeFlow {
    private final FlowHttp http;
    private final Supplier<Pkce> pkceSource;
    private final Consumer<LoopbackListener> onListen;

    AuthorizationCodeFlow(FlowHttp http, Supplier<Pkce> pkceSource, Consumer<LoopbackListener> onListen) {
        this.http = http;
        this.pkceSource = pkceSource;
        this.onListen = onListen;
    }

    /**
     * Authorization code with PKCE (S256): starts the loopback listener, hands the authorization URL to
     * {@code browser}, waits (up to the request's timeout) for the one redirect, checks {@code state}, redeems the
     * code (with {@code Origin} when SPA emulation is on) and checks the ID token's {@code nonce}.
     */
    TokenSet run(SignInRequest r, BrowserLauncher browser, FlowLog log, Cancellation cancel) throws SignInException {
        log.note("authorization code + PKCE (S256) with " + r.authority().describe() + ", client " + r.clientId());
        FlowHttp.checkCancelled(cancel);
        ProviderMetadata m = http.discover(r.authority(), log);
        if (m.authorizationEndpoint() == null) {
            throw new SignInException(SignInException.Kind.DISCOVERY,
                    "the discovery document has no authorization_endpoint, so a browser sign-in is impossible");
        }
        if (!m.codeChallengeMethods().isEmpty() && !m.codeChallengeMethods().contains("S256")) {
            log.note("warning: the provider lists code_challenge_methods_supported " + m.codeChallengeMethods()
                    + " without S256; sending S256 anyway");
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
            onListen.accept(listener);
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
            String url = FlowHttp.withQuery(m.authorizationEndpoint(), q);
            log.browser(url);
            FlowHttp.checkCancelled(cancel);
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
                throw new SignInException(err.error().equals("access_denied") ? SignInException.Kind.DENIED
                        : SignInException.Kind.OAUTH_ERROR, "the sign-in page answered with an error: " + err.summary(), err, null);
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
        http.clientAuth(r, m.tokenEndpoint(), form, log);
        FlowHttp.Answer a = http.post(m.tokenEndpoint(), form, FlowHttp.originHeader(r, log), log, cancel, null);
        return http.tokens(Grant.AUTHORIZATION_CODE, r, scopes, a, nonce, null, log);
    }

    private static void secretsOf(String url, FlowLog log) {
        int q = url.indexOf('?');
        if (q >= 0) {
            String c = LoopbackListener.parseQuery(url.substring(q + 1)).get("code");
            if (c != null) log.secret(c);
        }
    }
}
