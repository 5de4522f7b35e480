package dev.tokenscope.ui.signin;

import javafx.beans.property.ObjectProperty;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleGroup;

import java.util.function.Consumer;
import java.util.function.Function;

/** Small form helpers: radio buttons kept in step with an enum property, and scrolling a just-shown part into view. */
final class Toggles {
    private Toggles() {
    }

    /** Puts {@code values}' radio buttons in {@code group}, two-way with {@code property}; {@code show} runs on each change and now. */
    @SafeVarargs
    static <E> void of(ToggleGroup group, ObjectProperty<E> property, Function<E, RadioButton> radio, Consumer<E> show, E... values) {
        for (E v : values) {
            RadioButton r = radio.apply(v);
            r.setToggleGroup(group);
            r.setUserData(v);
        }
        group.selectedToggleProperty().addListener((obs, o, t) -> {
            @SuppressWarnings("unchecked") E v = t == null ? null : (E) t.getUserData();
            if (v != null) property.set(v);
        });
        Consumer<E> sync = v -> {
            RadioButton r = radio.apply(v);
            if (group.getSelectedToggle() != r) group.selectToggle(r);
            show.accept(v);
        };
        property.addListener((obs, o, v) -> sync.accept(v));
        sync.accept(property.get());
    }

    /** Scrolls {@code scroll} so that {@code n} (just shown) is in view. */
    static void reveal(ScrollPane scroll, Node n) {
        scroll.layout();
        Node content = scroll.getContent();
        double viewport = scroll.getViewportBounds().getHeight();
        double excess = content.getLayoutBounds().getHeight() - viewport;
        if (excess <= 0 || n.getScene() == null) return;
        Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
        double top = scroll.getVvalue() * excess;
        if (b.getMaxY() > top + viewport) scroll.setVvalue(Math.min(1, (b.getMaxY() + 8 - viewport) / excess));
        else if (b.getMinY() < top) scroll.setVvalue(Math.max(0, b.getMinY() / excess));
    }
}
