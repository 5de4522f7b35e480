package dev.tokenscope.ui.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether exports from the window include personal claims, remembered per API profile: masked unless the user chose to
 * include them for that profile. Kept in {@code export-preferences} next to the saved profiles (owner-only); without a
 * file (tests, an unwritable directory) the choice lasts for the run.
 */
public final class ExportPreferences {
    private final Path file;
    private final Map<String, Boolean> include = new HashMap<>();

    /** Preferences kept in {@code file} (read now; null keeps them in memory only). */
    public ExportPreferences(Path file) {
        this.file = file;
        if (file == null || !Files.isRegularFile(file)) return;
        try {
            JsonNode n = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
            n.fields().forEachRemaining(e -> {
                if (e.getValue().isBoolean()) include.put(e.getKey(), e.getValue().asBoolean());
            });
        } catch (IOException | RuntimeException e) {
            // unreadable preferences: every profile masks, the safe default
        }
    }

    public static ExportPreferences inMemory() {
        return new ExportPreferences(null);
    }

    /** True when the user chose to include personal claims in exports judged against {@code profile}. */
    public boolean includePersonal(String profile) {
        return include.getOrDefault(key(profile), false);
    }

    /** Remembers the choice for {@code profile} (written at once; a failed write keeps it for the run). */
    public void setIncludePersonal(String profile, boolean yes) {
        if (Boolean.valueOf(yes).equals(include.get(key(profile))) || (!yes && !include.containsKey(key(profile)))) return;
        include.put(key(profile), yes);
        if (file == null) return;
        ObjectNode o = Json.MAPPER.createObjectNode();
        include.forEach(o::put);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.pretty(o), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the user's profile directory is private already
            }
        } catch (IOException e) {
            // remembered for this run only
        }
    }

    private static String key(String profile) {
        return profile == null || profile.isBlank() ? ProfileViewModel.UNSAVED : profile;
    }
}
