package dev.tokenscope;

import dev.tokenscope.cli.Cli;
import dev.tokenscope.desktop.OpenFiles;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The one entry point. No arguments and a display: the GUI. Anything else (a subcommand, --help,
 * --version) or no display: the CLI, which never loads JavaFX. A plain class, not an Application
 * subclass, so JavaFX on the class path starts too.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        StartupTrace.mark("main");
        if (args.length == 0 && hasDisplay()) {
            launchGui(new String[0]);
            return;
        }
        if (args.length > 0 && args[0].equals("open") && hasDisplay()
                && Arrays.stream(args).noneMatch(a -> a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V"))) {
            open(Arrays.asList(args).subList(1, args.length));
            return;
        }
        if (args.length == 0) {
            System.err.println("No display found: this is Tokenscope's command-line interface (the GUI needs a display).");
        }
        System.exit(Cli.run(args));
    }

    static boolean hasDisplay() {
        if (Boolean.getBoolean("java.awt.headless")) return false;
        String os = System.getProperty("os.name", "").toLowerCase();
        if (os.contains("win") || os.contains("mac")) return !GraphicsEnvironment.isHeadless();
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** {@code tokenscope open FILE…} with a display: the running window gets the files, else a new window opens with them. */
    private static void open(List<String> args) {
        List<Path> files;
        try {
            files = OpenFiles.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("tokenscope open: " + e.getMessage());
            System.exit(Cli.USAGE);
            return;
        }
        if (OpenFiles.toRunningWindow(files)) System.exit(Cli.VALID);
        launchGui(files.stream().map(Path::toString).toArray(String[]::new));
    }

    private static void launchGui(String[] files) {
        try {
            // Loaded by name so the CLI path never touches a JavaFX class.
            Class.forName("dev.tokenscope.ui.TokenscopeApp").getMethod("launchApp", String[].class).invoke(null, (Object) files);
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println("Could not start the GUI (" + cause + "); use the command line: tokenscope inspect --help");
            System.exit(2);
        }
    }
}
