package dev.tokenscope.cli;

import dev.tokenscope.engine.samples.Samples;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The run the installed package records its class-data (AppCDS) archive from (packaging/linux/postinst): the two
 * commands scripts start most, in one JVM, on the bundled samples, offline, printing nothing — {@code inspect} of a
 * sample and {@code verify} of a valid and an expired sample (the batch's fast path and the Inspector's whole way).
 * Only the bundled samples are read; nothing is fetched or written.
 */
public final class CdsTraining {
    private static final String SAMPLES = "classpath:/dev/tokenscope/samples/";

    private CdsTraining() {
    }

    public static void main(String[] args) {
        run(new PrintWriter(Writer.nullWriter()));
        // The window's classes, from a class list recorded at build time while the GUI started under Xvfb: loaded here
        // (not initialised, so no display is needed) they go into the same archive as the CLI's.
        if (args.length == 2 && args[0].equals("--classes")) loadClasses(Path.of(args[1]));
    }

    /**
     * Loads (without initialising) every class a {@code -XX:DumpLoadedClassList} file names; returns how many loaded.
     * Lines that are not plain class names (lambda proxies, comments) and classes that can't be loaded here are skipped.
     */
    static int loadClasses(Path list) {
        int n = 0;
        ClassLoader loader = CdsTraining.class.getClassLoader();
        try (BufferedReader r = Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("@") || line.startsWith("#")) continue;
                int sp = line.indexOf(' ');
                String name = (sp < 0 ? line : line.substring(0, sp)).replace('/', '.');
                if (name.contains("$$Lambda") || name.contains("LambdaForm$")) continue;
                try {
                    Class.forName(name, false, loader);
                    n++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // not on this platform or not loadable without its context: the archive just lacks it
                }
            }
        } catch (IOException e) {
            return n;
        }
        return n;
    }

    /** Both commands, their output to {@code out}; their exit codes (0 for the valid sample, 1 for the batch). */
    static int[] run(PrintWriter out) {
        int inspect = Cli.run(out, out, "inspect", "--sample", "01-valid-access-token");
        StringBuilder lines = new StringBuilder();
        for (String name : new String[]{"01-valid-access-token", "02-expired-access-token"}) {
            Samples.load(name).ifPresent(s -> lines.append(s.token()).append('\n'));
        }
        String audience = Samples.load("01-valid-access-token").map(s -> s.profile().audiences())
                .filter(a -> !a.isEmpty()).map(a -> a.get(0)).orElse("api://tokenscope-sample");
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.US_ASCII)));
            int verify = Cli.run(out, out, "verify", "--offline", "--metadata", SAMPLES + "openid-configuration.json", "--jwks",
                    SAMPLES + "keys.json", "--audience", audience, "-");
            return new int[]{inspect, verify};
        } finally {
            System.setIn(stdin);
        }
    }
}
