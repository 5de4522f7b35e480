package dev.tokenscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code inspect --api-config FILE --server-response FILE}: the API's own evidence joined with the token. */
class ApiEvidenceCommandTest {
    @TempDir
    Path dir;

    Path keys() throws Exception {
        return Files.writeString(dir.resolve("keys.json"), Tokens.publicSet(Tokens.RSA).toString());
    }

    Path appsettings(String clientId) throws Exception {
        return Files.writeString(dir.resolve("appsettings.json"), """
                {
                  // the customer's API
                  "AzureAd": {
                    "Instance": "https://login.microsoftonline.com/",
                    "TenantId": "%s",
                    "ClientId": "%s",
                    "ClientSecret": "s3cr3t-never-shown"
                  }
                }
                """.formatted(TENANT, clientId));
    }

    static InspectCommandTest.Run run(String token, String... extra) {
        List<String> args = new ArrayList<>(List.of("inspect", token, "--offline", "--no-color", "--at", InspectCommandTest.AT));
        args.addAll(List.of(extra));
        return InspectCommandTest.cli(args.toArray(String[]::new));
    }

    @Test
    void theApiConfigurationBecomesTheProfileWithProvenance() throws Exception {
        InspectCommandTest.Run r = run(Tokens.sign(Tokens.v2Access()), "--jwks", keys().toString(), "--api-config",
                appsettings(API_ID).toString(), "--json");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode report = r.json();
        JsonNode api = report.get("api");
        assertEquals("appsettings.json", api.get("source").asText());
        assertEquals("microsoft-identity-web", api.get("format").asText());
        assertTrue(api.get("settings").toString().contains("AzureAd:ClientId"), api.toString());
        assertTrue(api.get("semantics").size() > 0);
        assertFalse(r.out().contains("s3cr3t-never-shown"), "a secret is never copied");
        // The configuration's issuers were applied: the issuer step names them.
        assertTrue(InspectCommandTest.step(report, "issuer").get("evidence").get("accepted issuers").asText().contains(TENANT));
        // Human output shows where each value came from.
        InspectCommandTest.Run human = run(Tokens.sign(Tokens.v2Access()), "--jwks", keys().toString(), "--api-config",
                dir.resolve("appsettings.json").toString());
        assertTrue(human.out().contains("API configuration: appsettings.json (microsoft-identity-web)"), human.out());
        assertTrue(human.out().contains("← AzureAd:ClientId"), human.out());
        assertFalse(human.out().contains("s3cr3t-never-shown"));
    }

    @Test
    void explicitOptionsOverrideTheConfigurationAndTheReportSaysSo() throws Exception {
        Path config = appsettings("00000000-0000-0000-0000-0000000000aa");
        InspectCommandTest.Run wrong = run(Tokens.sign(Tokens.v2Access()), "--jwks", keys().toString(), "--api-config",
                config.toString(), "--json");
        assertEquals(1, wrong.code());
        assertEquals("wrong-audience", InspectCommandTest.diagnosisIds(wrong.json()).get(0));
        InspectCommandTest.Run overridden = run(Tokens.sign(Tokens.v2Access()), "--jwks", keys().toString(), "--api-config",
                config.toString(), "--audience", API_ID, "--json");
        assertEquals(0, overridden.code(), overridden.out());
        String notes = overridden.json().get("api").get("notes").toString();
        assertTrue(notes.contains("--audience overrides audiences from the configuration (AzureAd:ClientId"), notes);
    }

    @Test
    void aBrokenConfigurationIsAUsageErrorNamingFieldAndLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("appsettings.json"), "{\n  \"AzureAd\": {\n    \"Instance\": \"https://login.microsoftonline.com/\",\n    \"TenantId\": \"contoso\",\n    \"ClientId\": \"x\"\n  }\n}\n");
        InspectCommandTest.Run r = run(Tokens.sign(Tokens.v2Access()), "--api-config", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--api-config: appsettings.json line 4"), r.err());
        assertTrue(r.err().contains("TenantId"), r.err());
        InspectCommandTest.Run missing = run(Tokens.sign(Tokens.v2Access()), "--api-config", dir.resolve("nope.json").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    @Test
    void whatTheApiSaidIsJoinedWithTheStepsAndTheTokensRealValues() throws Exception {
        Path response = Files.writeString(dir.resolve("401.txt"),
                "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error=\"invalid_token\", "
                + "error_description=\"The audience '" + Tokens.CLIENT_ID + "' is invalid\"\r\n\r\n");
        String idToken = Tokens.sign(Tokens.v2Id());
        InspectCommandTest.Run r = run(idToken, "--jwks", keys().toString(), "--audience", API_ID, "--server-response",
                response.toString(), "--json");
        JsonNode server = r.json().get("server");
        assertEquals(401, server.get("status").asInt());
        JsonNode f = server.get("findings").get(0);
        assertEquals("invalid_token", f.get("code").asText());
        assertEquals("audience", f.get("step").asText());
        assertTrue(f.get("explanation").asText().contains("an ID token was sent"), f.toString());
        InspectCommandTest.Run human = run(idToken, "--jwks", keys().toString(), "--audience", API_ID, "--server-response",
                response.toString());
        assertTrue(human.out().contains("What the API said (HTTP 401)"), human.out());
        assertTrue(human.out().contains("the API said: invalid_token"), human.out());
    }

    @Test
    void reportsForATicketCarryTheApisEvidence() throws Exception {
        Path response = Files.writeString(dir.resolve("log.txt"),
                "fail: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[1]\n"
                + "      IDX10214: Audience validation failed. Audiences: '[PII of type 'System.String' is hidden. For more details, see "
                + "https://aka.ms/IdentityModel/PII.]'. Did not match: validationParameters.ValidAudience: '[PII of type 'System.String' is hidden. "
                + "For more details, see https://aka.ms/IdentityModel/PII.]' or validationParameters.ValidAudiences: '[PII of type 'System.String' is hidden. "
                + "For more details, see https://aka.ms/IdentityModel/PII.]'.\n");
        String token = Tokens.sign(Tokens.v2Id());
        for (String format : List.of("md", "html")) {
            InspectCommandTest.Run r = run(token, "--jwks", keys().toString(), "--api-config", appsettings(API_ID).toString(),
                    "--server-response", response.toString(), "--report", format);
            assertEquals(1, r.code(), r.err());
            assertTrue(r.out().contains("What the API said"), format + ": " + r.out());
            assertTrue(r.out().contains("IDX10214"), format);
            assertTrue(r.out().contains(Tokens.CLIENT_ID), format + ": the values the server hid are named");
            assertTrue(r.out().contains("API configuration: appsettings.json"), format);
            assertFalse(r.out().contains("s3cr3t-never-shown"), format);
        }
    }

    @Test
    void theApiConfigurationWinsOverABundledSamplesProfile() throws Exception {
        Path config = Files.writeString(dir.resolve("jwtbearer.json"), """
                { "Authentication": { "Schemes": { "Bearer": {
                    "Authority": "https://login.microsoftonline.com/72f0c3a1-5b7e-4c1d-9a8b-2e3f4a5b6c7d/v2.0",
                    "ValidAudiences": [ "api://orders-api" ] } } } }
                """);
        InspectCommandTest.Run r = InspectCommandTest.cli("inspect", "--sample", "01-valid-access-token", "--jwks",
                "classpath:/dev/tokenscope/samples/keys.json", "--api-config", config.toString(), "--json");
        assertEquals(1, r.code(), r.out());
        assertEquals("wrong-audience", InspectCommandTest.diagnosisIds(r.json()).get(0));
    }

    @Test
    void asMicrosoftIdentityWebTheClientIdIsTheAudienceOfV2TokensOnly() throws Exception {
        // A v1.0 token whose aud is the bare client id: Microsoft.Identity.Web expects api://{ClientId} for v1.0 (IDX10214).
        String v1 = Tokens.sign(Tokens.v1Access().audience(API_ID));
        InspectCommandTest.Run r = run(v1, "--jwks", keys().toString(), "--api-config", appsettings(API_ID).toString(), "--json");
        assertEquals(1, r.code(), r.out());
        assertEquals("fail", InspectCommandTest.step(r.json(), "audience").get("status").asText());
        InspectCommandTest.Run ok = run(Tokens.sign(Tokens.v1Access().audience("api://" + API_ID)), "--jwks", keys().toString(),
                "--api-config", dir.resolve("appsettings.json").toString(), "--json");
        assertEquals("pass", InspectCommandTest.step(ok.json(), "audience").get("status").asText(), ok.out());
    }

    @Test
    void aJwtBearerIssuerTemplateIsLiteralAsJwtBearerComparesIt() throws Exception {
        Path config = Files.writeString(dir.resolve("jwtbearer.json"), """
                { "Authentication": { "Schemes": { "Bearer": {
                    "Authority": "https://login.microsoftonline.com/common/v2.0",
                    "ValidAudiences": [ "%s" ], "ValidIssuers": [ "https://login.microsoftonline.com/{tenantid}/v2.0" ] } } } }
                """.formatted(API_ID));
        InspectCommandTest.Run r = run(Tokens.sign(Tokens.v2Access()), "--jwks", keys().toString(), "--api-config",
                config.toString(), "--json");
        assertEquals(1, r.code(), r.out());
        assertEquals("issuer-mismatch", InspectCommandTest.diagnosisIds(r.json()).get(0));
    }
}
