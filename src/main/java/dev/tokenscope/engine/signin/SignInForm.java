package dev.tokenscope.engine.signin;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sign-in as a person gives it, as text (the GUI's form fields, or {@code login}'s options), and the one parser that
 * turns it into a {@link SignInRequest}: the GUI and the CLI both go through {@link #request()}, so they share one
 * port rule, one timeout rule, one way to read extra parameters and one set of messages. A problem is an
 * {@link IllegalArgumentException} whose message names the field ("Timeout: …") and what to do.
 * <p>
 * The parser applies every option it is given; a face that ignores options for some grants (the GUI's advanced
 * options are the browser's only) leaves them out. The certificate is read separately ({@link #withCertificate}), as
 * reading a PFX may be slow and the GUI does it off the FX thread.
 */
public final class SignInForm {
    /** The longest wait for the browser's redirect. */
    public static final long MAX_TIMEOUT_SECONDS = 3600;

    /** How a confidential client proves itself in the client credentials grant. */
    public enum Credential { SECRET, CERTIFICATE }

    private Grant grant = Grant.AUTHORIZATION_CODE;
    private String authority;
    private Authority.Cloud cloud = Authority.Cloud.PUBLIC;
    private String clientId;
    private final List<String> scopes = new ArrayList<>();
    private String prompt, loginHint, domainHint, port, redirectUri, spaOrigin, timeoutSeconds;
    private final List<String> extraParameters = new ArrayList<>();
    private Credential credential = Credential.SECRET;
    private String clientSecret;
    private String certificatePath;

    public SignInForm grant(Grant g) { grant = g == null ? Grant.AUTHORIZATION_CODE : g; return this; }

    /** Tenant (GUID, domain, common, organizations, consumers) or authority URL. */
    public SignInForm authority(String a) { authority = a; return this; }

    /** The cloud of a bare tenant (null = public). */
    public SignInForm cloud(Authority.Cloud c) { cloud = c; return this; }

    public SignInForm clientId(String id) { clientId = id; return this; }

    /** Adds scopes; each item may hold several, separated by spaces or commas. */
    public SignInForm scopes(List<String> s) { if (s != null) scopes.addAll(s); return this; }

    public SignInForm prompt(String p) { prompt = p; return this; }

    public SignInForm loginHint(String h) { loginHint = h; return this; }

    public SignInForm domainHint(String h) { domainHint = h; return this; }

    /** Extra authorization parameters, each NAME=VALUE (blank items are ignored). */
    public SignInForm extraParameters(List<String> nameValues) { if (nameValues != null) extraParameters.addAll(nameValues); return this; }

    /** Fixed loopback port, 1 to 65535; empty or null = a random free port. */
    public SignInForm port(String p) { port = p; return this; }

    /** Loopback redirect URI as registered; empty or null = http://localhost. */
    public SignInForm redirectUri(String u) { redirectUri = u; return this; }

    /** The Origin to send on token requests (SPA emulation); empty or null = none. */
    public SignInForm spaOrigin(String o) { spaOrigin = o; return this; }

    /** Seconds to wait for the browser's redirect, 1 to {@value #MAX_TIMEOUT_SECONDS}; empty or null = 300. */
    public SignInForm timeoutSeconds(String t) { timeoutSeconds = t; return this; }

    /** Which credential the client credentials grant needs (the secret's or the certificate's message when missing). */
    public SignInForm credential(Credential c) { credential = c == null ? Credential.SECRET : c; return this; }

    /** The client secret (in memory only); empty or null = none. */
    public SignInForm clientSecret(String s) { clientSecret = s; return this; }

    /** The certificate file (PEM or PFX); empty or null = none. Read by {@link #withCertificate}. */
    public SignInForm certificatePath(String p) { certificatePath = p; return this; }

    public Grant grant() { return grant; }

    /** The certificate file to read, or null when none was given. */
    public Path certificateFile() {
        return blankToNull(certificatePath) == null ? null : Path.of(certificatePath.strip());
    }

    /**
     * The request these values describe (without the certificate: see {@link #withCertificate}).
     *
     * @throws IllegalArgumentException naming the field and what to do
     */
    public SignInRequest request() {
        Authority a;
        try {
            a = Authority.parse(authority, cloud == null ? Authority.Cloud.PUBLIC : cloud);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Authority: " + e.getMessage());
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("Client id: give the app registration's Application (client) ID");
        }
        SignInRequest.Builder b = SignInRequest.builder(a, clientId.strip()).scopes(scopes);
        b.prompt(prompt).loginHint(loginHint).domainHint(domainHint);
        parseExtra(extraParameters).forEach(b::extra);
        b.port(parsePort(port)).redirectUri(blankToNull(redirectUri)).timeout(parseTimeout(timeoutSeconds));
        b.spaOrigin(blankToNull(spaOrigin));
        if (grant == Grant.CLIENT_CREDENTIALS) {
            if (scopes.stream().allMatch(x -> x == null || x.replaceAll("[\\s,]+", "").isEmpty())) {
                throw new IllegalArgumentException(
                        "Scopes: client credentials need the API's {resource}/.default, e.g. api://orders-api/.default");
            }
            if (credential == Credential.SECRET && (clientSecret == null || clientSecret.isEmpty())) {
                throw new IllegalArgumentException(
                        "Client secret: paste the secret's value (kept in memory only), or choose a certificate");
            }
            if (credential == Credential.CERTIFICATE && certificateFile() == null) {
                throw new IllegalArgumentException("Certificate: choose a PEM (PKCS#8 key + certificate) or PFX file");
            }
        }
        if (clientSecret != null && !clientSecret.isEmpty()) b.clientSecret(Secret.of(clientSecret));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(capitalise(e.getMessage()));
        }
    }

    /**
     * {@code r} with the client certificate read from {@code file}; the password is wiped afterwards.
     *
     * @throws IOException "could not read the certificate FILE: why"
     */
    public static SignInRequest withCertificate(SignInRequest r, Path file, char[] password) throws IOException {
        try {
            return r.toBuilder().certificate(ClientCertificate.fromFile(file, password)).build();
        } catch (IOException e) {
            throw new IOException("could not read the certificate " + file + ": " + e.getMessage(), e);
        } finally {
            if (password != null) Arrays.fill(password, '\0');
        }
    }

    /** 0 (a random port) for empty text, else 1 to 65535. */
    public static int parsePort(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) return 0;
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) return p;
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("Port: a number from 1 to 65535, or empty for a random free port (not \"" + s + "\")");
    }

    /** Null (the default) for empty text, else 1 to {@value #MAX_TIMEOUT_SECONDS} seconds. */
    public static Duration parseTimeout(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) return null;
        try {
            long v = Long.parseLong(s);
            if (v > 0 && v <= MAX_TIMEOUT_SECONDS) return Duration.ofSeconds(v);
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("Timeout: seconds from 1 to " + MAX_TIMEOUT_SECONDS + ", or empty for "
                + SignInRequest.DEFAULT_TIMEOUT.toSeconds() + " (not \"" + s + "\")");
    }

    /** NAME=VALUE items (blank ones ignored; names and values stripped). */
    public static Map<String, String> parseExtra(List<String> items) {
        Map<String, String> out = new LinkedHashMap<>();
        if (items == null) return out;
        for (String item : items) {
            String l = item == null ? "" : item.strip();
            if (l.isEmpty()) continue;
            int eq = l.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("Extra parameters: one NAME=VALUE per line, not \"" + l + "\"");
            out.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        return out;
    }

    /** The lines of a multi-line field (for {@link #extraParameters}). */
    public static List<String> lines(String text) {
        return text == null ? List.of() : List.of(text.split("\\R"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String capitalise(String s) {
        return s == null || s.isEmpty() ? "Invalid input" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
