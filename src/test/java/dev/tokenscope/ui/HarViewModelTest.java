package dev.tokenscope.ui;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.har.HarAnalysis;
import dev.tokenscope.engine.har.HarRow;
import dev.tokenscope.engine.har.HarScanner;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.testing.Hars;
import dev.tokenscope.testing.Tokens;
import dev.tokenscope.ui.model.HarFiles;
import dev.tokenscope.ui.model.HarListRow;
import dev.tokenscope.ui.model.HarViewModel;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.ProfileData;
import dev.tokenscope.ui.model.ProfileStore;
import dev.tokenscope.ui.model.ProfileViewModel;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.tokenscope.ui.UiFixtures.await;
import static dev.tokenscope.ui.UiFixtures.fx;
import static dev.tokenscope.ui.UiFixtures.fxGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HAR list without a window: a capture built with the engine's Hars helper, each token with its verdict; picking a row; cancel; big
 * files.
 */
class HarViewModelTest {
    static final String LOGIN = "https://login.microsoftonline.com/" + Tokens.TENANT;

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        UiFixtures.startToolkit();
    }

    /** The tokens of {@link #capture()}: a valid access token (seen 3 times), an ID token, an expired and a wrong-audience access token. */
    record Capture(String har, String access, String id, String expired, String otherAudience) {
    }

    static Capture capture() {
        String access = Tokens.sign(Tokens.v2Access());
        String id = Tokens.sign(Tokens.v2Id());
        String expired = Tokens.sign(Tokens.v2Access().claim("uti", "expired").issueTime(Date.from(Tokens.NOW.minusSeconds(4 * 3600)))
                .notBeforeTime(Date.from(Tokens.NOW.minusSeconds(4 * 3600))).expirationTime(Date.from(Tokens.NOW.minusSeconds(3 * 3600))));
        String other = Tokens.sign(Tokens.v2Access().claim("uti", "other").audience("api://someone-else"));
        String har = new Hars()
                .page("2026-03-01T11:59:59.000Z", "https://app.contoso.example/main.js", "application/javascript", "var x = 1;")
                .tokenResponse("2026-03-01T12:00:01.000Z", LOGIN + "/oauth2/v2.0/token",
                        "{\"token_type\":\"Bearer\",\"access_token\":\"" + access + "\",\"id_token\":\"" + id + "\"}", false)
                .bearer("2026-03-01T12:00:02.000Z", "https://api.contoso.example/orders", access)
                .bearer("2026-03-01T12:00:03.000Z", "https://api.contoso.example/orders/7", access)
                .bearer("2026-03-01T12:00:04.000Z", "https://api.contoso.example/legacy", expired)
                .redirect("2026-03-01T12:00:05.000Z", LOGIN + "/oauth2/v2.0/authorize?client_id=abc&response_type=token",
                        "https://app.contoso.example/#access_token=" + other + "&token_type=Bearer&state=s")
                .json();
        return new Capture(har, access, id, expired, other);
    }

    Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    static HarViewModel harVm(Inspector inspector, ValidationProfile profile) {
        return fxGet(() -> new HarViewModel(inspector, Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "har-test");
            t.setDaemon(true);
            return t;
        }), new SimpleObjectProperty<>(profile), ZoneOffset.UTC));
    }

    static void idle(HarViewModel vm) {
        await("HAR list finished", () -> !vm.isBusy() && vm.fileProperty().get() != null);
    }

    @Test
    void everyTokenOfTheCaptureIsListedWithTheEnginesVerdict() throws Exception {
        Capture c = capture();
        Path har = write("capture.har", c.har());
        ProfileData keys = UiFixtures.keysProfile(Files.createDirectories(tmp.resolve("keys")), Tokens.API_ID);
        ValidationProfile profile = UiFixtures.validation(keys);
        Inspector inspector = UiFixtures.withTrustChain(tmp.resolve("cache"));
        HarViewModel vm = harVm(inspector, profile);
        fx(() -> {
            vm.open(har);
            assertTrue(vm.isBusy(), "reading off the FX thread");
        });
        idle(vm);
        List<HarListRow> rows = fxGet(() -> List.copyOf(vm.rows()));

        // The same rows as the CLI's scan (HarScanner + HarAnalysis) in the same order, with the same verdicts.
        List<HarRow> expected = HarAnalysis.analyse(new HarScanner().scan(har), inspector, profile);
        assertEquals(4, expected.size());
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            HarRow want = expected.get(i);
            HarListRow got = rows.get(i);
            assertEquals(i + 1, got.number());
            assertEquals(want.verdict(), got.row().verdict(), "row " + (i + 1));
            assertEquals(want.summary(), got.row().summary(), "row " + (i + 1));
            assertEquals(want.finding().where(), got.row().finding().where());
        }
        HarListRow valid = rows.get(0);
        assertEquals(Verdict.VALID, valid.row().verdict());
        assertEquals("VALID", valid.verdict());
        assertEquals("status-pass", valid.styleClass());
        assertEquals("token response (access_token) · seen 3×", valid.where());
        assertEquals("POST " + LOGIN + "/oauth2/v2.0/token", valid.request());
        assertEquals("2026-03-01 12:00:01", valid.time());
        assertEquals(Tokens.API_ID, valid.audience());
        assertEquals("expires in 50 min", valid.expires());

        // Sorting by the verdict column: valid first, then not valid in the list's order (not alphabetically).
        List<HarListRow> bySeverity = new java.util.ArrayList<>(rows);
        java.util.Collections.reverse(bySeverity);
        bySeverity.sort(HarListRow.BY_SEVERITY);
        assertEquals(List.of(1, 2, 3, 4), bySeverity.stream().map(HarListRow::number).toList());
        assertEquals(0, valid.severity());

        HarListRow id = rows.get(1);
        assertEquals("token response (id_token)", id.where());
        assertEquals(Verdict.INVALID, id.row().verdict());
        assertEquals("NOT VALID", id.verdict());
        assertEquals(Status.FAIL, id.status());
        // Judged as an ID token for the client of the token request (client_id=abc in its form body): not its audience.
        assertEquals(dev.tokenscope.engine.har.HarRow.JudgedAs.ID_TOKEN_FOR_CLIENT, id.row().judgedAs());
        assertEquals("abc", id.row().judgedFor());
        assertEquals("wrong-audience", id.row().diagnosis());
        assertEquals(Tokens.CLIENT_ID, id.audience());

        HarListRow expired = rows.get(2);
        assertEquals("Authorization header", expired.where());
        assertEquals("GET https://api.contoso.example/legacy", expired.request());
        assertEquals("expired", expired.row().diagnosis());
        assertEquals("expired 3 h ago", expired.expires());
        assertEquals("status-fail", expired.styleClass());

        HarListRow other = rows.get(3);
        assertTrue(other.where().startsWith("Location") || other.where().startsWith("redirect"), other.where());
        assertTrue(other.where().contains("fragment (access_token)"), other.where());
        assertEquals("wrong-audience", other.row().diagnosis());
        assertEquals("api://someone-else", other.audience());
        assertFalse(other.request().contains(c.otherAudience()), "token values are never shown");
        for (HarListRow r : rows) assertFalse(r.details().contains(".eyJ"), "no token text in the details");

        String status = vm.statusProperty().get();
        assertTrue(status.startsWith("capture.har: 6 entries, 4 distinct tokens (7 occurrences) · 1 valid · 3 not valid · 1 body not read"),
                status);
        // The capture's story, bound for the label above the table: the same paragraph as the CLI's.
        String story = fxGet(() -> vm.storyProperty().get());
        assertEquals(dev.tokenscope.engine.har.HarStory.tell(new HarScanner().scan(har), expected), story);
        assertTrue(story.startsWith("The app (client abc) redeemed an authorization code at login.microsoftonline.com (with PKCE) for a "
                + "token for "
                + Tokens.API_ID + " and an ID token, then called GET https://api.contoso.example/orders"), story);
        assertTrue(story.contains("(not valid: expired) → 200"), story);
        assertFalse(story.contains("eyJ"), "no token value in the story");
        assertEquals(InspectorViewModel.MessageKind.INFO, vm.statusKindProperty().get());
    }

    @Test
    void pickingARowInspectsThatTokenInTheMainWindow() throws Exception {
        Capture c = capture();
        Path har = write("capture.har", c.har());
        ProfileData keys = UiFixtures.keysProfile(Files.createDirectories(tmp.resolve("keys")), Tokens.API_ID);
        Inspector inspector = UiFixtures.withTrustChain(tmp.resolve("cache"));
        AtomicInteger shown = new AtomicInteger();
        MainViewModel model = fxGet(() -> {
            MainViewModel m = new MainViewModel(InspectorViewModel.withDefaultExecutor(inspector),
                    new ProfileViewModel(new ProfileStore(tmp.resolve("profiles"))), List.of());
            m.profiles().apply(keys);
            m.setOnHarOpened(shown::incrementAndGet);
            return m;
        });
        // File ▸ Open and drops go through the inspector, which recognises the capture and hands it to the HAR list.
        fx(() -> model.inspector().openFile(har));
        await("HAR opened", () -> har.equals(model.har().fileProperty().get()) && !model.har().isBusy() && model.har().rows().size() == 4);
        assertEquals(1, shown.get());
        assertNull(fxGet(() -> model.inspector().report()), "the capture itself is not inspected as a token");
        assertTrue(fxGet(() -> model.inspector().messageProperty().get()).contains("as a HAR capture"));

        HarListRow expiredRow = fxGet(() -> model.har().rows().get(2));
        fx(() -> model.har().inspect(expiredRow));
        await("inspected", () -> !model.inspector().isBusy() && model.inspector().report() != null);
        Report expected = inspector.inspect(c.expired(), UiFixtures.validation(keys));
        Report got = fxGet(() -> model.inspector().report());
        assertEquals(expected.summary(), got.summary());
        assertEquals(expected.steps().stream().map(s -> s.id() + "=" + s.status()).toList(), got.steps().stream()
                .map(s -> s.id() + "=" + s.status()).toList());
        assertEquals(expiredRow.row().summary(), got.summary(), "the list and the main window agree");
        assertEquals(c.expired(), fxGet(() -> model.inspector().inputProperty().get()));
        String message = fxGet(() -> model.inspector().messageProperty().get());
        assertTrue(message.startsWith("Token 3 of capture.har: Authorization header of GET https://api.contoso.example/legacy"), message);

        HarListRow validRow = fxGet(() -> model.har().rows().get(0));
        fx(() -> model.har().inspect(validRow));
        await("inspected again", () -> !model.inspector().isBusy() && c.access().equals(model.inspector().inputProperty().get())
                && model.inspector().report() != null && model.inspector().report().verdict() == Verdict.VALID);
    }

    @Test
    void aProfileChangeChecksTheListAgain() throws Exception {
        Capture c = capture();
        Path har = write("capture.har", c.har());
        ProfileData keys = UiFixtures.keysProfile(Files.createDirectories(tmp.resolve("keys")), Tokens.API_ID);
        SimpleObjectProperty<ValidationProfile> profile = new SimpleObjectProperty<>(UiFixtures.validation(keys));
        HarViewModel vm = fxGet(() -> new HarViewModel(UiFixtures.withTrustChain(tmp.resolve("cache")), Executors.newSingleThreadExecutor(),
                profile, ZoneOffset.UTC));
        fx(() -> vm.open(har));
        await("listed", () -> !vm.isBusy() && vm.rows().size() == 4);
        assertEquals(Verdict.VALID, fxGet(() -> vm.rows().get(0).row().verdict()));
        fx(() -> profile.set(profile.get().withAudiences(List.of("api://someone-else"))));
        await("re-checked", () -> !vm.isBusy() && vm.rows().size() == 4 && vm.rows().get(0).row().verdict() == Verdict.INVALID);
        assertEquals(Verdict.VALID, fxGet(() -> vm.rows().get(3).row().verdict()), "now the other audience's token is the valid one");
    }

    @Test
    void harIsRecognisedByExtensionOrContent() throws Exception {
        Capture c = capture();
        assertTrue(HarFiles.isHar(write("a.HAR", "whatever")));
        assertTrue(HarFiles.isHar(write("capture.json", c.har())));
        assertTrue(HarFiles.isHar(write("bom.txt", "\uFEFF  {\n \"log\" : {}}")));
        assertFalse(HarFiles.isHar(write("token.txt", c.access())));
        assertFalse(HarFiles.isHar(write("response.json", "{\"access_token\":\"" + c.access() + "\",\"log\":1}")));
        assertFalse(HarFiles.isHar(tmp));

        // A token file still goes to the inspector, not to the HAR list.
        Inspector inspector = UiFixtures.plain();
        MainViewModel model = fxGet(() -> new MainViewModel(InspectorViewModel.withDefaultExecutor(inspector),
                new ProfileViewModel(new ProfileStore(tmp.resolve("profiles"))), List.of()));
        Path token = write("token2.txt", c.access());
        fx(() -> model.inspector().openFile(token));
        await("inspected", () -> !model.inspector().isBusy() && model.inspector().report() != null);
        assertNull(fxGet(() -> model.har().fileProperty().get()));
        assertEquals(c.access(), fxGet(() -> model.inspector().inputProperty().get()));
    }

    @Test
    void aFileThatIsNotAHarOrHoldsNoTokenSaysSoInPlace() throws Exception {
        HarViewModel vm = harVm(UiFixtures.plain(), ValidationProfile.defaults());
        Path broken = write("broken.har", "hello, no JSON here");
        fx(() -> vm.open(broken));
        idle(vm);
        assertEquals(InspectorViewModel.MessageKind.ERROR, vm.statusKindProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("broken.har: not a HAR capture"), vm.statusProperty().get());
        assertTrue(vm.rows().isEmpty());

        Path empty = write("empty.har", new Hars().page("2026-03-01T12:00:00.000Z", "https://app.contoso.example/", "text/html", "<p>hi</p>").json());
        fx(() -> vm.open(empty));
        idle(vm);
        assertEquals(InspectorViewModel.MessageKind.ERROR, vm.statusKindProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("No token found in the 1 entry of empty.har"), vm.statusProperty().get());
    }

    @Test
    void cancelStopsCheckingAndKeepsTheWindowResponsive() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        Inspector slow = new Inspector(UiFixtures.blocking(release, entered), UiFixtures.CLOCK);
        HarViewModel vm = harVm(slow, ValidationProfile.defaults());
        Path har = write("capture.har", capture().har());
        try {
            fx(() -> vm.open(har));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            assertTrue(fxGet(vm::isBusy));
            assertTrue(fxGet(() -> vm.statusProperty().get()).startsWith("Checking token 1 of 4"), fxGet(() -> vm.statusProperty().get()));
            assertTrue(UiFixtures.fxLatencyMillis() < 1000);
            assertTrue(fxGet(vm::cancel));
            assertFalse(fxGet(vm::isBusy));
            assertEquals("Cancelled: 0 tokens checked so far.", fxGet(() -> vm.statusProperty().get()));
        } finally {
            release.countDown();
        }
        Thread.sleep(200);
        assertTrue(fxGet(() -> vm.rows().isEmpty()), "a cancelled run adds no rows");
        assertFalse(fxGet(vm::cancel), "nothing left to cancel");
    }

    /**
     * A 50 MB capture (large page bodies the scanner skips) with one token at the end: the FX thread stays responsive and progress moves.
     */
    @Test
    void aFiftyMegabyteCaptureDoesNotFreezeTheFxThread() throws Exception {
        String access = Tokens.sign(Tokens.v2Access());
        Path har = tmp.resolve("big.har");
        String filler = "<p>" + "x".repeat(512 * 1024 - 7) + "</p>";
        try (BufferedWriter w = Files.newBufferedWriter(har, StandardCharsets.UTF_8)) {
            w.write("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"WebInspector\",\"version\":\"537.36\"},\"entries\":[");
            for (int i = 0; i < 100; i++) {
                w.write("{\"startedDateTime\":\"2026-03-01T12:00:00.000Z\",\"request\":{\"method\":\"GET\",\"url\":\"https://app.contoso.example/page/" + i
                        + "\",\"headers\":[]},\"response\":{\"status\":200,\"headers\":[],\"content\":{\"size\":" + filler.length()
                        + ",\"mimeType\":\"text/html\",\"text\":\"" + filler + "\"}}},");
            }
            w.write("{\"startedDateTime\":\"2026-03-01T12:00:09.000Z\",\"request\":{\"method\":\"GET\",\"url\":\"https://api.contoso.example/orders\","
                    + "\"headers\":[{\"name\":\"Authorization\",\"value\":\"Bearer " + access
                    + "\"}]},\"response\":{\"status\":200,\"headers\":[]}}]}}");
        }
        assertTrue(Files.size(har) > 50L * 1024 * 1024, "size " + Files.size(har));
        HarViewModel vm = harVm(UiFixtures.plain(), ValidationProfile.defaults().withAudiences(List.of(Tokens.API_ID)));
        AtomicReference<Double> maxProgress = new AtomicReference<>(0.0);
        fx(() -> vm.progressProperty().addListener((obs, o, n) -> maxProgress.accumulateAndGet(n.doubleValue(), Math::max)));
        fx(() -> vm.open(har));
        long worst = 0;
        while (fxGet(vm::isBusy)) {
            worst = Math.max(worst, UiFixtures.fxLatencyMillis());
            Thread.sleep(5);
        }
        assertTrue(worst < 1000, "FX thread latency while reading 50 MB: " + worst + " ms");
        assertTrue(maxProgress.get() > 0.5, "progress moved: " + maxProgress.get());
        assertEquals(1, fxGet(() -> vm.rows().size()), fxGet(() -> vm.statusProperty().get()));
        assertEquals("GET https://api.contoso.example/orders", fxGet(() -> vm.rows().get(0).request()));
        assertTrue(fxGet(() -> vm.statusProperty().get()).contains("101 entries"), fxGet(() -> vm.statusProperty().get()));
    }
}
