package dev.tokenscope.ui;

import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.about.Version;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.ProfileStore;
import dev.tokenscope.ui.model.ProfileViewModel;
import dev.tokenscope.ui.model.SampleCatalog;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Builds the main window from its FXML and a {@link MainViewModel}; the app and the tests both go through here. */
public final class MainWindow {
    public static final String TITLE = "Tokenscope — Entra ID token inspector";

    /** The loaded view and its controller. */
    public record Loaded(Scene scene, Parent root, MainController controller) {
    }

    private MainWindow() {
    }

    /** The model the app runs with: network discovery with the on-disk cache, profiles in the user's config dir. */
    public static MainViewModel defaultModel() {
        Inspector inspector = Inspector.standard(false);
        InspectorViewModel ivm = InspectorViewModel.withDefaultExecutor(inspector);
        ProfileViewModel pvm = new ProfileViewModel(new ProfileStore(ProfileStore.defaultDir()));
        Path cwd = Path.of("").toAbsolutePath();
        return new MainViewModel(ivm, pvm, () -> SampleCatalog.load(cwd));
    }

    /** Room left for the window manager's title bar when the window is sized to the screen. */
    static final double TITLE_BAR = 40;

    public static Loaded load(MainViewModel model, double width, double height) {
        Theme.apply(model.darkProperty().get()); // before any control exists: JavaFX then never loads its default theme
        Fx.View<MainController> v = Fx.loadView("MainView.fxml", "main", width, height, (MainController ctl) -> ctl.bind(model));
        MainController c = v.controller();
        Scene scene = v.scene();
        Parent root = v.root();
        c.install(scene);
        return new Loaded(scene, root, c);
    }

    public static Loaded show(Stage stage, MainViewModel model) {
        // The preferred size, but never larger than the screen's usable area (a 1366×768 laptop shows the whole
        // window, menu bar included, with room for the title bar).
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double width = Math.min(1360, screen.getWidth()), height = Math.min(860, screen.getHeight() - TITLE_BAR);
        Loaded l = load(model, width, height);
        dev.tokenscope.StartupTrace.mark("loaded");
        stage.setTitle("Tokenscope " + Version.get() + " — Entra ID token inspector");
        stage.setScene(l.scene());
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        for (int size : new int[]{16, 32, 48, 64, 128, 256}) {
            try (InputStream in = MainWindow.class.getResourceAsStream("icons/tokenscope-" + size + ".png")) {
                if (in != null) stage.getIcons().add(new Image(in));
            } catch (IOException ignored) {
                // an icon is nice to have
            }
        }
        dev.tokenscope.StartupTrace.mark("icons");
        stage.show();
        dev.tokenscope.StartupTrace.mark("show");
        if (stage.getY() < screen.getMinY() || stage.getY() + stage.getHeight() > screen.getMaxY()) {
            stage.setY(screen.getMinY() + Math.max(0, (screen.getHeight() - stage.getHeight()) / 2));
        }
        if (stage.getX() < screen.getMinX() || stage.getX() + stage.getWidth() > screen.getMaxX()) {
            stage.setX(screen.getMinX() + Math.max(0, (screen.getWidth() - stage.getWidth()) / 2));
        }
        l.controller().tokenInput().requestFocus();
        return l;
    }
}
