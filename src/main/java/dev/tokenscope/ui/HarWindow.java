package dev.tokenscope.ui;

import dev.tokenscope.ui.model.HarViewModel;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Builds the HAR window (File ▸ Open or a drop of a .har capture) from its FXML and a {@link HarViewModel}: a window
 * of its own, not modal, beside the inspector; picking a token brings the inspector to the front. One per main
 * window, kept between captures.
 */
public final class HarWindow {
    public static final String TITLE = "Tokenscope — HAR capture";
    public static final double WIDTH = 1240, HEIGHT = 620;

    /** The loaded view, its controller and the window holding it. */
    public record Loaded(Stage stage, Scene scene, Parent root, HarController controller) {
    }

    private HarWindow() {
    }

    /** Loads the view into a new window owned by {@code owner} (not shown yet). */
    public static Loaded create(HarViewModel model, Window owner) {
        FXMLLoader loader = new FXMLLoader(HarWindow.class.getResource("HarView.fxml"));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the HAR view", e);
        }
        HarController c = loader.getController();
        c.bind(model);
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(Objects.requireNonNull(HarWindow.class.getResource("tokenscope.css")).toExternalForm());
        c.install(scene);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            if (owner instanceof Stage s) stage.getIcons().setAll(s.getIcons());
            c.onInspected(() -> {
                if (owner instanceof Stage s) s.toFront();
            });
        }
        stage.titleProperty().bind(Bindings.createStringBinding(() -> model.fileProperty().get() == null || model.fileProperty().get().getFileName() == null
                ? TITLE : TITLE + ": " + model.fileProperty().get().getFileName(), model.fileProperty()));
        stage.setScene(scene);
        stage.setMinWidth(760);
        stage.setMinHeight(360);
        stage.setOnHidden(e -> model.cancel());
        return new Loaded(stage, scene, root, c);
    }

    /** Shows the window (or brings it to the front when it already shows). */
    public static void show(Loaded l) {
        if (l.stage().isShowing()) {
            l.stage().toFront();
        } else {
            l.stage().show();
        }
        l.stage().requestFocus();
    }
}
