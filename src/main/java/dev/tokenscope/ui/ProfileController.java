package dev.tokenscope.ui;

import dev.tokenscope.ui.model.ProfileViewModel;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

import java.io.File;

/** The "API profile" side panel: fields bound to the {@link ProfileViewModel}, named profiles, save/delete. */
public final class ProfileController {
    @FXML private ScrollPane panel;
    @FXML private ComboBox<String> profileChoice;
    @FXML private Button saveButton;
    @FXML private Button saveAsButton;
    @FXML private Button deleteButton;
    @FXML private HBox saveAsBox;
    @FXML private TextField saveAsName;
    @FXML private Label statusLabel;
    @FXML private Button importButton;
    @FXML private Label provenanceLabel;
    @FXML private TextField audiencesField;
    @FXML private TextField tenantsField;
    @FXML private TextField issuersField;
    @FXML private TextField clientsField;
    @FXML private TextField scopesField;
    @FXML private TextField rolesField;
    @FXML private TextField skewField;
    @FXML private TextField atField;
    @FXML private TextField metadataField;
    @FXML private TextField jwksField;
    @FXML private CheckBox offlineCheck;
    @FXML private Label errorLabel;
    @FXML private Label dirLabel;

    private ProfileViewModel vm;

    public void bind(ProfileViewModel model) {
        this.vm = model;
        profileChoice.setItems(model.savedNames());
        profileChoice.valueProperty().bindBidirectional(model.selectedProperty());
        audiencesField.textProperty().bindBidirectional(model.audiencesProperty());
        tenantsField.textProperty().bindBidirectional(model.tenantsProperty());
        issuersField.textProperty().bindBidirectional(model.issuersProperty());
        clientsField.textProperty().bindBidirectional(model.clientsProperty());
        scopesField.textProperty().bindBidirectional(model.scopesProperty());
        rolesField.textProperty().bindBidirectional(model.rolesProperty());
        skewField.textProperty().bindBidirectional(model.skewSecondsProperty());
        atField.textProperty().bindBidirectional(model.evaluateAtProperty());
        metadataField.textProperty().bindBidirectional(model.metadataProperty());
        jwksField.textProperty().bindBidirectional(model.jwksProperty());
        offlineCheck.selectedProperty().bindBidirectional(model.offlineProperty());
        errorLabel.textProperty().bind(model.errorProperty());
        errorLabel.visibleProperty().bind(model.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        statusLabel.textProperty().bind(model.statusProperty());
        statusLabel.managedProperty().bind(model.statusProperty().isNotEmpty());
        dirLabel.setText("Saved in " + model.store().dir());
        model.errorProperty().addListener((obs, o, n) -> markInvalid());
        showSaveAs(false);
        saveAsName.setOnAction(e -> onSaveAsOk());
        provenanceLabel.textProperty().bind(model.provenanceProperty());
        provenanceLabel.visibleProperty().bind(model.provenanceProperty().isNotEmpty());
        provenanceLabel.managedProperty().bind(provenanceLabel.visibleProperty());
        // A configuration file dropped on the panel is imported (a token dropped elsewhere is inspected).
        panel.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            e.consume();
        });
        panel.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && vm.importConfig(e.getDragboard().getFiles().get(0).toPath());
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    @FXML
    private void onImport() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Import the API's configuration");
        fc.getExtensionFilters()
                .addAll(new FileChooser.ExtensionFilter("API configuration", "*.json", "*.yml", "*.yaml", "*.properties", "*.xml"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = fc.showOpenDialog(panel.getScene().getWindow());
        if (f != null) vm.importConfig(f.toPath());
    }

    private void markInvalid() {
        String e = vm.errorProperty().get();
        skewField.pseudoClassStateChanged(atlantafx.base.theme.Styles.STATE_DANGER, e.startsWith("Clock skew"));
        atField.pseudoClassStateChanged(atlantafx.base.theme.Styles.STATE_DANGER, e.startsWith("Evaluate at"));
    }

    public ScrollPane panel() {
        return panel;
    }

    private void showSaveAs(boolean show) {
        saveAsBox.setVisible(show);
        saveAsBox.setManaged(show);
    }

    @FXML
    private void onSave() {
        if (!vm.save()) {
            showSaveAs(true);
            saveAsName.requestFocus();
        }
    }

    @FXML
    private void onSaveAs() {
        String n = vm.nameProperty().get();
        saveAsName.setText(n == null || n.equals(ProfileViewModel.UNSAVED) || n.startsWith("Sample: ") ? "" : n);
        showSaveAs(true);
        saveAsName.requestFocus();
    }

    @FXML
    private void onSaveAsOk() {
        if (vm.saveAs(saveAsName.getText())) showSaveAs(false);
    }

    @FXML
    private void onSaveAsCancel() {
        showSaveAs(false);
    }

    @FXML
    private void onDelete() {
        vm.deleteCurrent();
    }

    @FXML
    private void onBrowseMetadata() {
        File f = choose("Choose OpenID metadata (openid-configuration.json)");
        if (f != null) vm.metadataProperty().set(f.getAbsolutePath());
    }

    @FXML
    private void onBrowseJwks() {
        File f = choose("Choose a key set (JWKS, keys.json)");
        if (f != null) vm.jwksProperty().set(f.getAbsolutePath());
    }

    private File choose(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters()
                .addAll(new FileChooser.ExtensionFilter("JSON", "*.json"), new FileChooser.ExtensionFilter("All files", "*"));
        return fc.showOpenDialog(panel.getScene().getWindow());
    }
}
