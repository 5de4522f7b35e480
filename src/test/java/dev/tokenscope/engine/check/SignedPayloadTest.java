package dev.tokenscope.engine.check;

import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.token.TokenKind;
import dev.tokenscope.testing.KeyedInspector;
import dev.tokenscope.testing.MoreTokens;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JWS whose payload is not a JSON object: the signature decides between "the issuer wrote it" and "damaged on the way". */
class SignedPayloadTest {
    @TempDir
    Path dir;
    Path jwks;

    @BeforeEach
    void keys() {
        jwks = KeyedInspector.jwks(dir);
    }

    Report inspect(String token, Path keys) {
        return KeyedInspector.INSPECTOR.inspect(token, KeyedInspector.profile(keys, Tokens.API_ID));
    }

    static List<String> ids(Report r) {
        return r.diagnoses().stream().map(Diagnosis::id).toList();
    }

    @Test
    void intactSignatureOverANonJsonPayloadIsTheIssuersDoing() {
        for (String payload : List.of("hello, not json", "[1,2,3]", "{\"a\":1}trailing")) {
            Report r = inspect(MoreTokens.signedRaw(payload), jwks);
            assertEquals(Verdict.INVALID, r.verdict(), payload);
            assertEquals(TokenKind.MALFORMED, r.token().kind());
            assertEquals(Status.FAIL, r.step("format").orElseThrow().status());
            assertEquals(Status.PASS, r.step("signature").orElseThrow().status(), r.step("signature").orElseThrow().detail());
            assertEquals(List.of("non-json-payload"), ids(r), payload);
            Diagnosis d = r.topDiagnosis().orElseThrow();
            assertTrue(d.summary().startsWith("Signed by the issuer, but the payload is not a JWT"), d.summary());
            assertFalse(d.fix().toLowerCase().contains("copy"), d.fix());
            assertTrue(r.summary().startsWith("Not valid: Signed by the issuer"), r.summary());
        }
    }

    @Test
    void brokenSignatureMeansDamagedOnTheWay() {
        String t = MoreTokens.signedRaw("hello, not json");
        String[] p = t.split("\\.");
        char c = p[2].charAt(5);
        String damaged = p[0] + "." + p[1] + "." + p[2].substring(0, 5) + (c == 'A' ? 'B' : 'A') + p[2].substring(6);
        Report r = inspect(damaged, jwks);
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(Status.FAIL, r.step("signature").orElseThrow().status());
        assertEquals(List.of("malformed-token"), ids(r));
        Diagnosis d = r.topDiagnosis().orElseThrow();
        assertTrue(d.summary().contains("damaged on the way"), d.summary());
        assertTrue(d.fix().startsWith("Copy the token again"), d.fix());
    }

    @Test
    void withoutKeysItStaysMalformedWithCopyAgainAdvice() {
        Report r = inspect(MoreTokens.signedRaw("hello, not json"), null);
        assertEquals(List.of("malformed-token"), ids(r));
        assertTrue(r.topDiagnosis().orElseThrow().fix().startsWith("Copy the token again"));
        assertEquals(Status.SKIP, r.step("signature").orElseThrow().status());
    }

    @Test
    void otherMalformedTokensAreNotVerified() {
        String t = Tokens.sign(Tokens.v2Access());
        Report r = inspect(t.substring(0, t.lastIndexOf('.')), jwks);
        assertEquals("malformed-token", r.topDiagnosis().orElseThrow().id());
        assertEquals(Status.SKIP, r.step("signature").orElseThrow().status());
    }
}
