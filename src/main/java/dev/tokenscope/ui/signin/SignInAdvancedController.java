package dev.tokenscope.ui.signin;

import dev.tokenscope.engine.signin.Grant;
import dev.tokenscope.ui.model.signin.SignInFormModel;
import dev.tokenscope.ui.model.signin.SignInTexts;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.util.Duration;

/** The form's advanced options: they shape the browser's authorization request and its redemption, so only that grant uses them. */
public final class SignInAdvancedController {
    @FXML private TitledPane advancedPane;
    @FXML private GridPane advancedGrid;
    @FXML private TextField portField;
    @FXML private TextField redirectField;
    @FXML private ComboBox<String> promptChoice;
    @FXML private TextField loginHintField;
    @FXML private TextField domainHintField;
    @FXML private TextArea extraField;
    @FXML private TextField spaOriginField;
    @FXML private Label spaHelp;
    @FXML private TextField timeoutField;

    void bind(SignInFormModel form, ScrollPane formScroll) {
        portField.textProperty().bindBidirectional(form.portProperty());
        redirectField.textProperty().bindBidirectional(form.redirectUriProperty());
        promptChoice.getItems().setAll("", "select_account", "login", "consent", "none", "create");
        promptChoice.valueProperty().bindBidirectional(form.promptProperty());
        promptChoice.setTooltip(new Tooltip(SignInTexts.PROMPT_TOOLTIP));
        loginHintField.textProperty().bindBidirectional(form.loginHintProperty());
        domainHintField.textProperty().bindBidirectional(form.domainHintProperty());
        extraField.textProperty().bindBidirectional(form.extraParametersProperty());
        spaOriginField.textProperty().bindBidirectional(form.spaOriginProperty());
        Tooltip spa = new Tooltip(SignInTexts.spaHelp());
        spa.setWrapText(true);
        spa.setMaxWidth(460);
        spa.setShowDuration(Duration.seconds(60));
        spa.setShowDelay(Duration.millis(150));
        spaHelp.setTooltip(spa);
        spaOriginField.setTooltip(spa);
        timeoutField.textProperty().bindBidirectional(form.timeoutSecondsProperty());
        advancedPane.expandedProperty().addListener((obs, o, open) -> {
            if (open) Platform.runLater(() -> Toggles.reveal(formScroll, advancedPane));
        });
        form.grantProperty().addListener((obs, o, g) -> showGrant(g));
        showGrant(form.grantProperty().get());
    }

    private void showGrant(Grant g) {
        advancedGrid.setDisable(g != Grant.AUTHORIZATION_CODE);
        advancedPane.setText(SignInTexts.advancedTitle(g));
    }
}
