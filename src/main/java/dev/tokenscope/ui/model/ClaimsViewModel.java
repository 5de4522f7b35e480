package dev.tokenscope.ui.model;

import dev.tokenscope.engine.claims.ClaimView;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.List;

/** A claims (or header) table: every row, the filtered view of them, and a count line. */
public final class ClaimsViewModel {
    private final ObservableList<ClaimRow> rows = FXCollections.observableArrayList();
    private final FilteredList<ClaimRow> filtered = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final StringBinding count;

    public ClaimsViewModel() {
        filter.addListener((obs, o, n) -> filtered.setPredicate(r -> r.matches(n)));
        count = Bindings.createStringBinding(() -> rows.isEmpty() ? "" : filtered.size() == rows.size() ? rows.size() + " entries"
                : filtered.size() + " of " + rows.size() + " entries", rows, filtered);
    }

    public void setClaims(List<ClaimView> claims) {
        rows.setAll(claims == null ? List.of() : ClaimRow.decidingFirst(claims.stream().map(ClaimRow::of).toList()));
    }

    public ObservableList<ClaimRow> rows() { return rows; }
    public FilteredList<ClaimRow> filtered() { return filtered; }
    public StringProperty filterProperty() { return filter; }
    public StringBinding countBinding() { return count; }
}
