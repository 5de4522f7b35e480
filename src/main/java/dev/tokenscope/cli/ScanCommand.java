package dev.tokenscope.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.har.HarAnalysis;
import dev.tokenscope.engine.har.HarFormatException;
import dev.tokenscope.engine.har.HarRow;
import dev.tokenscope.engine.har.HarScan;
import dev.tokenscope.engine.har.HarScanner;
import dev.tokenscope.engine.har.HarStory;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.text.SafeText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tokenscope scan capture.har}: every token in a browser capture, with where it was found and its verdict. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List every token in a browser's HAR capture: Authorization headers, token-endpoint responses "
                + "(access_token, id_token), redirect URLs and fragments, form posts; each with request URL, time, audience, "
                + "expiry and a verdict. The capture is streamed, so large files are fine.",
                "Each token is judged in its role (\"judgedAs\"): api — sent to your API (or for its audience): checked against "
                + "the API profile; id-token-for-client — an id_token of a redirect, form post or token response: an ID token for the "
                + "client that asked for it (aud = that request's client_id, nonce = its /authorize request's nonce); other-resource "
                + "— an access token for a Microsoft API (Graph, Azure Resource Manager, Key Vault, SharePoint …) by its audience or "
                + "the Microsoft host it was sent to: UNDETERMINED, 'Not for your API: an access token for …', never invalid "
                + "for not being yours or for Graph's unverifiable signature (only for failures such as expiry); placeholder — "
                + "'Bearer undefined' and the like: invalid. A 401/403 answer is kept on its row (serverResponse).",
                "The output starts with the capture's story: one paragraph of the sign-in, the tokens and the calls in capture order.",
                "Each token is judged at the time of the request where it was first seen (unless --at); entries[N] numbers the capture's "
                        + "entries from 0, in the list and in --json; every request a token was sent with is listed under it.",
                "Token values are never printed; --inspect N shows the whole report of token N."},
        footer = {"", "Examples:",
                "  tokenscope scan capture.har --audience api://my-api",
                "  tokenscope scan capture.har --inspect 2",
                "  tokenscope scan capture.har --json --offline --jwks keys.json",
                "", "Exit status: 0 every token valid, 1 some token invalid or undetermined, 2 usage error, unreadable "
                        + "capture or no token found."})
public class ScanCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HAR", description = "The HAR file (browser dev tools ▸ Network ▸ Save all as HAR).")
    String argument;

    private Path file;

    @Mixin
    ValidationOptions validation = new ValidationOptions();

    @Option(names = "--json",
            description = "Print the list (or with --inspect, the report) as JSON; a usage error prints {\"error\":{…}} instead.")
    boolean json;

    @Option(names = "--inspect", paramLabel = "N", description = "Show the whole report of token N of the list.")
    Integer pick;

    @Option(names = "--no-color", description = "No ANSI colours in the report of --inspect.")
    boolean noColor;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ValidationProfile profile;
        try {
            profile = Commands.profile(validation);
        } catch (UsageException e) {
            return Errors.usage(spec, e.getMessage());
        }
        HarScan scan;
        try (InputStream in = VerifyCommand.open(argument)) {
            file = Path.of(argument);
            scan = new HarScanner().scan(in);
        } catch (HarFormatException e) {
            return Errors.usage(spec, e.getMessage());
        } catch (IOException e) {
            return Errors.usage(spec, e.getMessage());
        }
        for (String w : scan.warnings()) err.println("tokenscope scan: warning: " + SafeText.line(w));
        if (scan.findings().isEmpty()) {
            if (json) out.println(Json.pretty(listJson(scan, List.of(), HarStory.tell(scan, List.of()))));
            err.println("tokenscope scan: no token found in " + scan.entries() + " entries of " + file
                    + ": capture again with the sign-in and the API calls in it (dev tools ▸ Network, 'Preserve log' on)");
            return Cli.USAGE;
        }
        Inspector inspector = inspector(profile);
        List<HarRow> rows = HarAnalysis.analyseAtRequestTime(scan, inspector, profile);
        if (pick != null) {
            if (pick < 1 || pick > rows.size()) return Errors.usage(spec, "--inspect takes 1 to " + rows.size() + ", not " + pick);
            HarRow row = rows.get(pick - 1);
            Commands.print(row.report(), json, noColor, out);
            return Commands.exitStatus(row.verdict());
        }
        String story = HarStory.tell(scan, rows);
        if (json) {
            out.println(Json.pretty(listJson(scan, rows, story)));
        } else {
            out.print(SafeText.line(story) + "\n\n" + render(file, scan, rows));
        }
        out.flush();
        return rows.stream().allMatch(r -> r.verdict() == Verdict.VALID) ? Cli.VALID : Cli.INVALID;
    }

    Inspector inspector(ValidationProfile profile) {
        return Inspector.standard(profile.offline());
    }

    private ObjectNode listJson(HarScan scan, List<HarRow> rows, String story) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("file", file.toString());
        root.put("story", story);
        root.put("entries", scan.entries());
        root.put("entryNumbering", "0-based index into log.entries, as in the text list (entries[N])");
        root.put("judgedAt", validation.at != null ? "--at" : "the time of each token's first request (its entry's startedDateTime)");
        root.put("bodiesNotRead", scan.skipped());
        ArrayNode w = root.putArray("warnings");
        scan.warnings().forEach(w::add);
        root.set("tokens", Json.MAPPER.valueToTree(rows));
        return root;
    }

    /** The list for a terminal: every text from the capture (URL, where, audience …) passes {@link SafeText#line}. */
    static String render(Path file, HarScan scan, List<HarRow> rows) {
        StringBuilder sb = new StringBuilder();
        int occurrences = rows.stream().mapToInt(r -> r.finding().occurrences()).sum();
        sb.append(file.getFileName()).append(": ").append(scan.entries()).append(" entries, ").append(rows.size())
                .append(rows.size() == 1 ? " distinct token" : " distinct tokens").append(" (").append(occurrences)
                .append(occurrences == 1 ? " occurrence)" : " occurrences)").append('\n');
        sb.append("Each token is judged at the time of the request where it was first seen, unless --at sets the time; entries[N] is the "
                + "0-based index into the capture's log.entries, as in --json.\n");
        for (HarRow r : rows) {
            var f = r.finding();
            sb.append('\n').append('[').append(r.number()).append("] ").append(r.verdict().json().toUpperCase());
            if (r.diagnosis() != null) sb.append(" [").append(SafeText.line(r.diagnosis())).append(']');
            sb.append(" — ").append(SafeText.line(r.summary())).append('\n');
            sb.append("    ").append(f.role().label()).append(" · ").append(SafeText.line(f.where())).append(" · ")
                    .append(f.method() == null ? "" : SafeText.line(f.method()) + " ")
                    .append(f.url() == null ? "(no URL)" : SafeText.line(f.url()));
            if (f.status() > 0) sb.append(" → ").append(f.status());
            sb.append('\n').append("    ").append(SafeText.line(r.judgedText())).append('\n');
            if (f.serverResponse() != null) {
                sb.append("    ").append(SafeText.line(f.serverResponse().request())).append(' ')
                        .append(SafeText.line(f.serverResponse().text())).append('\n');
            }
            sb.append("    ");
            if (f.time() != null) sb.append("at ").append(SafeText.line(f.time())).append(" · ");
            sb.append("entries[").append(f.entry()).append(']');
            if (f.occurrences() > 1) sb.append(" · seen ").append(f.occurrences()).append("× (last in entries[").append(f.lastEntry())
                    .append("])");
            sb.append('\n');
            for (var call : f.calls()) {
                sb.append("    sent with ").append(SafeText.line(call.method())).append(' ').append(SafeText.line(call.url()));
                if (call.status() > 0) sb.append(" → ").append(call.status());
                sb.append(" (entries[").append(call.entry()).append("])\n");
            }
            if (f.calls().size() == HarScanner.MAX_CALLS) {
                sb.append("    (at most ").append(HarScanner.MAX_CALLS)
                        .append(" requests are listed per token; --json has the same list)\n");
            }
            if (r.audience() != null || r.expires() != null) {
                sb.append("    ");
                if (r.type() != null) sb.append(SafeText.line(r.type())).append(" · ");
                if (r.audience() != null) sb.append("aud ").append(SafeText.line(r.audience()));
                if (r.expires() != null) sb.append(r.audience() != null ? " · " : "").append("exp ").append(SafeText.line(r.expires()))
                        .append(r.expiresIn() != null ? " (" + SafeText.line(r.expiresIn()) + ")" : "");
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** "judged as: api (6e74…) · sent to api.contoso.example". */
}
