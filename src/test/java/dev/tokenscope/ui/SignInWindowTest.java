package dev.tokenscope.ui;

import dev.tokenscope.ui.signin.SignInWindow;
import dev.tokenscope.engine.signin.Grant;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.signin.AadstsCatalogue;
import dev.tokenscope.engine.signin.FlowLog;
import dev.tokenscope.engine.signin.SignInClient;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.ProfileStore;
import dev.tokenscope.ui.model.ProfileViewModel;
import dev.tokenscope.ui.model.SampleCatalog;
import dev.tokenscope.ui.model.signin.SignInProfileStore;
import dev.tokenscope.ui.model.signin.SignInViewModel;
import dev.tokenscope.ui.model.signin.SignInRunModel.Phase;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.tokenscope.ui.UiFixtures.await;
import static dev.tokenscope.ui.UiFixtures.fx;
import static dev.tokenscope.ui.UiFixtures.fxGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sign-in window, headless (Monocle), against a loopback OAuth provider: opening it from the menu, the toolbar
 * and Ctrl+L; the device code panel and its Cancel; an AADSTS error explained in place; a client credentials
 * sign-in that lands its access token in the inspector.
 */
@ExtendWith(ApplicationExtension.class)
class SignInWindowTest {
    static FakeSignInServer server;

    @TempDir
    static Path tmp;

    MainViewModel model;
    MainWindow.Loaded window;
    SignInViewModel signIn;

    @BeforeAll
    static void startServer() throws Exception {
        server = new FakeSignInServer();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        server.reset();
        Path run = Files.createTempDirectory(tmp, "run");
        model = new MainViewModel(InspectorViewModel.withDefaultExecutor(UiFixtures.withTrustChain(run.resolve("cache"))),
                new ProfileViewModel(new ProfileStore(run.resolve("profiles"))), SampleCatalog.load(null));
        model.profiles().offlineProperty().set(true); // never the network in tests
        model.setSignInFactory(() -> {
            signIn = new SignInViewModel(model.inspector()::inspectText, () -> new SignInClient(Http.standard()), server.browser(),
                    Executors.newCachedThreadPool(r -> {
                        Thread t = new Thread(r, "signin-window-test");
                        t.setDaemon(true);
                        return t;
                    }), new SignInProfileStore(run.resolve(SignInProfileStore.DIR_NAME)), Clock.systemUTC());
            return signIn;
        });
        window = MainWindow.load(model, 1100, 700);
        stage.setScene(window.scene());
        stage.setTitle(MainWindow.TITLE);
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void closeSignIn() {
        fx(() -> {
            SignInWindow.Loaded w = window.controller().signInWindow();
            if (w != null) w.stage().hide();
        });
    }

    /** Opens the sign-in window with the toolbar button; returns it, placed inside Monocle's 1280x800 screen. */
    SignInWindow.Loaded open(FxRobot robot) {
        robot.clickOn("#signInToolbarButton");
        await("sign-in window", () -> window.controller().signInWindow() != null && window.controller().signInWindow().stage().isShowing());
        SignInWindow.Loaded w = fxGet(() -> window.controller().signInWindow());
        fx(() -> {
            w.stage().setX(0);
            w.stage().setY(0);
        });
        return w;
    }

    void fillForm(Grant flow) {
        fx(() -> {
            signIn.form().authorityProperty().set(server.authority());
            signIn.form().clientIdProperty().set("ui-test-client");
            signIn.form().scopesProperty()
                    .set(flow == Grant.CLIENT_CREDENTIALS ? "api://example-api/.default" : FakeSignInServer.API_SCOPE);
        });
    }

    static <T extends Node> T in(FxRobot robot, SignInWindow.Loaded w, String query, Class<T> type) {
        return robot.from(w.root()).lookup(query).queryAs(type);
    }

    @Test
    void fileMenuToolbarAndCtrlLOpenOneSignInWindowWithTooltipsOnEveryIconButton(FxRobot robot) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        Menu file = bar.getMenus().get(0);
        MenuItem item = file.getItems().stream().filter(i -> "signInItem".equals(i.getId())).findFirst().orElseThrow();
        assertEquals("Sign _in…", item.getText());
        assertTrue(item.isMnemonicParsing());
        assertNotNull(item.getAccelerator());
        fx(item::fire);
        await("opened from the menu", () -> window.controller().signInWindow() != null && window.controller().signInWindow().stage()
                .isShowing());
        SignInWindow.Loaded w = fxGet(() -> window.controller().signInWindow());
        assertEquals(SignInWindow.TITLE, w.stage().getTitle());
        assertTrue(w.stage().getWidth() <= 1280 && w.stage().getHeight() <= 800, "fits a small screen");
        for (Node n : robot.from(w.root()).lookup(".button-icon").queryAll()) {
            Control c = (Control) n;
            assertTrue(c.getTooltip() != null && !c.getTooltip().getText().isBlank(), "tooltip on " + n.getId());
        }
        Label help = in(robot, w, "#spaHelp", Label.class);
        assertTrue(help.getTooltip().getText().contains("AADSTS9002326"), help.getTooltip().getText());
        assertTrue(help.getTooltip().getText().contains("AADSTS9002327"), help.getTooltip().getText());
        assertTrue(in(robot, w, "#secretField", PasswordField.class) instanceof PasswordField);

        // Escape closes it (nothing runs); the toolbar button and Ctrl+L bring back the same window.
        robot.clickOn(in(robot, w, "#clientIdField", Node.class)).type(KeyCode.ESCAPE);
        await("closed", () -> !w.stage().isShowing());
        open(robot);
        assertTrue(fxGet(() -> window.controller().signInWindow()) == w, "one sign-in window per main window");
        fx(() -> w.stage().hide());
        robot.clickOn("#verdictText").press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        await("opened with Ctrl+L", () -> w.stage().isShowing());
    }

    @Test
    void deviceCodePanelShowsTheCodeAndStopsPollingOnCancel(FxRobot robot) {
        server.expiresIn = 900;
        SignInWindow.Loaded w = open(robot);
        fillForm(Grant.DEVICE_CODE);
        robot.clickOn(in(robot, w, "#deviceRadio", Node.class));
        assertEquals(Grant.DEVICE_CODE, fxGet(() -> signIn.form().grantProperty().get()));
        robot.clickOn(in(robot, w, "#signInButton", Node.class));

        await("device code shown", () -> FakeSignInServer.USER_CODE.equals(in(robot, w, "#userCode", Label.class).getText())
                && in(robot, w, "#deviceBox", Node.class).isVisible());
        assertEquals("https://microsoft.com/devicelogin", in(robot, w, "#verificationUri", Label.class).getText());
        String left = in(robot, w, "#countdownLabel", Label.class).getText();
        assertTrue(left.matches("15:00|14:5\\d"), left);
        assertTrue(in(robot, w, "#userCode", Label.class).getStyleClass().contains("device-code"));
        assertTrue(in(robot, w, "#signInCancelButton", Button.class).isVisible());
        assertFalse(in(robot, w, "#signInCancelButton", Button.class).isDisabled());
        assertTrue(in(robot, w, "#signInButton", Button.class).isDisabled(), "one sign-in at a time");

        await("polling", () -> server.calls("device_code") >= 1);
        robot.clickOn(in(robot, w, "#deviceCancelButton", Node.class));
        await("cancelled", () -> !signIn.run().isBusy() && signIn.run().phase() == Phase.CANCELLED);
        int polls = server.calls("device_code");
        assertFalse(in(robot, w, "#deviceBox", Node.class).isVisible(), "the code is gone");
        assertEquals("Cancelled: the device code flow stopped polling.", in(robot, w, "#statusText", Label.class).getText());
        assertTrue(in(robot, w, "#statusBox", Node.class).getStyleClass().contains("phase-cancelled"));
        WaitForAsyncUtils.sleep(2500, TimeUnit.MILLISECONDS); // more than two polling intervals of the provider (1 s)
        assertEquals(polls, server.calls("device_code"), "no poll after Cancel");
        await("log says so", () -> signIn.run().logEntries().stream().anyMatch(e -> "cancelled: polling stopped".equals(e.note())));
        assertFalse(in(robot, w, "#signInButton", Button.class).isDisabled());
        @SuppressWarnings("unchecked") javafx.scene.control.ListView<FlowLog.Entry> logList =
                in(robot, w, "#logList", javafx.scene.control.ListView.class);
        String shown = fxGet(() -> logList.getItems().stream().map(FlowLog.Entry::toString).reduce("", String::concat));
        assertFalse(shown.contains(FakeSignInServer.USER_CODE) || shown.contains(FakeSignInServer.DEVICE_CODE),
                "the log never holds the codes");
    }

    @Test
    void anOAuthErrorRendersItsAadstsExplanationAndFixInPlace(FxRobot robot) {
        server.script("client_credentials", FakeSignInServer.appNotFound());
        SignInWindow.Loaded w = open(robot);
        fillForm(Grant.CLIENT_CREDENTIALS);
        robot.clickOn(in(robot, w, "#clientCredentialsRadio", Node.class));
        robot.clickOn(in(robot, w, "#secretField", Node.class)).write("typed-secret");
        assertEquals("typed-secret", fxGet(() -> signIn.form().clientSecretProperty().get()),
                () -> "focus " + fxGet(() -> String.valueOf(w.scene().getFocusOwner())) + " field "
                + fxGet(() -> in(robot, w, "#secretField", PasswordField.class).getText())
                        + " bounds "
                        + fxGet(() -> String.valueOf(in(robot, w, "#secretField", PasswordField.class)
                        .localToScreen(in(robot, w, "#secretField", PasswordField.class).getBoundsInLocal())))
                        + " stage " + fxGet(() -> w.stage().getX() + "," + w.stage().getY() + " focused " + w.stage().isFocused()));
        robot.clickOn(in(robot, w, "#signInButton", Node.class));

        await("error shown", () -> in(robot, w, "#errorBox", Node.class).isVisible());
        AadstsCatalogue.Entry e = AadstsCatalogue.get().lookup(700016).orElseThrow();
        Node card = in(robot, w, "#aadsts-700016", Node.class);
        List<String> texts = robot.from(card).lookup(".label").queryAll().stream().map(n -> ((Labeled) n).getText()).toList();
        assertTrue(texts.contains(e.explanation()), texts.toString());
        assertTrue(texts.contains("Fix: " + e.fix()), texts.toString());
        assertTrue(texts.get(0).startsWith("AADSTS700016"), texts.toString());
        String title = in(robot, w, "#statusText", Label.class).getText();
        assertTrue(title.startsWith("Sign-in failed: the token endpoint refused: unauthorized_client: AADSTS700016"), title);
        List<String> facts = robot.from(in(robot, w, "#oauthFacts", Node.class)).lookup(".fact-value").queryAll().stream()
                .map(n -> ((Labeled) n).getText()).toList();
        assertTrue(facts.contains("aaaa0000-bb11") && facts.contains("AADSTS700016"), facts.toString());
        assertTrue(in(robot, w, "#statusBox", Node.class).getStyleClass().contains("phase-failed"));
        assertFalse(in(robot, w, "#resultBox", Node.class).isVisible());
        assertEquals(2, fxGet(() -> javafx.stage.Window.getWindows().stream().filter(x -> x instanceof Stage && x.isShowing()).count()),
                "no dialog: the main and the sign-in window only");
        String log = fxGet(() -> signIn.run().logText());
        assertFalse(log.contains("typed-secret"), log);
    }

    @Test
    void clientCredentialsSignInLandsTheAccessTokenInTheInspector(FxRobot robot) {
        SignInWindow.Loaded w = open(robot);
        fillForm(Grant.CLIENT_CREDENTIALS);
        fx(() -> {
            signIn.form().grantProperty().set(Grant.CLIENT_CREDENTIALS);
            signIn.form().clientSecretProperty().set("app-secret-value");
        });
        robot.clickOn(in(robot, w, "#signInButton", Node.class));
        await("signed in", () -> signIn.run().phase() == Phase.SUCCEEDED);
        await("inspected", () -> model.inspector().report() != null && !model.inspector().isBusy());
        assertNotNull(model.inspector().report(), "the main view model has a report");
        assertEquals(server.appToken, fxGet(() -> model.inspector().inputProperty().get()));
        assertNotNull(fxGet(() -> model.inspector().report().token()));
        assertTrue(in(robot, w, "#resultBox", Node.class).isVisible());
        assertTrue(in(robot, w, "#inspectIdButton", Button.class).isDisabled(), "client credentials give no ID token");
        assertTrue(in(robot, w, "#refreshButton", Button.class).isDisabled(), "nor a refresh token");
        assertTrue(in(robot, w, "#inspectAccessButton", Button.class).getStyleClass().contains("accent"), "marks what the inspector shows");
        assertTrue(in(robot, w, "#statusBox", Node.class).getStyleClass().contains("phase-succeeded"));
        List<String> requested = robot.from(in(robot, w, "#scopes-requested", Node.class)).lookup(".scope-chip").queryAll().stream()
                .map(n -> ((Labeled) n).getText()).toList();
        assertEquals(List.of("api://example-api/.default"), requested);
        assertTrue(robot.from(in(robot, w, "#scopes-in-the-token", Node.class)).lookup(".scope-chip").queryAll().size() >= 1,
                "the app token's roles");

        // Closing the window forgets the secret; the token stays in the inspector.
        fx(() -> w.stage().hide());
        assertEquals("", fxGet(() -> signIn.form().clientSecretProperty().get()));
        assertEquals(server.appToken, fxGet(() -> model.inspector().inputProperty().get()));
    }

    @Test
    void deviceCodeSignInThenRefreshFromTheWindow(FxRobot robot) {
        server.script("device_code", server.delegated(server.accessToken));
        SignInWindow.Loaded w = open(robot);
        fillForm(Grant.DEVICE_CODE);
        fx(() -> signIn.form().grantProperty().set(Grant.DEVICE_CODE));
        robot.clickOn(in(robot, w, "#signInButton", Node.class));
        await("signed in", () -> signIn.run().phase() == Phase.SUCCEEDED);
        await("inspected", () -> server.accessToken.equals(model.inspector().inputProperty().get()) && model.inspector().report() != null);
        assertFalse(in(robot, w, "#refreshButton", Button.class).isDisabled());
        robot.clickOn(in(robot, w, "#inspectIdButton", Node.class));
        await("ID token inspected", () -> signIn.run().resultProperty().get().idToken().orElseThrow()
                .equals(model.inspector().inputProperty().get()));
        robot.clickOn(in(robot, w, "#refreshButton", Node.class));
        await("refreshed", () -> server.refreshedAccessToken.equals(model.inspector().inputProperty().get()) && !signIn.run().isBusy());
        assertEquals(1, server.calls("refresh_token"));
    }
}
