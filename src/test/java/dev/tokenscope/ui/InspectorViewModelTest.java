package dev.tokenscope.ui;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.testing.Tokens;
import dev.tokenscope.ui.model.InspectorViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.tokenscope.ui.UiFixtures.await;
import static dev.tokenscope.ui.UiFixtures.fx;
import static dev.tokenscope.ui.UiFixtures.fxGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inspector view model without a window: inputs, profile changes, cancel, files, errors. */
class InspectorViewModelTest {
    static final ValidationProfile API = ValidationProfile.defaults().withAudiences(List.of(Tokens.API_ID));

    @TempDir
    Path tmp;

    /** The worker of {@link #serialVm()}: one inspection after another, so a test can wait for a head start. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void toolkit() throws Exception {
        UiFixtures.startToolkit();
    }

    static InspectorViewModel vm(Inspector inspector) {
        return fxGet(() -> InspectorViewModel.withDefaultExecutor(inspector));
    }

    static void idle(InspectorViewModel vm) {
        await("inspection finished", () -> !vm.isBusy() && vm.report() != null);
    }

    static List<String> statuses(Report r) {
        return r.steps().stream().map(s -> s.id() + "=" + s.status()).toList();
    }

    @Test
    void inspectRunsTheEngineOffTheFxThreadAndKeepsHistory() {
        Inspector inspector = UiFixtures.plain();
        InspectorViewModel vm = vm(inspector);
        String token = Tokens.sign(Tokens.v2Access());
        fx(() -> {
            vm.profileProperty().set(API);
            vm.inspectText(token);
            assertTrue(vm.isBusy(), "busy while the task runs");
            assertNotNull(vm.taskProperty().get());
        });
        idle(vm);
        Report expected = inspector.inspect(token, API);
        Report got = vm.report();
        assertEquals(expected.summary(), got.summary());
        assertEquals(statuses(expected), statuses(got));
        assertEquals(InspectorViewModel.MessageKind.INFO, vm.messageKindProperty().get());
        assertTrue(vm.messageProperty().get().contains("A compact token"), vm.messageProperty().get());
        assertEquals(1, vm.history().size());
        assertEquals(token, vm.history().get(0).input());
        assertNull(vm.taskProperty().get());

        fx(vm::inspect); // the same input again: history keeps one entry
        idle(vm);
        await("second run done", () -> vm.history().size() == 1 && !vm.isBusy());
    }

    @Test
    void changingTheProfileReinspectsAtOnce() {
        InspectorViewModel vm = vm(UiFixtures.plain());
        fx(() -> {
            vm.profileProperty().set(API);
            vm.inspectText(Tokens.sign(Tokens.v2Access()));
        });
        idle(vm);
        assertEquals(Status.PASS, vm.report().step("audience").orElseThrow().status());
        Report before = vm.report();
        fx(() -> vm.profileProperty().set(API.withAudiences(List.of("api://some-other-api"))));
        await("re-inspected", () -> vm.report() != before && !vm.isBusy());
        Step aud = vm.report().step("audience").orElseThrow();
        assertEquals(Status.FAIL, aud.status(), aud.detail());
        assertEquals(Verdict.INVALID, vm.report().verdict());
    }

    @Test
    void blankInputSaysSoInPlace() {
        InspectorViewModel vm = vm(UiFixtures.plain());
        fx(() -> vm.inspectText("   "));
        assertNull(vm.report());
        assertFalse(vm.isBusy());
        assertEquals(InspectorViewModel.MessageKind.ERROR, vm.messageKindProperty().get());
        assertTrue(vm.messageProperty().get().startsWith("Nothing to inspect"), vm.messageProperty().get());
    }

    @Test
    void textWithoutATokenGetsTheEnginesMessage() {
        Inspector inspector = UiFixtures.plain();
        InspectorViewModel vm = vm(inspector);
        fx(() -> vm.inspectText("hello, this is not a token"));
        idle(vm);
        String engine = inspector.inspect("hello, this is not a token", ValidationProfile.defaults()).summary();
        assertEquals(engine, vm.report().summary());
        assertEquals(engine, vm.messageProperty().get());
        assertEquals(InspectorViewModel.MessageKind.ERROR, vm.messageKindProperty().get());
    }

    @Test
    void cancelStopsWaitingAndIgnoresTheLateResult() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        InspectorViewModel vm = vm(new Inspector(UiFixtures.blocking(release, entered), UiFixtures.CLOCK));
        fx(() -> vm.inspectText(Tokens.sign(Tokens.v2Access())));
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the inspection reached the trust resolver");
        assertTrue(fxGet(vm::isBusy));
        assertTrue(fxGet(vm::cancel));
        assertFalse(fxGet(vm::isBusy));
        assertEquals("Cancelled.", fxGet(() -> vm.messageProperty().get()));
        release.countDown();
        Thread.sleep(200);
        assertNull(fxGet(vm::report), "a cancelled inspection's result is dropped");
        assertFalse(fxGet(vm::cancel), "nothing left to cancel");
    }

    @Test
    void aNewerInspectionWinsOverAnOlderOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        InspectorViewModel slow = vm(new Inspector(UiFixtures.blocking(release, entered), UiFixtures.CLOCK));
        String first = Tokens.sign(Tokens.v2Access());
        fx(() -> slow.inspectText(first));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        fx(() -> slow.inspectText("still not a token"));
        idle(slow);
        assertNull(slow.report().token());
        release.countDown();
        Thread.sleep(200);
        assertNull(fxGet(slow::report).token(), "the older, slower result must not replace the newer one");
    }

    @Test
    void openFileReadsTheTokenAndReportsProblemsInPlace() throws Exception {
        InspectorViewModel vm = vm(UiFixtures.plain());
        String token = Tokens.sign(Tokens.v2Access());
        Path f = tmp.resolve("token.txt");
        Files.writeString(f, "Authorization: Bearer " + token + "\n");
        fx(() -> vm.openFile(f));
        idle(vm);
        assertEquals("Authorization: Bearer " + token + "\n", vm.inputProperty().get());
        assertNotNull(vm.report().token());

        Path big = tmp.resolve("big.txt");
        Files.write(big, new byte[(1 << 20) + 10]);
        fx(() -> vm.openFile(big));
        await("failed", () -> !vm.isBusy() && vm.messageKindProperty().get() == InspectorViewModel.MessageKind.ERROR);
        assertTrue(vm.messageProperty().get().contains("larger than 1 MiB"), vm.messageProperty().get());
        assertFalse(vm.messageProperty().get().contains("Exception"), vm.messageProperty().get());

        fx(() -> vm.openFile(tmp.resolve("missing.txt")));
        await("failed", () -> !vm.isBusy() && vm.messageProperty().get().contains("no such file"));
    }

    @Test
    void anotherTokenOfTheSameInputCanBeInspected() {
        InspectorViewModel vm = vm(UiFixtures.plain());
        String response = "{\"token_type\":\"Bearer\",\"access_token\":\"" + Tokens.sign(Tokens.v2Access()) + "\",\"id_token\":\""
                + Tokens.sign(Tokens.v2Id()) + "\"}";
        fx(() -> vm.inspectText(response));
        idle(vm);
        Report first = vm.report();
        assertEquals(2, first.input().candidates().size());
        int other = first.input().selected() == 0 ? 1 : 0;
        fx(() -> vm.inspectCandidate(other));
        await("other candidate", () -> vm.report() != first && !vm.isBusy());
        assertEquals(other, vm.report().input().selected());
        org.junit.jupiter.api.Assertions.assertNotEquals(first.token().type(), vm.report().token().type());
    }

    @Test
    void anEngineFailureIsAOneLineMessage() {
        InspectorViewModel vm = vm(new Inspector((t, p) -> {
            throw new IllegalStateException("resolver exploded\n\tat some.Frame");
        }, UiFixtures.CLOCK));
        fx(() -> vm.inspectText(Tokens.sign(Tokens.v2Access())));
        await("failed", () -> !vm.isBusy() && vm.messageKindProperty().get() == InspectorViewModel.MessageKind.ERROR);
        assertEquals("Inspection failed: resolver exploded", vm.messageProperty().get());
    }

    @Test
    void clearEmptiesInputReportAndMessage() {
        InspectorViewModel vm = vm(UiFixtures.plain());
        fx(() -> vm.inspectText(Tokens.sign(Tokens.v2Access())));
        idle(vm);
        fx(vm::clear);
        assertEquals("", vm.inputProperty().get());
        assertNull(vm.report());
        assertEquals(InspectorViewModel.MessageKind.NONE, vm.messageKindProperty().get());
        assertEquals(1, vm.history().size(), "history keeps what was inspected");
    }

    @AfterEach
    void stopWorker() {
        worker.shutdownNow();
    }

    InspectorViewModel serialVm() {
        return fxGet(() -> new InspectorViewModel(UiFixtures.plain(), worker));
    }

    /** Waits until everything given to the worker so far (a head start) has run. */
    void drain() throws Exception {
        worker.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFileBegunBeforeTheWindowServesItsFirstOpen() throws Exception {
        InspectorViewModel vm = serialVm();
        fx(() -> vm.profileProperty().set(API));
        String token = Tokens.sign(Tokens.v2Access());
        Path f = tmp.resolve("token.jwt");
        Files.writeString(f, token);
        vm.beginOpening(f); // the app: on the model's thread, before the window uses the model
        drain();
        Files.delete(f); // only the head start can still know what the file held
        fx(() -> vm.openFile(f));
        idle(vm);
        assertEquals(token, vm.inputProperty().get());
        Report expected = UiFixtures.plain().inspect(token, API);
        assertEquals(expected.summary(), vm.report().summary());
        assertEquals(statuses(expected), statuses(vm.report()));
        assertEquals(1, vm.history().size());

        fx(() -> vm.openFile(f)); // used once: a second open reads the file again
        await("failed", () -> !vm.isBusy() && vm.messageProperty().get().contains("no such file"));
    }

    @Test
    void anotherProfileOrFileIsInspectedAfresh() throws Exception {
        InspectorViewModel vm = serialVm();
        Path f = tmp.resolve("token.txt");
        Files.writeString(f, Tokens.sign(Tokens.v2Access()));
        vm.beginOpening(f); // under the default profile
        drain();
        String now = Tokens.sign(Tokens.v2Id());
        Files.writeString(f, now);
        fx(() -> {
            vm.profileProperty().set(API); // the profile changed before the window opened the file
            vm.openFile(f);
        });
        idle(vm);
        assertEquals(now, vm.inputProperty().get(), "read again, judged under the profile in force");
        assertEquals(UiFixtures.plain().inspect(now, API).summary(), vm.report().summary());

        Path other = tmp.resolve("other.txt");
        Files.writeString(other, "not a token");
        vm.beginOpening(f);
        drain();
        fx(() -> vm.openFile(other));
        idle(vm);
        assertEquals("not a token", vm.inputProperty().get());
    }

    @Test
    void aBegunCaptureOrMissingFileEndsAsOpenFileWouldEndIt() throws Exception {
        InspectorViewModel vm = serialVm();
        List<Path> captures = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx(() -> vm.setHarHandler(captures::add));
        Path har = tmp.resolve("sign-in.har");
        Files.writeString(har, "{\"log\":{\"entries\":[]}}");
        vm.beginOpening(har);
        drain();
        fx(() -> vm.openFile(har));
        await("handed to the HAR list", () -> captures.contains(har) && !vm.isBusy());
        assertNull(vm.report());

        Path missing = tmp.resolve("missing.jwt");
        vm.beginOpening(missing);
        drain();
        fx(() -> vm.openFile(missing));
        await("failed", () -> !vm.isBusy() && vm.messageProperty().get().contains("no such file"));
        assertEquals(InspectorViewModel.MessageKind.ERROR, vm.messageKindProperty().get());
        assertFalse(vm.messageProperty().get().contains("Exception"), vm.messageProperty().get());
    }

    @Test
    void cancellingWhileTheHeadStartRunsLeavesItUnusedAndUnshown() throws Exception {
        InspectorViewModel vm = serialVm();
        CountDownLatch gate = new CountDownLatch(1);
        worker.execute(() -> {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        String token = Tokens.sign(Tokens.v2Access());
        Path f = tmp.resolve("token.txt");
        Files.writeString(f, token);
        vm.beginOpening(f); // queued behind the gate
        fx(() -> {
            vm.openFile(f);
            assertTrue(vm.cancel(), "the open waits for the head start: cancellable");
        });
        gate.countDown();
        drain();
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fxGet(vm::isBusy));
        assertNull(fxGet(vm::report), "a cancelled open shows nothing, even once its head start is done");
        Files.writeString(f, "not a token");
        fx(() -> vm.openFile(f));
        idle(vm);
        assertEquals("not a token", vm.inputProperty().get(), "opened again: the file is read again");
    }
}
