package dev.tokenscope.cli;

import com.nimbusds.jose.JWSObject;
import dev.tokenscope.engine.about.Version;
import dev.tokenscope.engine.batch.WarmUp;
import dev.tokenscope.engine.crypto.NativeCrypto;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The command-line face: {@code tokenscope inspect …}. Exit codes: 0 valid, 1 invalid or undetermined, 2 usage / nothing inspectable. */
@Command(name = "tokenscope", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
        description = "Is this Microsoft Entra ID token valid for my API, and if not, why not?",
        footer = {"", "Run without arguments on a desktop to open the window.",
                "Exit status: 0 valid, 1 invalid or undetermined, 2 usage error or nothing to inspect, 3 sign-in failed (login)."})
public final class Cli implements Runnable {
    public static final int VALID = 0, INVALID = 1, USAGE = 2;
    /**
     * Help lines are this wide at most: wide enough that picocli never breaks a URL or a timestamp inside the word (it
     * wraps at spaces; only a word longer than its column is cut), so a URL copied from the help works.
     */
    static final int HELP_WIDTH = 160;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** The subcommands, in the order the usage lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("inspect", InspectCommand::new);
        m.put("login", LoginCommand::new);
        m.put("scan", ScanCommand::new);
        m.put("verify", VerifyCommand::new);
        m.put("open", OpenCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return m;
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand (other than help), only that one is
     * built — picocli reflects over every option of every subcommand it is given, a tenth of a second that a script
     * calling {@code tokenscope verify} in a loop would pay each time; anything else (no arguments, options of the root,
     * {@code help}, a typo) gets them all, so usage and suggestions list every subcommand.
     */
    static CommandLine commandLine(String... args) {
        String first = args.length > 0 ? args[0] : "";
        if (SUBCOMMANDS.containsKey(first) && !first.equals("help")) {
            // A batch run: warm the engine up on the other core while picocli builds and parses (only for verify itself,
            // never for help or a typo).
            if (first.equals("verify")) WarmUp.start();
            Object command = SUBCOMMANDS.get(first).get();
            CommandLine cl = new CommandLine(new Cli());
            cl.addSubcommand(first, command);
            return cl;
        }
        CommandLine cl = new CommandLine(new Cli());
        SUBCOMMANDS.forEach((name, make) -> cl.addSubcommand(name, make.get()));
        return cl;
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        boolean json = Arrays.stream(args).anyMatch(Errors.JSON_OPTIONS::contains);
        cl.setParameterExceptionHandler((ex, a) -> {
            String cmd = ex.getCommandLine().getCommandName().equals("tokenscope") ? "" : ex.getCommandLine().getCommandName() + " ";
            return Errors.usage(out, err, "tokenscope", ex.getMessage() + " (see 'tokenscope " + cmd + "--help')", json);
        });
        cl.setExecutionExceptionHandler(
                (ex, c, r) -> Errors.usage(out, err, "tokenscope", ex.getMessage() == null ? ex.toString() : ex.getMessage(), json));
        cl.setUsageHelpWidth(HELP_WIDTH);
        return cl.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"Tokenscope " + Version.get(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                    "nimbus-jose-jwt " + pkgVersion(JWSObject.class) + ", OkHttp " + okhttpVersion(),
                    "Batch signature verification: " + NativeCrypto.describe()};
        }

        private static String pkgVersion(Class<?> c) {
            String v = c.getPackage().getImplementationVersion();
            return v == null ? "?" : v;
        }

        private static String okhttpVersion() {
            try {
                return (String) Class.forName("okhttp3.OkHttp").getField("VERSION").get(null);
            } catch (ReflectiveOperationException | LinkageError e) {
                return "?";
            }
        }
    }
}
