package dev.tokenscope.ui;

import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.ui.fx.LazyTooltip;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.ServerPresenter;
import dev.tokenscope.ui.model.StepFocus;
import dev.tokenscope.ui.model.StepPresenter;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The validation steps: one expandable row per step, with icon, colour and status word. */
public final class StepsController {
    @FXML private VBox rows;
    @FXML private Label countLabel;
    @FXML private Label placeholder;
    @FXML private ScrollPane scroll;

    private final Set<String> expanded = new HashSet<>();

    public void bind(InspectorViewModel vm) {
        vm.reportProperty().addListener((obs, o, r) -> show(r));
        show(vm.report());
    }

    void show(Report r) {
        rows.getChildren().clear();
        boolean empty = r == null || r.steps().isEmpty();
        placeholder.setVisible(empty);
        placeholder.setManaged(empty);
        scroll.setVisible(!empty);
        if (r != null && r.steps().isEmpty()) {
            placeholder.setText("No validation steps: " + dev.tokenscope.engine.text.SafeText.line(r.summary()));
        }
        if (empty) {
            countLabel.setText("");
            return;
        }
        // A new verdict: what was open for the previous token closes, the first failing step (or warning) opens, from the top.
        expanded.clear();
        StepFocus.first(r).ifPresent(expanded::add);
        for (Step s : r.steps()) rows.getChildren().add(row(s, r));
        scroll.setVvalue(0);
        scroll.setHvalue(0);
        Map<Status, Long> counts = r.steps().stream()
                .collect(Collectors.groupingBy(Step::status, () -> new EnumMap<>(Status.class), Collectors.counting()));
        countLabel.setText(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().json()).collect(Collectors.joining(" · ")));
    }

    private TitledPane row(Step s, Report r) {
        String status = StepPresenter.styleClass(s.status());
        Label icon = new Label(null, Fx.icon(StepPresenter.icon(s.status())));
        icon.getStyleClass().add("step-icon");
        Label word = new Label(StepPresenter.word(s.status()));
        word.getStyleClass().add("status-word");
        word.setMinWidth(Region.USE_PREF_SIZE);
        word.setAccessibleText(StepPresenter.word(s.status()) + ": " + StepPresenter.describe(s.status()));
        Label title = new Label(StepPresenter.title(s));
        title.getStyleClass().add("step-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label detail = new Label(StepPresenter.detail(s));
        detail.getStyleClass().add("step-detail");
        detail.setTextOverrun(OverrunStyle.WORD_ELLIPSIS);
        detail.setMinWidth(0);
        detail.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(detail, Priority.ALWAYS);
        HBox head = new HBox(8, icon, word, title, detail);
        String badge = ServerPresenter.badge(r, s.id());
        if (badge != null) {
            Label said = new Label(badge, Fx.icon("mdi2s-server-network"));
            said.getStyleClass().add("server-badge");
            said.setMinWidth(Region.USE_PREF_SIZE);
            said.setAccessibleText("The API's answer explains this step: " + badge);
            head.getChildren().add(said);
        }
        head.setAlignment(Pos.CENTER_LEFT);
        head.getStyleClass().add("step-head");
        head.setMinWidth(0);

        TitledPane pane = new TitledPane();
        pane.setId("step-" + s.id());
        pane.getStyleClass().addAll("step", status);
        pane.setAnimated(false);
        pane.setGraphic(head);
        pane.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        pane.setText(StepPresenter.word(s.status()) + " " + StepPresenter.title(s));
        pane.setAccessibleRole(AccessibleRole.TITLED_PANE);
        pane.setAccessibleText(StepPresenter.title(s) + ": " + StepPresenter.describe(s.status()) + ". " + StepPresenter.detail(s));
        head.prefWidthProperty().bind(pane.widthProperty().subtract(44));
        head.maxWidthProperty().bind(pane.widthProperty().subtract(44));
        LazyTooltip.attach(pane, StepPresenter.word(s.status()) + " — " + StepPresenter.title(s) + "\n" + StepPresenter.detail(s));
        // A step's body (evidence, fix, copy button) is made when it is first opened: a report shows ~15 steps, most
        // closed, and making all their bodies was most of the time a new verdict took to appear.
        pane.setExpanded(expanded.contains(s.id()));
        if (pane.isExpanded()) pane.setContent(body(s, r));
        pane.expandedProperty().addListener((obs, o, n) -> {
            if (n && pane.getContent() == null) pane.setContent(body(s, r));
            if (n) expanded.add(s.id());
            else expanded.remove(s.id());
        });
        return pane;
    }

    private VBox body(Step s, Report r) {
        VBox box = new VBox(6);
        box.getStyleClass().add("step-body");
        for (dev.tokenscope.engine.report.ServerView.Finding f : r.serverFindings(s.id())) {
            ServerPresenter.Item i = ServerPresenter.item(f);
            Label said = new Label("The API said " + i.heading() + (i.said().isEmpty() ? "" : ": " + i.said()),
                    Fx.icon("mdi2s-server-network"));
            said.setWrapText(true);
            said.getStyleClass().add("server-said");
            Label ex = new Label(i.explanation());
            ex.setWrapText(true);
            box.getChildren().addAll(said, ex);
        }
        if (!s.detail().isBlank()) {
            Label d = new Label(StepPresenter.detail(s));
            d.setWrapText(true);
            d.getStyleClass().add("step-full-detail");
            box.getChildren().add(d);
        }
        if (!s.evidence().isEmpty()) {
            Label h = new Label("Evidence");
            h.getStyleClass().add("section-title");
            GridPane g = new GridPane();
            g.getStyleClass().addAll("facts", "evidence");
            g.setHgap(10);
            g.setVgap(2);
            int i = 0;
            for (Map.Entry<String, String> e : StepPresenter.evidence(s).entrySet()) Fx.fact(g, i++, e.getKey(), e.getValue());
            box.getChildren().addAll(h, g);
        }
        if (s.hint() != null && !s.hint().isBlank()) {
            Label fix = new Label("Fix: " + StepPresenter.hint(s), Fx.icon("mdi2l-lightbulb-on-outline"));
            fix.setWrapText(true);
            fix.getStyleClass().add("step-hint");
            box.getChildren().add(fix);
        }
        HBox foot = new HBox(8);
        foot.setAlignment(Pos.CENTER_LEFT);
        if (s.idx() != null && !s.idx().isBlank()) {
            Label idx = new Label("Server error code: " + StepPresenter.idx(s));
            idx.getStyleClass().add("step-idx");
            idx.setMinWidth(Region.USE_PREF_SIZE);
            LazyTooltip.attach(idx, "The Microsoft.IdentityModel code an ASP.NET API logs for the same failure");
            foot.getChildren().add(idx);
        }
        Label id = new Label("step id: " + s.id());
        id.getStyleClass().add("step-id");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        foot.getChildren()
                .addAll(id, spacer, Fx.copyButton("Copy this step (status, detail, evidence, fix, code)", () -> StepPresenter.copyText(s)));
        box.getChildren().add(foot);
        return box;
    }

    /** Opens step {@code id} and scrolls it into view (the banner and the diagnoses jump here); focus goes to it. */
    public void reveal(String id) {
        for (javafx.scene.Node n : rows.getChildren()) {
            if (!(n instanceof TitledPane p) || !("step-" + id).equals(p.getId())) continue;
            p.setExpanded(true);
            p.requestFocus();
            rows.applyCss();
            rows.layout();
            double content = rows.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(content <= 0 ? 0 : Math.min(1, p.getBoundsInParent().getMinY() / content));
            return;
        }
    }

    // For tests.
    ScrollPane scroll() { return scroll; }

    @FXML
    private void onExpandAll() {
        rows.getChildren().forEach(n -> ((TitledPane) n).setExpanded(true));
    }

    @FXML
    private void onCollapseAll() {
        rows.getChildren().forEach(n -> ((TitledPane) n).setExpanded(false));
    }
}
