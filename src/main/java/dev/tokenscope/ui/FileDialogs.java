package dev.tokenscope.ui;

import dev.tokenscope.engine.export.ExportFormat;
import dev.tokenscope.ui.model.ExportViewModel;
import dev.tokenscope.ui.model.InspectorViewModel;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.function.Supplier;

/** The main window's file dialogs: opening a token or HAR file, and exporting the report; both start where the last one ended. */
final class FileDialogs {
    private final Supplier<Window> owner;
    private File lastDir;

    FileDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    /** File ▸ Open…: an open dialog, then the chosen file is inspected. */
    void open(InspectorViewModel vm) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a file holding a token, or a HAR capture");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Tokens and HAR captures", "*.txt", "*.json", "*.jwt", "*.http", "*.log", "*.har"),
                new FileChooser.ExtensionFilter("HAR captures (browser network tab)", "*.har"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (lastDir != null && lastDir.isDirectory()) fc.setInitialDirectory(lastDir);
        File f = fc.showOpenDialog(owner.get());
        if (f != null) {
            lastDir = f.getParentFile();
            vm.openFile(f.toPath());
        }
    }

    /** File ▸ Export report ▸ FORMAT…: a save dialog, then the redacted export (the message line names the file). */
    void export(ExportViewModel export, ExportFormat format) {
        if (!export.isAvailable()) return;
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the report as " + format.label() + " (" + export.redaction() + ")");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.label(), "*." + format.extension()));
        fc.setInitialFileName(export.suggestedFileName(format));
        if (lastDir != null && lastDir.isDirectory()) fc.setInitialDirectory(lastDir);
        File f = fc.showSaveDialog(owner.get());
        if (f == null) return;
        lastDir = f.getParentFile();
        export.writeInBackground(f.toPath(), format); // the message line says how it went
    }
}
