package dev.tokenscope.ui;

import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.ServerPresenter;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/** The "API's answer" tab: a paste box for what the API said, and each finding joined with the token. */
public final class ServerController {
    @FXML private TextArea responseInput;
    @FXML private Button joinButton;
    @FXML private Label summaryLabel;
    @FXML private VBox findings;
    private InspectorViewModel vm;

    public void bind(InspectorViewModel model) {
        this.vm = model;
        responseInput.setText(model.serverResponseProperty().get());
        model.serverResponseProperty().addListener((obs, o, n) -> {
            if (n != null && !n.equals(responseInput.getText())) responseInput.setText(n);
        });
        model.reportProperty().addListener((obs, o, r) -> show(r));
        show(model.report());
    }

    TextArea responseInput() {
        return responseInput;
    }

    @FXML
    void onJoin() {
        vm.serverResponseProperty().set(responseInput.getText() == null ? "" : responseInput.getText());
    }

    @FXML
    void onClear() {
        responseInput.clear();
        vm.serverResponseProperty().set("");
    }

    private void show(Report r) {
        findings.getChildren().clear();
        summaryLabel.setText(ServerPresenter.summary(r));
        for (ServerPresenter.Item i : ServerPresenter.items(r)) {
            Label head = new Label(i.heading(), Fx.icon("mdi2s-server-network"));
            head.getStyleClass().add("server-said");
            Label said = new Label(i.said());
            said.setWrapText(true);
            Label ex = new Label(i.explanation());
            ex.setWrapText(true);
            VBox card = new VBox(4, head, said, ex);
            card.getStyleClass().add("server-finding");
            findings.getChildren().add(card);
        }
    }
}
