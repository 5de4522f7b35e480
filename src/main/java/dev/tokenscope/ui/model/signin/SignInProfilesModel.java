package dev.tokenscope.ui.model.signin;

import dev.tokenscope.engine.signin.Grant;
import dev.tokenscope.engine.signin.SignInProfile;
import dev.tokenscope.ui.model.shared.ProfileFiles;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The saved sign-in profiles: choosing one fills the form; saving never writes a secret. Call it on the FX thread. */
public final class SignInProfilesModel {
    /** The profile selector's entry for a form that is not saved under a name. */
    public static final String NEW_PROFILE = "New sign-in (not saved)";

    private final SignInProfileStore store;
    private final SignInFormModel form;
    private final ObservableList<String> profileNames = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedProfile = new SimpleObjectProperty<>(NEW_PROFILE);
    private final StringProperty profileName = new SimpleStringProperty(NEW_PROFILE);
    private final ReadOnlyStringWrapper profileStatus = new ReadOnlyStringWrapper("");
    private boolean applying;

    SignInProfilesModel(SignInProfileStore store, SignInFormModel form) {
        this.store = store;
        this.form = form;
        selectedProfile.addListener((obs, o, n) -> {
            if (n != null && !applying && !n.equals(profileName.get())) select(n);
        });
        refreshNames();
    }

    public ObservableList<String> profileNames() { return profileNames; }
    public ObjectProperty<String> selectedProfileProperty() { return selectedProfile; }
    public StringProperty profileNameProperty() { return profileName; }
    public ReadOnlyStringProperty profileStatusProperty() { return profileStatus.getReadOnlyProperty(); }
    public SignInProfileStore store() { return store; }

    /** Fills the form from a profile; the secret fields are emptied (they belong to the previous app, if any). */
    public void apply(SignInProfile p) {
        applying = true;
        try {
            profileName.set(p.name() == null || p.name().isBlank() ? NEW_PROFILE : p.name());
            String warning = form.fill(p);
            if (warning != null) profileStatus.set(warning);
            if (!profileNames.contains(profileName.get())) profileNames.add(profileName.get());
            selectedProfile.set(profileName.get());
        } finally {
            applying = false;
        }
        form.problem("");
    }

    /** Switches to a saved profile, or to an empty form for {@link #NEW_PROFILE}. */
    public void select(String name) {
        if (name == null) return;
        if (name.equals(NEW_PROFILE)) {
            apply(new SignInProfile(NEW_PROFILE, Grant.AUTHORIZATION_CODE.profileValue(), "organizations", null, null, null, null, null,
                    null, null,
                    null, null, null, null, null));
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
        String problem = ProfileFiles.checkName(name);
        if (problem == null && name.strip().equals(NEW_PROFILE)) problem = "choose another name than \"" + NEW_PROFILE + "\"";
        if (problem != null) {
            profileStatus.set("Not saved: " + problem);
            return false;
        }
        SignInProfile p;
        try {
            p = form.snapshot(name.strip());
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
}
