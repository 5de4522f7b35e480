package dev.tokenscope.desktop;

import dev.tokenscope.engine.signin.BrowserLauncher;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;

/**
 * The system browser: {@code java.awt.Desktop} when it can browse, else {@code xdg-open} on Linux desktops; the URL
 * is always printed too, so a user on a headless box (or whose browser did not come up) can open it by hand.
 */
public final class DesktopBrowserLauncher implements BrowserLauncher {
    private final PrintWriter out;
    private final boolean tryDesktop;

    /** @param out where the URL is printed (the CLI's standard error) */
    public DesktopBrowserLauncher(PrintWriter out) {
        this(out, true);
    }

    /** @param tryDesktop false to only print the URL (--no-browser) */
    public DesktopBrowserLauncher(PrintWriter out, boolean tryDesktop) {
        this.out = out;
        this.tryDesktop = tryDesktop;
    }

    @Override
    public void open(URI url) {
        boolean opened = tryDesktop && (desktop(url) || xdgOpen(url));
        if (opened) {
            out.println("A browser window was opened for the sign-in. If it did not appear, open this URL:");
        } else {
            out.println("Open this URL in a browser on this computer to sign in:");
        }
        out.println("  " + url);
        out.flush();
    }

    private static boolean desktop(URI url) {
        try {
            if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()) return false;
            Desktop d = Desktop.getDesktop();
            if (!d.isSupported(Desktop.Action.BROWSE)) return false;
            d.browse(url);
            return true;
        } catch (IOException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean xdgOpen(URI url) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) return false;
        String display = System.getenv("DISPLAY"), wayland = System.getenv("WAYLAND_DISPLAY");
        if ((display == null || display.isEmpty()) && (wayland == null || wayland.isEmpty())) return false;
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, "xdg-open");
            if (f.canExecute()) {
                try {
                    new ProcessBuilder(f.getPath(), url.toString()).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
