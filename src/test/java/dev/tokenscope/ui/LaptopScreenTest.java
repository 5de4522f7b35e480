package dev.tokenscope.ui;

import dev.tokenscope.testing.Tokens;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.ProfileData;
import dev.tokenscope.ui.model.ProfileStore;
import dev.tokenscope.ui.model.ProfileViewModel;
import dev.tokenscope.ui.model.SampleCatalog;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuBar;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Region;
import javafx.stage.Screen;
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
import java.util.List;
import java.util.Set;

import static dev.tokenscope.ui.UiFixtures.await;
import static dev.tokenscope.ui.UiFixtures.fx;
import static dev.tokenscope.ui.UiFixtures.fxGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 1366×768 laptop (the test screen's size, see the surefire argLine): the whole window on screen, no horizontal
 * scrolling, the deciding claim values whole, a visible focus ring on each kind of control in both themes (issue 15 §3,
 * issue 20 §4).
 */
@ExtendWith(ApplicationExtension.class)
class LaptopScreenTest {
    @TempDir
    static Path tmp;

    MainViewModel model;
    MainWindow.Loaded window;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path run = Files.createTempDirectory(tmp, "run");
        model = new MainViewModel(InspectorViewModel.withDefaultExecutor(UiFixtures.withTrustChain(run.resolve("cache"))),
                new ProfileViewModel(new ProfileStore(run.resolve("profiles"))), SampleCatalog.load(null));
        model.profiles().offlineProperty().set(true);
        window = MainWindow.show(stage, model); // sized to the screen as the app does
    }

    @AfterEach
    void reset() {
        fx(() -> Theme.apply(false));
    }

    @Test
    void everyReportTabHeaderFitsWithoutTheOverflowMenu() throws Exception {
        inspectWithKeys(); // the headers with their counts ("Claims (17)", "Diagnoses (1)")
        fx(() -> {
            window.root().applyCss();
            window.root().layout();
        });
        javafx.scene.Node header = window.root().lookup(".report-tabs > .tab-header-area");
        javafx.scene.Node overflow = header.lookup(".control-buttons-tab");
        String widths = header.lookupAll(".tab").stream().map(n -> String.valueOf(Math.round(n.getLayoutBounds().getWidth()))).toList()
                + " in " + Math.round(header.getLayoutBounds().getWidth()) + ", menu "
                + (overflow == null ? "-" : overflow.isVisible() + " " + overflow.getLayoutBounds());
        assertTrue(overflow == null || !overflow.isVisible(), "the tab overflow menu shows: a tab header is hidden: " + widths);
        double right = header.localToScene(header.getLayoutBounds()).getMaxX();
        for (javafx.scene.Node tab : header.lookupAll(".tab")) {
            javafx.geometry.Bounds b = tab.localToScene(tab.getLayoutBounds());
            assertTrue(b.getMaxX() <= right + 0.5, tab + " ends at " + b.getMaxX() + " past the header's " + right);
        }
    }

    void inspectWithKeys() throws Exception {
        ProfileData keys = UiFixtures.keysProfile(Files.createTempDirectory(tmp, "keys"), Tokens.API_ID).withName("Orders API (prod)");
        fx(() -> model.profiles().apply(keys));
        fx(() -> model.inspector().inspectText(Tokens.sign(Tokens.v2Access()
                .claim("scp", "access_as_user Orders.Read Orders.Write Orders.Admin Reports.Read")
                .claim("roles", List.of("Reader", "Writer")))));
        await("inspected", () -> !model.inspector().isBusy() && model.inspector().report() != null);
        for (int i = 0; i < 3; i++) {
            fx(() -> {
                window.root().applyCss();
                window.root().layout();
            });
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        }
    }

    @Test
    void theWholeWindowMenuBarIncludedIsOnA1366x768Screen(FxRobot robot) throws Exception {
        var screen = fxGet(() -> Screen.getPrimary().getBounds());
        assertEquals(1366, screen.getWidth());
        assertEquals(768, screen.getHeight());
        assertTrue(stage.getX() >= 0 && stage.getX() + stage.getWidth() <= 1366, "x " + stage.getX() + " w " + stage.getWidth());
        assertTrue(stage.getY() >= 0 && stage.getY() + stage.getHeight() <= 768, "y " + stage.getY() + " h " + stage.getHeight());
        inspectWithKeys();
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        Bounds b = fxGet(() -> bar.localToScreen(bar.getBoundsInLocal()));
        assertTrue(bar.isVisible() && b.getMinY() >= 0 && b.getMaxY() <= 768, b.toString());
        for (Node n : robot.lookup(".scroll-bar").queryAll()) {
            ScrollBar sb = (ScrollBar) n;
            if (sb.getOrientation() == Orientation.HORIZONTAL && inMainWindow(sb)) {
                assertFalse(sb.isVisible() && sb.getVisibleAmount() < sb.getMax() - sb.getMin(), "horizontal scrolling needed: "
                        + chain(sb));
            }
        }
        // After hiding and showing the profile panel, the steps pane still has no horizontal scrollbar.
        robot.clickOn("#profileToggle");
        robot.clickOn("#profileToggle");
        assertEquals(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER, window.controller().steps().scroll().getHbarPolicy());
    }

    /** In the main window and shown: the node and every ancestor visible (a tab not selected hides its content). */
    private boolean inMainWindow(Node n) {
        if (n.getScene() != window.scene()) return false;
        for (Node p = n; p != null; p = p.getParent()) if (!p.isVisible()) return false;
        return true;
    }

    private static String chain(Node n) {
        StringBuilder sb = new StringBuilder();
        for (Node p = n; p != null; p = p.getParent()) sb.append(p.getId() != null ? "#" + p.getId() : p.getStyleClass().toString())
                .append(" < ");
        return sb.toString();
    }

    @Test
    void theDecidingClaimValuesShowWholeAndStepDetailsAreNotCutMidWord(FxRobot robot) throws Exception {
        inspectWithKeys();
        TableView<?> table = window.controller().claims().table();
        Set<String> deciding = Set.of("aud", "iss", "tid", "scp", "roles", "exp");
        int seen = 0;
        Set<String> shownNames = new java.util.HashSet<>();
        for (Node n : robot.from(table).lookup(".claim-value").queryAll()) {
            javafx.scene.control.TableCell<?, ?> cell = (javafx.scene.control.TableCell<?, ?>) n;
            if (cell.isEmpty() || cell.getTableRow() == null || cell.getTableRow().getItem() == null || !inMainWindow(cell)) continue;
            var row = (dev.tokenscope.ui.model.ClaimRow) cell.getTableRow().getItem();
            if (!deciding.contains(row.name()) || !shownNames.add(row.name())) continue;
            seen++;
            javafx.scene.text.Text text = (javafx.scene.text.Text) cell.lookup(".wrap-text");
            assertNotNull(text, row.name() + " wraps");
            assertEquals(row.value(), text.getText(), row.name() + " shown whole");
            double needed = fxGet(() -> text.getLayoutBounds().getHeight());
            assertTrue(cell.getHeight() + 1 >= needed, row.name() + ": the row is as tall as its wrapped value (" + cell.getHeight() + " < "
                    + needed + ")");
            assertTrue(fxGet(() -> text.getLayoutBounds().getWidth()) <= cell.getWidth() + 1, row.name() + " wider than its column");
        }
        assertTrue(shownNames.containsAll(Set.of("aud", "iss", "tid")), "the deciding claims come first, on screen without scrolling: "
                + shownNames);
        assertTrue(seen >= 3, "seen " + seen);
        for (Node n : robot.lookup(".step-detail").queryAll()) {
            Labeled l = (Labeled) n;
            assertEquals(javafx.scene.control.OverrunStyle.WORD_ELLIPSIS, l.getTextOverrun());
        }
    }

    @Test
    void everyKindOfControlShowsAFocusRingInBothThemes(FxRobot robot) throws Exception {
        inspectWithKeys();
        for (boolean dark : new boolean[]{false, true}) {
            fx(() -> Theme.apply(dark));
            assertRing(robot.lookup("#inspectButton").queryAs(Button.class), null, "button, dark=" + dark);
            TitledPane step = robot.lookup("#step-audience").queryAs(TitledPane.class);
            assertRing(step, ".title", "step row, dark=" + dark);
            assertRing(robot.lookup("#banner").query(), null, "banner, dark=" + dark);
            TableView<?> table = window.controller().claims().table();
            fx(() -> {
                window.controller().tabs().getSelectionModel().select(0);
                table.getSelectionModel().select(0);
                table.getFocusModel().focus(0);
            });
            assertRing(table, ".table-row-cell:focused", "table row, dark=" + dark);
            assertRing(window.controller().tabs(), ".tab:selected", "tab header, dark=" + dark);
        }
    }

    /** Focuses {@code node} and checks that {@code part} (or the node) has a 2 px border. */
    private void assertRing(Node node, String part, String what) {
        fx(node::requestFocus);
        await(what + " focused", () -> node.isFocused() || node.getScene().getFocusOwner() == node);
        Region r = fxGet(() -> {
            node.getScene().getRoot().applyCss();
            node.getScene().getRoot().layout();
            Node target = part == null ? node : node.lookup(part);
            return target instanceof Region reg ? reg : null;
        });
        assertNotNull(r, what + ": " + part);
        var border = fxGet(r::getBorder);
        assertTrue(border != null && border.getStrokes().stream()
                .anyMatch(s -> s.getWidths().getTop() >= 2 || s.getWidths().getLeft() >= 2),
                what + " has no focus ring: " + border);
    }
}
