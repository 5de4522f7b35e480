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
 * valid, Graph token, expired, ID token, malformed input, the valid sample in the dark theme, the signing key, diagnoses and
 * raw tabs, the "Verify it in your server" tab (snippets.png) and the HAR window over a capture of the samples (har.png).
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
            window.set(MainWindow.show(stage, m)); // sized to the screen as the app does: 1366×768 under scripts/screenshots.sh
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
        shoot(out, "snippets", m, w, mm -> {
            mm.loadSample(sample(mm, "01-"));
            w.controller().tabs().getSelectionModel().select(w.controller().snippetsTab());
        }, null);
        shoot(out, "12-api-evidence", m, w, mm -> {
            // The customer's appsettings.json and the 401 their API answered, joined with the ID token they sent.
            SampleCatalog.Sample s = sample(mm, "03-");
            mm.loadSample(s);
            mm.profiles().importConfig("appsettings.json", "{\n  \"AzureAd\": {\n    \"Instance\": \"https://login.microsoftonline.com/\",\n"
                    + "    \"TenantId\": \"72f0c3a1-5b7e-4c1d-9a8b-2e3f4a5b6c7d\",\n    \"ClientId\": "
                    + "\"6e74172b-be56-4843-9ff4-e66a39bb12e3\",\n"
                    + "    \"Scopes\": \"access_as_user\"\n  }\n}\n");
            mm.profiles().metadataProperty().set(s.profile().metadata());
            mm.profiles().jwksProperty().set(s.profile().jwks());
            mm.profiles().evaluateAtProperty().set(s.profile().evaluateAt() == null ? "" : s.profile().evaluateAt());
            mm.profiles().offlineProperty().set(true);
            mm.inspector().serverResponseProperty().set("HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\", "
                    + "error_description=\"The audience '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d' is invalid\"\n");
            w.controller().tabs().getSelectionModel().select(w.controller().serverTab());
        }, "audience");
        shoot(out, "13-judged-at", m, w, mm -> {
            // A time chosen in the profile: the banner says so next to the verdict, and the lifetime step opens.
            mm.loadSample(sample(mm, "01-"));
            mm.profiles().evaluateAtProperty().set("2100-01-01T12:00:00Z");
            w.controller().tabs().getSelectionModel().select(0);
        }, null);
        shootHar(out, m, w);
        Platform.exit();
        System.exit(0);
    }

    /** The HAR window over a capture made of the bundled samples (a temporary file, deleted afterwards). */
    private static void shootHar(Path dir, MainViewModel m, MainWindow.Loaded w) throws Exception {
        Path tmp = Files.createTempDirectory("tokenscope-screenshot");
        Path har = tmp.resolve("contoso-orders-sign-in.har");
        try {
            Files.writeString(har, sampleCapture(m), java.nio.charset.StandardCharsets.UTF_8);
            onFx(() -> {
                m.loadSample(sample(m, "01-"));
                m.inspector().openFile(har); // leaves the sample (its profile applies to it only) …
                m.profiles().applyTransient(sample(m, "01-").profile()); // … so the capture is judged with the sample keys, by name
            });
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                AtomicReference<Boolean> done = new AtomicReference<>(false);
                onFx(() -> done.set(w.controller().harWindow() != null && !m.har().isBusy() && !m.har().rows().isEmpty()));
                if (done.get()) break;
                Thread.sleep(50);
            }
            HarWindow.Loaded hw = w.controller().harWindow();
            onFx(() -> {
                hw.stage().setX(0);
                hw.stage().setY(0);
                hw.controller().table().getSelectionModel().select(1);
                hw.controller().table().requestFocus();
            });
            Thread.sleep(400);
            AtomicReference<WritableImage> img = new AtomicReference<>();
            onFx(() -> img.set(hw.scene().snapshot(null)));
            write(img.get(), dir.resolve("har.png"));
            System.out.println("wrote " + dir.resolve("har.png"));
            onFx(() -> hw.stage().hide());
        } finally {
            Files.deleteIfExists(har);
            Files.deleteIfExists(tmp);
        }
    }

    /** A small Chromium-like capture: a sign-in, API calls with the sample tokens, an implicit-flow redirect. */
    private static String sampleCapture(MainViewModel m) {
        String valid = sample(m, "01-").token(), expired = sample(m, "02-").token();
        String id = sample(m, "03-").token(), graph = sample(m, "04-").token();
        var root = dev.tokenscope.engine.json.Json.MAPPER.createObjectNode();
        var log = root.putObject("log");
        log.put("version", "1.2");
        log.putObject("creator").put("name", "WebInspector").put("version", "537.36");
        var entries = log.putArray("entries");
        String login = "https://login.microsoftonline.com/72f0c3a1-5b7e-4c1d-9a8b-2e3f4a5b6c7d/oauth2/v2.0";
        java.util.function.BiFunction<String, String, com.fasterxml.jackson.databind.node.ObjectNode> entry = (time, url) -> {
            var e = entries.addObject();
            e.put("startedDateTime", time);
            var req = e.putObject("request");
            req.put("method", url.endsWith("/token") ? "POST" : "GET").put("url", url);
            req.putArray("headers");
            var res = e.putObject("response");
            res.put("status", 200);
            res.putArray("headers");
            res.putObject("content").put("size", 0).put("mimeType", "application/json");
            return e;
        };
        var tokenResponse = entry.apply("2026-03-01T09:14:02.118Z", login + "/token");
        String body = "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"" + valid + "\",\"id_token\":\"" + id + "\"}";
        ((com.fasterxml.jackson.databind.node.ObjectNode) tokenResponse.get("response").get("content")).put("size", body.length())
                .put("text", body);
        String[][] calls = {
                {"2026-03-01T09:14:02.530Z", "https://api.contoso.example/orders?top=20", valid},
                {"2026-03-01T09:14:03.004Z", "https://api.contoso.example/orders/1042", valid},
                {"2026-03-01T09:14:05.771Z", "https://api.contoso.example/profile", id},
                {"2026-03-01T09:14:07.240Z", "https://api.contoso.example/reports/monthly", graph},
                {"2026-03-01T09:15:41.906Z", "https://api.contoso.example/orders?top=20", expired}};
        for (String[] c : calls) {
            var e = entry.apply(c[0], c[1]);
            ((com.fasterxml.jackson.databind.node.ArrayNode) e.get("request").get("headers")).addObject().put("name", "authorization")
                    .put("value", "Bearer " + c[2]);
        }
        return dev.tokenscope.engine.json.Json.pretty(root);
    }

    private static SampleCatalog.Sample sample(MainViewModel m, String prefix) {
        return m.samples().stream().filter(s -> s.name().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no sample " + prefix + "* (bundled samples missing?)"));
    }

    private static void shoot(Path dir, String name, MainViewModel m, MainWindow.Loaded w, Consumer<MainViewModel> action,
            String expandStep)
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

    /** Writes a snapshot as PNG (also used by the sign-in screenshots in the tests). */
    static void write(WritableImage image, Path file) throws IOException {
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

    /** Runs {@code r} on the FX thread and waits for it (30 s at most), rethrowing what it threw. */
    static void onFx(Runnable r) throws Exception {
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
