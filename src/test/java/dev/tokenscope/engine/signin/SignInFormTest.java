package dev.tokenscope.engine.signin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one sign-in parser: its rules, its messages, and the grant it serves. */
class SignInFormTest {
    static SignInForm valid() {
        return new SignInForm().authority("contoso.onmicrosoft.com").clientId(" app-1 ").scopes(List.of("api://orders/read"));
    }

    static String problem(SignInForm f) {
        return assertThrows(IllegalArgumentException.class, f::request).getMessage();
    }

    @Test
    void aValidFormIsOneRequest() {
        SignInRequest r = valid().prompt("login").loginHint("alice@contoso.com").extraParameters(List.of(" dc = x ", "", "claims={}"))
                .port("8400").redirectUri(" http://127.0.0.1/cb ").spaOrigin("https://SPA.example.com/").timeoutSeconds("120").request();
        assertEquals("app-1", r.clientId());
        assertEquals(List.of("api://orders/read"), r.scopes());
        assertEquals(Map.of("dc", "x", "claims", "{}"), r.extraParameters());
        assertEquals(8400, r.port());
        assertEquals("http://127.0.0.1/cb", r.redirectUri());
        assertEquals("https://spa.example.com", r.spaOrigin());
        assertEquals(Duration.ofSeconds(120), r.timeout());
        assertEquals("login", r.prompt());
        assertNull(r.clientSecret());
    }

    @Test
    void emptyOptionsAreTheDefaults() {
        SignInRequest r = valid().port("").timeoutSeconds(" ").redirectUri("").spaOrigin("").request();
        assertEquals(0, r.port());
        assertEquals(SignInRequest.DEFAULT_TIMEOUT, r.timeout());
        assertEquals(SignInRequest.DEFAULT_REDIRECT, r.redirectUri());
        assertNull(r.spaOrigin());
    }

    @Test
    void oneTimeoutRuleAndOnePortRule() {
        assertEquals(Duration.ofSeconds(1), SignInForm.parseTimeout("1"));
        assertEquals(Duration.ofSeconds(3600), SignInForm.parseTimeout("3600"));
        assertNull(SignInForm.parseTimeout(""));
        for (String bad : List.of("0", "-1", "3601", "5m")) {
            assertEquals("Timeout: seconds from 1 to 3600, or empty for 300 (not \"" + bad + "\")", problem(valid().timeoutSeconds(bad)));
        }
        assertEquals(1, SignInForm.parsePort("1"));
        assertEquals(65535, SignInForm.parsePort(" 65535 "));
        assertEquals(0, SignInForm.parsePort(null));
        for (String bad : List.of("0", "65536", "80a", "-1")) {
            assertEquals("Port: a number from 1 to 65535, or empty for a random free port (not \"" + bad + "\")",
                    problem(valid().port(bad)));
        }
    }

    @Test
    void eachProblemNamesItsField() {
        assertTrue(problem(valid().authority("not a/tenant")).startsWith("Authority: "));
        assertTrue(problem(valid().authority("http://login.example.com/x")).startsWith("Authority: the authority must use https://"));
        assertEquals("Client id: give the app registration's Application (client) ID", problem(valid().clientId(" ")));
        assertEquals("Extra parameters: one NAME=VALUE per line, not \"claims\"", problem(valid().extraParameters(List.of("claims"))));
        assertEquals("Extra parameters: one NAME=VALUE per line, not \"=x\"",
                problem(valid().extraParameters(SignInForm.lines("a=1\n=x"))));
        assertTrue(problem(valid().extraParameters(List.of("client_id=other")))
                .startsWith("The extra parameter \"client_id\" is set by the flow itself"));
        assertTrue(problem(valid().redirectUri("https://app.example.com/cb")).startsWith("The redirect URI must be a loopback one"));
        assertTrue(problem(valid().spaOrigin("spa.example.com")).startsWith("The SPA origin must look like"));
    }

    @Test
    void clientCredentialsNeedAResourceScopeAndACredential() {
        SignInForm cc = valid().grant(Grant.CLIENT_CREDENTIALS);
        assertTrue(problem(new SignInForm().authority("organizations").clientId("c").grant(Grant.CLIENT_CREDENTIALS)
                .scopes(List.of(" ", ","))).startsWith("Scopes: client credentials need"));
        assertEquals("Client secret: paste the secret's value (kept in memory only), or choose a certificate", problem(cc));
        assertEquals("Certificate: choose a PEM (PKCS#8 key + certificate) or PFX file",
                problem(valid().grant(Grant.CLIENT_CREDENTIALS).credential(SignInForm.Credential.CERTIFICATE).certificatePath(" ")));
        SignInRequest r = valid().grant(Grant.CLIENT_CREDENTIALS).clientSecret("s3cret").request();
        assertEquals("s3cret", r.clientSecret().reveal());
        SignInForm withCert = valid().grant(Grant.CLIENT_CREDENTIALS).credential(SignInForm.Credential.CERTIFICATE)
                .certificatePath(" app.pfx ");
        assertEquals(Path.of("app.pfx"), withCert.certificateFile());
        assertNull(withCert.request().certificate(), "the certificate is read separately");
        assertTrue(problem(valid().grant(Grant.DEVICE_CODE).clientId("")).startsWith("Client id: "),
                "user grants need no credential, but a client");
    }

    @Test
    void anUnreadableCertificateIsOneMessage(@TempDir Path tmp) {
        Path missing = tmp.resolve("missing.pem");
        char[] pw = "pw".toCharArray();
        IOException e = assertThrows(IOException.class, () -> SignInForm.withCertificate(valid().request(), missing, pw));
        assertTrue(e.getMessage().startsWith("could not read the certificate " + missing + ": "), e.getMessage());
        assertEquals("\0\0", new String(pw), "the password is wiped");
    }

    @Test
    void oneGrantEnumForTheWireTheProfilesAndTheSentences() {
        assertEquals(List.of("authorization_code", "device_code", "client_credentials", "refresh_token"),
                Arrays.stream(Grant.values()).map(Grant::grantType).toList());
        for (Grant g : Grant.values()) {
            if (g.selectable()) assertEquals(g, Grant.ofProfileValue(g.profileValue().toUpperCase()));
        }
        assertEquals(Grant.AUTHORIZATION_CODE, Grant.ofProfileValue(null));
        assertEquals("unknown sign-in flow \"refresh\": browser, device or client-credentials",
                assertThrows(IllegalArgumentException.class, () -> Grant.ofProfileValue("refresh")).getMessage());
        assertEquals("authorization code + PKCE", Grant.AUTHORIZATION_CODE.label());
        assertTrue(Grant.CLIENT_CREDENTIALS.appOnly());
        assertEquals(Grant.DEVICE_CODE,
                new SignInProfile("p", "Device", "organizations", null, "c", null, null, null, null, null, null, null,
                null, null, null).grant());
    }
}
