package dev.tokenscope.ui;

import dev.tokenscope.testing.Tokens;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.ProfileStore;
import dev.tokenscope.ui.model.ProfileViewModel;
import dev.tokenscope.ui.model.SampleCatalog;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.tokenscope.ui.UiFixtures.await;
import static dev.tokenscope.ui.UiFixtures.fx;
import static dev.tokenscope.ui.UiFixtures.fxGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API's evidence in the window: an imported configuration fills the profile with its provenance; the API's answer joins the steps. */
@ExtendWith(ApplicationExtension.class)
class ApiEvidenceWindowTest {
    @TempDir
    static Path tmp;
    MainViewModel model;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path run = Files.createTempDirectory(tmp, "run");
        model = new MainViewModel(InspectorViewModel.withDefaultExecutor(UiFixtures.withTrustChain(run.resolve("cache"))),
                new ProfileViewModel(new ProfileStore(run.resolve("profiles"))), SampleCatalog.load(null));
        MainWindow.show(stage, model); // sized to the screen
    }

    @Test
    void theWindowFitsTheScreenMenuBarIncluded(FxRobot robot) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        assertTrue(stage.getWidth() <= screen.getWidth() && stage.getHeight() <= screen.getHeight(), stage.getWidth() + "x"
                + stage.getHeight());
        assertTrue(stage.getY() >= screen.getMinY() && stage.getY() + stage.getHeight() <= screen.getMaxY(), "y " + stage.getY());
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        assertTrue(bar.localToScreen(bar.getBoundsInLocal()).getMinY() >= screen.getMinY());
    }

    @Test
    void anImportedConfigurationFillsTheProfileAndTheAnswerJoinsTheSteps(FxRobot robot) throws Exception {
        Path keys = Files.writeString(tmp.resolve("keys-" + System.nanoTime() + ".json"), Tokens.publicSet(Tokens.RSA).toString());
        Path config = Files.writeString(tmp.resolve("appsettings.json"), """
                { "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "%s",
                               "ClientId": "%s", "ClientSecret": "never-shown" } }
                """.formatted(Tokens.TENANT, Tokens.API_ID));
        assertTrue(fxGet(() -> model.profiles().importConfig(config)), model.profiles().statusProperty().get());
        fx(() -> {
            model.profiles().jwksProperty().set(keys.toString());
            model.profiles().offlineProperty().set(true);
        });
        assertTrue(robot.lookup("#audiencesField").queryAs(TextField.class).getText().contains(Tokens.API_ID));
        Label provenance = robot.lookup("#provenanceLabel").queryAs(Label.class);
        assertTrue(provenance.isVisible());
        assertTrue(provenance.getText().contains("microsoft-identity-web · appsettings.json"), provenance.getText());
        assertTrue(provenance.getText().contains("← AzureAd:ClientId"), provenance.getText());
        assertFalse(provenance.getText().contains("never-shown"));

        fx(() -> model.inspector().inspectText(Tokens.sign(Tokens.v2Id())));
        await("inspected", () -> !model.inspector().isBusy() && model.inspector().report() != null
                && model.inspector().report().api() != null);
        assertEquals("appsettings.json", model.inspector().report().api().source());

        fx(() -> model.inspector().inspectText(Tokens.sign(Tokens.v2Id())));
        fx(() -> robot.lookup(".report-tabs").queryAs(javafx.scene.control.TabPane.class).getTabs().stream()
                .filter(t -> t.getText().equals("API's answer")).findFirst().ifPresent(t -> t.getTabPane().getSelectionModel().select(t)));
        TextArea box = robot.lookup("#responseInput").queryAs(TextArea.class);
        fx(() -> box.setText("HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The "
                + "audience '"
                + Tokens.CLIENT_ID + "' is invalid\"\n"));
        fx(() -> robot.lookup("#joinButton").queryAs(javafx.scene.control.Button.class).fire());
        await("joined", () -> !model.inspector().isBusy() && model.inspector().report() != null
                && model.inspector().report().server() != null);
        List<Label> said = robot.lookup(".server-said").queryAllAs(Label.class).stream().toList();
        assertTrue(said.stream().anyMatch(l -> l.getText().startsWith("invalid_token · step audience")), said.toString());
        TitledPane audience = robot.lookup("#step-audience").queryAs(TitledPane.class);
        assertTrue(audience.getGraphic().lookup(".server-badge") instanceof Label l && l.getText().equals("API: invalid_token"));
    }

    @Test
    void aBrokenConfigurationLeavesTheProfileAndSaysWhy(FxRobot robot) throws Exception {
        Path bad = Files.writeString(tmp.resolve("application.yml"),
                "spring:\n  security:\n    oauth2:\n      resourceserver:\n        jwt:\n          issuer-uri: [\n");
        assertFalse(fxGet(() -> model.profiles().importConfig(bad)));
        String status = model.profiles().statusProperty().get();
        assertTrue(status.startsWith("Not imported: application.yml"), status);
        assertFalse(robot.lookup("#provenanceLabel").queryAs(Label.class).isVisible());
    }
}
