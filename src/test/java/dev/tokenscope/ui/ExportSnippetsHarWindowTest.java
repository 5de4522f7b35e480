package dev.tokenscope.ui;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.snippets.Language;
import dev.tokenscope.testing.Tokens;
import dev.tokenscope.ui.model.HarListRow;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.ProfileData;
import dev.tokenscope.ui.model.ProfileStore;
import dev.tokenscope.ui.model.ProfileViewModel;
import dev.tokenscope.ui.model.SampleCatalog;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static dev.tokenscope.ui.UiFixtures.await;
import static dev.tokenscope.ui.UiFixtures.fx;
import static dev.tokenscope.ui.UiFixtures.fxGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real window, headless: File ▸ Export and Copy as Markdown, the "Verify it in your server" tab, and the HAR window. */
@ExtendWith(ApplicationExtension.class)
class ExportSnippetsHarWindowTest {
    @TempDir
    static Path tmp;

    MainViewModel model;
    Inspector inspector;
    MainWindow.Loaded window;
    ProfileData keys;

    @Start
    void start(Stage stage) throws Exception {
        Path run = Files.createTempDirectory(tmp, "run");
        inspector = UiFixtures.withTrustChain(run.resolve("cache"));
        keys = UiFixtures.keysProfile(Files.createDirectories(run.resolve("keys")), Tokens.API_ID);
        model = new MainViewModel(InspectorViewModel.withDefaultExecutor(inspector),
                new ProfileViewModel(new ProfileStore(run.resolve("profiles"))), SampleCatalog.load(null));
        model.profiles().apply(keys);
        window = MainWindow.load(model, 1100, 700);
        stage.setScene(window.scene());
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void closeHarWindow() {
        fx(() -> {
            if (window.controller().harWindow() != null) window.controller().harWindow().stage().hide();
        });
    }

    void inspect(String token) {
        fx(() -> model.inspector().inspectText(token));
        await("inspected", () -> !model.inspector().isBusy() && model.inspector().report() != null);
    }

    MenuItem item(String menu, String text) {
        MenuBar bar = (MenuBar) window.root().lookup("#menuBar");
        Menu m = bar.getMenus().stream().filter(x -> x.getText().replace("_", "").equals(menu)).findFirst().orElseThrow();
        return find(m.getItems(), text);
    }

    static MenuItem find(List<MenuItem> items, String text) {
        for (MenuItem i : items) {
            if (i.getText() != null && i.getText().replace("_", "").equals(text)) return i;
            if (i instanceof Menu sub) {
                MenuItem found = find(sub.getItems(), text);
                if (found != null) return found;
            }
        }
        return null;
    }

    /** A node showing {@code text} in a window that is showing (menus keep hidden popups around). */
    static Node showing(FxRobot robot, String text) {
        return fxGet(() -> robot.lookup(text).queryAll().stream().filter(n -> n.isVisible() && n.getScene() != null
                && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing()).findFirst().orElse(null));
    }

    /** Whether the popup entry holding {@code n} shows as disabled. */
    static boolean disabledMenuEntry(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p.getStyleClass().contains("menu-item")) {
                return p.isDisabled() || p.getPseudoClassStates().stream().anyMatch(c -> c.getPseudoClassName().equals("disabled"));
            }
        }
        return false;
    }

    static void clickMenu(FxRobot robot, String text) {
        long deadline = System.currentTimeMillis() + 5000;
        Node n;
        while ((n = showing(robot, text)) == null && System.currentTimeMillis() < deadline) org.testfx.util.WaitForAsyncUtils.sleep(20,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        if (n == null) throw new AssertionError("no menu entry " + text);
        robot.clickOn(n);
    }

    @Test
    void exportAndCopyAreEnabledOnlyWithAReportAndCopyFillsTheClipboard(FxRobot robot) {
        MenuItem markdown = item("File", "Markdown…");
        MenuItem copy = item("File", "Copy report as Markdown");
        Button copyButton = robot.lookup("#copyMarkdownButton").queryAs(Button.class);
        // Open the File menu as a user would: Copy is there, disabled, and so is every export item.
        clickMenu(robot, "File");
        Node copyNode = showing(robot, "Copy report as Markdown");
        assertTrue(copyNode != null && disabledMenuEntry(copyNode), "shown disabled");
        robot.type(KeyCode.ESCAPE);
        assertTrue(markdown.isDisable());
        assertTrue(item("File", "HTML…").isDisable());
        assertTrue(item("File", "JSON…").isDisable());
        assertTrue(copy.isDisable());
        assertTrue(copyButton.isDisabled());

        String token = Tokens.sign(Tokens.v2Access());
        inspect("Bearer " + token);
        assertEquals(Verdict.VALID, model.inspector().report().verdict());
        assertFalse(markdown.isDisable());
        assertFalse(copy.isDisable());
        assertFalse(copyButton.isDisabled());
        assertEquals("Ctrl+Shift+C", copy.getAccelerator().getDisplayText().replace("⇧", "Shift+").replace("⌘", "Ctrl+"));

        // The menu item "Mask personal claims" is ticked by default: reports shared from the window mask personal claims.
        CheckMenuItem mask = (CheckMenuItem) item("File", "Mask personal claims (name, upn, email…)");
        CheckMenuItem keep = (CheckMenuItem) item("File", "Keep signature (the exported token can be replayed)");
        assertTrue(mask.isSelected());
        assertFalse(keep.isSelected());
        // One click includes them (remembered for this profile).
        fx(() -> mask.setSelected(false));

        // The toolbar button.
        fx(() -> Clipboard.getSystemClipboard().clear());
        robot.clickOn(copyButton);
        String md = fxGet(() -> Clipboard.getSystemClipboard().getString());
        assertTrue(md.startsWith("# Tokenscope report: VALID"), md);
        assertTrue(md.contains(token.substring(0, token.lastIndexOf('.'))));
        assertFalse(md.contains(token.substring(token.lastIndexOf('.') + 1)), "signature removed");
        assertEquals("Copied the report as Markdown (signature removed)", robot.lookup("#messageLabel").queryAs(Label.class).getText());

        fx(() -> mask.setSelected(true));
        assertTrue(model.export().maskPiiProperty().get());
        assertTrue(keep.isDisable(), "masking leaves the token out, so there is no signature to keep");
        fx(() -> Clipboard.getSystemClipboard().clear());
        clickMenu(robot, "File");
        clickMenu(robot, "Copy report as Markdown");
        String masked = fxGet(() -> Clipboard.getSystemClipboard().getString());
        assertTrue(masked.startsWith("# Tokenscope report: VALID"), masked);
        assertFalse(masked.contains("alice@contoso.example"));
        assertEquals("Copied the report as Markdown (signature removed, personal claims masked)",
                robot.lookup("#messageLabel").queryAs(Label.class).getText());

        fx(() -> model.inspector().clear());
        assertTrue(markdown.isDisable());
        assertTrue(copyButton.isDisabled());
    }

    @Test
    void theSnippetTabShowsCodeAndCopyFillsTheClipboard(FxRobot robot) {
        inspect(Tokens.sign(Tokens.v2Access()));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        assertEquals(window.controller().snippetsTab(), fxGet(() -> window.controller().tabs().getSelectionModel().getSelectedItem()));
        SnippetController snippets = window.controller().snippets();
        TextArea code = snippets.codeArea();
        assertTrue(code.isVisible());
        assertFalse(code.isEditable());
        assertEquals(model.snippets().code(), code.getText());
        assertTrue(code.getText().contains("PyJWKClient"), "Python first");
        assertTrue(code.getText().contains(Tokens.API_ID), "the profile's audience");

        robot.clickOn(snippets.languageChoice()).clickOn("Java");
        assertEquals(Language.JAVA, model.snippets().languageProperty().get());
        await("java code", () -> code.getText().contains("DefaultJWTProcessor"));

        fx(() -> Clipboard.getSystemClipboard().clear());
        robot.clickOn(snippets.copyButton());
        assertEquals(code.getText(), fxGet(() -> Clipboard.getSystemClipboard().getString()));

        // Editing the profile's audience regenerates the code.
        robot.clickOn("#audiencesField").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("api://orders-b");
        await("new audience", () -> code.getText().contains("\"api://orders-b\""));
    }

    @Test
    void openingAHarShowsTheListAndDoubleClickInspects(FxRobot robot) throws Exception {
        HarViewModelTest.Capture c = HarViewModelTest.capture();
        Path har = tmp.resolve("capture-" + System.nanoTime() + ".har");
        Files.writeString(har, c.har(), StandardCharsets.UTF_8);
        // What File ▸ Open (after its dialog) and a drop do with the chosen file.
        fx(() -> model.inspector().openFile(har));
        await("HAR window", () -> window.controller().harWindow() != null && window.controller().harWindow().stage().isShowing());
        HarWindow.Loaded w = window.controller().harWindow();
        await("listed", () -> !model.har().isBusy() && w.controller().table().getItems().size() == 4);
        assertTrue(w.stage().getTitle().endsWith(har.getFileName().toString()), w.stage().getTitle());

        // Verdicts are coloured like the steps: a status class on the verdict cell, and the word.
        java.util.function.Supplier<List<String>> words = () -> w.root().lookupAll(".har-verdict").stream()
                .filter(n -> n instanceof TableCell<?, ?> cell && !cell.isEmpty() && cell.getGraphic() != null)
                .sorted(java.util.Comparator.comparingInt(n -> ((TableCell<?, ?>) n).getIndex()))
                .map(n -> ((Label) ((TableCell<?, ?>) n).getGraphic()).getText()).toList();
        await("verdict cells", () -> words.get().size() == 4);
        assertEquals(List.of("VALID", "NOT VALID", "NOT VALID", "NOT VALID"), fxGet(words::get));
        long passCells = robot.from(w.root()).lookup(".har-verdict.status-pass").queryAll().size();
        long failCells = robot.from(w.root()).lookup(".har-verdict.status-fail").queryAll().size();
        assertEquals(1, passCells);
        assertEquals(3, failCells);

        // Double-click the ID token's row: the main window inspects that token.
        Node idRow = robot.from(w.root()).lookup(".table-row-cell").queryAll().stream()
                .filter(n -> n instanceof TableRow<?> r && r.getItem() instanceof HarListRow h && h.number() == 2).findFirst()
                .orElseThrow();
        robot.doubleClickOn(idRow);
        await("inspected", () -> !model.inspector().isBusy() && c.id().equals(model.inspector().inputProperty().get())
                && model.inspector().report() != null);
        Report expected = inspector.inspect(c.id(), UiFixtures.validation(keys));
        assertEquals(expected.summary(), fxGet(() -> model.inspector().report().summary()));
        assertTrue(model.inspector().report().hasDiagnosis("id-token-as-access-token"));
        assertEquals(expected.summary().replace("Not valid: ", "Not valid for " + keys.name() + ": "),
                robot.lookup("#verdictText").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#messageLabel").queryAs(Label.class).getText().startsWith("Token 2 of " + har.getFileName()));

        // Enter on a selected row and the Inspect button do the same.
        fx(() -> {
            w.stage().toFront();
            w.controller().table().requestFocus();
            w.controller().table().getSelectionModel().select(0);
        });
        robot.type(KeyCode.ENTER);
        await("first token", () -> !model.inspector().isBusy() && c.access().equals(model.inspector().inputProperty().get())
                && model.inspector().report() != null && model.inspector().report().verdict() == Verdict.VALID);
        fx(() -> w.controller().table().getSelectionModel().select(3));
        robot.clickOn(Objects.requireNonNull(robot.from(w.root()).lookup(".button").queryAll().stream()
                .filter(n -> n instanceof Button b && b.getText() != null && b.getText().contains("Inspect in the main window")).findFirst()
                .orElseThrow()));
        await("fourth token", () -> !model.inspector().isBusy() && c.otherAudience().equals(model.inspector().inputProperty().get())
                && model.inspector().report() != null && model.inspector().report().hasDiagnosis("wrong-audience"));
    }
}
