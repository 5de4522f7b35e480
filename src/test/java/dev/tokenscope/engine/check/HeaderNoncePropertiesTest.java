package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.testing.KeyedInspector;
import dev.tokenscope.testing.MoreTokens;
import dev.tokenscope.testing.Tokens;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No false "valid": whatever its audience and whatever the API expects, a token with a header nonce is never valid. */
class HeaderNoncePropertiesTest {
    static final Path JWKS;

    static {
        try {
            Path dir = Files.createTempDirectory("nonce-props");
            dir.toFile().deleteOnExit();
            JWKS = KeyedInspector.jwks(dir);
            JWKS.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String> audiences() {
        Arbitrary<String> known = Arbitraries.of(Tokens.API_ID, "api://" + Tokens.API_ID, "https://management.azure.com/", "https://api.spaces.skype.com",
                "https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000", "https://contoso.sharepoint.com", "499b84ac-1321-427f-aa17-267ca6975798");
        Arbitrary<String> any = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20).map(s -> "https://" + s + ".example");
        return Arbitraries.oneOf(known, any, Arbitraries.create(() -> java.util.UUID.randomUUID().toString()));
    }

    @Property(tries = 40)
    void aHeaderNonceTokenIsNeverValid(@ForAll("audiences") String aud, @ForAll boolean v1) {
        String token = MoreTokens.nonceSigned(v1 ? MoreTokens.v1For(aud) : MoreTokens.v2For(aud));
        Report r = KeyedInspector.INSPECTOR.inspect(token, KeyedInspector.profile(JWKS, aud));
        assertEquals(Verdict.INVALID, r.verdict(), aud + ": " + r.summary());
        assertTrue(List.of("graph-token", "first-party-token").contains(r.topDiagnosis().orElseThrow().id()), aud);
    }
}
