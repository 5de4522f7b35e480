package dev.tokenscope.ui.model;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import dev.tokenscope.engine.signin.DesktopBrowserLauncher;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.function.Supplier;

/**
 * The whole window's model: the inspector, the API profile panel (whose profile drives the inspector), the
 * samples, the sign-in window's model (made on first use), and view settings (dark theme, profile panel shown).
 */
public final class MainViewModel {
    private final InspectorViewModel inspector;
    private final ProfileViewModel profiles;
    private final List<SampleCatalog.Sample> samples;
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final BooleanProperty profilePanel = new SimpleBooleanProperty(true);
    private Supplier<SignInViewModel> signInFactory;
    private SignInViewModel signIn;

    public MainViewModel(InspectorViewModel inspector, ProfileViewModel profiles, List<SampleCatalog.Sample> samples) {
        this.inspector = inspector;
        this.profiles = profiles;
        this.samples = List.copyOf(samples);
        inspector.profileProperty().bind(profiles.profileProperty());
    }

    public InspectorViewModel inspector() { return inspector; }
    public ProfileViewModel profiles() { return profiles; }
    public List<SampleCatalog.Sample> samples() { return samples; }
    public BooleanProperty darkProperty() { return dark; }
    public BooleanProperty profilePanelProperty() { return profilePanel; }

    /**
     * How the sign-in model is made on first use (the app passes one with JavaFX HostServices as the browser; tests
     * one with their own server and browser). Without one: the standard model with {@code java.awt.Desktop}.
     */
    public void setSignInFactory(Supplier<SignInViewModel> factory) {
        this.signInFactory = factory;
        this.signIn = null;
    }

    /** The sign-in window's model; its tokens land in {@link #inspector()}. */
    public SignInViewModel signIn() {
        if (signIn == null) {
            signIn = signInFactory != null ? signInFactory.get() : SignInViewModel.standard(inspector,
                    new DesktopBrowserLauncher(new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true)));
        }
        return signIn;
    }

    /** Loads a sample: its profile (offline, with bundled keys) becomes the active one, then its token is inspected. */
    public void loadSample(SampleCatalog.Sample s) {
        profiles.applyTransient(s.profile());
        inspector.inspectText(s.token());
    }
}
