package dev.tokenscope.cli;

import dev.tokenscope.engine.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The command-line face: {@code tokenscope inspect …}. Exit codes: 0 valid, 1 invalid or undetermined, 2 usage / nothing inspectable. */
@Command(name = "tokenscope", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
        description = "Is this Microsoft Entra ID token valid for my API, and if not, why not?",
        subcommands = {InspectCommand.class, LoginCommand.class, ScanCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run without arguments on a desktop to open the window.", "Exit status: 0 valid, 1 invalid or undetermined, 2 usage error or nothing to inspect, 3 sign-in failed (login)."})
public final class Cli implements Runnable {
    public static final int VALID = 0, INVALID = 1, USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            String cmd = ex.getCommandLine().getCommandName().equals("tokenscope") ? "" : ex.getCommandLine().getCommandName() + " ";
            err.println("tokenscope: " + ex.getMessage() + " (see 'tokenscope " + cmd + "--help')");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, r) -> {
            err.println("tokenscope: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return USAGE;
        });
        return cl.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"Tokenscope " + Version.get(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                    "nimbus-jose-jwt " + pkgVersion(com.nimbusds.jose.JWSObject.class) + ", OkHttp " + okhttpVersion()};
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
