package dev.tokenscope.ui;

import dev.tokenscope.testing.Tokens;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.ProfileStore;
import dev.tokenscope.ui.model.ProfileViewModel;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.tokenscope.ui.UiFixtures.await;
import static dev.tokenscope.ui.UiFixtures.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The start-up trace's first verdict: handed on once, after the banner shows it, for the file the window opened with. */
@ExtendWith(ApplicationExtension.class)
class FirstVerdictTest {
    @TempDir
    static Path tmp;

    MainViewModel model;
    MainWindow.Loaded window;
    final List<String> painted = new CopyOnWriteArrayList<>();
    final List<String> bannerThen = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        Path run = Files.createTempDirectory(tmp, "run");
        model = new MainViewModel(InspectorViewModel.withDefaultExecutor(UiFixtures.withTrustChain(run.resolve("cache"))),
                new ProfileViewModel(new ProfileStore(run.resolve("profiles"))), List::of);
        model.profiles().offlineProperty().set(true);
        window = MainWindow.load(model, 1100, 700);
        stage.setScene(window.scene());
        stage.show();
    }

    @Test
    void theFirstVerdictOfAFileIsReportedOnceWhenTheBannerShowsIt(FxRobot robot) throws Exception {
        Path keys = Files.createTempDirectory(tmp, "keys");
        fx(() -> {
            try {
                model.profiles().apply(UiFixtures.keysProfile(keys, Tokens.API_ID));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Path file = Files.writeString(tmp.resolve("token.jwt"), Tokens.sign(Tokens.v2Access()));
        Label word = robot.lookup("#verdictWord").queryAs(Label.class);
        fx(() -> {
            FirstVerdict.watch(window.scene(), model.inspector(), w -> {
                painted.add(w);
                bannerThen.add(word.getText());
            });
            model.inspector().openFile(file);
        });
        await("first verdict painted", () -> !painted.isEmpty());
        assertEquals(List.of("valid"), painted);
        assertEquals(dev.tokenscope.ui.model.Banner.of(model.inspector().report(), model.inspector().judged()).word(), bannerThen.get(0));

        // Later verdicts are not the first one.
        fx(() -> model.inspector().inspectText(Tokens.sign(Tokens.v2Access().audience("api://other"))));
        await("second inspection", () -> !model.inspector().isBusy() && model.inspector().report() != null
                && model.inspector().report().verdict() == dev.tokenscope.engine.report.Verdict.INVALID);
        Thread.sleep(200);
        assertEquals(List.of("valid"), painted);
    }

    @Test
    void aFileWithoutATokenIsUndetermined() throws Exception {
        Path file = Files.writeString(tmp.resolve("empty.txt"), "nothing that looks like a token");
        fx(() -> {
            FirstVerdict.watch(window.scene(), model.inspector(), painted::add);
            model.inspector().openFile(file);
        });
        await("painted", () -> !painted.isEmpty());
        assertEquals(List.of("undetermined"), painted);
    }
}
