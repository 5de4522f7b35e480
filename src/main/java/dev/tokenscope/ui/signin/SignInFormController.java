package dev.tokenscope.ui.signin;

import dev.tokenscope.engine.signin.Authority;
import dev.tokenscope.engine.signin.Grant;
import dev.tokenscope.engine.signin.SignInForm.Credential;
import dev.tokenscope.ui.model.signin.SignInFormModel;
import dev.tokenscope.ui.model.signin.SignInTexts;
import dev.tokenscope.ui.model.signin.SignInViewModel;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;

import java.io.File;

/** The form column: saved profiles, authority, client, scopes, grant, credentials, advanced options, and Sign in / Cancel. */
public final class SignInFormController {
    @FXML private SignInProfilesController signInProfilesController;
    @FXML private SignInAdvancedController advancedPaneController;
    @FXML private TextField authorityField;
    @FXML private ChoiceBox<Authority.Cloud> cloudChoice;
    @FXML private TextField clientIdField;
    @FXML private TextField signInScopesField;
    @FXML private Label scopesHint;
    @FXML private RadioButton browserRadio;
    @FXML private RadioButton deviceRadio;
    @FXML private RadioButton clientCredentialsRadio;
    @FXML private VBox credentialsBox;
    @FXML private RadioButton secretRadio;
    @FXML private RadioButton certificateRadio;
    @FXML private PasswordField secretField;
    @FXML private HBox certificateBox;
    @FXML private TextField certificatePathField;
    @FXML private PasswordField certificatePasswordField;
    @FXML private Label formError;
    @FXML private Button signInButton;
    @FXML private Button signInCancelButton;
    @FXML private ProgressIndicator signInProgress;
    @FXML private ScrollPane formScroll;

    private SignInViewModel vm;
    private SignInFormModel form;
    private Runnable onStarted = () -> { };
    private File lastDir;

    void bind(SignInViewModel model, Runnable started) {
        this.vm = model;
        this.form = model.form();
        this.onStarted = started;
        signInProfilesController.bind(model.profiles());
        authorityField.textProperty().bindBidirectional(form.authorityProperty());
        cloudChoice.getItems().setAll(Authority.Cloud.values());
        cloudChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Authority.Cloud c) {
                return SignInTexts.cloudLabel(c);
            }

            @Override
            public Authority.Cloud fromString(String s) {
                return null;
            }
        });
        cloudChoice.valueProperty().bindBidirectional(form.cloudProperty());
        cloudChoice.setTooltip(new Tooltip(SignInTexts.CLOUD_TOOLTIP));
        Tooltip authority = new Tooltip(SignInTexts.AUTHORITY_TOOLTIP);
        authority.setShowDuration(Duration.seconds(30));
        authorityField.setTooltip(authority);
        clientIdField.textProperty().bindBidirectional(form.clientIdProperty());
        signInScopesField.textProperty().bindBidirectional(form.scopesProperty());
        scopesHint.textProperty()
                .bind(Bindings.createStringBinding(() -> SignInTexts.scopesHint(form.grantProperty().get()), form.grantProperty()));
        bindGrant();
        secretField.textProperty().bindBidirectional(form.clientSecretProperty());
        certificatePathField.textProperty().bindBidirectional(form.certificatePathProperty());
        certificatePasswordField.textProperty().bindBidirectional(form.certificatePasswordProperty());
        advancedPaneController.bind(form, formScroll);
        formError.textProperty().bind(form.formErrorProperty());
        formError.visibleProperty().bind(form.formErrorProperty().isNotEmpty());
        formError.managedProperty().bind(formError.visibleProperty());
        signInProgress.visibleProperty().bind(model.run().busyProperty());
        signInProgress.managedProperty().bind(model.run().busyProperty());
        signInCancelButton.disableProperty().bind(model.run().busyProperty().not());
        signInButton.disableProperty().bind(model.run().busyProperty());
    }

    private void bindGrant() {
        ToggleGroup grants = new ToggleGroup();
        Toggles.of(grants, form.grantProperty(), g -> switch (g) {
            case DEVICE_CODE -> deviceRadio;
            case CLIENT_CREDENTIALS -> clientCredentialsRadio;
            default -> browserRadio;
        }, this::showGrant, Grant.AUTHORIZATION_CODE, Grant.DEVICE_CODE, Grant.CLIENT_CREDENTIALS);
        ToggleGroup creds = new ToggleGroup();
        Toggles.of(creds, form.credentialProperty(), c -> c == Credential.CERTIFICATE ? certificateRadio : secretRadio,
                this::showCredential,
                Credential.SECRET, Credential.CERTIFICATE);
    }

    private void showGrant(Grant g) {
        boolean cc = g == Grant.CLIENT_CREDENTIALS;
        credentialsBox.setVisible(cc);
        credentialsBox.setManaged(cc);
        if (cc) Platform.runLater(() -> Toggles.reveal(formScroll, credentialsBox));
    }

    private void showCredential(Credential c) {
        boolean cert = c == Credential.CERTIFICATE;
        secretField.setVisible(!cert);
        secretField.setManaged(!cert);
        certificateBox.setVisible(cert);
        certificateBox.setManaged(cert);
        certificatePasswordField.setVisible(cert);
        certificatePasswordField.setManaged(cert);
    }

    @FXML
    void onSignIn() {
        if (vm.signIn()) onStarted.run();
    }

    @FXML
    void onCancel() {
        vm.run().cancel();
    }

    @FXML
    void onBrowseCertificate() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Choose the client certificate (key + certificate)");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PEM or PKCS#12", "*.pem", "*.pfx", "*.p12", "*.crt", "*.key"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (lastDir != null && lastDir.isDirectory()) fc.setInitialDirectory(lastDir);
        File f = fc.showOpenDialog(formScroll.getScene() == null ? null : formScroll.getScene().getWindow());
        if (f != null) {
            lastDir = f.getParentFile();
            form.certificatePathProperty().set(f.getAbsolutePath());
        }
    }
}
