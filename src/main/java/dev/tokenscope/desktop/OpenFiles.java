package dev.tokenscope.desktop;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tokenscope open [FILE…]}: the files to show in the window (from a file manager's "Open with", the menu entry's
 * {@code %F}, or a terminal). A running window gets them through the {@link InstanceChannel}; otherwise the window
 * starts with them.
 */
public final class OpenFiles {
    private OpenFiles() {
    }

    /** The files of {@code args} (after "open"), absolute and normalised; a usage problem as IllegalArgumentException. */
    public static List<Path> parse(List<String> args) {
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("-")) throw new IllegalArgumentException("open takes files, not the option " + a);
            String uri = a.startsWith("file://") ? Path.of(URI.create(a)).toString() : a;
            Path p = Path.of(uri).toAbsolutePath().normalize();
            String problem = InstanceChannel.fileProblem(p.toString());
            if (problem != null) throw new IllegalArgumentException("can't open " + a + ": " + problem);
            files.add(p);
        }
        return files;
    }

    /** Hands every file to the running window; true when it took them all (false: no window runs, start one). */
    public static boolean toRunningWindow(List<Path> files) {
        if (files.isEmpty()) return false;
        Path dir = InstanceChannel.defaultDir();
        for (Path f : files) {
            if (InstanceChannel.send(dir, f) != InstanceChannel.Sent.OPENED) return false;
        }
        return true;
    }
}
