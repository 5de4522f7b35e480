package dev.tokenscope.ui;

import dev.tokenscope.engine.signin.AadstsCatalogue;
import dev.tokenscope.engine.signin.Authority;
import dev.tokenscope.engine.signin.DeviceCodeInfo;
import dev.tokenscope.engine.signin.FlowLog;
import dev.tokenscope.engine.signin.OAuthError;
import dev.tokenscope.engine.signin.SignInClient;
import dev.tokenscope.engine.signin.SignInException;
import dev.tokenscope.engine.signin.TokenSet;
import dev.tokenscope.engine.text.SafeText;
import dev.tokenscope.ui.model.FlowLogPresenter;
import dev.tokenscope.ui.model.SignInViewModel;
import dev.tokenscope.ui.model.SignInViewModel.Flow;
import dev.tokenscope.ui.model.SignInViewModel.Phase;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The sign-in window: the form on the left, the running flow (browser hand-off, device code with countdown) or its
 * outcome (OAuth error with the AADSTS explanation and fix, or the tokens with scopes granted vs requested) on the
 * right, the live flow log below. Thin: the logic is in {@link SignInViewModel}.
 */
public final class SignInController {
    static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    @FXML private BorderPane signInRoot;
    @FXML private ComboBox<String> signInProfileChoice;
    @FXML private HBox signInSaveAsBox;
    @FXML private TextField signInSaveAsName;
    @FXML private Label profileStatus;
    @FXML private TextField authorityField;
    @FXML private ChoiceBox<Authority.Cloud> cloudChoice;
    @FXML private TextField clientIdField;
    @FXML private TextField signInScopesField;
    @FXML private Label scopesHint;
    @FXML private RadioButton browserRadio;
    @FXML private RadioButton deviceRadio;
    @FXML private RadioButton clientCredentialsRadio;
    @FXML private VBox credentialsBox;
    @FXML private RadioButton secretRadio;
    @FXML private RadioButton certificateRadio;
    @FXML private PasswordField secretField;
    @FXML private HBox certificateBox;
    @FXML private TextField certificatePathField;
    @FXML private PasswordField certificatePasswordField;
    @FXML private TitledPane advancedPane;
    @FXML private GridPane advancedGrid;
    @FXML private TextField portField;
    @FXML private TextField redirectField;
    @FXML private ComboBox<String> promptChoice;
    @FXML private TextField loginHintField;
    @FXML private TextField domainHintField;
    @FXML private TextArea extraField;
    @FXML private TextField spaOriginField;
    @FXML private Label spaHelp;
    @FXML private TextField timeoutField;
    @FXML private Label formError;
    @FXML private Button signInButton;
    @FXML private Button signInCancelButton;
    @FXML private ProgressIndicator signInProgress;
    @FXML private ScrollPane outcomeScroll;
    @FXML private HBox statusBox;
    @FXML private FontIcon statusIcon;
    @FXML private ProgressIndicator statusProgress;
    @FXML private Label statusText;
    @FXML private VBox browserBox;
    @FXML private TextField authUrlField;
    @FXML private VBox deviceBox;
    @FXML private Label verificationUri;
    @FXML private Label userCode;
    @FXML private Label countdownLabel;
    @FXML private ProgressBar countdownBar;
    @FXML private Label deviceMessage;
    @FXML private Button copyCodeButton;
    @FXML private Button copyUriButton;
    @FXML private VBox errorBox;
    @FXML private VBox resultBox;
    @FXML private Button inspectAccessButton;
    @FXML private Button inspectIdButton;
    @FXML private Tooltip inspectIdTooltip;
    @FXML private Button refreshButton;
    @FXML private Tooltip refreshTooltip;
    @FXML private GridPane resultFacts;
    @FXML private GridPane scopeGrid;
    @FXML private VBox outcomePlaceholder;
    @FXML private ScrollPane formScroll;
    @FXML private Label logCount;
    @FXML private Button copyLogButton;
    @FXML private Button copyUrlButton;
    @FXML private ListView<FlowLog.Entry> logList;

    private SignInViewModel vm;
    private final Timeline countdown = new Timeline(new KeyFrame(Duration.seconds(1), e -> vmTick()));
    private Runnable showInspector = () -> { };
    private File lastDir;

    public void bind(SignInViewModel model) {
        this.vm = model;
        bindProfiles();
        bindForm();
        bindRun();
        bindLog();
        countdown.setCycleCount(Animation.INDEFINITE);
    }

    /** What "Show inspector" does (the main window brings itself to the front). */
    public void onShowInspector(Runnable r) {
        showInspector = r == null ? () -> { } : r;
    }

    /** Window-wide keys: Escape cancels a running sign-in, else closes the window. */
    public void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                if (!vm.cancel() && scene.getWindow() != null) scene.getWindow().hide();
                e.consume();
            }
        });
    }

    /** The window closed: stop polling or listening, forget the secrets, stop the countdown. */
    public void closed() {
        vm.cancel();
        vm.forgetSecrets();
        countdown.stop();
    }

    // ---------------------------------------------------------------- binding

    private void bindProfiles() {
        signInProfileChoice.setItems(vm.profileNames());
        signInProfileChoice.valueProperty().bindBidirectional(vm.selectedProfileProperty());
        profileStatus.textProperty().bind(vm.profileStatusProperty());
        profileStatus.managedProperty().bind(vm.profileStatusProperty().isNotEmpty());
        profileStatus.visibleProperty().bind(vm.profileStatusProperty().isNotEmpty());
        showSaveAs(false);
        signInSaveAsName.setOnAction(e -> {
            onSaveAsOk();
            e.consume(); // Enter saves; it does not also start a sign-in
        });
    }

    private void bindForm() {
        authorityField.textProperty().bindBidirectional(vm.authorityProperty());
        cloudChoice.getItems().setAll(Authority.Cloud.values());
        cloudChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Authority.Cloud c) {
                if (c == null) return "";
                return switch (c) {
                    case PUBLIC -> "Public";
                    case US_GOV -> "US Gov";
                    case CHINA -> "China";
                };
            }

            @Override
            public Authority.Cloud fromString(String s) {
                return null;
            }
        });
        cloudChoice.valueProperty().bindBidirectional(vm.cloudProperty());
        cloudChoice.setTooltip(new Tooltip("The cloud of a bare tenant: public (login.microsoftonline.com), US Government "
                + "(login.microsoftonline.us) or China (login.partner.microsoftonline.cn). An authority URL names its own host."));
        Tooltip authority = new Tooltip("A tenant: its GUID or domain (contoso.onmicrosoft.com), organizations, common or consumers.\n"
                + "Or an authority URL: any Entra cloud, Azure AD B2C with its policy (https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signin),\n"
                + "External ID (https://contoso.ciamlogin.com), or any OpenID issuer.");
        authority.setShowDuration(Duration.seconds(30));
        authorityField.setTooltip(authority);
        clientIdField.textProperty().bindBidirectional(vm.clientIdProperty());
        signInScopesField.textProperty().bindBidirectional(vm.scopesProperty());
        scopesHint.textProperty().bind(Bindings.createStringBinding(() -> SignInViewModel.scopesHint(vm.flowProperty().get()), vm.flowProperty()));

        ToggleGroup flows = new ToggleGroup();
        browserRadio.setToggleGroup(flows);
        deviceRadio.setToggleGroup(flows);
        clientCredentialsRadio.setToggleGroup(flows);
        browserRadio.setUserData(Flow.BROWSER);
        deviceRadio.setUserData(Flow.DEVICE);
        clientCredentialsRadio.setUserData(Flow.CLIENT_CREDENTIALS);
        flows.selectedToggleProperty().addListener((obs, o, t) -> {
            if (t != null) vm.flowProperty().set((Flow) t.getUserData());
        });
        vm.flowProperty().addListener((obs, o, f) -> showFlow(f, flows));
        showFlow(vm.flowProperty().get(), flows);

        ToggleGroup creds = new ToggleGroup();
        secretRadio.setToggleGroup(creds);
        certificateRadio.setToggleGroup(creds);
        creds.selectedToggleProperty().addListener((obs, o, t) -> {
            if (t != null) vm.credentialProperty().set(t == certificateRadio ? SignInViewModel.Credential.CERTIFICATE : SignInViewModel.Credential.SECRET);
        });
        vm.credentialProperty().addListener((obs, o, c) -> showCredential(c));
        showCredential(vm.credentialProperty().get());
        secretField.textProperty().bindBidirectional(vm.clientSecretProperty());
        certificatePathField.textProperty().bindBidirectional(vm.certificatePathProperty());
        certificatePasswordField.textProperty().bindBidirectional(vm.certificatePasswordProperty());

        portField.textProperty().bindBidirectional(vm.portProperty());
        redirectField.textProperty().bindBidirectional(vm.redirectUriProperty());
        promptChoice.getItems().setAll("", "select_account", "login", "consent", "none", "create");
        promptChoice.valueProperty().bindBidirectional(vm.promptProperty());
        promptChoice.setTooltip(new Tooltip("prompt: select_account (choose the account), login (ask for credentials again), consent (show consent), "
                + "none (fail instead of asking), create (sign-up, External ID)"));
        loginHintField.textProperty().bindBidirectional(vm.loginHintProperty());
        domainHintField.textProperty().bindBidirectional(vm.domainHintProperty());
        extraField.textProperty().bindBidirectional(vm.extraParametersProperty());
        spaOriginField.textProperty().bindBidirectional(vm.spaOriginProperty());
        Tooltip spa = new Tooltip(SignInViewModel.spaHelp());
        spa.setWrapText(true);
        spa.setMaxWidth(460);
        spa.setShowDuration(Duration.seconds(60));
        spa.setShowDelay(Duration.millis(150));
        spaHelp.setTooltip(spa);
        spaOriginField.setTooltip(spa);
        timeoutField.textProperty().bindBidirectional(vm.timeoutSecondsProperty());

        advancedPane.expandedProperty().addListener((obs, o, open) -> {
            if (open) javafx.application.Platform.runLater(() -> reveal(advancedPane));
        });
        formError.textProperty().bind(vm.formErrorProperty());
        formError.visibleProperty().bind(vm.formErrorProperty().isNotEmpty());
        formError.managedProperty().bind(formError.visibleProperty());
    }

    private void showFlow(Flow f, ToggleGroup flows) {
        RadioButton r = switch (f) {
            case BROWSER -> browserRadio;
            case DEVICE -> deviceRadio;
            case CLIENT_CREDENTIALS -> clientCredentialsRadio;
        };
        if (flows.getSelectedToggle() != r) flows.selectToggle(r);
        boolean cc = f == Flow.CLIENT_CREDENTIALS;
        credentialsBox.setVisible(cc);
        credentialsBox.setManaged(cc);
        if (cc) javafx.application.Platform.runLater(() -> reveal(credentialsBox));
        // The advanced options shape the browser's authorization request and its redemption; the other flows ignore them.
        advancedGrid.setDisable(f != Flow.BROWSER);
        advancedPane.setText(f == Flow.BROWSER ? "Advanced options" : "Advanced options (browser sign-in only)");
    }

    /** Scrolls the form so that {@code n} (just shown) is in view. */
    private void reveal(Node n) {
        formScroll.layout();
        Node content = formScroll.getContent();
        double viewport = formScroll.getViewportBounds().getHeight();
        double excess = content.getLayoutBounds().getHeight() - viewport;
        if (excess <= 0 || n.getScene() == null) return;
        javafx.geometry.Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
        double top = formScroll.getVvalue() * excess;
        if (b.getMaxY() > top + viewport) formScroll.setVvalue(Math.min(1, (b.getMaxY() + 8 - viewport) / excess));
        else if (b.getMinY() < top) formScroll.setVvalue(Math.max(0, b.getMinY() / excess));
    }

    private void showCredential(SignInViewModel.Credential c) {
        boolean cert = c == SignInViewModel.Credential.CERTIFICATE;
        secretRadio.setSelected(!cert);
        certificateRadio.setSelected(cert);
        secretField.setVisible(!cert);
        secretField.setManaged(!cert);
        certificateBox.setVisible(cert);
        certificateBox.setManaged(cert);
        certificatePasswordField.setVisible(cert);
        certificatePasswordField.setManaged(cert);
    }

    private void bindRun() {
        signInProgress.visibleProperty().bind(vm.busyProperty());
        signInProgress.managedProperty().bind(vm.busyProperty());
        statusProgress.visibleProperty().bind(vm.busyProperty());
        statusIcon.visibleProperty().bind(vm.busyProperty().not());
        signInCancelButton.disableProperty().bind(vm.busyProperty().not());
        signInButton.disableProperty().bind(vm.busyProperty());
        statusText.textProperty().bind(vm.statusProperty());

        vm.phaseProperty().addListener((obs, o, p) -> showPhase(p));
        vm.deviceCodeProperty().addListener((obs, o, i) -> showDeviceCode(i));
        vm.authorizationUrlProperty().addListener((obs, o, u) -> showBrowser());
        vm.errorProperty().addListener((obs, o, e) -> showError(e));
        vm.resultProperty().addListener((obs, o, t) -> showResult(t));
        countdownLabel.textProperty().bind(vm.countdownProperty());
        countdownBar.progressProperty().bind(vm.countdownFractionProperty());

        inspectIdButton.disableProperty().bind(vm.hasIdTokenBinding().not());
        refreshButton.disableProperty().bind(vm.canRefreshBinding().not());
        vm.resultProperty().addListener((obs, o, t) -> {
            inspectIdTooltip.setText(t != null && t.idToken().isPresent() ? "Show the ID token in the inspector"
                    : "No ID token came back (client credentials give none; user flows need the openid scope)");
            refreshTooltip.setText(t != null && t.refreshToken().isPresent() ? "Redeem the refresh token and inspect the new access token"
                    : "No refresh token came back (request offline_access; client credentials give none)");
        });
        vm.inspectedProperty().addListener((obs, o, i) -> markInspected(i));

        showDeviceCode(vm.deviceCodeProperty().get());
        showBrowser();
        showError(vm.errorProperty().get());
        showResult(vm.resultProperty().get());
        showPhase(vm.phase());
    }

    private void showPhase(Phase p) {
        statusBox.getStyleClass().removeIf(s -> s.startsWith("phase-"));
        statusBox.getStyleClass().add("phase-" + p.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        statusIcon.setIconLiteral(switch (p) {
            case SUCCEEDED -> "mdi2c-check-circle";
            case FAILED -> "mdi2a-alert-circle";
            case CANCELLED -> "mdi2c-cancel";
            default -> "mdi2l-login";
        });
        boolean idle = p == Phase.IDLE;
        statusBox.setVisible(!idle);
        statusBox.setManaged(!idle);
        outcomePlaceholder.setVisible(idle);
        outcomePlaceholder.setManaged(idle);
    }

    private static void show(Node n, boolean visible) {
        n.setVisible(visible);
        n.setManaged(visible);
    }

    private void showBrowser() {
        var u = vm.authorizationUrlProperty().get();
        authUrlField.setText(u == null ? "" : u.toString());
        show(browserBox, u != null);
    }

    private void showDeviceCode(DeviceCodeInfo i) {
        show(deviceBox, i != null);
        if (i == null) {
            countdown.stop();
            return;
        }
        verificationUri.setText(SafeText.line(i.verificationUri())); // the server's words: shown escaped
        userCode.setText(SafeText.line(i.userCode()));
        String at = CLOCK_TIME.withZone(ZoneId.systemDefault()).format(i.expiresAt());
        deviceMessage.setText((i.message() != null ? SafeText.lines(i.message()) + "\n" : "") + "The code expires at " + at
                + "; Tokenscope asks every " + i.interval().toSeconds() + " s whether the sign-in is done.");
        vm.tick();
        countdown.playFromStart();
        copyCodeButton.requestFocus();
    }

    private void vmTick() {
        vm.tick();
    }

    // ---------------------------------------------------------------- error

    private void showError(SignInException e) {
        errorBox.getChildren().clear();
        if (e == null) {
            show(errorBox, false);
            return;
        }
        // The status line above says what failed; the card says why and what to do, then the provider's own words.
        OAuthError o = e.oauthError().orElse(null);
        Label head = new Label(o != null ? "What the provider answered" : "What to do", Fx.icon("mdi2a-alert-circle-outline"));
        head.setWrapText(true);
        head.getStyleClass().add("error-title");
        head.setId("errorTitle");
        head.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(head, Priority.ALWAYS);
        Button copy = Fx.copyButton("Copy the error with its explanation and the flow log, for a ticket", () -> e.describe()
                + System.lineSeparator() + System.lineSeparator() + "Flow log:" + System.lineSeparator() + vm.logText());
        HBox top = new HBox(8, head, copy);
        top.setAlignment(Pos.CENTER_LEFT);
        errorBox.getChildren().add(top);
        String hint = hint(e);
        if (hint != null) {
            Label h = new Label(hint, Fx.icon("mdi2l-lightbulb-on-outline"));
            h.setWrapText(true);
            h.getStyleClass().add("diagnosis-fix");
            errorBox.getChildren().add(h);
        }
        if (o != null) addOAuthError(o);
        else if (hint == null) {
            Label l = new Label("The flow log below shows each exchange with the provider up to the failure.");
            l.setWrapText(true);
            l.getStyleClass().add("hint-text");
            errorBox.getChildren().add(l);
        }
        show(errorBox, true);
    }

    private static String hint(SignInException e) {
        return dev.tokenscope.ui.model.SignInAdvice.hint(e);
    }

    private void addOAuthError(OAuthError o) {
        for (AadstsCatalogue.Entry x : o.explanations()) errorBox.getChildren().add(aadstsCard(x));
        for (long c : o.errorCodes()) {
            if (AadstsCatalogue.get().lookup(c).isEmpty()) {
                Label l = new Label("AADSTS" + c + " is not in Tokenscope's catalogue: look it up at https://login.microsoftonline.com/error?code=" + c);
                l.setWrapText(true);
                l.getStyleClass().add("hint-text");
                errorBox.getChildren().add(l);
            }
        }
        GridPane facts = new GridPane();
        facts.getStyleClass().add("facts");
        facts.setHgap(12);
        facts.setVgap(4);
        facts.setId("oauthFacts");
        int row = 0;
        Fx.fact(facts, row++, "error", o.error() + (o.httpStatus() > 0 ? " (HTTP " + o.httpStatus() + ")" : " (in the redirect)"));
        if (o.errorDescription() != null) Fx.fact(facts, row++, "description", o.shortDescription());
        if (!o.errorCodes().isEmpty()) Fx.fact(facts, row++, "error codes", String.join(", ", o.errorCodes().stream().map(c -> "AADSTS" + c).toList()));
        if (o.suberror() != null) Fx.fact(facts, row++, "suberror", o.suberror());
        if (o.correlationId() != null) Fx.fact(facts, row++, "correlation id", o.correlationId());
        if (o.traceId() != null) Fx.fact(facts, row++, "trace id", o.traceId());
        if (o.timestamp() != null) Fx.fact(facts, row++, "timestamp", o.timestamp());
        if (o.errorUri() != null) Fx.fact(facts, row, "more", o.errorUri());
        errorBox.getChildren().add(facts);
    }

    private static VBox aadstsCard(AadstsCatalogue.Entry x) {
        Label summary = new Label("AADSTS" + x.code() + (x.name().isEmpty() ? "" : " " + x.name()) + ": " + x.summary());
        summary.setWrapText(true);
        summary.getStyleClass().add("diagnosis-summary");
        Label why = new Label(x.explanation());
        why.setWrapText(true);
        why.getStyleClass().add("diagnosis-explanation");
        Label fix = new Label("Fix: " + x.fix().replace("--spa-origin", "the SPA Origin option"), Fx.icon("mdi2l-lightbulb-on-outline"));
        fix.setWrapText(true);
        fix.getStyleClass().add("diagnosis-fix");
        VBox card = new VBox(6, summary, why, fix);
        card.getStyleClass().addAll("diagnosis-card", "aadsts-card");
        card.setId("aadsts-" + x.code());
        return card;
    }

    // ---------------------------------------------------------------- result

    private void showResult(TokenSet t) {
        resultFacts.getChildren().clear();
        scopeGrid.getChildren().clear();
        if (t == null) {
            show(resultBox, false);
            return;
        }
        int row = 0;
        String exp = t.expiresAt().map(x -> "in " + Math.max(0, t.expiresIn() / 60) + " min (" + CLOCK_TIME.withZone(ZoneId.systemDefault()).format(x) + ")")
                .orElse("not reported");
        Fx.fact(resultFacts, row++, "access token", (t.tokenType() == null ? "" : t.tokenType() + ", ") + "expires " + exp);
        Fx.fact(resultFacts, row++, "ID token", t.idToken().isPresent() ? "received" : "none");
        Fx.fact(resultFacts, row++, "refresh token", t.refreshToken().isPresent() ? "received (memory only, gone when Tokenscope closes)" : "none");
        Fx.fact(resultFacts, row++, "flow", flowName(t.flow()) + ", obtained at " + CLOCK_TIME.withZone(ZoneId.systemDefault()).format(t.obtainedAt()));
        Fx.fact(resultFacts, row++, "authority", t.authority());
        Fx.fact(resultFacts, row, "client", t.clientId());

        TokenSet.ScopeComparison sc = t.scopes();
        int r = 0;
        r = scopeRow(r, "Requested", sc.requested(), "scope-requested", "none");
        r = scopeRow(r, "Granted", sc.granted(), "scope-granted", "not reported by the provider (RFC 6749: as requested)");
        if (!sc.notGranted().isEmpty()) r = scopeRow(r, "Not granted", sc.notGranted(), "scope-missing", "");
        if (!sc.extra().isEmpty()) r = scopeRow(r, "Also granted", sc.extra(), "scope-extra", "");
        scopeRow(r, "In the token", sc.inToken(), "scope-token", "no scp or roles (opaque token, or none granted)");
        show(resultBox, true);
        markInspected(vm.inspectedProperty().get());
    }

    private int scopeRow(int row, String label, List<String> scopes, String style, String none) {
        Label l = new Label(label);
        l.getStyleClass().add("fact-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        Node value;
        if (scopes == null || scopes.isEmpty()) {
            Label n = new Label(none);
            n.getStyleClass().add("hint-text");
            n.setWrapText(true);
            value = n;
        } else {
            FlowPane chips = new FlowPane(6, 4);
            for (String s : scopes) {
                Label chip = new Label(s);
                chip.getStyleClass().addAll("scope-chip", style);
                if (style.equals("scope-missing")) chip.setGraphic(Fx.icon("mdi2a-alert-outline"));
                chips.getChildren().add(chip);
            }
            value = chips;
        }
        value.setId("scopes-" + label.toLowerCase(Locale.ROOT).replace(' ', '-'));
        GridPane.setHgrow(value, Priority.ALWAYS);
        scopeGrid.addRow(row, l, value);
        return row + 1;
    }

    private void markInspected(SignInViewModel.Inspected i) {
        inspectAccessButton.getStyleClass().remove("accent");
        inspectIdButton.getStyleClass().remove("accent");
        if (i == SignInViewModel.Inspected.ACCESS_TOKEN) inspectAccessButton.getStyleClass().add("accent");
        if (i == SignInViewModel.Inspected.ID_TOKEN) inspectIdButton.getStyleClass().add("accent");
    }

    private static String flowName(String flow) {
        return switch (flow) {
            case SignInClient.DEVICE_CODE -> "device code";
            case SignInClient.CLIENT_CREDENTIALS -> "client credentials (app-only)";
            case SignInClient.REFRESH_TOKEN -> "refresh token";
            default -> "authorization code + PKCE";
        };
    }

    // ---------------------------------------------------------------- flow log

    private void bindLog() {
        logList.setItems(vm.logEntries());
        logList.setPlaceholder(new Label("Each HTTP exchange of the sign-in appears here, redacted."));
        logList.setCellFactory(lv -> new LogCell(lv));
        logCount.textProperty().bind(Bindings.createStringBinding(() -> vm.logEntries().isEmpty() ? ""
                : vm.logEntries().size() + (vm.logEntries().size() == 1 ? " entry" : " entries"), vm.logEntries()));
        copyLogButton.disableProperty().bind(Bindings.isEmpty(vm.logEntries()));
        // Follow the newest entry (after the layout pass, as the cells' heights vary with wrapping).
        vm.logEntries().addListener((ListChangeListener<FlowLog.Entry>) c -> javafx.application.Platform.runLater(() -> {
            if (!vm.logEntries().isEmpty()) logList.scrollTo(vm.logEntries().size() - 1);
        }));
        MenuItem copyLine = new MenuItem("Copy this entry");
        copyLine.setOnAction(e -> copySelected());
        MenuItem copyAll = new MenuItem("Copy the whole flow log");
        copyAll.setOnAction(e -> Fx.copy(vm.logText(), null));
        logList.setContextMenu(new ContextMenu(copyLine, copyAll));
        logList.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                copySelected();
                e.consume();
            }
        });
    }

    private void copySelected() {
        FlowLog.Entry e = logList.getSelectionModel().getSelectedItem();
        if (e != null) Fx.copy(FlowLogPresenter.text(e, ZoneId.systemDefault()), null);
    }

    /** One log entry: time, icon, title, and the redacted details in a smaller monospaced font. */
    private static final class LogCell extends ListCell<FlowLog.Entry> {
        private final FontIcon icon = new FontIcon();
        private final Label time = new Label();
        private final Label title = new Label();
        private final Label details = new Label();
        private final VBox box;

        LogCell(ListView<FlowLog.Entry> list) {
            icon.getStyleClass().add("log-icon");
            time.getStyleClass().add("log-time");
            time.setMinWidth(Region.USE_PREF_SIZE);
            title.getStyleClass().add("log-title");
            title.setWrapText(true);
            details.getStyleClass().add("log-details");
            details.setWrapText(true);
            HBox head = new HBox(8, icon, time, title);
            head.setAlignment(Pos.TOP_LEFT);
            HBox.setHgrow(title, Priority.ALWAYS);
            box = new VBox(2, head, details);
            box.getStyleClass().add("log-entry");
            // Wrap long URLs and responses instead of cutting them: fixed widths, heights from the wrapped text.
            title.prefWidthProperty().bind(list.widthProperty().subtract(150));
            title.setMinHeight(Region.USE_PREF_SIZE);
            details.prefWidthProperty().bind(list.widthProperty().subtract(44));
            details.setMinHeight(Region.USE_PREF_SIZE);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(FlowLog.Entry e, boolean empty) {
            super.updateItem(e, empty);
            getStyleClass().removeIf(s -> s.startsWith("log-"));
            if (empty || e == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            String style = FlowLogPresenter.styleClass(e);
            getStyleClass().add(style);
            icon.setIconLiteral(FlowLogPresenter.icon(e));
            time.setText(FlowLogPresenter.time(e, ZoneId.systemDefault()));
            title.setText(FlowLogPresenter.title(e));
            List<String> d = FlowLogPresenter.details(e);
            details.setText(String.join("\n", d));
            details.setVisible(!d.isEmpty());
            details.setManaged(!d.isEmpty());
            setText(null);
            setGraphic(box);
        }
    }

    // ---------------------------------------------------------------- actions

    private Window window() {
        return signInRoot.getScene() == null ? null : signInRoot.getScene().getWindow();
    }

    @FXML
    void onSignIn() {
        if (vm.signIn()) outcomeScroll.setVvalue(0);
    }

    @FXML
    void onCancel() {
        vm.cancel();
    }

    @FXML
    void onRefresh() {
        vm.refresh();
    }

    @FXML
    void onInspectAccess() {
        vm.inspectAccessToken();
    }

    @FXML
    void onInspectId() {
        vm.inspectIdToken();
    }

    @FXML
    void onShowInspector() {
        showInspector.run();
    }

    @FXML
    void onCopyCode() {
        Fx.copy(userCode.getText(), copyCodeButton);
    }

    @FXML
    void onCopyUri() {
        Fx.copy(verificationUri.getText(), null);
    }

    @FXML
    void onOpenPage() {
        vm.openVerificationPage();
    }

    @FXML
    void onCopyUrl() {
        Fx.copy(authUrlField.getText(), null);
    }

    @FXML
    void onReopen() {
        vm.reopenAuthorizationUrl();
    }

    @FXML
    void onCopyLog() {
        Fx.copy(vm.logText(), null);
    }

    @FXML
    void onBrowseCertificate() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Choose the client certificate (key + certificate)");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PEM or PKCS#12", "*.pem", "*.pfx", "*.p12", "*.crt", "*.key"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (lastDir != null && lastDir.isDirectory()) fc.setInitialDirectory(lastDir);
        File f = fc.showOpenDialog(window());
        if (f != null) {
            lastDir = f.getParentFile();
            vm.certificatePathProperty().set(f.getAbsolutePath());
        }
    }

    private void showSaveAs(boolean show) {
        signInSaveAsBox.setVisible(show);
        signInSaveAsBox.setManaged(show);
    }

    @FXML
    void onSave() {
        if (!vm.save()) {
            showSaveAs(true);
            signInSaveAsName.requestFocus();
        }
    }

    @FXML
    void onSaveAs() {
        String n = vm.profileNameProperty().get();
        signInSaveAsName.setText(n == null || n.equals(SignInViewModel.NEW_PROFILE) ? "" : n);
        showSaveAs(true);
        signInSaveAsName.requestFocus();
    }

    @FXML
    void onSaveAsOk() {
        if (vm.saveAs(signInSaveAsName.getText())) showSaveAs(false);
    }

    @FXML
    void onSaveAsCancel() {
        showSaveAs(false);
    }

    @FXML
    void onDelete() {
        vm.deleteCurrent();
    }

    // For tests.
    ListView<FlowLog.Entry> logList() { return logList; }
    VBox errorBox() { return errorBox; }
    VBox resultBox() { return resultBox; }
    VBox deviceBox() { return deviceBox; }
}
