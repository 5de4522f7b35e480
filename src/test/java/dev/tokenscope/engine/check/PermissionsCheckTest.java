package dev.tokenscope.engine.check;

import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Required scopes (scp) and roles against what the token grants; app-only tokens never carry scopes. */
class PermissionsCheckTest {
    static final Inspector INSPECTOR = new Inspector(TrustResolver.offlineOnly(), Clock.fixed(Tokens.NOW, ZoneOffset.UTC));

    static Report inspect(String token, List<String> scopes, List<String> roles) {
        return INSPECTOR.inspect(token, new ValidationProfile(null, null, null, scopes, roles, null, Tokens.NOW, null, null, true));
    }

    static Step permissions(Report r) {
        return r.step("permissions").orElseThrow();
    }

    static List<String> ids(Report r) {
        return r.diagnoses().stream().map(Diagnosis::id).toList();
    }

    static Diagnosis diagnosis(Report r, String id) {
        return r.diagnoses().stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + ids(r)));
    }

    @Test
    void withoutRequirementsTheGrantsAreListed() {
        Step s = permissions(inspect(Tokens.sign(Tokens.v2Access()), null, null));
        assertEquals(Status.INFO, s.status());
        assertEquals("Grants scopes access_as_user User.Read; give --scope/--role to require some", s.detail());
        assertEquals("access_as_user User.Read", s.evidence().get("scp"));
        assertEquals("(none)", s.evidence().get("roles"));
    }

    @Test
    void requiredScopePresentPasses() {
        Report r = inspect(Tokens.sign(Tokens.v2Access()), List.of("access_as_user"), null);
        assertEquals(Status.PASS, permissions(r).status());
        assertEquals("Has every required scope", permissions(r).detail());
        assertEquals("access_as_user", permissions(r).evidence().get("required scopes"));
    }

    @Test
    void scopesAreMatchedExactlyNotAsSubstrings() {
        Report r = inspect(Tokens.sign(Tokens.v2Access()), List.of("access"), null);
        assertEquals(Status.FAIL, permissions(r).status());
    }

    @Test
    void requiredScopeMissing() {
        Report r = inspect(Tokens.sign(Tokens.v2Access()), List.of("access_as_user", "Orders.Write"), null);
        Step s = permissions(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDW10203", s.idx());
        assertEquals("Missing scope Orders.Write", s.detail());
        assertEquals(List.of("missing-permission"), ids(r));
        Diagnosis d = diagnosis(r, "missing-permission");
        assertEquals("Missing scope Orders.Write", d.summary());
        assertTrue(d.explanation().contains("the token grants scopes access_as_user User.Read"), d.explanation());
        assertTrue(d.fix().contains("api://<api>/Orders.Write"), d.fix());
        assertEquals(Verdict.INVALID, r.verdict());
    }

    @Test
    void appOnlyTokenWhereScopesAreRequired() {
        Report r = inspect(Tokens.sign(Tokens.v2AppOnly()), List.of("access_as_user"), null);
        Step s = permissions(r);
        assertEquals(Status.FAIL, s.status());
        assertTrue(s.detail().endsWith("(an app-only token never has scopes)"), s.detail());
        assertTrue(ids(r).containsAll(List.of("app-only-token", "missing-permission")), ids(r).toString());
        assertTrue(ids(r).indexOf("app-only-token") < ids(r).indexOf("missing-permission"), "the root cause first: " + ids(r));
        assertTrue(diagnosis(r, "missing-permission").explanation().contains("roles Orders.Read.All"));
    }

    @Test
    void appOnlyTokenWithTheRequiredRolePasses() {
        Report r = inspect(Tokens.sign(Tokens.v2AppOnly()), null, List.of("Orders.Read.All"));
        assertEquals(Status.PASS, permissions(r).status());
        assertEquals("Has every required role", permissions(r).detail());
        assertFalse(ids(r).contains("app-only-token"));
    }

    @Test
    void missingRoleIsNotAnAppOnlyProblem() {
        Report r = inspect(Tokens.sign(Tokens.v2AppOnly()), null, List.of("Orders.Write.All", "Admin"));
        Step s = permissions(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("Missing roles Orders.Write.All, Admin", s.detail());
        assertEquals(List.of("missing-permission"), ids(r));
        assertTrue(diagnosis(r, "missing-permission").fix().contains("Assign the app role"));
    }

    @Test
    void delegatedTokenMissingARole() {
        Report r = inspect(Tokens.sign(Tokens.v2Access()), List.of("access_as_user"), List.of("Approver"));
        assertEquals("Missing role Approver", permissions(r).detail());
        assertFalse(ids(r).contains("app-only-token"));
    }

    @Test
    void scopesAndRolesTogether() {
        Report r = inspect(Tokens.sign(Tokens.v2Access().claim("roles", List.of("Approver"))), List.of("access_as_user"),
                List.of("Approver"));
        assertEquals(Status.PASS, permissions(r).status());
        assertEquals("Has every required scope and role", permissions(r).detail());
    }

    @Test
    void singleStringRolesClaimIsRead() {
        Report r = inspect(Tokens.sign(Tokens.v2AppOnly().claim("roles", "Orders.Read.All")), null, List.of("Orders.Read.All"));
        assertEquals(Status.PASS, permissions(r).status());
    }

    @Test
    void scopesAsAnArrayAreNotScopes() {
        // scp must be a space-separated string; an array is not read as scopes.
        Report r = inspect(Tokens.sign(Tokens.v2Access().claim("scp", List.of("access_as_user"))), List.of("access_as_user"), null);
        assertEquals(Status.FAIL, permissions(r).status());
    }

    @Test
    void idTokenCarriesNoPermissions() {
        Step s = permissions(inspect(Tokens.sign(Tokens.v2Id()), null, null));
        assertEquals(Status.INFO, s.status());
        assertEquals("No scopes or roles in the token (ID tokens carry none)", s.detail());
    }

    @Test
    void jweSkips() {
        assertEquals(Status.SKIP, permissions(inspect(Tokens.encrypted(Tokens.v2Access()), List.of("x"), null)).status());
    }
}
