package dev.tokenscope.ui.fx;

import javafx.event.EventHandler;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Tooltips made when the pointer first enters their control. Each {@link Tooltip} is a popup window with a scene of
 * its own, so the first screen's two dozen cost start-up time for nothing until hovered: its FXML gives the text as the
 * control's property {@value #KEY} ({@code <properties tooltipText="…"/>}) instead of a {@code <Tooltip>}, and
 * {@link Fx#nameIconButtons} installs them. The text is also the control's accessible help, as a tooltip's is.
 */
public final class LazyTooltip {
    public static final String KEY = "tooltipText";
    private static final String INSTALLED = "tooltipText.installed";

    private LazyTooltip() {
    }

    /** The control's tooltip text: its tooltip's, or the text its tooltip will have. */
    public static String text(Control c) {
        if (c.getTooltip() != null) return c.getTooltip().getText();
        return c.getProperties().get(KEY) instanceof String s ? s : null;
    }

    /** Sets the tooltip's text, now or for when it is made (and the accessible help that said the old text). */
    public static void setText(Control c, String text) {
        String old = text(c);
        c.getProperties().put(KEY, text);
        if (c.getProperties().containsKey(INSTALLED) && old != null && old.equals(c.getAccessibleHelp())) c.setAccessibleHelp(text);
        if (c.getTooltip() != null && text == null) c.setTooltip(null);
        else if (c.getTooltip() != null) c.getTooltip().setText(text);
    }

    /** Makes the tooltip on the first entry of the pointer (nothing when the control has no {@value #KEY}, or once done). */
    public static void install(Control c) {
        if (!(c.getProperties().get(KEY) instanceof String text) || c.getProperties().containsKey(INSTALLED)) return;
        c.getProperties().put(INSTALLED, Boolean.TRUE);
        if (c.getAccessibleHelp() == null) c.setAccessibleHelp(text);
        c.addEventHandler(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                c.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                if (c.getTooltip() == null) c.setTooltip(new Tooltip(text(c)));
            }
        });
    }

    /**
     * For a control whose text comes and goes (a reused table cell): on every entry of the pointer, makes the tooltip
     * if the control has a text and no tooltip yet; {@link #setText} with null takes it away.
     */
    public static void follow(Control c) {
        c.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
            if (c.getTooltip() == null && text(c) != null) c.setTooltip(new Tooltip(text(c)));
        });
    }
}
