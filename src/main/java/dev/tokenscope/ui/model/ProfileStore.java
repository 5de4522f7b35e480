package dev.tokenscope.ui.model;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Named API profiles saved as JSON files in the user's config directory
 * ({@code $XDG_CONFIG_HOME/tokenscope/profiles}, else {@code ~/.config/tokenscope/profiles}), readable by the
 * owner only. A profile says what an API expects; it never holds a token or a secret.
 */
public final class ProfileStore {
    public static final int MAX_NAME = 80;
    private static final long MAX_FILE = 256 * 1024;
    private static final dev.tokenscope.engine.files.OwnerOnly OWNER = dev.tokenscope.engine.files.OwnerOnly.currentUser();
    private final Path dir;

    public ProfileStore(Path dir) {
        this.dir = dir;
    }

    public static Path defaultDir() {
        return dev.tokenscope.engine.files.UserDirs.current().config().resolve("profiles");
    }

    public Path dir() {
        return dir;
    }

    /** The saved profile names, sorted; an unreadable or missing directory is an empty list. */
    public List<String> names() {
        return namesIn(dir);
    }

    /** The names of the {@code .json} files in {@code d} (URL-decoded), sorted; shared with {@link SignInProfileStore}. */
    static List<String> namesIn(Path d) {
        if (!Files.isDirectory(d)) return List.of();
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(d)) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json") && f.length() > 5)
                    .map(f -> URLDecoder.decode(f.substring(0, f.length() - 5), StandardCharsets.UTF_8)).sorted(String.CASE_INSENSITIVE_ORDER)
                    .forEach(out::add);
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
        return out;
    }

    public Optional<ProfileData> load(String name) throws IOException {
        Optional<String> json = readIn(dir, name);
        if (json.isEmpty()) return Optional.empty();
        try {
            return Optional.of(ProfileData.fromJson(json.get(), name).withName(name));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("profile \"" + name + "\" is not valid JSON: " + dev.tokenscope.engine.json.Json.describe(e));
        }
    }

    /** Saves (or replaces) the profile under its name, owner-only: directory rwx------, file rw-------. */
    public void save(ProfileData profile) throws IOException {
        writeIn(dir, profile.name(), profile.toJson());
    }

    /** The text of profile {@code name} in {@code d}, empty when there is none (size-capped). */
    static Optional<String> readIn(Path d, String name) throws IOException {
        Path file = fileIn(d, name);
        if (!Files.isRegularFile(file)) return Optional.empty();
        if (Files.size(file) > MAX_FILE) throw new IOException("profile file " + file + " is larger than 256 KiB");
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Writes profile {@code name} into {@code d} atomically, owner-only: directory rwx------, file rw-------. */
    static void writeIn(Path d, String name, String json) throws IOException {
        Path file = fileIn(d, name);
        createPrivateDir(d);
        Path tmp = Files.createTempFile(d, ".profile", ".tmp"); // 0600 on POSIX; the directory's owner-only ACL on Windows
        try {
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            OWNER.restrict(file, false);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public boolean delete(String name) throws IOException {
        return Files.deleteIfExists(fileIn(dir, name));
    }

    /** Checks a profile name a user typed; returns the problem or null. */
    public static String checkName(String name) {
        if (name == null || name.isBlank()) return "give the profile a name";
        if (name.strip().length() > MAX_NAME) return "a profile name has at most " + MAX_NAME + " characters";
        if (name.chars().anyMatch(Character::isISOControl)) return "a profile name cannot hold control characters";
        return null;
    }

    /** The file of profile {@code name} in {@code d}: any name maps to one safe file name. */
    static Path fileIn(Path d, String name) throws IOException {
        String problem = checkName(name);
        if (problem != null) throw new IOException(problem);
        // URL-encoding keeps any name a single, safe file name ("/", "\\", ".." cannot escape the directory).
        String encoded = URLEncoder.encode(name.strip(), StandardCharsets.UTF_8).replace("*", "%2A");
        if (encoded.startsWith(".")) encoded = "%2E" + encoded.substring(1);
        return d.resolve(encoded + ".json");
    }

    private static void createPrivateDir(Path d) throws IOException {
        OWNER.directory(d);
    }
}
