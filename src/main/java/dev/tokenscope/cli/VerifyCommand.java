package dev.tokenscope.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.tokenscope.engine.batch.BatchResult;
import dev.tokenscope.engine.batch.BatchSummary;
import dev.tokenscope.engine.batch.BatchVerifier;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.har.HarFinding;
import dev.tokenscope.engine.har.HarFormatException;
import dev.tokenscope.engine.har.HarScan;
import dev.tokenscope.engine.har.HarScanner;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.text.SafeText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code tokenscope verify}: many tokens, one per line (or the tokens of a HAR capture), each with its verdict.
 * Every non-empty line gets exactly one output line, in input order, then a summary line.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Verify many tokens: one per line of FILE ('-' reads standard input), or every token of a HAR capture.",
                "Every non-empty line gets exactly one output line, in input order: LINE: VERDICT [DIAGNOSIS] MESSAGE; a line without "
                        + "a token is invalid [not-a-token]. A summary line follows.",
                "Keys are fetched once; a token seen again is not verified again (its memoised verdict holds while its lifetime "
                        + "step can't change); all cores are used."},
        footer = {"", "Examples:",
                "  tokenscope verify tokens.txt --audience api://my-api",
                "  grep -o 'eyJ[^ \"]*' app.log | tokenscope verify - --metadata https://login.microsoftonline.com/<tid>/v2.0/.well-known/openid-configuration --json-lines",
                "  tokenscope verify capture.har --offline --jwks keys.json",
                "", "Exit status: 0 every line valid, 1 some line invalid or undetermined, 2 usage error, binary input, or no "
                        + "line holding a token."})
public class VerifyCommand implements Callable<Integer> {
    private static final Pattern HAR_START = Pattern.compile("^\\s*\\{\\s*\"log\"\\s*:");

    @Parameters(index = "0", paramLabel = "FILE|-", description = "Tokens, one per line (a raw JWT, 'Bearer …' or a log line holding one), "
            + "or a HAR capture; '-' reads standard input.")
    String source;

    @Mixin
    ValidationOptions validation = new ValidationOptions();

    @Option(names = "--json-lines",
            description = "One JSON object per line ({\"line\",\"verdict\",\"diagnosis\",\"message\",\"memoised\"}), "
            + "then {\"summary\":{…}}; a usage error prints {\"error\":{…}} instead.")
    boolean jsonLines;

    @Option(names = "--failures-only", description = "Print only the lines that are not valid (and the summary).")
    boolean failuresOnly;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Worker threads verifying in parallel (default: one per core).")
    int threads;

    @Option(names = "--memo", paramLabel = "N", defaultValue = "" + BatchVerifier.DEFAULT_MEMO,
            description = "Remember the verdicts of at most N distinct tokens (default ${DEFAULT-VALUE}; 0 = off).")
    int memo;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ValidationProfile profile;
        try {
            profile = Commands.profile(validation);
            if (threads < 0) throw new UsageException("--threads must be 0 (all cores) or more, not " + threads);
            if (memo < 0) throw new UsageException("--memo must be 0 or more, not " + memo);
        } catch (UsageException e) {
            return Errors.usage(spec, e.getMessage());
        }
        InputStream in;
        try {
            if (source.equals("-") && StandardInput.closed(StandardInput.descriptor0())) throw new IOException(StandardInput.CLOSED);
            in = source.equals("-") ? System.in : open(source);
        } catch (IOException e) {
            return Errors.usage(spec, e.getMessage());
        }
        try (BatchVerifier verifier = verifier(profile)) {
            BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
            String what = source.equals("-") ? "standard input" : source;
            if (binary(bin)) return Errors.usage(spec, what + " is a binary file (it contains NUL bytes), not text holding tokens");
            tokenLines = 0;
            BatchSummary summary = isHar(bin) ? har(bin, verifier, out) : lines(bin, verifier, out);
            out.write(summaryLine(summary));
            out.flush();
            if (summary.lines() == 0) return Errors.usage(spec, "no token: " + what + " has no non-empty line");
            if (tokenLines == 0) {
                return Errors.usage(spec, "no token: no line of " + what + " holds a token (each is " + BatchVerifier.NOT_A_TOKEN
                        + "); give tokens one per line, 'Bearer …' values or log lines holding them");
            }
            return summary.allValid() ? Cli.VALID : Cli.INVALID;
        } catch (HarFormatException e) {
            return Errors.usage(spec, e.getMessage());
        } catch (IOException e) {
            return Errors.usage(spec, "could not read " + (source.equals("-") ? "standard input" : source) + ": " + Errors.why(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("tokenscope verify: interrupted");
            return Cli.USAGE;
        } finally {
            if (in != System.in) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // read-only
                }
            }
        }
    }

    BatchVerifier verifier(ValidationProfile profile) {
        return BatchVerifier.standard(profile, threads, memo);
    }

    /** Lines that held a token (not {@value BatchVerifier#NOT_A_TOKEN}); none at all is a usage error, exit 2. */
    private long tokenLines;

    /** The input file; an argument that looks like a token (or a secret) is said to be one, never printed. */
    static InputStream open(String source) throws IOException {
        if (Shown.secretLike(source) && !source.contains("/") && !InspectCommand.isFile(source)) {
            throw new IOException("the argument looks like a token, not a file; nothing was printed. Give the name of a file; "
                    + "to check one token, pipe it in: … | tokenscope inspect - (or … | tokenscope verify -)");
        }
        Path p = Path.of(source);
        if (Files.isDirectory(p)) throw new IOException(p + " is a directory, not a file: give the file holding the tokens");
        try {
            return Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file: " + p + "; check the path, or '-' for standard input");
        } catch (IOException e) {
            throw new IOException("could not read " + p + ": " + Errors.why(e));
        }
    }

    /** Binary input (a NUL in the first 4 KiB) is refused, as inspect refuses it. */
    private static boolean binary(BufferedInputStream in) throws IOException {
        in.mark(4096);
        byte[] head = in.readNBytes(4096);
        in.reset();
        return StandardInput.binary(head, head.length);
    }

    /** A HAR capture starts with {"log": … (line files never do). */
    private static boolean isHar(BufferedInputStream in) throws IOException {
        in.mark(4096);
        byte[] head = in.readNBytes(4096);
        in.reset();
        return HAR_START.matcher(new String(head, StandardCharsets.UTF_8)).find();
    }

    private BatchSummary lines(InputStream in, BatchVerifier verifier, PrintWriter out) throws IOException, InterruptedException {
        StringBuilder sb = new StringBuilder(256);
        return verifier.run(in, (number, r) -> {
            if (!BatchVerifier.NOT_A_TOKEN.equals(r.diagnosis())) tokenLines++;
            if (failuresOnly && r.verdict() == Verdict.VALID) return;
            sb.setLength(0);
            line(sb, number, r, null);
            out.write(sb.toString());
        });
    }

    /** A HAR capture: one output line per distinct token found, numbered like {@code scan}'s list. */
    private BatchSummary har(InputStream in, BatchVerifier verifier, PrintWriter out) throws IOException {
        long started = System.nanoTime();
        HarScan scan = new HarScanner().scan(in);
        long valid = 0, invalid = 0, undetermined = 0, memoised = 0;
        StringBuilder sb = new StringBuilder(256);
        int n = 0;
        for (HarFinding f : scan.findings()) {
            BatchResult r = verifier.verify(f.token());
            n++;
            if (!BatchVerifier.NOT_A_TOKEN.equals(r.diagnosis())) tokenLines++;
            switch (r.verdict()) {
                case VALID -> valid++;
                case INVALID -> invalid++;
                case UNDETERMINED -> undetermined++;
            }
            if (r.memoised()) memoised++;
            if (failuresOnly && r.verdict() == Verdict.VALID) continue;
            sb.setLength(0);
            line(sb, n, r, f.where() + " of " + (f.method() == null ? "" : f.method() + " ") + f.url());
            out.write(sb.toString());
        }
        return new BatchSummary(n, valid, invalid, undetermined, memoised, (System.nanoTime() - started) / 1e9);
    }

    private void line(StringBuilder sb, long number, BatchResult r, String where) {
        if (jsonLines) {
            sb.append("{\"line\":").append(number).append(",\"verdict\":\"").append(r.verdict().json()).append("\",\"diagnosis\":");
            if (r.diagnosis() == null) sb.append("null");
            else sb.append('"').append(JsonStringEncoder.getInstance().quoteAsString(r.diagnosis())).append('"');
            sb.append(",\"message\":\"").append(JsonStringEncoder.getInstance().quoteAsString(r.message())).append('"');
            if (where != null) sb.append(",\"where\":\"").append(JsonStringEncoder.getInstance().quoteAsString(where)).append('"');
            sb.append(",\"memoised\":").append(r.memoised()).append("}\n");
        } else {
            sb.append(number).append(": ").append(r.verdict().json());
            if (r.diagnosis() != null) sb.append(" [").append(SafeText.line(r.diagnosis())).append(']');
            sb.append(' ').append(SafeText.line(r.message()));
            if (where != null) sb.append(" (").append(SafeText.line(where)).append(')');
            sb.append('\n');
        }
    }

    private String summaryLine(BatchSummary s) {
        String secs = String.format(Locale.ROOT, "%.3f", s.seconds());
        if (jsonLines) {
            return "{\"summary\":{\"lines\":" + s.lines() + ",\"valid\":" + s.valid() + ",\"invalid\":" + s.invalid() + ",\"undetermined\":"
                    + s.undetermined() + ",\"memoised\":" + s.memoised() + ",\"seconds\":" + secs + "}}\n";
        }
        return "summary: lines=" + s.lines() + " valid=" + s.valid() + " invalid=" + s.invalid() + " undetermined=" + s.undetermined()
                + " memoised=" + s.memoised() + " seconds=" + secs + "\n";
    }
}
