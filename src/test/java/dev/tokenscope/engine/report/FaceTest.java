package dev.tokenscope.engine.report;

import dev.tokenscope.engine.check.EvaluationConditions;
import dev.tokenscope.engine.check.ValidationProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** One text source, two renderings: the engine's fixes name options; the window's rendering names its fields. */
class FaceTest {
    @Test
    void theCommandLineGetsTheTextAsWritten() {
        String t = "give --tenant to check it";
        assertSame(t, Face.CLI.render(t));
    }

    @Test
    void theWindowGetsItsFieldsAndMenus() {
        assertEquals("Set \"Expected audiences\" in the API profile: your API's client id or App ID URI.",
                Face.GUI.render("--audience <your API's client id or App ID URI>"));
        assertEquals("tid 72f0; set \"Allowed tenants\" in the API profile to check it",
                Face.GUI.render("tid 72f0; give --tenant to check it"));
        assertEquals("roles Reader; set \"Required scopes\" or \"Required roles\" in the API profile to require some",
                Face.GUI.render("roles Reader; give --scope/--role to require some"));
        assertEquals("Check the network to the issuer, or set \"Metadata\" in the API profile.",
                Face.GUI.render("Check the network to the issuer, or give --metadata FILE."));
        assertEquals("Give the metadata: \"Metadata\" in the API profile", Face.GUI.render("Give the metadata: --metadata URL|FILE"));
        assertEquals("or give the documents as files (files in the API profile's \"Metadata\" and \"JWKS key set\" fields).",
                Face.GUI.render("or give the documents as files (--metadata FILE --jwks FILE)."));
        assertEquals("Run once with \"Offline\" unticked in the API profile (the cache keeps the documents)",
                Face.GUI.render("Run once without --offline (the cache keeps the documents)"));
        assertEquals("If the API trusts this issuer, say so: add https://idp.example to \"Trusted issuers\" in the API profile.",
                Face.GUI.render("If the API trusts this issuer, say so: --issuer https://idp.example (or the profile's \"Trusted issuers\")."));
        assertEquals("Synchronise the server's clock (NTP); set \"Evaluate at\" in the API profile if you evaluate at a chosen time.",
                Face.GUI.render("Synchronise the server's clock (NTP); check --at if you evaluate at a chosen time."));
        assertEquals("an unknown --frobnicate stays", Face.GUI.render("an unknown --frobnicate stays"));
    }

    @Test
    void aReportIsRenderedWholeIdsAndEvidenceUnchanged() {
        Step s = Step.of("tenant", "Tenant").status(Status.INFO).detail("give --tenant to check it").evidence("tid", "--tenant").build();
        Diagnosis d = new Diagnosis("x", "give --client", "expl --jwks", "fix --offline");
        Report r = new Report("Tokenscope", "1", "now", Verdict.VALID, "Valid for api://x", null, null, null, List.of(s), List.of(d));
        Report g = Face.GUI.render(r);
        assertEquals("set \"Allowed tenants\" in the API profile to check it", g.steps().get(0).detail());
        assertEquals("--tenant", g.steps().get(0).evidence().get("tid"), "evidence is the token's, never reworded");
        assertEquals("set \"Allowed client apps\" in the API profile", g.diagnoses().get(0).summary());
        assertEquals("fix \"Offline\" in the API profile", g.diagnoses().get(0).fix());
        assertSame(r, Face.CLI.render(r));
    }

    @Test
    void evaluationConditionsNameWhatDiffersFromNowOnlineDiscovered() {
        ValidationProfile usual = ValidationProfile.defaults();
        assertEquals(List.of(), EvaluationConditions.of(usual));
        ValidationProfile at = new ValidationProfile(List.of(), List.of(), List.of(), List.of(), List.of(), Duration.ofMinutes(5),
                Instant.parse("2026-01-01T12:00:00Z"), "/tmp/s/openid-configuration.json", "/tmp/s/keys.json", true);
        assertEquals("Judged at 2026-01-01 12:00 UTC · Offline: keys from keys.json · Metadata from openid-configuration.json",
                EvaluationConditions.line(at));
        ValidationProfile files = new ValidationProfile(List.of(), List.of(), List.of(), List.of(), List.of(), Duration.ofMinutes(5),
                null, null, "https://keys.example/k", false);
        assertEquals("Keys from https://keys.example/k, not discovered", EvaluationConditions.line(files));
        assertEquals("2026-01-01 12:00:07 UTC", EvaluationConditions.time(Instant.parse("2026-01-01T12:00:07Z")));
    }
}
