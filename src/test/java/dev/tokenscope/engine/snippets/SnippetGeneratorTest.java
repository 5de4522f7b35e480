package dev.tokenscope.engine.snippets;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnippetGeneratorTest {
    static Report report(String token, ValidationProfile p) {
        return new Inspector(TrustResolver.offlineOnly(), Clock.fixed(Tokens.NOW, ZoneOffset.UTC)).inspect(token, p);
    }

    static ValidationProfile profile(List<String> audiences, List<String> tenants) {
        return new ValidationProfile(audiences, tenants, null, List.of("access_as_user"), null, Duration.ofSeconds(120), null, null, null,
                true);
    }

    @Test
    void aV2TokenGetsTheV2MetadataOfItsTenantAndAnExactIssuer() {
        ValidationProfile p = profile(List.of(API_ID, "api://" + API_ID), List.of());
        SnippetSettings s = new SnippetGenerator().settings(report(Tokens.sign(Tokens.v2Access()), p), p);
        assertEquals("https://login.microsoftonline.com/" + TENANT + "/v2.0/.well-known/openid-configuration", s.metadataUrl());
        assertEquals(Tokens.V2_ISS, s.issuer());
        assertNull(s.issuerTemplate());
        assertEquals(List.of(API_ID, "api://" + API_ID), s.audiences());
        assertEquals(List.of("RS256"), s.algorithms());
        assertEquals(120, s.skewSeconds());
        assertEquals("2.0", s.tokenVersion());
        assertEquals(List.of("access_as_user"), s.scopes());
        for (Snippet snippet : new SnippetGenerator().all(report(Tokens.sign(Tokens.v2Access()), p), p)) {
            String code = snippet.code();
            assertTrue(code.contains("\"https://login.microsoftonline.com/" + TENANT + "/v2.0/.well-known/openid-configuration\""), snippet.language() + "\n" + code);
            assertTrue(code.contains("\"" + Tokens.V2_ISS + "\""), snippet.language().label());
            assertTrue(code.contains("\"api://" + API_ID + "\""), snippet.language().label());
            assertTrue(code.contains("120"), snippet.language().label());
            assertTrue(code.contains("\"access_as_user\""), snippet.language().label());
            assertFalse(code.contains("{{"), snippet.language() + ": unfilled placeholder");
            assertFalse(code.contains("ISSUER_TEMPLATE") || code.contains("IssuerTemplate"), snippet.language().label());
        }
        String cs = new SnippetGenerator().generate(Language.CSHARP, report(Tokens.sign(Tokens.v2Access()), p), p).code();
        assertTrue(cs.contains("SecurityAlgorithms.RsaSha256"));
        assertTrue(cs.contains("ValidIssuer = Issuer"));
        assertTrue(cs.contains("\"TenantId\": \"" + TENANT + "\""), cs);
    }

    @Test
    void aV1TokenGetsTheV1MetadataWhateverTheEndpoint() {
        ValidationProfile p = profile(List.of("api://" + API_ID), List.of());
        SnippetSettings s = new SnippetGenerator().settings(report(Tokens.sign(Tokens.v1Access()), p), p);
        assertEquals("https://login.microsoftonline.com/" + TENANT + "/.well-known/openid-configuration", s.metadataUrl());
        assertEquals(Tokens.V1_ISS, s.issuer());
        assertEquals("1.0", s.tokenVersion());
    }

    @Test
    void severalAllowedTenantsMakeAMultiTenantIssuerRule() {
        String other = "5e3c8a11-2b7d-4f6e-9a0c-1d2e3f4a5b6c";
        ValidationProfile p = profile(List.of(API_ID), List.of(TENANT, other.toUpperCase()));
        Report r = report(Tokens.sign(Tokens.v2Access()), p);
        SnippetSettings s = new SnippetGenerator().settings(r, p);
        assertTrue(s.multiTenant());
        assertEquals("https://login.microsoftonline.com/{tenantid}/v2.0", s.issuerTemplate());
        assertEquals(List.of(TENANT, other), s.tenants());
        for (Language l : Language.values()) {
            String code = new SnippetGenerator().generate(l, s).code();
            assertTrue(code.contains("\"https://login.microsoftonline.com/{tenantid}/v2.0\""), l.label());
            assertTrue(code.contains("\"" + other + "\""), l.label());
        }
    }

    @Test
    void withoutAnAudienceInTheProfileTheTokensOwnIsUsedAndSaidSo() {
        ValidationProfile p = profile(List.of(), List.of());
        SnippetSettings s = new SnippetGenerator().settings(report(Tokens.sign(Tokens.v2Access()), p), p);
        assertEquals(List.of(API_ID), s.audiences());
        assertTrue(s.notes().stream().anyMatch(n -> n.contains("token's own")), s.notes().toString());
        assertTrue(new SnippetGenerator().generate(Language.PYTHON, s).code().contains("# NOTE: The audience is the token's own"));
    }

    @Test
    void graphAndIdTokensGetAWarningNote() {
        ValidationProfile p = profile(List.of(), List.of());
        SnippetSettings graph = new SnippetGenerator().settings(report(Tokens.graph(Tokens.v2Access()), p), p);
        assertTrue(graph.notes().stream().anyMatch(n -> n.contains("Microsoft Graph")), graph.notes().toString());
        SnippetSettings id = new SnippetGenerator().settings(report(Tokens.sign(Tokens.v2Id()), p), p);
        assertTrue(id.notes().stream().anyMatch(n -> n.contains("ID token")), id.notes().toString());
    }

    @Test
    void aTokenWithoutReadableClaimsGetsNoSnippet() {
        ValidationProfile p = profile(List.of(), List.of());
        assertThrows(IllegalArgumentException.class, () -> new SnippetGenerator().settings(report("EwBwA8l6BAAUO9chh8cJscQ", p), p));
    }

    @Test
    void dotnetAlgorithmNames() {
        assertEquals("SecurityAlgorithms.RsaSha256", SnippetGenerator.dotnetAlgorithm("RS256"));
        assertEquals("SecurityAlgorithms.RsaSsaPssSha384", SnippetGenerator.dotnetAlgorithm("PS384"));
        assertEquals("SecurityAlgorithms.EcdsaSha256", SnippetGenerator.dotnetAlgorithm("ES256"));
    }

    @Test
    void commentsKeepOnlySafeCharacters() {
        assertEquals("a b/c", SnippetGenerator.safeComment("a\nb*/c"));
        assertEquals("\"x\\\"\\n\\u0001\\u00e9\"", SnippetGenerator.cString("x\"\n\u0001é"));
    }
}
