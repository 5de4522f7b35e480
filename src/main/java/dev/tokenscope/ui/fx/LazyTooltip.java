package dev.tokenscope.ui.fx;

import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

import java.util.Objects;

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

    /**
     * Sets the tooltip's text, now or for when it is made, and the accessible help that said the old text; null takes
     * the tooltip away (until a text comes again).
     */
    public static void setText(Control c, String text) {
        String old = text(c);
        c.getProperties().put(KEY, text);
        if (c.getProperties().containsKey(INSTALLED) && Objects.equals(old, c.getAccessibleHelp())) c.setAccessibleHelp(text);
        if (c.getTooltip() != null && text == null) c.setTooltip(null);
        else if (c.getTooltip() != null) c.getTooltip().setText(text);
    }

    /** A tooltip with this text, made when the pointer first enters the control ({@link #setText} + {@link #follow}). */
    public static void attach(Control c, String text) {
        setText(c, text);
        follow(c);
    }

    /** Makes the tooltip when the pointer enters the control (nothing when it has no {@value #KEY} text, or once done). */
    public static void install(Control c) {
        if (c.getProperties().get(KEY) instanceof String) follow(c);
    }

    /**
     * Makes the tooltip whenever the pointer enters the control with a text and no tooltip yet; for a control whose
     * text comes and goes too (a reused table cell: {@link #setText} with null takes it away). The text is also the
     * control's accessible help, as a tooltip's is. Once per control.
     */
    public static void follow(Control c) {
        if (c.getProperties().containsKey(INSTALLED)) return;
        c.getProperties().put(INSTALLED, Boolean.TRUE);
        if (c.getAccessibleHelp() == null) c.setAccessibleHelp(text(c));
        c.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
            if (c.getTooltip() == null && text(c) != null) c.setTooltip(new Tooltip(text(c)));
        });
    }
}
