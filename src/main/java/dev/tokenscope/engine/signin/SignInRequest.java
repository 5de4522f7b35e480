package dev.tokenscope.engine.signin;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a sign-in needs; the same object serves every flow (each uses what applies to it). Built with
 * {@link #builder(Authority, String)}; immutable. A saved sign-in profile is this minus the secret and certificate.
 */
public final class SignInRequest {
    /** What MSAL adds to every interactive request. */
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "offline_access");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    public static final String DEFAULT_REDIRECT = "http://localhost";
    /** Parameters the flow sets itself; extra parameters may not override them. */
    static final Set<String> RESERVED = Set.of("client_id", "response_type", "redirect_uri", "scope", "state", "nonce", "code_challenge",
            "code_challenge_method", "prompt", "login_hint", "domain_hint", "grant_type", "code", "code_verifier", "client_secret",
            "client_assertion", "client_assertion_type", "refresh_token", "device_code");

    private final Authority authority;
    private final String clientId;
    private final List<String> scopes;
    private final String prompt;
    private final String loginHint;
    private final String domainHint;
    private final Map<String, String> extraParameters;
    private final int port;
    private final String redirectUri;
    private final Duration timeout;
    private final String spaOrigin;
    private final Secret clientSecret;
    private final ClientCertificate certificate;

    private SignInRequest(Builder b) {
        this.authority = Objects.requireNonNull(b.authority, "authority");
        if (b.clientId == null || b.clientId.isBlank()) {
            throw new IllegalArgumentException("the client id is empty: give the app registration's Application (client) ID");
        }
        this.clientId = b.clientId.strip();
        this.scopes = List.copyOf(b.scopes);
        this.prompt = blankToNull(b.prompt);
        this.loginHint = blankToNull(b.loginHint);
        this.domainHint = blankToNull(b.domainHint);
        for (String k : b.extra.keySet()) {
            if (RESERVED.contains(k.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the extra parameter \"" + k
                        + "\" is set by the flow itself; use the dedicated option instead");
            }
        }
        this.extraParameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.extra));
        if (b.port < 0 || b.port > 65535) throw new IllegalArgumentException("the port must be 0 (random) to 65535, not " + b.port);
        this.redirectUri = checkRedirect(b.redirectUri == null ? DEFAULT_REDIRECT : b.redirectUri.strip());
        int uriPort = URI.create(redirectUri).getPort();
        if (b.port != 0 && uriPort > 0 && uriPort != b.port) {
            throw new IllegalArgumentException("the redirect URI names port " + uriPort + " but the port option says " + b.port);
        }
        this.port = b.port != 0 ? b.port : Math.max(uriPort, 0);
        if (b.timeout != null && (b.timeout.isNegative() || b.timeout.isZero())) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
        this.timeout = b.timeout == null ? DEFAULT_TIMEOUT : b.timeout;
        this.spaOrigin = b.spaOrigin == null ? null : checkOrigin(b.spaOrigin.strip());
        this.clientSecret = b.clientSecret;
        this.certificate = b.certificate;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Loopback only: http://localhost or http://127.0.0.1, optional port and path (RFC 8252 §7.3). */
    static String checkRedirect(String uri) {
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the redirect URI \"" + uri + "\" is not a URI: " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null
                || !(u.getHost().equalsIgnoreCase("localhost") || u.getHost().equals("127.0.0.1"))) {
            throw new IllegalArgumentException("the redirect URI must be a loopback one, http://localhost[:port][/path] or http://127.0.0.1[:port][/path]"
                    + " (Tokenscope listens on 127.0.0.1 only), not " + uri);
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("the redirect URI must not have a query or fragment: " + uri);
        }
        return uri;
    }

    static String checkOrigin(String origin) {
        URI u;
        try {
            u = new URI(origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the SPA origin \"" + origin + "\" is not a URL: " + e.getReason());
        }
        if (u.getScheme() == null || u.getHost() == null
                || !(u.getScheme().equalsIgnoreCase("https") || u.getScheme().equalsIgnoreCase("http"))) {
            throw new IllegalArgumentException("the SPA origin must look like https://app.example.com, not " + origin);
        }
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT)
                + (u.getPort() > 0 ? ":" + u.getPort() : "");
    }

    public static Builder builder(Authority authority, String clientId) {
        return new Builder(authority, clientId);
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        Builder b = new Builder(authority, clientId).scopes(scopes).prompt(prompt).loginHint(loginHint).domainHint(domainHint)
                .port(port).redirectUri(redirectUri).timeout(timeout).spaOrigin(spaOrigin).clientSecret(clientSecret)
                .certificate(certificate);
        extraParameters.forEach(b::extra);
        return b;
    }

    public Authority authority() { return authority; }

    public String clientId() { return clientId; }

    /** The user's scopes, without the defaults. */
    public List<String> scopes() { return scopes; }

    /** {@code openid profile offline_access} plus the user's scopes, de-duplicated, in that order. */
    public List<String> interactiveScopes() {
        Set<String> all = new LinkedHashSet<>(DEFAULT_SCOPES);
        all.addAll(scopes);
        return new ArrayList<>(all);
    }

    public String prompt() { return prompt; }

    public String loginHint() { return loginHint; }

    public String domainHint() { return domainHint; }

    public Map<String, String> extraParameters() { return extraParameters; }

    /** The fixed loopback port, 0 for a random one. */
    public int port() { return port; }

    /** The redirect URI as registered (without the port when random). */
    public String redirectUri() { return redirectUri; }

    public Duration timeout() { return timeout; }

    /** The Origin to send on token requests (SPA emulation), null = none (the default). */
    public String spaOrigin() { return spaOrigin; }

    public Secret clientSecret() { return clientSecret; }

    public ClientCertificate certificate() { return certificate; }

    @Override
    public String toString() {
        return "SignInRequest[" + authority + ", client " + clientId + ", scopes " + scopes
                + (clientSecret != null ? ", secret [redacted]" : "")
                + (certificate != null ? ", certificate " + certificate.thumbprint() : "") + "]";
    }

    /** Builder; every setter takes null for "not set". */
    public static final class Builder {
        private final Authority authority;
        private final String clientId;
        private final List<String> scopes = new ArrayList<>();
        private final Map<String, String> extra = new LinkedHashMap<>();
        private String prompt, loginHint, domainHint, redirectUri, spaOrigin;
        private int port;
        private Duration timeout;
        private Secret clientSecret;
        private ClientCertificate certificate;

        private Builder(Authority authority, String clientId) {
            this.authority = authority;
            this.clientId = clientId;
        }

        /** Adds scopes; each item may itself hold several separated by spaces. */
        public Builder scopes(List<String> s) {
            if (s != null) for (String item : s) scope(item);
            return this;
        }

        public Builder scope(String s) {
            if (s != null) for (String x : s.trim().split("[\\s,]+")) if (!x.isEmpty() && !scopes.contains(x)) scopes.add(x);
            return this;
        }

        public Builder prompt(String p) { prompt = p; return this; }

        public Builder loginHint(String h) { loginHint = h; return this; }

        public Builder domainHint(String h) { domainHint = h; return this; }

        public Builder extra(String name, String value) {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("an extra parameter needs a name");
            extra.put(name.strip(), value == null ? "" : value);
            return this;
        }

        public Builder port(int p) { port = p; return this; }

        public Builder redirectUri(String u) { redirectUri = u; return this; }

        public Builder timeout(Duration t) { timeout = t; return this; }

        public Builder spaOrigin(String o) { spaOrigin = o; return this; }

        public Builder clientSecret(Secret s) { clientSecret = s; return this; }

        public Builder certificate(ClientCertificate c) { certificate = c; return this; }

        /** @throws IllegalArgumentException with a message a user can act on */
        public SignInRequest build() {
            return new SignInRequest(this);
        }
    }
}
