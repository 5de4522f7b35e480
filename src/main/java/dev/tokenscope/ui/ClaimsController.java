package dev.tokenscope.ui;

import dev.tokenscope.ui.fx.Fx;
import dev.tokenscope.ui.fx.LazyTooltip;
import dev.tokenscope.engine.claims.ClaimView;
import dev.tokenscope.ui.model.ClaimRow;
import dev.tokenscope.ui.model.ClaimsViewModel;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

import java.util.List;
import java.util.stream.Collectors;

/** A table of claims (or header members) with meanings, a PII marker, a filter box and a detail line. */
public final class ClaimsController {
    @FXML private TextField filterField;
    @FXML private Label countLabel;
    @FXML private Button copyButton;
    @FXML private TableView<ClaimRow> table;
    @FXML private TableColumn<ClaimRow, String> nameColumn;
    @FXML private TableColumn<ClaimRow, String> valueColumn;
    @FXML private TableColumn<ClaimRow, String> meaningColumn;
    @FXML private TableColumn<ClaimRow, Boolean> piiColumn;
    @FXML private Label details;

    private final ClaimsViewModel model = new ClaimsViewModel();
    private final Label placeholder = new Label();
    private String kind = "claim";

    @FXML
    private void initialize() {
        SortedList<ClaimRow> sorted = new SortedList<>(model.filtered());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        filterField.textProperty().bindBidirectional(model.filterProperty());
        countLabel.textProperty().bind(model.countBinding());
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("placeholder");
        table.setPlaceholder(placeholder);

        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        valueColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        meaningColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().meaning()));
        piiColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().pii()));
        nameColumn.setCellFactory(col -> wrapCell("claim-name")); // a SAML attribute's name is a long URI: read whole
        valueColumn.setCellFactory(col -> valueCell());
        meaningColumn.setCellFactory(col -> wrapCell("claim-meaning"));
        piiColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Boolean pii, boolean empty) {
                super.updateItem(pii, empty);
                getStyleClass().remove("pii-marker");
                if (empty || pii == null || !pii) {
                    setText(null);
                    setGraphic(null);
                    LazyTooltip.setText(this, null);
                } else {
                    setText("PII");
                    setGraphic(Fx.icon("mdi2a-account-lock-outline"));
                    getStyleClass().add("pii-marker");
                    LazyTooltip.setText(this, "Personal data: mask it before sharing");
                }
            }

            {
                LazyTooltip.follow(this);
            }
        });
        table.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(ClaimRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("unknown"), !empty && row != null && !row.inCatalogue());
            }

            /** As tall as its tallest wrapped cell (the theme's cell size is a minimum, not a cap). */
            @Override
            protected double computePrefHeight(double width) {
                double h = super.computePrefHeight(width);
                for (javafx.scene.Node c : getChildrenUnmodifiable()) {
                    if (c instanceof TableCell<?, ?> cell && cell.getStyleClass().contains("wrap-cell")) h =
                            Math.max(h, cell.prefHeight(-1));
                }
                return h;
            }
        });
        // Wrapped rows are measured with their column's width: a new width (or new rows) measures them again.
        nameColumn.widthProperty().addListener((obs, o, n) -> remeasure());
        valueColumn.widthProperty().addListener((obs, o, n) -> remeasure());
        meaningColumn.widthProperty().addListener((obs, o, n) -> remeasure());
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, row) ->
                details.setText(row == null ? "Select a row for its full meaning." : row.details()));
    }

    /** A value shown whole (wrapped: an audience, an issuer, the scopes are read without hovering); a time's epoch in the tooltip. */
    private static TableCell<ClaimRow, String> valueCell() {
        TableCell<ClaimRow, String> cell = wrapCell("claim-value");
        cell.itemProperty().addListener((obs, o, n) -> {
            ClaimRow row = n == null || cell.getTableRow() == null ? null : cell.getTableRow().getItem();
            LazyTooltip.setText(cell, row == null ? null : row.valueTooltip());
        });
        return cell;
    }

    /**
     * A cell whose text wraps inside its column (a Text node wrapped at the column's width, so the row grows with it; a
     * long value without spaces breaks between characters instead of ending in "…").
     */
    private static TableCell<ClaimRow, String> wrapCell(String style) {
        TableCell<ClaimRow, String> cell = new TableCell<>() {
            private final javafx.scene.text.Text text = new javafx.scene.text.Text();

            {
                text.getStyleClass().add("wrap-text");
                // Wrapped at the column's width (known before the cell is sized), so a row is measured with its final height.
                tableColumnProperty().addListener((obs, o, col) -> {
                    if (col != null) col.widthProperty().addListener((o2, a, w) -> wrapAt(w.doubleValue()));
                });
                // A new wrapped height makes the row re-measure itself (the table caches row heights otherwise).
                text.layoutBoundsProperty().addListener((obs, o, n) -> {
                    if (o.getHeight() != n.getHeight() && getTableRow() != null) getTableRow().requestLayout();
                });
                setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            }

            private void wrapAt(double columnWidth) {
                text.setWrappingWidth(Math.max(20, columnWidth - 14));
            }

            /** As tall as the wrapped text (the theme's fixed cell size would cut it to one line). */
            @Override
            protected double computePrefHeight(double width) {
                if (getTableColumn() != null) wrapAt(getTableColumn().getWidth());
                double h = super.computePrefHeight(width);
                if (getGraphic() == null) return h;
                return Math.max(h, Math.ceil(text.getLayoutBounds().getHeight()) + snappedTopInset() + snappedBottomInset());
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                if (getTableColumn() != null) wrapAt(getTableColumn().getWidth());
                setText(empty ? null : item); // for accessibility and lookups; the Text node is what shows
                setGraphic(empty ? null : text);
                if (!style.equals("claim-value")) LazyTooltip.setText(this, empty || item == null || item.length() < 30 ? null : item);
            }
        };
        // Tooltips are made on hover: a report's table has a few dozen long values, each a popup window of its own.
        LazyTooltip.follow(cell);
        cell.getStyleClass().addAll(style, "wrap-cell");
        return cell;
    }

    private boolean remeasuring;

    private void remeasure() {
        if (remeasuring) return;
        remeasuring = true;
        javafx.application.Platform.runLater(() -> {
            remeasuring = false;
            table.refresh();
        });
    }

    /** Sets what this table is about ("claim" or "header member"); used in the placeholder and the filter prompt. */
    public void setKind(String kind, String filterPrompt) {
        this.kind = kind;
        filterField.setPromptText(filterPrompt);
        nameColumn.setText(Character.toUpperCase(kind.charAt(0)) + kind.substring(1));
    }

    public void setRows(List<ClaimView> claims, String emptyText) {
        model.setClaims(claims);
        remeasure();
        placeholder.setText(emptyText);
        table.getSelectionModel().clearSelection();
        details.setText(claims == null || claims.isEmpty() ? "" : "Select a row for its full meaning.");
    }

    public ClaimsViewModel model() {
        return model;
    }

    @FXML
    private void onCopy() {
        String text = table.getItems().stream().map(r -> r.name() + "\t" + r.value() + "\t" + r.meaning() + (r.pii() ? "\t[PII]" : ""))
                .collect(Collectors.joining("\n"));
        Fx.copy(text, copyButton);
    }

    String kind() {
        return kind;
    }

    TableView<ClaimRow> table() {
        return table;
    }

    TextField filterField() {
        return filterField;
    }
}
