package dev.tokenscope.ui;

import dev.tokenscope.ui.model.HistoryEntry;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.SampleCatalog;
import javafx.collections.ListChangeListener;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;

import java.time.ZoneId;
import java.util.List;

/**
 * The inputs offered in menus, each both in File and on the toolbar: the bundled samples (read when a menu listing
 * them first opens) and this run's history.
 */
final class InputMenus {
    private final MainViewModel model;
    private final Menu samplesMenu;
    private final MenuButton samplesButton;
    private final Menu historyMenu;
    private final MenuButton historyButton;
    private boolean samplesBuilt;

    InputMenus(MainViewModel model, Menu samplesMenu, MenuButton samplesButton, Menu historyMenu, MenuButton historyButton) {
        this.model = model;
        this.samplesMenu = samplesMenu;
        this.samplesButton = samplesButton;
        this.historyMenu = historyMenu;
        this.historyButton = historyButton;
        // The samples are read when a menu listing them first opens (File, or the toolbar's samples button).
        EventHandler<Event> samples = e -> {
            if (!samplesBuilt) buildSamples(model.samples());
            samplesBuilt = true;
        };
        samplesMenu.getParentMenu().addEventHandler(Menu.ON_SHOWING, samples);
        samplesButton.addEventHandler(MenuButton.ON_SHOWING, samples);
        model.inspector().history().addListener((ListChangeListener<HistoryEntry>) c -> buildHistory());
        buildHistory();
    }

    private void buildSamples(List<SampleCatalog.Sample> samples) {
        samplesMenu.getItems().clear();
        samplesButton.getItems().clear();
        if (samples.isEmpty()) {
            MenuItem none = new MenuItem("No samples found (assets/samples/ or bundled)");
            none.setDisable(true);
            samplesMenu.getItems().add(none);
            MenuItem none2 = new MenuItem(none.getText());
            none2.setDisable(true);
            samplesButton.getItems().add(none2);
            return;
        }
        for (SampleCatalog.Sample s : samples) {
            String label = s.description().equals(s.name()) ? s.name() : s.name() + " — " + s.description();
            MenuItem a = new MenuItem(label);
            a.setMnemonicParsing(false);
            a.setOnAction(e -> model.loadSample(s));
            samplesMenu.getItems().add(a);
            MenuItem b = new MenuItem(label);
            b.setMnemonicParsing(false);
            b.setOnAction(e -> model.loadSample(s));
            samplesButton.getItems().add(b);
        }
    }

    private void buildHistory() {
        List<HistoryEntry> history = model.inspector().history();
        historyMenu.getItems().clear();
        historyButton.getItems().clear();
        if (history.isEmpty()) {
            MenuItem none = new MenuItem("Nothing inspected yet");
            none.setDisable(true);
            historyMenu.getItems().add(none);
            MenuItem none2 = new MenuItem(none.getText());
            none2.setDisable(true);
            historyButton.getItems().add(none2);
            return;
        }
        for (HistoryEntry h : history) {
            for (var menu : List.of(historyMenu.getItems(), historyButton.getItems())) {
                MenuItem item = new MenuItem(h.label(ZoneId.systemDefault()));
                item.setMnemonicParsing(false);
                item.setOnAction(e -> model.inspector().inspectText(h.input()));
                menu.add(item);
            }
        }
    }
}
