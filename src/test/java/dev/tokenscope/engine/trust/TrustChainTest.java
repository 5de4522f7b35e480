package dev.tokenscope.engine.trust;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.testing.FakeEntra;
import dev.tokenscope.testing.Tokens;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trust chain against a real HTTPS server on loopback that answers for Entra's host names. */
class TrustChainTest {
    static final String LOGIN = "https://login.microsoftonline.com/";
    static final String META_V2 = LOGIN + TENANT + "/v2.0/.well-known/openid-configuration";
    static final String JWKS_V2 = LOGIN + TENANT + "/discovery/v2.0/keys";
    static final String JWKS_V1 = LOGIN + "common/discovery/keys";

    FakeEntra entra;
    @TempDir
    Path cache;

    @BeforeEach
    void start() {
        entra = new FakeEntra().tenant(TENANT, Tokens.publicSet(Tokens.RSA_OTHER, Tokens.RSA));
    }

    @AfterEach
    void stop() throws InterruptedException {
        entra.close();
        // A key set fetched in parallel may still be writing to the cache directory, which is removed after this.
        org.junit.jupiter.api.Assertions.assertTrue(OnlineTrustResolver.awaitIdle(java.time.Duration.ofSeconds(10)));
    }

    Report inspect(String token, ValidationProfile profile) {
        return entra.inspector(cache).inspect(token, profile);
    }

    static ValidationProfile api() {
        return ValidationProfile.defaults().withAudiences(List.of(API_ID));
    }

    @Test
    void validV2TokenIsDiscoveredMatchedAndVerified() {
        Report r = inspect(Tokens.sign(Tokens.v2Access()), api());
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertEquals("Valid for " + API_ID, r.summary());
        for (String id : List.of("metadata", "keys", "key-match", "signature", "issuer", "audience")) {
            assertEquals(Status.PASS, r.step(id).orElseThrow().status(), id + ": " + r.step(id).orElseThrow().detail());
        }
        assertTrue(r.step("metadata").orElseThrow().detail().contains(META_V2));
        assertNotNull(r.key());
        assertEquals("test-kid-1", r.key().kid());
        assertEquals("RSA", r.key().kty());
        assertEquals(2048, r.key().sizeBits());
        assertEquals("kid", r.key().matchedBy());
        assertEquals(JWKS_V2, r.key().source());
        assertEquals(2, r.key().keySet().size());
        assertEquals(1, r.key().keySet().stream().filter(k -> k.matched()).count());
        assertNotNull(r.key().thumbprint());
        assertEquals(1, entra.count(META_V2));
        assertEquals(1, entra.count(JWKS_V2));
    }

    @Test
    void metadataAndKeySetAreFetchedInParallelForEntra() {
        // The metadata response is held back until the key set has been requested: a sequential
        // client would never ask for the keys and this metadata request would time out.
        CountDownLatch keysAsked = new CountDownLatch(1);
        String keys = Tokens.publicSet(Tokens.RSA).toString(true);
        entra.route(JWKS_V2, req -> {
            keysAsked.countDown();
            return new MockResponse.Builder().code(200).body(keys).build();
        });
        String meta = "{\"issuer\":\"" + LOGIN + TENANT + "/v2.0\",\"jwks_uri\":\"" + JWKS_V2 + "\"}";
        entra.route(META_V2, req -> {
            try {
                boolean ok = keysAsked.await(3, TimeUnit.SECONDS);
                return new MockResponse.Builder().code(ok ? 200 : 503).body(ok ? meta : "{}").build();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Report r = inspect(Tokens.sign(Tokens.v2Access()), api());
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertTrue(r.step("keys").orElseThrow().evidence().values().stream().anyMatch(v -> v.contains("in parallel")));
    }

    @Test
    void v1TokenUsesV1MetadataWhateverTheUserConfigured() {
        Report r = inspect(Tokens.sign(Tokens.v1Access()), ValidationProfile.defaults().withAudiences(List.of("api://" + API_ID)));
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertEquals(1, entra.count(LOGIN + TENANT + "/.well-known/openid-configuration"));
        assertEquals(1, entra.count(JWKS_V1));
        assertEquals(0, entra.count(META_V2));
    }

    @Test
    void v1TokenAgainstV2MetadataIsAVersionMismatch() {
        ValidationProfile p = new ValidationProfile(List.of("api://" + API_ID), null, null, null, null, null, null, META_V2, null, false);
        Report r = inspect(Tokens.sign(Tokens.v1Access()), p);
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(Status.FAIL, r.step("issuer").orElseThrow().status());
        assertEquals("IDX10205", r.step("issuer").orElseThrow().idx());
        assertTrue(r.hasDiagnosis("version-mismatch"), r.diagnoses().toString());
        assertEquals("version-mismatch", r.topDiagnosis().orElseThrow().id());
    }

    @Test
    void multiTenantTemplateIsFilledWithTid() {
        entra.json(LOGIN + "organizations/v2.0/.well-known/openid-configuration",
                "{\"issuer\":\"https://login.microsoftonline.com/{tenantid}/v2.0\",\"jwks_uri\":\"" + JWKS_V2 + "\"}");
        ValidationProfile p = new ValidationProfile(List.of(API_ID), null, null, null, null, null, null,
                LOGIN + "organizations/v2.0/.well-known/openid-configuration", null, false);
        Report r = inspect(Tokens.sign(Tokens.v2Access()), p);
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertTrue(r.step("issuer").orElseThrow().detail().contains("template"));
    }

    @Test
    void issuerOfAnotherTenantIsAnIssuerMismatch() {
        String other = "0f0f0f0f-1111-4222-8333-444455556666";
        entra.tenant(other, Tokens.publicSet(Tokens.RSA));
        ValidationProfile p = new ValidationProfile(List.of(API_ID), null, null, null, null, null, null,
                LOGIN + other + "/v2.0/.well-known/openid-configuration", null, false);
        Report r = inspect(Tokens.sign(Tokens.v2Access()), p);
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.hasDiagnosis("issuer-mismatch"));
        assertEquals("IDX10205", r.step("issuer").orElseThrow().idx());
    }

    @Test
    void unknownKidIsRefetchedOnceThenReportedWithTheKeySet() {
        RSAKey stranger = Tokens.rsa("kid-nobody-published");
        String token = Tokens.sign(Tokens.v2Access().build(), stranger,
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(stranger.getKeyID()).build());
        Inspector inspector = entra.inspector(cache);
        Report r = inspector.inspect(token, api());
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(Status.FAIL, r.step("key-match").orElseThrow().status());
        assertEquals("IDX10501", r.step("key-match").orElseThrow().idx());
        assertTrue(r.step("key-match").orElseThrow().detail().contains("not among these 2 keys"),
                r.step("key-match").orElseThrow().detail());
        assertTrue(r.hasDiagnosis("key-not-found"));
        assertEquals(2, entra.count(JWKS_V2), "one fetch plus one rollover refetch");
        // app-specific keys were looked for (?appid=aud, then azp) and are not there
        assertEquals(1, entra.count(META_V2 + "?appid=" + API_ID));
        assertEquals(Status.SKIP, r.step("signature").orElseThrow().status());
        // a second inspection within 5 minutes does not refetch again (no retry storm)
        inspector.inspect(token, api());
        assertEquals(2, entra.count(JWKS_V2));
    }

    @Test
    void appSpecificSigningKeyIsFoundUnderAppid() {
        RSAKey appKey = Tokens.rsa("app-specific-kid");
        entra.json(META_V2 + "?appid=" + API_ID,
                "{\"issuer\":\"" + LOGIN + TENANT + "/v2.0\",\"jwks_uri\":\"" + JWKS_V2 + "?appid=" + API_ID + "\"}");
        entra.json(JWKS_V2 + "?appid=" + API_ID, Tokens.publicSet(appKey).toString(true));
        String token = Tokens.sign(Tokens.v2Access().build(), appKey,
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(appKey.getKeyID()).build());
        Report r = inspect(token, api());
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertEquals(Status.WARN, r.step("key-match").orElseThrow().status());
        assertTrue(r.hasDiagnosis("app-specific-signing-key"));
        assertEquals(JWKS_V2 + "?appid=" + API_ID, r.key().source());
        assertEquals("app-specific-kid", r.key().kid());
    }

    @Test
    void signatureByAnotherKeyWithARealKidIsInvalid() {
        RSAKey forger = new RSAKey.Builder(Tokens.rsa("x")).keyID(Tokens.RSA.getKeyID()).build();
        String token = Tokens.sign(Tokens.v2Access().build(), Tokens.rsa("unused"),
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(forger.getKeyID()).build());
        Report r = inspect(token, api());
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(Status.FAIL, r.step("signature").orElseThrow().status());
        assertTrue(r.hasDiagnosis("signature-invalid"));
        assertEquals(Status.PASS, r.step("key-match").orElseThrow().status());
    }

    @Test
    void tamperedPayloadFailsTheSignature() {
        String token = Tokens.sign(Tokens.v2Access());
        String[] p = token.split("\\.");
        String forged = p[0] + "."
                + Tokens.b64(new String(com.nimbusds.jose.util.Base64URL.from(p[1]).decode()).replace("access_as_user", "admin_everything"))
                + "." + p[2];
        Report r = inspect(forged, api());
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("signature-invalid", r.topDiagnosis().orElseThrow().id());
    }

    @Test
    void graphTokenIsShownSignedByMicrosoftButForGraph() {
        Report r = inspect(Tokens.graph(Tokens.v2Access()), api());
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("graph-token", r.topDiagnosis().orElseThrow().id());
        var sig = r.step("signature").orElseThrow();
        assertEquals(Status.FAIL, sig.status());
        assertTrue(sig.detail().contains("unofficial") && sig.detail().contains("verifies with kid test-kid-1"), sig.detail());
    }

    @Test
    void encryptionKeyNeverVerifies() {
        RSAKey encKey = new RSAKey.Builder(Tokens.RSA.toPublicJWK()).keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION).build();
        entra.json(JWKS_V2, new JWKSet(encKey).toString(true));
        Report r = inspect(Tokens.sign(Tokens.v2Access()), api());
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.step("signature").orElseThrow().detail().contains("\"enc\""), r.step("signature").orElseThrow().detail());
    }

    @Test
    void offlineWithFilesGivesTheSameVerdictAsOnline(@TempDir Path files) throws Exception {
        String token = Tokens.sign(Tokens.v2Access());
        Report online = inspect(token, api());
        Path meta = files.resolve("openid-configuration.json");
        Path keys = files.resolve("keys.json");
        Files.writeString(meta, "{\"issuer\":\"" + LOGIN + TENANT + "/v2.0\",\"jwks_uri\":\"" + JWKS_V2 + "\"}");
        Files.writeString(keys, Tokens.publicSet(Tokens.RSA_OTHER, Tokens.RSA).toString(true));
        int before = entra.requests.size();
        Report offline = Inspector.standard(true).inspect(token, new ValidationProfile(List.of(API_ID), null, null, null, null, null,
                Tokens.NOW, meta.toString(), keys.toString(), true));
        assertEquals(online.verdict(), offline.verdict());
        assertEquals(Verdict.VALID, offline.verdict(), offline.summary());
        assertEquals(keys.toAbsolutePath().toString(), offline.key().source());
        assertEquals(before, entra.requests.size(), "offline makes no request");
    }

    @Test
    void secondInspectionIsServedFromTheCache() {
        String token = Tokens.sign(Tokens.v2Access());
        inspect(token, api());
        Report r = entra.inspector(cache).inspect(token, api()); // a new inspector: memory cache empty, disk cache warm
        assertEquals(Verdict.VALID, r.verdict());
        assertEquals(1, entra.count(JWKS_V2));
        assertTrue(r.step("keys").orElseThrow().detail().contains("from the cache"), r.step("keys").orElseThrow().detail());
    }

    @Test
    void headerKeysAreNeverFetchedOrUsed() {
        RSAKey attacker = Tokens.rsa(Tokens.RSA.getKeyID());
        entra.json("https://issuer.example/attacker-keys", Tokens.publicSet(attacker).toString(true));
        String token = Tokens.sign(Tokens.v2Access().build(), attacker, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID())
                .jwkURL(java.net.URI.create("https://issuer.example/attacker-keys")).jwk(attacker.toPublicJWK()).build());
        Report r = inspect(token, api());
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.hasDiagnosis("header-key-injection"));
        assertTrue(r.hasDiagnosis("signature-invalid"));
        assertEquals(0, entra.count("https://issuer.example/attacker-keys"));
    }

    @Test
    void algNoneAndHmacNeverTouchTheNetwork() {
        String none = Tokens.raw("{\"alg\":\"none\",\"typ\":\"JWT\"}",
                "{\"iss\":\"" + Tokens.V2_ISS + "\",\"aud\":\"" + API_ID + "\",\"exp\":4102444800}", "");
        Report r = inspect(none, api());
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.hasDiagnosis("alg-none"));
        assertTrue(entra.requests.isEmpty());
        assertNull(r.key());
    }
}
