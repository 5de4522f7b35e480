package dev.tokenscope.engine.trust;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.testing.FakeEntra;
import dev.tokenscope.testing.Tokens;
import okhttp3.Dns;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.tokenscope.testing.Tokens.API_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which issuers a verdict trusts (issue: a token must not vouch for itself). A real HTTPS server on loopback serves a
 * non-Microsoft issuer's own metadata and keys (https://issuer.example/), and answers for every other host too: what a
 * look-alike issuer would serve is never asked for (the resolver's name lookups are recorded).
 */
class IssuerTrustTest {
    static final String OTHER = "https://issuer.example/";
    static final String OTHER_META = OTHER + ".well-known/openid-configuration";
    static final String MS_CORP = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    FakeEntra server;
    final List<String> lookups = new CopyOnWriteArrayList<>();
    @TempDir
    Path cache;

    @BeforeEach
    void start() {
        server = new FakeEntra().tenant(Tokens.TENANT, Tokens.publicSet(Tokens.RSA))
                .json(OTHER_META, "{\"issuer\":\"" + OTHER + "\",\"jwks_uri\":\"" + OTHER + "keys\"}")
                .json(OTHER + "keys", Tokens.publicSet(Tokens.RSA).toString());
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        assertTrue(OnlineTrustResolver.awaitIdle(Duration.ofSeconds(10)));
    }

    Inspector inspector() {
        Dns recording = host -> {
            lookups.add(host);
            return List.of(InetAddress.getLoopbackAddress());
        };
        HandshakeCertificates client = new HandshakeCertificates.Builder().addTrustedCertificate(FakeEntra.ROOT.certificate()).build();
        Http http = new Http(recording, client.sslSocketFactory(), client.trustManager(), Duration.ofSeconds(5),
                new FakeEntra.PortSocketFactory(server.port()));
        return FakeEntra.inspector(http, cache);
    }

    static ValidationProfile api() {
        return ValidationProfile.defaults().withAudiences(List.of(API_ID));
    }

    /** A token of issuer.example, signed with the key issuer.example publishes, naming Microsoft's corporate tenant in tid. */
    static String otherIssuerToken() {
        return Tokens.sign(Tokens.v2Access().issuer(OTHER).claim("tid", MS_CORP));
    }

    static List<String> ids(Report r) {
        return r.diagnoses().stream().map(Diagnosis::id).toList();
    }

    @Test
    void anIssuerNobodyTrustedLeavesTheVerdictOpenThoughItsOwnKeyVerifies() {
        Report r = inspector().inspect(otherIssuerToken(), api());
        assertEquals(Status.PASS, r.step("signature").orElseThrow().status(), r.step("signature").orElseThrow().detail());
        assertEquals(Verdict.UNDETERMINED, r.verdict(), r.summary());
        assertTrue(r.summary().startsWith("Not trusted: Issuer " + OTHER + " is not one your API trusts"), r.summary());
        assertFalse(r.summary().contains("Valid"), r.summary());
        assertEquals("untrusted-issuer", r.diagnoses().get(0).id());
        assertTrue(r.diagnoses().get(0).explanation().contains("itself publishes"), r.diagnoses().get(0).explanation());
        assertEquals(Status.WARN, r.step("issuer").orElseThrow().status());
        assertEquals("not trusted", r.step("issuer").orElseThrow().evidence().get("trusted as"));
        // The tenant step names no Microsoft tenant for a non-Microsoft issuer.
        String tenant = r.step("tenant").orElseThrow().detail();
        assertFalse(tenant.contains("Microsoft"), tenant);
        assertEquals(1, server.count(OTHER_META));
    }

    @Test
    void trustedByIssuerOption() {
        Report r = inspector().inspect(otherIssuerToken(), api().withIssuers(List.of(OTHER)));
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertEquals(Status.PASS, r.step("issuer").orElseThrow().status());
        assertEquals("an issuer the API accepts", r.step("issuer").orElseThrow().evidence().get("trusted as"));
        assertFalse(ids(r).contains("untrusted-issuer"));
    }

    @Test
    void trustedByMetadataTheUserChose() throws Exception {
        Path meta = Files.writeString(cache.resolve("meta.json"), "{\"issuer\":\"" + OTHER + "\",\"jwks_uri\":\"" + OTHER + "keys\"}");
        Report r = inspector().inspect(otherIssuerToken(), api().withKeys(meta.toString(), null, false));
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        Path keys = Files.writeString(cache.resolve("keys.json"), Tokens.publicSet(Tokens.RSA).toString());
        Report k = inspector().inspect(otherIssuerToken(), api().withKeys(null, keys.toString(), false));
        assertEquals(Verdict.VALID, k.verdict(), k.summary());
    }

    @Test
    void anAcceptedIssuerListExcludesEveryOtherIssuerMicrosoftsToo() {
        Report r = inspector().inspect(Tokens.sign(Tokens.v2Access()), api().withIssuers(List.of(OTHER)));
        assertEquals(Verdict.INVALID, r.verdict(), r.summary());
        assertEquals("issuer-mismatch", r.diagnoses().get(0).id());
        // A {tenantid} template accepts the token's own tenant.
        Report t = inspector().inspect(Tokens.sign(Tokens.v2Access()),
                api().withIssuers(List.of("https://login.microsoftonline.com/{tenantid}/v2.0")));
        assertEquals(Verdict.VALID, t.verdict(), t.summary());
    }

    @Test
    void microsoftTokensStayValidWithoutAnyIssuerOption() {
        Report r = inspector().inspect(Tokens.sign(Tokens.v2Access()), api());
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertEquals("a Microsoft authority", r.step("issuer").orElseThrow().evidence().get("trusted as"));
    }

    @Test
    void lookalikesAreInvalidAndNothingIsFetchedFromThem() {
        String tid = Tokens.TENANT;
        for (String iss : List.of("https://login.microsoftonline.com.evil.example/" + tid + "/v2.0",
                "https://login.microsoftonIine.com/" + tid + "/v2.0",
                "https://login.micros\u043Eftonline.com/" + tid + "/v2.0",
                "https://" + java.net.IDN.toASCII("login.micros\u043Eftonline.com") + "/" + tid + "/v2.0",
                "https://contoso.b2cl0gin.com/" + tid + "/v2.0/",
                "https://issuer.example/" + MS_CORP + "/v2.0")) {
            lookups.clear();
            int before = server.requests.size();
            Report r = inspector().inspect(Tokens.sign(Tokens.v2Access().issuer(iss)), api());
            assertEquals(Verdict.INVALID, r.verdict(), iss + ": " + r.summary());
            assertEquals("lookalike-issuer", r.diagnoses().get(0).id(), iss + ": " + ids(r));
            assertTrue(r.summary().startsWith("Not valid: Look-alike issuer"), r.summary());
            assertEquals(Status.FAIL, r.step("issuer").orElseThrow().status());
            assertTrue(r.step("metadata").orElseThrow().detail().contains("nothing is fetched"), r.step("metadata").orElseThrow().detail());
            assertEquals(List.of(), lookups, iss);
            assertEquals(before, server.requests.size(), iss);
        }
    }

    @Test
    void anIssuerTheApiAcceptsIsNeverCalledALookalike() {
        String iss = "https://issuer.example/" + MS_CORP + "/v2.0";
        server.json(iss + "/.well-known/openid-configuration", "{\"issuer\":\"" + iss + "\",\"jwks_uri\":\"" + OTHER + "keys\"}");
        Report r = inspector().inspect(Tokens.sign(Tokens.v2Access().issuer(iss)), api().withIssuers(List.of(iss)));
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
    }
}
