package dev.tokenscope.ui;

import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.ui.fx.LazyTooltip;
import dev.tokenscope.ui.model.HarListRow;
import dev.tokenscope.ui.model.HarViewModel;
import dev.tokenscope.ui.model.InspectorViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;

import java.io.File;

/**
 * The HAR window: every token of a capture with request, time, where it was found, audience, expiry and verdict.
 * Double-click, Enter or "Inspect" shows a token's whole report in the main window. Thin: the logic is in {@link HarViewModel}.
 */
public final class HarController {
    @FXML private BorderPane root;
    @FXML private Label fileLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Button cancelButton;
    @FXML private Button recheckButton;
    @FXML private Button openButton;
    @FXML private Label statusLabel;
    @FXML private Label warningsLabel;
    @FXML private Label storyLabel;
    @FXML private TableView<HarListRow> table;
    @FXML private TableColumn<HarListRow, Number> numberColumn;
    @FXML private TableColumn<HarListRow, HarListRow> verdictColumn;
    @FXML private TableColumn<HarListRow, String> reasonColumn;
    @FXML private TableColumn<HarListRow, String> httpColumn;
    @FXML private TableColumn<HarListRow, String> judgedByColumn;
    @FXML private TableColumn<HarListRow, String> requestColumn;
    @FXML private TableColumn<HarListRow, String> timeColumn;
    @FXML private TableColumn<HarListRow, String> whereColumn;
    @FXML private TableColumn<HarListRow, String> audienceColumn;
    @FXML private TableColumn<HarListRow, String> expiresColumn;
    @FXML private Label detailsLabel;
    @FXML private Button inspectButton;

    private HarViewModel model;
    private Runnable afterInspect = () -> { };
    private File lastDir;
    private final Label placeholder = new Label();

    public void bind(HarViewModel m) {
        this.model = m;
        table.setItems(m.rows());
        fileLabel.textProperty().bind(Bindings.createStringBinding(() -> m.fileProperty().get() == null ? "No capture open"
                : m.fileProperty().get().toAbsolutePath().toString(), m.fileProperty()));
        progressBar.progressProperty().bind(m.progressProperty());
        progressBar.visibleProperty().bind(m.busyProperty());
        progressBar.managedProperty().bind(m.busyProperty());
        cancelButton.disableProperty().bind(m.busyProperty().not());
        recheckButton.disableProperty().bind(m.fileProperty().isNull().or(m.busyProperty()));
        statusLabel.textProperty().bind(m.statusProperty());
        m.statusKindProperty().addListener((obs, o, k) -> styleStatus(k));
        styleStatus(m.statusKindProperty().get());
        storyLabel.textProperty().bind(m.storyProperty());
        storyLabel.visibleProperty().bind(m.storyProperty().isNotEmpty());
        storyLabel.managedProperty().bind(storyLabel.visibleProperty());
        warningsLabel.textProperty().bind(m.warningsProperty());
        warningsLabel.visibleProperty().bind(m.warningsProperty().isNotEmpty());
        warningsLabel.managedProperty().bind(warningsLabel.visibleProperty());
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> m.isBusy() ? "Looking for tokens…"
                : m.fileProperty().get() == null ? "Open a HAR capture to list its tokens." : "No token in this capture.", m.busyProperty(),
                m.fileProperty()));
        // The row that explains the capture's failure (the `Bearer undefined` → 401) is selected first.
        m.explainingProperty().addListener((obs, o, row) -> {
            if (row == null) return;
            table.getSelectionModel().select(row);
            table.scrollTo(row);
        });
        inspectButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, row) -> detailsLabel.setText(row == null
                ? "Select a token: double-click it (or press Enter) to see its whole report in the main window." : row.details()));
        detailsLabel.setText("Select a token: double-click it (or press Enter) to see its whole report in the main window.");
    }

    @FXML
    private void initialize() {
        placeholder.getStyleClass().add("placeholder");
        placeholder.setWrapText(true);
        table.setPlaceholder(placeholder);
        numberColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().number()));
        verdictColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        verdictColumn.setComparator(HarListRow.BY_SEVERITY);
        requestColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().request()));
        reasonColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().reason()));
        httpColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().http()));
        judgedByColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().judgedBy()));
        reasonColumn.setCellFactory(col -> textCell("har-reason"));
        httpColumn.setCellFactory(col -> textCell("har-http"));
        judgedByColumn.setCellFactory(col -> textCell("har-judged-by"));
        timeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().time()));
        whereColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().where()));
        audienceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().audience()));
        expiresColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().expires()));
        requestColumn.setCellFactory(col -> textCell("har-request"));
        timeColumn.setCellFactory(col -> textCell("har-time"));
        whereColumn.setCellFactory(col -> textCell("har-where"));
        audienceColumn.setCellFactory(col -> textCell("har-audience"));
        expiresColumn.setCellFactory(col -> textCell("har-expires"));
        verdictColumn.setCellFactory(col -> {
            TableCell<HarListRow, HarListRow> cell = verdictCell();
            cell.getStyleClass().add("har-verdict");
            return cell;
        });
        table.setRowFactory(tv -> {
            TableRow<HarListRow> r = new TableRow<>();
            r.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !r.isEmpty()) inspect(r.getItem());
            });
            return r;
        });
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                inspect(table.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty();
            if (ok) model.open(e.getDragboard().getFiles().get(0).toPath());
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** Escape cancels a running scan. */
    public void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && model.isBusy()) {
                model.cancel();
                e.consume();
            }
        });
    }

    /** What happens after a token went to the main window (the HAR window brings it to the front). */
    public void onInspected(Runnable r) {
        this.afterInspect = r;
    }

    private void inspect(HarListRow row) {
        model.inspect(row);
        afterInspect.run();
    }

    private static TableCell<HarListRow, HarListRow> verdictCell() {
        TableCell<HarListRow, HarListRow> cell = new TableCell<>() {
            @Override
            protected void updateItem(HarListRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeIf(s -> s.startsWith("status-"));
                if (empty || row == null) {
                    setText(null);
                    setGraphic(null);
                    LazyTooltip.setText(this, null);
                    return;
                }
                Label word = new Label(row.verdict(), Fx.icon(row.icon()));
                word.getStyleClass().add("verdict-word-cell");
                setGraphic(word);
                setText(null);
                getStyleClass().add(row.styleClass());
                LazyTooltip.setText(this, row.details());
            }
        };
        LazyTooltip.follow(cell); // made on hover: a capture may list hundreds of tokens
        return cell;
    }

    private static TableCell<HarListRow, String> textCell(String style) {
        return Fx.textCell(style, 24);
    }

    private void styleStatus(InspectorViewModel.MessageKind k) {
        statusLabel.getStyleClass().removeAll("message-error", "message-info");
        statusLabel.getStyleClass().add(k == InspectorViewModel.MessageKind.ERROR ? "message-error" : "message-info");
    }

    @FXML
    private void onInspect() {
        inspect(table.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void onCancel() {
        model.cancel();
    }

    @FXML
    private void onRecheck() {
        model.recheck();
    }

    @FXML
    private void onOpen() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a HAR capture");
        fc.getExtensionFilters()
                .addAll(new FileChooser.ExtensionFilter("HAR captures", "*.har"), new FileChooser.ExtensionFilter("All files", "*"));
        if (lastDir == null && model.fileProperty().get() != null && model.fileProperty().get().toAbsolutePath().getParent() != null) {
            lastDir = model.fileProperty().get().toAbsolutePath().getParent().toFile();
        }
        if (lastDir != null && lastDir.isDirectory()) fc.setInitialDirectory(lastDir);
        File f = fc.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (f != null) {
            lastDir = f.getParentFile();
            model.open(f.toPath());
        }
    }

    // For tests.
    TableView<HarListRow> table() { return table; }
}
