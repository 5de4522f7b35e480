package dev.tokenscope.ui.model.shared;

import dev.tokenscope.engine.files.OwnerOnly;
import dev.tokenscope.engine.files.UserDirs;

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
 * Saved profiles as files, whatever they hold (an API's expectations, a sign-in's settings): one owner-only JSON file
 * per name in a directory, any name mapped to one safe file name, size-capped reads, atomic writes.
 */
public final class ProfileFiles {
    public static final int MAX_NAME = 80;
    private static final long MAX_FILE = 256 * 1024;
    private static final OwnerOnly OWNER = OwnerOnly.currentUser();

    private ProfileFiles() {
    }

    /** The user's Tokenscope configuration directory ({@code $XDG_CONFIG_HOME/tokenscope} and the like). */
    public static Path configDir() {
        return UserDirs.current().config();
    }

    /** The names of the {@code .json} files in {@code d} (URL-decoded), sorted; for the API and the sign-in profiles. */
    public static List<String> namesIn(Path d) {
        if (!Files.isDirectory(d)) return List.of();
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(d)) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json") && f.length() > 5)
                    .map(f -> URLDecoder.decode(f.substring(0, f.length() - 5), StandardCharsets.UTF_8))
                    .sorted(String.CASE_INSENSITIVE_ORDER)
                    .forEach(out::add);
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
        return out;
    }

    /** The text of profile {@code name} in {@code d}, empty when there is none (size-capped). */
    public static Optional<String> readIn(Path d, String name) throws IOException {
        Path file = fileIn(d, name);
        if (!Files.isRegularFile(file)) return Optional.empty();
        if (Files.size(file) > MAX_FILE) throw new IOException("profile file " + file + " is larger than 256 KiB");
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Writes profile {@code name} into {@code d} atomically, owner-only: directory rwx------, file rw-------. */
    public static void writeIn(Path d, String name, String json) throws IOException {
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

    /** Checks a profile name a user typed; returns the problem or null. */
    public static String checkName(String name) {
        if (name == null || name.isBlank()) return "give the profile a name";
        if (name.strip().length() > MAX_NAME) return "a profile name has at most " + MAX_NAME + " characters";
        if (name.chars().anyMatch(Character::isISOControl)) return "a profile name cannot hold control characters";
        return null;
    }

    /** The file of profile {@code name} in {@code d}: any name maps to one safe file name. */
    public static Path fileIn(Path d, String name) throws IOException {
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
