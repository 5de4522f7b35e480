package dev.tokenscope.ui.model;

import dev.tokenscope.engine.text.SafeText;
import dev.tokenscope.engine.export.ExportFormat;
import dev.tokenscope.engine.export.ExportOptions;
import dev.tokenscope.engine.export.Exporters;
import dev.tokenscope.engine.report.Report;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * File ▸ Export and "Copy as Markdown": the current report through the engine's exporters, redacted exactly as
 * {@code inspect --report} does: the token's signature is removed unless {@link #keepSignatureProperty()} is set,
 * and personal claims are masked when {@link #maskPiiProperty()} is set. The outcome is said in the inspector's
 * message line. Nothing is written anywhere but the file the user chose (or the clipboard).
 */
public final class ExportViewModel {
    private final InspectorViewModel inspector;
    private final BooleanProperty keepSignature = new SimpleBooleanProperty(false);
    private final BooleanProperty maskPii = new SimpleBooleanProperty(true);
    private final BooleanBinding available;
    private final ExportPreferences preferences;
    private boolean loading;

    /** Exports whose personal-claims choice lasts for the run (masked by default). */
    public ExportViewModel(InspectorViewModel inspector) {
        this(inspector, ExportPreferences.inMemory());
    }

    /**
     * Exports from the window: personal claims masked unless the user included them for the current profile (one click,
     * File ▸ Export report ▸ Mask personal claims, remembered per profile in {@code preferences}).
     */
    public ExportViewModel(InspectorViewModel inspector, ExportPreferences preferences) {
        this.inspector = inspector;
        this.preferences = preferences;
        this.available = Bindings.createBooleanBinding(() -> exportable(inspector.report()), inspector.reportProperty());
        follow(inspector.profileNameProperty().get());
        inspector.profileNameProperty().addListener((obs, o, n) -> follow(n));
        maskPii.addListener((obs, o, mask) -> {
            if (!loading) preferences.setIncludePersonal(inspector.profileNameProperty().get(), !mask);
        });
    }

    private void follow(String profile) {
        loading = true;
        try {
            maskPii.set(!preferences.includePersonal(profile));
        } finally {
            loading = false;
        }
    }

    /** Keep the token's signature in the export (it can then be replayed until it expires). Off by default. */
    public BooleanProperty keepSignatureProperty() { return keepSignature; }

    /** Replace personal claims by a stable hash (and leave the token text out). On unless included for the profile. */
    public BooleanProperty maskPiiProperty() { return maskPii; }

    /** True when there is a report about a token to export (the Export items and Copy as Markdown are disabled otherwise). */
    public BooleanBinding availableProperty() { return available; }

    public boolean isAvailable() { return available.get(); }

    public ExportOptions options() {
        return new ExportOptions(keepSignature.get(), maskPii.get());
    }

    /** The export of the current report in {@code format} with the current options. */
    public String render(ExportFormat format) {
        Report r = inspector.report();
        if (!exportable(r)) throw new IllegalStateException("nothing to export: inspect a token first");
        return Exporters.export(noted(r), token(r), format, options());
    }

    /**
     * The report as exported: its Input section also says where the token came from (a capture's entry, URL and status)
     * and what it was judged against (the profile, and a time, offline keys or files when they differ from the usual).
     */
    private Report noted(Report r) {
        JudgedAgainst j = inspector.judged();
        return j == null ? r : r.withInputNotes(j.exportNotes());
    }

    /**
     * Writes the export to {@code file} (the format's extension is added when the name has none) and says so in the
     * message line. Returns the file written; on failure the message line says why and the exception is rethrown.
     */
    public Path write(Path file, ExportFormat format) throws IOException {
        Report r = inspector.report();
        if (!exportable(r)) throw new IllegalStateException("nothing to export: inspect a token first");
        Path target = withExtension(file, format);
        try {
            Exporters.write(target, noted(r), token(r), format, options());
        } catch (IOException | RuntimeException e) {
            inspector.showError("Could not save the report to " + target + ": " + SafeText.friendly(e));
            throw e;
        }
        inspector.showInfo("Saved the " + format.label() + " report to " + target + " (" + redaction() + ")");
        return target;
    }

    /**
     * {@link #write} with the file written off the FX thread (a slow or network drive must not freeze the window): the
     * report, the token and the options are taken now; the message line says how it went once it is done.
     */
    public CompletableFuture<Path> writeInBackground(Path file, ExportFormat format) {
        Report shown = inspector.report();
        if (!exportable(shown)) {
            return CompletableFuture.failedFuture(new IllegalStateException("nothing to export: inspect a token first"));
        }
        Path target = withExtension(file, format);
        String token = token(shown);
        Report r = noted(shown);
        ExportOptions options = options();
        String redaction = redaction();
        return CompletableFuture.supplyAsync(() -> {
            try {
                Exporters.write(target, r, token, format, options);
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, WRITER).whenComplete((p, e) -> Platform.runLater(() -> {
            if (e == null) {
                inspector.showInfo("Saved the " + format.label() + " report to " + target + " (" + redaction + ")");
            } else {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof UncheckedIOException u && u.getCause() != null) cause = u.getCause();
                inspector.showError("Could not save the report to " + target + ": " + SafeText.friendly(cause));
            }
        }));
    }

    /** One daemon thread for exports: they are rare, small and in order. */
    private static final Executor WRITER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tokenscope-export");
        t.setDaemon(true);
        return t;
    });

    /** Puts the Markdown report on the system clipboard (FX thread) and says so; returns the text. */
    public String copyMarkdown() {
        String md = render(ExportFormat.MARKDOWN);
        ClipboardContent c = new ClipboardContent();
        c.putString(md);
        Clipboard.getSystemClipboard().setContent(c);
        inspector.showInfo("Copied the report as Markdown (" + redaction() + ")");
        return md;
    }

    /** A file name to offer in the save dialog: tokenscope-report-VERDICT.ext. */
    public String suggestedFileName(ExportFormat format) {
        Report r = inspector.report();
        String verdict = r == null ? "" : "-" + r.verdict().json();
        return "tokenscope-report" + verdict + "." + format.extension();
    }

    /** What the export leaves out, for the confirmation. */
    public String redaction() {
        ExportOptions o = options();
        if (o.maskPii()) return "signature removed, personal claims masked";
        return o.keepSignature() ? "signature kept" : "signature removed";
    }

    /** {@code file} with the format's extension appended when its name has no extension of an export format. */
    public static Path withExtension(Path file, ExportFormat format) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (ExportFormat.ofFileName(name).isPresent() || name.toLowerCase(Locale.ROOT).endsWith(".markdown")) return file;
        return file.resolveSibling(name + "." + format.extension());
    }

    private static boolean exportable(Report r) {
        return r != null && r.token() != null;
    }

    /** The inspected token's text (for the header.payload in Markdown and HTML), or null. */
    private String token(Report r) {
        String in = inspector.inspectedInput();
        if (in == null) return null;
        try {
            return Exporters.tokenOf(inspector.inspector().extract(in), r);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
