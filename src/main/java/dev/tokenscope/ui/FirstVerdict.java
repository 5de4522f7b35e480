package dev.tokenscope.ui;

import dev.tokenscope.ui.model.InspectorViewModel;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Scene;

import java.util.function.Consumer;

/**
 * The first verdict of a window opened with a file (the start-up trace's {@code verdict_ms}): once the first
 * inspection has finished, the word of its verdict ({@code valid}, {@code invalid}, {@code undetermined}, or
 * {@code none} when the file gave no report: a HAR capture, an unreadable file) is handed on after the pulse that lays
 * the banner out, i.e. the one whose frame shows it.
 */
final class FirstVerdict {
    private FirstVerdict() {
    }

    static void watch(Scene scene, InspectorViewModel vm, Consumer<String> painted) {
        ChangeListener<Boolean> done = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean busy) {
                if (busy) return;
                vm.busyProperty().removeListener(this);
                // Read in the pulse: the report is set after busy falls, in the same event.
                Runnable[] after = new Runnable[1];
                after[0] = () -> {
                    scene.removePostLayoutPulseListener(after[0]);
                    painted.accept(vm.report() == null ? "none" : vm.report().verdict().json());
                };
                scene.addPostLayoutPulseListener(after[0]);
                Platform.requestNextPulse();
            }
        };
        vm.busyProperty().addListener(done);
    }
}
