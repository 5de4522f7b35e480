package dev.tokenscope.ui;

import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.SampleCatalog;
import javafx.application.Platform;
import javafx.scene.control.TitledPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Renders the window's main states into PNG files (scripts/screenshots.sh runs it under Xvfb):
 * valid, Graph token, expired, ID token, malformed input, and the valid sample in the dark theme.
 * Usage: {@code java -cp target/tokenscope.jar dev.tokenscope.ui.Screenshots OUTPUT_DIR}
 */
public final class Screenshots {
    private static final String MALFORMED = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJhdWQiOiJhcGk6Ly94In0%%.c2ln";

    private Screenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "assets/screenshots");
        Files.createDirectories(out);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        AtomicReference<MainViewModel> model = new AtomicReference<>();
        AtomicReference<MainWindow.Loaded> window = new AtomicReference<>();
        onFx(() -> {
            MainViewModel m = MainWindow.defaultModel();
            model.set(m);
            Stage stage = new Stage();
            window.set(MainWindow.show(stage, m));
            stage.setWidth(1400);
            stage.setHeight(900);
        });
        MainViewModel m = model.get();
        shoot(out, "01-valid", m, window.get(), mm -> mm.loadSample(sample(mm, "01-")), null);
        shoot(out, "02-graph-token", m, window.get(), mm -> mm.loadSample(sample(mm, "04-")), "signature");
        shoot(out, "03-expired", m, window.get(), mm -> mm.loadSample(sample(mm, "02-")), "lifetime");
        shoot(out, "04-id-token", m, window.get(), mm -> mm.loadSample(sample(mm, "03-")), null);
        shoot(out, "05-malformed", m, window.get(), mm -> {
            mm.profiles().select(dev.tokenscope.ui.model.ProfileViewModel.UNSAVED);
            mm.inspector().inspectText(MALFORMED);
        }, "format");
        shoot(out, "06-dark-valid", m, window.get(), mm -> {
            mm.darkProperty().set(true);
            mm.loadSample(sample(mm, "01-"));
        }, "audience");
        MainWindow.Loaded w = window.get();
        shoot(out, "07-signing-key", m, w, mm -> {
            mm.darkProperty().set(false);
            mm.loadSample(sample(mm, "01-"));
            w.controller().tabs().getSelectionModel().select(2);
        }, null);
        shoot(out, "08-diagnoses", m, w, mm -> {
            mm.loadSample(sample(mm, "04-"));
            w.controller().tabs().getSelectionModel().select(4);
        }, null);
        shoot(out, "09-raw", m, w, mm -> {
            mm.loadSample(sample(mm, "03-"));
            w.controller().tabs().getSelectionModel().select(3);
        }, null);
        Platform.exit();
        System.exit(0);
    }

    private static SampleCatalog.Sample sample(MainViewModel m, String prefix) {
        return m.samples().stream().filter(s -> s.name().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no sample " + prefix + "* (bundled samples missing?)"));
    }

    private static void shoot(Path dir, String name, MainViewModel m, MainWindow.Loaded w, Consumer<MainViewModel> action, String expandStep)
            throws Exception {
        onFx(() -> action.accept(m));
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            AtomicReference<Boolean> done = new AtomicReference<>(false);
            onFx(() -> done.set(!m.inspector().isBusy() && m.inspector().report() != null));
            if (done.get()) break;
            Thread.sleep(50);
        }
        onFx(() -> {
            if (expandStep != null) {
                var node = w.scene().lookup("#step-" + expandStep);
                if (node instanceof TitledPane tp) tp.setExpanded(true);
            }
        });
        Thread.sleep(400);
        AtomicReference<WritableImage> img = new AtomicReference<>();
        onFx(() -> img.set(w.scene().snapshot(null)));
        write(img.get(), dir.resolve(name + ".png"));
        System.out.println("wrote " + dir.resolve(name + ".png"));
        onFx(() -> {
            if (expandStep != null) {
                var node = w.scene().lookup("#step-" + expandStep);
                if (node instanceof TitledPane tp) tp.setExpanded(false);
            }
        });
    }

    private static void write(WritableImage image, Path file) throws IOException {
        int w = (int) image.getWidth(), h = (int) image.getHeight();
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader r = image.getPixelReader();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            b.setRGB(0, y, w, 1, row, 0, w);
        }
        ImageIO.write(b, "png", file.toFile());
    }

    private static void onFx(Runnable r) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> err = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                r.run();
            } catch (Throwable t) {
                err.set(t);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the FX thread did not answer");
        if (err.get() != null) throw new IllegalStateException(err.get());
    }

}
