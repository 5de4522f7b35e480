package dev.tokenscope.ui;

import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.engine.snippets.Language;
import dev.tokenscope.ui.model.SnippetViewModel;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.util.StringConverter;

/**
 * The "Verify it in your server" tab: a language picker, the generated validation code (read-only) and Copy. Thin: the logic is in {@link
 * SnippetViewModel}.
 */
public final class SnippetController {
    @FXML private ChoiceBox<Language> languageChoice;
    @FXML private Label aboutLabel;
    @FXML private Button copyButton;
    @FXML private Label notesLabel;
    @FXML private TextArea codeArea;
    @FXML private Label placeholder;

    private SnippetViewModel model;

    public void bind(SnippetViewModel m) {
        this.model = m;
        languageChoice.getItems().setAll(m.languages());
        languageChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Language l) {
                return l == null ? "" : l.label();
            }

            @Override
            public Language fromString(String s) {
                return null;
            }
        });
        languageChoice.valueProperty().bindBidirectional(m.languageProperty());
        codeArea.textProperty().bind(m.codeProperty());
        codeArea.visibleProperty().bind(m.availableProperty());
        placeholder.textProperty().bind(m.placeholderProperty());
        placeholder.visibleProperty().bind(m.availableProperty().not());
        aboutLabel.textProperty().bind(m.aboutProperty());
        javafx.scene.control.Tooltip about = new javafx.scene.control.Tooltip();
        about.textProperty().bind(m.aboutProperty());
        aboutLabel.setTooltip(about);
        copyButton.disableProperty().bind(m.availableProperty().not());
        notesLabel.textProperty().bind(m.notesProperty());
        notesLabel.visibleProperty().bind(m.notesProperty().isNotEmpty());
        notesLabel.managedProperty().bind(notesLabel.visibleProperty());
        // Scroll back to the top when the code changes (a new token or language), not to where the caret was.
        m.codeProperty().addListener((obs, o, n) -> {
            codeArea.positionCaret(0);
            codeArea.setScrollTop(0);
        });
    }

    @FXML
    private void onCopy() {
        model.copy();
        Fx.copied(copyButton);
    }

    // For tests.
    TextArea codeArea() { return codeArea; }
    ChoiceBox<Language> languageChoice() { return languageChoice; }
    Button copyButton() { return copyButton; }
}
