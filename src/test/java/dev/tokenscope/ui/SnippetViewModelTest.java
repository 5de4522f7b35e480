package dev.tokenscope.ui;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.snippets.Language;
import dev.tokenscope.engine.snippets.SnippetGenerator;
import dev.tokenscope.testing.Tokens;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.SnippetViewModel;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.tokenscope.ui.UiFixtures.await;
import static dev.tokenscope.ui.UiFixtures.fx;
import static dev.tokenscope.ui.UiFixtures.fxGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "Verify it in your server" tab's model: code for the token and the profile, per language, and Copy. */
class SnippetViewModelTest {
    static final ValidationProfile API = ValidationProfile.defaults().withAudiences(List.of("api://orders-a"));
    static final Inspector ENGINE = UiFixtures.plain();

    @BeforeAll
    static void toolkit() throws Exception {
        UiFixtures.startToolkit();
    }

    record Setup(SimpleObjectProperty<Report> report, SimpleObjectProperty<ValidationProfile> profile, SnippetViewModel vm) {
    }

    static Setup setup(String token, ValidationProfile p) {
        return fxGet(() -> {
            SimpleObjectProperty<Report> report = new SimpleObjectProperty<>(token == null ? null : ENGINE.inspect(token, p));
            SimpleObjectProperty<ValidationProfile> profile = new SimpleObjectProperty<>(p);
            return new Setup(report, profile, new SnippetViewModel(report, profile));
        });
    }

    @Test
    void noTokenNoCodeButAPlaceholder() {
        Setup s = setup(null, API);
        assertFalse(s.vm().availableProperty().get());
        assertEquals("", s.vm().code());
        assertEquals(SnippetViewModel.NO_TOKEN, s.vm().placeholderProperty().get());
        assertNull(s.vm().snippetProperty().get());

        fx(() -> s.report().set(ENGINE.inspect(Tokens.opaque(120), API)));
        assertFalse(s.vm().availableProperty().get());
        assertTrue(s.vm().placeholderProperty().get().startsWith("No code: an opaque token"), s.vm().placeholderProperty().get());
        fx(() -> s.report().set(ENGINE.inspect("nothing here", API)));
        assertTrue(s.vm().placeholderProperty().get().startsWith("No code: "));
        assertEquals("", s.vm().code());
    }

    @Test
    void theCodeChangesWithTheLanguage() {
        String token = Tokens.sign(Tokens.v2Access());
        Setup s = setup(token, API);
        Report r = s.report().get();
        assertEquals(Language.PYTHON, s.vm().languageProperty().get(), "Python first");
        assertEquals(List.of(Language.values()), s.vm().languages());
        Set<String> codes = new HashSet<>();
        for (Language l : Language.values()) {
            fx(() -> s.vm().languageProperty().set(l));
            String code = s.vm().code();
            assertEquals(new SnippetGenerator().generate(l, r, API).code(), code, l.label());
            assertTrue(code.contains("api://orders-a"), l + " has the profile's audience");
            assertTrue(s.vm().aboutProperty().get().startsWith(l.fileName() + " · "), s.vm().aboutProperty().get());
            assertTrue(s.vm().availableProperty().get());
            assertEquals("", s.vm().placeholderProperty().get());
            codes.add(code);
        }
        assertEquals(Language.values().length, codes.size(), "each language its own code");
        fx(() -> s.vm().languageProperty().set(Language.JAVA));
        assertTrue(s.vm().code().contains("DefaultJWTProcessor"));
        fx(() -> s.vm().languageProperty().set(Language.CSHARP));
        assertTrue(s.vm().code().contains("JsonWebTokenHandler"));
    }

    @Test
    void theCodeFollowsTheProfilesAudience() {
        Setup s = setup(Tokens.sign(Tokens.v2Access()), API);
        String before = s.vm().code();
        assertTrue(before.contains("api://orders-a"));
        fx(() -> s.profile().set(API.withAudiences(List.of("api://orders-b"))));
        String after = s.vm().code();
        assertTrue(after.contains("api://orders-b"), after);
        assertFalse(after.contains("api://orders-a"), after);

        // No audience in the profile: the token's own, with a note saying so.
        fx(() -> s.profile().set(ValidationProfile.defaults()));
        assertTrue(s.vm().code().contains(Tokens.API_ID));
        assertTrue(s.vm().notesProperty().get().contains("The audience is the token's own"), s.vm().notesProperty().get());
    }

    @Test
    void anIdTokenGetsTheEnginesCaveat() {
        Setup s = setup(Tokens.sign(Tokens.v2Id()), API);
        assertTrue(s.vm().availableProperty().get());
        assertTrue(s.vm().notesProperty().get().contains("This is an ID token"), s.vm().notesProperty().get());
    }

    @Test
    void itFollowsTheInspectorsReport() {
        InspectorViewModel vm = fxGet(() -> InspectorViewModel.withDefaultExecutor(ENGINE));
        SnippetViewModel snippets = fxGet(() -> new SnippetViewModel(vm.reportProperty(), vm.profileProperty()));
        assertFalse(snippets.availableProperty().get());
        fx(() -> {
            vm.profileProperty().set(API);
            vm.inspectText(Tokens.sign(Tokens.v1Access()));
        });
        await("code", () -> !vm.isBusy() && snippets.availableProperty().get());
        assertTrue(fxGet(snippets::code).contains("https://login.microsoftonline.com/" + Tokens.TENANT + "/.well-known/openid-configuration"),
                "v1.0 metadata for a v1.0 token");
        fx(() -> vm.inspectText(Tokens.sign(Tokens.v2Access())));
        await("v2 code", () -> !vm.isBusy() && snippets.code().contains("/v2.0/.well-known/openid-configuration"));
    }

    @Test
    void copyPutsTheCodeOnTheClipboard() {
        Setup s = setup(Tokens.sign(Tokens.v2Access()), API);
        fx(() -> Clipboard.getSystemClipboard().clear());
        fx(() -> s.vm().languageProperty().set(Language.NODE));
        String copied = fxGet(s.vm()::copy);
        assertEquals(s.vm().code(), copied);
        assertEquals(copied, fxGet(() -> Clipboard.getSystemClipboard().getString()));
        assertTrue(copied.contains("jose"));
    }
}
