package dev.tokenscope.ui.signin;

import dev.tokenscope.engine.signin.FlowLog;
import dev.tokenscope.ui.model.FlowLogPresenter;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.ZoneId;
import java.util.List;

/** One flow log entry: time, icon, title, and the redacted details in a smaller monospaced font. */
final class FlowLogCell extends ListCell<FlowLog.Entry> {
    private final FontIcon icon = new FontIcon();
    private final Label time = new Label();
    private final Label title = new Label();
    private final Label details = new Label();
    private final VBox box;

    FlowLogCell(ListView<FlowLog.Entry> list) {
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
        getStyleClass().add(FlowLogPresenter.styleClass(e));
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
