package dev.tokenscope.ui;

import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.token.Problem;
import dev.tokenscope.ui.model.InspectorViewModel;
import javafx.fxml.FXML;
import javafx.scene.layout.GridPane;

import java.util.stream.Collectors;

/** The Header tab: what kind of token this is and what was recognised in the input, then the header members. */
public final class HeaderController {
    @FXML private GridPane summary;
    @FXML private ClaimsController membersController;

    @FXML
    private void initialize() {
        membersController.setKind("member", "Filter header members");
    }

    public void bind(InspectorViewModel vm) {
        vm.reportProperty().addListener((obs, o, r) -> show(r));
        show(vm.report());
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
                Fx.fact(summary, row++, "Tokens found", in.candidates().stream().map(c -> c.role() + " (" + c.source() + ")").collect(Collectors.joining(", ")));
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
        membersController.setRows(t.headerAnnotations(), t.header() == null ? "The header could not be decoded; see the Format step." : "The header is empty.");
    }

    ClaimsController members() {
        return membersController;
    }
}
