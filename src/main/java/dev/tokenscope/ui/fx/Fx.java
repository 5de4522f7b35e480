package dev.tokenscope.ui.fx;

import dev.tokenscope.engine.text.SafeText;
import javafx.animation.PauseTransition;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Small helpers the views share (the {@code ui} package and its window parts): loading a view, windows, icons,
 * clipboard copy with feedback, label/value grids.
 */
public final class Fx {
    /** Where the views' FXML files and the stylesheet are (resources of the {@code ui} package). */
    private static final String VIEWS = "/dev/tokenscope/ui/";

    private Fx() {
    }

    /** A view loaded from its FXML, its controller, and a scene for it with the app's stylesheet. */
    public record View<C>(Scene scene, Parent root, C controller) {
    }

    /**
     * Loads {@code fxml} (a resource path relative to {@code /dev/tokenscope/ui/}), lets {@code bind} bind its controller
     * while the view is not yet in a scene, then puts it into a scene of the given size.
     */
    public static <C> View<C> loadView(String fxml, String what, double width, double height, java.util.function.Consumer<C> bind) {
        FXMLLoader loader = new FXMLLoader(Fx.class.getResource(VIEWS + fxml));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the " + what + " view", e);
        }
        dev.tokenscope.StartupTrace.mark(what + "-fxml");
        bind.accept(loader.getController());
        dev.tokenscope.StartupTrace.mark(what + "-bind");
        nameIconButtons(root);
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(Objects.requireNonNull(Fx.class.getResource(VIEWS + "tokenscope.css")).toExternalForm());
        return new View<>(scene, root, loader.getController());
    }

    /**
     * Screen-reader text for icon-only buttons: each control without text and without accessible text says what its
     * tooltip says (one rule for every window, so a new icon button can't be left unnamed). Also installs the
     * {@link LazyTooltip}s.
     */
    public static void nameIconButtons(javafx.scene.Node node) {
        if (node instanceof javafx.scene.control.Labeled l && (l.getText() == null || l.getText().isBlank())
                && l.getAccessibleText() == null && LazyTooltip.text(l) != null) {
            l.setAccessibleText(LazyTooltip.text(l));
            if (l.getAccessibleHelp() == null) l.setAccessibleHelp(LazyTooltip.text(l));
        }
        if (node instanceof javafx.scene.control.Control c) LazyTooltip.install(c);
        if (node instanceof Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) nameIconButtons(c);
        }
        if (node instanceof javafx.scene.control.SplitPane sp) sp.getItems().forEach(Fx::nameIconButtons);
        if (node instanceof javafx.scene.control.TabPane tp) {
            tp.getTabs().forEach(t -> {
                if (t.getContent() != null) nameIconButtons(t.getContent());
            });
        }
        if (node instanceof javafx.scene.control.ScrollPane sc && sc.getContent() != null) nameIconButtons(sc.getContent());
    }

    /** A window of its own beside {@code owner} (not modal), with the owner's icons. */
    public static Stage ownedStage(Window owner) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            if (owner instanceof Stage s) stage.getIcons().setAll(s.getIcons());
        }
        return stage;
    }

    /** A table cell showing its text, with the text as tooltip when it is {@code tooltipFrom} characters or longer. */
    public static <R> TableCell<R, String> textCell(String style, int tooltipFrom) {
        TableCell<R, String> cell = new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                LazyTooltip.setText(this, empty || item == null || item.length() < tooltipFrom ? null : item);
            }
        };
        LazyTooltip.follow(cell);
        cell.getStyleClass().add(style);
        return cell;
    }

    /** Shows the window, or brings it to the front when it already shows. */
    public static void showOrFront(Stage stage) {
        if (stage.isShowing()) {
            stage.toFront();
        } else {
            stage.show();
        }
        stage.requestFocus();
    }

    public static FontIcon icon(String literal) {
        FontIcon f = new FontIcon(literal);
        f.getStyleClass().add("icon");
        return f;
    }

    /** Puts text on the clipboard and shows "Copied" on the button for a moment. */
    public static void copy(String text, Button feedback) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text == null ? "" : text);
        Clipboard.getSystemClipboard().setContent(c);
        copied(feedback);
    }

    /** Shows "Copied" on the button for a moment (the text is already on the clipboard). */
    public static void copied(Button feedback) {
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

    public static Button copyButton(String tooltip, java.util.function.Supplier<String> text) {
        Button b = new Button(null, icon("mdi2c-content-copy"));
        b.getStyleClass().addAll("button-icon", "copy-button");
        LazyTooltip.attach(b, tooltip);
        b.setOnAction(e -> copy(text.get(), b));
        return b;
    }

    /** Adds a "label: value" row to a two-column grid; the value is selectable-looking, wraps and has a tooltip. */
    /** A label/value row; the value (often from the token or the network) shown escaped, its line breaks kept ({@link SafeText#lines}). */
    public static void fact(GridPane grid, int row, String label, String raw) {
        String value = SafeText.lines(raw);
        Label l = new Label(label);
        l.getStyleClass().add("fact-label");
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.getStyleClass().add("fact-value");
        v.setWrapText(true);
        LazyTooltip.attach(v, value);
        grid.addRow(row, l, v);
    }
}
