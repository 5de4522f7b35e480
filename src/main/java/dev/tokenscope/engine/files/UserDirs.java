package dev.tokenscope.engine.files;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where Tokenscope keeps the user's files on each operating system, from the environment the way each one expects:
 * <ul>
 *   <li>Linux and other Unix: {@code $XDG_CONFIG_HOME/tokenscope} (else {@code ~/.config/tokenscope}),
 *       {@code $XDG_CACHE_HOME/tokenscope} (else {@code ~/.cache/tokenscope}), {@code $XDG_RUNTIME_DIR/tokenscope}
 *       (else the cache's {@code run});</li>
 *   <li>Windows: {@code %APPDATA%\Tokenscope} (roaming settings), {@code %LOCALAPPDATA%\Tokenscope\cache} and
 *       {@code …\run} (else under {@code %USERPROFILE%\AppData});</li>
 *   <li>macOS: {@code ~/Library/Application Support/Tokenscope} and {@code ~/Library/Caches/Tokenscope}; the XDG
 *       variables win when set.</li>
 * </ul>
 * Pure: the environment, the OS name and the file system are parameters, so each OS's rules are tested on any machine.
 */
public final class UserDirs {
    public enum Os {
        LINUX, WINDOWS, MAC;

        public static Os of(String osName) {
            String n = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
            return n.startsWith("windows") ? WINDOWS : n.startsWith("mac") || n.contains("os x") || n.contains("darwin") ? MAC : LINUX;
        }
    }

    private final Os os;
    private final Function<String, String> env;
    private final FileSystem fs;
    private final String home;

    public UserDirs(Os os, Function<String, String> env, FileSystem fs, String home) {
        this.os = os;
        this.env = env;
        this.fs = fs;
        this.home = home;
    }

    /** This process's: {@code os.name}, {@code System.getenv}, the default file system, {@code user.home}. */
    public static UserDirs current() {
        return new UserDirs(Os.of(System.getProperty("os.name")), System::getenv, FileSystems.getDefault(),
                System.getProperty("user.home"));
    }

    /** Settings (API and sign-in profiles). */
    public Path config() {
        if (os == Os.WINDOWS) {
            return set("APPDATA") ? path(env.apply("APPDATA"), "Tokenscope") : path(home, "AppData", "Roaming", "Tokenscope");
        }
        if (set("XDG_CONFIG_HOME")) return path(env.apply("XDG_CONFIG_HOME"), "tokenscope");
        if (os == Os.MAC) return path(home, "Library", "Application Support", "Tokenscope");
        return path(home, ".config", "tokenscope");
    }

    /** Public documents fetched from the network (metadata, key sets). */
    public Path cache() {
        if (os == Os.WINDOWS) return path(local(), "Tokenscope", "cache");
        if (set("XDG_CACHE_HOME")) return path(env.apply("XDG_CACHE_HOME"), "tokenscope");
        if (os == Os.MAC) return path(home, "Library", "Caches", "Tokenscope");
        return path(home, ".cache", "tokenscope");
    }

    /** The running window's single-instance channel file. */
    public Path runtime() {
        if (os == Os.WINDOWS) return path(local(), "Tokenscope", "run");
        if (os == Os.LINUX && set("XDG_RUNTIME_DIR")) return path(env.apply("XDG_RUNTIME_DIR"), "tokenscope");
        return cache().resolve("run");
    }

    private String local() {
        return set("LOCALAPPDATA") ? env.apply("LOCALAPPDATA") : fs.getPath(home, "AppData", "Local").toString();
    }

    private boolean set(String name) {
        String v = env.apply(name);
        return v != null && !v.isBlank() && fs.getPath(v).isAbsolute();
    }

    private Path path(String first, String... more) {
        return fs.getPath(first, more);
    }
}
