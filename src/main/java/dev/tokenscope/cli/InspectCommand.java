package dev.tokenscope.cli;

import dev.tokenscope.engine.apiconfig.Precedence;
import dev.tokenscope.engine.server.ServerFindings;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.samples.Samples;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code tokenscope inspect}: one token (in any form a user pastes) → the report, human or JSON. */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode a token, explain every claim and run every validation step.",
                "TOKEN may be a raw JWT, 'Bearer …', an 'Authorization: Bearer …' line, a token-endpoint JSON response or a redirect URL,",
                "or a SAML message (base64 SAMLResponse, a 'SAMLResponse=…' form body, a redirect query, or XML)."},
        footer = {"", "Examples:",
                "  tokenscope inspect eyJ0eXAiOiJKV1Qi…",
                "  pbpaste | tokenscope inspect - --audience api://my-api --scope access_as_user",
                "  tokenscope inspect --file response.json --json",
                "  tokenscope inspect --file token.txt --metadata openid-configuration.json --jwks keys.json --offline --at "
                        + "2026-01-01T10:00:00Z",
                "  tokenscope inspect --file saml-response.txt --audience https://app.example.com --reply-url https://app.example.com/acs",
                "", "Exit status: 0 valid, 1 invalid or undetermined, 2 usage error or nothing to inspect."})
public final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TOKEN", description = "The token or text holding it; '-' reads standard input.")
    String token;

    @Option(names = "--file", paramLabel = "PATH", description = "Read the token (or a token response, header line …) from a file.")
    Path file;

    @Option(names = "--sample", paramLabel = "NAME", description = "Inspect a bundled sample with its own offline profile "
            + "(01-valid-access-token, 02-expired-access-token, 03-id-token-sent-to-api, 04-graph-token).")
    String sample;

    /** --audience, --tenant, --client, --scope, --role, --skew, --at, --metadata, --jwks, --offline: shared with verify and scan. */
    @CommandLine.Mixin
    ValidationOptions validation = new ValidationOptions();

    @Option(names = "--server-response", paramLabel = "FILE",
            description = "What the API answered: a raw HTTP response, a WWW-Authenticate "
            + "line, a JSON error body, or log lines with IDX/IDW/AADSTS codes (several together). Each finding is joined with the token.")
    Path serverResponse;

    @Option(names = "--reply-url", paramLabel = "URL",
            description = "SAML: the app's reply (ACS) URL, compared with the response's Recipient and Destination.")
    String replyUrl;

    @Option(names = "--authn-request", paramLabel = "ID|FILE",
            description = "SAML: the AuthnRequest the response answers (its ID, or a file "
            + "holding it in any form), compared with InResponseTo.")
    String authnRequest;

    @Option(names = "--json",
            description = "Print the report as JSON (format: docs/json-report.md); a usage error prints "
                    + "{\"error\":{\"kind\":\"usage\",\"message\",\"exitCode\"}} instead.")
    boolean json;

    @Option(names = "--no-color", description = "No ANSI colours (also when NO_COLOR is set or output is not a terminal).")
    boolean noColor;

    @CommandLine.Mixin
    ReportOptions reportOptions = new ReportOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String input;
        Samples.Sample chosen = null;
        try {
            // What the user did not mean never gives a verdict: a sample with a token of their own is a usage error.
            if (sample != null && (file != null || token != null)) {
                throw new UsageException("--sample inspects a bundled sample, and "
                        + (file != null ? "--file" : token.equals("-") ? "'-'" : "TOKEN") + " your own token: give one of them");
            }
            String reportProblem = reportOptions.validateWith(json);
            if (reportProblem != null) throw new UsageException(reportProblem);
            if (sample != null) {
                chosen = Samples.load(sample).orElse(null);
                if (chosen == null) {
                    throw new UsageException("no bundled sample " + Shown.value(sample) + "; samples: "
                            + String.join(", ", Samples.all().stream().map(Samples.Sample::name).toList()));
                }
            }
            input = chosen != null ? chosen.token() : readInput();
        } catch (UsageException e) {
            return Errors.usage(spec, e.getMessage());
        }
        ValidationProfile profile;
        try {
            profile = chosen != null ? merge(chosen.profile(), Commands.profile(validation)) : Commands.profile(validation);
        } catch (UsageException e) {
            return Errors.usage(spec, e.getMessage());
        }
        try {
            readAuthnRequest();
        } catch (UsageException | InvalidPathException e) {
            return Errors.usage(spec, "--authn-request: " + e.getMessage());
        }
        String serverText = null;
        if (serverResponse != null) {
            try {
                serverText = readFile(serverResponse);
            } catch (UsageException e) {
                return Errors.usage(spec, "--server-response: " + e.getMessage());
            }
        }
        Report report = inspector().inspect(input, profile);
        if (validation.apiView() != null) report = report.withApi(validation.apiView());
        report = ServerFindings.attach(report, serverText);
        if (report.token() == null && report.verdict() != Verdict.INVALID) {
            if (json) out.println(Json.pretty(report));
            out.flush();
            spec.commandLine().getErr().println("tokenscope inspect: " + Shown.message(report.summary()));
            return Cli.USAGE;
        }
        if (reportOptions.requested()) {
            int rc = reportOptions.write(report, ReportOptions.tokenOf(input, report), out, spec.commandLine().getErr());
            if (rc != 0) return rc;
            return Commands.exitStatus(report.verdict());
        }
        Commands.print(report, json, noColor, out);
        return Commands.exitStatus(report.verdict());
    }

    Inspector inspector() {
        return Inspector.standard(validation.offline).withSaml(replyUrl, authnRequest);
    }

    /** --authn-request: an existing file is read (any form the SAML engine decodes); anything else is the request's ID. */
    private void readAuthnRequest() throws UsageException {
        if (authnRequest == null) return;
        if (authnRequest.isBlank()) throw new UsageException("--authn-request is empty: give the AuthnRequest's ID or a file holding it");
        Path p = Path.of(authnRequest);
        if (authnRequest.length() < 4096 && Files.isRegularFile(p)) authnRequest = readFile(p);
    }

    private String readInput() throws UsageException {
        if (file != null && token != null) throw new UsageException("give either TOKEN or --file, not both");
        if (file != null) return file.toString().equals("-") ? StandardInput.read() : readFile(file);
        if (token == null) throw new UsageException("no token given: pass TOKEN, '-' to read standard input, or --file PATH");
        if (token.equals("-")) return StandardInput.read();
        if (isFile(token)) {
            throw new UsageException("TOKEN " + Shown.value(token) + " is the name of a file, not a token: to inspect what the file holds, "
                    + "use --file " + Shown.value(token));
        }
        return token;
    }

    /** True when {@code arg} names an existing file or directory (never decoded as a token then). */
    static boolean isFile(String arg) {
        if (arg.length() > 4096 || Shown.secretLike(arg) && !arg.contains("/")) return false;
        try {
            return Files.exists(Path.of(arg));
        } catch (InvalidPathException | SecurityException e) {
            return false;
        }
    }

    static String readFile(Path path) throws UsageException {
        try {
            if (Files.isDirectory(path)) throw new UsageException(path + " is a directory, not a file: give the file holding the token");
            try (InputStream in = Files.newInputStream(path)) {
                return StandardInput.readCapped(in, path.toString());
            }
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + path + "; check the path");
        } catch (IOException e) {
            throw new UsageException("could not read " + path + ": " + Errors.why(e));
        }
    }

    /** A sample's profile, with whatever the command line adds or overrides. */
    private ValidationProfile merge(ValidationProfile base, ValidationProfile cli) {
        Set<String> given = new HashSet<>(validation.given());
        // --api-config over the sample
        if (validation.apiView() != null) validation.apiView().settings().forEach(st -> given.add(st.field()));
        return Precedence.merge(base, List.of(), cli, given).profile();
    }

}
