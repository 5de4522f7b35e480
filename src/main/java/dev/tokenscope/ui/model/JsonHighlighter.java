package dev.tokenscope.ui.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits pretty-printed JSON into styled segments for syntax colouring: json-key, json-string, json-number,
 * json-literal (true/false/null), json-punct; whitespace keeps style json-plain. Concatenating the segments
 * gives the input back unchanged.
 */
public final class JsonHighlighter {
    public record Segment(String text, String styleClass) {
    }

    private JsonHighlighter() {
    }

    public static List<Segment> segments(String json) {
        List<Segment> out = new ArrayList<>();
        if (json == null) return out;
        int i = 0, n = json.length();
        while (i < n) {
            char c = json.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (j < n && json.charAt(j) != '"') j += json.charAt(j) == '\\' ? 2 : 1;
                j = Math.min(j + 1, n);
                int k = j;
                while (k < n && Character.isWhitespace(json.charAt(k))) k++;
                boolean key = k < n && json.charAt(k) == ':';
                out.add(new Segment(json.substring(i, j), key ? "json-key" : "json-string"));
                i = j;
            } else if (c == '-' || Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && "0123456789.eE+-".indexOf(json.charAt(j)) >= 0) j++;
                out.add(new Segment(json.substring(i, j), "json-number"));
                i = j;
            } else if (Character.isLetter(c)) {
                int j = i + 1;
                while (j < n && Character.isLetter(json.charAt(j))) j++;
                out.add(new Segment(json.substring(i, j), "json-literal"));
                i = j;
            } else if (Character.isWhitespace(c)) {
                int j = i + 1;
                while (j < n && Character.isWhitespace(json.charAt(j))) j++;
                out.add(new Segment(json.substring(i, j), "json-plain"));
                i = j;
            } else {
                out.add(new Segment(String.valueOf(c), "json-punct"));
                i++;
            }
        }
        return out;
    }
}
