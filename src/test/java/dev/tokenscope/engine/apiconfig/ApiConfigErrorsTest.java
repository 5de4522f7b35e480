package dev.tokenscope.engine.apiconfig;

import org.junit.jupiter.api.Test;

import static dev.tokenscope.engine.apiconfig.Fixtures.CLIENT;
import static dev.tokenscope.engine.apiconfig.Fixtures.TID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed, incomplete and unknown configurations: each message names the file, the line and the field. */
class ApiConfigErrorsTest {
    static String fail(String name, String content) {
        return assertThrows(ApiConfigException.class, () -> ApiConfigImporter.importConfig(name, content)).getMessage();
    }

    static void contains(String message, String... parts) {
        for (String p : parts) assertTrue(message.contains(p), "\"" + message + "\" should contain \"" + p + "\"");
    }

    @Test
    void invalidTenantIdIsNamedWithItsLine() {
        String m = fail("appsettings.json", """
                {
                  "AzureAd": {
                    "Instance": "https://login.microsoftonline.com/",
                    "ClientId": "%s",
                    "Scopes": "access_as_user",
                    "CallbackPath": "/signin-oidc",
                    "TenantId": "contoso"
                  }
                }
                """.formatted(CLIENT));
        assertEquals("appsettings.json line 7: AzureAd:TenantId \"contoso\" is neither a GUID, a domain name, "
                + "nor common/organizations/consumers", m);
    }

    @Test
    void missingClientId() {
        String m = fail("appsettings.json", "{\n\"Logging\": {},\n\"AzureAd\": {\"Instance\": \"https://login.microsoftonline.com/\", \"TenantId\": \"" + TID + "\"}}");
        contains(m, "appsettings.json line 3: ", "AzureAd:ClientId is missing");
    }

    @Test
    void missingInstance() {
        contains(fail("appsettings.json", "{\"AzureAd\": {\n\"TenantId\": \"" + TID + "\", \"ClientId\": \"" + CLIENT + "\"}}"),
                "line 1", "AzureAd:Instance is missing");
    }

    @Test
    void badJsonSyntax() {
        String m = fail("appsettings.json", "{\n  \"AzureAd\": {\n    \"ClientId\": \"x\",,\n  }\n}");
        contains(m, "appsettings.json line 3", "not valid JSON");
    }

    @Test
    void duplicateJsonKey() {
        contains(fail("appsettings.json", "{\"AzureAd\": {\n\"ClientId\": \"a\",\n\"ClientId\": \"b\"}}"),
                "appsettings.json line 3", "not valid JSON", "Duplicate field 'ClientId'");
    }

    @Test
    void badYamlSyntax() {
        String m = fail("application.yml", "spring:\n  security:\n    oauth2: [unclosed\n  other: 1\n");
        contains(m, "application.yml line 4", "not valid YAML");
        contains(fail("application.yml", "spring:\n\tsecurity: 1\n"), "application.yml line 2", "not valid YAML", "TAB");
        contains(fail("application.yml", "spring:\n  a: 1\n  a: 2\n"), "application.yml line 3", "Duplicate field 'a'");
    }

    @Test
    void badXmlSyntax() {
        String m = fail("policy.xml", "<policies>\n<inbound>\n<validate-jwt>\n</inbound>\n</policies>");
        contains(m, "policy.xml line 4", "not well-formed XML", "\"validate-jwt\" must be terminated");
    }

    @Test
    void apimPolicyWithoutKeys() {
        String m = fail("policy.xml", "<policies>\n  <inbound>\n    <validate-jwt header-name=\"Authorization\">\n"
                + "      <audiences><audience>x</audience></audiences>\n    </validate-jwt>\n  </inbound>\n</policies>");
        contains(m, "policy.xml line 3", "<validate-jwt> has neither <openid-config url=…> nor <issuer-signing-keys>");
    }

    @Test
    void apimAzureAdTokenNeedsTenantAndClients() {
        contains(fail("p.xml", "<policies>\n<validate-azure-ad-token>\n"
                        + "<client-application-ids><application-id>x</application-id></client-application-ids>\n"
                        + "</validate-azure-ad-token></policies>"),
                "p.xml line 2", "tenant-id");
        contains(fail("p.xml", "<validate-azure-ad-token tenant-id=\"" + TID + "\">\n<audiences/>\n</validate-azure-ad-token>"),
                "p.xml line 1", "<client-application-ids>");
    }

    @Test
    void xmlWithoutPolicySaysWhatWasLookedFor() {
        contains(fail("pom.xml", "<project>\n<modelVersion>4.0.0</modelVersion>\n</project>"),
                "pom.xml line 1", "<validate-jwt>", "<validate-azure-ad-token>", "API Management");
    }

    @Test
    void springWithoutIssuerOrKeys() {
        contains(fail("application.yml", "spring:\n  security:\n    oauth2:\n"
                        + "      resourceserver:\n        jwt:\n          audiences: api://x\n"),
                "application.yml line 6", "neither issuer-uri nor jwk-set-uri");
    }

    @Test
    void springIssuerNotAUrl() {
        contains(fail("application.properties", "a=b\nspring.security.oauth2.resourceserver.jwt.issuer-uri=login.microsoftonline.com/x\n"),
                "application.properties line 2", "spring.security.oauth2.resourceserver.jwt.issuer-uri", "not an http(s) URL");
    }

    @Test
    void springCloudAzureInvalidTenant() {
        contains(fail("application.yml", "spring.cloud.azure.active-directory:\n  enabled: true\n"
                        + "  profile:\n    tenant-id: not a tenant\n"),
                "application.yml line 4", "tenant-id \"not a tenant\" is neither");
    }

    @Test
    void appServiceWithoutIssuer() {
        contains(fail("auth.json", "{\"properties\": {\"identityProviders\": {\"azureActiveDirectory\": {\n"
                        + "\"registration\": {\"clientId\": \"" + CLIENT + "\"}}}}}"),
                "auth.json line 2", "openIdIssuer is missing");
    }

    @Test
    void passportErrors() {
        contains(fail("config.json", "{\n\"identityMetadata\": \"http://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration\",\n\"clientID\": \"x\"}"),
                "config.json line 2", "identityMetadata", "https");
        contains(fail("config.json", "{\n\"identityMetadata\": \"https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration\"\n}"),
                "config.json line 1", "clientID is missing");
        contains(fail("config.json", "{\"identityMetadata\": \"https://x.b2clogin.com/x/v2.0/.well-known/openid-configuration\", \"clientID\": \"c\",\n\"isB2C\": true,\n\"policyName\": \"signin\"}"),
                "config.json line 3", "policyName", "not a B2C policy name");
    }

    @Test
    void jwtBearerAuthorityNotHttps() {
        contains(fail("appsettings.json", "{\"Authentication\": {\"Schemes\": {\"Bearer\": {\n\"Authority\": \"http://login.microsoftonline.com/x/v2.0\"}}}}"),
                "appsettings.json line 2", "Authentication:Schemes:Bearer:Authority", "not an https URL");
    }

    @Test
    void unknownJsonSaysWhatWasLookedFor() {
        contains(fail("package.json", "{\"name\": \"x\", \"version\": \"1.0.0\"}"),
                "package.json: JSON, but none of the known configurations",
                "AzureAd", "Authentication:Schemes", "identityProviders.azureActiveDirectory", "identityMetadata");
    }

    @Test
    void unknownTextSaysWhatWasLookedFor() {
        contains(fail("notes.txt", "just some words"), "notes.txt line 1", "not a mapping");
        contains(fail("other.yml", "server:\n  port: 8080\n"), "other.yml", "spring.security.oauth2.resourceserver.jwt",
                "spring.cloud.azure.active-directory");
        contains(fail("empty", "  \n\n"), "empty: empty", "looked for");
    }

    @Test
    void bothMicrosoftIdentityWebAndJwtBearerAreAmbiguous() {
        contains(fail("appsettings.json", "{\"AzureAd\": {\"Instance\": \"https://login.microsoftonline.com/\", \"TenantId\": \"common\", \"ClientId\": \"c\"},"
                        + "\"Authentication\": {\"Schemes\": {\"Bearer\": {\"ValidAudiences\": [\"x\"]}}}}"),
                "more than one configuration", "Import one at a time");
    }

    @Test
    void sizeAndDepthAreBounded() {
        contains(fail("big.json", "{\"a\":\"" + "x".repeat(ApiConfigImporter.MAX_CHARS) + "\"}"), "big.json: ", "at most 1048576 (1 MiB)");
        contains(fail("deep.json", "[".repeat(100_000)), "deep.json line 1", "not valid JSON", "nesting depth");
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 80; i++) yaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
        contains(fail("deep.yml", yaml + "  ".repeat(80) + "v: 1\n"), "deep.yml line ", "not valid YAML");
        contains(fail("deep.xml", "<a>".repeat(200)), "deep.xml line 1", "nested deeper than 64");
    }
}
