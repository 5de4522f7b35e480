package dev.tokenscope.ui;

import javafx.css.CssParser;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trimmed theme (theme/primer-*.bss, made by the build with {@link ThemeTrim}) is AtlantaFX's theme minus exactly
 * the selectors that name a class of {@link ThemeTrim#UNUSED}, and Tokenscope's sources never give a node such a class
 * (MainWindowTest also walks every built window for them).
 */
class ThemeTrimTest {
    @Test
    void theBinaryThemesAreAtlantaFxsLessTheSelectorsOfUnusedControls() throws Exception {
        for (String name : List.of("primer-light", "primer-dark")) {
            String original = resource("/atlantafx/base/theme/" + name + ".css");
            URL bss = Theme.class.getResource("theme/" + name + ".bss");
            assertNotNull(bss, "the build makes theme/" + name + ".bss");
            // Parsed from a file, as the build's Css2Bin did (url() values are resolved against the stylesheet's place).
            Path css = Files.createTempFile(name, ".css");
            Files.writeString(css, ThemeTrim.trim(original));
            List<String> derived = located(StylesheetTest.rules(new CssParser().parse(css.toUri().toURL())));
            Files.delete(css);
            List<String> built = located(StylesheetTest.rules(Stylesheet.loadBinary(bss)));
            assertEquals(derived.size(), built.size(), name + ".bss is ThemeTrim.trim of the AtlantaFX theme on the class path");
            for (int i = 0; i < derived.size(); i++) assertEquals(derived.get(i), built.get(i), name + " rule " + i);

            // Every selector of the original is kept as it is, or names an unused class.
            List<String> kept = selectors(new CssParser().parse(ThemeTrim.trim(original)));
            List<String> all = selectors(new CssParser().parse(original));
            List<String> dropped = new ArrayList<>(all);
            kept.forEach(dropped::remove);
            assertEquals(all.size(), kept.size() + dropped.size(), name);
            for (String s : dropped) assertTrue(ThemeTrim.namesUnused(s), s);
            assertTrue(dropped.size() > all.size() / 3, name + ": dropped " + dropped.size() + " of " + all.size());
            assertTrue(kept.stream().noneMatch(ThemeTrim::namesUnused), name);
        }
        assertTrue(Theme.stylesheet(false).endsWith("theme/primer-light.bss"), Theme.stylesheet(false));
        assertTrue(Theme.stylesheet(true).endsWith("theme/primer-dark.bss"), Theme.stylesheet(true));
    }

    @Test
    void noSourceGivesANodeAClassOfAnUnusedControl() throws IOException {
        Pattern fxmlClasses = Pattern.compile("styleClass=\"([^\"]*)\"");
        Pattern javaStrings = Pattern.compile("\"([A-Za-z0-9_, -]*)\"");
        Pattern cssClasses = Pattern.compile("\\.([A-Za-z_][\\w-]*)");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.equals("ThemeTrim.java")) continue;
                Pattern p = name.endsWith(".fxml") ? fxmlClasses : name.endsWith(".java") ? javaStrings : name.endsWith(".css") ? cssClasses
                        : null;
                if (p == null) continue;
                Matcher m = p.matcher(Files.readString(f));
                while (m.find()) {
                    for (String token : m.group(1).split("[ ,]+")) {
                        if (ThemeTrim.UNUSED.contains(token)) found.add(f + ": " + token);
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /** The rules with the stylesheet's own location (which url() values carry) left out. */
    private static List<String> located(List<String> rules) {
        return rules.stream().map(r -> r.replaceAll("\\(\\w+:[^ ()]*\\.[bc]ss -\\)", "(SHEET -)")).toList();
    }

    private static List<String> selectors(Stylesheet s) {
        List<String> out = new ArrayList<>();
        s.getRules().forEach(r -> r.getSelectors().forEach(sel -> out.add(sel.toString())));
        return out;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ThemeTrim.class.getResourceAsStream(path)) {
            assertNotNull(in, path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
