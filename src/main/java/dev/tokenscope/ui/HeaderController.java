package dev.tokenscope.ui;

import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.token.Problem;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.SamlHeaderRows;
import dev.tokenscope.ui.model.SamlXmlViewModel;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.stream.Collectors;

/**
 * The Header tab: what kind of token this is and what was recognised in the input, then the header members; for a SAML
 * message also its XML, indented, with the signature elements highlighted ({@link SamlXmlViewModel}).
 */
public final class HeaderController {
    @FXML private GridPane summary;
    @FXML private ClaimsController membersController;
    @FXML private SplitPane split;
    @FXML private VBox xmlPane;
    @FXML private ScrollPane xmlScroll;
    @FXML private VBox xmlLines;
    @FXML private Label xmlMessage;
    @FXML private Label xmlLegend;
    private SamlXmlViewModel xml;

    @FXML
    private void initialize() {
        membersController.setKind("member", "Filter header members");
    }

    public void bind(InspectorViewModel vm) {
        vm.reportProperty().addListener((obs, o, r) -> show(r));
        show(vm.report());
        xml = SamlXmlViewModel.standard(vm);
        xmlMessage.textProperty().bind(xml.messageProperty());
        xmlMessage.visibleProperty().bind(xml.messageProperty().isNotEmpty());
        xmlMessage.managedProperty().bind(xmlMessage.visibleProperty());
        xml.samlProperty().addListener((obs, o, saml) -> showXmlPane(saml));
        xml.renderedProperty().addListener((obs, o, r) -> showXml(r));
        showXmlPane(xml.isSaml());
        showXml(xml.rendered());
    }

    private void showXmlPane(boolean saml) {
        if (saml && !split.getItems().contains(xmlPane)) {
            split.getItems().add(0, xmlPane);
            split.setDividerPositions(0.62);
            javafx.application.Platform.runLater(() -> split.setDividerPositions(0.62)); // again once laid out with both panes
        } else if (!saml) {
            split.getItems().remove(xmlPane);
        }
    }

    private void showXml(SamlXmlViewModel.Rendered r) {
        xmlLines.getChildren().setAll(r == null ? java.util.List.of() : XmlLines.of(r.lines()));
        xmlLegend.setVisible(r != null && r.signatureLines() > 0);
        xmlScroll.setVvalue(0);
    }

    void show(Report r) {
        summary.getChildren().clear();
        int row = 0;
        if (r == null) {
            membersController.setRows(null, "Inspect a token to see its header.");
            return;
        }
        Report.InputView in = r.input();
        if (in != null) {
            Fx.fact(summary, row++, "Input", in.description());
            if (!in.notes().isEmpty()) Fx.fact(summary, row++, "Clean-ups", String.join("; ", in.notes()));
            if (in.candidates().size() > 1) {
                Fx.fact(summary, row++, "Tokens found", in.candidates().stream().map(c -> c.role() + " (" + c.source() + ")")
                        .collect(Collectors.joining(", ")));
            }
        }
        Report.TokenView t = r.token();
        if (t == null) {
            membersController.setRows(null, r.summary());
            return;
        }
        Fx.fact(summary, row++, "Kind", switch (t.kind()) {
            case JWS -> "Signed JWT (JWS)";
            case JWE -> "Encrypted JWT (JWE): only the resource's private key can decrypt it";
            case OPAQUE -> "Opaque token: only the resource can read it";
            case MALFORMED -> "Malformed";
            case SAML -> "SAML 2.0 message (XML)";
        });
        if (t.type() != null) Fx.fact(summary, row++, "Token type", t.type());
        if (t.issuerKind() != null) Fx.fact(summary, row++, "Issuer family", t.issuerKind());
        if (t.signatureBytes() >= 0) Fx.fact(summary, row++, "Signature", t.signatureBytes() + " bytes");
        if (t.problems() != null && !t.problems().isEmpty()) {
            Fx.fact(summary, row++, "Problems", t.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")));
        }
        boolean saml = t.kind() == dev.tokenscope.engine.token.TokenKind.SAML;
        membersController.setRows(saml ? SamlHeaderRows.of(t.header()) : t.headerAnnotations(), t.header() == null
                ? "The header could not be decoded; see the Format step." : "The header is empty.");
    }

    ClaimsController members() {
        return membersController;
    }

    SamlXmlViewModel xml() {
        return xml;
    }

    VBox xmlLines() {
        return xmlLines;
    }

    ScrollPane xmlScroll() {
        return xmlScroll;
    }
}
