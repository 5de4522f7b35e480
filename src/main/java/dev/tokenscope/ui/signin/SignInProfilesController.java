package dev.tokenscope.ui.signin;

import dev.tokenscope.ui.model.signin.SignInProfilesModel;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;

/** The saved sign-in profiles above the form: choose, save, save as, delete. */
public final class SignInProfilesController {
    @FXML private ComboBox<String> signInProfileChoice;
    @FXML private HBox signInSaveAsBox;
    @FXML private TextField signInSaveAsName;
    @FXML private Label profileStatus;

    private SignInProfilesModel profiles;

    void bind(SignInProfilesModel model) {
        this.profiles = model;
        signInProfileChoice.setItems(model.profileNames());
        signInProfileChoice.valueProperty().bindBidirectional(model.selectedProfileProperty());
        profileStatus.textProperty().bind(model.profileStatusProperty());
        profileStatus.managedProperty().bind(model.profileStatusProperty().isNotEmpty());
        profileStatus.visibleProperty().bind(model.profileStatusProperty().isNotEmpty());
        showSaveAs(false);
        signInSaveAsName.setOnAction(e -> {
            onSaveAsOk();
            e.consume(); // Enter saves; it does not also start a sign-in
        });
    }

    private void showSaveAs(boolean show) {
        signInSaveAsBox.setVisible(show);
        signInSaveAsBox.setManaged(show);
    }

    @FXML
    void onSave() {
        if (!profiles.save()) {
            showSaveAs(true);
            signInSaveAsName.requestFocus();
        }
    }

    @FXML
    void onSaveAs() {
        String n = profiles.profileNameProperty().get();
        signInSaveAsName.setText(n == null || n.equals(SignInProfilesModel.NEW_PROFILE) ? "" : n);
        showSaveAs(true);
        signInSaveAsName.requestFocus();
    }

    @FXML
    void onSaveAsOk() {
        if (profiles.saveAs(signInSaveAsName.getText())) showSaveAs(false);
    }

    @FXML
    void onSaveAsCancel() {
        showSaveAs(false);
    }

    @FXML
    void onDelete() {
        profiles.deleteCurrent();
    }
}
