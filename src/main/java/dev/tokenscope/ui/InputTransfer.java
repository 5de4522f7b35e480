package dev.tokenscope.ui;

import dev.tokenscope.ui.model.InspectorViewModel;
import javafx.scene.input.Clipboard;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Region;

/** Input that arrives from outside the window: the clipboard (paste) and drag-and-drop of a file or text. */
final class InputTransfer {
    private InputTransfer() {
    }

    /** Inspects the clipboard's file or text, or says it holds neither. */
    static void paste(InspectorViewModel vm) {
        Clipboard cb = Clipboard.getSystemClipboard();
        if (cb.hasFiles() && !cb.getFiles().isEmpty()) {
            vm.openFile(cb.getFiles().get(0).toPath());
        } else if (cb.hasString() && cb.getString() != null && !cb.getString().isBlank()) {
            vm.inspectText(cb.getString());
        } else {
            vm.showError("The clipboard holds no text: copy the token (or the whole Authorization header or token response) first.");
        }
    }

    /** A file or text dropped anywhere on {@code root} is inspected; {@code root} is styled "drop-target" meanwhile. */
    static void installDragAndDrop(Region root, InspectorViewModel vm) {
        root.setOnDragOver(e -> {
            Dragboard db = e.getDragboard();
            if (db.hasFiles() || db.hasString()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        root.setOnDragEntered(e -> {
            if (e.getDragboard().hasFiles() || e.getDragboard().hasString()) root.getStyleClass().add("drop-target");
        });
        root.setOnDragExited(e -> root.getStyleClass().remove("drop-target"));
        root.setOnDragDropped(e -> {
            Dragboard db = e.getDragboard();
            boolean ok = true;
            if (db.hasFiles() && !db.getFiles().isEmpty()) {
                vm.openFile(db.getFiles().get(0).toPath());
            } else if (db.hasString()) {
                vm.inspectText(db.getString());
            } else {
                ok = false;
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }
}
