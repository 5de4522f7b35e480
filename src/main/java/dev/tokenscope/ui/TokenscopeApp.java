package dev.tokenscope.ui;

import dev.tokenscope.StartupTrace;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.SignInViewModel;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application. Started by {@code dev.tokenscope.Launcher} through {@link #launchApp(String[])}. */
public final class TokenscopeApp extends Application {

    /** Entry point used by the launcher (by reflection, so the CLI never loads JavaFX). Blocks until the window closes. */
    public static void launchApp(String[] args) {
        Application.launch(TokenscopeApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        // Unexpected errors go to stderr for developers; the window shows problems in place, never in a stack-trace dialog.
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            System.err.println("Tokenscope: unexpected error in " + t.getName() + ": " + e);
            e.printStackTrace();
        });
        stage.setOnShown(e -> {
            if (StartupTrace.windowShown()) Platform.exit();
        });
        MainViewModel model = MainWindow.defaultModel();
        // The sign-in opens the system browser through JavaFX's host services.
        model.setSignInFactory(() -> SignInViewModel.standard(model.inspector(), new SystemBrowser(getHostServices())));
        MainWindow.show(stage, model);
    }
}
