package dev.tokenscope.ui.model;

import dev.tokenscope.ui.model.shared.Lists;
import dev.tokenscope.engine.apiconfig.ApiConfig;
import dev.tokenscope.engine.apiconfig.ApiConfigException;
import dev.tokenscope.engine.apiconfig.ApiConfigImporter;
import dev.tokenscope.engine.apiconfig.Precedence;
import dev.tokenscope.engine.report.ApiView;
import dev.tokenscope.engine.text.SafeText;
import java.nio.file.Path;

import dev.tokenscope.engine.profile.ValidationProfile;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The "API profile" side panel: editable fields, the {@link ValidationProfile} they make (updated on every valid
 * edit, so the inspector re-validates at once), and named profiles saved through a {@link ProfileStore}.
 * Field problems are reported in {@link #errorProperty()}; the last valid profile stays in force meanwhile.
 */
public final class ProfileViewModel {
    /** The name shown for the profile that is not saved under a name. */
    public static final String UNSAVED = "Default (not saved)";

    private final ProfileStore store;
    private final StringProperty name = new SimpleStringProperty(UNSAVED);
    private final StringProperty audiences = new SimpleStringProperty("");
    private final StringProperty tenants = new SimpleStringProperty("");
    private final StringProperty clients = new SimpleStringProperty("");
    private final StringProperty scopes = new SimpleStringProperty("");
    private final StringProperty roles = new SimpleStringProperty("");
    private final StringProperty skewSeconds = new SimpleStringProperty(String.valueOf(ValidationProfile.DEFAULT_SKEW.getSeconds()));
    private final StringProperty evaluateAt = new SimpleStringProperty("");
    private final StringProperty metadata = new SimpleStringProperty("");
    private final StringProperty jwks = new SimpleStringProperty("");
    private final BooleanProperty offline = new SimpleBooleanProperty(false);
    private final StringProperty issuers = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<ValidationProfile> profile = new ReadOnlyObjectWrapper<>(ValidationProfile.defaults());
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableList<String> savedNames = FXCollections.observableArrayList();
    /** The profile name chosen in the panel's selector; setting it loads that profile. */
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>(UNSAVED);
    private final List<ProfileData> transientProfiles = new ArrayList<>();
    /** Imported API configurations by the profile name they were applied under. */
    private final java.util.Map<String, ApiView> imported = new java.util.HashMap<>();
    private final ReadOnlyObjectWrapper<ApiView> apiView = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper provenance = new ReadOnlyStringWrapper("");
    private boolean applying;
    /** The sample profile the fields were filled from (its files and offline mode belong to the sample), or null. */
    private ProfileData sample;

    public ProfileViewModel(ProfileStore store) {
        this.store = store;
        for (ObservableValue<?> v
                : List.of(audiences, tenants, clients, scopes, roles, skewSeconds, evaluateAt, metadata, jwks, offline, issuers)) {
            v.addListener((obs, o, n) -> recompute());
        }
        selected.addListener((obs, o, n) -> {
            if (n != null && !applying && !n.equals(name.get())) select(n);
        });
        refreshNames();
    }

    public StringProperty audiencesProperty() { return audiences; }
    public StringProperty tenantsProperty() { return tenants; }
    public StringProperty clientsProperty() { return clients; }
    public StringProperty scopesProperty() { return scopes; }
    public StringProperty rolesProperty() { return roles; }
    public StringProperty skewSecondsProperty() { return skewSeconds; }
    public StringProperty evaluateAtProperty() { return evaluateAt; }
    public StringProperty metadataProperty() { return metadata; }
    public StringProperty jwksProperty() { return jwks; }
    public BooleanProperty offlineProperty() { return offline; }
    /** "Trusted issuers": the issuers the API accepts (comma separated); empty: Microsoft's authorities. */
    public StringProperty issuersProperty() { return issuers; }
    /** The profile's name (what Save writes it as). */
    public StringProperty nameProperty() { return name; }
    public ObjectProperty<String> selectedProperty() { return selected; }
    public ReadOnlyObjectProperty<ValidationProfile> profileProperty() { return profile.getReadOnlyProperty(); }
    public ValidationProfile profile() { return profile.get(); }
    /** The first field problem, or "" when every field is valid. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** The outcome of the last save/delete/load ("Saved …", or what went wrong). */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The names in the selector: the unsaved default, transient ones (samples) and every saved profile. */
    public ObservableList<String> savedNames() { return savedNames; }
    public ProfileStore store() { return store; }
    /** The API configuration the current profile was imported from (null for a typed or saved profile). */
    public ReadOnlyObjectProperty<ApiView> apiViewProperty() { return apiView.getReadOnlyProperty(); }
    /** Where each value of an imported profile came from, one line each ("audiences ← AzureAd:ClientId (line 5)"), or "". */
    public ReadOnlyStringProperty provenanceProperty() { return provenance.getReadOnlyProperty(); }

    /**
     * Imports an API's configuration file (appsettings.json, application.yml, an APIM policy …, recognised by its content):
     * its profile fills the fields under the name "API config: FILE", and its provenance is shown. Returns false with the
     * precise reason (field and line) in the status when the file can't be used; the fields are then left as they were.
     */
    public boolean importConfig(Path file) {
        ApiConfig c;
        try {
            c = ApiConfigImporter.importFile(file);
        } catch (ApiConfigException e) {
            status.set("Not imported: " + SafeText.line(e.getMessage()));
            return false;
        }
        return apply(c);
    }

    /** {@link #importConfig(Path)} for text already read ({@code name} is the file's name). */
    public boolean importConfig(String name, String text) {
        ApiConfig c;
        try {
            c = ApiConfigImporter.importConfig(name, text);
        } catch (ApiConfigException e) {
            status.set("Not imported: " + SafeText.line(e.getMessage()));
            return false;
        }
        return apply(c);
    }

    private boolean apply(ApiConfig c) {
        String name = c.source();
        ApiView view = Precedence.view(c, List.of());
        String profileName = "API config: " + name;
        imported.put(profileName, view);
        applyTransient(ProfileData.of(profileName, c.profile()));
        status.set("Imported " + name + " (" + c.format() + "): " + c.settings().size() + " settings");
        return true;
    }

    /** The fields as a profile record (whatever they hold, even when invalid). */
    public ProfileData snapshot() {
        long skew;
        try {
            skew = Long.parseLong(skewSeconds.get().strip());
        } catch (NumberFormatException e) {
            skew = ValidationProfile.DEFAULT_SKEW.getSeconds();
        }
        return new ProfileData(name.get(), Lists.split(audiences.get()), Lists.split(tenants.get()), Lists.split(clients.get()),
                Lists.split(scopes.get()), Lists.split(roles.get()), Math.max(0, skew), evaluateAt.get(), metadata.get(), jwks.get(),
                offline.get(),
                Lists.split(issuers.get()));
    }

    /** Fills every field at once: one profile change, hence one re-validation. */
    public void apply(ProfileData p) {
        sample = null;
        applying = true;
        try {
            name.set(p.name().isBlank() ? UNSAVED : p.name());
            audiences.set(Lists.join(p.audiences()));
            tenants.set(Lists.join(p.tenants()));
            clients.set(Lists.join(p.clients()));
            scopes.set(Lists.join(p.scopes()));
            roles.set(Lists.join(p.roles()));
            skewSeconds.set(String.valueOf(p.skewSeconds()));
            evaluateAt.set(p.evaluateAt() == null ? "" : p.evaluateAt());
            metadata.set(p.metadata() == null ? "" : p.metadata());
            jwks.set(p.jwks() == null ? "" : p.jwks());
            offline.set(p.offline());
            issuers.set(Lists.join(p.issuers()));
            if (!savedNames.contains(name.get())) savedNames.add(Math.min(1, savedNames.size()), name.get());
            ApiView v = imported.get(name.get());
            apiView.set(v);
            provenance.set(v == null ? "" : provenanceText(v));
            selected.set(name.get());
        } finally {
            applying = false;
        }
        recompute();
    }

    /** Uses a profile that is not saved (a sample's): it joins the selector until the app closes. */
    public void applyTransient(ProfileData p) {
        transientProfiles.removeIf(t -> t.name().equals(p.name()));
        transientProfiles.add(p);
        apply(p);
    }

    /** Uses a sample's profile (offline, its bundled keys) for that sample: {@link #isSample()} until another profile applies. */
    public void applySample(ProfileData p) {
        applyTransient(p);
        sample = p;
    }

    /** True while the fields hold a sample's profile. */
    public boolean isSample() {
        return sample != null;
    }

    /** Switches to a named profile: the unsaved default, a transient one or a saved one. */
    public void select(String profileName) {
        if (profileName == null) return;
        if (profileName.equals(UNSAVED)) {
            apply(ProfileData.empty(UNSAVED));
            status.set("");
            return;
        }
        Optional<ProfileData> t = transientProfiles.stream().filter(p -> p.name().equals(profileName)).findFirst();
        if (t.isPresent()) {
            apply(t.get());
            return;
        }
        try {
            Optional<ProfileData> p = store.load(profileName);
            if (p.isPresent()) {
                apply(p.get());
                status.set("Loaded profile \"" + profileName + "\"");
            } else {
                status.set("No saved profile \"" + profileName + "\"");
                refreshNames();
            }
        } catch (IOException e) {
            status.set("Could not load profile \"" + profileName + "\": " + e.getMessage());
        }
    }

    /** Saves the fields under {@code profileName}; returns false (with the reason in status) when it could not. */
    public boolean saveAs(String profileName) {
        String problem = ProfileStore.checkName(profileName);
        if (problem == null && profileName.strip().equals(UNSAVED)) problem = "choose another name than \"" + UNSAVED + "\"";
        if (problem != null) {
            status.set("Not saved: " + problem);
            return false;
        }
        if (!error.get().isEmpty()) {
            status.set("Not saved: " + error.get());
            return false;
        }
        ProfileData p = withoutSampleFiles(snapshot().withName(profileName.strip()));
        String left = leftOut(snapshot(), p);
        try {
            store.save(p);
        } catch (IOException e) {
            status.set("Could not save profile: " + e.getMessage());
            return false;
        }
        transientProfiles.removeIf(t -> t.name().equals(p.name()));
        applying = true;
        try {
            name.set(p.name());
            refreshNames();
            selected.set(p.name());
        } finally {
            applying = false;
        }
        if (!left.isEmpty()) {
            apply(p); // the fields show what was saved, and the token is judged again with it
            status.set("Saved profile \"" + p.name() + "\" in " + store.dir() + " without the sample's " + left
                    + " (they belong to the sample): its keys are discovered from the token's issuer. Set Metadata, JWKS key set or "
                    + "Offline to use files.");
            return true;
        }
        status.set("Saved profile \"" + p.name() + "\" in " + store.dir());
        return true;
    }

    /** A profile to save from a sample's: the sample's metadata, key set, evaluation time and offline mode are left out. */
    private ProfileData withoutSampleFiles(ProfileData p) {
        if (sample == null) return p;
        return new ProfileData(p.name(), p.audiences(), p.tenants(), p.clients(), p.scopes(), p.roles(), p.skewSeconds(),
                java.util.Objects.equals(p.evaluateAt(), sample.evaluateAt()) ? null : p.evaluateAt(),
                java.util.Objects.equals(p.metadata(), sample.metadata()) ? null : p.metadata(),
                java.util.Objects.equals(p.jwks(), sample.jwks()) ? null : p.jwks(),
                p.offline() && !sample.offline(), p.issuers());
    }

    /** "metadata file, key set file and offline mode": what {@link #withoutSampleFiles} left out, "" when nothing. */
    private static String leftOut(ProfileData before, ProfileData after) {
        List<String> out = new ArrayList<>();
        if (before.metadata() != null && after.metadata() == null) out.add("metadata file");
        if (before.jwks() != null && after.jwks() == null) out.add("key set file");
        if (before.evaluateAt() != null && after.evaluateAt() == null) out.add("evaluation time");
        if (before.offline() && !after.offline()) out.add("offline mode");
        if (out.size() < 2) return String.join("", out);
        return String.join(", ", out.subList(0, out.size() - 1)) + " and " + out.get(out.size() - 1);
    }

    /** Saves under the current name (asks for a name when it is the unsaved default: returns false then). */
    public boolean save() {
        if (name.get() == null || name.get().equals(UNSAVED) || transientProfiles.stream().anyMatch(t -> t.name().equals(name.get()))) {
            status.set("Choose a name with \"Save as\"");
            return false;
        }
        return saveAs(name.get());
    }

    public boolean deleteCurrent() {
        String n = name.get();
        if (n == null || n.equals(UNSAVED)) {
            status.set("The default profile is not saved, so there is nothing to delete");
            return false;
        }
        try {
            transientProfiles.removeIf(t -> t.name().equals(n));
            boolean gone = store.delete(n);
            status.set(gone ? "Deleted profile \"" + n + "\"" : "Removed \"" + n + "\" from the list");
        } catch (IOException e) {
            status.set("Could not delete profile: " + e.getMessage());
            return false;
        }
        select(UNSAVED);
        refreshNames();
        return true;
    }

    public void refreshNames() {
        List<String> names = new ArrayList<>();
        names.add(UNSAVED);
        transientProfiles.forEach(t -> names.add(t.name()));
        for (String n : store.names()) if (!names.contains(n)) names.add(n);
        if (name.get() != null && !names.contains(name.get())) names.add(name.get());
        boolean was = applying;
        applying = true;
        try {
            savedNames.setAll(names);
            selected.set(name.get());
        } finally {
            applying = was;
        }
    }

    private void recompute() {
        if (applying) return;
        try {
            ValidationProfile p = build();
            error.set("");
            profile.set(p);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
        }
    }

    private ValidationProfile build() {
        long skew;
        String s = skewSeconds.get() == null ? "" : skewSeconds.get().strip();
        if (s.isEmpty()) {
            skew = ValidationProfile.DEFAULT_SKEW.getSeconds();
        } else {
            try {
                skew = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Clock skew: a whole number of seconds, not \"" + s + "\"");
            }
            if (skew < 0 || skew > 7 * 86400) throw new IllegalArgumentException("Clock skew: between 0 and 604800 seconds, not " + skew);
        }
        Instant at = parseInstant(evaluateAt.get());
        return new ValidationProfile(Lists.split(audiences.get()), Lists.split(tenants.get()), Lists.split(clients.get()),
                Lists.split(scopes.get()), Lists.split(roles.get()), Duration.ofSeconds(skew), at, blankToNull(metadata.get()),
                blankToNull(jwks.get()), offline.get(), Lists.split(issuers.get()));
    }

    /** "microsoft-identity-web · appsettings.json", then "audiences = … ← AzureAd:ClientId (line 5)" lines, the rules and notes. */
    public static String provenanceText(ApiView v) {
        StringBuilder b = new StringBuilder(SafeText.line(v.format())).append(" · ").append(SafeText.line(v.source()));
        for (ApiView.Setting st : v.settings()) {
            b.append('\n').append(SafeText.line(st.field())).append(" = ").append(SafeText.line(st.value())).append("  ← ")
                    .append(SafeText.line(st.from()));
        }
        for (String rule : v.semantics()) b.append("\n• ").append(SafeText.line(rule));
        for (String n : v.notes()) b.append("\n").append(SafeText.line(n));
        return b.toString();
    }

    /** ISO-8601 instant (2026-01-01T10:00:00Z) or epoch seconds; blank means now. */
    public static Instant parseInstant(String text) {
        if (text == null || text.isBlank()) return null;
        String v = text.strip();
        try {
            if (v.matches("-?\\d{1,12}")) return Instant.ofEpochSecond(Long.parseLong(v));
            return Instant.parse(v);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("Evaluate at: an ISO-8601 instant (2026-01-01T10:00:00Z) or epoch seconds, not \"" + v
                    + "\"");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
