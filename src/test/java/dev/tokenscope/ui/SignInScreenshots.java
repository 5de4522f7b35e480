package dev.tokenscope.ui;

import dev.tokenscope.ui.signin.SignInWindow;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.signin.SignInClient;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.ProfileStore;
import dev.tokenscope.ui.model.ProfileViewModel;
import dev.tokenscope.ui.model.SampleCatalog;
import dev.tokenscope.ui.model.signin.SignInProfileStore;
import dev.tokenscope.ui.model.signin.SignInViewModel;
import dev.tokenscope.engine.signin.Grant;
import dev.tokenscope.ui.model.signin.SignInRunModel.Phase;
import javafx.application.Platform;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Renders the sign-in window's states against the tests' loopback provider into PNGs, for a look under Xvfb:
 * {@code xvfb-run -a -s "-screen 0 1400x900x24" java -cp target/classes:target/test-classes:$(cat cp.txt)
 * dev.tokenscope.ui.SignInScreenshots OUTPUT_DIR} ({@code -Dshots.root=true} also captures the whole X screen with
 * ImageMagick's {@code import -window root}). Not a test (no assertions); a developer's tool.
 */
public final class SignInScreenshots {
    private SignInScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/signin-screenshots");
        Files.createDirectories(out);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        FakeSignInServer server = new FakeSignInServer();
        Path run = Files.createTempDirectory("tokenscope-signin-shots");
        AtomicReference<MainViewModel> model = new AtomicReference<>();
        AtomicReference<MainWindow.Loaded> main = new AtomicReference<>();
        AtomicReference<SignInWindow.Loaded> win = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean consent = new java.util.concurrent.atomic.AtomicBoolean(false);
        dev.tokenscope.engine.signin.BrowserLauncher consenting = server.browser();
        dev.tokenscope.engine.signin.BrowserLauncher browser = u -> {
            if (consent.get()) consenting.open(u);
        };
        onFx(() -> {
            MainViewModel m = new MainViewModel(InspectorViewModel.withDefaultExecutor(UiFixtures.withTrustChain(run.resolve("cache"))),
                    new ProfileViewModel(new ProfileStore(run.resolve("profiles"))), SampleCatalog.load(null));
            m.profiles().offlineProperty().set(true);
            m.setSignInFactory(() -> new SignInViewModel(m.inspector()::inspectText, () -> new SignInClient(Http.standard()), browser,
                    Executors.newCachedThreadPool(r -> {
                        Thread t = new Thread(r);
                        t.setDaemon(true);
                        return t;
                    }), new SignInProfileStore(run.resolve("signin-profiles")), Clock.systemUTC()));
            model.set(m);
            Stage stage = new Stage();
            main.set(MainWindow.show(stage, m));
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1400);
            stage.setHeight(900);
            SignInWindow.Loaded w = SignInWindow.create(m.signIn(), stage);
            win.set(w);
            SignInWindow.show(w);
            w.stage().setX(170);
            w.stage().setY(80);
        });
        MainViewModel m = model.get();
        SignInViewModel vm = m.signIn();
        SignInWindow.Loaded w = win.get();
        onFx(() -> {
            vm.form().authorityProperty().set("contoso.onmicrosoft.com");
            vm.form().clientIdProperty().set("11111111-2222-3333-4444-555555555555");
            vm.form().scopesProperty().set("api://orders-api/access_as_user");
        });
        shoot(w, out, "s1-form");

        onFx(() -> {
            vm.form().authorityProperty().set(server.authority());
            vm.signIn();
        });
        waitFor(() -> vm.run().phase() == Phase.BROWSER);
        shoot(w, out, "s1b-browser-waiting");
        onFx(() -> vm.run().cancel());
        consent.set(true);

        onFx(() -> {
            vm.form().authorityProperty().set(server.authority());
            vm.form().grantProperty().set(Grant.DEVICE_CODE);
            vm.signIn();
        });
        waitFor(() -> vm.run().deviceCode().deviceCodeProperty().get() != null);
        Thread.sleep(1500);
        shoot(w, out, "s2-device-code");
        onFx(() -> {
            m.darkProperty().set(true);
        });
        shoot(w, out, "s3-device-code-dark");
        onFx(() -> vm.run().cancel());
        shoot(w, out, "s4-cancelled-dark");
        onFx(() -> m.darkProperty().set(false));

        server.script("client_credentials", FakeSignInServer.appNotFound());
        onFx(() -> {
            vm.form().grantProperty().set(Grant.CLIENT_CREDENTIALS);
            vm.form().scopesProperty().set("api://orders-api/.default");
            vm.form().clientSecretProperty().set("not-a-real-secret");
            vm.signIn();
        });
        waitFor(() -> vm.run().phase() == Phase.FAILED);
        shoot(w, out, "s5-oauth-error");

        server.script("device_code", FakeSignInServer.pending(), server.delegated(server.accessToken));
        onFx(() -> {
            vm.form().grantProperty().set(Grant.DEVICE_CODE);
            vm.form().scopesProperty().set(FakeSignInServer.API_SCOPE + " User.Read");
            vm.signIn();
        });
        waitFor(() -> vm.run().phase() == Phase.SUCCEEDED);
        Thread.sleep(800);
        shoot(w, out, "s6-signed-in");
        onFx(() -> vm.form().grantProperty().set(Grant.CLIENT_CREDENTIALS));
        shoot(w, out, "s7-client-credentials-form");
        onFx(() -> ((Stage) main.get().scene().getWindow()).toFront());
        Thread.sleep(300);
        shootMain(main.get(), out, "s8-inspector-after-sign-in");
        server.close();
        Platform.exit();
        System.exit(0);
    }

    private static void waitFor(BooleanSupplier c) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            AtomicReference<Boolean> ok = new AtomicReference<>(false);
            onFx(() -> ok.set(c.getAsBoolean()));
            if (ok.get()) return;
            Thread.sleep(50);
        }
        throw new IllegalStateException("timed out");
    }

    private static void shoot(SignInWindow.Loaded w, Path dir, String name) throws Exception {
        Thread.sleep(400);
        if (Boolean.getBoolean("shots.root")) {
            // The whole X screen as a user sees it (both windows), with ImageMagick's import.
            Path root = dir.resolve("root-" + name + ".png");
            new ProcessBuilder("import", "-window", "root", root.toString()).inheritIO().start().waitFor();
        }
        AtomicReference<WritableImage> img = new AtomicReference<>();
        onFx(() -> img.set(w.scene().snapshot(null)));
        write(img.get(), dir.resolve(name + ".png"));
        System.out.println("wrote " + dir.resolve(name + ".png"));
    }

    private static void shootMain(MainWindow.Loaded w, Path dir, String name) throws Exception {
        Thread.sleep(400);
        AtomicReference<WritableImage> img = new AtomicReference<>();
        onFx(() -> img.set(w.scene().snapshot(null)));
        write(img.get(), dir.resolve(name + ".png"));
        System.out.println("wrote " + dir.resolve(name + ".png"));
    }

    private static void write(WritableImage image, Path file) throws Exception {
        Screenshots.write(image, file);
    }

    private static void onFx(Runnable r) throws Exception {
        Screenshots.onFx(r);
    }
}
