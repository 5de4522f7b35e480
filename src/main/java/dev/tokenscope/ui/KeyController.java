package dev.tokenscope.ui;

import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.engine.report.KeyView;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.KeyPresenter;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Function;

/** The Signing key tab: the matched key, its certificate, the whole key set with the match highlighted. */
public final class KeyController {
    @FXML private VBox content;
    @FXML private Label keyTitle;
    @FXML private Button copyButton;
    @FXML private GridPane fields;
    @FXML private Label certTitle;
    @FXML private GridPane certificate;
    @FXML private Label setTitle;
    @FXML private TableView<KeyView.KeySummary> keySet;
    @FXML private TableColumn<KeyView.KeySummary, String> matchColumn;
    @FXML private TableColumn<KeyView.KeySummary, String> kidColumn;
    @FXML private TableColumn<KeyView.KeySummary, String> ktyColumn;
    @FXML private TableColumn<KeyView.KeySummary, String> algColumn;
    @FXML private TableColumn<KeyView.KeySummary, String> useColumn;
    @FXML private TableColumn<KeyView.KeySummary, String> x5tColumn;
    @FXML private TableColumn<KeyView.KeySummary, String> issuerColumn;
    @FXML private Label placeholder;

    private KeyView current;

    @FXML
    private void initialize() {
        column(matchColumn, k -> k.matched() ? "✔ match" : "");
        column(kidColumn, KeyView.KeySummary::kid);
        column(ktyColumn, KeyView.KeySummary::kty);
        column(algColumn, KeyView.KeySummary::alg);
        column(useColumn, KeyView.KeySummary::use);
        column(x5tColumn, KeyView.KeySummary::x5t);
        column(issuerColumn, KeyView.KeySummary::issuer);
        matchColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                boolean m = !empty && item != null && !item.isEmpty();
                setText(m ? "match" : null);
                setGraphic(m ? Fx.icon("mdi2c-check-bold") : null);
            }
        });
        keySet.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(KeyView.KeySummary k, boolean empty) {
                super.updateItem(k, empty);
                getStyleClass().remove("key-matched");
                if (!empty && k != null && k.matched()) getStyleClass().add("key-matched");
            }
        });
        keySet.setPlaceholder(new Label("The key set was not loaded."));
    }

    private static void column(TableColumn<KeyView.KeySummary, String> c, Function<KeyView.KeySummary, String> f) {
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
    }

    public void bind(InspectorViewModel vm) {
        vm.reportProperty().addListener((obs, o, r) -> show(r));
        show(vm.report());
    }

    void show(Report r) {
        KeyView k = r == null ? null : r.key();
        current = k;
        content.setVisible(k != null);
        placeholder.setVisible(k == null);
        placeholder.setText(KeyPresenter.placeholder(r));
        fields.getChildren().clear();
        certificate.getChildren().clear();
        if (k == null) {
            keySet.getItems().clear();
            return;
        }
        boolean saml = KeyPresenter.isSaml(r);
        KeyPresenter.Title title = KeyPresenter.title(r);
        keyTitle.setText(title.text());
        keyTitle.getStyleClass().removeAll("status-pass", "status-fail");
        keyTitle.getStyleClass().add(title.matched() ? "status-pass" : "status-fail");
        certTitle.setText(KeyPresenter.certificateTitle(r));
        for (javafx.scene.Node n : List.of(setTitle, keySet)) {
            n.setVisible(!saml); // a SAML message has no key set: its certificates come from federation metadata
            n.setManaged(!saml);
        }
        int i = 0;
        for (KeyPresenter.Field f : KeyPresenter.fields(k, saml)) Fx.fact(fields, i++, f.label(), f.value());
        List<KeyPresenter.Field> cert = KeyPresenter.certificate(k);
        certTitle.setVisible(!cert.isEmpty());
        certTitle.setManaged(!cert.isEmpty());
        certificate.setVisible(!cert.isEmpty());
        certificate.setManaged(!cert.isEmpty());
        i = 0;
        for (KeyPresenter.Field f : cert) Fx.fact(certificate, i++, f.label(), f.value());
        List<KeyView.KeySummary> set = k.keySet() == null ? List.of() : k.keySet();
        setTitle.setText("Key set (" + set.size() + (set.size() == 1 ? " key" : " keys") + (k.source() != null ? " from " + k.source() : "")
                + ")");
        keySet.getItems().setAll(set);
    }

    @FXML
    private void onCopy() {
        if (current != null) Fx.copy(KeyPresenter.copyText(current), copyButton);
    }
}
