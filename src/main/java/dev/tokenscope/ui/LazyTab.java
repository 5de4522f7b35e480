package dev.tokenscope.ui;

import dev.tokenscope.ui.fx.Fx;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Tab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * A tab whose view (its FXML and controller) is loaded when it is first selected or first asked for: the first
 * window builds only what the first screen shows.
 */
final class LazyTab<C> {
    private final Tab tab;
    private final String fxml;
    private final Consumer<C> bind;
    private C controller;

    LazyTab(Tab tab, String fxml, Consumer<C> bind) {
        this.tab = tab;
        this.fxml = fxml;
        this.bind = bind;
        tab.setUserData(this);
    }

    /** The tab's controller, its view loaded and bound first if it was not yet. */
    C controller() {
        if (controller == null) {
            FXMLLoader loader = new FXMLLoader(LazyTab.class.getResource(fxml));
            Parent view;
            try {
                view = loader.load();
            } catch (IOException e) {
                throw new UncheckedIOException("could not load " + fxml, e);
            }
            C c = loader.getController();
            bind.accept(c);
            Fx.nameIconButtons(view);
            tab.setContent(view);
            controller = c;
            // Styled and skinned now rather than at the next pulse, so its whole content is there once selected.
            if (view.getScene() != null) view.applyCss();
        }
        return controller;
    }

    boolean loaded() {
        return controller != null;
    }

    Tab tab() {
        return tab;
    }

    /** Loads the view of {@code tab} if it is a lazy tab (a selection listener calls this). */
    static void load(Tab tab) {
        if (tab != null && tab.getUserData() instanceof LazyTab<?> lazy) lazy.controller();
    }
}
