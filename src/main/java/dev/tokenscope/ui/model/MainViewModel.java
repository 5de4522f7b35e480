package dev.tokenscope.ui.model;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.List;

/**
 * The whole window's model: the inspector, the API profile panel (whose profile drives the inspector), the
 * samples, and view settings (dark theme, profile panel shown).
 */
public final class MainViewModel {
    private final InspectorViewModel inspector;
    private final ProfileViewModel profiles;
    private final List<SampleCatalog.Sample> samples;
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final BooleanProperty profilePanel = new SimpleBooleanProperty(true);

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

    /** Loads a sample: its profile (offline, with bundled keys) becomes the active one, then its token is inspected. */
    public void loadSample(SampleCatalog.Sample s) {
        profiles.applyTransient(s.profile());
        inspector.inspectText(s.token());
    }
}
