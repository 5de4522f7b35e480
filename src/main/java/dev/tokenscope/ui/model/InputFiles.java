package dev.tokenscope.ui.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a file a user opened or dropped: text only, at most {@link #MAX_BYTES}, with messages fit for the window. */
public final class InputFiles {
    /** A token is a few kilobytes; a token response or a header dump a little more. */
    public static final int MAX_BYTES = 1 << 20;

    private InputFiles() {
    }

    public static String read(Path path) throws IOException {
        String shown = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        if (Files.isDirectory(path)) throw new IOException(shown + " is a folder, not a file holding a token");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file: " + path);
        } catch (IOException e) {
            throw new IOException("could not read " + shown + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        if (bytes.length > MAX_BYTES) throw new IOException(shown + " is larger than 1 MiB; a token is a few kilobytes");
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) throw new IOException(shown + " is a binary file, not text holding a token");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (text.isBlank()) throw new IOException(shown + " is empty");
        return text;
    }
}
