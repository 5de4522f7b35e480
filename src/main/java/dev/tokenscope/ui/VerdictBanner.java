package dev.tokenscope.ui;

import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.text.SafeText;
import dev.tokenscope.ui.fx.LazyTooltip;
import dev.tokenscope.ui.model.Banner;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.JudgedAgainst;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;

/**
 * The main window's verdict banner: the verdict's word, text and notes, what it was judged against, the token
 * candidates to choose from, and the message line above it. A click (or Enter/Space) on the banner runs {@code reveal}.
 */
final class VerdictBanner {
    /** The banner's nodes (from MainView.fxml). */
    record Nodes(HBox banner, FontIcon bannerIcon, Label verdictWord, Label verdictText, Label bannerNotes,
                 Label judgedLabel, FontIcon judgedIcon, HBox candidateBox, ChoiceBox<String> candidateChoice, Label messageLabel) {
    }

    private final Nodes n;
    private final InspectorViewModel vm;
    private boolean updatingCandidates;

    VerdictBanner(Nodes nodes, InspectorViewModel vm, Runnable reveal) {
        this.n = nodes;
        this.vm = vm;
        n.messageLabel().textProperty().bind(vm.messageProperty());
        vm.messageKindProperty().addListener((obs, o, k) -> styleMessage(k));
        styleMessage(vm.messageKindProperty().get());
        n.banner().setOnMouseClicked(e -> reveal.run());
        LazyTooltip.follow(n.verdictText()); // the whole verdict line on hover (it may be cut at the window's width)
        n.banner().addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                reveal.run();
                e.consume();
            }
        });
        n.candidateChoice().getSelectionModel().selectedIndexProperty().addListener((obs, o, i) -> {
            if (!updatingCandidates && i != null && i.intValue() >= 0) vm.inspectCandidate(i.intValue());
        });
    }

    void show(Report r) {
        JudgedAgainst judged = vm.judged();
        Banner b = Banner.of(r, judged);
        boolean showJudged = r != null && r.token() != null && judged != null;
        Label judgedLabel = n.judgedLabel();
        judgedLabel.setText(showJudged ? judged.line() : "");
        judgedLabel.setVisible(showJudged);
        judgedLabel.setManaged(showJudged);
        judgedLabel.getStyleClass().remove("judged-unusual");
        if (showJudged && judged.unusual()) judgedLabel.getStyleClass().add("judged-unusual");
        n.judgedIcon().setIconLiteral(showJudged && judged.unusual() ? "mdi2a-alert-outline" : "mdi2t-tune");
        n.banner().getStyleClass().removeIf(s -> s.startsWith("verdict-") && !s.equals("verdict-banner"));
        n.banner().getStyleClass().add(b.styleClass());
        n.bannerIcon().setIconLiteral(b.icon());
        n.verdictWord().setText(b.word());
        n.verdictWord().setVisible(!b.word().isEmpty());
        n.verdictWord().setManaged(!b.word().isEmpty());
        n.verdictText().setText(b.text());
        String notes = Banner.notes(r);
        n.bannerNotes().setText(notes);
        n.bannerNotes().setVisible(!notes.isEmpty());
        n.bannerNotes().setManaged(!notes.isEmpty());
        LazyTooltip.setText(n.verdictText(), b.text());
        n.banner().setAccessibleText(b.word() + " " + b.text() + (showJudged ? ". " + judged.line() : ""));

        List<Report.CandidateView> cands = r == null || r.input() == null ? List.of() : r.input().candidates();
        updatingCandidates = true;
        try {
            n.candidateChoice().getItems().setAll(cands.stream()
                    .map(c -> SafeText.line(c.role() + " (" + c.source() + ", " + c.length() + " chars)")).toList());
            if (r != null && r.input() != null && r.input().selected() >= 0) {
                n.candidateChoice().getSelectionModel().select(r.input().selected());
            }
        } finally {
            updatingCandidates = false;
        }
        n.candidateBox().setVisible(cands.size() > 1);
        n.candidateBox().setManaged(cands.size() > 1);
    }

    private void styleMessage(InspectorViewModel.MessageKind k) {
        Label messageLabel = n.messageLabel();
        messageLabel.getStyleClass().removeAll("message-error", "message-info");
        if (k == InspectorViewModel.MessageKind.ERROR) messageLabel.getStyleClass().add("message-error");
        if (k == InspectorViewModel.MessageKind.INFO) messageLabel.getStyleClass().add("message-info");
        boolean show = k != InspectorViewModel.MessageKind.NONE;
        messageLabel.setVisible(show);
        messageLabel.setManaged(show);
    }
}
