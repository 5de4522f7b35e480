package dev.tokenscope.ui;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.testing.Tokens;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.ProfileData;
import dev.tokenscope.ui.model.ProfileStore;
import dev.tokenscope.ui.model.ProfileViewModel;
import dev.tokenscope.ui.model.SampleCatalog;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;

import static dev.tokenscope.ui.UiFixtures.await;
import static dev.tokenscope.ui.UiFixtures.fx;
import static dev.tokenscope.ui.UiFixtures.fxGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window never misleads: the profile (and time, offline keys) a verdict was judged against is on screen, a sample's
 * profile stays with the sample, and the screen follows the token (issue 20, items 1–3).
 */
@ExtendWith(ApplicationExtension.class)
class JudgedVerdictWindowTest {
    @TempDir
    static Path tmp;

    MainViewModel model;
    MainWindow.Loaded window;
    Path run;

    @Start
    void start(Stage stage) throws Exception {
        run = Files.createTempDirectory(tmp, "run");
        Inspector inspector = UiFixtures.withTrustChain(run.resolve("cache"));
        model = new MainViewModel(InspectorViewModel.withDefaultExecutor(inspector),
                new ProfileViewModel(new ProfileStore(run.resolve("profiles"))), SampleCatalog.load(null));
        model.profiles().offlineProperty().set(true); // never the network in tests
        window = MainWindow.load(model, 1280, 720);
        stage.setScene(window.scene());
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void reset() {
        fx(() -> Theme.apply(false));
    }

    void idle() {
        await("inspection finished", () -> !model.inspector().isBusy() && model.inspector().report() != null);
    }

    ProfileData keys(String name, String audience) throws Exception {
        return UiFixtures.keysProfile(Files.createTempDirectory(tmp, "keys"), audience).withName(name);
    }

    void inspect(String text) {
        fx(() -> model.inspector().inspectText(text));
        await("inspected", () -> !model.inspector().isBusy() && model.inspector().report() != null
                && text.equals(model.inspector().inputProperty().get()));
    }

    String verdictText(FxRobot robot) {
        return robot.lookup("#verdictText").queryAs(Label.class).getText();
    }

    Label judged(FxRobot robot) {
        return robot.lookup("#judgedLabel").queryAs(Label.class);
    }

    static String expired() {
        return Tokens.sign(Tokens.v2Access().claim("uti", "expired").issueTime(Date.from(Tokens.NOW.minusSeconds(4 * 3600)))
                .notBeforeTime(Date.from(Tokens.NOW.minusSeconds(4 * 3600))).expirationTime(Date.from(Tokens.NOW.minusSeconds(3 * 3600))));
    }

    @Test
    void aSampleProfileAppliesToThatSampleOnly(FxRobot robot) throws Exception {
        ProfileData mine = keys("Orders API (prod)", Tokens.API_ID);
        fx(() -> model.profiles().apply(mine));
        SampleCatalog.Sample sample = model.samples().get(0);
        fx(() -> model.loadSample(sample));
        await("sample", () -> !model.inspector().isBusy() && sample.token().equals(model.inspector().inputProperty().get())
                && model.inspector().report() != null);
        assertEquals("Sample: " + sample.name(), model.profiles().nameProperty().get());
        assertTrue(judged(robot).getText().startsWith("Profile: Sample: " + sample.name()), judged(robot).getText());
        assertTrue(judged(robot).getText().contains("Offline: keys from keys.json"), judged(robot).getText());

        // A real token pasted next is judged against the profile in use before the sample, not the sample's keys.
        String token = Tokens.sign(Tokens.v2Access());
        inspect("Bearer " + token);
        assertEquals("Orders API (prod)", model.profiles().nameProperty().get());
        assertEquals(Verdict.VALID, model.inspector().report().verdict(), model.inspector().report().summary());
        assertEquals("Valid for Orders API (prod): aud " + Tokens.API_ID, verdictText(robot));
        assertTrue(judged(robot).getText().startsWith("Profile: Orders API (prod)"), judged(robot).getText());
        assertFalse(model.showsSample());
    }

    @Test
    void aProfileSavedFromASampleNeverInheritsItsFiles() throws Exception {
        SampleCatalog.Sample sample = model.samples().get(0);
        fx(() -> model.loadSample(sample));
        idle();
        assertTrue(model.profiles().offlineProperty().get());
        assertTrue(fxGet(() -> model.profiles().saveAs("Orders API")));
        ProfileData saved = model.profiles().store().load("Orders API").orElseThrow();
        assertNull(saved.metadata(), "the sample's metadata file is not saved");
        assertNull(saved.jwks(), "the sample's key set file is not saved");
        assertFalse(saved.offline(), "the sample's offline mode is not saved");
        assertEquals(sample.profile().audiences(), saved.audiences(), "what the API expects is kept");
        String status = model.profiles().statusProperty().get();
        assertTrue(status.contains("without the sample's metadata file, key set file") && status.contains("offline mode"), status);
        assertEquals("", model.profiles().jwksProperty().get(), "the fields show what was saved");
    }

    @Test
    void evaluateAtAndOfflineKeysAreSaidNextToTheVerdict(FxRobot robot) throws Exception {
        ProfileData orders = keys("Orders API (prod)", Tokens.API_ID);
        fx(() -> model.profiles().apply(orders));
        inspect(Tokens.sign(Tokens.v2Access()));
        assertTrue(judged(robot).getText().contains("Offline: keys from keys.json"), judged(robot).getText());
        assertTrue(judged(robot).getStyleClass().contains("judged-unusual"));

        fx(() -> model.profiles().evaluateAtProperty().set("2026-03-01T16:00:00Z"));
        await("judged again", () -> !model.inspector().isBusy() && model.inspector().report().verdict() == Verdict.INVALID);
        assertEquals("Profile: Orders API (prod) · Judged at 2026-03-01 16:00 UTC · Offline: keys from keys.json · Metadata from "
                + "openid-configuration.json",
                judged(robot).getText());
        assertTrue(verdictText(robot).startsWith("Not valid for Orders API (prod): "), verdictText(robot));
        // The exports carry the same line.
        String md = fxGet(() -> model.export().render(dev.tokenscope.engine.export.ExportFormat.MARKDOWN));
        assertTrue(md.contains("Judged against the API profile Orders API (prod): Judged at 2026-03-01 16:00 UTC · Offline: keys from "
                + "keys.json"), md);
        assertTrue(md.contains("## Input"), md);
    }

    @Test
    void eachNewVerdictOpensItsFirstFailingStepFromTheTop(FxRobot robot) throws Exception {
        ProfileData testKeys = keys("test keys", Tokens.API_ID);
        fx(() -> model.profiles().apply(testKeys));
        inspect(Tokens.sign(Tokens.v2Access()));
        assertTrue(robot.lookup(".step").queryAll().stream().noneMatch(n -> ((TitledPane) n).isExpanded()), "a valid token opens nothing");
        fx(() -> robot.lookup("#step-issuer").queryAs(TitledPane.class).setExpanded(true));

        inspect(expired());
        assertEquals(Verdict.INVALID, model.inspector().report().verdict());
        List<String> open = robot.lookup(".step").queryAll().stream().filter(n -> ((TitledPane) n).isExpanded()).map(Node::getId).toList();
        assertEquals(List.of("step-lifetime"), open, "the previous token's expansion is closed, the failing step is open");
        assertEquals(0.0, fxGet(() -> window.controller().steps().scroll().getVvalue()));
    }

    @Test
    void aStepsBodyIsMadeWhenItIsFirstOpened(FxRobot robot) throws Exception {
        ProfileData testKeys = keys("test keys", Tokens.API_ID);
        fx(() -> model.profiles().apply(testKeys));
        inspect(expired());
        TitledPane lifetime = robot.lookup("#step-lifetime").queryAs(TitledPane.class);
        TitledPane issuer = robot.lookup("#step-issuer").queryAs(TitledPane.class);
        assertTrue(fxGet(lifetime::isExpanded));
        assertTrue(fxGet(() -> lifetime.getContent() != null && lifetime.getContent().lookup(".step-hint") != null),
                "the open step has its fix");
        assertEquals(null, fxGet(issuer::getContent), "a closed step has no body yet");
        assertEquals(issuer.getId().substring("step-".length()), fxGet(() -> {
            issuer.setExpanded(true);
            return ((Label) issuer.getContent().lookup(".step-id")).getText().substring("step id: ".length());
        }));
        assertTrue(fxGet(() -> issuer.getContent().lookup(".evidence") != null), "opened: its evidence is there");
        fx(() -> window.controller().steps().reveal("audience"));
        assertTrue(fxGet(() -> robot.lookup("#step-audience").queryAs(TitledPane.class).getContent() != null), "revealed: made");
        javafx.scene.Node body = fxGet(issuer::getContent);
        fx(() -> {
            issuer.setExpanded(false);
            issuer.setExpanded(true);
        });
        assertTrue(fxGet(issuer::getContent) == body, "closed and opened again: the same body");
        fx(() -> robot.lookup(".steps-view .button-icon").queryAll().stream().filter(n -> "expandButton".equals(n.getId()))
                .findFirst().map(javafx.scene.control.Button.class::cast).orElseThrow().fire());
        assertTrue(fxGet(() -> robot.lookup(".step").queryAll().stream().allMatch(n -> ((TitledPane) n).getContent() != null)),
                "expand all: every body made");
    }

    @Test
    void theBannerAndADiagnosisOpenTheStepTheyExplain(FxRobot robot) throws Exception {
        ProfileData other = keys("test keys", "api://orders");
        fx(() -> model.profiles().apply(other));
        inspect(Tokens.sign(Tokens.v2Access()));
        assertTrue(model.inspector().report().hasDiagnosis("wrong-audience"));
        fx(() -> robot.lookup(".step").queryAll().forEach(n -> ((TitledPane) n).setExpanded(false)));
        robot.clickOn("#verdictText");
        assertTrue(robot.lookup("#step-audience").queryAs(TitledPane.class).isExpanded());

        fx(() -> robot.lookup(".step").queryAll().forEach(n -> ((TitledPane) n).setExpanded(false)));
        fx(() -> window.controller().tabs().getSelectionModel().select(4));
        robot.clickOn("#diagnosis-wrong-audience");
        assertTrue(robot.lookup("#step-audience").queryAs(TitledPane.class).isExpanded());
    }

    @Test
    void fixTextsNameTheWindowsFieldsNotTheCommandLinesOptions() throws Exception {
        ProfileData noAudience = new ProfileData("no audience", List.of(), null, null, null, null, 300, null, null, null, true);
        fx(() -> model.profiles().apply(noAudience));
        inspect(Tokens.sign(Tokens.v2Access()));
        var step = model.inspector().report().step("audience").orElseThrow();
        assertEquals("Set \"Expected audiences\" in the API profile: your API's client id or App ID URI.", step.hint());
        for (var s : model.inspector().report().steps()) {
            assertFalse((s.detail() + " " + s.hint()).matches(".*--(audience|tenant|client|scope|role|metadata|jwks|offline|at)\\b.*"),
                    s.toString());
        }
        // The wrong-audience diagnosis considers both sides when the audience is an API of the token's own tenant.
        fx(() -> model.profiles()
                .apply(new ProfileData("other api", List.of("api://orders"), null, null, null, null, 300, null, null, null, true)));
        await("judged", () -> !model.inspector().isBusy() && model.inspector().report().hasDiagnosis("wrong-audience"));
        var d = model.inspector().report().diagnoses().stream().filter(x -> x.id().equals("wrong-audience")).findFirst().orElseThrow();
        assertTrue(d.explanation().contains("Either side can be wrong"), d.explanation());
        assertTrue(d.fix().contains(Tokens.API_ID + ", \"Expected audiences\" in the API profile"), d.fix());
    }
}
