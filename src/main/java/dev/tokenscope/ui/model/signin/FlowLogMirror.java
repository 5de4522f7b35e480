package dev.tokenscope.ui.model.signin;

import dev.tokenscope.engine.signin.FlowLog;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/** The engine's flow log of the current attempt, mirrored into an observable list on the FX thread. */
final class FlowLogMirror {
    private final ObservableList<FlowLog.Entry> entries = FXCollections.observableArrayList();
    private FlowLog log = new FlowLog();

    ObservableList<FlowLog.Entry> entries() {
        return entries;
    }

    FlowLog current() {
        return log;
    }

    String text() {
        return log.render();
    }

    /** A new flow log for a new attempt; its entries reach {@link #entries()} on the FX thread. */
    FlowLog restart() {
        FlowLog l = new FlowLog();
        log = l;
        entries.clear();
        l.onEntry(e -> Platform.runLater(() -> {
            if (l == log) sync(l);
        }));
        return l;
    }

    /** Mirrors the log (the engine merges repeated polls into the last entry, so lines can change). */
    private void sync(FlowLog l) {
        List<FlowLog.Entry> now = l.entries();
        for (int i = 0; i < now.size(); i++) {
            if (i < entries.size()) {
                if (!entries.get(i).equals(now.get(i))) entries.set(i, now.get(i));
            } else {
                entries.add(now.get(i));
            }
        }
    }
}
