package dev.tokenscope.ui;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.saml.SamlFixtures;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.MainViewModel;
import dev.tokenscope.ui.model.ProfileData;
import dev.tokenscope.ui.model.ProfileStore;
import dev.tokenscope.ui.model.ProfileViewModel;
import dev.tokenscope.ui.model.SampleCatalog;
import dev.tokenscope.ui.model.SnippetViewModel;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import static dev.tokenscope.ui.UiFixtures.await;
import static dev.tokenscope.ui.UiFixtures.fx;
import static dev.tokenscope.ui.UiFixtures.fxGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SAML response pasted into the window (issue 17 "Faces") at 1366×768: judged against the app's federation metadata
 * file (offline), the Header tab shows its XML with the signature highlighted, the Signing key tab the certificate, and
 * the "Verify in server" tab says its JWT code is not for SAML.
 */
@ExtendWith(ApplicationExtension.class)
class SamlWindowTest {
    @TempDir
    static Path tmp;

    MainViewModel model;
    MainWindow.Loaded window;

    @Start
    void start(Stage stage) throws Exception {
        Path run = Files.createTempDirectory(tmp, "run");
        Clock clock = Clock.fixed(SamlFixtures.NOW, ZoneOffset.UTC);
        Inspector inspector =
                new Inspector(new OnlineTrustResolver(new DocumentStore(Http.standard(), run.resolve("cache"), clock), clock), clock);
        model = new MainViewModel(InspectorViewModel.withDefaultExecutor(inspector),
                new ProfileViewModel(new ProfileStore(run.resolve("profiles"))), SampleCatalog.load(null));
        model.profiles().offlineProperty().set(true); // never the network in tests
        window = MainWindow.show(stage, model); // sized to the screen: 1366×768
    }

    /** A profile for the app whose metadata is the fixture's federation metadata file, offline. */
    void useAppProfile() throws Exception {
        Path md = Files.createTempDirectory(tmp, "md").resolve("federationmetadata.xml");
        Files.writeString(md, SamlFixtures.metadata(SamlFixtures.ENTRA), StandardCharsets.UTF_8);
        ProfileData p =
                new ProfileData("SAML app", List.of(SamlFixtures.AUDIENCE), null, null, null, null, 300, null, md.toString(), null, true);
        fx(() -> model.profiles().apply(p));
    }

    void paste(String text) {
        fx(() -> model.inspector().inspectText(text));
        await("inspected", () -> !model.inspector().isBusy() && model.inspector().report() != null
                && text.equals(model.inspector().inspectedInput()));
    }

    String verdictText(FxRobot robot) {
        return fxGet(() -> robot.lookup("#verdictText").queryAs(Label.class).getText());
    }

    static String sha1(byte[] der) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
    }

    @Test
    void aPastedSamlResponseIsValidItsXmlHighlightedAndItsCertificateShown(FxRobot robot) throws Exception {
        useAppProfile();
        paste(SamlFixtures.base64(SamlFixtures.response()));
        assertEquals(Verdict.VALID, model.inspector().report().verdict(), model.inspector().report().summary());
        assertTrue(fxGet(() -> robot.lookup("#banner").query().getStyleClass().contains("verdict-valid")));
        assertTrue(verdictText(robot).contains("Valid"), verdictText(robot));

        // Header tab: the XML, indented, the ds:Signature lines highlighted; the decoded header members still listed.
        fx(() -> window.controller().showHeader());
        HeaderController header = fxGet(() -> window.controller().header());
        await("the XML shown", () -> !header.xmlLines().getChildren().isEmpty());
        List<TextFlow> lines = fxGet(() -> header.xmlLines().getChildren().stream().map(n -> (TextFlow) n).toList());
        List<String> signature =
                fxGet(() -> lines.stream().filter(l -> l.getStyleClass().contains("xml-signature")).map(SamlWindowTest::text).toList());
        assertTrue(signature.get(0).strip().startsWith("<ds:Signature"), signature.get(0));
        assertTrue(signature.get(signature.size() - 1).strip().startsWith("</ds:Signature>"), signature.toString());
        assertTrue(signature.stream().anyMatch(l -> l.contains("<ds:SignatureValue>")), "the signature value is shown on screen");
        assertTrue(fxGet(() -> lines.stream().filter(l -> !l.getStyleClass().contains("xml-signature")).map(SamlWindowTest::text)
                .anyMatch(l -> l.contains("<Audience>" + SamlFixtures.AUDIENCE + "</Audience>"))), "other elements are not highlighted");
        assertTrue(fxGet(() -> text(lines.get(1)).startsWith("    <Issuer")), "indented: " + fxGet(() -> text(lines.get(1))));
        assertTrue(fxGet(() -> header.xmlLines().getScene() != null && lines.get(0).isVisible()
                && ((Region) header.xmlLines()).getWidth() > 300),
                "the XML is on screen");
        List<String> members = fxGet(() -> header.members().table().getItems().stream().map(r -> r.name()).toList());
        assertTrue(members.contains("issuer") && members.contains("destination"), "the decoded header's members are listed too: "
                + members);

        // Signing key tab: the certificate and its thumbprint; no JWK key set.
        fx(() -> window.controller().showKey());
        String thumbprint = sha1(SamlFixtures.ENTRA.certificate().getEncoded());
        String keyTab = fxGet(() -> labels(robot.lookup(".key-view").query()));
        assertTrue(keyTab.contains(thumbprint), keyTab);
        assertTrue(keyTab.contains("CN=Microsoft Azure Federated SSO Certificate"), keyTab);
        assertFalse(keyTab.contains("Key ID (kid)") || keyTab.contains("JWK"), "no JWK fields for a certificate: " + keyTab);
        assertFalse(fxGet(() -> robot.lookup(".key-set-table").query().isVisible()), "no key set for SAML");

        // Verify in server: JWT code is not offered for SAML.
        fx(() -> window.controller().tabs().getSelectionModel().select(window.controller().snippetsTab()));
        assertEquals(SnippetViewModel.NOT_FOR_SAML, model.snippets().placeholderProperty().get());
        assertTrue(fxGet(() -> robot.lookup(".snippet-view").queryAll().stream()
                .anyMatch(n -> labels(n).contains("Not available for SAML"))));
        assertFalse(model.snippets().availableProperty().get());
    }

    @Test
    void aTamperedResponseIsNotValid(FxRobot robot) throws Exception {
        useAppProfile();
        String tampered = SamlFixtures.response().replace("Alice Example", "Mallory Example");
        paste(SamlFixtures.base64(tampered));
        assertEquals(Verdict.INVALID, model.inspector().report().verdict(), model.inspector().report().summary());
        assertTrue(fxGet(() -> robot.lookup("#banner").query().getStyleClass().contains("verdict-invalid")));
        assertTrue(verdictText(robot).contains("Not valid"), verdictText(robot));
        HeaderController header = fxGet(() -> window.controller().header());
        await("the XML shown", () -> !header.xmlLines().getChildren().isEmpty());
        assertTrue(fxGet(() -> header.xmlLines().getChildren().stream().map(n -> text((TextFlow) n))
                .anyMatch(l -> l.contains("Mallory Example"))));
    }

    @Test
    void aJwtAfterASamlMessageHidesTheXml(FxRobot robot) throws Exception {
        useAppProfile();
        paste(SamlFixtures.base64(SamlFixtures.response()));
        HeaderController header = fxGet(() -> window.controller().header());
        await("the XML shown", () -> !header.xmlLines().getChildren().isEmpty());
        paste(dev.tokenscope.testing.Tokens.sign(dev.tokenscope.testing.Tokens.v2Access()));
        await("the XML gone", () -> header.xmlLines().getChildren().isEmpty() && !header.xml().isSaml());
        assertTrue(fxGet(() -> robot.lookup(".saml-xml-pane").queryAll().stream().noneMatch(n -> n.getScene() != null)));
    }

    static String text(TextFlow f) {
        return f.getChildren().stream().map(n -> n instanceof Text t ? t.getText() : "").collect(Collectors.joining());
    }

    /** Every label's text under {@code root}, one a line. */
    static String labels(Node root) {
        StringBuilder b = new StringBuilder();
        collect(root, b);
        return b.toString();
    }

    private static void collect(Node n, StringBuilder b) {
        if (n instanceof Labeled l && l.getText() != null) b.append(l.getText()).append('\n');
        if (n instanceof javafx.scene.Parent p) for (Node c : p.getChildrenUnmodifiable()) collect(c, b);
    }
}
