package dev.tokenscope.ui.signin;

import dev.tokenscope.engine.signin.FlowLog;
import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.ui.model.FlowLogPresenter;
import dev.tokenscope.ui.model.signin.SignInRunModel;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.time.ZoneId;

/** The live flow log below the outcome: one cell per exchange, redacted; copy one entry or all of it. */
public final class FlowLogController {
    static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    @FXML private Label logCount;
    @FXML private Button copyLogButton;
    @FXML private ListView<FlowLog.Entry> logList;

    private SignInRunModel run;

    void bind(SignInRunModel model) {
        this.run = model;
        ObservableList<FlowLog.Entry> entries = model.logEntries();
        logList.setItems(entries);
        logList.setPlaceholder(new Label("Each HTTP exchange of the sign-in appears here, redacted."));
        logList.setCellFactory(FlowLogCell::new);
        logCount.textProperty().bind(Bindings.createStringBinding(() -> entries.isEmpty() ? ""
                : entries.size() + (entries.size() == 1 ? " entry" : " entries"), entries));
        copyLogButton.disableProperty().bind(Bindings.isEmpty(entries));
        // Follow the newest entry (after the layout pass, as the cells' heights vary with wrapping).
        entries.addListener((ListChangeListener<FlowLog.Entry>) c -> Platform.runLater(() -> {
            if (!entries.isEmpty()) logList.scrollTo(entries.size() - 1);
        }));
        MenuItem copyLine = new MenuItem("Copy this entry");
        copyLine.setOnAction(e -> copySelected());
        MenuItem copyAll = new MenuItem("Copy the whole flow log");
        copyAll.setOnAction(e -> Fx.copy(model.logText(), null));
        logList.setContextMenu(new ContextMenu(copyLine, copyAll));
        logList.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                copySelected();
                e.consume();
            }
        });
    }

    private void copySelected() {
        FlowLog.Entry e = logList.getSelectionModel().getSelectedItem();
        if (e != null) Fx.copy(FlowLogPresenter.text(e, ZoneId.systemDefault()), null);
    }

    @FXML
    void onCopyLog() {
        Fx.copy(run.logText(), null);
    }
}
