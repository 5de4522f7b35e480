package dev.tokenscope.ui.model.signin;

import dev.tokenscope.engine.signin.BrowserLauncher;
import dev.tokenscope.engine.signin.SignInClient;
import dev.tokenscope.engine.signin.SignInRequest;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The sign-in window's state, in three parts: the {@link SignInFormModel form}, the {@link SignInRunModel run} (phase,
 * cancel, device code, flow log, outcome) and the saved {@link SignInProfilesModel profiles}. {@link #signIn()} joins
 * the first two. Call the methods on the FX thread.
 */
public final class SignInViewModel {
    private final SignInFormModel form = new SignInFormModel();
    private final SignInRunModel run;
    private final SignInProfilesModel profiles;

    public SignInViewModel(TokenSink inspector, Supplier<SignInClient> clients, BrowserLauncher browser, Executor executor,
                           SignInProfileStore store, Clock clock) {
        run = new SignInRunModel(inspector, clients, browser, executor, new DeviceCodeClock(clock));
        profiles = new SignInProfilesModel(store, form);
    }

    /** The production model: a fresh {@link SignInClient} per sign-in, daemon workers, profiles in the user's config dir. */
    public static SignInViewModel standard(TokenSink inspector, BrowserLauncher browser) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tokenscope-signin-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new SignInViewModel(inspector, SignInClient::standard, browser, pool,
                new SignInProfileStore(SignInProfileStore.defaultDir()),
                Clock.systemUTC());
    }

    public SignInFormModel form() { return form; }
    public SignInRunModel run() { return run; }
    public SignInProfilesModel profiles() { return profiles; }

    /**
     * Checks the form and starts the chosen grant on a worker. Returns false (with the reason in
     * {@link SignInFormModel#formErrorProperty()}) when the form is incomplete or a sign-in is already running.
     */
    public boolean signIn() {
        if (run.isBusy()) {
            form.problem("A sign-in is running: wait for it or cancel it first.");
            return false;
        }
        SignInRequest checked;
        Path certFile;
        try {
            checked = form.request();
            certFile = form.certificateFile();
        } catch (IllegalArgumentException e) {
            form.problem(e.getMessage());
            return false;
        }
        char[] certPassword = form.certificatePasswordChars();
        form.problem("");
        run.start(form.grantProperty().get(), checked, certFile, certPassword);
        return true;
    }

    /** Forgets the secrets typed into the form (the window calls it when it closes). */
    public void forgetSecrets() {
        form.forgetSecrets();
    }
}
