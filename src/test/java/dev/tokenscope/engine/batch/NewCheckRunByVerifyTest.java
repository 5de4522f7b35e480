package dev.tokenscope.engine.batch;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.check.Check;
import dev.tokenscope.engine.check.CheckContext;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.pipeline.Pipeline;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rule added to the pipeline is run by {@code verify} as by {@code inspect}, with nothing in {@code engine/batch}
 * knowing about it: declared (a claim check the batch keys on what it reads) or not (a check of no declared stage,
 * which the batch runs for every token).
 */
class NewCheckRunByVerifyTest {
    @TempDir
    Path dir;

    /** Refuses tokens whose "department" claim is "sales"; declares that it reads that claim. */
    static final class DeclaredDepartmentCheck implements Check {
        @Override public String id() { return "department"; }
        @Override public Stage stage() { return Stage.CLAIMS; }
        @Override public Reads reads() { return new Reads(Set.of("department"), false); }
        @Override public Step run(CheckContext ctx) {
            return verdict(ctx, id());
        }
    }

    /** The same rule with no declaration at all (an extension written without knowing about the batch). */
    static class UndeclaredDepartmentCheck implements Check {
        @Override public String id() { return "department-undeclared"; }
        @Override public Step run(CheckContext ctx) {
            return verdict(ctx, id());
        }
    }

    static Step verdict(CheckContext ctx, String id) {
        boolean sales = "sales".equals(ctx.facts().str("department"));
        if (sales) ctx.diagnose(new Diagnosis("department-refused", "The sales department may not call this API", null, null));
        return Step.of(id, "Department").status(sales ? Status.FAIL : Status.PASS).detail(sales ? "sales" : "allowed").build();
    }

    ValidationProfile profile() throws Exception {
        Path jwks = Files.writeString(dir.resolve("keys.json"), Tokens.publicSet(Tokens.RSA, Tokens.RSA_OTHER).toString());
        Path meta = Files.writeString(dir.resolve("openid-configuration.json"),
                "{\"issuer\":\"https://login.microsoftonline.com/{tenantid}/v2.0\",\"jwks_uri\":\"" + jwks.toUri() + "\"}");
        return new ValidationProfile(List.of(API_ID), null, null, null, null, Duration.ofMinutes(5), NOW, meta.toString(), jwks.toString(),
                true);
    }

    static OnlineTrustResolver resolver() {
        return new OnlineTrustResolver(new DocumentStore(null, null, Clock.systemUTC()), Clock.systemUTC());
    }

    void runWith(Check extra) throws Exception {
        Pipeline pipeline = Pipeline.standard().with(extra);
        ValidationProfile p = profile();
        String sales = Tokens.sign(Tokens.v2Access().claim("department", "sales"));
        String engineering = Tokens.sign(Tokens.v2Access().claim("department", "engineering"));
        String engineering2 = Tokens.sign(Tokens.v2Access().claim("department", "engineering").claim("name", "Someone Else"));
        Inspector inspector = new Inspector(resolver(), Clock.fixed(NOW, ZoneOffset.UTC), pipeline);
        Report r = inspector.inspect(sales, p);
        assertEquals(Verdict.INVALID, r.verdict(), "inspect runs the new check");
        try (BatchVerifier v = new BatchVerifier(resolver(), p, Clock.fixed(NOW, ZoneOffset.UTC), 1, 100, pipeline)) {
            assertEquals(Verdict.VALID, v.verify(engineering).verdict(), v.verify(engineering).message());
            assertEquals(Verdict.VALID, v.verify(engineering2).verdict());
            BatchResult refused = v.verify(sales);
            assertEquals(Verdict.INVALID, refused.verdict(), "verify runs it too: " + refused.message());
            assertEquals("department-refused", refused.diagnosis());
            assertEquals(r.summary(), refused.message());
            // and with the standard pipeline the same token is valid: it was the new rule that refused it
            try (BatchVerifier standard = new BatchVerifier(resolver(), p, Clock.fixed(NOW, ZoneOffset.UTC), 1, 100)) {
                assertEquals(Verdict.VALID, standard.verify(sales).verdict());
            }
            assertTrue(v.fastPathCount() + v.fullPathCount() > 0);
        }
    }

    @Test
    void aDeclaredClaimCheckIsRunAndStillLetsTheFastPathWork() throws Exception {
        runWith(new DeclaredDepartmentCheck());
    }

    @Test
    void anUndeclaredCheckIsRunForEveryToken() throws Exception {
        runWith(new UndeclaredDepartmentCheck());
    }

    @Test
    void theFastPathIsUsedWithADeclaredCheckAndEveryTokenOfAnUndeclaredClaimCheckGoesTheWholeWay() throws Exception {
        ValidationProfile p = profile();
        String engineering = Tokens.sign(Tokens.v2Access().claim("department", "engineering"));
        try (BatchVerifier v = new BatchVerifier(resolver(), p, Clock.fixed(NOW, ZoneOffset.UTC), 1, 0,
                Pipeline.standard().with(new DeclaredDepartmentCheck()))) {
            v.verify(engineering);
            assertEquals(1, v.fastPathCount(), "a declared check keeps the fast path");
        }
        Check undeclaredClaims = new UndeclaredDepartmentCheck() {
            @Override public Stage stage() { return Stage.CLAIMS; }
        };
        try (BatchVerifier v = new BatchVerifier(resolver(), p, Clock.fixed(NOW, ZoneOffset.UTC), 1, 0,
                Pipeline.standard().with(undeclaredClaims))) {
            assertEquals(Verdict.VALID, v.verify(engineering).verdict());
            assertEquals(0, v.fastPathCount(), "a claim check that can't be keyed: the Inspector's whole way");
            assertEquals(1, v.fullPathCount());
        }
    }
}
