package dev.tokenscope.ui.model;

import dev.tokenscope.engine.text.SafeText;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.snippets.Language;
import dev.tokenscope.engine.snippets.Snippet;
import dev.tokenscope.engine.snippets.SnippetGenerator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

import java.util.List;

/**
 * The "Verify it in your server" tab: server-side validation code ({@link SnippetGenerator}) for the inspected token
 * and the current API profile, in the chosen {@link Language}. Regenerated whenever the report, the profile or the
 * language changes (it is text from templates: no network, no files).
 */
public final class SnippetViewModel {
    /** What the tab says before a token is inspected. */
    public static final String NO_TOKEN = "Inspect a token: this tab then shows the code your API needs to validate it "
            + "(metadata URL, issuer, audience, algorithms and clock skew taken from the token and the API profile).";

    /** What the tab says for a SAML message: the generated code validates JWTs only. */
    public static final String NOT_FOR_SAML = "Not available for SAML: this tab generates JWT validation code (OpenID metadata, "
            + "a JWKS and a JWT library), which can't validate a SAML response. Validate SAML in your app's SAML library "
            + "(e.g. ITfoxtec, Sustainsys.Saml2, python3-saml, passport-saml, Spring Security SAML) with the app's federation "
            + "metadata, its Entity ID as the audience and its reply (ACS) URL as the recipient.";

    private final ObservableValue<Report> report;
    private final ObservableValue<ValidationProfile> profile;
    private final SnippetGenerator generator = new SnippetGenerator();
    private final ObjectProperty<Language> language = new SimpleObjectProperty<>(Language.PYTHON);
    private final ReadOnlyObjectWrapper<Snippet> snippet = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper code = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(NO_TOKEN);
    private final ReadOnlyStringWrapper about = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notes = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);

    public SnippetViewModel(ObservableValue<Report> report, ObservableValue<ValidationProfile> profile) {
        this.report = report;
        this.profile = profile;
        report.addListener((obs, o, n) -> refresh());
        profile.addListener((obs, o, n) -> refresh());
        language.addListener((obs, o, n) -> refresh());
        refresh();
    }

    /** The languages of the picker, in the engine's order. */
    public List<Language> languages() { return List.of(Language.values()); }

    public ObjectProperty<Language> languageProperty() { return language; }

    /** The generated snippet, or null when there is no token whose claims could be read. */
    public ReadOnlyObjectProperty<Snippet> snippetProperty() { return snippet.getReadOnlyProperty(); }

    /** The code to show and copy ("" when there is none). */
    public ReadOnlyStringProperty codeProperty() { return code.getReadOnlyProperty(); }

    public String code() { return code.get(); }

    /** Why there is no code (shown instead of it), or "" when there is. */
    public ReadOnlyStringProperty placeholderProperty() { return placeholder.getReadOnlyProperty(); }

    /** "validate_token.py · PyJWT + PyJWKClient": the file name and the library. */
    public ReadOnlyStringProperty aboutProperty() { return about.getReadOnlyProperty(); }

    /** The caveats the generator noted (ID token, Graph token, audience taken from the token …), one a line; "" when none. */
    public ReadOnlyStringProperty notesProperty() { return notes.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty availableProperty() { return available.getReadOnlyProperty(); }

    /** Puts the code on the system clipboard (FX thread); returns it. */
    public String copy() {
        ClipboardContent c = new ClipboardContent();
        c.putString(code.get());
        Clipboard.getSystemClipboard().setContent(c);
        return code.get();
    }

    /** Label for a language in the picker: "Python — PyJWT + PyJWKClient". */
    public static String label(Language l) {
        return l == null ? "" : l.label();
    }

    void refresh() {
        Report r = report.getValue();
        ValidationProfile p = profile.getValue() == null ? ValidationProfile.defaults() : profile.getValue();
        Language l = language.get() == null ? Language.PYTHON : language.get();
        String why = null;
        if (r == null) why = NO_TOKEN;
        else if (r.token() == null) why = "No code: " + r.summary();
        else if (r.token().kind() == dev.tokenscope.engine.token.TokenKind.SAML) why = NOT_FOR_SAML;
        else if (r.token().claims() == null) why = switch (r.token().kind()) {
            case JWE -> "No code: this token is encrypted, so its issuer and audience can't be read. Only the resource it was issued "
                    + "for can decrypt it; validate there with your identity library.";
            case OPAQUE -> "No code: an opaque token (a consumer-account or Microsoft-internal token) can't be validated by your API; "
                    + "request a token for your API's own scope instead.";
            default -> "No code: the token's claims could not be read (see the Format step).";
        };
        Snippet s = null;
        if (why == null) {
            try {
                s = generator.generate(l, r, p);
            } catch (RuntimeException e) {
                why = "No code: " + SafeText.friendly(e);
            }
        }
        snippet.set(s);
        code.set(s == null ? "" : s.code());
        placeholder.set(why == null ? "" : why);
        about.set(s == null ? "" : s.fileName() + " · " + l.library());
        notes.set(s == null ? "" : String.join("\n", s.settings().notes()));
        available.set(s != null);
    }
}
