package dev.tokenscope.cli;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code login}'s command line checked before any network traffic (then turned into a request by the sign-in form shared
 * with the window): empty values,
 * out-of-range numbers and contradictory options are usage errors (exit 2), never a sign-in that fails (exit 3).
 */
final class LoginUsage {
    private LoginUsage() {
    }

    /** The prompt values Entra knows. */
    static final List<String> PROMPTS = List.of("login", "select_account", "consent", "none", "create");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The checks that need nothing but the command line. */
    static void check(LoginCommand c) throws UsageException {
        for (Map.Entry<String, String> o : Map.of("--authority", c.authority, "--client-id", c.clientId).entrySet()) {
            if (o.getValue() == null || o.getValue().isBlank()) throw new UsageException(o.getKey()
                    + " was given an empty value: give a value");
        }
        try {
            for (Map.Entry<String, List<String>> o : Map.of("--scope", c.scopes, "--audience", c.audiences, "--tenant", c.tenants,
                    "--client", c.clients, "--require-scope", c.requiredScopes, "--require-role", c.requiredRoles, "--issuer", c.issuers)
                    .entrySet()) {
                ValidationOptions.notBlank(o.getKey(), o.getValue());
            }
            ValidationOptions.checkSkew("--skew", c.skewSeconds);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        // --timeout and --port: the sign-in form's rules, shared with the window (SignInForm)
        if (c.prompt != null && !PROMPTS.contains(c.prompt)) {
            throw new UsageException("--prompt takes " + String.join(", ", PROMPTS) + ", not " + Shown.value(c.prompt));
        }
        for (String env : new String[]{c.clientSecretEnv, c.certificatePasswordEnv}) {
            if (env != null && !ENV_NAME.matcher(env).matches()) {
                String option = env.equals(c.clientSecretEnv) ? "--client-secret-env" : "--certificate-password-env";
                throw new UsageException(option + " takes the NAME of an environment variable (letters, digits, _), not a value; the "
                        + "value given looks like " + (Shown.secretLike(env) ? "the secret itself and was not printed" : "something else: "
                        + Shown.value(env)) + ". Set MY_SECRET=… and pass " + option + " MY_SECRET");
            }
        }
        boolean appOnly = c.clientSecretEnv != null || c.certificate != null;
        if (c.clientSecretEnv != null && c.certificate != null) {
            throw new UsageException("give either --client-secret-env or --certificate, not both");
        }
        if (c.certificatePasswordEnv != null && c.certificate == null) {
            throw new UsageException("--certificate-password-env needs --certificate");
        }
        if (appOnly && c.deviceCode) {
            throw new UsageException("--device-code signs a user in on a public client; --client-secret-env/--certificate are for client "
                    + "credentials (an app-only token): give one or the other");
        }
        if (appOnly && c.scopes.isEmpty()) {
            throw new UsageException("client credentials need the resource: add --scope <resource>/.default (e.g. api://my-api/.default)");
        }
        if (appOnly && c.inspectIdToken) throw new UsageException("client credentials give no ID token; drop --id-token");
        if (appOnly && c.refresh) throw new UsageException("client credentials give no refresh token; drop --refresh");
    }
}
