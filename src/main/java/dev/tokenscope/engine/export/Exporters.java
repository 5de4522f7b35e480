package dev.tokenscope.engine.export;

import dev.tokenscope.engine.input.Candidate;
import dev.tokenscope.engine.input.Extraction;
import dev.tokenscope.engine.report.Report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The faces' entry point for exports (GUI Export menu and "Copy as Markdown", CLI {@code inspect --report}):
 * redacts the report ({@link Redactor}) and renders it in the chosen format.
 */
public final class Exporters {
    private Exporters() {
    }

    /**
     * Renders a redacted export.
     *
     * @param report  the report to export
     * @param token   the inspected token's text (for the header.payload shown in Markdown and HTML), or null
     * @param format  Markdown, HTML or JSON
     * @param options signature and personal-data redaction
     */
    public static String export(Report report, String token, ExportFormat format, ExportOptions options) {
        Redactor.Redacted r = Redactor.redact(report, token, options);
        return switch (format) {
            case MARKDOWN -> new MarkdownExporter().render(r);
            case HTML -> new HtmlExporter().render(r);
            case JSON -> new JsonExporter().render(r);
        };
    }

    /** "Copy as Markdown" with the default redaction (signature removed). */
    public static String markdown(Report report, String token) {
        return export(report, token, ExportFormat.MARKDOWN, ExportOptions.defaults());
    }

    /** Writes an export to {@code file} (UTF-8, via a temporary file and a move, so a reader never sees half a file). */
    public static void write(Path file, Report report, String token, ExportFormat format, ExportOptions options) throws IOException {
        String text = export(report, token, format, options);
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        // Never create directories: a typo in a path must not leave new directories behind (as root, anywhere).
        if (dir != null && !Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null,
                    Files.exists(dir) ? "is a file, not a directory" : "the directory does not exist");
        }
        if (Files.isDirectory(abs)) throw new FileSystemException(abs.toString(), null, "is a directory");
        Path tmp = Files.createTempFile(dir, ".tokenscope-export", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The text of the candidate a report inspected (report.input().selected()), or null. */
    public static String tokenOf(Extraction extraction, Report report) {
        if (report.input() == null) return null;
        int i = report.input().selected();
        if (i < 0 || i >= extraction.candidates().size()) return null;
        Candidate c = extraction.candidates().get(i);
        return c.role().inspectable() ? c.value() : null;
    }
}
