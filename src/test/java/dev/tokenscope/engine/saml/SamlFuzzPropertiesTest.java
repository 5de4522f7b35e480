package dev.tokenscope.engine.saml;

import dev.tokenscope.engine.report.Report;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Mutated SAML messages (raw, base64, form, deflated): never an exception, always a report with a summary. */
class SamlFuzzPropertiesTest {
    private static final String XML = SamlFixtures.response();
    private static final List<String> FORMS = List.of(XML, SamlFixtures.base64(XML),
            "SAMLResponse=" + SamlFixtures.base64(XML) + "&RelayState=r",
            "SAMLResponse=" + SamlFixtures.deflated(XML.getBytes(StandardCharsets.UTF_8)));
    private static final SamlProfile PROFILE = SamlFixtures.profile();

    @Property(tries = 2_000, shrinking = ShrinkingMode.BOUNDED)
    void mutatedInputsAlwaysGiveAReport(@ForAll("mutated") String input) {
        Report r = SamlInspector.inspect(input, PROFILE, SamlFixtures.NOW);
        assertNotNull(r);
        assertNotNull(r.verdict());
        assertFalse(r.summary() == null || r.summary().isBlank());
        assertFalse(r.summary().contains("the message could not be read ("), () -> "an internal error was caught: " + r.summary());
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> base = Arbitraries.of(FORMS);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 5);
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<String> insert = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(6),
                Arbitraries.of("<", ">", "&", "&amp;", "<!DOCTYPE x>", "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/>",
                        "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_asrt-6b3e\"/>", "ID=\"x\" ", "%", "=",
                        "\uFEFF", "\u0000"));
        return Combinators.combine(base, kind, where, insert, Arbitraries.integers().between(1, 40)).as((s, k, w, ins, n) -> {
            int at = (int) (w * s.length());
            return switch (k) {
                case 0 -> s.substring(0, at) + ins + s.substring(at);
                case 1 -> s.substring(0, at) + s.substring(Math.min(s.length(), at + n));
                case 2 -> s.substring(0, at);
                case 3 -> at < s.length() ? s.substring(0, at) + (char) (s.charAt(at) ^ (1 << (n % 7))) + s.substring(at + 1) : s + ins;
                case 4 -> s.substring(at) + s.substring(0, at);
                default -> s.replaceFirst(Pattern.quote(s.substring(at, Math.min(s.length(), at + n))), Matcher.quoteReplacement(ins));
            };
        });
    }
}
