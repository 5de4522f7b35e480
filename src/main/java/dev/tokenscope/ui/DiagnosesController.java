package dev.tokenscope.ui;

import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.text.SafeText;
import dev.tokenscope.ui.model.InspectorViewModel;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Diagnoses tab: each root cause with its explanation and fix, the most important first. */
public final class DiagnosesController {
    @FXML private ScrollPane scroll;
    @FXML private VBox list;
    @FXML private Label placeholder;

    private java.util.function.Consumer<String> onDiagnosis = id -> { };

    /** What a click (or Enter) on a diagnosis does: the window opens the step it explains. */
    public void setOnDiagnosis(java.util.function.Consumer<String> handler) {
        this.onDiagnosis = handler;
    }

    public void bind(InspectorViewModel vm) {
        vm.reportProperty().addListener((obs, o, r) -> show(r));
        show(vm.report());
    }

    void show(Report r) {
        list.getChildren().clear();
        boolean none = r == null || r.diagnoses().isEmpty();
        scroll.setVisible(!none);
        placeholder.setVisible(none);
        placeholder.setText(r == null ? "Inspect a token: root causes and their fixes appear here."
                : r.token() == null ? SafeText.line(r.summary())
                : "No root cause to report: " + SafeText.line(r.summary()) + ". The steps on the left say what each check found.");
        if (none) return;
        boolean first = true;
        for (Diagnosis d : r.diagnoses()) {
            VBox card = card(d, first);
            String id = d.id();
            card.setFocusTraversable(true);
            card.setAccessibleHelp("Enter or a click shows the validation step this diagnosis comes from");
            card.setOnMouseClicked(e -> onDiagnosis.accept(id));
            card.setOnKeyPressed(e -> {
                if (e.getCode() == javafx.scene.input.KeyCode.ENTER || e.getCode() == javafx.scene.input.KeyCode.SPACE) {
                    onDiagnosis.accept(id);
                    e.consume();
                }
            });
            list.getChildren().add(card);
            first = false;
        }
    }

    /** A diagnosis can quote the token (an audience, an issuer): its texts are shown escaped ({@link SafeText#line}). */
    private static VBox card(Diagnosis raw, boolean top) {
        Diagnosis d =
                new Diagnosis(SafeText.line(raw.id()), SafeText.line(raw.summary()), SafeText.line(raw.explanation()),
                SafeText.line(raw.fix()));
        Label summary = new Label(d.summary(), Fx.icon(top ? "mdi2a-alert-circle" : "mdi2a-alert-circle-outline"));
        summary.setWrapText(true);
        summary.getStyleClass().add("diagnosis-summary");
        summary.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(summary, Priority.ALWAYS);
        Label id = new Label(d.id());
        id.getStyleClass().add("diagnosis-id");
        id.setMinWidth(Region.USE_PREF_SIZE);
        HBox head = new HBox(8, summary, id);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(6, head);
        card.getStyleClass().addAll("diagnosis-card", top ? "diagnosis-top" : "diagnosis-other");
        card.setId("diagnosis-" + d.id());
        if (d.explanation() != null && !d.explanation().isBlank()) {
            Label ex = new Label(d.explanation());
            ex.setWrapText(true);
            ex.getStyleClass().add("diagnosis-explanation");
            card.getChildren().add(ex);
        }
        if (d.fix() != null && !d.fix().isBlank()) {
            Label fix = new Label("Fix: " + d.fix(), Fx.icon("mdi2l-lightbulb-on-outline"));
            fix.setWrapText(true);
            fix.getStyleClass().add("diagnosis-fix");
            card.getChildren().add(fix);
        }
        HBox foot = new HBox(Fx.copyButton("Copy this diagnosis", () -> d.summary() + "\n\n" + nz(d.explanation()) + "\n\nFix: "
                + nz(d.fix()) + "\n"));
        foot.setAlignment(Pos.CENTER_RIGHT);
        card.getChildren().add(foot);
        return card;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
