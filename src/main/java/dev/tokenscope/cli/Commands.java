package dev.tokenscope.cli;

import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;

import java.io.PrintWriter;

/**
 * What the commands share around their own work: the validation profile from the options (or a usage error), whether
 * to colour, one report printed as text or JSON, and a verdict's exit status.
 */
final class Commands {
    private Commands() {
    }

    /** The profile the validation options describe; a contradiction or an out-of-range value is a usage error. */
    static ValidationProfile profile(ValidationOptions validation) throws UsageException {
        try {
            return validation.profile();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Colours only on a terminal, never with --no-color or NO_COLOR. */
    static boolean useColor(boolean noColor) {
        return !noColor && System.getenv("NO_COLOR") == null && System.console() != null;
    }

    /** The report as JSON, or as text for a terminal. */
    static void print(Report report, boolean json, boolean noColor, PrintWriter out) {
        if (json) {
            out.println(Json.pretty(report));
        } else {
            out.print(new HumanRenderer(useColor(noColor)).render(report));
        }
        out.flush();
    }

    /** 0 for a valid token, 1 for an invalid or undetermined one. */
    static int exitStatus(Verdict verdict) {
        return verdict == Verdict.VALID ? Cli.VALID : Cli.INVALID;
    }
}
