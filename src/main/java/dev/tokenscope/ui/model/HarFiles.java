package dev.tokenscope.ui.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells a browser's HAR capture from a file holding a token, as {@code tokenscope verify} does: a {@code .har} file
 * name, or content that starts with {@code {"log":} (a token, a header dump or a token response never does).
 */
public final class HarFiles {
    /** How much of the file is looked at. */
    static final int HEAD = 4096;
    private static final Pattern HAR_START = Pattern.compile("^\\s*\\{\\s*\"log\"\\s*:");

    private HarFiles() {
    }

    /** True for a .har file name or a file whose text starts like a HAR capture. Reads at most 4 KiB; false when unreadable. */
    public static boolean isHar(Path file) {
        if (file == null) return false;
        Path name = file.getFileName();
        if (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".har") && !Files.isDirectory(file)) return true;
        if (!Files.isRegularFile(file)) return false;
        try (InputStream in = Files.newInputStream(file)) {
            return looksLikeHar(new String(in.readNBytes(HEAD), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the text starts like a HAR capture ({"log": after optional whitespace and a byte-order mark). */
    public static boolean looksLikeHar(String head) {
        if (head == null) return false;
        String h = head.startsWith("\uFEFF") ? head.substring(1) : head;
        return HAR_START.matcher(h).find();
    }
}
