package dev.tokenscope.engine.check;

import dev.tokenscope.engine.profile.ValidationProfile;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.claims.ClaimView;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import static dev.tokenscope.testing.Tokens.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * exp / nbf / iat against the evaluation time with the clock skew. The v2 test token is issued at NOW-10 min, valid from
 * NOW-10 min and expires at NOW+50 min; the evaluation time is moved with the profile's "at".
 */
class LifetimeCheckTest {
    static final Inspector INSPECTOR = new Inspector(TrustResolver.offlineOnly(), Clock.fixed(NOW, ZoneOffset.UTC));
    static final Instant EXP = NOW.plusSeconds(3000);
    static final Instant NBF = NOW.minusSeconds(600);
    static final String TOKEN = Tokens.sign(Tokens.v2Access());

    /** Evaluated "now", with the clock at {@code when} (no chosen time: the step speaks of "now"). */
    static Report at(String token, Instant when) {
        return new Inspector(TrustResolver.offlineOnly(), Clock.fixed(when, ZoneOffset.UTC)).inspect(token, ValidationProfile.defaults());
    }

    static Report withSkew(String token, Instant when, Duration skew) {
        return new Inspector(TrustResolver.offlineOnly(), Clock.fixed(when, ZoneOffset.UTC))
                .inspect(token, new ValidationProfile(null, null, null, null, null, skew, null, null, null, true));
    }

    /** Evaluated at a chosen time (--at): the step says "at <instant>", never "now" (issue 19). */
    @Test
    void aChosenTimeIsNamedNeverNow() {
        Step valid = lifetime(INSPECTOR.inspect(TOKEN, ValidationProfile.defaults().withAt(NOW)));
        assertEquals("Valid at 2026-03-01T12:00:00Z; expires 50 min after 2026-03-01T12:00:00Z (lifetime 1 h)", valid.detail());
        Step expired = lifetime(INSPECTOR.inspect(TOKEN, ValidationProfile.defaults().withAt(EXP.plus(Duration.ofHours(3)))));
        assertEquals(Status.FAIL, expired.status());
        assertTrue(expired.detail().startsWith("Expired 3 h before 2026-03-01T15:50:00Z (at 2026-03-01T12:50:00Z)"), expired.detail());
        Step early = lifetime(INSPECTOR.inspect(TOKEN, ValidationProfile.defaults().withAt(NBF.minus(Duration.ofMinutes(45)))));
        assertTrue(early.detail().startsWith("Not valid until 2026-03-01T11:50:00Z (45 min after 2026-03-01T11:05:00Z)"), early.detail());
        for (Step s : List.of(valid, expired, early)) assertFalse(s.detail().contains("now") || s.detail().contains(" ago"), s.detail());
    }

    static Step lifetime(Report r) {
        return r.step("lifetime").orElseThrow();
    }

    static List<String> ids(Report r) {
        return r.diagnoses().stream().map(d -> d.id()).toList();
    }

    @Test
    void validNow() {
        Report r = at(TOKEN, NOW);
        Step s = lifetime(r);
        assertEquals(Status.PASS, s.status());
        assertEquals("Valid now; expires in 50 min (lifetime 1 h)", s.detail());
        assertEquals("2026-03-01T12:00:00Z", s.evidence().get("evaluated at"));
        assertEquals("5 min", s.evidence().get("clock skew"));
        assertEquals("2026-03-01T12:50:00Z (expires in 50 min)", s.evidence().get("exp"));
        assertNull(s.idx());
        assertEquals("2026-03-01T12:00:00Z", r.evaluatedAt());
    }

    @Test
    void expiredBeyondTheSkew() {
        Report r = at(TOKEN, EXP.plus(Duration.ofHours(3)));
        Step s = lifetime(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX10223", s.idx());
        assertTrue(s.detail().startsWith("Expired 3 h ago (at 2026-03-01T12:50:00Z), beyond the 5 min clock skew"), s.detail());
        assertTrue(ids(r).contains("expired"), ids(r).toString());
        assertEquals("Expired 3 h ago", r.diagnoses().stream().filter(d -> d.id().equals("expired")).findFirst().orElseThrow().summary());
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("Not valid: Expired 3 h ago", r.summary());
        ClaimView exp = r.token().claimAnnotations().stream().filter(c -> c.name().equals("exp")).findFirst().orElseThrow();
        assertEquals("expired 3 h ago", exp.time().relative());
        assertEquals("2026-03-01T12:50:00Z", exp.time().utc());
    }

    @Test
    void expiredWithinTheSkewOnlyWarns() {
        Report r = at(TOKEN, EXP.plusSeconds(120));
        Step s = lifetime(r);
        assertEquals(Status.WARN, s.status());
        assertTrue(s.detail().startsWith("Expired 2 min ago, but within the 5 min clock skew"), s.detail());
        assertFalse(ids(r).contains("expired"));
        assertFalse(r.verdict() == Verdict.INVALID);
    }

    @Test
    void skewBoundaryIsExclusive() {
        assertEquals(Status.WARN, lifetime(at(TOKEN, EXP.plusSeconds(299))).status());
        assertEquals(Status.FAIL, lifetime(at(TOKEN, EXP.plusSeconds(300))).status(), "at exp + skew the token is expired");
        assertEquals(Status.WARN, lifetime(at(TOKEN, EXP)).status(), "at exp itself it is expired, within the skew");
        assertEquals(Status.PASS, lifetime(at(TOKEN, EXP.minusSeconds(1))).status());
    }

    @Test
    void zeroSkewFailsOneSecondAfterExpiry() {
        Report r = withSkew(TOKEN, EXP.plusSeconds(1), Duration.ZERO);
        assertEquals(Status.FAIL, lifetime(r).status());
        assertEquals("0 s", lifetime(r).evidence().get("clock skew"));
        assertTrue(ids(r).contains("expired"));
    }

    @Test
    void largerSkewTolerates() {
        Report r = withSkew(TOKEN, EXP.plus(Duration.ofMinutes(20)), Duration.ofMinutes(30));
        assertEquals(Status.WARN, lifetime(r).status());
        assertEquals("30 min", lifetime(r).evidence().get("clock skew"));
    }

    @Test
    void notYetValidBeyondTheSkew() {
        Report r = at(TOKEN, NBF.minus(Duration.ofMinutes(45)));
        Step s = lifetime(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX10222", s.idx());
        assertTrue(s.detail().startsWith("Not valid until 2026-03-01T11:50:00Z (in 45 min)"), s.detail());
        assertTrue(ids(r).contains("not-yet-valid"), ids(r).toString());
        assertFalse(ids(r).contains("expired"));
        assertEquals(Verdict.INVALID, r.verdict());
    }

    @Test
    void notYetValidWithinTheSkewWarns() {
        Report r = at(TOKEN, NBF.minusSeconds(60));
        Step s = lifetime(r);
        assertEquals(Status.WARN, s.status());
        assertTrue(s.detail().startsWith("nbf is in 1 min: accepted only thanks to the 5 min clock skew"), s.detail());
        assertFalse(ids(r).contains("not-yet-valid"));
    }

    @Test
    void missingExpFails() {
        Report r = at(Tokens.sign(Tokens.v2Access().expirationTime(null)), NOW);
        Step s = lifetime(r);
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX10225", s.idx());
        assertTrue(s.detail().startsWith("No \"exp\" claim"), s.detail());
        assertEquals(Verdict.INVALID, r.verdict());
    }

    @Test
    void expThatIsNotANumberFails() {
        String payload = Tokens.v2Access().build().toString()
                .replace("\"exp\":" + EXP.getEpochSecond(), "\"exp\":\"" + EXP.getEpochSecond() + "\"");
        assertTrue(payload.contains("\"exp\":\""), payload);
        Report r = at(Tokens.raw("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", payload, "c2ln"), NOW);
        assertEquals(Status.FAIL, lifetime(r).status());
        assertEquals("IDX10225", lifetime(r).idx());
        assertTrue(lifetime(r).detail().contains("not a number of seconds since 1970"), lifetime(r).detail());
    }

    @Test
    void expBeyondYear9999IsNotADate() {
        String payload = "{\"aud\":\"x\",\"exp\":99999999999999999999,\"nbf\":1772365800}";
        Report r = at(Tokens.raw("{\"alg\":\"RS256\"}", payload, "c2ln"), NOW);
        assertEquals(Status.FAIL, lifetime(r).status());
        assertEquals("IDX10225", lifetime(r).idx());
    }

    @Test
    void nbfThatIsNotANumberFails() {
        String payload = "{\"aud\":\"x\",\"exp\":" + EXP.getEpochSecond() + ",\"nbf\":[1]}";
        Report r = at(Tokens.raw("{\"alg\":\"RS256\"}", payload, "c2ln"), NOW);
        assertEquals(Status.FAIL, lifetime(r).status());
        assertEquals("IDX10222", lifetime(r).idx());
    }

    @Test
    void fractionalSecondsAreAccepted() {
        String payload = "{\"aud\":\"x\",\"exp\":" + EXP.getEpochSecond() + ".75}";
        assertEquals(Status.PASS, lifetime(at(Tokens.raw("{\"alg\":\"RS256\"}", payload, "c2ln"), NOW)).status());
    }

    @Test
    void issuedInTheFutureWarns() {
        JWTClaimsSet.Builder c = Tokens.v2Access().issueTime(Date.from(NOW.plus(Duration.ofHours(2)))).notBeforeTime(null)
                .expirationTime(Date.from(NOW.plus(Duration.ofHours(3))));
        Step s = lifetime(at(Tokens.sign(c), NOW));
        assertEquals(Status.WARN, s.status());
        assertTrue(s.detail().contains("iat in the future"), s.detail());
    }

    @Test
    void unreadableClaimsSkip() {
        Step s = lifetime(at(Tokens.encrypted(Tokens.v2Access()), NOW));
        assertEquals(Status.SKIP, s.status());
        assertEquals("The claims could not be read.", s.detail());
    }
}
