package dev.tokenscope.ui;

import dev.tokenscope.ui.model.SignInViewModel;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Builds the sign-in window (File ▸ Sign in…) from its FXML and a {@link SignInViewModel}: a window of its own, not
 * modal, so the inspector stays usable beside it. Closing it cancels a running sign-in and forgets typed secrets.
 */
public final class SignInWindow {
    public static final String TITLE = "Tokenscope — Sign in";
    public static final double WIDTH = 1060, HEIGHT = 730;

    /** The loaded view, its controller and the window holding it. */
    public record Loaded(Stage stage, Scene scene, Parent root, SignInController controller) {
    }

    private SignInWindow() {
    }

    /** Loads the view into a new window owned by {@code owner} (not shown yet). */
    public static Loaded create(SignInViewModel model, Window owner) {
        FXMLLoader loader = new FXMLLoader(SignInWindow.class.getResource("SignInView.fxml"));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the sign-in view", e);
        }
        SignInController c = loader.getController();
        c.bind(model);
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(Objects.requireNonNull(SignInWindow.class.getResource("tokenscope.css")).toExternalForm());
        c.install(scene);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            if (owner instanceof Stage s) stage.getIcons().setAll(s.getIcons());
        }
        stage.setTitle(TITLE);
        stage.setScene(scene);
        stage.setMinWidth(760);
        stage.setMinHeight(520);
        stage.setOnHidden(e -> c.closed());
        stage.setOnShown(e -> keepOnScreen(stage));
        if (owner instanceof Stage s) c.onShowInspector(s::toFront);
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

    /** Moves the window inside the visual bounds of the screen it is (mostly) on. */
    private static void keepOnScreen(Stage stage) {
        var screens = Screen.getScreensForRectangle(stage.getX(), stage.getY(), Math.max(1, stage.getWidth()), Math.max(1, stage.getHeight()));
        Rectangle2D b = (screens.isEmpty() ? Screen.getPrimary() : screens.get(0)).getVisualBounds();
        double x = Math.max(b.getMinX(), Math.min(stage.getX(), b.getMaxX() - stage.getWidth()));
        double y = Math.max(b.getMinY(), Math.min(stage.getY(), b.getMaxY() - stage.getHeight()));
        if (x != stage.getX()) stage.setX(x);
        if (y != stage.getY()) stage.setY(y);
    }
}
