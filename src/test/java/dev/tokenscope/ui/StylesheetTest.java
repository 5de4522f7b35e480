package dev.tokenscope.ui;

import dev.tokenscope.ui.fx.Fx;
import javafx.css.CssParser;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tokenscope.bss (made by the build from tokenscope.css, loaded by JavaFX in its place) says what the CSS says. */
class StylesheetTest {
    @Test
    void theBinaryStylesheetHasTheSameRulesAsTheCss() throws Exception {
        URL css = Fx.class.getResource("/dev/tokenscope/ui/tokenscope.css");
        URL bss = Fx.class.getResource("/dev/tokenscope/ui/tokenscope.bss");
        assertNotNull(bss, "the build makes tokenscope.bss next to tokenscope.css");
        List<String> parsed = rules(new CssParser().parse(css));
        List<String> binary = rules(Stylesheet.loadBinary(bss));
        assertTrue(parsed.size() > 100, "rules: " + parsed.size());
        assertEquals(parsed.size(), binary.size());
        for (int i = 0; i < parsed.size(); i++) assertEquals(parsed.get(i), binary.get(i), "rule " + i);
    }

    static List<String> rules(Stylesheet s) {
        // A binary stylesheet's declarations are read on first access: ask for them by name.
        return s.getRules().stream().map(r -> r.getSelectors() + " " + r.getDeclarations().stream()
                .map(d -> d.getProperty() + ":" + text(d.getParsedValue()) + (d.isImportant() ? "!important" : "")).toList()).toList();
    }

    /** A parsed value as text, nested values and arrays included (their toString shows array identities). */
    private static String text(Object v) {
        if (v instanceof javafx.css.ParsedValue<?, ?> p) {
            return "(" + (p.isContainsLookups() ? "lookup " : "") + text(p.getValue()) + " "
                    + (p.getConverter() == null ? "-" : p.getConverter().getClass().getName()) + ")";
        }
        if (v instanceof Object[] a) return java.util.Arrays.stream(a).map(StylesheetTest::text).toList().toString();
        return String.valueOf(v);
    }
}
