package dev.tokenscope.ui.model;

import dev.tokenscope.ui.model.shared.ProfileFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Named API profiles saved as JSON files in the user's config directory
 * ({@code $XDG_CONFIG_HOME/tokenscope/profiles}, else {@code ~/.config/tokenscope/profiles}), readable by the
 * owner only. A profile says what an API expects; it never holds a token or a secret.
 */
public final class ProfileStore {
    public static final int MAX_NAME = ProfileFiles.MAX_NAME;
    private final Path dir;

    public ProfileStore(Path dir) {
        this.dir = dir;
    }

    public static Path defaultDir() {
        return ProfileFiles.configDir().resolve("profiles");
    }

    public Path dir() {
        return dir;
    }

    /** The saved profile names, sorted; an unreadable or missing directory is an empty list. */
    public List<String> names() {
        return ProfileFiles.namesIn(dir);
    }

    public Optional<ProfileData> load(String name) throws IOException {
        Optional<String> json = ProfileFiles.readIn(dir, name);
        if (json.isEmpty()) return Optional.empty();
        try {
            return Optional.of(ProfileData.fromJson(json.get(), name).withName(name));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("profile \"" + name + "\" is not valid JSON: " + dev.tokenscope.engine.json.Json.describe(e));
        }
    }

    /** Saves (or replaces) the profile under its name, owner-only: directory rwx------, file rw-------. */
    public void save(ProfileData profile) throws IOException {
        ProfileFiles.writeIn(dir, profile.name(), profile.toJson());
    }

    public boolean delete(String name) throws IOException {
        return Files.deleteIfExists(ProfileFiles.fileIn(dir, name));
    }

    /** Checks a profile name a user typed; returns the problem or null. */
    public static String checkName(String name) {
        return ProfileFiles.checkName(name);
    }
}
