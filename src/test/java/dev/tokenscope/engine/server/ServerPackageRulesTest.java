package dev.tokenscope.engine.server;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The package stays engine code, small classes; and a few explanations read as sentences. */
class ServerPackageRulesTest {
    static final Path SOURCES = Path.of("src/main/java/dev/tokenscope/engine/server");

    @Test
    void engineCodeImportsNoUserInterface() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() >= 10, files.toString());
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (String l : lines) {
                if (!l.startsWith("import")) continue;
                assertFalse(l.contains("javafx") || l.contains("java.awt")
                        || l.contains("dev.tokenscope.ui") || l.contains("dev.tokenscope.cli"), f + ": " + l);
            }
            assertTrue(lines.size() <= 250, f + " has " + lines.size() + " lines");
        }
    }

    @Test
    void aadstsExplanationsComeFromTheSignInCatalogue() {
        List<Finding> f = ServerFindings.explainAlone(ServerResponseParser.parse("AADSTS7000215: Invalid client secret provided."));
        assertEquals(1, f.size());
        assertTrue(f.get(0).explanation().contains("Secret ID"), f.get(0).explanation());
        assertFalse(f.get(0).explanation().contains(".."), f.get(0).explanation());
        assertFalse(f.get(0).explanation().contains("()"), f.get(0).explanation());
    }

    @Test
    void aChallengeWithoutErrorForAGoodTokenPointsAtTheRequest() {
        Report r = Inspector.offline().inspect(Tokens.sign(Tokens.v2Access()), ValidationProfile.defaults().withAt(Tokens.NOW));
        List<Finding> f = ServerFindings.join(ServerResponseParser.parse("HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n\n"), r);
        assertEquals(1, f.size());
        assertEquals("bearer-challenge", f.get(0).code());
        assertEquals("format", f.get(0).step());
        assertTrue(f.get(0).explanation().contains("Authorization header"), f.get(0).explanation());
    }
}
