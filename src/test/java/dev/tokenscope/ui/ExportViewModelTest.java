package dev.tokenscope.ui;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.export.ExportFormat;
import dev.tokenscope.engine.export.JsonExporter;
import dev.tokenscope.engine.export.Redactor;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.testing.Tokens;
import dev.tokenscope.ui.model.ExportViewModel;
import dev.tokenscope.ui.model.InspectorViewModel;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.tokenscope.ui.UiFixtures.await;
import static dev.tokenscope.ui.UiFixtures.fx;
import static dev.tokenscope.ui.UiFixtures.fxGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File ▸ Export and Copy as Markdown without a window: redaction as the CLI does it, files, clipboard, confirmations. */
class ExportViewModelTest {
    static final ValidationProfile API = ValidationProfile.defaults().withAudiences(List.of(Tokens.API_ID));

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        UiFixtures.startToolkit();
    }

    record Setup(InspectorViewModel inspector, ExportViewModel export, String token, String signature) {
    }

    /** An inspector that inspected a v2 access token (held inside an Authorization header, as users paste it). */
    static Setup inspected() {
        Inspector engine = UiFixtures.plain();
        String token = Tokens.sign(Tokens.v2Access());
        InspectorViewModel vm = fxGet(() -> InspectorViewModel.withDefaultExecutor(engine));
        ExportViewModel export = fxGet(() -> new ExportViewModel(vm));
        fx(() -> {
            export.maskPiiProperty().set(false); // personal claims included (the window masks them by default)
            vm.profileProperty().set(API);
            vm.inspectText("Authorization: Bearer " + token);
        });
        await("inspected", () -> !vm.isBusy() && vm.report() != null);
        return new Setup(vm, export, token, token.substring(token.lastIndexOf('.') + 1));
    }

    static String headerPayload(String token) {
        return token.substring(0, token.lastIndexOf('.'));
    }

    @Test
    void exportWritesAFileWithoutTheSignatureByDefault() throws Exception {
        Setup s = inspected();
        assertTrue(fxGet(s.export()::isAvailable));
        Path written = fxGet(() -> {
            try {
                return s.export().write(tmp.resolve("ticket"), ExportFormat.MARKDOWN);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(tmp.resolve("ticket.md"), written, "the format's extension is added");
        String md = Files.readString(written, StandardCharsets.UTF_8);
        assertTrue(md.startsWith("# Tokenscope report: UNDETERMINED"), md); // no keys in this inspector
        assertTrue(md.contains(headerPayload(s.token())), "the token as header.payload");
        assertFalse(md.contains(s.signature()), "no signature");
        assertTrue(md.contains("Signature removed"), md);
        assertEquals("Saved the Markdown report to " + written + " (signature removed)",
                fxGet(() -> s.inspector().messageProperty().get()));
        assertEquals(InspectorViewModel.MessageKind.INFO, fxGet(() -> s.inspector().messageKindProperty().get()));

        Path html = fxGet(() -> {
            try {
                return s.export().write(tmp.resolve("ticket.html"), ExportFormat.HTML);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains(headerPayload(s.token())));
        assertFalse(page.contains(s.signature()));
    }

    @Test
    void jsonExportRoundTripsIntoTheSameReport() throws Exception {
        Setup s = inspected();
        Path file = fxGet(() -> {
            try {
                return s.export().write(tmp.resolve("report.json"), ExportFormat.JSON);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(json.contains(s.signature()));
        Report back = Json.MAPPER.readValue(json, Report.class);
        Report shown = fxGet(() -> s.inspector().report());
        assertEquals(shown.verdict(), back.verdict());
        assertEquals(shown.summary(), back.summary());
        assertEquals(shown.token().claims(), back.token().claims());
        assertEquals(shown.steps(), back.steps());
        assertTrue(back.input().notes().contains(JsonExporter.NOTE_PREFIX + Redactor.NOTE_SIGNATURE_REMOVED), back.input().notes()
                .toString());
    }

    @Test
    void keepSignatureKeepsIt() throws Exception {
        Setup s = inspected();
        fx(() -> s.export().keepSignatureProperty().set(true));
        String md = fxGet(() -> s.export().render(ExportFormat.MARKDOWN));
        assertTrue(md.contains(s.token()), "the whole token, signature included");
        assertTrue(md.contains("Signature kept"), md);
        Path file = fxGet(() -> {
            try {
                return s.export().write(tmp.resolve("kept.json"), ExportFormat.JSON);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        Report back = Json.MAPPER.readValue(Files.readString(file), Report.class);
        assertTrue(back.input().notes().contains(JsonExporter.NOTE_PREFIX + Redactor.NOTE_SIGNATURE_KEPT));
        assertTrue(fxGet(() -> s.inspector().messageProperty().get()).endsWith("(signature kept)"));
    }

    @Test
    void maskPiiMasksPersonalClaims() {
        Setup s = inspected();
        String plain = fxGet(() -> s.export().render(ExportFormat.MARKDOWN));
        assertTrue(plain.contains("alice@contoso.example"), "shown unless masked");
        fx(() -> s.export().maskPiiProperty().set(true));
        for (ExportFormat f : ExportFormat.values()) {
            String text = fxGet(() -> s.export().render(f));
            assertFalse(text.contains("alice@contoso.example"), f + " still has the e-mail address");
            assertFalse(text.contains("Alice Example"), f + " still has the name");
            assertTrue(text.contains(Redactor.mask("alice@contoso.example")), f + " has the stable pseudonym");
            assertFalse(text.contains(headerPayload(s.token())), f + ": the token text is left out when masking");
        }
        assertEquals("signature removed, personal claims masked", fxGet(s.export()::redaction));
    }

    @Test
    void copyPutsTheMarkdownReportOnTheClipboard() {
        Setup s = inspected();
        fx(() -> Clipboard.getSystemClipboard().clear());
        String copied = fxGet(s.export()::copyMarkdown);
        assertEquals(copied, fxGet(() -> Clipboard.getSystemClipboard().getString()));
        assertEquals(fxGet(() -> s.export().render(ExportFormat.MARKDOWN)), copied);
        assertTrue(copied.startsWith("# Tokenscope report: "), copied);
        assertTrue(copied.contains(headerPayload(s.token())));
        assertFalse(copied.contains(s.signature()));
        assertEquals("Copied the report as Markdown (signature removed)", fxGet(() -> s.inspector().messageProperty().get()));
    }

    @Test
    void nothingToExportWithoutAReportAboutAToken() throws Exception {
        InspectorViewModel vm = fxGet(() -> InspectorViewModel.withDefaultExecutor(UiFixtures.plain()));
        ExportViewModel export = fxGet(() -> new ExportViewModel(vm));
        assertFalse(fxGet(export::isAvailable));
        assertThrows(IllegalStateException.class, () -> fxGet(() -> export.render(ExportFormat.MARKDOWN)));
        fx(() -> vm.inspectText("hello, no token here"));
        await("inspected", () -> !vm.isBusy() && vm.report() != null);
        assertFalse(fxGet(export::isAvailable), "a report without a token is not exported");
        fx(() -> vm.inspectText(Tokens.sign(Tokens.v2Access())));
        await("available", () -> !vm.isBusy() && export.isAvailable());
        fx(vm::clear);
        assertFalse(fxGet(export::isAvailable));
    }

    @Test
    void aFailedWriteSaysWhyInTheMessageLine() throws Exception {
        Setup s = inspected();
        Path notADir = Files.writeString(tmp.resolve("file"), "x");
        assertThrows(IOException.class, () -> {
            AtomicIo.run(() -> s.export().write(notADir.resolve("report.md"), ExportFormat.MARKDOWN));
        });
        assertEquals(InspectorViewModel.MessageKind.ERROR, fxGet(() -> s.inspector().messageKindProperty().get()));
        assertTrue(fxGet(() -> s.inspector().messageProperty().get()).startsWith("Could not save the report to "));
    }

    @Test
    void theWindowWritesOffTheFxThreadAndReportsBothWays() throws Exception {
        Setup s = inspected();
        Path target = tmp.resolve("bg");
        var written = fxGet(() -> s.export().writeInBackground(target, ExportFormat.HTML)).get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(tmp.resolve("bg.html"), written);
        String html = Files.readString(written, StandardCharsets.UTF_8);
        assertFalse(html.contains(s.signature()), "no signature in a default export");
        await("saved message", () -> s.inspector().messageProperty().get()
                .equals("Saved the HTML report to " + written + " (signature removed)"));

        Path notADir = Files.writeString(tmp.resolve("file"), "x");
        var failed = fxGet(() -> s.export().writeInBackground(notADir.resolve("report.md"), ExportFormat.MARKDOWN));
        assertThrows(java.util.concurrent.ExecutionException.class, () -> failed.get(30, java.util.concurrent.TimeUnit.SECONDS));
        await("error message", () -> s.inspector().messageKindProperty().get() == InspectorViewModel.MessageKind.ERROR);
        assertTrue(fxGet(() -> s.inspector().messageProperty().get())
                .startsWith("Could not save the report to " + notADir.resolve("report.md")));
    }

    /** Runs an IO action on the FX thread and rethrows its IOException here. */
    static final class AtomicIo {
        interface Io {
            Object call() throws IOException;
        }

        static void run(Io io) throws IOException {
            IOException[] err = new IOException[1];
            fx(() -> {
                try {
                    io.call();
                } catch (IOException e) {
                    err[0] = e;
                }
            });
            if (err[0] != null) throw err[0];
        }
    }
}
