package dev.tokenscope.ui.signin;

import dev.tokenscope.engine.signin.TokenSet;
import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.ui.model.signin.Fact;
import dev.tokenscope.ui.model.signin.SignInResultPresenter;
import dev.tokenscope.ui.model.signin.SignInResultPresenter.ScopeRow;
import dev.tokenscope.ui.model.signin.SignInRunModel;
import dev.tokenscope.ui.model.signin.SignInRunModel.Inspected;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.util.List;

/** The result card: inspect the access or ID token, refresh, the scopes requested vs granted, and the tokens received. */
public final class SignInResultController {
    @FXML private VBox resultBox;
    @FXML private Button inspectAccessButton;
    @FXML private Button inspectIdButton;
    @FXML private Tooltip inspectIdTooltip;
    @FXML private Button refreshButton;
    @FXML private Tooltip refreshTooltip;
    @FXML private GridPane resultFacts;
    @FXML private GridPane scopeGrid;

    private SignInRunModel run;
    private Runnable showInspector = () -> { };

    void bind(SignInRunModel model) {
        this.run = model;
        inspectIdButton.disableProperty().bind(model.hasIdTokenBinding().not());
        refreshButton.disableProperty().bind(model.canRefreshBinding().not());
        model.resultProperty().addListener((obs, o, t) -> show(t));
        model.resultProperty().addListener((obs, o, t) -> {
            inspectIdTooltip.setText(SignInResultPresenter.idTokenTooltip(t));
            refreshTooltip.setText(SignInResultPresenter.refreshTooltip(t));
        });
        model.inspectedProperty().addListener((obs, o, i) -> markInspected(i));
        show(model.resultProperty().get());
    }

    void onShowInspector(Runnable r) {
        showInspector = r == null ? () -> { } : r;
    }

    private void show(TokenSet t) {
        resultFacts.getChildren().clear();
        scopeGrid.getChildren().clear();
        resultBox.setVisible(t != null);
        resultBox.setManaged(t != null);
        if (t == null) return;
        List<Fact> facts = SignInResultPresenter.facts(t, ZoneId.systemDefault());
        for (int i = 0; i < facts.size(); i++) Fx.fact(resultFacts, i, facts.get(i).label(), facts.get(i).value());
        List<ScopeRow> rows = SignInResultPresenter.scopeRows(t.scopes());
        for (int i = 0; i < rows.size(); i++) scopeRow(i, rows.get(i));
        markInspected(run.inspectedProperty().get());
    }

    private void scopeRow(int row, ScopeRow r) {
        Label l = new Label(r.label());
        l.getStyleClass().add("fact-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        Node value;
        if (r.scopes() == null || r.scopes().isEmpty()) {
            Label n = new Label(r.none());
            n.getStyleClass().add("hint-text");
            n.setWrapText(true);
            value = n;
        } else {
            FlowPane chips = new FlowPane(6, 4);
            for (String s : r.scopes()) {
                Label chip = new Label(s);
                chip.getStyleClass().addAll("scope-chip", r.style());
                if (r.style().equals("scope-missing")) chip.setGraphic(Fx.icon("mdi2a-alert-outline"));
                chips.getChildren().add(chip);
            }
            value = chips;
        }
        value.setId(r.id());
        GridPane.setHgrow(value, Priority.ALWAYS);
        scopeGrid.addRow(row, l, value);
    }

    private void markInspected(Inspected i) {
        inspectAccessButton.getStyleClass().remove("accent");
        inspectIdButton.getStyleClass().remove("accent");
        if (i == Inspected.ACCESS_TOKEN) inspectAccessButton.getStyleClass().add("accent");
        if (i == Inspected.ID_TOKEN) inspectIdButton.getStyleClass().add("accent");
    }

    @FXML
    void onRefresh() {
        run.refresh();
    }

    @FXML
    void onInspectAccess() {
        run.inspectAccessToken();
    }

    @FXML
    void onInspectId() {
        run.inspectIdToken();
    }

    @FXML
    void onShowInspector() {
        showInspector.run();
    }
}
