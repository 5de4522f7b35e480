package dev.tokenscope.cli;

import dev.tokenscope.desktop.OpenFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tokenscope open [FILE…]} without a display: hands the files to a running window if there is one, else says
 * how to inspect them here. (With a display the launcher starts the window itself; this command never loads JavaFX.)
 */
@Command(name = "open", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
        description = {"Open files in the Tokenscope window: a token, a token response, a HAR capture. A window that is already "
                + "running gets them (no second start); otherwise a new window opens with them. Needs a display."},
        footer = {"", "Examples:", "  tokenscope open capture.har", "  tokenscope open token.jwt",
                "", "Exit status: 0 opened, 2 usage error or no display."})
public final class OpenCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Files to open.")
    List<String> files = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Path> paths;
        try {
            paths = OpenFiles.parse(files);
        } catch (IllegalArgumentException e) {
            return Errors.usage(spec, e.getMessage());
        }
        if (OpenFiles.toRunningWindow(paths)) return Cli.VALID;
        spec.commandLine().getErr().println("tokenscope open: no display for the window"
                + (paths.isEmpty() ? "" : "; to inspect here: tokenscope inspect --file " + paths.get(0)
                + (paths.get(0).toString().endsWith(".har") ? " (a capture: tokenscope scan " + paths.get(0) + ")" : "")));
        return Cli.USAGE;
    }
}
