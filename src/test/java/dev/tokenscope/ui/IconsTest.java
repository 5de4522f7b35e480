package dev.tokenscope.ui;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every icon literal the GUI names (in FXML and in code) exists in the bundled icon pack: a typo would break a view at run time. */
class IconsTest {
    static final Pattern LITERAL = Pattern.compile("\"(mdi2[a-z]-[a-z0-9-]+)\"");

    @BeforeAll
    static void toolkit() throws Exception {
        UiFixtures.startToolkit();
    }

    @Test
    void everyIconLiteralResolves() throws IOException {
        Set<String> literals = new TreeSet<>();
        for (Path root : new Path[]{Path.of("src/main/java/dev/tokenscope/ui"), Path.of("src/main/resources/dev/tokenscope/ui")}) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".fxml")).toList()) {
                    Matcher m = LITERAL.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    while (m.find()) literals.add(m.group(1));
                }
            }
        }
        assertTrue(literals.size() > 20, "found the literals: " + literals);
        for (String l : literals) assertDoesNotThrow(() -> UiFixtures.fxGet(() -> new FontIcon(l)), l);
    }
}
