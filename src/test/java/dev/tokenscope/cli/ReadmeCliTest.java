package dev.tokenscope.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's CLI section is each command's {@code --help}, word for word, so it can't drift: this test compares them;
 * {@code main} rewrites the blocks after a change to the options
 * ({@code java -cp target/classes:target/test-classes:<deps> dev.tokenscope.cli.ReadmeCliTest}).
 */
class ReadmeCliTest {
    static final List<String> COMMANDS = List.of("inspect", "login", "scan", "verify", "open");
    static final Path README = Path.of("README.md");

    static String help(String command) {
        return InspectCommandTest.cli(command, "--help").out();
    }

    static String block(String command) {
        return "<!-- tokenscope " + command + " --help (generated: ReadmeCliTest) -->\n```text\n" + help(command) + "```\n";
    }

    @Test
    void theReadmeShowsEveryCommandsHelpWordForWord() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        for (String c : COMMANDS) {
            assertTrue(readme.contains(block(c)), "README.md: the block of 'tokenscope " + c + " --help' differs from the help; "
                    + "run ReadmeCliTest.main to regenerate it");
        }
        assertTrue(!readme.contains("same validation options as `inspect`"), "login, verify and scan have options of their own");
        assertTrue(readme.contains("{\"error\":{\"kind\":\"usage\""), "the JSON error object is documented");
    }

    /** Every URL and timestamp the help cites is printed whole (picocli wraps only at spaces within the help width). */
    @Test
    void helpNeverWrapsInsideAUrlOrATimestamp() {
        Pattern word = Pattern.compile("(https?://\\S+|\\d{4}-\\d{2}-\\d{2}T[0-9:]+Z)");
        CommandLine root = Cli.commandLine();
        for (String c : COMMANDS) {
            CommandLine.Model.CommandSpec spec = root.getSubcommands().get(c).getCommandSpec();
            List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
            texts.addAll(List.of(spec.usageMessage().footer()));
            spec.options().forEach(o -> texts.addAll(List.of(o.description())));
            String help = help(c);
            int found = 0;
            for (String t : texts) {
                Matcher m = word.matcher(t);
                while (m.find()) {
                    String w = m.group(1).replaceAll("[).,;]+$", "");
                    assertTrue(help.contains(w), c + " --help breaks \"" + w + "\":\n" + help);
                    found++;
                }
            }
            if (c.equals("verify")) assertTrue(found > 0, "verify's help cites a metadata URL");
        }
    }

    public static void main(String[] args) throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        for (String c : COMMANDS) {
            Pattern old = Pattern.compile("<!-- tokenscope " + c + " --help \\(generated: ReadmeCliTest\\) -->\n```text\n.*?```\n",
                    Pattern.DOTALL);
            Matcher m = old.matcher(readme);
            if (!m.find()) throw new IllegalStateException("README.md has no block for " + c);
            readme = readme.substring(0, m.start()) + block(c) + readme.substring(m.end());
        }
        Files.writeString(README, readme, StandardCharsets.UTF_8);
        assertEquals(readme, Files.readString(README, StandardCharsets.UTF_8));
    }
}
