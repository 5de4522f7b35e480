package dev.tokenscope.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.ServerView;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.CLIENT_ID;
import static dev.tokenscope.testing.Tokens.NOW;
import static dev.tokenscope.testing.Tokens.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerFindingsTest {
    static final String PII = "[PII of type 'System.String' is hidden. For more details, see https://aka.ms/IdentityModel/PII.]";
    static final ValidationProfile AT_NOW = ValidationProfile.defaults().withAt(NOW).withAudiences(List.of(API_ID));

    static Report report(String token, ValidationProfile profile) {
        return Inspector.offline().inspect(token, profile);
    }

    static Finding one(String said, Report report) {
        List<Finding> f = ServerFindings.join(ServerResponseParser.parse(said), report);
        assertEquals(1, f.size(), f.toString());
        return f.get(0);
    }

    @Test
    void idx10214WithAnIdTokenNamesTheTokensRealAudience() {
        Report r = report(Tokens.sign(Tokens.v2Id()), AT_NOW);
        Finding f = one("IDX10214: Audience validation failed. Audiences: '" + PII
                + "'. Did not match: validationParameters.ValidAudience: '" + PII
                + "' or validationParameters.ValidAudiences: '" + PII + "'.", r);
        assertEquals("IDX10214", f.code());
        assertEquals("audience", f.step());
        assertTrue(f.explanation().contains("the token's aud is " + CLIENT_ID), f.explanation());
        assertTrue(f.explanation().contains("an ID token was sent"), f.explanation());
        assertTrue(f.explanation().contains("Tokenscope agrees"), f.explanation());
        assertTrue(f.explanation().contains("6.15.1"), f.explanation());
        assertEquals(CLIENT_ID, f.values().get("token.aud"));
        assertEquals("fail", f.values().get("tokenscope.status"));
    }

    @Test
    void idx10214NamesTheOtherFormOfTheSameApp() {
        Report r = report(Tokens.sign(Tokens.v2Access()), ValidationProfile.defaults().withAt(NOW));
        Finding f = one("IDX10214: Audience validation failed. Audiences: '" + API_ID
                + "'. Did not match: validationParameters.ValidAudience: 'api://" + API_ID
                + "' or validationParameters.ValidAudiences: 'null'.", r);
        assertTrue(f.explanation().contains("other form of the same app"), f.explanation());
        assertTrue(f.explanation().contains("Tokenscope did not judge this"), f.explanation());
    }

    @Test
    void expiredSaidOfATokenThatIsNotExpiredIsADisagreement() {
        Report r = report(Tokens.sign(Tokens.v2Access()), AT_NOW);
        assertEquals(Status.PASS, r.step("lifetime").orElseThrow().status());
        String exp = java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss").withZone(java.time.ZoneOffset.UTC)
                .format(NOW.plusSeconds(3000));
        Finding f = one("WWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The token expired at '" + exp + "'\"", r);
        assertEquals("lifetime", f.step());
        assertTrue(f.explanation().contains("Tokenscope disagrees"), f.explanation());
        assertTrue(f.explanation().contains("clock skew on the server"), f.explanation());
        assertFalse(f.explanation().contains("different token than the one pasted:"), f.explanation());
        assertEquals(NOW.plusSeconds(3000).toString(), f.values().get("token.exp"));
    }

    @Test
    void anExpiryThatIsNotTheTokensOwnPointsAtADifferentToken() {
        Report r = report(Tokens.sign(Tokens.v2Access()), AT_NOW);
        Finding f = one("Bearer error=\"invalid_token\", error_description=\"An error occurred while attempting to decode the Jwt: "
                + "Jwt expired at 2026-02-01T00:00:00Z\"", r);
        assertTrue(f.explanation().contains("it judged a different token"), f.explanation());
    }

    @Test
    void expiredSaidOfAnExpiredTokenIsAgreementWithTheServersClock() {
        Report r = report(Tokens.sign(Tokens.v2Access().expirationTime(Date.from(NOW.minusSeconds(3600)))), AT_NOW);
        Finding f = one("IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): '" + NOW.minusSeconds(3600)
                + "', Current time (UTC): '" + NOW.plusSeconds(60) + "'.", r);
        assertTrue(f.explanation().contains("Tokenscope agrees"), f.explanation());
        assertTrue(f.explanation().contains("3660 s after exp"), f.explanation());
    }

    @Test
    void keyNotFoundWhileTheKeyMatchedBlamesStaleKeysOrMetadata(@TempDir Path dir) throws Exception {
        Path meta = dir.resolve("openid-configuration.json");
        Path keys = dir.resolve("keys.json");
        Files.writeString(meta, "{\"issuer\":\"" + Tokens.V2_ISS + "\",\"jwks_uri\":\"https://login.microsoftonline.com/" + TENANT + "/discovery/v2.0/keys\"}");
        Files.writeString(keys, Tokens.publicSet(Tokens.RSA_OTHER, Tokens.RSA).toString(true));
        Report r = Inspector.standard(true).inspect(Tokens.sign(Tokens.v2Access()),
                new ValidationProfile(List.of(API_ID), null, null, null, null, null, NOW, meta.toString(), keys.toString(), true));
        assertEquals(Status.PASS, r.step("key-match").orElseThrow().status(), r.step("key-match").toString());
        Finding f = one("WWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The signature key was not found\"", r);
        assertEquals("key-match", f.step());
        assertTrue(f.explanation().contains("Tokenscope disagrees"), f.explanation());
        assertTrue(f.explanation().contains("stale keys"), f.explanation());
        assertTrue(f.explanation().contains("wrong metadata"), f.explanation());
        assertEquals(Tokens.RSA.getKeyID(), f.values().get("token.kid"));

        Finding other = one("IDX10503: Signature validation failed. The token's kid is: 'rotated-away'. Keys tried: 'x'.", r);
        assertTrue(other.explanation().contains("The server saw kid rotated-away"), other.explanation());
    }

    @Test
    void caeChallengeJoinedWithTheTokensClientCapability() {
        String claims = Base64.getEncoder().encodeToString(
                "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}".getBytes(StandardCharsets.UTF_8));
        Report r = report(Tokens.sign(Tokens.v2Access().claim("xms_cc", List.of("cp1"))), AT_NOW);
        Finding f = one("Bearer realm=\"\", error=\"insufficient_claims\", claims=\"" + claims + "\"", r);
        assertEquals("permissions", f.step());
        assertTrue(f.explanation().contains("authentication context c1"), f.explanation());
        assertTrue(f.explanation().contains("cp1"), f.explanation());
        assertTrue(f.explanation().contains("the client declared cp1"), f.explanation());
        assertTrue(f.values().get("claims") instanceof JsonNode);
    }

    @Test
    void caeRevocationWithoutClientCapability() {
        String claims = Base64.getEncoder().encodeToString(
                "{\"access_token\":{\"nbf\":{\"essential\":true, \"value\":\"1772366400\"}}}".getBytes(StandardCharsets.UTF_8));
        Report r = report(Tokens.sign(Tokens.v2Access()), AT_NOW);
        Finding f = one("Bearer error=\"insufficient_claims\", claims=\"" + claims + "\"", r);
        assertEquals("lifetime", f.step());
        assertTrue(f.explanation().contains("revoked"), f.explanation());
        assertTrue(f.explanation().contains("has no xms_cc"), f.explanation());
    }

    @Test
    void authorityOfAnotherTenantIsNamed() {
        Report r = report(Tokens.sign(Tokens.v2Access()), AT_NOW);
        Finding f = one("Bearer authorization_uri=\"https://login.windows.net/11111111-2222-3333-4444-555555555555\", error=\"invalid_token\"", r);
        assertTrue(f.explanation().contains("names tenant 11111111-2222-3333-4444-555555555555, the token's tid is " + TENANT),
                f.explanation());
    }

    @Test
    void issuerInClearNamesAVersionMismatchAndNullIssuerNamesAadIssuerValidator() {
        Report v1 = report(Tokens.sign(Tokens.v1Access()), AT_NOW);
        Finding f = one("IDX10205: Issuer validation failed. Issuer: '" + Tokens.V1_ISS
                + "'. Did not match: validationParameters.ValidIssuer: '" + Tokens.V2_ISS
                + "' or validationParameters.ValidIssuers: 'null'"
                + " or validationParameters.ConfigurationManager.CurrentConfiguration.Issuer: '"
                + Tokens.V2_ISS + "'. For more details, see https://aka.ms/IdentityModel/issuer-validation.", v1);
        assertEquals("issuer", f.step());
        assertTrue(f.explanation().contains("v2 issuers only and this is a v1 token"), f.explanation());
        assertEquals(Tokens.V1_ISS, f.values().get("issuer"));
        assertEquals(Tokens.V1_ISS, f.values().get("token.iss"));
        assertFalse(f.explanation().contains("it judged a different token"), f.explanation());

        Finding nul = one("Bearer error=\"invalid_token\", error_description=\"The issuer '(null)' is invalid\"", v1);
        assertTrue(nul.explanation().contains("AadIssuerValidator"), nul.explanation());

        Finding other = one("IDX10205: Issuer validation failed. Issuer: 'https://sts.windows.net/00000000-0000-0000-0000-000000000000/'.", v1);
        assertTrue(other.explanation().contains("it judged a different token"), other.explanation());
    }

    @Test
    void withoutATokenFindingsAreExplainedWithoutValues() {
        ServerEvidence e = ServerResponseParser.parse("IDX10205: Issuer validation failed. Issuer: 'https://sts.windows.net/x/'. Did not match: validationParameters.ValidIssuer: 'y'\nAADSTS700016: Application not found");
        Report noToken = Inspector.offline().inspect("nothing to see", AT_NOW);
        assertNull(noToken.token());
        for (List<Finding> fs : List.of(ServerFindings.join(e, noToken), ServerFindings.explainAlone(e))) {
            assertEquals(2, fs.size());
            assertEquals("issuer", fs.get(0).step());
            assertTrue(fs.get(0).explanation().contains("Paste the token"), fs.get(0).explanation());
            assertTrue(fs.get(0).values().keySet().stream().noneMatch(k -> k.startsWith("token.")), fs.get(0).values().toString());
            assertEquals("https://sts.windows.net/x/", fs.get(0).values().get("issuer"));
            assertNull(fs.get(1).step());
            assertTrue(fs.get(1).explanation().contains("AADSTS700016"), fs.get(1).explanation());
        }
    }

    @Test
    void serialisesAsTheDocumentedShape() throws Exception {
        Report r = report(Tokens.sign(Tokens.v2Id()), AT_NOW);
        ServerView v = ServerFindings.view(ServerResponseParser.parse("HTTP/1.1 401 Unauthorized\n"
                + "WWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The audience '" + CLIENT_ID + "' is invalid\"\n"
                + "\nAADSTS99999: something"), r);
        JsonNode n = Json.parse(Json.compact(java.util.Map.of("server", v)));
        JsonNode f = n.path("server").path("findings").get(0);
        assertEquals(List.of("code", "step", "said", "explanation", "values"), iterate(f));
        assertEquals("audience", f.path("step").asText());
        assertEquals(CLIENT_ID, f.path("values").path("audience").asText());
        assertEquals(401, n.path("server").path("status").asInt());
        JsonNode second = n.path("server").path("findings").get(1);
        assertTrue(second.has("step") && second.get("step").isNull(), second.toString());
    }

    private static List<String> iterate(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
