package dev.tokenscope.ui.signin;

import dev.tokenscope.engine.signin.OAuthError;
import dev.tokenscope.engine.signin.SignInException;
import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.ui.model.signin.Fact;
import dev.tokenscope.ui.model.signin.SignInErrorPresenter;
import dev.tokenscope.ui.model.signin.SignInRunModel;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;

/** The error card: what to do, the AADSTS explanations and fixes, and the provider's answer field by field. */
public final class SignInErrorController {
    @FXML private VBox errorBox;

    private SignInRunModel run;

    void bind(SignInRunModel model) {
        this.run = model;
        model.errorProperty().addListener((obs, o, e) -> show(e));
        show(model.errorProperty().get());
    }

    private void show(SignInException e) {
        errorBox.getChildren().clear();
        errorBox.setVisible(e != null);
        errorBox.setManaged(e != null);
        if (e == null) return;
        // The status line above says what failed; the card says why and what to do, then the provider's own words.
        Label head = new Label(SignInErrorPresenter.headline(e), Fx.icon("mdi2a-alert-circle-outline"));
        head.setWrapText(true);
        head.getStyleClass().add("error-title");
        head.setId("errorTitle");
        head.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(head, Priority.ALWAYS);
        Button copy = Fx.copyButton("Copy the error with its explanation and the flow log, for a ticket",
                () -> SignInErrorPresenter.copyText(e, run.logText()));
        HBox top = new HBox(8, head, copy);
        top.setAlignment(Pos.CENTER_LEFT);
        errorBox.getChildren().add(top);
        String hint = SignInErrorPresenter.hint(e);
        if (hint != null) errorBox.getChildren().add(label(hint, "diagnosis-fix", true));
        OAuthError o = e.oauthError().orElse(null);
        if (o != null) addOAuthError(o);
        String fallback = SignInErrorPresenter.fallback(e);
        if (fallback != null) errorBox.getChildren().add(label(fallback, "hint-text", false));
    }

    private void addOAuthError(OAuthError o) {
        for (SignInErrorPresenter.Card c : SignInErrorPresenter.cards(o)) {
            VBox card = new VBox(6, label(c.summary(), "diagnosis-summary", false), label(c.explanation(), "diagnosis-explanation", false),
                    label(c.fix(), "diagnosis-fix", true));
            card.getStyleClass().addAll("diagnosis-card", "aadsts-card");
            card.setId("aadsts-" + c.code());
            errorBox.getChildren().add(card);
        }
        for (String unknown : SignInErrorPresenter.unknownCodes(o)) errorBox.getChildren().add(label(unknown, "hint-text", false));
        GridPane facts = new GridPane();
        facts.getStyleClass().add("facts");
        facts.setHgap(12);
        facts.setVgap(4);
        facts.setId("oauthFacts");
        List<Fact> rows = SignInErrorPresenter.facts(o);
        for (int i = 0; i < rows.size(); i++) Fx.fact(facts, i, rows.get(i).label(), rows.get(i).value());
        errorBox.getChildren().add(facts);
    }

    private static Label label(String text, String style, boolean bulb) {
        Label l = bulb ? new Label(text, Fx.icon("mdi2l-lightbulb-on-outline")) : new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(style);
        return l;
    }
}
