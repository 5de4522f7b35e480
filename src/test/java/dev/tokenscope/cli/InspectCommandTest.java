package dev.tokenscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.SignedJWT;
import dev.tokenscope.engine.entra.EntraFacts;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.CLIENT_ID;
import static dev.tokenscope.testing.Tokens.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tokenscope inspect}: exit codes, the human rendering and the documented JSON report, for every token kind. Runs
 * with {@code --offline}: without --metadata/--jwks the key-dependent steps are skipped.
 */
class InspectCommandTest {
    static final String AT = "2026-03-01T12:00:00Z";
    static final List<String> STEP_IDS = List.of("format", "algorithm", "metadata", "keys", "key-match", "signature", "issuer", "audience",
            "lifetime", "token-type", "version", "tenant", "client", "permissions");
    static final List<String> KEY_STEPS = List.of("metadata", "keys", "key-match", "signature");
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("--json output does not parse: " + e.getMessage() + "\n" + out, e);
            }
        }
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** inspect TOKEN --offline --no-color [--at AT unless extra has one] [extra…] */
    static Run inspect(String token, String... extra) {
        List<String> args = new ArrayList<>(List.of("inspect", token, "--offline", "--no-color"));
        if (!List.of(extra).contains("--at")) args.addAll(List.of("--at", AT));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    static JsonNode json(String token, String... extra) {
        List<String> args = new ArrayList<>(List.of(extra));
        args.add("--json");
        Run r = inspect(token, args.toArray(String[]::new));
        assertEquals("", r.err(), "nothing on stderr for an inspectable token");
        assertEquals(1, r.code(), "offline without keys nothing is valid: " + r.out());
        return r.json();
    }

    static List<String> diagnosisIds(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.get("diagnoses").forEach(d -> ids.add(d.get("id").asText()));
        return ids;
    }

    static JsonNode step(JsonNode report, String id) {
        for (JsonNode s : report.get("steps")) if (s.get("id").asText().equals(id)) return s;
        throw new AssertionError("no step " + id);
    }

    static JsonNode annotation(JsonNode report, String list, String name) {
        for (JsonNode c : report.get("token").get(list)) if (c.get("name").asText().equals(name)) return c;
        throw new AssertionError("no annotation " + name + " in " + list);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static void keyStepsSkipped(JsonNode report) {
        for (String id : KEY_STEPS) assertEquals("skip", step(report, id).get("status").asText(), id);
        assertTrue(report.get("key").isNull());
    }

    InputStream originalIn = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(originalIn);
    }

    // ---- the JSON report, per token kind -----------------------------------------------------------------------

    @Test
    void v2AccessTokenJsonHasEveryDocumentedField() {
        String token = Tokens.sign(Tokens.v2Access().claim("xms_custom", "x"));
        JsonNode r = json(token);
        assertEquals(List.of("tool", "version", "evaluatedAt", "verdict", "summary", "input", "token", "key", "steps", "diagnoses"),
                fieldNames(r));
        assertEquals("Tokenscope", r.get("tool").asText());
        assertFalse(r.get("version").asText().isBlank());
        assertEquals(AT, r.get("evaluatedAt").asText());
        assertEquals("undetermined", r.get("verdict").asText());
        assertTrue(r.get("summary").asText().startsWith("Could not finish"), r.get("summary").asText());

        JsonNode input = r.get("input");
        assertEquals(List.of("form", "description", "notes", "selected", "candidates"), fieldNames(input));
        assertEquals("raw", input.get("form").asText());
        assertEquals(0, input.get("selected").asInt());
        assertEquals("token", input.get("candidates").get(0).get("role").asText());
        assertEquals(token.length(), input.get("candidates").get(0).get("length").asInt());

        JsonNode t = r.get("token");
        assertEquals(
                List.of("kind", "type", "issuerKind", "header", "claims", "headerAnnotations", "claimAnnotations", "signatureBytes",
                        "problems"),
                fieldNames(t));
        assertEquals("jws", t.get("kind").asText());
        assertEquals("access token (delegated, on behalf of a user)", t.get("type").asText());
        assertEquals("entra-v2", t.get("issuerKind").asText());
        assertEquals("RS256", t.get("header").get("alg").asText());
        assertEquals(API_ID, t.get("claims").get("aud").asText());
        assertEquals(256, t.get("signatureBytes").asInt());
        assertEquals(0, t.get("problems").size());
        assertEquals(t.get("claims").size(), t.get("claimAnnotations").size(), "every claim is annotated");
        assertEquals(t.get("header").size(), t.get("headerAnnotations").size());

        JsonNode aud = annotation(r, "claimAnnotations", "aud");
        assertEquals("Audience", aud.get("title").asText());
        assertFalse(aud.get("meaning").asText().isBlank());
        assertTrue(aud.get("inCatalogue").asBoolean());
        assertFalse(aud.get("pii").asBoolean());
        assertTrue(annotation(r, "claimAnnotations", "name").get("pii").asBoolean());
        JsonNode exp = annotation(r, "claimAnnotations", "exp");
        assertEquals("2026-03-01T12:50:00Z", exp.get("time").get("utc").asText());
        assertEquals("expires in 50 min", exp.get("time").get("relative").asText());
        assertNotNull(exp.get("time").get("local"));
        JsonNode unknown = annotation(r, "claimAnnotations", "xms_custom");
        assertFalse(unknown.get("inCatalogue").asBoolean());
        assertEquals("not in catalogue", unknown.get("meaning").asText());
        assertEquals("public client (no client credential)", annotation(r, "claimAnnotations", "azpacr").get("interpretation").asText());

        List<String> ids = new ArrayList<>();
        for (JsonNode s : r.get("steps")) {
            ids.add(s.get("id").asText());
            assertEquals(List.of("id", "status", "title", "detail", "evidence", "hint", "idx"), fieldNames(s));
            assertTrue(List.of("pass", "warn", "fail", "skip", "info").contains(s.get("status").asText()), s.toString());
        }
        assertEquals(STEP_IDS, ids);
        keyStepsSkipped(r);
        assertEquals("pass", step(r, "lifetime").get("status").asText());
        assertEquals(List.of(), diagnosisIds(r));
    }

    @Test
    void v1AccessToken() {
        JsonNode r = json(Tokens.sign(Tokens.v1Access()));
        JsonNode t = r.get("token");
        assertEquals("jws", t.get("kind").asText());
        assertEquals("entra-v1", t.get("issuerKind").asText());
        assertEquals("1.0", t.get("claims").get("ver").asText());
        assertEquals("api://" + API_ID, t.get("claims").get("aud").asText());
        assertTrue(annotation(r, "claimAnnotations", "amr").get("interpretation").asText().contains("pwd = password"));
        assertTrue(annotation(r, "claimAnnotations", "upn").get("pii").asBoolean());
        assertTrue(annotation(r, "claimAnnotations", "appid").get("inCatalogue").asBoolean());
        assertEquals("test-kid-1", annotation(r, "headerAnnotations", "kid").get("value").asText());
        keyStepsSkipped(r);
        assertEquals("pass", step(r, "version").get("status").asText());
    }

    @Test
    void idTokenIsDiagnosed() {
        JsonNode r = json(Tokens.sign(Tokens.v2Id()));
        assertEquals("invalid", r.get("verdict").asText());
        assertEquals("id-token-as-access-token", r.get("diagnoses").get(0).get("id").asText());
        assertEquals(List.of("id", "summary", "explanation", "fix", "severity"), fieldNames(r.get("diagnoses").get(0)));
        assertEquals("error", r.get("diagnoses").get(0).get("severity").asText());
        assertTrue(r.get("token").get("type").asText().startsWith("ID token"));
        assertEquals("fail", step(r, "token-type").get("status").asText());
        assertEquals("IDX10214", step(r, "token-type").get("idx").asText());
        assertTrue(annotation(r, "claimAnnotations", "nonce").get("inCatalogue").asBoolean());
        keyStepsSkipped(r);
    }

    @Test
    void graphTokenWithHeaderNonce() {
        JsonNode r = json(Tokens.graph(Tokens.v2Access()));
        assertEquals("invalid", r.get("verdict").asText());
        assertTrue(diagnosisIds(r).contains("graph-token"), diagnosisIds(r).toString());
        assertEquals("graph-token", r.get("diagnoses").get(0).get("id").asText());
        assertTrue(r.get("token").get("header").has("nonce"));
        assertEquals(List.of("typ", "nonce", "alg", "kid"), fieldNames(r.get("token").get("header")), "header kept in the issuer's order");
        assertTrue(annotation(r, "headerAnnotations", "nonce").get("inCatalogue").asBoolean());
        assertEquals("Microsoft Graph", annotation(r, "claimAnnotations", "aud").get("interpretation").asText());
        keyStepsSkipped(r);
    }

    @Test
    void encryptedToken() {
        JsonNode r = json(Tokens.encrypted(Tokens.v2Access()));
        JsonNode t = r.get("token");
        assertEquals("jwe", t.get("kind").asText());
        assertEquals("RSA-OAEP-256", t.get("header").get("alg").asText());
        assertEquals("A256GCM", t.get("header").get("enc").asText());
        assertEquals("test-kid-1", t.get("header").get("kid").asText());
        assertTrue(t.get("claims").isNull());
        assertTrue(t.get("type").isNull());
        assertEquals(0, t.get("claimAnnotations").size());
        assertEquals(List.of("encrypted-token"), diagnosisIds(r));
        assertEquals("warn", step(r, "format").get("status").asText());
        keyStepsSkipped(r);
        assertEquals("undetermined", r.get("verdict").asText());
    }

    @Test
    void opaqueToken() {
        JsonNode r = json(Tokens.opaque(600));
        assertEquals("opaque", r.get("token").get("kind").asText());
        assertTrue(r.get("token").get("header").isNull());
        assertEquals(List.of("opaque-token"), diagnosisIds(r));
        assertEquals("IDX14100", step(r, "format").get("idx").asText());
        keyStepsSkipped(r);
        assertEquals("invalid", r.get("verdict").asText());
    }

    @Test
    void malformedTokenReportsPartMessageAndOffset() {
        String token = Tokens.sign(Tokens.v2Access());
        int cut = token.indexOf('.') + 21;
        String broken = token.substring(0, cut) + "=" + token.substring(cut + 1);
        JsonNode r = json(broken);
        JsonNode p = r.get("token").get("problems").get(0);
        assertEquals(List.of("part", "message", "offset"), fieldNames(p));
        assertEquals("payload", p.get("part").asText());
        assertEquals(cut, p.get("offset").asInt());
        assertTrue(p.get("message").asText().contains("bad padding"));
        assertEquals("malformed", r.get("token").get("kind").asText());
        assertEquals("malformed-token", r.get("diagnoses").get(0).get("id").asText());
    }

    @Test
    void hostileHeadersAreNamed() throws Exception {
        String payload = Tokens.v2Access().build().toString();
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), Tokens.v2Access().build());
        hs.sign(new MACSigner(new byte[32]));
        Map<String, String> cases = Map.of(
                "alg-none", Tokens.raw("{\"alg\":\"none\"}", payload, ""),
                "symmetric-alg", hs.serialize(),
                "unknown-crit", Tokens.raw("{\"alg\":\"RS256\",\"crit\":[\"urn:example:x\"],\"urn:example:x\":1}", payload, "c2ln"),
                "unencoded-payload", Tokens.b64("{\"alg\":\"RS256\",\"b64\":false}") + ".{\"aud\":\"x\"}.c2ln",
                "header-key-injection", Tokens.sign(Tokens.v2Access().build(), Tokens.RSA, new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .jwkURL(URI.create("https://attacker.example/keys")).build()));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            JsonNode r = json(c.getValue());
            assertTrue(diagnosisIds(r).contains(c.getKey()), c.getKey() + " not in " + diagnosisIds(r));
            // A header key is only ignored (warn); every other case is refused outright.
            boolean refused = !c.getKey().equals("header-key-injection");
            assertEquals(refused ? "fail" : "warn", step(r, "algorithm").get("status").asText(), c.getKey());
            assertEquals(refused ? "invalid" : "undetermined", r.get("verdict").asText(), c.getKey());
            keyStepsSkipped(r);
        }
    }

    @Test
    void lifetimeDiagnosesAndSkew() {
        String token = Tokens.sign(Tokens.v2Access()); // exp 12:50
        JsonNode expired = json(token, "--at", "2026-03-01T15:50:00Z");
        assertTrue(diagnosisIds(expired).contains("expired"));
        assertEquals("IDX10223", step(expired, "lifetime").get("idx").asText());
        assertEquals("2026-03-01T15:50:00Z", expired.get("evaluatedAt").asText(), "the last --at wins");

        JsonNode withinSkew = json(token, "--at", "2026-03-01T12:52:00Z");
        assertEquals("warn", step(withinSkew, "lifetime").get("status").asText());
        JsonNode smallSkew = json(token, "--at", "2026-03-01T12:52:00Z", "--skew", "60");
        assertEquals("fail", step(smallSkew, "lifetime").get("status").asText());

        JsonNode early = json(token, "--at", "2026-03-01T10:00:00Z");
        assertTrue(diagnosisIds(early).contains("not-yet-valid"));

        JsonNode noExp = json(Tokens.sign(Tokens.v2Access().expirationTime(null)));
        assertEquals("fail", step(noExp, "lifetime").get("status").asText());
        assertEquals("IDX10225", step(noExp, "lifetime").get("idx").asText());
    }

    @Test
    void atTakesEpochSeconds() {
        Run r = cli("inspect", Tokens.sign(Tokens.v2Access()), "--offline", "--at", "1772366400", "--json");
        assertEquals(AT, r.json().get("evaluatedAt").asText());
    }

    @Test
    void profileOptionsReachTheChecks() {
        String token = Tokens.sign(Tokens.v2Access());
        JsonNode ok = json(token, "--audience", "api://other", "--audience", API_ID, "--tenant", TENANT, "--client", CLIENT_ID, "--scope",
                "access_as_user");
        for (String id : List.of("audience", "tenant", "client", "permissions")) {
            assertEquals("pass", step(ok, id).get("status").asText(), id);
        }

        JsonNode missing = json(token, "--scope", "Orders.Write");
        assertEquals(List.of("missing-permission"), diagnosisIds(missing));
        JsonNode appOnly = json(Tokens.sign(Tokens.v2AppOnly()), "--scope", "access_as_user");
        assertTrue(diagnosisIds(appOnly).containsAll(List.of("app-only-token", "missing-permission")), diagnosisIds(appOnly).toString());
        JsonNode role = json(Tokens.sign(Tokens.v2AppOnly()), "--role", "Orders.Read.All");
        assertEquals("pass", step(role, "permissions").get("status").asText());

        JsonNode wrongClient = json(token, "--client", "04b07795-8ddb-461a-bbee-02f9e1bf7b46");
        assertEquals("fail", step(wrongClient, "client").get("status").asText());
        JsonNode wrongTenant = json(token, "--tenant", EntraFacts.CONSUMER_TENANT);
        assertTrue(diagnosisIds(wrongTenant).contains("wrong-tenant"));
    }

    @Test
    void consumerAccount() {
        String consumer = EntraFacts.CONSUMER_TENANT;
        JsonNode r = json(Tokens.sign(Tokens.v2Access().issuer("https://login.microsoftonline.com/" + consumer + "/v2.0").claim("tid", consumer)));
        assertTrue(diagnosisIds(r).contains("consumer-account"), diagnosisIds(r).toString());
        assertEquals("warn", step(r, "tenant").get("status").asText());
    }

    // ---- exit codes ------------------------------------------------------------------------------------------------

    @Test
    void validTokenWithGivenMetadataAndKeysExitsZero(@TempDir Path dir) throws Exception {
        Path meta = dir.resolve("openid-configuration.json");
        Files.writeString(meta, "{\"issuer\":\"" + Tokens.V2_ISS + "\",\"jwks_uri\":\"https://login.microsoftonline.com/" + TENANT
                + "/discovery/v2.0/keys\"}");
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, Tokens.publicSet(Tokens.RSA, Tokens.RSA_OTHER).toString());
        Run r = inspect(Tokens.sign(Tokens.v2Access()), "--metadata", meta.toString(), "--jwks", keys.toString(), "--audience", API_ID);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("VALID — Valid for " + API_ID), r.out());
    }

    @Test
    void issuerOptionNamesTheIssuersTheApiAccepts(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, Tokens.publicSet(Tokens.RSA).toString());
        String other = "https://accounts.example.org/";
        Path meta = dir.resolve("openid-configuration.json");
        Files.writeString(meta, "{\"issuer\":\"" + other + "\",\"jwks_uri\":\"" + keys.toUri() + "\"}");
        String token = Tokens.sign(Tokens.v2Access().issuer(other));
        // Keys the user chose make their issuer trusted …
        Run chosen = inspect(token, "--metadata", meta.toString(), "--jwks", keys.toString(), "--audience", API_ID);
        assertEquals(0, chosen.code(), chosen.out());
        // … and --issuer (repeatable) restricts the issuers to those named: here an Entra token is not one of them.
        Run restricted = inspect(Tokens.sign(Tokens.v2Access()), "--jwks", keys.toString(), "--audience", API_ID,
                "--issuer", other, "--issuer", "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0", "--json");
        assertEquals(1, restricted.code(), restricted.out());
        JsonNode r = restricted.json();
        assertEquals("issuer-mismatch", r.get("diagnoses").get(0).get("id").asText());
        assertTrue(step(r, "issuer").get("evidence").get("accepted issuers").asText().contains(other), step(r, "issuer").toString());
        // {tenantid} templates accept any tenant's own issuer.
        Run template = inspect(Tokens.sign(Tokens.v2Access()), "--jwks", keys.toString(), "--audience", API_ID,
                "--issuer", "https://login.microsoftonline.com/{tenantid}/v2.0");
        assertEquals(0, template.code(), template.out());
    }

    @Test
    void invalidExitsOne() {
        Run r = inspect(Tokens.sign(Tokens.v2Id()));
        assertEquals(1, r.code());
        assertEquals("", r.err());
    }

    @Test
    void undeterminedExitsOne() {
        Run r = inspect(Tokens.sign(Tokens.v2Access()));
        assertEquals(1, r.code());
        assertTrue(r.out().startsWith("UNDETERMINED — Could not finish"), r.out());
    }

    @Test
    void authorizationCodeIsNothingToInspect() {
        Run r = inspect("https://localhost/cb?code=0.AXEA-secret-code&state=x");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("tokenscope inspect: Nothing to inspect:"), r.err());
        assertTrue(r.err().contains("authorization code"));
        assertFalse(r.err().contains("secret-code"));
    }

    @Test
    void nothingInspectableStillPrintsTheJsonReport() {
        Run r = inspect("{\"refresh_token\":\"1.secret-refresh\",\"token_type\":\"Bearer\"}", "--json");
        assertEquals(2, r.code());
        JsonNode j = r.json();
        assertTrue(j.get("token").isNull());
        assertEquals(0, j.get("steps").size());
        assertEquals(-1, j.get("input").get("selected").asInt());
        assertEquals("refresh-token", j.get("input").get("candidates").get(0).get("role").asText());
        assertFalse(r.out().contains("secret-refresh"));
        assertTrue(r.err().contains("never decoded"), r.err());
    }

    @Test
    void errorResponseIsNothingToInspect() {
        Run r = inspect("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("invalid_client — AADSTS7000215"), r.err());
    }

    @Test
    void usageErrorsExitTwoWithAMessage(@TempDir Path dir) throws Exception {
        String token = Tokens.sign(Tokens.v2Access());
        Path binary = dir.resolve("token.bin");
        Files.write(binary, new byte[]{'e', 'y', 'J', 0, 1, 2});
        List<String[]> oneLine = List.of(
                new String[]{"inspect", token, "--at", "yesterday"},
                new String[]{"inspect", token, "--skew", "-5"},
                new String[]{"inspect", token, "--file", dir.resolve("t.txt").toString()},
                new String[]{"inspect", "--file", dir.resolve("missing.txt").toString()},
                new String[]{"inspect", "--file", dir.toString()},
                new String[]{"inspect", "--file", binary.toString()},
                new String[]{"inspect"},
                new String[]{"inspect", "--sample", "no-such-sample"});
        for (String[] args : oneLine) {
            Run r = cli(args);
            assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
            assertEquals("", r.out(), String.join(" ", args));
            assertEquals(1, r.err().strip().lines().count(), "one line on stderr: " + r.err());
            assertTrue(r.err().startsWith("tokenscope inspect: "), r.err());
        }
        Run unknown = cli("inspect", token, "--bogus");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("tokenscope: Unknown option: '--bogus'"), unknown.err());
        Run notANumber = cli("inspect", token, "--skew", "five");
        assertEquals(2, notANumber.code());
        assertTrue(notANumber.err().contains("--skew"), notANumber.err());
    }

    // ---- input channels --------------------------------------------------------------------------------------------

    @Test
    void standardInputWithATokenResponse() {
        String access = Tokens.sign(Tokens.v2Access()), id = Tokens.sign(Tokens.v2Id());
        String refresh = "0.ARwA-refresh-token-value-that-must-never-appear";
        String response = "{\n \"token_type\": \"Bearer\",\n \"access_token\": \"" + access + "\",\n \"id_token\": \"" + id
                + "\",\n \"refresh_token\": \"" + refresh + "\"\n}\n";
        System.setIn(new ByteArrayInputStream(response.getBytes(StandardCharsets.UTF_8)));
        Run r = cli("inspect", "-", "--offline", "--at", AT, "--json");
        assertEquals(1, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals("token-response", j.get("input").get("form").asText());
        List<String> roles = new ArrayList<>();
        j.get("input").get("candidates").forEach(c -> roles.add(c.get("role").asText()));
        assertEquals(List.of("access-token", "id-token", "refresh-token"), roles);
        assertEquals(0, j.get("input").get("selected").asInt());
        assertEquals(API_ID, j.get("token").get("claims").get("aud").asText(), "the access token is inspected first");
        assertFalse(r.out().contains(refresh), "the refresh token never appears in the report");
        String signature = access.substring(access.lastIndexOf('.') + 1);
        assertFalse(r.out().contains(signature), "the report holds claims, never the compact token or its signature");
        assertFalse(r.out().contains(id.substring(id.lastIndexOf('.') + 1)));
    }

    @Test
    void standardInputHumanOutputListsTheOtherTokens() {
        String response = "{\"access_token\":\"" + Tokens.sign(Tokens.v2Access()) + "\",\"id_token\":\""
                + Tokens.sign(Tokens.v2Id()) + "\"}";
        System.setIn(new ByteArrayInputStream(response.getBytes(StandardCharsets.UTF_8)));
        Run r = cli("inspect", "-", "--offline", "--at", AT, "--no-color");
        assertTrue(r.out().contains("  > inspecting access-token (\"access_token\" of the JSON"), r.out());
        assertTrue(r.out().contains("    also found id-token (\"id_token\" of the JSON"), r.out());
    }

    @Test
    void emptyStandardInputIsNothingToInspect() {
        System.setIn(new ByteArrayInputStream(new byte[0]));
        Run r = cli("inspect", "-", "--offline");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("empty"), r.err());
    }

    @Test
    void fileWithAnAuthorizationHeaderLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("request.txt");
        String token = Tokens.sign(Tokens.v1Access());
        Files.writeString(f,
                "Authorization: Bearer " + token.substring(0, 200) + "\n" + token.substring(200) + "\nAccept: application/json\n");
        Run r = cli("inspect", "--file", f.toString(), "--offline", "--at", AT, "--json");
        assertEquals(1, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals("authorization-header", j.get("input").get("form").asText());
        assertEquals("jws", j.get("token").get("kind").asText(), j.get("token").get("problems").toString());
        assertEquals(token.length(), j.get("input").get("candidates").get(0).get("length").asInt());
    }

    // ---- human output ------------------------------------------------------------------------------------------------

    @Test
    void humanOutputForAnExpiredToken() {
        Run r = inspect(Tokens.sign(Tokens.v2Access().claim("xms_custom", "1")), "--at", "2026-03-01T15:50:00Z");
        assertEquals(1, r.code());
        String out = r.out();
        assertTrue(out.startsWith("INVALID — Not valid: Expired 3 h ago\n"), out);
        assertTrue(out.contains("\nInput: A compact token\n"), out);
        assertTrue(out.contains("Token: JWS, access token (delegated, on behalf of a user)"), out);
        assertTrue(out.contains("Diagnosis [expired]: Expired 3 h ago"), out);
        assertTrue(out.contains("Fix: Acquire a new token"), out);
        assertTrue(out.contains("\nSteps\n"), out);
        assertTrue(lineWith(out, "Lifetime").matches("\\s+FAIL\\s+Lifetime\\s+Expired 3 h before 2026-03-01T15:50:00Z .*\\[IDX10223]"),
                lineWith(out, "Lifetime"));
        assertTrue(lineWith(out, "fix: Acquire a fresh token").startsWith("        fix: "), out);
        assertTrue(lineWith(out, "Signature ").matches("\\s+SKIP\\s+Signature\\s+.+"), lineWith(out, "Signature "));
        assertTrue(lineWith(out, "Token format").matches("\\s+PASS\\s+Token format\\s+.+"), out);
        assertTrue(lineWith(out, "Audience ").matches("\\s+INFO\\s+Audience\\s+.+"), out);
        assertTrue(out.contains("\nHeader\n"), out);
        assertTrue(out.contains("\nClaims\n"), out);
        assertTrue(lineWith(out, "  exp ").contains("Expiration time: expired 3 h ago"), lineWith(out, "  exp "));
        assertTrue(lineWith(out, "  name ").endsWith("[personal data]"), lineWith(out, "  name "));
        assertTrue(lineWith(out, "  xms_custom ").contains("— not in catalogue"), lineWith(out, "  xms_custom "));
        assertFalse(out.contains("\u001b["), "no colour with --no-color / off a terminal");
    }

    @Test
    void humanOutputIsNeverColouredOffATerminal() {
        Run r = cli("inspect", Tokens.opaque(40), "--offline");
        assertFalse(r.out().contains("\u001b["), r.out());
        assertTrue(r.out().startsWith("INVALID — Not valid: Opaque token"), r.out());
        assertTrue(r.out().contains("Diagnosis [opaque-token]"), r.out());
    }

    @Test
    void helpAndVersion() {
        Run help = cli("inspect", "--help");
        assertEquals(0, help.code());
        for (String option : List.of("--audience", "--tenant", "--client", "--scope", "--role", "--skew", "--at", "--metadata", "--jwks",
                "--offline", "--json", "--no-color", "--file", "--issuer")) {
            assertTrue(help.out().contains(option), option);
        }
        Run version = cli("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("Tokenscope "), version.out());
    }

    // ---- untrusted text: a claim never drives the terminal ------------------------------------------------------

    /** Sets the window title, clears the screen, then reverses what follows. */
    static final String HOSTILE = "Alice\u001b]0;pwned\u0007\u001b[2J\u202eevil";

    static String hostileToken() {
        return Tokens.sign(Tokens.v2Access().claim("name", HOSTILE).claim("roles", List.of("Reader", "Admin\u202e"))
                .claim("xms_nested", Map.of("k\u001b", List.of("\u200bx"))));
    }

    static void assertNoRawControl(String text) {
        for (char c : new char[]{'\u001b', '\u0007', '\u202e', '\u200b'}) {
            assertTrue(text.indexOf(c) < 0, "raw U+" + Integer.toHexString(c) + " in\n" + text.replace('\u001b', '~'));
        }
    }

    @Test
    void humanOutputShowsControlAndBidiCharactersEscapedWithANote() {
        Run r = inspect(hostileToken());
        assertEquals(1, r.code(), r.err());
        assertNoRawControl(r.out());
        assertNoRawControl(r.err());
        assertTrue(lineWith(r.out(), "  name ").contains("Alice\\u001b]0;pwned\\u0007\\u001b[2J\\u202eevil"), r.out());
        assertTrue(r.out()
                .contains("info: Contains a terminal control sequence (ESC); contains a right-to-left override: the text displays "
                + "differently from what it is; contains control characters."), r.out());
        assertTrue(lineWith(r.out(), "  roles ").contains("[Reader, Admin\\u202e]"), r.out());
        // JSON-escaped inside an object
        assertTrue(lineWith(r.out(), "  xms_nested ").toLowerCase(Locale.ROOT).contains("\\u001b"), r.out());
    }

    @Test
    void jsonKeepsTheExactValuesAndAddsTheWarning() {
        JsonNode r = json(hostileToken());
        assertEquals(HOSTILE, r.get("token").get("claims").get("name").asText(), "JSON escaping only: the value is exact");
        JsonNode name = annotation(r, "claimAnnotations", "name");
        assertEquals(HOSTILE, name.get("value").asText());
        assertTrue(name.get("warning").asText().startsWith("Contains a terminal control sequence (ESC); contains a right-to-left override"),
                name.toString());
        assertEquals("Admin\u202e", annotation(r, "claimAnnotations", "roles").get("value").get(1).asText());
        assertTrue(annotation(r, "claimAnnotations", "roles").get("warning").asText().contains("right-to-left override"));
        String nested = annotation(r, "claimAnnotations", "xms_nested").get("warning").asText();
        assertTrue(nested.contains("(ESC)") && nested.contains("invisible characters"), nested);
        assertFalse(annotation(r, "claimAnnotations", "aud").has("warning"), "no warning field for a plain value");
        assertFalse(annotation(r, "headerAnnotations", "alg").has("warning"));
    }

    static String lineWith(String text, String fragment) {
        Iterator<String> it = text.lines().iterator();
        while (it.hasNext()) {
            String line = it.next();
            if (line.contains(fragment)) return line;
        }
        throw new AssertionError("no line with '" + fragment + "' in\n" + text);
    }
}
