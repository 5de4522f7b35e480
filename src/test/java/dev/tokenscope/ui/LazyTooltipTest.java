package dev.tokenscope.ui;

import dev.tokenscope.ui.fx.LazyTooltip;
import javafx.event.Event;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.tokenscope.ui.UiFixtures.fx;
import static dev.tokenscope.ui.UiFixtures.fxGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Tooltips made on hover: once for a fixed text ({@code install}), on every entry for a text that comes and goes ({@code follow}). */
class LazyTooltipTest {
    @BeforeAll
    static void toolkit() throws Exception {
        UiFixtures.startToolkit();
    }

    static void enter(Label l) {
        Event.fireEvent(l, new MouseEvent(MouseEvent.MOUSE_ENTERED, 1, 1, 1, 1, MouseButton.NONE, 0, false, false, false, false,
                false, false, false, false, false, false, null));
    }

    @Test
    void aFixedTextIsMadeOnTheFirstEntryAndFollowsLaterTexts() {
        Label l = fxGet(() -> new Label("value"));
        fx(() -> {
            LazyTooltip.setText(l, "the whole value");
            LazyTooltip.install(l);
        });
        assertNull(l.getTooltip(), "nothing made before the pointer comes");
        assertEquals("the whole value", l.getAccessibleHelp());
        fx(() -> enter(l));
        assertNotNull(l.getTooltip());
        assertEquals("the whole value", l.getTooltip().getText());
        fx(() -> LazyTooltip.setText(l, "another value"));
        assertEquals("another value", l.getTooltip().getText());
        assertEquals("another value", l.getAccessibleHelp(), "the help said the old text, so it says the new one");
        fx(() -> LazyTooltip.setText(l, null));
        assertNull(l.getTooltip());
        fx(() -> {
            LazyTooltip.setText(l, "back again");
            enter(l);
        });
        assertEquals("back again", l.getTooltip().getText(), "a text that comes back gets its tooltip back");
    }

    @Test
    void aFollowedTextComesAndGoesWithItsControl() {
        Label cell = fxGet(Label::new);
        fx(() -> LazyTooltip.follow(cell));
        fx(() -> enter(cell));
        assertNull(cell.getTooltip(), "no text: no tooltip");
        fx(() -> {
            LazyTooltip.setText(cell, "a long claim value");
            enter(cell);
        });
        assertEquals("a long claim value", cell.getTooltip().getText());
        fx(() -> LazyTooltip.setText(cell, null)); // the cell is reused for a short value
        assertNull(cell.getTooltip());
        fx(() -> {
            LazyTooltip.setText(cell, "the next long value");
            enter(cell);
        });
        assertEquals("the next long value", cell.getTooltip().getText());
        assertEquals("the next long value", cell.getAccessibleHelp(), "a screen reader hears it without hovering");
        fx(() -> LazyTooltip.setText(cell, null));
        assertNull(cell.getAccessibleHelp());
    }
}
