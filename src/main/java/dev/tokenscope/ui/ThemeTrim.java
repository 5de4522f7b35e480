package dev.tokenscope.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build step (run by Maven at process-classes, then made binary like tokenscope.css): the AtlantaFX Primer theme
 * without the selectors of controls Tokenscope never shows. JavaFX tests every style-class selector of a stylesheet
 * against every styled node (SelectorPartitioning), so the theme's unused selectors cost start-up time. A selector is
 * dropped when it names one of {@link #UNUSED} (then no node matches it: no node of Tokenscope has such a class;
 * ThemeTrimTest checks the sources and every built window); a rule whose selectors are all dropped goes; everything
 * else is kept as it is, in order.
 */
public final class ThemeTrim {
    /** Style classes of controls (and their parts) that Tokenscope never makes: charts, pickers, trees and the like. */
    static final Set<String> UNUSED = Set.of(
            // charts
            "chart", "bar-chart", "stacked-bar-chart", "axis", "axis-label", "axis-tick-mark", "axis-minor-tick-mark",
            "area-legend-symbol", "bar-legend-symbol", "bubble-legend-symbol", "pie-legend-symbol", "chart-legend",
            "chart-title", "chart-content", "chart-plot-background", "chart-alternative-column-fill", "chart-alternative-row-fill",
            "chart-area-symbol", "chart-bar", "chart-bubble", "chart-horizontal-grid-lines", "chart-horizontal-zero-line",
            "chart-line-symbol", "chart-pie", "chart-pie-label", "chart-pie-label-line", "chart-series-area-fill",
            "chart-series-area-line", "chart-series-line", "chart-symbol", "chart-vertical-grid-lines", "chart-vertical-zero-line",
            "default-color0", "default-color1", "default-color2", "default-color3", "default-color4", "default-color5",
            "default-color6", "default-color7",
            // colour picker
            "color-picker", "color-palette", "color-palette-region", "custom-color-dialog", "color-bar", "color-input-field",
            "color-picker-grid", "color-picker-label", "color-rect", "color-rect-border", "color-rect-pane", "color-square",
            "current-new-color-grid", "customcolor-controls-background", "picker-color", "picker-color-rect", "hover-square",
            "webcolor-field", "web-field", "transparent-pattern", "settings-label", "settings-unit",
            // date picker and spinner (not "spinner": the indeterminate ProgressIndicator's skin has that class too)
            "date-picker", "date-picker-popup", "calendar", "calendar-grid", "date-cell", "day-cell", "day-name-cell",
            "hijrah-day-cell", "week-number-cell", "month-year-pane", "next-month", "previous-month",
            "increment-arrow-button", "decrement-arrow-button", "split-arrows-horizontal", "split-arrows-vertical",
            "arrows-on-left-horizontal", "arrows-on-left-vertical", "arrows-on-right-horizontal", "arrows-on-right-vertical",
            // slider, trees, pagination, HTML editor, tool bar, accordion, split menu button, hyperlink, other dialogs
            "slider", "progress-slider", "tree-view", "tree-cell", "tree-table-view", "tree-table-row-cell", "tree-table-cell",
            "tree-disclosure-node", "check-box-tree-table-cell", "pagination", "pagination-control", "page-information",
            "number-button", "bullet-button", "html-editor", "tool-bar", "tool-bar-overflow-button", "accordion",
            "first-titled-pane", "split-menu-button", "hyperlink", "text-input-dialog", "choice-dialog",
            // AtlantaFX's own controls
            "toggle-switch", "notification", "popover", "modal-pane", "modal-box", "tile", "tile-base", "breadcrumbs",
            "ring-progress-indicator", "custom-text-field", "bb-code", "input-group");

    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^{}]*)}");
    private static final Pattern STYLE_CLASS = Pattern.compile("\\.([A-Za-z_][\\w-]*)");

    private ThemeTrim() {
    }

    /** Usage: ThemeTrim OUT_DIR [DIR…]: writes OUT_DIR/primer-light.css and primer-dark.css (and makes the DIRs). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        for (String dir : args) Files.createDirectories(Path.of(dir));
        for (String name : List.of("primer-light.css", "primer-dark.css")) {
            try (InputStream in = ThemeTrim.class.getResourceAsStream("/atlantafx/base/theme/" + name)) {
                if (in == null) throw new IOException("no " + name + " on the class path");
                Files.writeString(out.resolve(name), trim(new String(in.readAllBytes(), StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            }
        }
    }

    /** The stylesheet without comments and without the selectors naming an {@link #UNUSED} class. */
    static String trim(String css) {
        String text = css.replaceAll("(?s)/\\*.*?\\*/", "");
        StringBuilder out = new StringBuilder();
        Matcher m = RULE.matcher(text);
        int end = 0;
        while (m.find()) {
            if (!text.substring(end, m.start()).isBlank()) {
                throw new UncheckedIOException(new IOException("unexpected text before " + m.group()));
            }
            end = m.end();
            List<String> kept = new ArrayList<>();
            for (String selector : m.group(1).split(",")) {
                if (!namesUnused(selector)) kept.add(selector.strip());
            }
            if (!kept.isEmpty()) out.append(String.join(",\n", kept)).append(" {").append(m.group(2)).append("}\n");
        }
        if (!text.substring(end).isBlank()) throw new UncheckedIOException(new IOException("unexpected text at the end"));
        return out.toString();
    }

    static boolean namesUnused(String selector) {
        Matcher c = STYLE_CLASS.matcher(selector);
        while (c.find()) {
            if (UNUSED.contains(c.group(1))) return true;
        }
        return false;
    }
}
