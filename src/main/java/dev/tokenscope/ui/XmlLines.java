package dev.tokenscope.ui;

import dev.tokenscope.ui.model.XmlHighlighter;
import javafx.scene.Node;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.ArrayList;
import java.util.List;

/** Highlighted XML lines as nodes: one TextFlow per line (class xml-line, plus xml-signature inside a Signature element). */
final class XmlLines {
    private XmlLines() {
    }

    static List<Node> of(List<XmlHighlighter.Line> lines) {
        List<Node> out = new ArrayList<>(lines.size());
        for (XmlHighlighter.Line l : lines) {
            TextFlow flow = new TextFlow();
            flow.getStyleClass().add("xml-line");
            if (l.signature()) flow.getStyleClass().add("xml-signature");
            for (XmlHighlighter.Segment s : l.segments()) {
                Text t = new Text(s.text());
                t.getStyleClass().addAll("xml", s.styleClass());
                flow.getChildren().add(t);
            }
            if (l.segments().isEmpty()) flow.getChildren().add(new Text(" "));
            out.add(flow);
        }
        return out;
    }
}
