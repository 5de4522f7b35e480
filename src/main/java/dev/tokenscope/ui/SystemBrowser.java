package dev.tokenscope.ui;

import dev.tokenscope.engine.signin.BrowserLauncher;
import dev.tokenscope.desktop.DesktopBrowserLauncher;
import javafx.application.HostServices;
import javafx.application.Platform;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.Charset;

/**
 * The system browser for the GUI's sign-in: JavaFX {@link HostServices#showDocument} when the application has host
 * services, else {@code java.awt.Desktop} / {@code xdg-open} through {@link DesktopBrowserLauncher}. The sign-in
 * window also shows the URL with a copy button, for when no browser comes up.
 */
public final class SystemBrowser implements BrowserLauncher {
    private final HostServices host;

    /** @param host the application's host services, or null to use {@code java.awt.Desktop} */
    public SystemBrowser(HostServices host) {
        this.host = host;
    }

    @Override
    public void open(URI url) {
        if (host != null) {
            Platform.runLater(() -> host.showDocument(url.toString()));
            return;
        }
        new DesktopBrowserLauncher(new PrintWriter(new java.io.OutputStreamWriter(System.err, Charset.defaultCharset()), true)).open(url);
    }
}
