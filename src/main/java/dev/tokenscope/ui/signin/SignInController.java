package dev.tokenscope.ui.signin;

import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.ui.model.signin.SignInRunModel;
import dev.tokenscope.ui.model.signin.SignInRunModel.Phase;
import dev.tokenscope.ui.model.signin.SignInViewModel;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Locale;

/**
 * The sign-in window: the form on the left, the running grant (browser hand-off, device code with countdown) or its
 * outcome (error or result) on the right, the live flow log below. Each part has its own FXML and controller; this
 * one joins them and shows the status line. The logic is in {@link SignInViewModel}.
 */
public final class SignInController {
    @FXML private SignInFormController signInFormController;
    @FXML private DeviceCodeController deviceBoxController;
    @FXML private SignInErrorController errorBoxController;
    @FXML private SignInResultController resultBoxController;
    @FXML private FlowLogController logPaneController;
    @FXML private ScrollPane outcomeScroll;
    @FXML private HBox statusBox;
    @FXML private FontIcon statusIcon;
    @FXML private ProgressIndicator statusProgress;
    @FXML private Label statusText;
    @FXML private VBox browserBox;
    @FXML private TextField authUrlField;
    @FXML private VBox outcomePlaceholder;

    private SignInViewModel vm;

    public void bind(SignInViewModel model) {
        this.vm = model;
        SignInRunModel run = model.run();
        signInFormController.bind(model, () -> outcomeScroll.setVvalue(0));
        deviceBoxController.bind(run);
        errorBoxController.bind(run);
        resultBoxController.bind(run);
        logPaneController.bind(run);
        statusProgress.visibleProperty().bind(run.busyProperty());
        statusIcon.visibleProperty().bind(run.busyProperty().not());
        statusText.textProperty().bind(run.statusProperty());
        run.phaseProperty().addListener((obs, o, p) -> showPhase(p));
        run.authorizationUrlProperty().addListener((obs, o, u) -> showBrowser());
        showBrowser();
        showPhase(run.phase());
    }

    /** What "Show inspector" does (the main window brings itself to the front). */
    public void onShowInspector(Runnable r) {
        resultBoxController.onShowInspector(r);
    }

    /** Window-wide keys: Escape cancels a running sign-in, else closes the window. */
    public void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                if (!vm.run().cancel() && scene.getWindow() != null) scene.getWindow().hide();
                e.consume();
            }
        });
    }

    /** The window closed: stop polling or listening, forget the secrets, stop the countdown. */
    public void closed() {
        vm.run().cancel();
        vm.forgetSecrets();
        deviceBoxController.stop();
    }

    private void showPhase(Phase p) {
        statusBox.getStyleClass().removeIf(s -> s.startsWith("phase-"));
        statusBox.getStyleClass().add("phase-" + p.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        statusIcon.setIconLiteral(switch (p) {
            case SUCCEEDED -> "mdi2c-check-circle";
            case FAILED -> "mdi2a-alert-circle";
            case CANCELLED -> "mdi2c-cancel";
            default -> "mdi2l-login";
        });
        boolean idle = p == Phase.IDLE;
        show(statusBox, !idle);
        show(outcomePlaceholder, idle);
    }

    private static void show(Node n, boolean visible) {
        n.setVisible(visible);
        n.setManaged(visible);
    }

    private void showBrowser() {
        var u = vm.run().authorizationUrlProperty().get();
        authUrlField.setText(u == null ? "" : u.toString());
        show(browserBox, u != null);
    }

    @FXML
    void onCopyUrl() {
        Fx.copy(authUrlField.getText(), null);
    }

    @FXML
    void onReopen() {
        vm.run().reopenAuthorizationUrl();
    }
}
