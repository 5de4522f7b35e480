package dev.tokenscope.engine.check;

import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.entra.EntraFacts;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.testing.Tokens;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static dev.tokenscope.testing.Tokens.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tenant (tid) against the allowed tenants; personal Microsoft accounts are named. */
class TenantCheckTest {
    static final Inspector INSPECTOR = new Inspector(TrustResolver.offlineOnly(), Clock.fixed(Tokens.NOW, ZoneOffset.UTC));
    static final String CONSUMER = EntraFacts.CONSUMER_TENANT;

    static Report inspect(String token, String... tenants) {
        return INSPECTOR.inspect(token, new ValidationProfile(null, List.of(tenants), null, null, null, Duration.ofMinutes(5), Tokens.NOW,
                null, null, true));
    }

    static Step tenant(Report r) {
        return r.step("tenant").orElseThrow();
    }

    static List<String> ids(Report r) {
        return r.diagnoses().stream().map(d -> d.id()).toList();
    }

    static JWTClaimsSet.Builder consumerAccessToken() {
        return Tokens.v2Access().issuer("https://login.microsoftonline.com/" + CONSUMER + "/v2.0").claim("tid", CONSUMER)
                .claim("idp", "live.com");
    }

    @Test
    void withoutExpectationsTheTenantIsInformation() {
        Report r = inspect(Tokens.sign(Tokens.v2Access()));
        Step s = tenant(r);
        assertEquals(Status.INFO, s.status());
        assertEquals(TENANT, s.evidence().get("tid"));
        assertEquals("Tenant " + TENANT + "; give --tenant to check it", s.detail());
    }

    @Test
    void consumerTenantIsAPersonalAccount() {
        Report r = inspect(Tokens.sign(consumerAccessToken()));
        Step s = tenant(r);
        assertEquals(Status.WARN, s.status());
        assertTrue(s.detail().contains("a personal Microsoft account"), s.detail());
        assertTrue(s.detail().contains("(consumer tenant of personal Microsoft accounts (MSA))"),
                "the tenant is named from the catalogue: " + s.detail());
        assertEquals(List.of("consumer-account"), ids(r));
        assertFalse(r.verdict() == Verdict.INVALID, "a personal account alone does not make the token invalid");
    }

    @Test
    void consumerTenantGuidIsMatchedCaseInsensitively() {
        Report r = inspect(Tokens.sign(consumerAccessToken().claim("tid", CONSUMER.toUpperCase())));
        assertTrue(ids(r).contains("consumer-account"), ids(r).toString());
    }

    @Test
    void allowedTenantPasses() {
        Report r = inspect(Tokens.sign(Tokens.v2Access()), "11111111-2222-4333-8444-555555555555", TENANT.toUpperCase());
        Step s = tenant(r);
        assertEquals(Status.PASS, s.status());
        assertEquals("tid " + TENANT + " is an allowed tenant", s.detail());
        assertEquals("11111111-2222-4333-8444-555555555555, " + TENANT.toUpperCase(), s.evidence().get("expected"));
    }

    @Test
    void otherTenantIsWrongTenant() {
        Report r = inspect(Tokens.sign(Tokens.v2Access()), "11111111-2222-4333-8444-555555555555");
        Step s = tenant(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX40001", s.idx());
        assertEquals(List.of("wrong-tenant"), ids(r));
        assertEquals(Verdict.INVALID, r.verdict());
    }

    @Test
    void personalAccountAtASingleTenantApiIsBothWrongTenantAndConsumer() {
        Report r = inspect(Tokens.sign(consumerAccessToken()), TENANT);
        assertEquals(Status.FAIL, tenant(r).status());
        assertTrue(ids(r).containsAll(List.of("wrong-tenant", "consumer-account")), ids(r).toString());
        assertTrue(ids(r).indexOf("wrong-tenant") < ids(r).indexOf("consumer-account"), "the failure is the top cause: " + ids(r));
        String explanation = r.diagnoses().stream().filter(d -> d.id().equals("wrong-tenant")).findFirst().orElseThrow().explanation();
        assertTrue(explanation.contains("(a personal Microsoft account)"), explanation);
    }

    @Test
    void missingTidIsInformationWithoutExpectationsAndAFailureWithThem() {
        String token = Tokens.sign(Tokens.v2Access().claim("tid", null));
        assertEquals(Status.INFO, tenant(inspect(token)).status());
        assertEquals("(missing)", tenant(inspect(token)).evidence().get("tid"));
        Report r = inspect(token, TENANT);
        assertEquals(Status.FAIL, tenant(r).status());
        assertTrue(tenant(r).detail().startsWith("tid (missing)"), tenant(r).detail());
    }

    @Test
    void jweSkips() {
        assertEquals(Status.SKIP, tenant(inspect(Tokens.encrypted(Tokens.v2Access()), TENANT)).status());
    }
}
