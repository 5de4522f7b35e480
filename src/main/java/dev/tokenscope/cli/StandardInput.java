package dev.tokenscope.cli;

import dev.tokenscope.engine.input.InputExtractor;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Standard input for {@code -} and {@code --file -}: read whole up to the input cap, refused when binary, and "no input"
 * when it is closed. A process started with its standard input closed ({@code <&-}) finds descriptor 0 reused by the
 * first file the JVM opens (its own modules or jar): that file is never read as the user's input.
 */
final class StandardInput {
    private StandardInput() {
    }

    static final String CLOSED = "no input: standard input is closed; "
            + "pipe the token in (pbpaste | tokenscope inspect -) or use --file PATH";

    /** Reads standard input for a command that takes one token. */
    static String read() throws UsageException {
        if (closed(descriptor0())) throw new UsageException(CLOSED);
        try {
            return readCapped(System.in, "standard input");
        } catch (IOException e) {
            throw new UsageException(CLOSED + " (" + Errors.why(e) + ")");
        }
    }

    /** The file descriptor 0 refers to, where the system tells (Linux /proc), else null. */
    static Path descriptor0() {
        try {
            Path fd = Path.of("/proc/self/fd/0");
            return Files.isSymbolicLink(fd) ? Files.readSymbolicLink(fd) : null;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /**
     * True when descriptor 0 is a file the JVM opened for itself: a file of the Java runtime, or a jar or directory of
     * the class path. No user pipes those into a token inspector; it means standard input was closed at start.
     */
    static boolean closed(Path target) {
        if (target == null) return false;
        String t = target.toString();
        String home = System.getProperty("java.home");
        if (home != null && t.startsWith(home + "/")) return true;
        if (t.endsWith(".jar") || t.endsWith("/modules")) return true;
        String cp = System.getProperty("java.class.path", "");
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isEmpty() && Path.of(entry).toAbsolutePath().toString().equals(t)) return true;
        }
        return false;
    }

    /** Reads {@code in} whole: at most the input cap, and no binary (a NUL in the first 4 KiB). */
    static String readCapped(InputStream in, String what) throws IOException, UsageException {
        byte[] bytes = in.readNBytes(InputExtractor.MAX_INPUT_CHARS + 1);
        if (bytes.length > InputExtractor.MAX_INPUT_CHARS) {
            throw new UsageException(what + " is larger than " + (InputExtractor.MAX_INPUT_CHARS >> 20)
                    + " MiB; a token is a few kilobytes (for a browser capture use tokenscope scan)");
        }
        if (binary(bytes, bytes.length)) {
            throw new UsageException(what + " is a binary file (it contains NUL bytes), not text holding a token");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** True when the first 4 KiB of {@code bytes} hold a NUL: binary, not text (the rule every command applies). */
    static boolean binary(byte[] bytes, int length) {
        for (int i = 0; i < Math.min(length, 4096); i++) if (bytes[i] == 0) return true;
        return false;
    }
}
