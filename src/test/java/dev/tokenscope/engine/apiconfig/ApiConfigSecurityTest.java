package dev.tokenscope.engine.apiconfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.tokenscope.engine.apiconfig.Fixtures.CLIENT;
import static dev.tokenscope.engine.apiconfig.Fixtures.SECRET;
import static dev.tokenscope.engine.apiconfig.Fixtures.TID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets are never copied; XML entities and YAML tags do nothing. */
class ApiConfigSecurityTest {
    static void noSecretIn(ApiConfig c) throws Exception {
        String all = c + "\n" + new ObjectMapper().writeValueAsString(c) + "\n" + c.settings() + "\n" + c.profile() + "\n"
                + c.semantics() + c.ignoredSecrets();
        assertFalse(all.contains(SECRET), all);
        assertFalse(all.contains("s3cr3t"), all);
    }

    @Test
    void secretsAreNamedNotCopied() throws Exception {
        ApiConfig miw = ApiConfigImporter.importConfig("appsettings.json", """
                {"AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": "%s", "ClientId": "%s",
                  "ClientSecret": "%s", "CertificatePassword": "%s",
                  "ClientCertificates": [{"SourceType": "Base64Encoded", "Base64EncodedValue": "%s"}],
                  "ClientCredentials": [{"SourceType": "ClientSecret", "ClientSecret": "%s"}]}}
                """.formatted(TID, CLIENT, SECRET, SECRET, SECRET, SECRET));
        noSecretIn(miw);
        assertTrue(miw.ignoredSecrets().containsAll(List.of("AzureAd:ClientSecret present: not copied",
                "AzureAd:CertificatePassword present: not copied", "AzureAd:ClientCertificates present: not copied",
                "AzureAd:ClientCredentials:0:ClientSecret present: not copied")), miw.ignoredSecrets().toString());
        ApiConfig spring = ApiConfigImporter.importConfig("application.yml", Fixtures.SPRING_AZURE);
        noSecretIn(spring);
        ApiConfig props = ApiConfigImporter.importConfig("application.properties", Fixtures.SPRING_PROPERTIES
                + "spring.security.oauth2.client.registration.api.client-secret=" + SECRET + "\n");
        noSecretIn(props);
        ApiConfig apim = ApiConfigImporter.importConfig("policy.xml", """
                <validate-jwt header-name="Authorization">
                  <issuer-signing-keys><key>%s</key></issuer-signing-keys>
                  <audiences><audience>api://x</audience></audiences>
                </validate-jwt>
                """.formatted(SECRET));
        noSecretIn(apim);
        assertEquals(1, apim.ignoredSecrets().size());
        ApiConfig bearer = ApiConfigImporter.importConfig("appsettings.json", """
                {"Authentication": {"Schemes": {"Bearer": {"ValidAudiences": ["api://x"], "ValidIssuer": "https://issuer.example/",
                  "SigningKeys": [{"Issuer": "https://issuer.example/", "Value": "%s"}]}}}}
                """.formatted(SECRET));
        noSecretIn(bearer);
        assertTrue(bearer.ignoredSecrets().contains("Authentication:Schemes:Bearer:SigningKeys present: not copied"));
    }

    @Test
    void secretsStayOutOfErrorMessages() {
        List<String> broken = List.of(
                "{\"AzureAd\": {\"ClientId\": \"c\", \"ClientSecret\": " + SECRET + "}}",
                "{\"AzureAd\": {\"ClientId\": \"c\", \"ClientSecret\": \"" + SECRET + "\" \"x\": 1}}",
                "{\"AzureAd\": {\"TenantId\": \"" + TID + "\", \"ClientSecret\": \"" + SECRET + "\"}}",
                "spring:\n  cloud.azure.active-directory.credential:\n    client-secret: " + SECRET + "\n  x: [\n",
                "spring.cloud.azure.active-directory:\n  credential:\n    client-secret: \"" + SECRET + "\n",
                "<validate-jwt><issuer-signing-keys><key>" + SECRET + "</kex></issuer-signing-keys></validate-jwt>",
                "<validate-jwt><issuer-signing-keys><key>" + SECRET + "</key></issuer-signing-keys><openid-config/></validate-jwt>",
                "<validate-jwt a=\"" + SECRET + "\" a=\"1\"></validate-jwt>",
                "spring.security.oauth2.resourceserver.jwt.client-secret=" + SECRET
                        + "\nspring.security.oauth2.resourceserver.jwt.x=\\u12");
        for (String b : broken) {
            String m = assertThrows(ApiConfigException.class, () -> ApiConfigImporter.importConfig("f", b), b).getMessage();
            assertFalse(m.contains("s3cr3t"), m);
            assertFalse(m.isBlank());
        }
    }

    @Test
    void xxeIsRefused() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE policies [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                <policies><inbound><validate-jwt><openid-config url="https://login.microsoftonline.com/x/v2.0/.well-known/openid-configuration"/>
                <audiences><audience>&xxe;</audience></audiences></validate-jwt></inbound></policies>
                """;
        String m = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(ApiConfigException.class,
                () -> ApiConfigImporter.importConfig("policy.xml", xxe)).getMessage());
        assertTrue(m.startsWith("policy.xml line 2: ") && m.contains("DOCTYPE"), m);
        assertFalse(m.contains("root:"), m);
        String external = "<?xml version=\"1.0\"?>\n<!DOCTYPE policies SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n<policies/>";
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(ApiConfigException.class,
                () -> ApiConfigImporter.importConfig("policy.xml", external)).getMessage()).contains("DOCTYPE"));
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        b.append(" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            b.append(" <!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        b.append("]>\n<validate-jwt><audiences><audience>&lol9;</audience></audiences></validate-jwt>\n");
        String m = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(ApiConfigException.class,
                () -> ApiConfigImporter.importConfig("lol.xml", b.toString())).getMessage());
        assertTrue(m.contains("DOCTYPE"), m);
    }

    @Test
    void yamlAliasBombDoesNothing() {
        StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            y.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ",").repeat(8))
                    .append("*").append((char) (c - 1)).append("]\n");
        }
        String m = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(ApiConfigException.class,
                () -> ApiConfigImporter.importConfig("bomb.yml", y.toString())).getMessage());
        assertFalse(m.isBlank());
    }

    @Test
    void yamlTagsBuildNothing() throws Exception {
        String yaml = """
                spring:
                  security:
                    oauth2:
                      resourceserver:
                        jwt:
                          issuer-uri: https://login.microsoftonline.com/%s/v2.0
                          audiences: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://127.0.0.1:9/x.jar"]]]]
                """.formatted(TID);
        ApiConfig c;
        try {
            c = ApiConfigImporter.importConfig("application.yml", yaml);
        } catch (ApiConfigException e) {
            assertTrue(e.getMessage().contains("line 7"), e.getMessage());
            return;
        }
        // read as plain data: a list whose items are lists, which is not a list of audiences
        assertTrue(c.profile().audiences().stream().noneMatch(a -> a.contains("ScriptEngineManager")));
    }
}
