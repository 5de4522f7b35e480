package dev.tokenscope.engine.apiconfig;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Property: randomly mutated configurations of every format either import or fail with an {@link ApiConfigException}
 * carrying a message; nothing else escapes (tries: jqwik.tries.default, 10,000 in junit-platform.properties).
 */
class ApiConfigFuzzTest {
    record Mutation(String name, UnaryOperator<String> op) {
        String apply(String s) {
            return op.apply(s);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    void mutatedConfigsImportOrFailWithAMessage(@ForAll("mutatedConfigs") String input) {
        String outcome;
        try {
            ApiConfig c = ApiConfigImporter.importConfig("fuzz.cfg", input);
            if (c.format() == null || !ApiConfigImporter.FORMATS.contains(c.format()) || c.profile() == null) {
                throw new AssertionError("incomplete ApiConfig " + c);
            }
            outcome = "imported";
        } catch (ApiConfigException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) throw new AssertionError("blank message for " + input, e);
            if (!e.getMessage().startsWith("fuzz.cfg")) throw new AssertionError("message does not name the source: " + e.getMessage());
            outcome = "refused";
        }
        Statistics.label("outcome").collect(outcome);
        Statistics.label("outcome").coverage(c -> {
            c.check("imported").percentage(p -> p >= 10);
            c.check("refused").percentage(p -> p >= 10);
        });
    }

    @Provide
    Arbitrary<String> mutatedConfigs() {
        return Combinators.combine(Arbitraries.of(Fixtures.ALL), mutation().list().ofMinSize(0).ofMaxSize(3)).as((s, ms) -> {
            String out = s;
            for (Mutation m : ms) out = m.apply(out);
            return out;
        });
    }

    static Arbitrary<Double> position() {
        return Arbitraries.doubles().between(0.0, 1.0);
    }

    static Arbitrary<Mutation> mutation() {
        Arbitrary<Mutation> flip = Combinators.combine(position(), Arbitraries.integers().between(0, 7))
                .as((p, b) -> new Mutation("flip bit " + b + " at " + p,
                        s -> s.isEmpty() ? s : replaceAt(s, p, (char) (s.charAt(index(s, p, -1)) ^ (1 << b)))));
        Arbitrary<Mutation> replace = Combinators.combine(position(), Arbitraries.chars().range('\u0000', '\uFFFF'))
                .as((p, c) -> new Mutation("replace at " + p + " by U+" + Integer.toHexString(c),
                        s -> s.isEmpty() ? s : replaceAt(s, p, c)));
        Arbitrary<Mutation> truncate = position().map(p -> new Mutation("truncate at " + p, s -> s.substring(0, index(s, p, 0))));
        Arbitrary<Mutation> insert = Combinators.combine(position(), Arbitraries.of("{", "}", "<", ">", "!!", "&", "&amp;", "&x;", "\"",
                        "'", ":", ",", "\n", "\n  - ", "---\n", "<!DOCTYPE x [<!ENTITY x \"y\">]>",
                        "!!javax.script.ScriptEngineManager ", "*a", "&a ", "\\", "\\u12", "{{nv}}", "\uFEFF", "\u0000"))
                .as((p, t) -> new Mutation("insert " + t + " at " + p, s -> insertAt(s, p, t)));
        Arbitrary<Mutation> deep = Combinators.combine(position(), Arbitraries.integers().between(1, 300),
                        Arbitraries.of("[", "{\"a\":", "<a>", "- ", "a:\n  "))
                .as((p, n, open) -> new Mutation(n + " x " + open + " at " + p, s -> insertAt(s, p, open.repeat(n))));
        Arbitrary<Mutation> delete = Combinators.combine(position(), Arbitraries.integers().between(1, 40))
                .as((p, n) -> new Mutation("delete " + n + " at " + p, s -> {
                    int i = index(s, p, 0);
                    return s.substring(0, i) + s.substring(Math.min(s.length(), i + n));
                }));
        Arbitrary<Mutation> dupLine = position().map(p -> new Mutation("duplicate line at " + p, s -> {
            List<String> lines = new java.util.ArrayList<>(List.of(s.split("\n", -1)));
            int i = (int) (p * (lines.size() - 1));
            lines.add(i, lines.get(i));
            return String.join("\n", lines);
        }));
        return Arbitraries.frequencyOf(
                Tuple.of(3, flip), Tuple.of(2, replace), Tuple.of(2, truncate), Tuple.of(4, insert),
                Tuple.of(1, deep), Tuple.of(2, delete), Tuple.of(2, dupLine));
    }

    static int index(String s, double p, int slack) {
        return Math.max(0, Math.min(s.length() + slack, (int) (p * s.length())));
    }

    static String replaceAt(String s, double p, char c) {
        int i = index(s, p, -1);
        return s.substring(0, i) + c + s.substring(i + 1);
    }

    static String insertAt(String s, double p, String t) {
        int i = index(s, p, 0);
        return s.substring(0, i) + t + s.substring(i);
    }
}
