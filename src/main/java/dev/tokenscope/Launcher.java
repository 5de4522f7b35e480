package dev.tokenscope;

import dev.tokenscope.cli.Cli;

import java.awt.GraphicsEnvironment;

/**
 * The one entry point. No arguments and a display: the GUI. Anything else (a subcommand, --help,
 * --version) or no display: the CLI, which never loads JavaFX. A plain class, not an Application
 * subclass, so JavaFX on the class path starts too.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0 && hasDisplay()) {
            launchGui();
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

    private static void launchGui() {
        try {
            // Loaded by name so the CLI path never touches a JavaFX class.
            Class.forName("dev.tokenscope.ui.TokenscopeApp").getMethod("launchApp", String[].class).invoke(null, (Object) new String[0]);
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println("Could not start the GUI (" + cause + "); use the command line: tokenscope inspect --help");
            System.exit(2);
        }
    }
}
