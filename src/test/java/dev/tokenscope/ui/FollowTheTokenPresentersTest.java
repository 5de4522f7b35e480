package dev.tokenscope.ui;

import dev.tokenscope.engine.net.FetchException;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.signin.SignInException;
import dev.tokenscope.ui.model.Banner;
import dev.tokenscope.ui.model.ExportPreferences;
import dev.tokenscope.ui.model.JudgedAgainst;
import dev.tokenscope.ui.model.ProfileViewModel;
import dev.tokenscope.ui.model.signin.SignInAdvice;
import dev.tokenscope.ui.model.StepFocus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The presenters behind "the screen follows the token" and "the banner names what it was judged against", without a screen. */
class FollowTheTokenPresentersTest {
    static Step step(String id, Status s) {
        return Step.of(id, id).status(s).build();
    }

    static Report report(Verdict v, String summary, List<Step> steps, List<Diagnosis> ds) {
        return new Report("Tokenscope", "1", "2026-03-01T12:00:00Z", v, summary, null, null, null, steps, ds);
    }

    @Test
    void theFirstFailingStepOpensElseTheFirstWarning() {
        Report r = report(Verdict.INVALID, "Not valid: x", List.of(step("format", Status.PASS), step("issuer", Status.WARN),
                step("audience", Status.FAIL), step("lifetime", Status.FAIL)), List.of());
        assertEquals(Optional.of("audience"), StepFocus.first(r));
        Report w = report(Verdict.VALID, "Valid with warnings for x", List.of(step("format", Status.PASS), step("issuer", Status.WARN)),
                List.of());
        assertEquals(Optional.of("issuer"), StepFocus.first(w));
        assertEquals(Optional.empty(),
                StepFocus.first(report(Verdict.VALID, "Valid for x", List.of(step("format", Status.PASS)), List.of())));
    }

    @Test
    void aDiagnosisAndTheBannerPointAtTheirStep() {
        Report r = report(Verdict.INVALID, "Not valid: expired", List.of(step("audience", Status.FAIL), step("lifetime", Status.FAIL)),
                List.of(new Diagnosis("expired", "Expired", null, null), new Diagnosis("wrong-audience", "aud", null, null)));
        assertEquals(Optional.of("lifetime"), StepFocus.of(r, "expired"));
        assertEquals(Optional.of("audience"), StepFocus.of(r, "wrong-audience"));
        assertEquals(Optional.of("lifetime"), StepFocus.ofBanner(r), "the top diagnosis' step");
        assertEquals(Optional.of("audience"), StepFocus.of(r, "unknown-id"), "else the first failing step");
    }

    @Test
    void theBannerNamesTheProfileButNotTheUnsavedDefault() {
        Report valid = report(Verdict.VALID, "Valid for api://orders", List.of(step("signature", Status.PASS)), List.of());
        JudgedAgainst orders = new JudgedAgainst("Orders API (prod)", List.of(), null);
        assertEquals("Valid for Orders API (prod): aud api://orders", Banner.of(valid, orders).text());
        Report invalid = report(Verdict.INVALID, "Not valid: Token expired", List.of(), List.of());
        assertEquals("Not valid for Orders API (prod): Token expired", Banner.of(invalid, orders).text());
        JudgedAgainst unsaved = new JudgedAgainst(ProfileViewModel.UNSAVED, List.of(), null);
        assertEquals("Valid for api://orders", Banner.of(valid, unsaved).text());
        assertEquals("Profile: Default (not saved)", unsaved.line());
        assertFalse(unsaved.unusual());
        JudgedAgainst at = new JudgedAgainst("Orders", List.of("Judged at 2026-01-01 12:00 UTC"), "Token 3 of c.har: Authorization header of GET https://x → HTTP 401");
        assertTrue(at.unusual());
        assertEquals(List.of("From Token 3 of c.har: Authorization header of GET https://x → HTTP 401",
                "Judged against the API profile Orders: Judged at 2026-01-01 12:00 UTC"), at.exportNotes());
    }

    @Test
    void signInAdviceFollowsTheCause() {
        SignInException dns = new SignInException(SignInException.Kind.DISCOVERY, "could not fetch",
                new FetchException(FetchException.Kind.DNS, "https://login.microsoftonline.com/x", "unknown host"));
        assertTrue(SignInAdvice.hint(dns).startsWith("Check the network or proxy"), SignInAdvice.hint(dns));
        SignInException refused = new SignInException(SignInException.Kind.NETWORK, "refused",
                new FetchException(FetchException.Kind.REFUSED, "https://login.microsoftonline.com/x", "connection refused"));
        assertTrue(SignInAdvice.hint(refused).startsWith("Check the network or proxy"));
        SignInException notFound = new SignInException(SignInException.Kind.DISCOVERY, "HTTP 404");
        assertTrue(SignInAdvice.hint(notFound).startsWith("Check the authority"), SignInAdvice.hint(notFound));
    }

    @Test
    void personalClaimsAreMaskedUnlessIncludedForThatProfile(@TempDir Path dir) {
        Path file = dir.resolve("export-preferences");
        ExportPreferences p = new ExportPreferences(file);
        assertFalse(p.includePersonal("Orders"));
        p.setIncludePersonal("Orders", true);
        ExportPreferences again = new ExportPreferences(file);
        assertTrue(again.includePersonal("Orders"), "remembered per profile");
        assertFalse(again.includePersonal("Other"));
    }
}
