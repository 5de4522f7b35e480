package dev.tokenscope.cli;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.signin.Authority;
import dev.tokenscope.engine.signin.BrowserLauncher;
import dev.tokenscope.engine.signin.Cancellation;
import dev.tokenscope.desktop.DesktopBrowserLauncher;
import dev.tokenscope.engine.signin.FlowLog;
import dev.tokenscope.engine.signin.Grant;
import dev.tokenscope.engine.signin.SignInClient;
import dev.tokenscope.engine.signin.SignInException;
import dev.tokenscope.engine.signin.SignInForm;
import dev.tokenscope.engine.signin.SignInRequest;
import dev.tokenscope.engine.signin.TokenSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code tokenscope login}: signs in (browser + PKCE, device code, or client credentials), then prints the report of
 * the access token obtained, like {@code inspect}. Secrets are read from environment variables only (never from the
 * command line, never written anywhere); tokens appear only inside the report of the token itself.
 * Exit status: 0 valid, 1 invalid or undetermined, 2 usage error, 3 sign-in failed.
 */
@Command(name = "login", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sign in to a tenant with an app registration, then inspect the access token obtained.",
                "Default flow: authorization code + PKCE in the system browser, redirect to a listener on 127.0.0.1.",
                "--device-code: device code flow; --client-secret-env/--certificate: client credentials (app-only token)."},
        footer = {"", "Examples:",
                "  tokenscope login --authority contoso.onmicrosoft.com --client-id 11111111-2222-3333-4444-555555555555 --scope "
                        + "api://my-api/access_as_user",
                "  tokenscope login --authority organizations --client-id … --scope User.Read --device-code",
                "  MY_SECRET=… tokenscope login --authority <tenant-id> --client-id … --scope api://my-api/.default "
                        + "--client-secret-env MY_SECRET --json",
                "  tokenscope login --authority https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signin --client-id … --port 8400",
                "", "Register http://localhost (or http://127.0.0.1 with --redirect-uri) under 'Mobile and desktop applications' for the browser flow,",
                "and enable 'Allow public client flows' for the device code flow.",
                "", "Exit status: 0 valid, 1 invalid or undetermined, 2 usage error, 3 sign-in failed."})
public final class LoginCommand implements Callable<Integer> {
    public static final int SIGN_IN_FAILED = 3;

    @Option(names = "--authority", required = true, paramLabel = "AUTHORITY",
            description = "Tenant GUID or domain, common, organizations, consumers; or an authority URL (any cloud, B2C with its policy, "
                    + "External ID ciamlogin.com, or any OpenID issuer).")
    String authority;

    @Option(names = "--cloud", paramLabel = "CLOUD", defaultValue = "public",
            description = "Cloud for a bare tenant: public, usgov or china (default: ${DEFAULT-VALUE}).")
    String cloud;

    @Option(names = "--client-id", required = true, paramLabel = "ID", description = "The app registration's Application (client) ID.")
    String clientId;

    @Option(names = "--scope", paramLabel = "S",
            description = "A scope to request (repeatable); 'openid profile offline_access' are added for user sign-ins.")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--device-code", description = "Use the device code flow (sign in on any device with a code).")
    boolean deviceCode;

    @Option(names = "--client-secret-env", paramLabel = "VAR",
            description = "Client credentials: read the client secret from environment variable VAR.")
    String clientSecretEnv;

    @Option(names = "--certificate", paramLabel = "FILE", description = "Client credentials: a PEM (PKCS#8 key + certificate) or PFX file.")
    Path certificate;

    @Option(names = "--certificate-password-env", paramLabel = "VAR", description = "The PFX password, from environment variable VAR.")
    String certificatePasswordEnv;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Fixed loopback port for the redirect (default: a random free port).")
    int port;

    @Option(names = "--redirect-uri", paramLabel = "URI", description = "The loopback redirect URI as registered (default: http://localhost); the listener binds 127.0.0.1 only.")
    String redirectUri;

    @Option(names = "--prompt", paramLabel = "P", description = "prompt parameter: login, select_account, consent, none or create.")
    String prompt;

    @Option(names = "--login-hint", paramLabel = "USER", description = "login_hint: pre-fill the user name.")
    String loginHint;

    @Option(names = "--domain-hint", paramLabel = "DOMAIN",
            description = "domain_hint: skip home-realm discovery (e.g. contoso.com, consumers).")
    String domainHint;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "An extra authorization request parameter (repeatable).")
    List<String> params = new ArrayList<>();

    @Option(names = "--spa-origin", paramLabel = "URL",
            description = "Send this Origin on the token request, as an SPA would (for SPA-only redirect URIs; off by default).")
    String spaOrigin;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the browser redirect (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--no-browser", description = "Do not open a browser; print the URL to open by hand.")
    boolean noBrowser;

    @Option(names = "--id-token", description = "Inspect the ID token instead of the access token.")
    boolean inspectIdToken;

    @Option(names = "--refresh", description = "After signing in, redeem the refresh token once and inspect the new access token.")
    boolean refresh;

    @Option(names = "--audience", paramLabel = "A", description = "An audience the API accepts; repeatable (as in inspect).")
    List<String> audiences = new ArrayList<>();

    @Option(names = "--tenant", paramLabel = "T", description = "A tenant id the API accepts; repeatable.")
    List<String> tenants = new ArrayList<>();

    @Option(names = "--client", paramLabel = "C", description = "A client application id allowed to call the API; repeatable.")
    List<String> clients = new ArrayList<>();

    @Option(names = "--require-scope", paramLabel = "S",
            description = "A delegated scope the token must grant (inspect's --scope); repeatable.")
    List<String> requiredScopes = new ArrayList<>();

    @Option(names = "--require-role", paramLabel = "R", description = "An app role the token must grant (inspect's --role); repeatable.")
    List<String> requiredRoles = new ArrayList<>();

    @Option(names = "--skew", paramLabel = "SECONDS", defaultValue = "300",
            description = "Allowed clock skew in seconds (default: ${DEFAULT-VALUE}).")
    long skewSeconds;

    @Option(names = "--issuer", paramLabel = "ISS",
            description = "An issuer the API accepts (exact iss; {tenantid} stands for the token's tid); "
            + "repeatable. Without it Microsoft's authorities are trusted and any other issuer leaves the verdict undetermined.")
    List<String> issuers = new ArrayList<>();

    @Option(names = "--json", description = "Print {\"signIn\": …, \"report\": …} as JSON (the report as in inspect --json).")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Print the flow log: every HTTP exchange, secrets and tokens redacted.")
    boolean verbose;

    @Option(names = "--no-color", description = "No ANSI colours.")
    boolean noColor;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<SignInClient> signInClients;
    private final Function<PrintWriter, BrowserLauncher> browsers;
    private final Supplier<Inspector> inspectors;
    private final Function<String, String> env;

    /** The environment lookup for --client-secret-env and --certificate-password-env. */
    Function<String, String> env() {
        return env;
    }

    /** Production: system browser, network inspector, the process environment. */
    public LoginCommand() {
        this(SignInClient::standard, null, () -> Inspector.standard(false), System::getenv);
    }

    /**
     * For tests and embedding.
     *
     * @param browser null for the system browser ({@link DesktopBrowserLauncher})
     * @param env     environment lookup for --client-secret-env and --certificate-password-env
     */
    public LoginCommand(Supplier<SignInClient> client, BrowserLauncher browser, Supplier<Inspector> inspector,
            Function<String, String> env) {
        this.signInClients = client;
        this.browsers = browser == null ? null : out -> browser;
        this.inspectors = inspector;
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SignInRequest request;
        try {
            request = request(); // every usage error before any network traffic
        } catch (IllegalArgumentException | UsageException e) {
            return Errors.usage(spec, e.getMessage());
        }
        Grant flow = grant();
        LoginOutput output = new LoginOutput(json, verbose, inspectIdToken, Commands.useColor(noColor));
        FlowLog log = new FlowLog();
        Cancellation cancel = new Cancellation();
        SignInClient client = signInClients.get();
        err.println("Signing in to " + request.authority().describe() + " as client " + request.clientId() + " (" + flowName(flow) + ")…");
        err.flush();
        TokenSet tokens;
        try {
            tokens = switch (flow) {
                case DEVICE_CODE -> client.deviceCode(request, info -> output.deviceCode(info, err), log, cancel);
                case CLIENT_CREDENTIALS -> client.clientCredentials(request, log, cancel);
                default -> client.authorizationCode(request, browser(err), log, cancel);
            };
            if (refresh) {
                if (tokens.refreshToken().isEmpty()) {
                    err.println("No refresh token came back (was offline_access granted?); inspecting the first access token.");
                } else {
                    err.println("Redeeming the refresh token…");
                    tokens = client.refresh(request, tokens.refreshToken().get(), log, cancel);
                }
            }
        } catch (SignInException e) {
            output.failure(e, log, out, err);
            return SIGN_IN_FAILED;
        }
        String token = inspectIdToken ? tokens.idToken().orElse(null) : tokens.accessToken();
        if (token == null) {
            err.println("tokenscope login: no ID token came back (request the openid scope)");
            output.printLog(log, err);
            return SIGN_IN_FAILED;
        }
        Report report = inspectors.get().inspect(token, profile());
        output.signedIn(request, tokens, log, report, out, err);
        err.flush();
        return Commands.exitStatus(report.verdict());
    }

    private BrowserLauncher browser(PrintWriter err) {
        return browsers != null ? browsers.apply(err) : new DesktopBrowserLauncher(err, !noBrowser);
    }

    /** The grant's name in the CLI's sentences. */
    static String flowName(Grant flow) {
        return flow == Grant.AUTHORIZATION_CODE ? flow.label() + " in the browser" : flow.label();
    }

    /** The grant the options choose: --device-code, else client credentials with a secret or certificate, else the browser. */
    Grant grant() {
        return deviceCode ? Grant.DEVICE_CODE : clientSecretEnv != null || certificate != null ? Grant.CLIENT_CREDENTIALS
                : Grant.AUTHORIZATION_CODE;
    }

    /** The options as the shared sign-in form (the GUI's parser: same rules, same messages); {@code secret} from the environment. */
    SignInForm form(String secret) {
        return new SignInForm().grant(grant()).authority(authority).cloud(Authority.Cloud.parse(cloud)).clientId(clientId).scopes(scopes)
                .prompt(prompt).loginHint(loginHint).domainHint(domainHint).extraParameters(params)
                .port(port == 0 ? "" : String.valueOf(port)).redirectUri(redirectUri).spaOrigin(spaOrigin)
                .timeoutSeconds(String.valueOf(timeoutSeconds))
                .credential(certificate != null ? SignInForm.Credential.CERTIFICATE : SignInForm.Credential.SECRET).clientSecret(secret)
                .certificatePath(certificate == null ? null : certificate.toString());
    }

    private SignInRequest request() throws UsageException {
        LoginUsage.check(this); // the CLI's own checks (names, contradictions), before the form shared with the window
        String secret = null;
        if (clientSecretEnv != null) {
            secret = env.apply(clientSecretEnv);
            if (secret == null || secret.isEmpty()) {
                throw new UsageException("environment variable " + clientSecretEnv + " (--client-secret-env) is not set or empty: "
                        + "set it (export " + clientSecretEnv + "=…) before running login");
            }
        }
        SignInRequest r = form(secret).request();
        if (certificate == null) return r;
        char[] pw = null;
        if (certificatePasswordEnv != null) {
            String v = env.apply(certificatePasswordEnv);
            if (v == null) throw new UsageException("environment variable " + certificatePasswordEnv
                    + " (--certificate-password-env) is not set");
            pw = v.toCharArray();
        }
        try {
            return SignInForm.withCertificate(r, certificate, pw);
        } catch (IOException e) {
            throw new UsageException("could not read the certificate " + certificate + ": " + Shown.message(e.getMessage()));
        } finally {
            if (pw != null) Arrays.fill(pw, '\0');
        }
    }

    private ValidationProfile profile() {
        return new ValidationProfile(audiences, tenants, clients, requiredScopes, requiredRoles, Duration.ofSeconds(skewSeconds), null,
                null, null, false, issuers);
    }
}
