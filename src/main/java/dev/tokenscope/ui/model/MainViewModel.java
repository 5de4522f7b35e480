package dev.tokenscope.ui.model;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import dev.tokenscope.desktop.DesktopBrowserLauncher;
import dev.tokenscope.ui.model.signin.SignInViewModel;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The whole window's model: the inspector, the API profile panel (whose profile drives the inspector), the
 * samples, the sign-in window's model, exports, the server-side snippets, the HAR list (a capture opened or dropped
 * goes there), and view settings (dark theme, profile panel shown). The samples, the snippets, the HAR list and the
 * sign-in model are made on first use: the first window shows none of them.
 */
public final class MainViewModel {
    private final InspectorViewModel inspector;
    private final ProfileViewModel profiles;
    private Supplier<List<SampleCatalog.Sample>> sampleSource;
    private List<SampleCatalog.Sample> samples;
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final BooleanProperty profilePanel = new SimpleBooleanProperty(true);
    private Supplier<SignInViewModel> signInFactory;
    private SignInViewModel signIn;
    private final ExportViewModel export;
    private SnippetViewModel snippets;
    private HarViewModel har;
    private Runnable onHarOpened;
    private String sampleToken;
    private ProfileData beforeSample;

    public MainViewModel(InspectorViewModel inspector, ProfileViewModel profiles, List<SampleCatalog.Sample> samples) {
        this(inspector, profiles, () -> samples);
    }

    /** With the samples read on first use ({@code samples} is called once, when the Samples menu first opens). */
    public MainViewModel(InspectorViewModel inspector, ProfileViewModel profiles, Supplier<List<SampleCatalog.Sample>> samples) {
        this.inspector = inspector;
        this.profiles = profiles;
        this.sampleSource = samples;
        inspector.profileProperty().bind(profiles.profileProperty());
        inspector.apiProperty().bind(profiles.apiViewProperty());
        inspector.profileNameProperty().bind(profiles.nameProperty());
        // A sample's profile applies to that sample only: anything else the user inspects returns to the profile before it.
        inspector.setBeforeNewInput(text -> {
            if (sampleToken != null && !sampleToken.equals(text)) leaveSample();
        });
        this.export = new ExportViewModel(inspector, new ExportPreferences(profiles.store().dir() == null ? null
                : profiles.store().dir().resolve("export-preferences")));
        inspector.setHarHandler(this::openHar);
    }

    public InspectorViewModel inspector() { return inspector; }
    public ProfileViewModel profiles() { return profiles; }
    /** The samples (read on the first call). */
    public List<SampleCatalog.Sample> samples() {
        if (samples == null) {
            samples = List.copyOf(sampleSource.get());
            sampleSource = null;
        }
        return samples;
    }
    public BooleanProperty darkProperty() { return dark; }
    public BooleanProperty profilePanelProperty() { return profilePanel; }
    /** File ▸ Export and Copy as Markdown. */
    public ExportViewModel export() { return export; }
    /** The "Verify it in your server" tab (made on first use; it then follows the report and the profile). */
    public SnippetViewModel snippets() {
        if (snippets == null) snippets = new SnippetViewModel(inspector.reportProperty(), inspector.profileProperty());
        return snippets;
    }

    /** The HAR list (made on first use; its window shows when a capture is opened). */
    public HarViewModel har() {
        if (har == null) {
            har = HarViewModel.withDefaultExecutor(inspector.inspector(), inspector.profileProperty());
            har.setInspectHandler(inspector::inspectText);
            har.setProfileName(inspector.profileNameProperty());
        }
        return har;
    }

    /** True once the HAR list was made (a capture was opened): for tests of what the first window builds. */
    public boolean harMade() { return har != null; }

    /** True once the snippets' model was made: for tests of what the first window builds. */
    public boolean snippetsMade() { return snippets != null; }

    /** True once the samples were read: for tests of what the first window builds. */
    public boolean samplesRead() { return samples != null; }

    /** What the window does when a capture was opened (shows the HAR window). */
    public void setOnHarOpened(Runnable r) {
        this.onHarOpened = r;
    }

    /** Opens a HAR capture in the HAR list (File ▸ Open and drops of a .har go here through the inspector). */
    public void openHar(Path file) {
        har().open(file);
        if (onHarOpened != null) onHarOpened.run();
    }

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
            signIn = signInFactory != null ? signInFactory.get() : SignInViewModel.standard(inspector::inspectText,
                    new DesktopBrowserLauncher(new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true)));
        }
        return signIn;
    }

    /**
     * Loads a sample: its profile (offline, with bundled keys) applies to it, then its token is inspected. The profile
     * in use before comes back as soon as anything else is inspected (pasted, opened, picked in a capture or the history).
     */
    public void loadSample(SampleCatalog.Sample s) {
        if (sampleToken == null || !profiles.isSample()) beforeSample = profiles.snapshot();
        sampleToken = null; // the sample's own inspection is no new input
        profiles.applySample(s.profile());
        inspector.inspectText(s.token());
        sampleToken = s.token();
    }

    /** True while a sample and its profile are shown. */
    public boolean showsSample() {
        return sampleToken != null && profiles.isSample();
    }

    private void leaveSample() {
        sampleToken = null;
        if (profiles.isSample() && beforeSample != null) profiles.apply(beforeSample);
        beforeSample = null;
    }
}
