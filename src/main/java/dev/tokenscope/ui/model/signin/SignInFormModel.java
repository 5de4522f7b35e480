package dev.tokenscope.ui.model.signin;

import dev.tokenscope.engine.signin.Authority;
import dev.tokenscope.engine.signin.Grant;
import dev.tokenscope.engine.signin.SignInForm;
import dev.tokenscope.engine.signin.SignInForm.Credential;
import dev.tokenscope.engine.signin.SignInProfile;
import dev.tokenscope.engine.signin.SignInRequest;
import dev.tokenscope.ui.model.shared.Lists;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sign-in form: authority, client, scopes, grant, credentials and the browser's advanced options, as text. It
 * becomes one {@link SignInRequest} through the engine's {@link SignInForm}, the parser {@code login} uses too.
 * Secrets (client secret, certificate password) live in these properties only: profiles never hold them.
 */
public final class SignInFormModel {
    private final StringProperty authority = new SimpleStringProperty("organizations");
    private final ObjectProperty<Authority.Cloud> cloud = new SimpleObjectProperty<>(Authority.Cloud.PUBLIC);
    private final StringProperty clientId = new SimpleStringProperty("");
    private final StringProperty scopes = new SimpleStringProperty("");
    private final ObjectProperty<Grant> grant = new SimpleObjectProperty<>(Grant.AUTHORIZATION_CODE);
    private final ObjectProperty<Credential> credential = new SimpleObjectProperty<>(Credential.SECRET);
    private final StringProperty clientSecret = new SimpleStringProperty("");
    private final StringProperty certificatePath = new SimpleStringProperty("");
    private final StringProperty certificatePassword = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("");
    private final StringProperty redirectUri = new SimpleStringProperty("");
    private final StringProperty prompt = new SimpleStringProperty("");
    private final StringProperty loginHint = new SimpleStringProperty("");
    private final StringProperty domainHint = new SimpleStringProperty("");
    private final StringProperty extraParameters = new SimpleStringProperty("");
    private final StringProperty spaOrigin = new SimpleStringProperty("");
    private final StringProperty timeoutSeconds = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper("");

    /** Tenant (GUID, domain, common, organizations, consumers) or authority URL. */
    public StringProperty authorityProperty() { return authority; }
    /** The cloud of a bare tenant. */
    public ObjectProperty<Authority.Cloud> cloudProperty() { return cloud; }
    public StringProperty clientIdProperty() { return clientId; }
    /** The user's scopes, separated by spaces or commas. */
    public StringProperty scopesProperty() { return scopes; }
    /** The grant the form runs (authorization code, device code or client credentials). */
    public ObjectProperty<Grant> grantProperty() { return grant; }
    public ObjectProperty<Credential> credentialProperty() { return credential; }
    /** The client secret: in memory only, never saved. */
    public StringProperty clientSecretProperty() { return clientSecret; }
    public StringProperty certificatePathProperty() { return certificatePath; }
    /** The PFX password: in memory only, never saved. */
    public StringProperty certificatePasswordProperty() { return certificatePassword; }
    /** Fixed loopback port; empty = random. */
    public StringProperty portProperty() { return port; }
    /** Loopback redirect URI as registered; empty = http://localhost. */
    public StringProperty redirectUriProperty() { return redirectUri; }
    public StringProperty promptProperty() { return prompt; }
    public StringProperty loginHintProperty() { return loginHint; }
    public StringProperty domainHintProperty() { return domainHint; }
    /** Extra authorization parameters, one NAME=VALUE per line. */
    public StringProperty extraParametersProperty() { return extraParameters; }
    /** The Origin to send on token requests (SPA emulation); empty = none. */
    public StringProperty spaOriginProperty() { return spaOrigin; }
    /** How long to wait for the browser redirect; empty = 300 s. */
    public StringProperty timeoutSecondsProperty() { return timeoutSeconds; }
    /** A problem with the form itself (shown beside the Sign in button); "" when none. */
    public ReadOnlyStringProperty formErrorProperty() { return formError.getReadOnlyProperty(); }

    void problem(String message) {
        formError.set(message == null ? "" : message);
    }

    /** True when the form asks for a client certificate (read on the worker). */
    boolean usesCertificate() {
        return grant.get() == Grant.CLIENT_CREDENTIALS && credential.get() == Credential.CERTIFICATE;
    }

    /**
     * The form for the shared parser: the advanced options shape the authorization request and its redemption, so
     * they count for the browser grant only; the credentials count for client credentials only.
     */
    public SignInForm form() {
        Grant g = grant.get();
        SignInForm f = new SignInForm().grant(g).authority(authority.get()).cloud(cloud.get()).clientId(clientId.get())
                .scopes(Lists.split(scopes.get())).credential(credential.get());
        if (g == Grant.AUTHORIZATION_CODE) {
            f.prompt(prompt.get()).loginHint(loginHint.get()).domainHint(domainHint.get())
                    .extraParameters(SignInForm.lines(extraParameters.get()))
                    .port(port.get()).redirectUri(redirectUri.get()).timeoutSeconds(timeoutSeconds.get()).spaOrigin(spaOrigin.get());
        } else if (g == Grant.CLIENT_CREDENTIALS) {
            if (credential.get() == Credential.SECRET) f.clientSecret(clientSecret.get());
            else f.certificatePath(certificatePath.get());
        }
        return f;
    }

    /**
     * The request the form describes (without a certificate, which is read on the worker).
     *
     * @throws IllegalArgumentException naming the field and what to do
     */
    public SignInRequest request() {
        return form().request();
    }

    /** The certificate file, or null when the form uses none. */
    Path certificateFile() {
        return usesCertificate() ? Path.of(certificatePath.get().strip()) : null;
    }

    /** A copy of the PFX password for one attempt (wiped after use), or null. */
    char[] certificatePasswordChars() {
        return usesCertificate() && !certificatePassword.get().isEmpty() ? certificatePassword.get().toCharArray() : null;
    }

    /** The form as a sign-in profile (no secret, no certificate password), named {@code name}. */
    public SignInProfile snapshot(String name) {
        Grant g = grant.get();
        // The browser's options must be valid to be saved; the other grants keep what parses (they ignore them).
        boolean strict = g == Grant.AUTHORIZATION_CODE;
        int p = strict ? SignInForm.parsePort(port.get()) : orElse(() -> SignInForm.parsePort(port.get()), 0);
        Duration t = strict ? SignInForm.parseTimeout(timeoutSeconds.get())
                : orElse(() -> SignInForm.parseTimeout(timeoutSeconds.get()), null);
        List<String> lines = SignInForm.lines(extraParameters.get());
        Map<String, String> ex = strict ? SignInForm.parseExtra(lines) : orElse(() -> SignInForm.parseExtra(lines), Map.of());
        return new SignInProfile(name, g.profileValue(), blankToNull(authority.get()), cloudName(cloud.get()), blankToNull(clientId.get()),
                Lists.split(scopes.get()), blankToNull(prompt.get()), blankToNull(loginHint.get()), blankToNull(domainHint.get()), ex,
                p == 0 ? null : p, blankToNull(redirectUri.get()), blankToNull(spaOrigin.get()), t == null ? null : t.toSeconds(),
                usesCertificate() ? blankToNull(certificatePath.get()) : null);
    }

    /**
     * Fills the form from a profile; the secret fields are emptied (they belong to the previous app, if any).
     *
     * @return a warning about the profile, or null
     */
    String fill(SignInProfile p) {
        String warning = null;
        grant.set(p.grant());
        authority.set(nz(p.authority()));
        Authority.Cloud c = Authority.Cloud.PUBLIC;
        try {
            if (p.cloud() != null) c = Authority.Cloud.parse(p.cloud());
        } catch (IllegalArgumentException e) {
            warning = "Unknown cloud \"" + p.cloud() + "\" in the profile: using the public cloud";
        }
        cloud.set(c);
        clientId.set(nz(p.clientId()));
        scopes.set(String.join(" ", p.scopes()));
        prompt.set(nz(p.prompt()));
        loginHint.set(nz(p.loginHint()));
        domainHint.set(nz(p.domainHint()));
        List<String> lines = new ArrayList<>();
        p.extraParameters().forEach((k, v) -> lines.add(k + "=" + v));
        extraParameters.set(String.join("\n", lines));
        port.set(p.port() == null ? "" : String.valueOf(p.port()));
        redirectUri.set(nz(p.redirectUri()));
        spaOrigin.set(nz(p.spaOrigin()));
        timeoutSeconds.set(p.timeoutSeconds() == null ? "" : String.valueOf(p.timeoutSeconds()));
        certificatePath.set(nz(p.certificatePath()));
        credential.set(p.certificatePath() != null ? Credential.CERTIFICATE : Credential.SECRET);
        forgetSecrets();
        return warning;
    }

    /** Forgets the secrets typed into the form (the window calls it when it closes). */
    public void forgetSecrets() {
        clientSecret.set("");
        certificatePassword.set("");
    }

    static String cloudName(Authority.Cloud c) {
        if (c == null) return null;
        return switch (c) {
            case PUBLIC -> "public";
            case US_GOV -> "usgov";
            case CHINA -> "china";
        };
    }

    private static <T> T orElse(Supplier<T> parse, T fallback) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
