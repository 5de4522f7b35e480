package dev.tokenscope.engine.signin;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorityTest {
    static final String GUID = "72f0c3a1-5b7e-4c1d-9a8b-2e3f4a5b6c7d";

    @Test
    void bareTenants() {
        for (String t : List.of("common", "organizations", "consumers", GUID, "contoso.onmicrosoft.com", "contoso.com")) {
            Authority a = Authority.parse(t);
            assertEquals(Authority.Kind.ENTRA, a.kind());
            assertEquals(Authority.Cloud.PUBLIC, a.cloud());
            assertEquals("https://login.microsoftonline.com/" + t + "/v2.0/.well-known/openid-configuration", a.discoveryUrl());
        }
        assertTrue(Authority.parse("common").isMultiTenant());
        assertFalse(Authority.parse(GUID).isMultiTenant());
    }

    @Test
    void clouds() {
        assertEquals("https://login.microsoftonline.us/" + GUID + "/v2.0/.well-known/openid-configuration",
                Authority.parse(GUID, Authority.Cloud.parse("usgov")).discoveryUrl());
        assertEquals("https://login.partner.microsoftonline.cn/" + GUID + "/v2.0/.well-known/openid-configuration",
                Authority.parse(GUID, Authority.Cloud.parse("china")).discoveryUrl());
        assertEquals(Authority.Cloud.US_GOV, Authority.parse("https://login.microsoftonline.us/" + GUID).cloud());
        assertEquals(Authority.Cloud.CHINA, Authority.parse("https://login.chinacloudapi.cn/" + GUID + "/v2.0").cloud());
        assertThrows(IllegalArgumentException.class, () -> Authority.Cloud.parse("mars"));
    }

    @Test
    void entraUrls() {
        Authority a = Authority.parse("https://login.microsoftonline.com/" + GUID + "/v2.0/");
        assertEquals(Authority.Kind.ENTRA, a.kind());
        assertEquals(GUID, a.tenant());
        assertEquals("https://login.microsoftonline.com/" + GUID, a.url());
        // the v1 issuer host maps to the login host
        assertEquals("https://login.microsoftonline.com/" + GUID + "/v2.0/.well-known/openid-configuration",
                Authority.parse("https://sts.windows.net/" + GUID + "/").discoveryUrl());
        assertThrows(IllegalArgumentException.class, () -> Authority.parse("https://login.microsoftonline.com/"));
    }

    @Test
    void b2c() {
        Authority a = Authority.parse("https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signupsignin");
        assertEquals(Authority.Kind.B2C, a.kind());
        assertEquals("B2C_1_signupsignin", a.policy());
        assertEquals("https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signupsignin/v2.0/.well-known/openid-configuration", a.discoveryUrl());
        Authority tfp = Authority.parse("https://contoso.b2clogin.com/tfp/contoso.onmicrosoft.com/B2C_1A_signin/v2.0/");
        assertEquals("B2C_1A_signin", tfp.policy());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Authority.parse("https://contoso.b2clogin.com/contoso.onmicrosoft.com"));
        assertTrue(e.getMessage().contains("policy"));
    }

    @Test
    void externalId() {
        Authority a = Authority.parse("https://contoso.ciamlogin.com/");
        assertEquals(Authority.Kind.EXTERNAL_ID, a.kind());
        assertEquals("https://contoso.ciamlogin.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration", a.discoveryUrl());
        assertEquals("https://contoso.ciamlogin.com/" + GUID + "/v2.0/.well-known/openid-configuration",
                Authority.parse("https://contoso.ciamlogin.com/" + GUID).discoveryUrl());
    }

    @Test
    void anyIssuer() {
        Authority a = Authority.parse("http://127.0.0.1:8080/default/");
        assertEquals(Authority.Kind.OIDC, a.kind());
        assertFalse(a.isMicrosoft());
        assertEquals("http://127.0.0.1:8080/default/.well-known/openid-configuration", a.discoveryUrl());
        assertEquals("https://idp.example.com/realms/x/.well-known/openid-configuration",
                Authority.parse("https://idp.example.com/realms/x/.well-known/openid-configuration").discoveryUrl());
    }

    @Test
    void refusals() {
        assertThrows(IllegalArgumentException.class, () -> Authority.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Authority.parse("http://idp.example.com/"), "plain http off loopback");
        assertThrows(IllegalArgumentException.class, () -> Authority.parse("contoso/x"));
        assertThrows(IllegalArgumentException.class, () -> Authority.parse("bad tenant!"));
    }

    @Test
    void requestDefaultsAndChecks() {
        SignInRequest r = SignInRequest.builder(Authority.parse("common"), " 1b2c3d4e ").scope("api://x/y openid")
                .scope("api://x/y").build();
        assertEquals("1b2c3d4e", r.clientId());
        assertEquals(List.of("openid", "profile", "offline_access", "api://x/y"), r.interactiveScopes());
        assertEquals(0, r.port());
        assertEquals("http://localhost", r.redirectUri());
        assertEquals(SignInRequest.DEFAULT_TIMEOUT, r.timeout());
        assertEquals(null, r.spaOrigin());
        assertEquals(8400, SignInRequest.builder(Authority.parse("common"), "c").redirectUri("http://127.0.0.1:8400/cb").build().port());
        assertEquals("https://spa.example.com", SignInRequest.builder(Authority.parse("common"), "c").spaOrigin("https://SPA.example.com/app").build().spaOrigin());
        assertThrows(IllegalArgumentException.class, () -> SignInRequest.builder(Authority.parse("common"), "c").redirectUri("https://app.example.com/cb").build());
        assertThrows(IllegalArgumentException.class, () -> SignInRequest.builder(Authority.parse("common"), "c").redirectUri("http://[::1]/").build());
        assertThrows(IllegalArgumentException.class,
                () -> SignInRequest.builder(Authority.parse("common"), "c").extra("state", "x").build());
        assertThrows(IllegalArgumentException.class, () -> SignInRequest.builder(Authority.parse("common"), "").build());
        assertThrows(IllegalArgumentException.class, () -> SignInRequest.builder(Authority.parse("common"), "c").port(70000).build());
        assertThrows(IllegalArgumentException.class,
                () -> SignInRequest.builder(Authority.parse("common"), "c").timeout(Duration.ZERO).build());
        Secret s = Secret.of("hunter2-secret");
        SignInRequest withSecret = SignInRequest.builder(Authority.parse("common"), "c").clientSecret(s).build();
        assertFalse(withSecret.toString().contains("hunter2"));
        assertFalse(s.toString().contains("hunter2"));
    }
}
