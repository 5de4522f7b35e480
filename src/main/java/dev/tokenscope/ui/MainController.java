package dev.tokenscope.ui;

import dev.tokenscope.engine.about.Version;
import dev.tokenscope.engine.export.ExportFormat;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.ui.model.Banner;
import dev.tokenscope.ui.model.HistoryEntry;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.JudgedAgainst;
import dev.tokenscope.ui.model.StepFocus;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.SampleCatalog;
import dev.tokenscope.ui.signin.SignInWindow;
import dev.tokenscope.ui.model.Shortcuts;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;

/** The main window: input, verdict banner, steps, report tabs and the profile panel. Thin: the logic is in the view models. */
public final class MainController {
    static final KeyCombination PASTE = new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN);

    @FXML private BorderPane root;
    @FXML private Menu samplesMenu;
    @FXML private Menu historyMenu;
    @FXML private CheckMenuItem darkItem;
    @FXML private CheckMenuItem profileItem;
    @FXML private TextArea tokenInput;
    @FXML private Button inspectButton;
    @FXML private Button cancelButton;
    @FXML private ProgressIndicator progress;
    @FXML private MenuButton samplesButton;
    @FXML private MenuButton historyButton;
    @FXML private ToggleButton themeToggle;
    @FXML private FontIcon themeIcon;
    @FXML private Tooltip themeTooltip;
    @FXML private ToggleButton profileToggle;
    @FXML private Label messageLabel;
    @FXML private HBox banner;
    @FXML private FontIcon bannerIcon;
    @FXML private Label verdictWord;
    @FXML private Label verdictText;
    @FXML private Label bannerNotes;
    @FXML private Label judgedLabel;
    @FXML private FontIcon judgedIcon;
    @FXML private HBox candidateBox;
    @FXML private ChoiceBox<String> candidateChoice;
    @FXML private TabPane tabs;
    @FXML private Tab claimsTab;
    @FXML private Tab headerTab;
    @FXML private Tab keyTab;
    @FXML private Tab rawTab;
    @FXML private Tab diagnosesTab;
    @FXML private Tab snippetsTab;
    @FXML private Tab serverTab;
    @FXML private Menu exportMenu;
    @FXML private MenuItem exportMarkdownItem;
    @FXML private MenuItem exportHtmlItem;
    @FXML private MenuItem exportJsonItem;
    @FXML private CheckMenuItem keepSignatureItem;
    @FXML private CheckMenuItem maskPiiItem;
    @FXML private MenuItem copyMarkdownItem;
    @FXML private Button copyMarkdownButton;
    @FXML private StepsController stepsController;
    @FXML private ClaimsController claimsController;
    @FXML private ProfileController profileController;
    // The other tabs' views: loaded when a tab is first selected (or asked for).
    private LazyTab<HeaderController> header;
    private LazyTab<KeyController> key;
    private LazyTab<RawController> raw;
    private LazyTab<DiagnosesController> diagnoses;
    private LazyTab<ServerController> server;
    private LazyTab<SnippetController> snippets;

    private MainViewModel model;
    private InspectorViewModel vm;
    private boolean updatingCandidates;
    private boolean samplesBuilt;
    private File lastDir;
    private SignInWindow.Loaded signInWindow;
    private HarWindow.Loaded harWindow;

    public void bind(MainViewModel m) {
        this.model = m;
        this.vm = m.inspector();
        tokenInput.textProperty().bindBidirectional(vm.inputProperty());
        progress.visibleProperty().bind(vm.busyProperty());
        progress.managedProperty().bind(vm.busyProperty());
        cancelButton.disableProperty().bind(vm.busyProperty().not());
        messageLabel.textProperty().bind(vm.messageProperty());
        vm.messageKindProperty().addListener((obs, o, k) -> styleMessage(k));
        styleMessage(vm.messageKindProperty().get());

        stepsController.bind(vm);
        profileController.bind(m.profiles());
        header = new LazyTab<>(headerTab, "HeaderView.fxml", c -> c.bind(vm));
        key = new LazyTab<>(keyTab, "KeyView.fxml", c -> c.bind(vm));
        raw = new LazyTab<>(rawTab, "RawView.fxml", c -> c.bind(vm));
        diagnoses = new LazyTab<>(diagnosesTab, "DiagnosesView.fxml", c -> {
            c.bind(vm);
            c.setOnDiagnosis(id -> StepFocus.of(vm.report(), id).ifPresent(stepsController::reveal));
        });
        server = new LazyTab<>(serverTab, "ServerView.fxml", c -> c.bind(vm));
        snippets = new LazyTab<>(snippetsTab, "SnippetView.fxml", c -> c.bind(m.snippets()));
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, o, tab) -> LazyTab.load(tab));
        LazyTab.load(tabs.getSelectionModel().getSelectedItem());
        bindExport(m);
        m.setOnHarOpened(this::showHarWindow);
        claimsController.setKind("claim", "Filter by name, value or meaning (e.g. time, tid, PII)");
        vm.reportProperty().addListener((obs, o, r) -> show(r));
        show(vm.report());
        // The screen follows the token: the banner and each diagnosis open the step they explain.
        banner.setOnMouseClicked(e -> revealBannerStep());
        banner.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                revealBannerStep();
                e.consume();
            }
        });

        // The samples are read when a menu listing them first opens (File, or the toolbar's samples button).
        javafx.event.EventHandler<javafx.event.Event> samples = e -> {
            if (!samplesBuilt) buildSamples(m.samples());
            samplesBuilt = true;
        };
        samplesMenu.getParentMenu().addEventHandler(Menu.ON_SHOWING, samples);
        samplesButton.addEventHandler(MenuButton.ON_SHOWING, samples);
        vm.history().addListener((ListChangeListener<HistoryEntry>) c -> buildHistory());
        buildHistory();

        darkItem.selectedProperty().bindBidirectional(m.darkProperty());
        themeToggle.selectedProperty().bindBidirectional(m.darkProperty());
        m.darkProperty().addListener((obs, o, dark) -> applyTheme(dark));
        applyTheme(m.darkProperty().get());
        profileItem.selectedProperty().bindBidirectional(m.profilePanelProperty());
        profileToggle.selectedProperty().bindBidirectional(m.profilePanelProperty());
        m.profilePanelProperty().addListener((obs, o, show) -> root.setRight(show ? profileController.panel() : null));
        root.setRight(m.profilePanelProperty().get() ? profileController.panel() : null);

        candidateChoice.getSelectionModel().selectedIndexProperty().addListener((obs, o, i) -> {
            if (!updatingCandidates && i != null && i.intValue() >= 0) vm.inspectCandidate(i.intValue());
        });
        tokenInput.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShiftDown() && !e.isControlDown() && !e.isAltDown()) {
                vm.inspect();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && e.isShiftDown()) {
                tokenInput.replaceSelection("\n");
                e.consume();
            } else if (e.getCode() == KeyCode.TAB && !e.isShiftDown() && !e.isControlDown()) {
                // Tokens hold no tabs: Tab moves on (keyboard navigation) instead of typing one.
                inspectButton.requestFocus();
                e.consume();
            }
        });
        installDragAndDrop();
    }

    private void bindExport(MainViewModel m) {
        var unavailable = m.export().availableProperty().not();
        for (MenuItem item : List.of(exportMarkdownItem, exportHtmlItem, exportJsonItem, copyMarkdownItem)) item.disableProperty().bind(unavailable);
        copyMarkdownButton.disableProperty().bind(unavailable);
        keepSignatureItem.selectedProperty().bindBidirectional(m.export().keepSignatureProperty());
        maskPiiItem.selectedProperty().bindBidirectional(m.export().maskPiiProperty());
        // Masking leaves the token text out altogether, so "keep signature" has nothing to keep then.
        keepSignatureItem.disableProperty().bind(m.export().maskPiiProperty());
    }

    /** Window-wide keys: Ctrl+V inspects the clipboard (unless typing in another field), Escape cancels. */
    public void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (PASTE.match(e)) {
                Node focus = scene.getFocusOwner();
                if (focus instanceof TextInputControl && focus != tokenInput) return;
                onPaste();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && vm.isBusy()) {
                vm.cancel();
                e.consume();
            }
        });
    }

    private void installDragAndDrop() {
        root.setOnDragOver(e -> {
            Dragboard db = e.getDragboard();
            if (db.hasFiles() || db.hasString()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        root.setOnDragEntered(e -> {
            if (e.getDragboard().hasFiles() || e.getDragboard().hasString()) root.getStyleClass().add("drop-target");
        });
        root.setOnDragExited(e -> root.getStyleClass().remove("drop-target"));
        root.setOnDragDropped(e -> {
            Dragboard db = e.getDragboard();
            boolean ok = true;
            if (db.hasFiles() && !db.getFiles().isEmpty()) {
                vm.openFile(db.getFiles().get(0).toPath());
            } else if (db.hasString()) {
                vm.inspectText(db.getString());
            } else {
                ok = false;
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private void revealBannerStep() {
        StepFocus.ofBanner(vm.report()).ifPresent(stepsController::reveal);
    }

    private void show(Report r) {
        JudgedAgainst judged = vm.judged();
        Banner b = Banner.of(r, judged);
        boolean showJudged = r != null && r.token() != null && judged != null;
        judgedLabel.setText(showJudged ? judged.line() : "");
        judgedLabel.setVisible(showJudged);
        judgedLabel.setManaged(showJudged);
        judgedLabel.getStyleClass().remove("judged-unusual");
        if (showJudged && judged.unusual()) judgedLabel.getStyleClass().add("judged-unusual");
        judgedIcon.setIconLiteral(showJudged && judged.unusual() ? "mdi2a-alert-outline" : "mdi2t-tune");
        banner.getStyleClass().removeIf(s -> s.startsWith("verdict-") && !s.equals("verdict-banner"));
        banner.getStyleClass().add(b.styleClass());
        bannerIcon.setIconLiteral(b.icon());
        verdictWord.setText(b.word());
        verdictWord.setVisible(!b.word().isEmpty());
        verdictWord.setManaged(!b.word().isEmpty());
        verdictText.setText(b.text());
        String notes = Banner.notes(r);
        bannerNotes.setText(notes);
        bannerNotes.setVisible(!notes.isEmpty());
        bannerNotes.setManaged(!notes.isEmpty());
        verdictText.setTooltip(new Tooltip(b.text()));
        banner.setAccessibleText(b.word() + " " + b.text() + (showJudged ? ". " + judged.line() : ""));

        List<Report.CandidateView> cands = r == null || r.input() == null ? List.of() : r.input().candidates();
        updatingCandidates = true;
        try {
            candidateChoice.getItems().setAll(cands.stream().map(c -> dev.tokenscope.engine.text.SafeText.line(c.role() + " (" + c.source() + ", " + c.length() + " chars)")).toList());
            if (r != null && r.input() != null && r.input().selected() >= 0) candidateChoice.getSelectionModel().select(r.input().selected());
        } finally {
            updatingCandidates = false;
        }
        candidateBox.setVisible(cands.size() > 1);
        candidateBox.setManaged(cands.size() > 1);

        Report.TokenView t = r == null ? null : r.token();
        claimsController.setRows(t == null ? null : t.claimAnnotations(), r == null ? "Inspect a token to see its claims."
                : t == null ? dev.tokenscope.engine.text.SafeText.line(r.summary())
                : switch (t.kind()) {
                    case JWE -> "Encrypted token: its claims are readable only with the resource's private key.";
                    case OPAQUE -> "Opaque token: it has no claims a client can read; only the resource that issued it can.";
                    default -> t.claims() == null ? "The payload could not be decoded; see the Format step." : "The token has no claims.";
                });
        int n = r == null ? 0 : r.diagnoses().size();
        diagnosesTab.setText(n == 0 ? "Diagnoses" : "Diagnoses (" + n + ")");
        int c = t == null || t.claimAnnotations() == null ? 0 : t.claimAnnotations().size();
        claimsTab.setText(c == 0 ? "Claims" : "Claims (" + c + ")");
    }

    private void styleMessage(InspectorViewModel.MessageKind k) {
        messageLabel.getStyleClass().removeAll("message-error", "message-info");
        if (k == InspectorViewModel.MessageKind.ERROR) messageLabel.getStyleClass().add("message-error");
        if (k == InspectorViewModel.MessageKind.INFO) messageLabel.getStyleClass().add("message-info");
        boolean show = k != InspectorViewModel.MessageKind.NONE;
        messageLabel.setVisible(show);
        messageLabel.setManaged(show);
    }

    private void buildSamples(List<SampleCatalog.Sample> samples) {
        samplesMenu.getItems().clear();
        samplesButton.getItems().clear();
        if (samples.isEmpty()) {
            MenuItem none = new MenuItem("No samples found (assets/samples/ or bundled)");
            none.setDisable(true);
            samplesMenu.getItems().add(none);
            MenuItem none2 = new MenuItem(none.getText());
            none2.setDisable(true);
            samplesButton.getItems().add(none2);
            return;
        }
        for (SampleCatalog.Sample s : samples) {
            String label = s.description().equals(s.name()) ? s.name() : s.name() + " — " + s.description();
            MenuItem a = new MenuItem(label);
            a.setMnemonicParsing(false);
            a.setOnAction(e -> model.loadSample(s));
            samplesMenu.getItems().add(a);
            MenuItem b = new MenuItem(label);
            b.setMnemonicParsing(false);
            b.setOnAction(e -> model.loadSample(s));
            samplesButton.getItems().add(b);
        }
    }

    private void buildHistory() {
        historyMenu.getItems().clear();
        historyButton.getItems().clear();
        if (vm.history().isEmpty()) {
            MenuItem none = new MenuItem("Nothing inspected yet");
            none.setDisable(true);
            historyMenu.getItems().add(none);
            MenuItem none2 = new MenuItem(none.getText());
            none2.setDisable(true);
            historyButton.getItems().add(none2);
            return;
        }
        for (HistoryEntry h : vm.history()) {
            for (var menu : List.of(historyMenu.getItems(), historyButton.getItems())) {
                MenuItem item = new MenuItem(h.label(ZoneId.systemDefault()));
                item.setMnemonicParsing(false);
                item.setOnAction(e -> vm.inspectText(h.input()));
                menu.add(item);
            }
        }
    }

    private void applyTheme(boolean dark) {
        Theme.apply(dark);
        themeIcon.setIconLiteral(dark ? "mdi2w-white-balance-sunny" : "mdi2w-weather-night");
        themeTooltip.setText(dark ? "Light theme (Ctrl+Shift+D)" : "Dark theme (Ctrl+Shift+D)");
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    @FXML
    void onInspect() {
        vm.inspect();
    }

    @FXML
    void onCancel() {
        vm.cancel();
    }

    @FXML
    void onPaste() {
        Clipboard cb = Clipboard.getSystemClipboard();
        if (cb.hasFiles() && !cb.getFiles().isEmpty()) {
            vm.openFile(cb.getFiles().get(0).toPath());
        } else if (cb.hasString() && cb.getString() != null && !cb.getString().isBlank()) {
            vm.inspectText(cb.getString());
        } else {
            vm.showError("The clipboard holds no text: copy the token (or the whole Authorization header or token response) first.");
        }
    }

    @FXML
    void onOpen() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a file holding a token, or a HAR capture");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Tokens and HAR captures", "*.txt", "*.json", "*.jwt", "*.http", "*.log", "*.har"),
                new FileChooser.ExtensionFilter("HAR captures (browser network tab)", "*.har"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (lastDir != null && lastDir.isDirectory()) fc.setInitialDirectory(lastDir);
        File f = fc.showOpenDialog(window());
        if (f != null) {
            lastDir = f.getParentFile();
            vm.openFile(f.toPath());
        }
    }

    /** File ▸ Sign in… and the toolbar's Sign in button: the sign-in window (one per main window, kept between uses). */
    @FXML
    void onSignIn() {
        if (signInWindow == null) signInWindow = SignInWindow.create(model.signIn(), window());
        SignInWindow.show(signInWindow);
    }

    @FXML
    void onClear() {
        vm.clear();
        tokenInput.requestFocus();
    }

    @FXML
    void onQuit() {
        Platform.exit();
    }

    @FXML void showClaims() { tabs.getSelectionModel().select(claimsTab); }
    @FXML void showHeader() { tabs.getSelectionModel().select(headerTab); }
    @FXML void showKey() { tabs.getSelectionModel().select(keyTab); }
    @FXML void showRaw() { tabs.getSelectionModel().select(rawTab); }
    @FXML void showDiagnoses() { tabs.getSelectionModel().select(diagnosesTab); }
    @FXML void showSnippets() { tabs.getSelectionModel().select(snippetsTab); }
    @FXML void showServer() { tabs.getSelectionModel().select(serverTab); }

    @FXML void onExportMarkdown() { export(ExportFormat.MARKDOWN); }
    @FXML void onExportHtml() { export(ExportFormat.HTML); }
    @FXML void onExportJson() { export(ExportFormat.JSON); }

    /** File ▸ Export report ▸ FORMAT…: a save dialog, then the redacted export (the message line names the file). */
    private void export(ExportFormat format) {
        if (!model.export().isAvailable()) return;
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the report as " + format.label() + " (" + model.export().redaction() + ")");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.label(), "*." + format.extension()));
        fc.setInitialFileName(model.export().suggestedFileName(format));
        if (lastDir != null && lastDir.isDirectory()) fc.setInitialDirectory(lastDir);
        File f = fc.showSaveDialog(window());
        if (f == null) return;
        lastDir = f.getParentFile();
        model.export().writeInBackground(f.toPath(), format); // the message line says how it went
    }

    /** File ▸ Copy report as Markdown and the toolbar button: the redacted Markdown report on the clipboard. */
    @FXML
    void onCopyMarkdown() {
        if (model.export().isAvailable()) model.export().copyMarkdown();
    }

    /** The HAR window (made on first use, kept for the next capture). */
    void showHarWindow() {
        if (harWindow == null) harWindow = HarWindow.create(model.har(), window());
        HarWindow.show(harWindow);
    }

    @FXML
    void onShortcuts() {
        javafx.scene.layout.GridPane table = new javafx.scene.layout.GridPane();
        table.getStyleClass().add("shortcuts-table");
        table.setId("shortcutsTable");
        Label keyHead = new Label("Keys");
        Label actionHead = new Label("Does");
        keyHead.getStyleClass().add("section-title");
        actionHead.getStyleClass().add("section-title");
        table.addRow(0, keyHead, actionHead);
        int row = 1;
        for (Shortcuts.Shortcut s : Shortcuts.ALL) {
            Label k = new Label(s.keys());
            k.getStyleClass().add("shortcut-key");
            k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label a = new Label(s.action());
            a.setWrapText(true);
            a.setMaxWidth(520);
            table.addRow(row++, k, a);
        }
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.OK);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.getDialogPane().setContent(table);
        a.initOwner(window());
        a.getDialogPane().getStyleClass().add("info-dialog");
        a.show();
    }

    @FXML
    void onAbout() {
        info("About Tokenscope", "Tokenscope " + Version.get() + "\nIs this Entra ID token valid for my API, and if not, why not?\n\n"
                + "Tokens stay on this machine: only public OpenID metadata and key sets are fetched and cached.");
    }

    private void info(String title, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.OK);
        a.setTitle(title);
        a.setHeaderText(title);
        a.initOwner(window());
        a.getDialogPane().getStyleClass().add("info-dialog");
        a.show();
    }

    // For tests.
    TextArea tokenInput() { return tokenInput; }
    StepsController steps() { return stepsController; }
    ClaimsController claims() { return claimsController; }
    HeaderController header() { return header.controller(); }
    RawController raw() { return raw.controller(); }
    TabPane tabs() { return tabs; }
    SignInWindow.Loaded signInWindow() { return signInWindow; }
    HarWindow.Loaded harWindow() { return harWindow; }
    Tab snippetsTab() { return snippetsTab; }
    Tab serverTab() { return serverTab; }
    ServerController server() { return server.controller(); }
    SnippetController snippets() { return snippets.controller(); }
    KeyController key() { return key.controller(); }
    DiagnosesController diagnoses() { return diagnoses.controller(); }
    /** The tabs whose views are loaded (the first one only, until another is selected). */
    List<Tab> loadedTabs() {
        return tabs.getTabs().stream().filter(t -> !(t.getUserData() instanceof LazyTab<?> l) || l.loaded()).toList();
    }
}
