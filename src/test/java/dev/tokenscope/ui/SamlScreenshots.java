package dev.tokenscope.ui;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.saml.SamlFixtures;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.ProfileData;
import dev.tokenscope.ui.model.ProfileStore;
import dev.tokenscope.ui.model.ProfileViewModel;
import dev.tokenscope.ui.model.SampleCatalog;
import javafx.application.Platform;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Renders 14-saml.png: the tests' signed Entra-shaped SAML response pasted, judged against its federation metadata file
 * (offline), the Header tab with the XML. Under Xvfb at 1366×768:
 * {@code xvfb-run -a -s "-screen 0 1366x768x24" java -Dprism.order=sw -cp target/classes:target/test-classes:$(cat cp.txt)
 * dev.tokenscope.ui.SamlScreenshots assets/screenshots}. Not a test (no assertions); a developer's tool.
 */
public final class SamlScreenshots {
    private SamlScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/saml-screenshots");
        Files.createDirectories(out);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Path run = Files.createTempDirectory("tokenscope-saml-shots");
        Path md = run.resolve("federationmetadata.xml");
        Files.writeString(md, SamlFixtures.metadata(SamlFixtures.ENTRA), StandardCharsets.UTF_8);
        Clock clock = Clock.fixed(SamlFixtures.NOW, ZoneOffset.UTC);
        AtomicReference<MainViewModel> model = new AtomicReference<>();
        AtomicReference<MainWindow.Loaded> win = new AtomicReference<>();
        Screenshots.onFx(() -> {
            Inspector inspector =
                    new Inspector(new OnlineTrustResolver(new DocumentStore(Http.standard(), run.resolve("cache"), clock), clock), clock);
            MainViewModel m = new MainViewModel(InspectorViewModel.withDefaultExecutor(inspector),
                    new ProfileViewModel(new ProfileStore(run.resolve("profiles"))), SampleCatalog.load(null));
            m.profiles().apply(new ProfileData("Contoso expenses (SAML)", List.of(SamlFixtures.AUDIENCE), null, null, null, null, 300, null,
                    md.toString(), null, true));
            model.set(m);
            win.set(MainWindow.show(new Stage(), m));
            m.inspector().inspectText(SamlFixtures.base64(SamlFixtures.response()));
        });
        MainViewModel m = model.get();
        MainWindow.Loaded w = win.get();
        for (int i = 0; i < 400; i++) {
            AtomicBoolean done = new AtomicBoolean();
            Screenshots.onFx(() -> done.set(!m.inspector().isBusy() && m.inspector().report() != null
                    && !w.controller().header().xmlLines().getChildren().isEmpty()));
            if (done.get()) break;
            Thread.sleep(50);
        }
        Screenshots.onFx(() -> {
            m.profilePanelProperty().set(false); // the tab wide enough to read the XML
            w.controller().showHeader();
            var sig = w.controller().header().xmlLines().getChildren().stream().filter(n -> n.getStyleClass().contains("xml-signature"))
                    .findFirst();
            sig.ifPresent(n -> n.getParent().layout());
        });
        Thread.sleep(300);
        Screenshots.onFx(() -> { // the signature block at the top of the XML view
            HeaderController h = w.controller().header();
            h.xmlLines().getChildren().stream().filter(n -> n.getStyleClass().contains("xml-signature")).findFirst().ifPresent(n -> {
                double range = h.xmlLines().getHeight() - h.xmlScroll().getViewportBounds().getHeight();
                if (range > 0) h.xmlScroll().setVvalue(Math.min(1, (n.getBoundsInParent().getMinY() - 20) / range));
            });
        });
        Thread.sleep(300);
        AtomicReference<WritableImage> img = new AtomicReference<>();
        Screenshots.onFx(() -> img.set(w.scene().snapshot(null)));
        Screenshots.write(img.get(), out.resolve("14-saml.png"));
        System.out.println("wrote " + out.resolve("14-saml.png"));
        Platform.exit();
        System.exit(0);
    }
}
