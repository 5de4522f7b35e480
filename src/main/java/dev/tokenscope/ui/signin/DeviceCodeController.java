package dev.tokenscope.ui.signin;

import dev.tokenscope.engine.signin.DeviceCodeInfo;
import dev.tokenscope.engine.text.SafeText;
import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.ui.model.signin.DeviceCodeClock;
import dev.tokenscope.ui.model.signin.SignInRunModel;
import dev.tokenscope.ui.model.signin.SignInTexts;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.time.ZoneId;

/** The device code card: the page to open, the code with its countdown, Cancel. */
public final class DeviceCodeController {
    @FXML private VBox deviceBox;
    @FXML private Label verificationUri;
    @FXML private Label userCode;
    @FXML private Label countdownLabel;
    @FXML private ProgressBar countdownBar;
    @FXML private Label deviceMessage;
    @FXML private Button copyCodeButton;

    private SignInRunModel run;
    private DeviceCodeClock clock;
    private final Timeline countdown = new Timeline(new KeyFrame(Duration.seconds(1), e -> clock.tick()));

    void bind(SignInRunModel model) {
        this.run = model;
        this.clock = model.deviceCode();
        countdown.setCycleCount(Animation.INDEFINITE);
        countdownLabel.textProperty().bind(clock.countdownProperty());
        countdownBar.progressProperty().bind(clock.countdownFractionProperty());
        clock.deviceCodeProperty().addListener((obs, o, i) -> show(i));
        show(clock.deviceCodeProperty().get());
    }

    /** The window closed: stop the countdown. */
    void stop() {
        countdown.stop();
    }

    private void show(DeviceCodeInfo i) {
        deviceBox.setVisible(i != null);
        deviceBox.setManaged(i != null);
        if (i == null) {
            countdown.stop();
            return;
        }
        verificationUri.setText(SafeText.line(i.verificationUri())); // the server's words: shown escaped
        userCode.setText(SafeText.line(i.userCode()));
        deviceMessage.setText(SignInTexts.deviceMessage(i, ZoneId.systemDefault()));
        clock.tick();
        countdown.playFromStart();
        copyCodeButton.requestFocus();
    }

    @FXML
    void onCopyCode() {
        Fx.copy(userCode.getText(), copyCodeButton);
    }

    @FXML
    void onCopyUri() {
        Fx.copy(verificationUri.getText(), null);
    }

    @FXML
    void onOpenPage() {
        run.openVerificationPage();
    }

    @FXML
    void onCancel() {
        run.cancel();
    }
}
