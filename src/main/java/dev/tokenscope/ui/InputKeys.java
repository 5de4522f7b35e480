package dev.tokenscope.ui;

import dev.tokenscope.ui.model.InspectorViewModel;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/** The main window's keys that are not menu accelerators: in the token input, and window-wide (Ctrl+V, Escape). */
final class InputKeys {
    static final KeyCombination PASTE = new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN);

    private InputKeys() {
    }

    /** In the token input: Enter inspects, Shift+Enter adds a line, Tab moves on to the Inspect button. */
    static void installOnInput(TextArea tokenInput, Button inspectButton, InspectorViewModel vm) {
        tokenInput.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShiftDown() && !e.isControlDown() && !e.isAltDown()) {
                vm.inspect();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && e.isShiftDown()) {
                tokenInput.replaceSelection("\n");
                e.consume();
            } else if (e.getCode() == KeyCode.TAB && !e.isShiftDown() && !e.isControlDown()) {
                // Tokens hold no tabs: Tab moves on (keyboard navigation) instead of typing one.
                inspectButton.requestFocus();
                e.consume();
            }
        });
    }

    /** Window-wide: Ctrl+V runs {@code paste} (unless typing in a field other than the token input), Escape cancels. */
    static void installOnScene(Scene scene, TextArea tokenInput, InspectorViewModel vm, Runnable paste) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (PASTE.match(e)) {
                Node focus = scene.getFocusOwner();
                if (focus instanceof TextInputControl && focus != tokenInput) return;
                paste.run();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && vm.isBusy()) {
                vm.cancel();
                e.consume();
            }
        });
    }
}
