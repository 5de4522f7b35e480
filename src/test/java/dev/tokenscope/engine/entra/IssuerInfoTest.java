package dev.tokenscope.engine.entra;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.token.TokenDecoder;
import dev.tokenscope.testing.FakeEntra;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issuer classification and the metadata URL derived from the token, plus online B2C and External ID discovery. */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class IssuerInfoTest {
    static final String T = TENANT;

    // ---- Entra v2 and the national clouds --------------------------------------------------------------------

    @Test
    void entraV2Public() {
        IssuerInfo i = IssuerInfo.classify("https://login.microsoftonline.com/" + T + "/v2.0", "2.0", null);
        assertEquals(IssuerKind.ENTRA_V2, i.kind());
        assertEquals("public", i.cloud());
        assertEquals(T, i.tenantInPath());
        assertEquals("login.microsoftonline.com", i.loginHost());
        assertEquals("https://login.microsoftonline.com/" + T + "/v2.0/.well-known/openid-configuration", i.metadataUrl());
        assertEquals("https://login.microsoftonline.com/" + T + "/discovery/v2.0/keys", i.predictedJwksUrl());
        assertTrue(i.kind().entra());
    }

    @Test
    void entraV2WithATrailingSlashAndWithoutVer() {
        IssuerInfo i = IssuerInfo.classify("https://login.microsoftonline.com/" + T + "/v2.0/", null, null);
        assertEquals(IssuerKind.ENTRA_V2, i.kind());
        assertEquals("https://login.microsoftonline.com/" + T + "/v2.0/.well-known/openid-configuration", i.metadataUrl(),
                "without ver the issuer's own version decides");
    }

    @Test
    void entraV2UsGovernment() {
        IssuerInfo i = IssuerInfo.classify("https://login.microsoftonline.us/" + T + "/v2.0", "2.0", null);
        assertEquals(IssuerKind.ENTRA_V2, i.kind());
        assertEquals("usgov", i.cloud());
        assertEquals("https://login.microsoftonline.us/" + T + "/v2.0/.well-known/openid-configuration", i.metadataUrl());
        assertEquals("https://login.microsoftonline.us/" + T + "/discovery/v2.0/keys", i.predictedJwksUrl());
    }

    @Test
    void entraV2ChinaBothHosts() {
        for (String host : List.of("login.partner.microsoftonline.cn", "login.chinacloudapi.cn")) {
            IssuerInfo i = IssuerInfo.classify("https://" + host + "/" + T + "/v2.0", "2.0", null);
            assertEquals(IssuerKind.ENTRA_V2, i.kind(), host);
            assertEquals("china", i.cloud(), host);
            assertEquals(host, i.loginHost());
            assertEquals("https://" + host + "/" + T + "/v2.0/.well-known/openid-configuration", i.metadataUrl());
        }
    }

    // ---- Entra v1; the metadata version follows "ver" --------------------------------------------------------

    @Test
    void entraV1IsDiscoveredFromTheLoginHost() {
        IssuerInfo i = IssuerInfo.classify("https://sts.windows.net/" + T + "/", "1.0", null);
        assertEquals(IssuerKind.ENTRA_V1, i.kind());
        assertEquals("public", i.cloud());
        assertEquals(T, i.tenantInPath());
        assertEquals("login.microsoftonline.com", i.loginHost());
        assertEquals("https://login.microsoftonline.com/" + T + "/.well-known/openid-configuration", i.metadataUrl());
        assertEquals("https://login.microsoftonline.com/common/discovery/keys", i.predictedJwksUrl());
    }

    @Test
    void entraV1NationalClouds() {
        IssuerInfo cn = IssuerInfo.classify("https://sts.chinacloudapi.cn/" + T + "/", "1.0", null);
        assertEquals(IssuerKind.ENTRA_V1, cn.kind());
        assertEquals("china", cn.cloud());
        assertEquals("https://login.chinacloudapi.cn/" + T + "/.well-known/openid-configuration", cn.metadataUrl());
        IssuerInfo gov = IssuerInfo.classify("https://login.microsoftonline.us/" + T + "/", "1.0", null);
        assertEquals(IssuerKind.ENTRA_V1, gov.kind());
        assertEquals("usgov", gov.cloud());
        assertEquals("https://login.microsoftonline.us/" + T + "/.well-known/openid-configuration", gov.metadataUrl());
    }

    @Test
    void metadataVersionFollowsVerWhateverTheIssuerForm() {
        // A v1-form issuer on a token that says ver 2.0 → v2 metadata; a v2-form issuer saying ver 1.0 → v1 metadata.
        IssuerInfo a = IssuerInfo.classify("https://sts.windows.net/" + T + "/", "2.0", null);
        assertEquals(IssuerKind.ENTRA_V1, a.kind());
        assertEquals("https://login.microsoftonline.com/" + T + "/v2.0/.well-known/openid-configuration", a.metadataUrl());
        assertEquals("https://login.microsoftonline.com/" + T + "/discovery/v2.0/keys", a.predictedJwksUrl());
        IssuerInfo b = IssuerInfo.classify("https://login.microsoftonline.com/" + T + "/v2.0", "1.0", null);
        assertEquals(IssuerKind.ENTRA_V2, b.kind());
        assertEquals("https://login.microsoftonline.com/" + T + "/.well-known/openid-configuration", b.metadataUrl());
        assertEquals("https://login.microsoftonline.com/common/discovery/keys", b.predictedJwksUrl());
        IssuerInfo noVer = IssuerInfo.classify("https://sts.windows.net/" + T + "/", null, null);
        assertEquals("https://login.microsoftonline.com/" + T + "/.well-known/openid-configuration", noVer.metadataUrl());
    }

    // ---- Azure AD B2C -------------------------------------------------------------------------------------------

    @Test
    void b2cPolicyFromTfp() {
        IssuerInfo i = IssuerInfo.classify("https://contoso.b2clogin.com/" + T + "/v2.0/", "1.0", "B2C_1_signin");
        assertEquals(IssuerKind.B2C, i.kind());
        assertEquals("public", i.cloud());
        assertEquals(T, i.tenantInPath());
        assertEquals("contoso.b2clogin.com", i.loginHost());
        assertEquals("https://contoso.b2clogin.com/" + T + "/b2c_1_signin/v2.0/.well-known/openid-configuration", i.metadataUrl());
        assertNull(i.predictedJwksUrl(), "B2C key sets are per policy: not predicted");
        assertTrue(i.kind().entra());
    }

    @Test
    void b2cTfpPathForm() {
        IssuerInfo i = IssuerInfo.classify("https://contoso.b2clogin.com/tfp/" + T + "/B2C_1A_SignUp_SignIn/v2.0/", "1.0", null);
        assertEquals(IssuerKind.B2C, i.kind());
        assertEquals(T, i.tenantInPath());
        assertEquals("https://contoso.b2clogin.com/" + T + "/b2c_1a_signup_signin/v2.0/.well-known/openid-configuration", i.metadataUrl());
        // The policy in the issuer's path wins over a claim naming another.
        IssuerInfo both = IssuerInfo.classify("https://contoso.b2clogin.com/tfp/" + T + "/B2C_1_a/v2.0/", "1.0", "B2C_1_b");
        assertTrue(both.metadataUrl().contains("/b2c_1_a/"), both.metadataUrl());
    }

    @Test
    void b2cWithoutAPolicyHasNoMetadataUrl() {
        IssuerInfo i = IssuerInfo.classify("https://contoso.b2clogin.com/" + T + "/v2.0/", "1.0", null);
        assertEquals(IssuerKind.B2C, i.kind());
        assertNull(i.metadataUrl());
    }

    @Test
    void b2cChinaCloud() {
        IssuerInfo i = IssuerInfo.classify("https://contoso.b2clogin.cn/" + T + "/v2.0/", "1.0", "B2C_1_signin");
        assertEquals(IssuerKind.B2C, i.kind());
        assertEquals("china", i.cloud());
    }

    // ---- Entra External ID (CIAM) -------------------------------------------------------------------------------

    @Test
    void externalIdIsDiscoveredFromItsOwnHost() {
        IssuerInfo i = IssuerInfo.classify("https://contoso.ciamlogin.com/" + T + "/v2.0", "2.0", null);
        assertEquals(IssuerKind.EXTERNAL_ID, i.kind());
        assertEquals("contoso.ciamlogin.com", i.loginHost());
        assertEquals("https://contoso.ciamlogin.com/" + T + "/v2.0/.well-known/openid-configuration", i.metadataUrl());
        assertEquals("https://contoso.ciamlogin.com/" + T + "/discovery/v2.0/keys", i.predictedJwksUrl());
        assertFalse(i.metadataUrl().contains("login.microsoftonline.com"), "CIAM keys are not the workforce keys");
        // The issuer host may be the tenant GUID itself.
        IssuerInfo guidHost = IssuerInfo.classify("https://" + T + ".ciamlogin.com/" + T + "/v2.0", "2.0", null);
        assertEquals(IssuerKind.EXTERNAL_ID, guidHost.kind());
        assertEquals("https://" + T + ".ciamlogin.com/" + T + "/v2.0/.well-known/openid-configuration", guidHost.metadataUrl());
    }

    // ---- other issuers, lookalikes, nothing -------------------------------------------------------------------

    @Test
    void otherOidcIssuers() {
        IssuerInfo g = IssuerInfo.classify("https://accounts.google.com", null, null);
        assertEquals(IssuerKind.OTHER, g.kind());
        assertNull(g.cloud());
        assertEquals("accounts.google.com", g.loginHost());
        assertEquals("https://accounts.google.com/.well-known/openid-configuration", g.metadataUrl());
        assertNull(g.predictedJwksUrl());
        IssuerInfo slash = IssuerInfo.classify("https://idp.example/realms/main/", null, null);
        assertEquals("https://idp.example/realms/main/.well-known/openid-configuration", slash.metadataUrl());
        assertFalse(slash.kind().entra());
    }

    @Test
    void issuerThatIsNotAUrlHasNoMetadataUrl() {
        IssuerInfo i = IssuerInfo.classify("contoso", null, null);
        assertEquals(IssuerKind.OTHER, i.kind());
        assertNull(i.metadataUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://login.microsoftonline.com.evil.example/" + T + "/v2.0",
            "https://evil.example/login.microsoftonline.com/" + T + "/v2.0",
            "https://sts.windows.net.evil.example/" + T + "/",
            "http://login.microsoftonline.com/" + T + "/v2.0",
            "https://evil.example#.b2clogin.com/" + T + "/b2c_1_x/v2.0/",
            "https://evil.example?.b2clogin.com/" + T + "/v2.0/",
            "https://evil.example#.ciamlogin.com/" + T + "/v2.0",
            "https://user@evil.example\\.ciamlogin.com/" + T + "/v2.0"})
    void lookalikesAreNotEntra(String iss) {
        IssuerInfo i = IssuerInfo.classify(iss, "2.0", "B2C_1_x");
        assertFalse(i.kind().entra(), iss + " classified as " + i.kind());
        assertNull(i.predictedJwksUrl());
    }

    @Test
    void aTenantSegmentCannotSteerTheMetadataUrl() {
        // Odd characters in the tenant segment must not turn the path into a query or fragment of another URL.
        IssuerInfo i = IssuerInfo.classify("https://login.microsoftonline.com/x?y#/v2.0", "2.0", null);
        assertFalse(i.kind().entra(), i.toString());
        IssuerInfo b = IssuerInfo.classify("https://contoso.b2clogin.com/" + T + "/v2.0/", "1.0", "B2C_1_x?appid=1#");
        assertNull(b.metadataUrl(), "a policy name is letters, digits and underscores: " + b.metadataUrl());
    }

    @Test
    void blankOrAbsentIssuer() {
        for (String iss : new String[] {null, "", "   "}) {
            IssuerInfo i = IssuerInfo.classify(iss, "2.0", null);
            assertEquals(IssuerKind.NONE, i.kind());
            assertNull(i.metadataUrl());
            assertNull(i.predictedJwksUrl());
            assertNull(i.cloud());
        }
    }

    @Test
    void tokenFactsReadThePolicyFromTfpOrAcr() {
        String tfp = Tokens.sign(b2c("B2C_1_signin", null));
        String acr = Tokens.sign(b2c(null, "b2c_1_legacy"));
        assertTrue(new TokenFacts(new TokenDecoder().decode(tfp)).issuer().metadataUrl().contains("/b2c_1_signin/"));
        assertTrue(new TokenFacts(new TokenDecoder().decode(acr)).issuer().metadataUrl().contains("/b2c_1_legacy/"));
    }

    // ---- online discovery through the fake (real HTTPS on loopback) ------------------------------------------

    static final String B2C_ISS = "https://contoso.b2clogin.com/" + TENANT + "/v2.0/";
    static final String CIAM_ISS = "https://contoso.ciamlogin.com/" + TENANT + "/v2.0";

    static JWTClaimsSet.Builder b2c(String tfp, String acr) {
        return Tokens.v2Access().issuer(B2C_ISS).claim("ver", "1.0").claim("tfp", tfp).claim("acr", acr)
                .claim("azp", null).claim("rh", null).claim("uti", null).claim("aio", null).claim("azpacr", null);
    }

    @Test
    void b2cDiscoveryOnline(@TempDir Path cache) {
        RSAKey b2cKey = Tokens.rsa("b2c-kid");
        String base = "https://contoso.b2clogin.com/" + TENANT + "/b2c_1_signin";
        try (FakeEntra entra = new FakeEntra()) {
            entra.json(base + "/v2.0/.well-known/openid-configuration", "{\"issuer\":\"" + B2C_ISS + "\",\"jwks_uri\":\"" + base
                    + "/discovery/v2.0/keys\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
            entra.json(base + "/discovery/v2.0/keys", Tokens.publicSet(b2cKey).toString(true));
            String token = Tokens.sign(b2c("B2C_1_signin", null).build(), b2cKey,
                    new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID("b2c-kid").build());
            Report r = entra.inspector(cache).inspect(token, ValidationProfile.defaults().withAudiences(List.of(API_ID)));
            assertEquals(Verdict.VALID, r.verdict(), r.summary() + " " + r.steps());
            assertEquals("b2c", r.token().issuerKind());
            assertEquals(Status.PASS, r.step("issuer").orElseThrow().status());
            assertEquals("b2c-kid", r.key().kid());
            assertEquals(base + "/discovery/v2.0/keys", r.key().source());
            assertEquals(1, entra.count(base + "/v2.0/.well-known/openid-configuration"));
            assertEquals(1, entra.count(base + "/discovery/v2.0/keys"));
            assertEquals(0, entra.requests.stream().filter(q -> q.getUrl().host().equals("login.microsoftonline.com")).count());
        }
    }

    @Test
    void externalIdDiscoveryOnline(@TempDir Path cache) {
        RSAKey ciamKey = Tokens.rsa("ciam-kid");
        String host = "https://contoso.ciamlogin.com/" + TENANT;
        try (FakeEntra entra = new FakeEntra()) {
            // The workforce endpoints publish other keys: a validator that looks there fails (IDX10503/IDX10501).
            entra.tenant(TENANT, Tokens.publicSet(Tokens.RSA));
            entra.json(host + "/v2.0/.well-known/openid-configuration", "{\"issuer\":\"" + CIAM_ISS + "\",\"jwks_uri\":\"" + host
                    + "/discovery/v2.0/keys\"}");
            entra.json(host + "/discovery/v2.0/keys", Tokens.publicSet(ciamKey).toString(true));
            String token = Tokens.sign(Tokens.v2Access().issuer(CIAM_ISS).build(), ciamKey,
                    new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID("ciam-kid").build());
            Report r = entra.inspector(cache).inspect(token, ValidationProfile.defaults().withAudiences(List.of(API_ID)));
            assertEquals(Verdict.VALID, r.verdict(), r.summary() + " " + r.steps());
            assertEquals("external-id", r.token().issuerKind());
            assertEquals("ciam-kid", r.key().kid());
            assertTrue(r.step("keys").orElseThrow().evidence().values().stream().anyMatch(v -> v.contains("in parallel")),
                    "the CIAM key set address is predictable, so it is fetched in parallel");
            assertEquals(1, entra.count(host + "/v2.0/.well-known/openid-configuration"));
            assertEquals(1, entra.count(host + "/discovery/v2.0/keys"));
            assertEquals(0, entra.requests.stream().filter(q -> q.getUrl().host().equals("login.microsoftonline.com")).count());
            assertNotEquals(Tokens.RSA.getKeyID(), r.key().kid());
        }
    }
}
