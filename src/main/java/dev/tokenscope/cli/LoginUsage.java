package dev.tokenscope.cli;

import dev.tokenscope.engine.signin.Authority;
import dev.tokenscope.engine.signin.ClientCertificate;
import dev.tokenscope.engine.signin.Secret;
import dev.tokenscope.engine.signin.SignInRequest;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code login}'s command line checked and turned into a sign-in request, before any network traffic: empty values,
 * out-of-range numbers and contradictory options are usage errors (exit 2), never a sign-in that fails (exit 3).
 */
final class LoginUsage {
    private LoginUsage() {
    }

    /** The prompt values Entra knows. */
    static final List<String> PROMPTS = List.of("login", "select_account", "consent", "none", "create");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static SignInRequest request(LoginCommand c) throws LoginCommand.UsageError {
        check(c);
        Authority a = Authority.parse(c.authority, Authority.Cloud.parse(c.cloud));
        SignInRequest.Builder b = SignInRequest.builder(a, c.clientId).scopes(c.scopes).prompt(c.prompt).loginHint(c.loginHint)
                .domainHint(c.domainHint).port(c.port).redirectUri(c.redirectUri).timeout(Duration.ofSeconds(c.timeoutSeconds))
                .spaOrigin(c.spaOrigin);
        for (String p : c.params) {
            int eq = p.indexOf('=');
            if (eq <= 0) throw new LoginCommand.UsageError("--param takes NAME=VALUE, not " + Shown.value(p));
            b.extra(p.substring(0, eq), p.substring(eq + 1));
        }
        if (c.clientSecretEnv != null) {
            String v = c.env().apply(c.clientSecretEnv);
            if (v == null || v.isEmpty()) {
                throw new LoginCommand.UsageError("environment variable " + c.clientSecretEnv + " (--client-secret-env) is not set or empty: "
                        + "set it (export " + c.clientSecretEnv + "=…) before running login");
            }
            b.clientSecret(Secret.of(v));
        }
        if (c.certificate != null) {
            char[] pw = null;
            if (c.certificatePasswordEnv != null) {
                String v = c.env().apply(c.certificatePasswordEnv);
                if (v == null) throw new LoginCommand.UsageError("environment variable " + c.certificatePasswordEnv + " (--certificate-password-env) is not set");
                pw = v.toCharArray();
            }
            try {
                b.certificate(ClientCertificate.fromFile(c.certificate, pw));
            } catch (IOException e) {
                throw new LoginCommand.UsageError("could not read the certificate " + c.certificate + ": " + Shown.message(e.getMessage()));
            } finally {
                if (pw != null) java.util.Arrays.fill(pw, '\0');
            }
        }
        return b.build();
    }

    /** The checks that need nothing but the command line. */
    static void check(LoginCommand c) throws LoginCommand.UsageError {
        for (Map.Entry<String, String> o : Map.of("--authority", c.authority, "--client-id", c.clientId).entrySet()) {
            if (o.getValue() == null || o.getValue().isBlank()) throw new LoginCommand.UsageError(o.getKey() + " was given an empty value: give a value");
        }
        try {
            for (Map.Entry<String, List<String>> o : Map.of("--scope", c.scopes, "--audience", c.audiences, "--tenant", c.tenants, "--client", c.clients,
                    "--require-scope", c.requiredScopes, "--require-role", c.requiredRoles, "--issuer", c.issuers).entrySet()) {
                ValidationOptions.notBlank(o.getKey(), o.getValue());
            }
            ValidationOptions.checkSkew("--skew", c.skewSeconds);
        } catch (IllegalArgumentException e) {
            throw new LoginCommand.UsageError(e.getMessage());
        }
        if (c.timeoutSeconds <= 0 || c.timeoutSeconds > 86_400) throw new LoginCommand.UsageError("--timeout takes 1 to 86400 seconds, not " + c.timeoutSeconds);
        if (c.port < 0 || c.port > 65_535) throw new LoginCommand.UsageError("--port takes 1 to 65535 (or 0 for a random free port), not " + c.port);
        if (c.prompt != null && !PROMPTS.contains(c.prompt)) {
            throw new LoginCommand.UsageError("--prompt takes " + String.join(", ", PROMPTS) + ", not " + Shown.value(c.prompt));
        }
        for (String env : new String[]{c.clientSecretEnv, c.certificatePasswordEnv}) {
            if (env != null && !ENV_NAME.matcher(env).matches()) {
                String option = env.equals(c.clientSecretEnv) ? "--client-secret-env" : "--certificate-password-env";
                throw new LoginCommand.UsageError(option + " takes the NAME of an environment variable (letters, digits, _), not a value; the "
                        + "value given looks like " + (Shown.secretLike(env) ? "the secret itself and was not printed" : "something else: "
                        + Shown.value(env)) + ". Set MY_SECRET=… and pass " + option + " MY_SECRET");
            }
        }
        boolean appOnly = c.clientSecretEnv != null || c.certificate != null;
        if (c.clientSecretEnv != null && c.certificate != null) throw new LoginCommand.UsageError("give either --client-secret-env or --certificate, not both");
        if (c.certificatePasswordEnv != null && c.certificate == null) throw new LoginCommand.UsageError("--certificate-password-env needs --certificate");
        if (appOnly && c.deviceCode) {
            throw new LoginCommand.UsageError("--device-code signs a user in on a public client; --client-secret-env/--certificate are for client "
                    + "credentials (an app-only token): give one or the other");
        }
        if (appOnly && c.scopes.isEmpty()) {
            throw new LoginCommand.UsageError("client credentials need the resource: add --scope <resource>/.default (e.g. api://my-api/.default)");
        }
        if (appOnly && c.inspectIdToken) throw new LoginCommand.UsageError("client credentials give no ID token; drop --id-token");
        if (appOnly && c.refresh) throw new LoginCommand.UsageError("client credentials give no refresh token; drop --refresh");
    }
}
