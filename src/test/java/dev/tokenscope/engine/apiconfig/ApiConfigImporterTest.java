package dev.tokenscope.engine.apiconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscope.engine.profile.ValidationProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static dev.tokenscope.engine.apiconfig.Fixtures.CALLER;
import static dev.tokenscope.engine.apiconfig.Fixtures.CLIENT;
import static dev.tokenscope.engine.apiconfig.Fixtures.TID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each format: recognised from the content, and mapped to the profile the stack's rules amount to. */
class ApiConfigImporterTest {
    static ApiConfig load(String name, String content) throws ApiConfigException {
        return ApiConfigImporter.importConfig(name, content);
    }

    static boolean semanticsMention(ApiConfig c, String part) {
        return c.semantics().stream().anyMatch(s -> s.contains(part));
    }

    @Test
    void microsoftIdentityWebSingleTenant() throws Exception {
        ApiConfig c = load("appsettings.json", Fixtures.MIW);
        assertEquals("microsoft-identity-web", c.format());
        ValidationProfile p = c.profile();
        // Microsoft.Identity.Web: the client id for v2.0 tokens, api://{client id} for v1.0 tokens, never both for one token.
        assertEquals(List.of("v2=" + CLIENT, "v1=api://" + CLIENT), p.audiences());
        assertEquals(List.of(TID), p.tenants());
        assertEquals(List.of("https://login.microsoftonline.com/" + TID + "/v2.0", "https://sts.windows.net/" + TID + "/"), p.issuers());
        assertNull(p.metadata(), "MIW accepts v1 and v2 issuers: issuers list, not one metadata document");
        assertEquals(List.of("access_as_user"), p.scopes());
        assertEquals(ValidationProfile.DEFAULT_SKEW, p.skew());
        assertFalse(p.offline());
        ApiConfig.Setting aud = c.settings().stream().filter(s -> s.field().equals("audiences")).findFirst().orElseThrow();
        assertEquals("AzureAd:ClientId (line 7), v2.0 tokens", aud.from());
        assertTrue(semanticsMention(c, "ClientId for v2.0 tokens and api://{ClientId} for v1.0 tokens"));
        assertEquals(List.of("AzureAd:ClientSecret present: not copied"), c.ignoredSecrets());
    }

    @Test
    void microsoftIdentityWebAudienceReplacesTheDefault() throws Exception {
        ApiConfig c = load("appsettings.json", """
                {"AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": "%s", "ClientId": "%s", "Audience": "api://custom"}}
                """.formatted(TID, CLIENT));
        assertEquals(List.of("api://custom"), c.profile().audiences());
    }

    @Test
    void microsoftIdentityWebMultiTenantTemplates() throws Exception {
        for (String t : List.of("common", "organizations")) {
            ApiConfig c = load("appsettings.json", """
                    {"AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": "%s", "ClientId": "%s"}}
                    """.formatted(t, CLIENT));
            assertEquals(List.of("https://login.microsoftonline.com/{tenantid}/v2.0", "https://sts.windows.net/{tenantid}/"), c.profile().issuers(), t);
            assertTrue(c.profile().tenants().isEmpty());
        }
    }

    @Test
    void microsoftIdentityWebDomainTenantUsesTheMetadata() throws Exception {
        ApiConfig c = load("appsettings.json", """
                {"azuread": {"instance": "https://login.microsoftonline.com", "tenantId": "contoso.onmicrosoft.com", "clientId": "%s"}}
                """.formatted(CLIENT));
        assertEquals("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration", c.profile().metadata());
        assertTrue(c.profile().issuers().isEmpty());
        assertTrue(semanticsMention(c, "can't be known offline"));
    }

    @Test
    void microsoftIdentityWebB2c() throws Exception {
        ApiConfig c = load("appsettings.json", Fixtures.B2C);
        assertEquals("https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_susi/v2.0/.well-known/openid-configuration", c.profile().metadata());
        assertEquals(List.of(CLIENT), c.profile().audiences());
        assertTrue(c.profile().issuers().isEmpty());
        ApiConfig byAuthority = load("appsettings.json", """
                {"AzureAdB2C": {"Authority": "https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_susi/v2.0", "ClientId": "%s"}}
                """.formatted(CLIENT));
        assertEquals(c.profile().metadata(), byAuthority.profile().metadata());
    }

    @Test
    void jwtBearer() throws Exception {
        ApiConfig c = load("appsettings.Production.json", Fixtures.JWTBEARER);
        assertEquals("aspnetcore-jwtbearer", c.format());
        assertEquals(List.of("api://my-api", CLIENT), c.profile().audiences());
        assertEquals(List.of("https://login.microsoftonline.com/" + TID + "/v2.0"), c.profile().issuers());
        assertEquals("https://login.microsoftonline.com/" + TID + "/v2.0/.well-known/openid-configuration", c.profile().metadata());
        assertTrue(c.settings().stream().anyMatch(s -> s.from().equals("Authentication:Schemes:Bearer:ValidAudiences:0 (line 6)")));
    }

    @Test
    void springBootYaml() throws Exception {
        ApiConfig c = load("application.yml", Fixtures.SPRING_YAML);
        assertEquals("spring-boot", c.format());
        assertEquals(List.of("https://login.microsoftonline.com/" + TID + "/v2.0"), c.profile().issuers());
        assertEquals("https://login.microsoftonline.com/" + TID + "/v2.0/.well-known/openid-configuration", c.profile().metadata());
        assertEquals(List.of("api://my-api", CLIENT), c.profile().audiences());
        assertTrue(c.settings().stream().anyMatch(s -> s.from().equals("spring.security.oauth2.resourceserver.jwt.issuer-uri (line 8)")),
                c.settings().toString());
    }

    @Test
    void springBootProperties() throws Exception {
        ApiConfig c = load("application.properties", Fixtures.SPRING_PROPERTIES);
        assertEquals("spring-boot", c.format());
        assertEquals("https://login.microsoftonline.com/" + TID + "/discovery/v2.0/keys", c.profile().jwks());
        assertTrue(c.profile().issuers().isEmpty());
        assertEquals(List.of("api://my-api", CLIENT), c.profile().audiences());
        assertTrue(semanticsMention(c, "iss is not checked"));
        assertTrue(c.settings().stream().anyMatch(s -> s.from().equals("spring.security.oauth2.resourceserver.jwt.audiences (line 3)")));
    }

    @Test
    void springYamlProfileDocumentsAreNotMerged() throws Exception {
        ApiConfig c = load("application.yml", Fixtures.SPRING_YAML + """
                ---
                spring:
                  config:
                    activate:
                      on-profile: test
                  security.oauth2.resourceserver.jwt.issuer-uri: https://evil.example/
                """);
        assertEquals(List.of("https://login.microsoftonline.com/" + TID + "/v2.0"), c.profile().issuers());
        assertTrue(semanticsMention(c, "profile test"));
    }

    @Test
    void springCloudAzure() throws Exception {
        ApiConfig c = load("application.yaml", Fixtures.SPRING_AZURE);
        assertEquals("spring-cloud-azure", c.format());
        assertEquals(List.of(TID), c.profile().tenants());
        assertEquals(List.of(CLIENT, "api://my-api"), c.profile().audiences());
        assertEquals("https://login.microsoftonline.com/" + TID + "/discovery/v2.0/keys", c.profile().jwks());
        assertEquals(6, c.profile().issuers().size());
        assertTrue(c.profile().issuers().contains("https://sts.windows.net/" + TID + "/"));
        assertEquals(List.of("spring.cloud.azure.active-directory.credential.client-secret present: not copied"), c.ignoredSecrets());
    }

    @Test
    void apimValidateJwt() throws Exception {
        ApiConfig c = load("policy.xml", Fixtures.APIM_JWT);
        assertEquals("apim-validate-jwt", c.format());
        assertEquals("https://login.microsoftonline.com/" + TID + "/v2.0/.well-known/openid-configuration", c.profile().metadata());
        assertEquals(List.of("api://my-api"), c.profile().audiences());
        assertEquals(List.of("https://sts.windows.net/" + TID + "/"), c.profile().issuers());
        assertEquals(List.of("Data.Read"), c.profile().roles());
        assertTrue(c.settings().stream().anyMatch(s -> s.from().equals("<audiences><audience> (line 7)")));
    }

    @Test
    void apimValidateAzureAdToken() throws Exception {
        ApiConfig c = load("policy.xml", Fixtures.APIM_AAD);
        assertEquals("apim-validate-azure-ad-token", c.format());
        assertEquals(List.of(TID), c.profile().tenants());
        assertEquals(List.of(CALLER), c.profile().clients());
        assertEquals(List.of("api://my-api"), c.profile().audiences());
        assertTrue(semanticsMention(c, "unconfirmed"));
    }

    @Test
    void appServiceAuth() throws Exception {
        ApiConfig c = load("authsettings.json", Fixtures.APP_SERVICE);
        assertEquals("app-service-auth", c.format());
        assertEquals(List.of(CLIENT, "api://my-api"), c.profile().audiences());
        assertEquals(List.of(CALLER), c.profile().clients());
        assertEquals(List.of("https://login.microsoftonline.com/" + TID + "/v2.0"), c.profile().issuers());
        assertEquals(List.of(TID), c.profile().tenants());
        assertTrue(c.ignoredSecrets().get(0).contains("clientSecretSettingName"));
        ApiConfig unwrapped = load("auth.json", "{\"identityProviders\":{\"azureActiveDirectory\":{\"registration\":{\"openIdIssuer\":\"https://sts.windows.net/"
                + TID + "/\",\"clientId\":\"" + CLIENT + "\"}}}}");
        assertEquals(List.of("https://sts.windows.net/" + TID + "/"), unwrapped.profile().issuers());
    }

    @Test
    void passport() throws Exception {
        ApiConfig c = load("config.json", Fixtures.PASSPORT);
        assertEquals("passport-azure-ad", c.format());
        assertEquals(List.of(CLIENT, "spn:" + CLIENT), c.profile().audiences());
        assertEquals("https://login.microsoftonline.com/" + TID + "/v2.0/.well-known/openid-configuration", c.profile().metadata());
        ApiConfig b2c = load("config.json", """
                {"identityMetadata": "https://contoso.b2clogin.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration",
                 "clientID": "%s", "isB2C": true, "policyName": "B2C_1_susi", "audience": "%s"}
                """.formatted(CLIENT, CLIENT));
        assertTrue(b2c.profile().metadata().endsWith("openid-configuration?p=B2C_1_susi"));
        assertEquals(List.of(CLIENT), b2c.profile().audiences());
    }

    @Test
    void formatComesFromTheContentNotTheName() throws Exception {
        assertEquals("apim-validate-jwt", load("appsettings.json", Fixtures.APIM_JWT).format());
        assertEquals("spring-boot", load("policy.xml", Fixtures.SPRING_YAML).format());
        assertEquals("microsoft-identity-web", load("application.yml", Fixtures.MIW).format());
    }

    @Test
    void jsonShape() throws Exception {
        ApiConfig c = load("appsettings.json", Fixtures.MIW);
        JsonNode j = new ObjectMapper().valueToTree(c);
        List<String> names = new java.util.ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("source", "format", "settings", "semantics", "ignoredSecrets"), names);
        assertEquals("appsettings.json", j.get("source").asText());
        assertEquals("audiences", j.get("settings").get(0).get("field").asText());
        assertEquals("v2=" + CLIENT, j.get("settings").get(0).get("value").asText());
        assertEquals("AzureAd:ClientId (line 7), v2.0 tokens", j.get("settings").get(0).get("from").asText());
        assertTrue(j.get("semantics").isArray() && j.get("semantics").size() > 0);
    }

    @Test
    void everyFormatIdIsProduced() throws Exception {
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (String f : Fixtures.ALL) seen.add(load("x", f).format());
        assertEquals(new java.util.TreeSet<>(ApiConfigImporter.FORMATS), seen);
    }

    @Test
    void microsoftIdentityWebAuthorityConsumersAndNationalCloud() throws Exception {
        ApiConfig authority = load("appsettings.json", """
                {"AzureAd": {"Authority": "https://login.microsoftonline.com/%s/v2.0", "ClientId": "%s"}}
                """.formatted(TID, CLIENT));
        assertEquals(List.of(TID), authority.profile().tenants());
        assertEquals(2, authority.profile().issuers().size());
        ApiConfig consumers = load("appsettings.json", """
                {"AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": "consumers", "ClientId": "%s"}}
                """.formatted(CLIENT));
        assertEquals(List.of("https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0"), consumers.profile().issuers());
        ApiConfig china = load("appsettings.json", """
                {"AzureAd": {"Instance": "https://login.partner.microsoftonline.cn/", "TenantId": "%s", "ClientId": "%s"}}
                """.formatted(TID, CLIENT));
        assertEquals(List.of("https://login.partner.microsoftonline.cn/" + TID + "/v2.0", "https://sts.chinacloudapi.cn/" + TID + "/"), china.profile().issuers());
        assertTrue(semanticsMention(china, "unconfirmed for national clouds"));
        ApiConfig alias = load("appsettings.json", """
                {"AzureAd": {"Instance": "https://login.windows.net/", "TenantId": "%s", "ClientId": "%s"}}
                """.formatted(TID, CLIENT));
        assertEquals("https://login.microsoftonline.com/" + TID + "/v2.0", alias.profile().issuers().get(0));
    }

    @Test
    void dotNetKeysIgnoreCaseAndTheLastSpellingWins() throws Exception {
        ApiConfig c = load("appsettings.json", """
                {"AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": "%s", "ClientId": "first", "clientid": "%s"}}
                """.formatted(TID, CLIENT));
        assertEquals("v2=" + CLIENT, c.profile().audiences().get(0));
    }

    @Test
    void passportOptionNamesAreCaseSensitive() {
        ApiConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ApiConfigException.class, () -> load("config.json",
                "{\"identityMetadata\": \"https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration\", \"clientId\": \"x\"}"));
        assertTrue(e.getMessage().contains("clientID is missing") && e.getMessage().contains("\"clientId\" is another spelling"),
                e.getMessage());
    }

    @Test
    void jwtBearerWithoutValidIssuersDoesNotCheckTheIssuer() throws Exception {
        ApiConfig c = load("appsettings.json", """
                {"Authentication": {"Schemes": {"Bearer": {"Authority": "https://login.microsoftonline.com/%s/v2.0/", "Audience": "ignored"}}}}
                """.formatted(TID));
        assertTrue(c.profile().issuers().isEmpty());
        assertTrue(c.profile().audiences().isEmpty());
        assertEquals("https://login.microsoftonline.com/" + TID + "/v2.0/.well-known/openid-configuration", c.profile().metadata());
        assertTrue(semanticsMention(c, "ValidateIssuer = false"));
        assertTrue(semanticsMention(c, "Audience is not read"));
    }

    @Test
    void yamlTagOnAScalarIsPlainData() throws Exception {
        ApiConfig c = load("application.yml", """
                spring.security.oauth2.resourceserver.jwt:
                  issuer-uri: !!javax.script.ScriptEngineManager https://login.microsoftonline.com/%s/v2.0
                """.formatted(TID));
        assertEquals(List.of("https://login.microsoftonline.com/" + TID + "/v2.0"), c.profile().issuers());
    }

    @Test
    void springPublicKeyAndCamelCase() throws Exception {
        ApiConfig c = load("application.yml", """
                spring:
                  security:
                    oauth2:
                      resourceServer:
                        jwt:
                          publicKeyLocation: classpath:key.pub
                """);
        assertTrue(semanticsMention(c, "public-key-location classpath:key.pub"));
        assertTrue(c.profile().metadata() == null && c.profile().jwks() == null);
    }

    @Test
    void apimNamedValuesAreNotedNotImported() throws Exception {
        ApiConfig c = load("policy.xml", """
                <validate-jwt header-name="Authorization">
                  <openid-config url="{{oidc-url}}" />
                  <openid-config url="https://login.microsoftonline.com/%s/v2.0/.well-known/openid-configuration" />
                  <audiences><audience>{{api-audience}}</audience></audiences>
                  <required-claims><claim name="scp" match="any" separator=" "><value>read write</value></claim></required-claims>
                </validate-jwt>
                """.formatted(TID));
        assertEquals("https://login.microsoftonline.com/" + TID + "/v2.0/.well-known/openid-configuration", c.profile().metadata());
        assertTrue(c.profile().audiences().isEmpty());
        assertTrue(c.profile().scopes().isEmpty(), "any-of scopes can't be required all");
        assertTrue(semanticsMention(c, "{{oidc-url}}") && semanticsMention(c, "contain any of read, write"));
    }

    @Test
    void packageStaysInTheEngine() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("src/main/java/dev/tokenscope/engine/apiconfig");
        List<java.nio.file.Path> files;
        try (var l = java.nio.file.Files.list(dir)) {
            files = l.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() >= 10);
        Pattern forbidden = Pattern.compile("(?m)^import\\s+(static\\s+)?(javafx\\.|java\\.awt\\.|dev\\.tokenscope\\.(ui|cli)\\.)");
        for (java.nio.file.Path f : files) {
            assertFalse(forbidden.matcher(java.nio.file.Files.readString(f)).find(), f + " imports UI or CLI classes");
        }
    }
}
