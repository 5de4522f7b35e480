package dev.tokenscope.ui.model.signin;

import dev.tokenscope.engine.text.SafeText;
import dev.tokenscope.engine.signin.BrowserLauncher;
import dev.tokenscope.engine.signin.Cancellation;
import dev.tokenscope.engine.signin.DeviceCodeInfo;
import dev.tokenscope.engine.signin.FlowLog;
import dev.tokenscope.engine.signin.Grant;
import dev.tokenscope.engine.signin.Secret;
import dev.tokenscope.engine.signin.SignInClient;
import dev.tokenscope.engine.signin.SignInException;
import dev.tokenscope.engine.signin.SignInForm;
import dev.tokenscope.engine.signin.SignInRequest;
import dev.tokenscope.engine.signin.TokenSet;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A sign-in while it runs and once it ended: the phase, the one-line status, the browser hand-off, the device code
 * (with its countdown: {@link DeviceCodeClock}), the live flow log, and the outcome (an error, or the tokens, whose
 * access token goes straight into the inspector). Every grant runs off the FX thread on the engine's
 * {@link SignInClient}; Cancel stops it. Call the methods on the FX thread.
 */
public final class SignInRunModel {
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

    private final TokenSink inspector;
    private final Supplier<SignInClient> clients;
    private final BrowserLauncher browser;
    private final Executor executor;
    private final DeviceCodeClock countdown;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<URI> authorizationUrl = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SignInException> error = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TokenSet> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Inspected> inspected = new ReadOnlyObjectWrapper<>(Inspected.NONE);
    private final FlowLogMirror log = new FlowLogMirror();
    private final BooleanBinding canRefresh;
    private final BooleanBinding hasIdToken;

    private long generation;
    private Cancellation cancellation;
    private SignInRequest lastRequest;
    private SignInClient lastClient;

    SignInRunModel(TokenSink inspector, Supplier<SignInClient> clients, BrowserLauncher browser, Executor executor,
            DeviceCodeClock countdown) {
        this.inspector = inspector;
        this.clients = clients;
        this.browser = browser;
        this.executor = executor;
        this.countdown = countdown;
        canRefresh = Bindings.createBooleanBinding(() -> result.get() != null && result.get().refreshToken().isPresent() && !busy.get(),
                result, busy);
        hasIdToken = Bindings.createBooleanBinding(() -> result.get() != null && result.get().idToken().isPresent(), result);
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() { return phase.getReadOnlyProperty(); }
    public Phase phase() { return phase.get(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public boolean isBusy() { return busy.get(); }
    /** One line: what is happening, or how it ended. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The device code shown while polling, and its countdown. */
    public DeviceCodeClock deviceCode() { return countdown; }
    /** The authorization URL handed to the browser (for "open it yourself"); null when none. */
    public ReadOnlyObjectProperty<URI> authorizationUrlProperty() { return authorizationUrl.getReadOnlyProperty(); }
    /** Why the last sign-in failed (with the OAuth error and its AADSTS explanations when the provider answered one). */
    public ReadOnlyObjectProperty<SignInException> errorProperty() { return error.getReadOnlyProperty(); }
    /** The tokens of the last successful sign-in or refresh (memory only). */
    public ReadOnlyObjectProperty<TokenSet> resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Inspected> inspectedProperty() { return inspected.getReadOnlyProperty(); }
    /** The live flow log of the current sign-in, redacted by the engine. */
    public ObservableList<FlowLog.Entry> logEntries() { return log.entries(); }
    /** True when a refresh token came back and nothing runs. */
    public BooleanBinding canRefreshBinding() { return canRefresh; }
    public BooleanBinding hasIdTokenBinding() { return hasIdToken; }

    /** The whole flow log as text for a ticket (redacted by the engine). */
    public String logText() {
        return log.text();
    }

    /** Runs {@code grant} with a checked request; the certificate (if any) is read on the worker. */
    void start(Grant grant, SignInRequest checked, Path certFile, char[] certPassword) {
        FlowLog l = log.restart();
        SignInClient client = clients.get();
        long gen = ++generation;
        Cancellation c = new Cancellation();
        cancellation = c;
        result.set(null);
        inspected.set(Inspected.NONE);
        lastRequest = null;
        lastClient = null;
        setPhase(Phase.RUNNING, SignInTexts.starting(grant));
        BrowserLauncher handOff = url -> {
            Platform.runLater(() -> {
                if (gen != generation) return;
                authorizationUrl.set(url);
                setPhase(Phase.BROWSER, SignInTexts.waitingForBrowser(url));
            });
            browser.open(url);
        };
        run(gen, c, () -> {
            SignInRequest r = certFile == null ? checked : withCertificate(checked, certFile, certPassword);
            TokenSet t = switch (grant) {
                case DEVICE_CODE -> client.deviceCode(r, info -> Platform.runLater(() -> showCode(gen, info)), l, c);
                case CLIENT_CREDENTIALS -> client.clientCredentials(r, l, c);
                default -> client.authorizationCode(r, handOff, l, c);
            };
            return new Outcome(r, client, t);
        }, o -> {
            lastRequest = o.request;
            lastClient = o.client;
            land(o.tokens, grant);
        });
    }

    /** Redeems the refresh token of the last result and inspects the new access token. */
    public boolean refresh() {
        TokenSet t = result.get();
        if (busy.get() || t == null || t.refreshToken().isEmpty() || lastRequest == null) return false;
        Secret rt = t.refreshToken().get();
        SignInRequest r = lastRequest;
        SignInClient client = lastClient != null ? lastClient : clients.get();
        FlowLog l = log.current();
        long gen = ++generation;
        Cancellation c = new Cancellation();
        cancellation = c;
        error.set(null);
        setPhase(Phase.RUNNING, SignInTexts.starting(Grant.REFRESH_TOKEN));
        run(gen, c, () -> new Outcome(r, client, client.refresh(r, rt, l, c)), o -> land(o.tokens, Grant.REFRESH_TOKEN));
        return true;
    }

    /** Stops the running sign-in: wakes the device-code poll, closes the listener, cancels the HTTP call. */
    public boolean cancel() {
        if (!busy.get()) return false;
        Cancellation c = cancellation;
        if (c != null) c.cancel();
        generation++;
        boolean polling = countdown.get() != null;
        countdown.set(null);
        authorizationUrl.set(null);
        busy.set(false);
        setPhase(Phase.CANCELLED, SignInTexts.cancelled(polling));
        return true;
    }

    /** Puts the result's access token into the inspector again. */
    public void inspectAccessToken() {
        TokenSet t = result.get();
        if (t == null) return;
        inspected.set(Inspected.ACCESS_TOKEN);
        inspector.inspect(t.accessToken());
    }

    /** Puts the result's ID token into the inspector. */
    public void inspectIdToken() {
        TokenSet t = result.get();
        if (t == null || t.idToken().isEmpty()) return;
        inspected.set(Inspected.ID_TOKEN);
        inspector.inspect(t.idToken().get());
    }

    /** Opens the device code's verification page (with the code in it when the provider offers that). */
    public void openVerificationPage() {
        DeviceCodeInfo i = countdown.get();
        if (i == null) return;
        openInBrowser(i.verificationUriComplete() != null ? i.verificationUriComplete() : i.verificationUri());
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
                Platform.runLater(() -> status.set("Could not open a browser (" + SafeText.friendly(e) + "); copy the URL instead."));
            }
        });
    }

    // ---------------------------------------------------------------- running

    private record Outcome(SignInRequest request, SignInClient client, TokenSet tokens) {
    }

    private interface Work {
        Outcome call() throws SignInException;
    }

    private void run(long gen, Cancellation c, Work work, Consumer<Outcome> onSuccess) {
        Task<Outcome> task = new Task<>() {
            @Override
            protected Outcome call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> {
            if (gen != generation) return;
            ended();
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            if (gen != generation) return;
            ended();
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

    private void ended() {
        busy.set(false);
        countdown.set(null);
        authorizationUrl.set(null);
    }

    private void fail(Throwable ex) {
        SignInException se = ex instanceof SignInException s ? s
                : new SignInException(SignInException.Kind.INVALID_RESPONSE, "unexpected error: " + SafeText.friendly(ex), ex);
        if (se.kind() == SignInException.Kind.CANCELLED) {
            setPhase(Phase.CANCELLED, SignInTexts.cancelled(false));
            return;
        }
        error.set(se);
        setPhase(Phase.FAILED, SignInTexts.failed(se.getMessage()));
    }

    private void land(TokenSet t, Grant grant) {
        result.set(t);
        inspected.set(Inspected.ACCESS_TOKEN);
        inspector.inspect(t.accessToken());
        setPhase(Phase.SUCCEEDED, SignInTexts.landed(grant));
    }

    private void showCode(long gen, DeviceCodeInfo info) {
        if (gen != generation) return;
        countdown.set(info);
        setPhase(Phase.DEVICE_CODE, SignInTexts.waitingForDevice(info));
    }

    private void setPhase(Phase p, String text) {
        phase.set(p);
        status.set(text);
    }

    private static SignInRequest withCertificate(SignInRequest r, Path file, char[] password) throws SignInException {
        try {
            return SignInForm.withCertificate(r, file, password);
        } catch (IOException e) {
            throw new SignInException(SignInException.Kind.CONFIG, e.getMessage(), e);
        }
    }
}
