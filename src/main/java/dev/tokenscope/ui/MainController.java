package dev.tokenscope.ui;

import dev.tokenscope.ui.fx.LazyTooltip;
import dev.tokenscope.engine.export.ExportFormat;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.text.SafeText;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.StepFocus;
import dev.tokenscope.ui.signin.SignInWindow;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Button;
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
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;

/**
 * The main window: input, verdict banner, steps, report tabs and the profile panel. Thin: the logic is in the view
 * models; the banner ({@link VerdictBanner}), keys ({@link InputKeys}), paste and drop ({@link InputTransfer}), the
 * samples and history menus ({@link InputMenus}) and the dialogs ({@link FileDialogs}, {@link InfoDialogs}) are apart.
 */
public final class MainController {
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
    private VerdictBanner verdict;
    private FileDialogs files;
    private SignInWindow.Loaded signInWindow;
    private HarWindow.Loaded harWindow;

    public void bind(MainViewModel m) {
        this.model = m;
        this.vm = m.inspector();
        this.files = new FileDialogs(this::window);
        tokenInput.textProperty().bindBidirectional(vm.inputProperty());
        progress.visibleProperty().bind(vm.busyProperty());
        progress.managedProperty().bind(vm.busyProperty());
        cancelButton.disableProperty().bind(vm.busyProperty().not());
        // The screen follows the token: the banner and each diagnosis open the step they explain.
        verdict = new VerdictBanner(new VerdictBanner.Nodes(banner, bannerIcon, verdictWord, verdictText, bannerNotes,
                judgedLabel, judgedIcon, candidateBox, candidateChoice, messageLabel), vm, this::revealBannerStep);

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
        new InputMenus(m, samplesMenu, samplesButton, historyMenu, historyButton);

        darkItem.selectedProperty().bindBidirectional(m.darkProperty());
        themeToggle.selectedProperty().bindBidirectional(m.darkProperty());
        m.darkProperty().addListener((obs, o, dark) -> applyTheme(dark));
        applyTheme(m.darkProperty().get());
        profileItem.selectedProperty().bindBidirectional(m.profilePanelProperty());
        profileToggle.selectedProperty().bindBidirectional(m.profilePanelProperty());
        m.profilePanelProperty().addListener((obs, o, show) -> root.setRight(show ? profileController.panel() : null));
        root.setRight(m.profilePanelProperty().get() ? profileController.panel() : null);

        InputKeys.installOnInput(tokenInput, inspectButton, vm);
        InputTransfer.installDragAndDrop(root, vm);
    }

    private void bindExport(MainViewModel m) {
        var unavailable = m.export().availableProperty().not();
        for (MenuItem item : List.of(exportMarkdownItem, exportHtmlItem, exportJsonItem, copyMarkdownItem)) {
            item.disableProperty().bind(unavailable);
        }
        copyMarkdownButton.disableProperty().bind(unavailable);
        keepSignatureItem.selectedProperty().bindBidirectional(m.export().keepSignatureProperty());
        maskPiiItem.selectedProperty().bindBidirectional(m.export().maskPiiProperty());
        // Masking leaves the token text out altogether, so "keep signature" has nothing to keep then.
        keepSignatureItem.disableProperty().bind(m.export().maskPiiProperty());
    }

    /** Window-wide keys: Ctrl+V inspects the clipboard (unless typing in another field), Escape cancels. */
    public void install(Scene scene) {
        InputKeys.installOnScene(scene, tokenInput, vm, this::onPaste);
    }

    private void revealBannerStep() {
        StepFocus.ofBanner(vm.report()).ifPresent(stepsController::reveal);
    }

    private void show(Report r) {
        verdict.show(r);
        Report.TokenView t = r == null ? null : r.token();
        claimsController.setRows(t == null ? null : t.claimAnnotations(), r == null ? "Inspect a token to see its claims."
                : t == null ? SafeText.line(r.summary())
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

    private void applyTheme(boolean dark) {
        Theme.apply(dark);
        themeIcon.setIconLiteral(dark ? "mdi2w-white-balance-sunny" : "mdi2w-weather-night");
        LazyTooltip.setText(themeToggle, dark ? "Light theme (Ctrl+Shift+D)" : "Dark theme (Ctrl+Shift+D)");
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    @FXML void onInspect() { vm.inspect(); }
    @FXML void onCancel() { vm.cancel(); }
    @FXML void onPaste() { InputTransfer.paste(vm); }
    @FXML void onOpen() { files.open(vm); }

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

    @FXML void onQuit() { Platform.exit(); }

    @FXML void showClaims() { tabs.getSelectionModel().select(claimsTab); }
    @FXML void showHeader() { tabs.getSelectionModel().select(headerTab); }
    @FXML void showKey() { tabs.getSelectionModel().select(keyTab); }
    @FXML void showRaw() { tabs.getSelectionModel().select(rawTab); }
    @FXML void showDiagnoses() { tabs.getSelectionModel().select(diagnosesTab); }
    @FXML void showSnippets() { tabs.getSelectionModel().select(snippetsTab); }
    @FXML void showServer() { tabs.getSelectionModel().select(serverTab); }

    @FXML void onExportMarkdown() { files.export(model.export(), ExportFormat.MARKDOWN); }
    @FXML void onExportHtml() { files.export(model.export(), ExportFormat.HTML); }
    @FXML void onExportJson() { files.export(model.export(), ExportFormat.JSON); }

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

    @FXML void onShortcuts() { InfoDialogs.shortcuts(window()); }
    @FXML void onAbout() { InfoDialogs.about(window()); }

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
