package dev.tokenscope.ui.model;

import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.ServerView;
import dev.tokenscope.engine.text.SafeText;

import java.util.List;

/**
 * The texts of "What the API said" (the API's answer tab and the steps it explains), escaped: the server's words are
 * someone else's text ({@link SafeText#line}).
 */
public final class ServerPresenter {
    private ServerPresenter() {
    }

    /**
     * One finding as shown.
     *
     * @param heading     "IDX10214 · step audience"
     * @param said        the server's words
     * @param explanation what it means for this token
     */
    public record Item(String heading, String said, String explanation, String step) {
    }

    public static List<Item> items(Report r) {
        if (r == null || r.server() == null) return List.of();
        return r.server().findings().stream().map(ServerPresenter::item).toList();
    }

    public static Item item(ServerView.Finding f) {
        return new Item(SafeText.line(f.code()) + (f.step() == null ? "" : " · step " + SafeText.line(f.step())),
                f.said() == null ? "" : SafeText.line(f.said()), f.explanation() == null ? "" : SafeText.line(f.explanation()), f.step());
    }

    /** The line above the findings: the status and what was recognised, or why nothing was. */
    public static String summary(Report r) {
        if (r == null || r.server() == null) return "";
        ServerView v = r.server();
        StringBuilder b = new StringBuilder(v.status() != null ? "HTTP " + v.status() + " · " : "");
        b.append(v.findings().size()).append(v.findings().size() == 1 ? " finding" : " findings");
        if (v.form() != null && !v.form().equals("none")) b.append(" (").append(SafeText.line(v.form())).append(')');
        for (String n : v.notes()) b.append('\n').append(SafeText.line(n));
        return b.toString();
    }

    /** The badge on a step the API's answer explains ("API: IDX10214"), or null. */
    public static String badge(Report r, String stepId) {
        if (r == null) return null;
        List<ServerView.Finding> fs = r.serverFindings(stepId);
        return fs.isEmpty() ? null : "API: " + String.join(", ", fs.stream().map(f -> SafeText.line(f.code())).distinct().toList());
    }
}
