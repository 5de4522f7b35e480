package dev.tokenscope.cli;

import dev.tokenscope.engine.export.ExportFormat;
import dev.tokenscope.engine.export.ExportOptions;
import dev.tokenscope.engine.export.Exporters;
import dev.tokenscope.engine.input.InputExtractor;
import dev.tokenscope.engine.report.Report;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The export options of {@code inspect} (a picocli mixin): {@code --report md|html|json [--out FILE] [--mask-pii]
 * [--keep-signature]}. Without {@code --out} the export goes to standard output; with {@code --out} alone the format
 * comes from the file's extension.
 *
 * <pre>
 *   &#64;CommandLine.Mixin ReportOptions reportOptions = new ReportOptions();
 *   …
 *   String problem = reportOptions.validate();           // before inspecting: usage errors, exit 2
 *   …
 *   if (reportOptions.requested()) {                       // instead of the human/JSON rendering
 *       int rc = reportOptions.write(report, ReportOptions.tokenOf(input, report), out, err);
 *       if (rc != 0) return rc;
 *       return verdict code;
 *   }
 * </pre>
 */
public final class ReportOptions {
    @Option(names = "--report", paramLabel = "md|html|json",
            description = "Export the report as Markdown (for tickets), self-contained HTML or JSON. "
            + "The token's signature is removed unless --keep-signature.")
    String format;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the export to FILE (format from --report, else from the extension .md/.html/.json).")
    Path out;

    @Option(names = "--mask-pii",
            description = "In the export, replace personal claims (name, upn, email, preferred_username, unique_name, ipaddr, "
            + "given_name, family_name, login_hint) by a stable hash, so two reports can still be compared.")
    boolean maskPii;

    @Option(names = "--keep-signature",
            description = "Keep the token's signature in the export (it can then be replayed until it expires).")
    boolean keepSignature;

    /** True when an export was asked for (--report or --out). */
    public boolean requested() {
        return format != null || out != null;
    }

    /** A usage problem with these options (one line for stderr), or null when they are fine. */
    public String validate() {
        if (!requested() && (maskPii || keepSignature)) {
            return (maskPii ? "--mask-pii" : "--keep-signature") + " applies to an export: add --report md|html|json";
        }
        if (format != null && ExportFormat.parse(format).isEmpty()) {
            return "--report takes md, html or json, not \"" + format + "\"";
        }
        String name = out == null || out.getFileName() == null ? "" : out.getFileName().toString();
        if (format == null && out != null && ExportFormat.ofFileName(name).isEmpty()) {
            return "can't tell the export format from " + out + ": add --report md|html|json";
        }
        if (format != null && out != null) {
            ExportFormat asked = ExportFormat.parse(format).orElseThrow();
            Optional<ExportFormat> byName = ExportFormat.ofFileName(name);
            if (byName.isPresent() && byName.get() != asked) {
                return "--report " + format + " asks for " + asked.label() + " but --out " + out + " ends like a " + byName.get().label()
                        + " file: ask for one, e.g. drop --report (the extension decides) or name the file for " + asked.label();
            }
        }
        return null;
    }

    /** The problem of asking for an export and {@code --json} together (one output on standard output), or null. */
    public String validateWith(boolean json) {
        String p = validate();
        if (p != null || !json || !requested()) return p;
        return "--json prints the report and --report/--out exports it: give one (for a JSON file: --report json --out FILE)";
    }

    public ExportFormat exportFormat() {
        if (format != null) return ExportFormat.parse(format).orElseThrow(() -> new IllegalArgumentException(validate()));
        return ExportFormat.ofFileName(out.getFileName().toString()).orElseThrow(() -> new IllegalArgumentException(validate()));
    }

    public ExportOptions exportOptions() {
        return new ExportOptions(keepSignature, maskPii);
    }

    /**
     * Writes the export: to --out, else to {@code out}. Returns 0, or {@link Cli#USAGE} after one line on {@code err}.
     *
     * @param token the inspected token's text (see {@link #tokenOf}), or null
     */
    public int write(Report report, String token, PrintWriter out, PrintWriter err) {
        String problem = validate();
        if (problem != null) {
            err.println("tokenscope: " + problem);
            return Cli.USAGE;
        }
        ExportFormat f = exportFormat();
        if (this.out == null) {
            out.print(Exporters.export(report, token, f, exportOptions()));
            out.flush();
            return 0;
        }
        try {
            Exporters.write(this.out, report, token, f, exportOptions());
        } catch (IOException e) {
            err.println("tokenscope: could not write " + this.out + ": " + Errors.why(e) + whereFix(e));
            return Cli.USAGE;
        } catch (RuntimeException e) {
            err.println("tokenscope: could not write " + this.out + ": " + Shown.message(String.valueOf(e.getMessage())));
            return Cli.USAGE;
        }
        err.println("tokenscope: wrote the " + f.label() + " report to " + this.out
                + (keepSignature && !maskPii ? " (signature kept)" : " (signature removed)")
                + (maskPii ? " with personal claims masked" : ""));
        return 0;
    }

    /** The fix for a write failure: create the directory, choose another place. */
    private String whereFix(IOException e) {
        if (e instanceof NoSuchFileException n && n.getReason() != null) {
            return " (" + n.getFile() + "); create it first or choose an existing directory";
        }
        return "; choose another file or directory";
    }

    /** The text of the token a report made from {@code input} inspected (for the header.payload in the export), or null. */
    public static String tokenOf(String input, Report report) {
        return Exporters.tokenOf(new InputExtractor().extract(input), report);
    }
}
