package dev.tokenscope.ui;

import javafx.animation.PauseTransition;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small helpers the views share: icons, clipboard copy with feedback, label/value grids. */
final class Fx {
    private Fx() {
    }

    static FontIcon icon(String literal) {
        FontIcon f = new FontIcon(literal);
        f.getStyleClass().add("icon");
        return f;
    }

    /** Puts text on the clipboard and shows "Copied" on the button for a moment. */
    static void copy(String text, Button feedback) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text == null ? "" : text);
        Clipboard.getSystemClipboard().setContent(c);
        copied(feedback);
    }

    /** Shows "Copied" on the button for a moment (the text is already on the clipboard). */
    static void copied(Button feedback) {
        if (feedback != null) {
            String before = feedback.getText();
            feedback.setText("Copied");
            feedback.getStyleClass().add("copied");
            PauseTransition p = new PauseTransition(Duration.seconds(1.5));
            p.setOnFinished(e -> {
                feedback.setText(before);
                feedback.getStyleClass().remove("copied");
            });
            p.play();
        }
    }

    static Button copyButton(String tooltip, java.util.function.Supplier<String> text) {
        Button b = new Button(null, icon("mdi2c-content-copy"));
        b.getStyleClass().addAll("button-icon", "copy-button");
        b.setTooltip(new Tooltip(tooltip));
        b.setOnAction(e -> copy(text.get(), b));
        return b;
    }

    /** Adds a "label: value" row to a two-column grid; the value is selectable-looking, wraps and has a tooltip. */
    static void fact(GridPane grid, int row, String label, String value) {
        Label l = new Label(label);
        l.getStyleClass().add("fact-label");
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.getStyleClass().add("fact-value");
        v.setWrapText(true);
        v.setTooltip(new Tooltip(value));
        grid.addRow(row, l, v);
    }
}
