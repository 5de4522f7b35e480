package dev.tokenscope.engine.check;

import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static dev.tokenscope.testing.Tokens.CLIENT_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calling application: azp (v2) or appid (v1), its authentication method, and the allowed clients. */
class ClientCheckTest {
    static final Inspector INSPECTOR = new Inspector(TrustResolver.offlineOnly(), Clock.fixed(Tokens.NOW, ZoneOffset.UTC));
    static final String AZURE_CLI = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

    static Step client(String token, String... allowed) {
        Report r = INSPECTOR.inspect(token, new ValidationProfile(null, null, List.of(allowed), null, null, Duration.ofMinutes(5),
                Tokens.NOW, null, null, true));
        return r.step("client").orElseThrow();
    }

    @Test
    void v2ClientWithoutExpectations() {
        Step s = client(Tokens.sign(Tokens.v2Access()));
        assertEquals(Status.INFO, s.status());
        assertEquals(CLIENT_ID, s.evidence().get("azp"));
        assertEquals("0 (public client, no secret)", s.evidence().get("client authentication"));
        assertEquals("Requested by client app " + CLIENT_ID + "; give --client to restrict the callers", s.detail());
    }

    @Test
    void v1ClientIsReadFromAppidWithCertificateAuthentication() {
        Step s = client(Tokens.sign(Tokens.v1Access().claim("appidacr", "2")));
        assertEquals(CLIENT_ID, s.evidence().get("appid"));
        assertEquals("2 (certificate)", s.evidence().get("client authentication"));
    }

    @Test
    void clientSecretAuthentication() {
        Step s = client(Tokens.sign(Tokens.v2AppOnly()));
        assertEquals("1 (client secret)", s.evidence().get("client authentication"));
    }

    @Test
    void wellKnownMicrosoftClientIsNamed() {
        Step s = client(Tokens.sign(Tokens.v2Access().claim("azp", AZURE_CLI)));
        assertTrue(s.detail().contains(AZURE_CLI + " (Azure CLI)"), s.detail());
    }

    @Test
    void allowedClientPasses() {
        Step s = client(Tokens.sign(Tokens.v2Access()), CLIENT_ID.toUpperCase());
        assertEquals(Status.PASS, s.status());
        assertEquals("azp " + CLIENT_ID + " is an allowed client", s.detail());
    }

    @Test
    void otherClientFails() {
        String token = Tokens.sign(Tokens.v2Access().claim("azp", AZURE_CLI));
        Report r = INSPECTOR.inspect(token,
                new ValidationProfile(null, null, List.of(CLIENT_ID), null, null, null, Tokens.NOW, null, null, true));
        Step s = r.step("client").orElseThrow();
        assertEquals(Status.FAIL, s.status());
        assertTrue(s.detail().startsWith("The token was requested by " + AZURE_CLI + " (Azure CLI), not an allowed client ("
                + CLIENT_ID + ")"), s.detail());
        assertEquals(Verdict.INVALID, r.verdict());
    }

    @Test
    void unnamedClient() {
        String token = Tokens.sign(Tokens.v2Access().claim("azp", null).claim("azpacr", null));
        Step open = client(token);
        assertEquals(Status.INFO, open.status());
        assertEquals("(missing)", open.evidence().get("appid"));
        assertNull(open.evidence().get("client authentication"));
        Step restricted = client(token, CLIENT_ID);
        assertEquals(Status.FAIL, restricted.status());
        assertTrue(restricted.detail().contains("an unnamed app"), restricted.detail());
    }

    @Test
    void opaqueTokenSkips() {
        assertEquals(Status.SKIP, client(Tokens.opaque(80), CLIENT_ID).status());
    }
}
