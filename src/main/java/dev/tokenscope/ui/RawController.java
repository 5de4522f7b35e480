package dev.tokenscope.ui;

import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.text.SafeText;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.JsonHighlighter;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** The Raw tab: header and claims as pretty JSON with syntax colouring, and copy buttons. */
public final class RawController {
    @FXML private TextFlow headerFlow;
    @FXML private TextFlow claimsFlow;
    @FXML private Button copyHeaderButton;
    @FXML private Button copyClaimsButton;
    @FXML private Button copyReportButton;
    @FXML private Label copied;

    private String headerJson = "";
    private String claimsJson = "";
    private Report report;

    public void bind(InspectorViewModel vm) {
        vm.reportProperty().addListener((obs, o, r) -> show(r));
        show(vm.report());
    }

    void show(Report r) {
        report = r;
        Report.TokenView t = r == null ? null : r.token();
        headerJson = t == null || t.header() == null ? "" : Json.pretty(t.header());
        claimsJson = t == null || t.claims() == null ? "" : Json.pretty(t.claims());
        fill(headerFlow, headerJson, t == null ? "No token inspected." : "The header could not be decoded.");
        fill(claimsFlow, claimsJson, t == null ? "No token inspected." : switch (t.kind()) {
            case JWE -> "Encrypted: the claims are readable only with the resource's private key.";
            case OPAQUE -> "Opaque token: it has no readable claims.";
            default -> "The payload could not be decoded; see the Format step.";
        });
        copyHeaderButton.setDisable(headerJson.isEmpty());
        copyClaimsButton.setDisable(claimsJson.isEmpty());
        copyReportButton.setDisable(r == null);
    }

    private static void fill(TextFlow flow, String json, String empty) {
        flow.getChildren().clear();
        if (json.isEmpty()) {
            Text t = new Text(empty);
            t.getStyleClass().add("json-empty");
            flow.getChildren().add(t);
            return;
        }
        // Shown with bidirectional, invisible and C1 characters as JSON escapes (the same value); copied exactly.
        for (JsonHighlighter.Segment s : JsonHighlighter.segments(SafeText.lines(json))) {
            Text t = new Text(s.text());
            t.getStyleClass().addAll("json", s.styleClass());
            flow.getChildren().add(t);
        }
    }

    String headerJson() { return headerJson; }

    String claimsJson() { return claimsJson; }

    @FXML
    private void onCopyHeader() {
        Fx.copy(headerJson, copyHeaderButton);
    }

    @FXML
    private void onCopyClaims() {
        Fx.copy(claimsJson, copyClaimsButton);
    }

    @FXML
    private void onCopyReport() {
        if (report != null) Fx.copy(Json.pretty(report), copyReportButton);
    }
}
