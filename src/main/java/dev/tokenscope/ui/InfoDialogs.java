package dev.tokenscope.ui;

import dev.tokenscope.engine.about.Version;
import dev.tokenscope.ui.model.Shortcuts;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/** Help ▸ Keyboard shortcuts and Help ▸ About: information dialogs owned by the main window. */
final class InfoDialogs {
    private InfoDialogs() {
    }

    static void shortcuts(Window owner) {
        GridPane table = new GridPane();
        table.getStyleClass().add("shortcuts-table");
        table.setId("shortcutsTable");
        Label keyHead = new Label("Keys");
        Label actionHead = new Label("Does");
        keyHead.getStyleClass().add("section-title");
        actionHead.getStyleClass().add("section-title");
        table.addRow(0, keyHead, actionHead);
        int row = 1;
        for (Shortcuts.Shortcut s : Shortcuts.ALL) {
            Label k = new Label(s.keys());
            k.getStyleClass().add("shortcut-key");
            k.setMinWidth(Region.USE_PREF_SIZE);
            Label a = new Label(s.action());
            a.setWrapText(true);
            a.setMaxWidth(520);
            table.addRow(row++, k, a);
        }
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.OK);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.getDialogPane().setContent(table);
        a.initOwner(owner);
        a.getDialogPane().getStyleClass().add("info-dialog");
        a.show();
    }

    static void about(Window owner) {
        info(owner, "About Tokenscope", "Tokenscope " + Version.get()
                + "\nIs this Entra ID token valid for my API, and if not, why not?\n\n"
                + "Tokens stay on this machine: only public OpenID metadata and key sets are fetched and cached.");
    }

    private static void info(Window owner, String title, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.OK);
        a.setTitle(title);
        a.setHeaderText(title);
        a.initOwner(owner);
        a.getDialogPane().getStyleClass().add("info-dialog");
        a.show();
    }
}
