package dev.tokenscope.ui.signin;

import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.ui.model.signin.SignInViewModel;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;


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
        Fx.View<SignInController> v =
                Fx.loadView("signin/SignInView.fxml", "sign-in", WIDTH, HEIGHT, (SignInController ctl) -> ctl.bind(model));
        SignInController c = v.controller();
        Scene scene = v.scene();
        Parent root = v.root();
        c.install(scene);
        Stage stage = Fx.ownedStage(owner);
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
        Fx.showOrFront(l.stage());
    }

    /** Moves the window inside the visual bounds of the screen it is (mostly) on. */
    private static void keepOnScreen(Stage stage) {
        var screens =
                Screen.getScreensForRectangle(stage.getX(), stage.getY(), Math.max(1, stage.getWidth()), Math.max(1, stage.getHeight()));
        Rectangle2D b = (screens.isEmpty() ? Screen.getPrimary() : screens.get(0)).getVisualBounds();
        double x = Math.max(b.getMinX(), Math.min(stage.getX(), b.getMaxX() - stage.getWidth()));
        double y = Math.max(b.getMinY(), Math.min(stage.getY(), b.getMaxY() - stage.getHeight()));
        if (x != stage.getX()) stage.setX(x);
        if (y != stage.getY()) stage.setY(y);
    }
}
