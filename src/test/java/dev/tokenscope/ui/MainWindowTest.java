package dev.tokenscope.ui;

import dev.tokenscope.ui.fx.LazyTooltip;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.claims.ClaimView;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.testing.Tokens;
import dev.tokenscope.ui.model.ClaimRow;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.ProfileData;
import dev.tokenscope.ui.model.ProfileStore;
import dev.tokenscope.ui.model.ProfileViewModel;
import dev.tokenscope.ui.model.SampleCatalog;
import dev.tokenscope.ui.model.StepPresenter;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static dev.tokenscope.ui.UiFixtures.await;
import static dev.tokenscope.ui.UiFixtures.fx;
import static dev.tokenscope.ui.UiFixtures.fxGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window, headless (Monocle): what a user sees after pasting, typing, loading samples and editing the profile. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    static final Set<String> STATUS_CLASSES = Set.of("status-pass", "status-warn", "status-fail", "status-skip", "status-info");

    @TempDir
    static Path tmp;

    /** Tests that need another inspector set it before the window starts (a @Start runs before each test). */
    static Function<Path, Inspector> inspectorFactory = UiFixtures::withTrustChain;

    MainViewModel model;
    Inspector inspector;
    MainWindow.Loaded window;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path run = Files.createTempDirectory(tmp, "run");
        inspector = inspectorFactory.apply(run.resolve("cache"));
        model = new MainViewModel(InspectorViewModel.withDefaultExecutor(inspector),
                new ProfileViewModel(new ProfileStore(run.resolve("profiles"))), () -> SampleCatalog.load(null));
        model.profiles().offlineProperty().set(true); // never the network in tests
        window = MainWindow.load(model, 1100, 700);
        stage.setScene(window.scene());
        stage.setTitle(MainWindow.TITLE);
        // Monocle's headless screen is 1280x800; a window reaching past it makes its painter overflow.
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void reset() {
        inspectorFactory = UiFixtures::withTrustChain;
        fx(() -> Theme.apply(false));
    }

    void idle() {
        await("inspection finished", () -> !model.inspector().isBusy() && model.inspector().report() != null);
    }

    void useProfile(ProfileData p) {
        fx(() -> model.profiles().apply(p));
    }

    ProfileData keys(String audience) throws Exception {
        return UiFixtures.keysProfile(Files.createTempDirectory(tmp, "keys"), audience);
    }

    /** The banner and every step row show what the engine says for the same input and profile. */
    void assertShows(FxRobot robot, Report expected) {
        // The banner names the profile the verdict was judged against, then says what the engine says.
        assertEquals(dev.tokenscope.ui.model.Banner.of(expected, model.inspector().judged()).text(), robot.lookup("#verdictText")
                .queryAs(Label.class).getText());
        String said = expected.summary().replaceFirst("^(Valid with warnings for |Valid for |Not valid: |Not trusted: )", "");
        assertTrue(robot.lookup("#verdictText").queryAs(Label.class).getText().endsWith(said), said);
        List<Node> rows = robot.lookup(".step").queryAll().stream().toList();
        assertEquals(expected.steps().size(), rows.size());
        for (Step s : expected.steps()) {
            TitledPane row = robot.lookup("#step-" + s.id()).queryAs(TitledPane.class);
            String want = StepPresenter.styleClass(s.status());
            assertTrue(row.getStyleClass().contains(want), s.id() + " should be " + want + ": " + row.getStyleClass());
            assertEquals(1, row.getStyleClass().stream().filter(STATUS_CLASSES::contains).count(), s.id());
            Label word = (Label) row.getGraphic().lookup(".status-word");
            assertEquals(StepPresenter.word(s.status()), word.getText(), "status word of " + s.id());
        }
    }

    @Test
    void windowTitleAndEmptyState(FxRobot robot) {
        assertTrue(stage.getTitle().startsWith("Tokenscope"));
        assertTrue(robot.lookup("#verdictText").queryAs(Label.class).getText().startsWith("Paste a token"));
        assertFalse(robot.lookup("#progress").queryAs(ProgressIndicator.class).isVisible());
        assertTrue(robot.lookup("#cancelButton").queryAs(Button.class).isDisabled());
    }

    @Test
    void ctrlVAnywhereInspectsTheClipboard(FxRobot robot) throws Exception {
        ProfileData p = keys(Tokens.API_ID);
        useProfile(p);
        String token = Tokens.sign(Tokens.v2Access());
        fx(() -> {
            ClipboardContent c = new ClipboardContent();
            c.putString("Authorization: Bearer " + token);
            Clipboard.getSystemClipboard().setContent(c);
        });
        robot.clickOn("#verdictText");
        robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        idle();
        Report expected = inspector.inspect("Authorization: Bearer " + token, UiFixtures.validation(p));
        assertEquals("Valid for " + Tokens.API_ID, expected.summary());
        assertShows(robot, expected);
        assertTrue(robot.lookup("#banner").query().getStyleClass().contains("verdict-valid"));
        assertEquals("Authorization: Bearer " + token, model.inspector().inputProperty().get());
    }

    @Test
    void everySampleShowsTheEnginesVerdictAndSteps(FxRobot robot) {
        List<SampleCatalog.Sample> samples = model.samples();
        assertFalse(samples.isEmpty());
        // The first through the samples menu button, as a user would; the others through the model.
        robot.clickOn("#samplesButton");
        robot.clickOn(samples.get(0).name() + " — " + samples.get(0).description());
        for (int i = 0; i < samples.size(); i++) {
            SampleCatalog.Sample s = samples.get(i);
            if (i > 0) fx(() -> model.loadSample(s));
            await(s.name(), () -> !model.inspector().isBusy() && model.inspector().report() != null
                    && s.token().equals(model.inspector().inputProperty().get()));
            Report expected = inspector.inspect(s.token(), UiFixtures.validation(s.profile()));
            assertShows(robot, expected);
            assertEquals("Sample: " + s.name(), model.profiles().nameProperty().get());
        }
        assertEquals(samples.size(), model.inspector().history().size());
    }

    @Test
    void claimsTableShowsEveryClaimAndFilters(FxRobot robot) throws Exception {
        useProfile(keys(Tokens.API_ID));
        String token = Tokens.sign(Tokens.v2Access());
        fx(() -> model.inspector().inspectText(token));
        idle();
        TableView<ClaimRow> table = window.controller().claims().table();
        List<ClaimView> claims = model.inspector().report().token().claimAnnotations();
        // The claims that decide a verdict first, then the others in token order.
        List<String> deciding = ClaimRow.DECIDING.stream().filter(n -> claims.stream().anyMatch(c -> c.name().equals(n))).toList();
        List<String> rest = claims.stream().map(ClaimView::name).filter(n -> !ClaimRow.DECIDING.contains(n)).toList();
        List<String> want = new java.util.ArrayList<>(deciding);
        want.addAll(rest);
        assertEquals(want, fxGet(() -> table.getItems().stream().map(ClaimRow::name).toList()));
        ClaimRow exp = fxGet(() -> table.getItems().stream().filter(r -> r.name().equals("exp")).findFirst().orElseThrow());
        assertTrue(exp.meaning().startsWith("Expiration time — expires in 50 min"), exp.meaning());
        assertTrue(fxGet(() -> table.getItems().stream().filter(r -> r.name().equals("preferred_username")).findFirst().orElseThrow()
                .pii()));

        robot.clickOn(window.controller().claims().filterField()).write("tid");
        List<String> expected = claims.stream().map(ClaimRow::of).filter(r -> r.matches("tid")).map(ClaimRow::name).toList();
        await("filtered", () -> table.getItems().size() == expected.size());
        assertTrue(expected.contains("tid"));
        assertTrue(expected.size() < claims.size());
        assertEquals(expected, fxGet(() -> table.getItems().stream().map(ClaimRow::name).toList()));
    }

    @Test
    void signingKeyTabShowsTheMatchedKid(FxRobot robot) throws Exception {
        useProfile(keys(Tokens.API_ID));
        fx(() -> model.inspector().inspectText(Tokens.sign(Tokens.v2Access())));
        idle();
        robot.clickOn("Key");
        assertEquals("Signed with kid test-kid-1", robot.lookup("#keyTitle").queryAs(Label.class).getText());
        @SuppressWarnings("unchecked")
        TableView<dev.tokenscope.engine.report.KeyView.KeySummary> set = robot.lookup("#keySet").queryAs(TableView.class);
        assertEquals(2, set.getItems().size());
        List<String> matchedRows = robot.lookup(".key-matched").queryAll().stream()
                .map(n -> ((TableRow<?>) n).getItem()).map(k -> ((dev.tokenscope.engine.report.KeyView.KeySummary) k).kid()).toList();
        assertEquals(List.of("test-kid-1"), matchedRows);
    }

    @Test
    void signingKeyTabExplainsWhyThereIsNoKey(FxRobot robot) {
        fx(() -> model.inspector().inspectText(Tokens.sign(Tokens.v2Access().issuer("not-a-url"))));
        idle();
        robot.clickOn("Key");
        Label placeholder = robot.lookup(".key-view > .placeholder").queryAs(Label.class);
        assertTrue(placeholder.isVisible());
        assertTrue(placeholder.getText().startsWith("No signing key to show."), placeholder.getText());
    }

    @Test
    void editingTheProfilesAudienceFlipsTheAudienceStep(FxRobot robot) throws Exception {
        useProfile(keys(Tokens.API_ID));
        fx(() -> model.inspector().inspectText(Tokens.sign(Tokens.v2Access())));
        idle();
        assertTrue(robot.lookup("#step-audience").query().getStyleClass().contains("status-pass"));
        Report before = model.inspector().report();

        robot.clickOn("#audiencesField").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("api://x");
        await("re-validated", () -> model.inspector().report() != before && !model.inspector().isBusy()
                && model.inspector().report().step("audience").orElseThrow().status() == dev.tokenscope.engine.report.Status.FAIL);
        assertEquals(List.of("api://x"), model.inspector().profileProperty().get().audiences());
        TitledPane aud = robot.lookup("#step-audience").queryAs(TitledPane.class);
        assertTrue(aud.getStyleClass().contains("status-fail"), aud.getStyleClass().toString());
        assertTrue(robot.lookup("#verdictText").queryAs(Label.class).getText().startsWith("Not valid for test keys: "));
        assertTrue(robot.lookup("#banner").query().getStyleClass().contains("verdict-invalid"));
    }

    @Test
    void badInputShowsTheEnginesMessageInPlace(FxRobot robot) {
        robot.clickOn("#tokenInput").write("no token here").type(KeyCode.ENTER);
        idle();
        String engine = inspector.inspect("no token here", ValidationProfile.defaults()).summary();
        assertTrue(engine.startsWith("Nothing to inspect"), engine);
        assertEquals(engine, robot.lookup("#verdictText").queryAs(Label.class).getText());
        Label message = robot.lookup("#messageLabel").queryAs(Label.class);
        assertEquals(engine, message.getText());
        assertTrue(message.getStyleClass().contains("message-error"));
        assertEquals("no token here", model.inspector().inputProperty().get(), "Enter inspects, it adds no new line");

        String malformed = Tokens.b64("{\"alg\":\"RS256\"}") + ".%%%." + "c2ln";
        fx(() -> model.inspector().inspectText(malformed));
        await("malformed", () -> !model.inspector().isBusy() && model.inspector().report() != null
                && model.inspector().report().token() != null);
        Report r = inspector.inspect(malformed, ValidationProfile.defaults());
        assertEquals(r.summary(), robot.lookup("#verdictText").queryAs(Label.class).getText());
        assertTrue(r.summary().startsWith("Not valid: "), r.summary());
        assertShows(robot, r);
        assertEquals(1, Window.getWindows().stream().filter(Window::isShowing).count(), "no dialog");
    }

    @Test
    void cancelWorksAndTheFxThreadStaysResponsiveDuringASlowInspection(FxRobot robot) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        // This test's window was built before it ran; swap in a view model whose trust resolver blocks.
        Inspector slow = new Inspector(UiFixtures.blocking(release, entered), UiFixtures.CLOCK);
        fx(() -> {
            model = new MainViewModel(InspectorViewModel.withDefaultExecutor(slow),
                    new ProfileViewModel(new ProfileStore(tmp.resolve("slow-profiles"))), List.of());
            window = MainWindow.load(model, 1100, 700);
            stage.setScene(window.scene());
        });
        try {
            fx(() -> model.inspector().inputProperty().set(Tokens.sign(Tokens.v2Access())));
            robot.clickOn("#tokenInput").type(KeyCode.ENTER);
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            assertTrue(fxGet(() -> model.inspector().isBusy()));
            assertTrue(robot.lookup("#progress").query().isVisible());
            assertFalse(robot.lookup("#cancelButton").queryAs(Button.class).isDisabled());
            long worst = 0;
            for (int i = 0; i < 20; i++) {
                worst = Math.max(worst, UiFixtures.fxLatencyMillis());
                Thread.sleep(10);
            }
            assertTrue(worst < 1000, "FX thread latency while inspecting: " + worst + " ms");
            robot.clickOn("#tokenInput");
            robot.type(KeyCode.ESCAPE);
            await("cancelled", () -> !model.inspector().isBusy());
            assertEquals("Cancelled.", robot.lookup("#messageLabel").queryAs(Label.class).getText());
            assertFalse(robot.lookup("#progress").query().isVisible());

            // Once more, with the Cancel button.
            robot.clickOn("#inspectButton");
            await("busy again", () -> model.inspector().isBusy());
            robot.clickOn("#cancelButton");
            await("cancelled", () -> !model.inspector().isBusy());
        } finally {
            release.countDown();
        }
        Thread.sleep(200);
        assertEquals(null, fxGet(() -> model.inspector().report()), "cancelled results are dropped");
    }

    @Test
    void theFirstWindowBuildsOnlyWhatTheFirstScreenShowsAndATabOnFirstSelection(FxRobot robot) {
        MainController c = window.controller();
        assertEquals(List.of("claimsTab"), fxGet(() -> c.loadedTabs().stream().map(t -> t.getId()).toList()));
        assertTrue(fxGet(() -> c.tabs().getTabs().stream().skip(1).allMatch(t -> t.getContent() == null)));
        assertFalse(model.samplesRead(), "the samples are read when a menu listing them opens");
        assertFalse(model.snippetsMade());
        assertFalse(model.harMade());
        assertEquals(null, c.signInWindow());
        assertEquals(null, c.harWindow());

        // A tab selected after a verdict shows that verdict at once.
        fx(() -> model.inspector().inspectText(Tokens.sign(Tokens.v2Access())));
        idle();
        robot.clickOn("Raw");
        assertEquals(List.of("claimsTab", "rawTab"), fxGet(() -> c.loadedTabs().stream().map(t -> t.getId()).toList()));
        String claims = fxGet(() -> robot.lookup("#claimsFlow").queryAs(javafx.scene.text.TextFlow.class).getChildren().stream()
                .map(n -> n instanceof javafx.scene.text.Text t ? t.getText() : "").collect(java.util.stream.Collectors.joining()));
        assertTrue(claims.contains("\"aud\""), claims);
        // ... and follows the next one.
        fx(() -> model.inspector().clear());
        await("raw view cleared", () -> robot.lookup("#claimsFlow").queryAs(javafx.scene.text.TextFlow.class).getChildren().stream()
                .noneMatch(n -> n instanceof javafx.scene.text.Text t && t.getText().contains("\"aud\"")));
        assertFalse(model.snippetsMade(), "the snippets are made with their tab");

        robot.clickOn("#samplesButton");
        assertTrue(model.samplesRead());
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void historyMenuListsThisRunsInputs(FxRobot robot) {
        fx(() -> model.inspector().inspectText(Tokens.sign(Tokens.v2Access())));
        idle();
        fx(() -> model.inspector().inspectText(Tokens.sign(Tokens.v1Access())));
        await("second", () -> model.inspector().history().size() == 2 && !model.inspector().isBusy());
        robot.clickOn("#historyButton");
        assertEquals(2, robot.lookup(".menu-item").queryAll().stream().filter(n -> n.isVisible()).count());
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void themeToggleSwitchesToDarkAndBack(FxRobot robot) {
        robot.clickOn("#themeToggle");
        assertTrue(model.darkProperty().get());
        assertTrue(Application.getUserAgentStylesheet().contains("primer-dark"), Application.getUserAgentStylesheet());
        robot.clickOn("#themeToggle");
        assertTrue(Application.getUserAgentStylesheet().contains("primer-light"));
    }

    @Test
    void profileCanBeSavedFromThePanel(FxRobot robot) {
        robot.clickOn("#audiencesField").write("api://orders");
        robot.clickOn("#saveAsButton").write("Orders").type(KeyCode.ENTER);
        await("saved", () -> model.profiles().savedNames().contains("Orders"));
        assertTrue(model.profiles().statusProperty().get().startsWith("Saved profile \"Orders\""));
        assertEquals(List.of("Orders"), model.profiles().store().names());
    }

    @Test
    void profilePanelHidesAndEveryIconButtonHasATooltip(FxRobot robot) {
        for (Node n : robot.lookup(".button-icon").queryAll()) {
            javafx.scene.control.Control c = (javafx.scene.control.Control) n;
            assertTrue(LazyTooltip.text(c) != null && !LazyTooltip.text(c).isBlank(), "tooltip on " + n.getId());
        }
        robot.clickOn("#profileToggle");
        assertFalse(model.profilePanelProperty().get());
        assertTrue(robot.lookup("#audiencesField").tryQuery().map(n -> n.getScene() == null).orElse(true));
        robot.clickOn("#profileToggle");
        assertTrue(robot.lookup("#audiencesField").query().getScene() != null);
    }

    @Test
    void tabMovesOnFromTheTokenInputAndEnterInspects(FxRobot robot) {
        robot.clickOn("#tokenInput").type(KeyCode.TAB);
        assertEquals("inspectButton", fxGet(() -> window.scene().getFocusOwner().getId()));
        assertEquals("", model.inspector().inputProperty().get(), "no tab typed into the input");
        robot.type(KeyCode.ENTER); // the focused Inspect button: an empty input says so in place
        assertTrue(robot.lookup("#messageLabel").queryAs(Label.class).getText().startsWith("Nothing to inspect"));
    }

    /** The trimmed theme left out the selectors of controls Tokenscope never makes: no node of a built window has their classes. */
    @Test
    void noNodeHasAClassTheTrimmedThemeLeftOut(FxRobot robot) throws Exception {
        useProfile(keys(Tokens.API_ID));
        fx(() -> model.inspector().inspectText(Tokens.sign(Tokens.v2Access())));
        idle();
        MainController c = window.controller();
        for (javafx.scene.control.Tab t : fxGet(() -> c.tabs().getTabs())) {
            fx(() -> c.tabs().getSelectionModel().select(t));
            fx(() -> window.scene().getRoot().applyCss());
        }
        fx(c::onSignIn);
        await("sign-in window", () -> c.signInWindow() != null && c.signInWindow().stage().isShowing());
        List<String> found = fxGet(() -> {
            List<String> out = new java.util.ArrayList<>();
            for (Window w : Window.getWindows()) {
                if (w.getScene() == null) continue;
                w.getScene().getRoot().applyCss();
                walk(w.getScene().getRoot(), n -> n.getStyleClass().stream().filter(ThemeTrim.UNUSED::contains)
                        .forEach(k -> out.add(n + ": " + k)));
            }
            return out;
        });
        assertEquals(List.of(), found);
        fx(() -> c.signInWindow().stage().hide());
    }

    private static void walk(Node n, java.util.function.Consumer<Node> visit) {
        visit.accept(n);
        if (n instanceof javafx.scene.Parent p) p.getChildrenUnmodifiable().forEach(k -> walk(k, visit));
    }
}
