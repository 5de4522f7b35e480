package dev.tokenscope.ui;

import java.nio.file.Path;
import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.ui.model.HarViewModel;
import javafx.beans.binding.Bindings;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;


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
        Fx.View<HarController> v = Fx.loadView("HarView.fxml", "HAR", WIDTH, HEIGHT, (HarController ctl) -> ctl.bind(model));
        HarController c = v.controller();
        Scene scene = v.scene();
        Parent root = v.root();
        c.install(scene);
        Stage stage = Fx.ownedStage(owner);
        if (owner != null) {
            c.onInspected(() -> {
                if (owner instanceof Stage s) s.toFront();
            });
        }
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            Path file = model.fileProperty().get();
            return file == null || file.getFileName() == null ? TITLE : TITLE + ": " + file.getFileName();
        }, model.fileProperty()));
        stage.setScene(scene);
        stage.setMinWidth(760);
        stage.setMinHeight(360);
        stage.setOnHidden(e -> model.cancel());
        return new Loaded(stage, scene, root, c);
    }

    /** Shows the window (or brings it to the front when it already shows). */
    public static void show(Loaded l) {
        Fx.showOrFront(l.stage());
    }
}
