package dev.tokenscope.ui;

import dev.tokenscope.StartupTrace;
import dev.tokenscope.desktop.InstanceChannel;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.signin.SignInViewModel;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The JavaFX application. Started by {@code dev.tokenscope.Launcher} through {@link #launchApp(String[])}. */
public final class TokenscopeApp extends Application {

    /**
     * The window's model, made on a thread of its own while JavaFX starts (the model needs no toolkit; on two cores the
     * start then costs the longer of the two, not their sum); a file given to open is inspected from then on too.
     */
    private static CompletableFuture<MainViewModel> model;

    /** Entry point used by the launcher (by reflection, so the CLI never loads JavaFX). Blocks until the window closes. */
    public static void launchApp(String[] args) {
        // A file to open (the last one given is the one shown) is read and inspected on the same thread meanwhile.
        String file = args.length == 0 ? null : args[args.length - 1];
        model = CompletableFuture.supplyAsync(() -> {
            MainViewModel m = MainWindow.defaultModel();
            if (file != null) m.inspector().beginOpening(Path.of(file));
            return m;
        }, r -> {
            Thread t = new Thread(r, "tokenscope-model");
            t.setDaemon(true);
            t.start();
        });
        Application.launch(TokenscopeApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        StartupTrace.mark("fx");
        // Unexpected errors go to stderr for developers; the window shows problems in place, never in a stack-trace dialog.
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            System.err.println("Tokenscope: unexpected error in " + t.getName() + ": " + e);
            e.printStackTrace();
        });
        stage.setOnShown(e -> {
            if (StartupTrace.windowShown()) Platform.exit();
        });
        MainViewModel model = TokenscopeApp.model == null ? MainWindow.defaultModel() : TokenscopeApp.model.join();
        StartupTrace.mark("model");
        // The sign-in opens the system browser through JavaFX's host services.
        model.setSignInFactory(() -> SignInViewModel.standard(model.inspector()::inspectText, new SystemBrowser(getHostServices())));
        MainWindow.show(stage, model);
        // Files given by `tokenscope open FILE…` (the menu entry's %F, a file manager's "Open with"): the window shows
        // one inspection, so the last file is the one opened (each open cancels the one before; launchApp began it).
        List<String> files = getParameters().getRaw();
        if (!files.isEmpty()) {
            FirstVerdict.watch(stage.getScene(), model.inspector(), word -> {
                if (StartupTrace.verdictShown(word)) Platform.exit();
            });
            model.inspector().openFile(Path.of(files.get(files.size() - 1)));
        }
        // A second `tokenscope open FILE` hands its file to this window (owner-only loopback channel).
        try {
            channel = InstanceChannel.start(InstanceChannel.defaultDir(), file -> Platform.runLater(() -> {
                model.inspector().openFile(file);
                stage.setIconified(false);
                stage.toFront();
            }));
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("Tokenscope: no single-instance channel (" + e.getMessage() + "); `tokenscope open` starts new windows");
        }
    }

    private InstanceChannel channel;

    @Override
    public void stop() {
        if (channel != null) channel.close();
    }
}
