package dev.tokenscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.signin.SignInClient;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tokenscope.cli.InspectCommandTest.cli;
import static dev.tokenscope.cli.InspectCommandTest.inspect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, items 1, 5 and 6: no verdict from what the user did not mean. Conflicting or broken options are usage errors
 * (exit 2, one line naming the option and the fix, a JSON error object under --json), before anything is inspected or sent.
 */
class UsageTruthTest {
    @TempDir
    Path dir;

    static void usage(InspectCommandTest.Run r, String... says) {
        assertEquals(Cli.USAGE, r.code(), r.err() + r.out());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        for (String s : says) assertTrue(r.err().contains(s), "\"" + s + "\" in: " + r.err());
        assertFalse(r.out().contains("VALID"), "no verdict: " + r.out());
    }

    // ---- 1. --sample with a token of the user's own ---------------------------------------------------------

    @Test
    void aSampleWithATokenFileOrStdinIsAUsageError() throws Exception {
        Path f = Files.writeString(dir.resolve("t.txt"), Tokens.sign(Tokens.v2Access()));
        usage(cli("inspect", "--sample", "01-valid-access-token", Tokens.sign(Tokens.v2Access())), "--sample", "give one of them");
        usage(cli("inspect", "--sample", "02-expired-access-token", "--file", f.toString()), "--sample", "--file");
        usage(cli("inspect", "--sample", "01-valid-access-token", "-"), "'-'");
        assertEquals(Cli.VALID, cli("inspect", "--sample", "01-valid-access-token").code(), "the sample alone still works");
    }

    // ---- 1. files the user chose are checked as files ------------------------------------------------------

    @Test
    void metadataAndKeyFilesAreCheckedAsFilesNeverAsTheNetwork() throws Exception {
        String token = Tokens.sign(Tokens.v2Access());
        Path wrongShape = Files.writeString(dir.resolve("meta.json"), "{\"authorization_endpoint\":\"https://x\"}");
        Path pem = Files.writeString(dir.resolve("keys.pem"),
                "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n");
        Path notJson = Files.writeString(dir.resolve("keys.txt"), "kid=abc");
        Path metaOnly = Files.writeString(dir.resolve("meta2.json"), "{\"issuer\":\"" + Tokens.V2_ISS + "\"}");
        Path missing = dir.resolve("missing.json");
        List<List<String>> cases = List.of(
                List.of("--metadata", missing.toString(), "no such file"),
                List.of("--metadata", dir.toString(), "is a directory"),
                List.of("--metadata", wrongShape.toString(), "no \"issuer\""),
                List.of("--metadata", metaOnly.toString(), "no \"jwks_uri\""),
                List.of("--jwks", missing.toString(), "no such file"),
                List.of("--jwks", dir.toString(), "is a directory"),
                List.of("--jwks", pem.toString(), "is a PEM file"),
                List.of("--jwks", notJson.toString(), "is not JSON"),
                List.of("--jwks", wrongShape.toString(), "no \"keys\" array"));
        for (List<String> c : cases) {
            for (String cmd : List.of("inspect", "verify", "scan")) {
                String input = cmd.equals("inspect") ? token : Files.writeString(dir.resolve("in-" + cmd), token).toString();
                InspectCommandTest.Run r = cli(cmd, input, c.get(0), c.get(1));
                usage(r, c.get(0) + " " + c.get(1), c.get(2));
                assertFalse(r.err().contains("network") || r.err().contains("metadata-unreachable"), r.err());
            }
        }
    }

    // ---- 1. empty and out-of-range values, contradictory sign-in options -----------------------------------

    @Test
    void blankRequirementsAndOutOfRangeSkewAreUsageErrors() throws Exception {
        String token = Tokens.sign(Tokens.v2Access());
        for (String o : List.of("--audience", "--scope", "--tenant", "--client", "--role", "--issuer")) {
            usage(inspect(token, o, ""), o + " was given an empty value");
            usage(inspect(token, o, "  "), o + " was given an empty value");
        }
        usage(inspect(token, "--skew", "999999999999"), "--skew takes 0 to 86400 seconds");
        usage(inspect(token, "--skew", "-1"), "--skew takes 0 to 86400 seconds");
        usage(cli("verify", Files.writeString(dir.resolve("t"), token).toString(), "--audience", ""),
                "--audience was given an empty value");
    }

    @Test
    void contradictorySignInOptionsFailBeforeAnyNetworkTraffic() {
        AtomicInteger clients = new AtomicInteger();
        List<List<String>> cases = List.of(
                List.of("--device-code", "--client-secret-env", "S", "--scope", "api://x/.default"),
                List.of("--device-code", "--certificate", "cert.pem", "--scope", "api://x/.default"),
                List.of("--client-secret-env", "S"),
                List.of("--prompt", "always"),
                List.of("--scope", ""),
                List.of("--require-scope", " "),
                List.of("--skew", "999999999999"),
                List.of("--client-secret-env", "S", "--scope", "api://x/.default", "--refresh"));
        List<String> says = List.of("--device-code", "--device-code", "client credentials need the resource: add --scope",
                "--prompt takes login", "--scope was given an empty value", "--require-scope was given an empty value", "--skew takes",
                "no refresh token");
        for (int i = 0; i < cases.size(); i++) {
            StringWriter out = new StringWriter(), err = new StringWriter();
            LoginCommand cmd = new LoginCommand(() -> {
                clients.incrementAndGet();
                return SignInClient.standard();
            }, null, () -> Inspector.offline(), Map.of("S", "a-secret-value")::get);
            CommandLine cl = new CommandLine(cmd);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            List<String> args = new ArrayList<>(
                    List.of("--authority", "contoso.onmicrosoft.com", "--client-id", "11111111-2222-3333-4444-555555555555"));
            args.addAll(cases.get(i));
            assertEquals(Cli.USAGE, cl.execute(args.toArray(String[]::new)), cases.get(i) + ": " + err);
            assertTrue(err.toString().contains(says.get(i)), cases.get(i) + ": " + err);
            assertFalse(err.toString().contains("Signing in"), "nothing was sent: " + err);
        }
        assertEquals(0, clients.get(), "no sign-in client was even made");
    }

    // ---- 1. --report and --out / --json disagreeing --------------------------------------------------------

    @Test
    void reportFormatAndFileExtensionOrJsonMustAgree() {
        String token = Tokens.sign(Tokens.v2Access());
        usage(inspect(token, "--report", "md", "--out", dir.resolve("x.html").toString()), "--report md asks for Markdown", "x.html",
                "ask for one");
        assertFalse(Files.exists(dir.resolve("x.html")));
        InspectCommandTest.Run both = inspect(token, "--report", "md", "--json");
        usage(both, "--json prints the report and --report/--out exports it: give one");
        assertEquals("usage", both.json().get("error").get("kind").asText(), "under --json the error is JSON too");
        assertEquals(Cli.INVALID, inspect(token, "--report", "md", "--out", dir.resolve("x.md").toString()).code(),
                "agreeing options still export");
        assertTrue(Files.exists(dir.resolve("x.md")));
    }

    // ---- 5. exports fail loudly ----------------------------------------------------------------------------

    @Test
    void anExportIntoAMissingDirectoryOrOntoADirectoryIsAnErrorThatSaysWhy() throws Exception {
        String token = Tokens.sign(Tokens.v2Access());
        Path missing = dir.resolve("no/such/dir/report.md");
        InspectCommandTest.Run r = inspect(token, "--out", missing.toString());
        assertEquals(Cli.USAGE, r.code());
        assertTrue(r.err().contains("could not write " + missing + ": no such file or directory (" + missing.getParent()
                + "); create it first or choose an existing directory"), r.err());
        assertFalse(Files.exists(dir.resolve("no")), "no directory was created");
        Path asDir = Files.createDirectory(dir.resolve("report.html"));
        r = inspect(token, "--out", asDir.toString());
        assertEquals(Cli.USAGE, r.code());
        assertTrue(r.err().contains("could not write " + asDir + ": it is a directory"), r.err());
        assertFalse(r.err().contains(": " + asDir + "\n"), "not \"could not write X: X\": " + r.err());
    }

    // ---- 6. --json errors, --at without a zone -------------------------------------------------------------

    @Test
    void underJsonEveryUsageErrorIsAJsonObjectOnStandardOutput() throws Exception {
        for (String[] args : List.of(new String[]{"inspect", "--json", "--skew", "x"}, new String[]{"inspect", "--json"},
                new String[]{"inspect", "a", "b", "--json"}, new String[]{"scan", dir.resolve("none.har").toString(), "--json"},
                new String[]{"verify", dir.resolve("none.txt").toString(), "--json-lines"})) {
            InspectCommandTest.Run r = cli(args);
            assertEquals(Cli.USAGE, r.code(), String.join(" ", args));
            JsonNode e = r.json().get("error");
            assertEquals("usage", e.get("kind").asText());
            assertEquals(2, e.get("exitCode").asInt());
            assertTrue(r.err().contains(e.get("message").asText()), "the same message on stderr: " + r.err());
        }
        assertEquals("", cli("inspect", "--skew", "x").out(), "without --json, stdout stays empty");
    }

    @Test
    void atWithoutAZoneSaysAddZOrAnOffset() {
        InspectCommandTest.Run r = inspect(Tokens.sign(Tokens.v2Access()), "--at", "2026-03-01T12:00:00");
        usage(r, "has no time zone: add Z or an offset", "2026-03-01T12:00:00Z");
        assertEquals(Cli.INVALID, inspect(Tokens.sign(Tokens.v2Access()), "--at", "2026-03-01T13:00:00+01:00").code(), "an offset is fine");
    }

    @Test
    void theLifetimeStepSaysAtTheChosenInstant() {
        JsonNode r = InspectCommandTest.json(Tokens.sign(Tokens.v2Access()));
        String detail = InspectCommandTest.step(r, "lifetime").get("detail").asText();
        assertTrue(detail.startsWith("Valid at 2026-03-01T12:00:00Z;"), detail);
        assertFalse(detail.contains("now"), detail);
    }
}
