package dev.tokenscope.engine.signin;

import java.io.IOException;
import java.net.URI;

/**
 * Opens the authorization URL for the user. The GUI passes one backed by JavaFX {@code HostServices}, the CLI
 * {@code dev.tokenscope.desktop.DesktopBrowserLauncher}, tests an HTTP client that follows the provider's redirect to the listener.
 * Called on the flow's thread after the loopback listener is accepting; it may return at once.
 */
@FunctionalInterface
public interface BrowserLauncher {
    void open(URI authorizationUrl) throws IOException;
}
