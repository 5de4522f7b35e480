package dev.tokenscope.cli;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.signin.Grant;
import dev.tokenscope.engine.signin.SignInClient;
import dev.tokenscope.engine.signin.SignInForm;
import dev.tokenscope.engine.signin.SignInRequest;
import dev.tokenscope.ui.model.signin.SignInFormModel;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code login} and the GUI's sign-in form read a sign-in through one parser: the same values give the same request,
 * or the same message (the CLI prints it after "tokenscope login: " and exits 2).
 */
class LoginCommandFormTest {
    static final String SECRET = "form-test-secret";

    /** The CLI's request (or its message) for these options. */
    static String cli(String... options) {
        List<String> a = new ArrayList<>(List.of("--client-id", "app-1"));
        if (!List.of(options).contains("--authority")) a.addAll(List.of("--authority", "contoso.onmicrosoft.com"));
        a.addAll(List.of(options));
        LoginCommand c = new LoginCommand(() -> new SignInClient(Http.standard()), u -> { }, () -> Inspector.standard(true),
                Map.of("S", SECRET)::get);
        new CommandLine(c).parseArgs(a.toArray(String[]::new));
        try {
            return describe(c.form(c.clientSecretEnv == null ? null : SECRET).request(), c.grant());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The GUI form's request (or its message) for these fields. */
    static String gui(Consumer<SignInFormModel> fields) {
        SignInFormModel f = new SignInFormModel();
        f.authorityProperty().set("contoso.onmicrosoft.com");
        f.clientIdProperty().set("app-1");
        fields.accept(f);
        try {
            return describe(f.request(), f.grantProperty().get());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    static String describe(SignInRequest r, Grant g) {
        return g + " " + r.authority().url() + " " + r.clientId() + " " + r.scopes() + " port=" + r.port() + " " + r.redirectUri()
                + " timeout=" + r.timeout() + " extra=" + r.extraParameters() + " prompt=" + r.prompt() + " hint=" + r.loginHint()
                + " origin=" + r.spaOrigin() + " secret=" + (r.clientSecret() == null ? null : r.clientSecret().reveal());
    }

    static void same(String cli, String gui) {
        assertEquals(cli, gui);
    }

    @Test
    void theSameBrowserSignInIsTheSameRequest() {
        String c = cli("--scope", "api://orders/read", "--port", "8400", "--timeout", "120", "--param", "dc=x", "--prompt", "login",
                "--login-hint", "alice@contoso.com", "--spa-origin", "https://spa.example.com", "--redirect-uri", "http://localhost/cb");
        String g = gui(f -> {
            f.scopesProperty().set("api://orders/read");
            f.portProperty().set("8400");
            f.timeoutSecondsProperty().set("120");
            f.extraParametersProperty().set("dc=x");
            f.promptProperty().set("login");
            f.loginHintProperty().set("alice@contoso.com");
            f.spaOriginProperty().set("https://spa.example.com");
            f.redirectUriProperty().set("http://localhost/cb");
        });
        same(c, g);
        assertTrue(c.startsWith("AUTHORIZATION_CODE https://login.microsoftonline.com/contoso.onmicrosoft.com"), c);
        same(cli("--scope", "User.Read", "--timeout", "300"), gui(f -> f.scopesProperty().set("User.Read")));
    }

    @Test
    void theSameClientCredentialsAreTheSameRequest() {
        same(cli("--scope", "api://orders/.default", "--client-secret-env", "S"), gui(f -> {
            f.grantProperty().set(Grant.CLIENT_CREDENTIALS);
            f.scopesProperty().set("api://orders/.default");
            f.clientSecretProperty().set(SECRET);
        }));
    }

    @Test
    void theSameMistakeIsTheSameMessage() {
        same(cli("--timeout", "0"), gui(f -> f.timeoutSecondsProperty().set("0")));
        same(cli("--timeout", "3601"), gui(f -> f.timeoutSecondsProperty().set("3601")));
        same(cli("--port", "70000"), gui(f -> f.portProperty().set("70000")));
        same(cli("--param", "novalue"), gui(f -> f.extraParametersProperty().set("novalue")));
        same(cli("--param", "state=x"), gui(f -> f.extraParametersProperty().set("state=x")));
        same(cli("--redirect-uri", "https://app.example.com/"), gui(f -> f.redirectUriProperty().set("https://app.example.com/")));
        same(cli("--spa-origin", "spa.example.com"), gui(f -> f.spaOriginProperty().set("spa.example.com")));
        same(cli("--scope", "x", "--authority", "http://idp.example.com/"), gui(f -> f.authorityProperty().set("http://idp.example.com/")));
        same(cli("--client-secret-env", "S"), gui(f -> {
            f.grantProperty().set(Grant.CLIENT_CREDENTIALS);
            f.clientSecretProperty().set(SECRET);
        }));
        assertEquals("Timeout: seconds from 1 to " + SignInForm.MAX_TIMEOUT_SECONDS + ", or empty for 300 (not \"0\")",
                cli("--timeout", "0"));
    }

    @Test
    void theCliPrintsTheSharedMessageAsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(
                new LoginCommand(() -> new SignInClient(Http.standard()), u -> { }, () -> Inspector.standard(true), n -> null));
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(Cli.USAGE, cl.execute("--authority", "organizations", "--client-id", "c", "--timeout", "7200"));
        assertEquals("tokenscope login: Timeout: seconds from 1 to 3600, or empty for 300 (not \"7200\")", err.toString().strip());
    }
}
