package dev.tokenscope.ui.model;

import dev.tokenscope.engine.signin.AadstsCatalogue;
import dev.tokenscope.engine.signin.Authority;
import dev.tokenscope.engine.signin.BrowserLauncher;
import dev.tokenscope.engine.signin.Cancellation;
import dev.tokenscope.engine.signin.ClientCertificate;
import dev.tokenscope.engine.signin.DeviceCodeInfo;
import dev.tokenscope.engine.signin.FlowLog;
import dev.tokenscope.engine.signin.Secret;
import dev.tokenscope.engine.signin.SignInClient;
import dev.tokenscope.engine.signin.SignInException;
import dev.tokenscope.engine.signin.SignInProfile;
import dev.tokenscope.engine.signin.SignInRequest;
import dev.tokenscope.engine.signin.TokenSet;
import dev.tokenscope.engine.text.SafeText;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The sign-in window's state: the form (authority, client, scopes, flow, credentials, advanced options), the
 * running flow (browser hand-off, device code with countdown), the live flow log, the outcome (an OAuth error with
 * its AADSTS explanations, or the tokens), and saved sign-in profiles. Every flow runs off the FX thread on the
 * engine's {@link SignInClient}; the access token it brings back goes straight into the {@link InspectorViewModel}
 * (inspected with the current API profile). Secrets (client secret, certificate password) live in these properties
 * only: profiles never hold them. Call the methods on the FX thread.
 */
public final class SignInViewModel {
    /** The profile selector's entry for a form that is not saved under a name. */
    public static final String NEW_PROFILE = "New sign-in (not saved)";

    /** The grant the form runs. */
    public enum Flow {
        BROWSER(SignInProfile.BROWSER, "Browser: authorization code + PKCE"),
        DEVICE(SignInProfile.DEVICE, "Device code"),
        CLIENT_CREDENTIALS(SignInProfile.CLIENT_CREDENTIALS, "Client credentials (app-only)");

        private final String profileValue;
        private final String label;

        Flow(String profileValue, String label) {
            this.profileValue = profileValue;
            this.label = label;
        }

        /** The value in {@link SignInProfile#flow()}. */
        public String profileValue() {
            return profileValue;
        }

        public String label() {
            return label;
        }

        public static Flow of(String profileValue) {
            for (Flow f : values()) if (f.profileValue.equals(profileValue)) return f;
            return BROWSER;
        }
    }

    /** How a confidential client proves itself in the client credentials flow. */
    public enum Credential { SECRET, CERTIFICATE }

    /** Where the sign-in is. */
    public enum Phase {
        /** Nothing has run yet. */
        IDLE,
        /** Discovery or a token request is running. */
        RUNNING,
        /** The authorization URL went to the browser; waiting for the redirect. */
        BROWSER,
        /** A user code is shown; polling until the user signs in. */
        DEVICE_CODE,
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    /** Which token of the result is in the inspector. */
    public enum Inspected { NONE, ACCESS_TOKEN, ID_TOKEN }

    private final InspectorViewModel inspector;
    private final Supplier<SignInClient> clients;
    private final BrowserLauncher browser;
    private final Executor executor;
    private final SignInProfileStore store;
    private final Clock clock;

    // the form
    private final StringProperty authority = new SimpleStringProperty("organizations");
    private final ObjectProperty<Authority.Cloud> cloud = new SimpleObjectProperty<>(Authority.Cloud.PUBLIC);
    private final StringProperty clientId = new SimpleStringProperty("");
    private final StringProperty scopes = new SimpleStringProperty("");
    private final ObjectProperty<Flow> flow = new SimpleObjectProperty<>(Flow.BROWSER);
    private final ObjectProperty<Credential> credential = new SimpleObjectProperty<>(Credential.SECRET);
    private final StringProperty clientSecret = new SimpleStringProperty("");
    private final StringProperty certificatePath = new SimpleStringProperty("");
    private final StringProperty certificatePassword = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("");
    private final StringProperty redirectUri = new SimpleStringProperty("");
    private final StringProperty prompt = new SimpleStringProperty("");
    private final StringProperty loginHint = new SimpleStringProperty("");
    private final StringProperty domainHint = new SimpleStringProperty("");
    private final StringProperty extraParameters = new SimpleStringProperty("");
    private final StringProperty spaOrigin = new SimpleStringProperty("");
    private final StringProperty timeoutSeconds = new SimpleStringProperty("");

    // the run
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<DeviceCodeInfo> deviceCode = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper countdownFraction = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<URI> authorizationUrl = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SignInException> error = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TokenSet> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Inspected> inspected = new ReadOnlyObjectWrapper<>(Inspected.NONE);
    private final ObservableList<FlowLog.Entry> logEntries = FXCollections.observableArrayList();
    private final BooleanBinding canRefresh;
    private final BooleanBinding hasIdToken;

    // saved profiles
    private final ObservableList<String> profileNames = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedProfile = new SimpleObjectProperty<>(NEW_PROFILE);
    private final StringProperty profileName = new SimpleStringProperty(NEW_PROFILE);
    private final ReadOnlyStringWrapper profileStatus = new ReadOnlyStringWrapper("");
    private boolean applying;

    private long generation;
    private Cancellation cancellation;
    private FlowLog log = new FlowLog();
    private SignInRequest lastRequest;
    private SignInClient lastClient;

    public SignInViewModel(InspectorViewModel inspector, Supplier<SignInClient> clients, BrowserLauncher browser, Executor executor,
                           SignInProfileStore store, Clock clock) {
        this.inspector = inspector;
        this.clients = clients;
        this.browser = browser;
        this.executor = executor;
        this.store = store;
        this.clock = clock;
        canRefresh = Bindings.createBooleanBinding(() -> result.get() != null && result.get().refreshToken().isPresent() && !busy.get(), result, busy);
        hasIdToken = Bindings.createBooleanBinding(() -> result.get() != null && result.get().idToken().isPresent(), result);
        selectedProfile.addListener((obs, o, n) -> {
            if (n != null && !applying && !n.equals(profileName.get())) select(n);
        });
        refreshNames();
    }

    /** The production model: a fresh {@link SignInClient} per sign-in, daemon workers, profiles in the user's config dir. */
    public static SignInViewModel standard(InspectorViewModel inspector, BrowserLauncher browser) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tokenscope-signin-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new SignInViewModel(inspector, SignInClient::standard, browser, pool, new SignInProfileStore(SignInProfileStore.defaultDir()),
                Clock.systemUTC());
    }

    // ---------------------------------------------------------------- properties

    /** Tenant (GUID, domain, common, organizations, consumers) or authority URL. */
    public StringProperty authorityProperty() { return authority; }
    /** The cloud of a bare tenant. */
    public ObjectProperty<Authority.Cloud> cloudProperty() { return cloud; }
    public StringProperty clientIdProperty() { return clientId; }
    /** The user's scopes, separated by spaces or commas. */
    public StringProperty scopesProperty() { return scopes; }
    public ObjectProperty<Flow> flowProperty() { return flow; }
    public ObjectProperty<Credential> credentialProperty() { return credential; }
    /** The client secret: in memory only, never saved. */
    public StringProperty clientSecretProperty() { return clientSecret; }
    public StringProperty certificatePathProperty() { return certificatePath; }
    /** The PFX password: in memory only, never saved. */
    public StringProperty certificatePasswordProperty() { return certificatePassword; }
    /** Fixed loopback port; empty = random. */
    public StringProperty portProperty() { return port; }
    /** Loopback redirect URI as registered; empty = http://localhost. */
    public StringProperty redirectUriProperty() { return redirectUri; }
    public StringProperty promptProperty() { return prompt; }
    public StringProperty loginHintProperty() { return loginHint; }
    public StringProperty domainHintProperty() { return domainHint; }
    /** Extra authorization parameters, one NAME=VALUE per line. */
    public StringProperty extraParametersProperty() { return extraParameters; }
    /** The Origin to send on token requests (SPA emulation); empty = none. */
    public StringProperty spaOriginProperty() { return spaOrigin; }
    /** How long to wait for the browser redirect; empty = 300 s. */
    public StringProperty timeoutSecondsProperty() { return timeoutSeconds; }

    public ReadOnlyObjectProperty<Phase> phaseProperty() { return phase.getReadOnlyProperty(); }
    public Phase phase() { return phase.get(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public boolean isBusy() { return busy.get(); }
    /** One line: what is happening, or how it ended. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** A problem with the form itself (shown beside the Sign in button); "" when none. */
    public ReadOnlyStringProperty formErrorProperty() { return formError.getReadOnlyProperty(); }
    /** The device code to show while polling (null otherwise). */
    public ReadOnlyObjectProperty<DeviceCodeInfo> deviceCodeProperty() { return deviceCode.getReadOnlyProperty(); }
    /** "14:32" until the user code expires ("expired" after); see {@link #tick()}. */
    public ReadOnlyStringProperty countdownProperty() { return countdown.getReadOnlyProperty(); }
    /** Share of the code's lifetime left, 1 to 0. */
    public ReadOnlyDoubleProperty countdownFractionProperty() { return countdownFraction.getReadOnlyProperty(); }
    /** The authorization URL handed to the browser (for "open it yourself"); null when none. */
    public ReadOnlyObjectProperty<URI> authorizationUrlProperty() { return authorizationUrl.getReadOnlyProperty(); }
    /** Why the last sign-in failed (with the OAuth error and its AADSTS explanations when the provider answered one). */
    public ReadOnlyObjectProperty<SignInException> errorProperty() { return error.getReadOnlyProperty(); }
    /** The tokens of the last successful sign-in or refresh (memory only). */
    public ReadOnlyObjectProperty<TokenSet> resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Inspected> inspectedProperty() { return inspected.getReadOnlyProperty(); }
    /** The live flow log of the current sign-in, redacted by the engine. */
    public ObservableList<FlowLog.Entry> logEntries() { return logEntries; }
    /** True when a refresh token came back and nothing runs. */
    public BooleanBinding canRefreshBinding() { return canRefresh; }
    public BooleanBinding hasIdTokenBinding() { return hasIdToken; }

    public ObservableList<String> profileNames() { return profileNames; }
    public ObjectProperty<String> selectedProfileProperty() { return selectedProfile; }
    public StringProperty profileNameProperty() { return profileName; }
    public ReadOnlyStringProperty profileStatusProperty() { return profileStatus.getReadOnlyProperty(); }
    public SignInProfileStore store() { return store; }
    public InspectorViewModel inspector() { return inspector; }

    /** The whole flow log as text for a ticket (redacted by the engine). */
    public String logText() {
        return log.render();
    }

    // ---------------------------------------------------------------- actions

    /**
     * Checks the form and starts the chosen flow on a worker. Returns false (with the reason in
     * {@link #formErrorProperty()}) when the form is incomplete or a sign-in is already running.
     */
    public boolean signIn() {
        if (busy.get()) {
            formError.set("A sign-in is running: wait for it or cancel it first.");
            return false;
        }
        Flow f = flow.get();
        SignInRequest checked;
        Path certFile;
        char[] certPassword;
        try {
            checked = request(f);
            certFile = f == Flow.CLIENT_CREDENTIALS && credential.get() == Credential.CERTIFICATE ? Path.of(certificatePath.get().strip()) : null;
        } catch (IllegalArgumentException e) {
            formError.set(e.getMessage());
            return false;
        }
        certPassword = certFile != null && !certificatePassword.get().isEmpty() ? certificatePassword.get().toCharArray() : null;
        formError.set("");
        FlowLog l = newLog();
        SignInClient client = clients.get();
        long gen = ++generation;
        Cancellation c = new Cancellation();
        cancellation = c;
        result.set(null);
        inspected.set(Inspected.NONE);
        lastRequest = null;
        lastClient = null;
        setPhase(Phase.RUNNING, switch (f) {
            case BROWSER -> "Opening the browser for the sign-in…";
            case DEVICE -> "Asking for a device code…";
            case CLIENT_CREDENTIALS -> "Requesting an app-only token…";
        });
        BrowserLauncher handOff = url -> {
            Platform.runLater(() -> {
                if (gen != generation) return;
                authorizationUrl.set(url);
                setPhase(Phase.BROWSER, "Waiting for the browser to come back" + listenerOf(url) + "…");
            });
            browser.open(url);
        };
        run(gen, c, () -> {
            SignInRequest r = certFile == null ? checked : withCertificate(checked, certFile, certPassword);
            TokenSet t = switch (f) {
                case BROWSER -> client.authorizationCode(r, handOff, l, c);
                case DEVICE -> client.deviceCode(r, info -> Platform.runLater(() -> showCode(gen, info)), l, c);
                case CLIENT_CREDENTIALS -> client.clientCredentials(r, l, c);
            };
            return new Outcome(r, client, t);
        }, o -> {
            lastRequest = o.request;
            lastClient = o.client;
            land(o.tokens, "Signed in (" + f.label().toLowerCase(Locale.ROOT) + ")");
        });
        return true;
    }

    /** Redeems the refresh token of the last result and inspects the new access token. */
    public boolean refresh() {
        TokenSet t = result.get();
        if (busy.get() || t == null || t.refreshToken().isEmpty() || lastRequest == null) return false;
        Secret rt = t.refreshToken().get();
        SignInRequest r = lastRequest;
        SignInClient client = lastClient != null ? lastClient : clients.get();
        FlowLog l = log;
        long gen = ++generation;
        Cancellation c = new Cancellation();
        cancellation = c;
        error.set(null);
        setPhase(Phase.RUNNING, "Redeeming the refresh token…");
        run(gen, c, () -> new Outcome(r, client, client.refresh(r, rt, l, c)), o -> land(o.tokens, "Refreshed"));
        return true;
    }

    /** Stops the running sign-in: wakes the device-code poll, closes the listener, cancels the HTTP call. */
    public boolean cancel() {
        if (!busy.get()) return false;
        Cancellation c = cancellation;
        if (c != null) c.cancel();
        generation++;
        boolean polling = deviceCode.get() != null;
        deviceCode.set(null);
        authorizationUrl.set(null);
        tick();
        busy.set(false);
        setPhase(Phase.CANCELLED, polling ? "Cancelled: the device code flow stopped polling." : "Cancelled.");
        return true;
    }

    /** Puts the result's access token into the inspector again. */
    public void inspectAccessToken() {
        TokenSet t = result.get();
        if (t == null) return;
        inspected.set(Inspected.ACCESS_TOKEN);
        inspector.inspectText(t.accessToken());
    }

    /** Puts the result's ID token into the inspector. */
    public void inspectIdToken() {
        TokenSet t = result.get();
        if (t == null || t.idToken().isEmpty()) return;
        inspected.set(Inspected.ID_TOKEN);
        inspector.inspectText(t.idToken().get());
    }

    /** Opens the device code's verification page (with the code in it when the provider offers that). */
    public void openVerificationPage() {
        DeviceCodeInfo i = deviceCode.get();
        if (i == null) return;
        String url = i.verificationUriComplete() != null ? i.verificationUriComplete() : i.verificationUri();
        openInBrowser(url);
    }

    /** Hands the authorization URL to the browser once more (when the first window got lost). */
    public void reopenAuthorizationUrl() {
        URI u = authorizationUrl.get();
        if (u != null) openInBrowser(u.toString());
    }

    private void openInBrowser(String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            status.set("Not a URL: " + url);
            return;
        }
        executor.execute(() -> {
            try {
                browser.open(u);
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> status.set("Could not open a browser (" + InspectorViewModel.friendly(e) + "); copy the URL instead."));
            }
        });
    }

    /** Updates the device code countdown from the clock (the view calls it every second). */
    public void tick() {
        DeviceCodeInfo i = deviceCode.get();
        if (i == null) {
            countdown.set("");
            countdownFraction.set(0);
            return;
        }
        Duration left = Duration.between(clock.instant(), i.expiresAt());
        countdown.set(remaining(left));
        long total = Math.max(1, i.expiresIn().toMillis());
        countdownFraction.set(left.isNegative() ? 0 : Math.min(1, left.toMillis() / (double) total));
    }

    /** {@code 14:05}, {@code 1:02:03} or {@code expired}. */
    public static String remaining(Duration left) {
        if (left.isNegative() || left.isZero()) return "expired";
        long s = (left.toMillis() + 999) / 1000;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** " to 127.0.0.1:PORT" from the authorization URL's redirect_uri, "" when it has none. */
    static String listenerOf(URI url) {
        String q = url.getRawQuery();
        if (q == null) return "";
        for (String pair : q.split("&")) {
            if (pair.startsWith("redirect_uri=")) {
                try {
                    URI r = URI.create(java.net.URLDecoder.decode(pair.substring(13), java.nio.charset.StandardCharsets.UTF_8));
                    return r.getPort() > 0 ? " to 127.0.0.1:" + r.getPort() : "";
                } catch (IllegalArgumentException e) {
                    return "";
                }
            }
        }
        return "";
    }

    /** What SPA emulation does, with Entra's two errors about it (tooltip of the SPA Origin field). */
    public static String spaHelp() {
        StringBuilder sb = new StringBuilder("SPA emulation: send this Origin header on the token request, as browser JavaScript (MSAL.js) does."
                + " Leave it empty unless the app's redirect URI is registered under 'Single-page application'.");
        for (long code : new long[]{9002327, 9002326}) {
            AadstsCatalogue.get().lookup(code).ifPresent(e -> sb.append("\n\nAADSTS").append(e.code()).append(": ").append(e.summary())
                    .append("\n").append(e.explanation()).append("\nFix: ").append(e.fix().replace("--spa-origin", "the SPA Origin field")));
        }
        return sb.toString();
    }

    /** What the scopes field is for, by flow. */
    public static String scopesHint(Flow f) {
        return f == Flow.CLIENT_CREDENTIALS
                ? "App-only: the API's {resource}/.default, e.g. api://orders-api/.default"
                : "openid profile offline_access are always added";
    }

    // ---------------------------------------------------------------- running

    private record Outcome(SignInRequest request, SignInClient client, TokenSet tokens) {
    }

    private interface Work {
        Outcome call() throws SignInException;
    }

    private void run(long gen, Cancellation c, Work work, java.util.function.Consumer<Outcome> onSuccess) {
        Task<Outcome> task = new Task<>() {
            @Override
            protected Outcome call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> {
            if (gen != generation) return;
            busy.set(false);
            deviceCode.set(null);
            authorizationUrl.set(null);
            tick();
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            if (gen != generation) return;
            busy.set(false);
            deviceCode.set(null);
            authorizationUrl.set(null);
            tick();
            fail(task.getException());
        });
        error.set(null);
        busy.set(true);
        try {
            executor.execute(task);
        } catch (RuntimeException ex) {
            busy.set(false);
            fail(ex);
        }
    }

    private void fail(Throwable ex) {
        SignInException se = ex instanceof SignInException s ? s
                : new SignInException(SignInException.Kind.INVALID_RESPONSE, "unexpected error: " + InspectorViewModel.friendly(ex), ex);
        if (se.kind() == SignInException.Kind.CANCELLED) {
            setPhase(Phase.CANCELLED, "Cancelled.");
            return;
        }
        error.set(se);
        setPhase(Phase.FAILED, "Sign-in failed: " + SafeText.line(se.getMessage()));
    }

    private void land(TokenSet t, String what) {
        result.set(t);
        inspected.set(Inspected.ACCESS_TOKEN);
        inspector.inspectText(t.accessToken());
        setPhase(Phase.SUCCEEDED, what + ": the access token is in the inspector.");
    }

    private void showCode(long gen, DeviceCodeInfo info) {
        if (gen != generation) return;
        deviceCode.set(info);
        tick();
        setPhase(Phase.DEVICE_CODE, "Waiting for the sign-in on the other device (polling every " + info.interval().toSeconds() + " s)…");
    }

    private void setPhase(Phase p, String text) {
        phase.set(p);
        status.set(text);
    }

    /** A new flow log for a new attempt; its entries reach {@link #logEntries()} on the FX thread. */
    private FlowLog newLog() {
        FlowLog l = new FlowLog();
        log = l;
        logEntries.clear();
        l.onEntry(e -> Platform.runLater(() -> {
            if (l == log) syncLog(l);
        }));
        return l;
    }

    /** Mirrors the log (the engine merges repeated polls into the last entry, so lines can change). */
    private void syncLog(FlowLog l) {
        List<FlowLog.Entry> now = l.entries();
        for (int i = 0; i < now.size(); i++) {
            if (i < logEntries.size()) {
                if (!logEntries.get(i).equals(now.get(i))) logEntries.set(i, now.get(i));
            } else {
                logEntries.add(now.get(i));
            }
        }
    }

    private static SignInRequest withCertificate(SignInRequest r, Path file, char[] password) throws SignInException {
        try {
            return r.toBuilder().certificate(ClientCertificate.fromFile(file, password)).build();
        } catch (IOException e) {
            throw new SignInException(SignInException.Kind.CONFIG, "could not read the certificate " + file + ": " + e.getMessage(), e);
        } finally {
            if (password != null) Arrays.fill(password, '\0');
        }
    }

    // ---------------------------------------------------------------- the form

    /**
     * The request the form describes (without a certificate, which is read on the worker).
     *
     * @throws IllegalArgumentException naming the field and what to do
     */
    SignInRequest request(Flow f) {
        Authority a;
        try {
            a = Authority.parse(authority.get(), cloud.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Authority: " + e.getMessage());
        }
        if (clientId.get() == null || clientId.get().isBlank()) {
            throw new IllegalArgumentException("Client id: give the app registration's Application (client) ID");
        }
        SignInRequest.Builder b = SignInRequest.builder(a, clientId.get().strip()).scopes(Lists.split(scopes.get()));
        if (f == Flow.BROWSER) {
            // The advanced options shape the authorization request and its redemption: the browser flow's only.
            b.prompt(prompt.get()).loginHint(loginHint.get()).domainHint(domainHint.get());
            extra(extraParameters.get()).forEach(b::extra);
            b.port(port(port.get())).redirectUri(blankToNull(redirectUri.get())).timeout(timeout(timeoutSeconds.get()));
            b.spaOrigin(blankToNull(spaOrigin.get()));
        } else if (f == Flow.CLIENT_CREDENTIALS) {
            if (Lists.split(scopes.get()).isEmpty()) {
                throw new IllegalArgumentException("Scopes: client credentials need the API's {resource}/.default, e.g. api://orders-api/.default");
            }
            if (credential.get() == Credential.SECRET) {
                if (clientSecret.get() == null || clientSecret.get().isEmpty()) {
                    throw new IllegalArgumentException("Client secret: paste the secret's value (kept in memory only), or choose a certificate");
                }
                b.clientSecret(Secret.of(clientSecret.get()));
            } else if (certificatePath.get() == null || certificatePath.get().isBlank()) {
                throw new IllegalArgumentException("Certificate: choose a PEM (PKCS#8 key + certificate) or PFX file");
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(capitalise(e.getMessage()));
        }
    }

    static int port(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) return 0;
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) return p;
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("Port: a number from 1 to 65535, or empty for a random free port (not \"" + s + "\")");
    }

    static Duration timeout(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) return null;
        try {
            long v = Long.parseLong(s);
            if (v > 0 && v <= 3600) return Duration.ofSeconds(v);
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("Timeout: seconds from 1 to 3600, or empty for " + SignInRequest.DEFAULT_TIMEOUT.toSeconds() + " (not \"" + s + "\")");
    }

    /** One NAME=VALUE per line (blank lines ignored). */
    static Map<String, String> extra(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) return out;
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty()) continue;
            int eq = l.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("Extra parameters: one NAME=VALUE per line, not \"" + l + "\"");
            out.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String capitalise(String s) {
        return s == null || s.isEmpty() ? "Invalid input" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---------------------------------------------------------------- profiles

    /** The form as a sign-in profile (no secret, no certificate password), named {@code name}. */
    public SignInProfile snapshot(String name) {
        Flow f = flow.get();
        // The browser flow's options must be valid to be saved; the other flows keep what parses (they ignore them).
        boolean strict = f == Flow.BROWSER;
        int p = strict ? port(port.get()) : orElse(() -> port(port.get()), 0);
        Duration t = strict ? timeout(timeoutSeconds.get()) : orElse(() -> timeout(timeoutSeconds.get()), null);
        Map<String, String> ex = strict ? extra(extraParameters.get()) : orElse(() -> extra(extraParameters.get()), Map.of());
        return new SignInProfile(name, f.profileValue(), blankToNull(authority.get()), cloudName(cloud.get()), blankToNull(clientId.get()),
                Lists.split(scopes.get()), blankToNull(prompt.get()), blankToNull(loginHint.get()), blankToNull(domainHint.get()), ex,
                p == 0 ? null : p, blankToNull(redirectUri.get()), blankToNull(spaOrigin.get()), t == null ? null : t.toSeconds(),
                f == Flow.CLIENT_CREDENTIALS && credential.get() == Credential.CERTIFICATE ? blankToNull(certificatePath.get()) : null);
    }

    private static <T> T orElse(Supplier<T> parse, T fallback) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    /** Fills the form from a profile; the secret fields are emptied (they belong to the previous app, if any). */
    public void apply(SignInProfile p) {
        applying = true;
        try {
            profileName.set(p.name() == null || p.name().isBlank() ? NEW_PROFILE : p.name());
            flow.set(Flow.of(p.flow()));
            authority.set(nz(p.authority()));
            Authority.Cloud c = Authority.Cloud.PUBLIC;
            try {
                if (p.cloud() != null) c = Authority.Cloud.parse(p.cloud());
            } catch (IllegalArgumentException e) {
                profileStatus.set("Unknown cloud \"" + p.cloud() + "\" in the profile: using the public cloud");
            }
            cloud.set(c);
            clientId.set(nz(p.clientId()));
            scopes.set(String.join(" ", p.scopes()));
            prompt.set(nz(p.prompt()));
            loginHint.set(nz(p.loginHint()));
            domainHint.set(nz(p.domainHint()));
            List<String> lines = new ArrayList<>();
            p.extraParameters().forEach((k, v) -> lines.add(k + "=" + v));
            extraParameters.set(String.join("\n", lines));
            port.set(p.port() == null ? "" : String.valueOf(p.port()));
            redirectUri.set(nz(p.redirectUri()));
            spaOrigin.set(nz(p.spaOrigin()));
            timeoutSeconds.set(p.timeoutSeconds() == null ? "" : String.valueOf(p.timeoutSeconds()));
            certificatePath.set(nz(p.certificatePath()));
            credential.set(p.certificatePath() != null ? Credential.CERTIFICATE : Credential.SECRET);
            clientSecret.set("");
            certificatePassword.set("");
            if (!profileNames.contains(profileName.get())) profileNames.add(profileName.get());
            selectedProfile.set(profileName.get());
        } finally {
            applying = false;
        }
        formError.set("");
    }

    /** Switches to a saved profile, or to an empty form for {@link #NEW_PROFILE}. */
    public void select(String name) {
        if (name == null) return;
        if (name.equals(NEW_PROFILE)) {
            apply(new SignInProfile(NEW_PROFILE, SignInProfile.BROWSER, "organizations", null, null, null, null, null, null, null, null, null,
                    null, null, null));
            profileStatus.set("");
            return;
        }
        try {
            Optional<SignInProfile> p = store.load(name);
            if (p.isPresent()) {
                apply(p.get());
                profileStatus.set("Loaded sign-in profile \"" + name + "\"");
            } else {
                profileStatus.set("No saved sign-in profile \"" + name + "\"");
                refreshNames();
            }
        } catch (IOException e) {
            profileStatus.set("Could not load sign-in profile \"" + name + "\": " + e.getMessage());
        }
    }

    /** Saves the form (never its secrets) under {@code name}; false with the reason in the profile status when it could not. */
    public boolean saveAs(String name) {
        String problem = ProfileStore.checkName(name);
        if (problem == null && name.strip().equals(NEW_PROFILE)) problem = "choose another name than \"" + NEW_PROFILE + "\"";
        if (problem != null) {
            profileStatus.set("Not saved: " + problem);
            return false;
        }
        SignInProfile p;
        try {
            p = snapshot(name.strip());
        } catch (IllegalArgumentException e) {
            profileStatus.set("Not saved: " + e.getMessage());
            return false;
        }
        try {
            store.save(p);
        } catch (IOException e) {
            profileStatus.set("Could not save the sign-in profile: " + e.getMessage());
            return false;
        }
        applying = true;
        try {
            profileName.set(p.name());
            refreshNames();
            selectedProfile.set(p.name());
        } finally {
            applying = false;
        }
        profileStatus.set("Saved sign-in profile \"" + p.name() + "\" (without secrets) in " + store.dir());
        return true;
    }

    /** Saves under the current name; false (asking for a name) for an unsaved form. */
    public boolean save() {
        if (profileName.get() == null || profileName.get().equals(NEW_PROFILE)) {
            profileStatus.set("Choose a name with \"Save as\"");
            return false;
        }
        return saveAs(profileName.get());
    }

    public boolean deleteCurrent() {
        String n = profileName.get();
        if (n == null || n.equals(NEW_PROFILE)) {
            profileStatus.set("This sign-in is not saved, so there is nothing to delete");
            return false;
        }
        try {
            boolean gone = store.delete(n);
            profileStatus.set(gone ? "Deleted sign-in profile \"" + n + "\"" : "No saved sign-in profile \"" + n + "\"");
        } catch (IOException e) {
            profileStatus.set("Could not delete the sign-in profile: " + e.getMessage());
            return false;
        }
        String status = profileStatus.get();
        select(NEW_PROFILE);
        profileStatus.set(status);
        refreshNames();
        return true;
    }

    public void refreshNames() {
        List<String> names = new ArrayList<>();
        names.add(NEW_PROFILE);
        for (String n : store.names()) if (!names.contains(n)) names.add(n);
        if (profileName.get() != null && !names.contains(profileName.get())) names.add(profileName.get());
        boolean was = applying;
        applying = true;
        try {
            profileNames.setAll(names);
            selectedProfile.set(profileName.get());
        } finally {
            applying = was;
        }
    }

    /** Forgets the secrets typed into the form (the window calls it when it closes). */
    public void forgetSecrets() {
        clientSecret.set("");
        certificatePassword.set("");
    }

    static String cloudName(Authority.Cloud c) {
        if (c == null) return null;
        return switch (c) {
            case PUBLIC -> "public";
            case US_GOV -> "usgov";
            case CHINA -> "china";
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
