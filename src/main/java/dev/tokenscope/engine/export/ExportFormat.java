package dev.tokenscope.engine.export;

import java.util.Locale;
import java.util.Optional;

/** The formats a report can be exported in. */
public enum ExportFormat {
    /** Markdown for tickets (GitHub, Azure DevOps, Jira's Markdown mode). */
    MARKDOWN("md", "Markdown", "text/markdown"),
    /** One self-contained HTML page (inline CSS, no scripts, no external resources). */
    HTML("html", "HTML", "text/html"),
    /** The CLI's JSON schema ({@code inspect --json}), redacted. */
    JSON("json", "JSON", "application/json");

    private final String extension;
    private final String label;
    private final String mediaType;

    ExportFormat(String extension, String label, String mediaType) {
        this.extension = extension;
        this.label = label;
        this.mediaType = mediaType;
    }

    public String extension() { return extension; }

    public String label() { return label; }

    public String mediaType() { return mediaType; }

    /** "md", "markdown", "html", "htm", "json" (any case). */
    public static Optional<ExportFormat> parse(String s) {
        if (s == null) return Optional.empty();
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "md", "markdown" -> Optional.of(MARKDOWN);
            case "html", "htm" -> Optional.of(HTML);
            case "json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }

    /** The format a file name's extension names (report.md, report.html, report.json), if any. */
    public static Optional<ExportFormat> ofFileName(String name) {
        if (name == null) return Optional.empty();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : parse(name.substring(dot + 1));
    }
}
