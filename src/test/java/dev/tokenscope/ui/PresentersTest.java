package dev.tokenscope.ui;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.claims.ClaimView;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.testing.Tokens;
import dev.tokenscope.ui.model.Banner;
import dev.tokenscope.ui.model.ClaimRow;
import dev.tokenscope.ui.model.JsonHighlighter;
import dev.tokenscope.ui.model.KeyPresenter;
import dev.tokenscope.ui.model.shared.Lists;
import dev.tokenscope.ui.model.SampleCatalog;
import dev.tokenscope.ui.model.StepPresenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain-Java presenters behind the views: banner, steps, claims, key, raw JSON, samples. No screen. */
class PresentersTest {
    static final ValidationProfile API = ValidationProfile.defaults().withAudiences(List.of(Tokens.API_ID));

    @TempDir
    Path tmp;

    @Test
    void bannerFollowsTheVerdictAndUsesTheEnginesSummary() throws Exception {
        assertEquals(Banner.Kind.NONE, Banner.of(null).kind());
        Inspector plain = UiFixtures.plain();
        Report undetermined = plain.inspect(Tokens.sign(Tokens.v2Access()), API);
        Banner b = Banner.of(undetermined);
        assertEquals(Banner.Kind.UNDETERMINED, b.kind());
        assertTrue(b.text().startsWith("Could not finish: "), b.text());
        assertEquals("verdict-undetermined", b.styleClass());

        Report invalid = plain.inspect(Tokens.sign(Tokens.v2Access()), API.withAudiences(List.of("api://other")));
        assertEquals(Banner.Kind.INVALID, Banner.of(invalid).kind());
        assertEquals(invalid.summary(), Banner.of(invalid).text());
        assertTrue(Banner.of(invalid).text().startsWith("Not valid: "));
        assertEquals("NOT VALID", Banner.of(invalid).word());

        Path keys = Files.createDirectories(tmp.resolve("keys"));
        var profile = UiFixtures.validation(UiFixtures.keysProfile(keys, Tokens.API_ID));
        Report valid = UiFixtures.withTrustChain(tmp.resolve("cache")).inspect(Tokens.sign(Tokens.v2Access()), profile);
        assertEquals(Banner.Kind.VALID, Banner.of(valid).kind(), valid.summary());
        assertEquals("Valid for " + Tokens.API_ID, Banner.of(valid).text());
        assertEquals("verdict-valid", Banner.of(valid).styleClass());
    }

    @Test
    void everyStatusHasAWordAnIconAndAStyleClass() {
        for (Status s : Status.values()) {
            assertEquals("status-" + s.name().toLowerCase(), StepPresenter.styleClass(s));
            assertEquals(s.name(), StepPresenter.word(s));
            assertTrue(StepPresenter.icon(s).startsWith("mdi2"));
        }
        Step step = new Step("lifetime", Status.FAIL, "Lifetime", "Expired 3 h ago", Map.of("exp", "2026-01-01T10:00:00Z"),
                "Acquire a new token", "IDX10223");
        String text = StepPresenter.copyText(step);
        assertTrue(text.contains("FAIL  Lifetime [lifetime]"));
        assertTrue(text.contains("exp: 2026-01-01T10:00:00Z"));
        assertTrue(text.contains("Fix: Acquire a new token"));
        assertTrue(text.contains("IDX10223"));
    }

    @Test
    void claimRowsCarryMeaningTimeAndPii() {
        Report r = UiFixtures.plain().inspect(Tokens.sign(Tokens.v2Access()), API);
        Map<String, ClaimRow> rows = r.token().claimAnnotations().stream().map(ClaimRow::of)
                .collect(Collectors.toMap(ClaimRow::name, x -> x));
        ClaimRow exp = rows.get("exp");
        assertTrue(exp.meaning().contains("expires in 50 min"), exp.meaning());
        assertTrue(exp.details().contains("(UTC)"), exp.details());
        assertTrue(rows.get("name").pii());
        assertFalse(rows.get("tid").pii());
        assertTrue(rows.get("name").matches("PII"));
        assertTrue(rows.get("tid").matches("TENANT"));
        assertFalse(rows.get("tid").matches("scope"));
        ClaimView unknown = new ClaimView("x_custom", com.fasterxml.jackson.databind.node.TextNode.valueOf("v"), null, "not in catalogue",
                null, false, false, null, null);
        assertEquals("Not in catalogue", ClaimRow.of(unknown).meaning());
    }

    @Test
    void keyPresenterExplainsAMissingKey() {
        Report r = UiFixtures.plain().inspect(Tokens.sign(Tokens.v2Access()), API);
        String why = KeyPresenter.placeholder(r);
        assertTrue(why.startsWith("No signing key to show."), why);
        assertTrue(why.contains("no metadata or keys were given"), why);
        assertTrue(KeyPresenter.placeholder(null).contains("Inspect a token"));
    }

    @Test
    void keyPresenterListsTheMatchedKey() throws Exception {
        Path keys = Files.createDirectories(tmp.resolve("keys"));
        var profile = UiFixtures.validation(UiFixtures.keysProfile(keys, Tokens.API_ID));
        Report r = UiFixtures.withTrustChain(tmp.resolve("cache")).inspect(Tokens.sign(Tokens.v2Access()), profile);
        assertNotNull(r.key());
        List<KeyPresenter.Field> f = KeyPresenter.fields(r.key());
        assertEquals(new KeyPresenter.Field("Key ID (kid)", "test-kid-1"), f.get(0));
        assertTrue(KeyPresenter.copyText(r.key()).contains("* test-kid-1"));
    }

    @Test
    void jsonHighlightingKeepsTheTextAndClassifiesTokens() {
        String json = "{\n  \"aud\" : \"api://x\",\n  \"exp\" : 17,\n  \"ok\" : true,\n  \"e\" : \"a\\\"b\"\n}";
        List<JsonHighlighter.Segment> seg = JsonHighlighter.segments(json);
        assertEquals(json, seg.stream().map(JsonHighlighter.Segment::text).collect(Collectors.joining()));
        assertTrue(seg.contains(new JsonHighlighter.Segment("\"aud\"", "json-key")));
        assertTrue(seg.contains(new JsonHighlighter.Segment("\"api://x\"", "json-string")));
        assertTrue(seg.contains(new JsonHighlighter.Segment("17", "json-number")));
        assertTrue(seg.contains(new JsonHighlighter.Segment("true", "json-literal")));
        assertTrue(seg.contains(new JsonHighlighter.Segment("\"a\\\"b\"", "json-string")));
    }

    @Test
    void listsSplitOnCommasAndSpaces() {
        assertEquals(List.of("a", "b", "c"), Lists.split(" a, b  c,,a "));
        assertEquals(List.of(), Lists.split("  "));
        assertEquals("a, b", Lists.join(List.of("a", "b")));
    }

    @Test
    void bundledSamplesAreFoundWithTheirProfiles() {
        List<SampleCatalog.Sample> samples = SampleCatalog.load(null);
        assertFalse(samples.isEmpty(), "bundled samples on the classpath");
        for (SampleCatalog.Sample s : samples) {
            assertFalse(s.token().isBlank());
            assertEquals("Sample: " + s.name(), s.profile().name());
        }
        SampleCatalog.Sample valid = samples.stream().filter(s -> s.name().startsWith("01-")).findFirst().orElseThrow();
        assertTrue(valid.profile().offline());
        assertTrue(valid.profile().metadata().startsWith("classpath:"), valid.profile().metadata());
    }

    @Test
    void aSamplesFolderAddsItsTxtFilesAndIgnoresTheRest() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("assets").resolve("samples"));
        Files.writeString(dir.resolve("zz-mine.txt"), Tokens.sign(Tokens.v2Access()) + "\n");
        Files.writeString(dir.resolve("zz-mine.profile.json"), "{\"audiences\":[\"" + Tokens.API_ID
                + "\"],\"metadata\":\"meta.json\",\"unknown\":1}");
        Files.writeString(dir.resolve("zz-empty.txt"), "  ");
        Files.writeString(dir.resolve("README.md"), "not a sample");
        Files.writeString(dir.resolve("keys.json"), "{}");
        List<SampleCatalog.Sample> all = SampleCatalog.load(tmp);
        SampleCatalog.Sample mine = all.stream().filter(s -> s.name().equals("zz-mine")).findFirst().orElseThrow();
        assertEquals(List.of(Tokens.API_ID), mine.profile().audiences());
        assertEquals(dir.resolve("meta.json").toString(), mine.profile().metadata());
        assertTrue(mine.profile().offline());
        assertTrue(all.stream().noneMatch(s -> s.name().equals("zz-empty") || s.name().equals("README") || s.name().equals("keys")));
        assertTrue(SampleCatalog.load(tmp.resolve("nowhere")).size() >= 0, "a missing folder is no error");
    }
}
