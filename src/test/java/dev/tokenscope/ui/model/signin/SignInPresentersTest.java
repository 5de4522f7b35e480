package dev.tokenscope.ui.model.signin;

import dev.tokenscope.engine.signin.AadstsCatalogue;
import dev.tokenscope.engine.signin.DeviceCodeInfo;
import dev.tokenscope.engine.signin.Grant;
import dev.tokenscope.engine.signin.OAuthError;
import dev.tokenscope.engine.signin.Secret;
import dev.tokenscope.engine.signin.SignInException;
import dev.tokenscope.engine.signin.SignInException.Kind;
import dev.tokenscope.engine.signin.TokenSet;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sign-in window's texts, without a screen. */
class SignInPresentersTest {
    static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void statusLinesByGrant() {
        assertEquals("Opening the browser for the sign-in…", SignInTexts.starting(Grant.AUTHORIZATION_CODE));
        assertEquals("Asking for a device code…", SignInTexts.starting(Grant.DEVICE_CODE));
        assertEquals("Requesting an app-only token…", SignInTexts.starting(Grant.CLIENT_CREDENTIALS));
        assertEquals("Redeeming the refresh token…", SignInTexts.starting(Grant.REFRESH_TOKEN));
        assertEquals("Signed in (browser: authorization code + pkce): the access token is in the inspector.",
                SignInTexts.landed(Grant.AUTHORIZATION_CODE));
        assertEquals("Signed in (device code): the access token is in the inspector.", SignInTexts.landed(Grant.DEVICE_CODE));
        assertEquals("Signed in (client credentials (app-only)): the access token is in the inspector.",
                SignInTexts.landed(Grant.CLIENT_CREDENTIALS));
        assertEquals("Refreshed: the access token is in the inspector.", SignInTexts.landed(Grant.REFRESH_TOKEN));
        assertEquals("Cancelled: the device code flow stopped polling.", SignInTexts.cancelled(true));
        assertEquals("Cancelled.", SignInTexts.cancelled(false));
        assertEquals("Sign-in failed: two\\u000alines", SignInTexts.failed("two\nlines"), "one line, its breaks shown escaped");
        assertEquals("client credentials (app-only)", SignInTexts.grantName(Grant.CLIENT_CREDENTIALS));
        assertEquals("authorization code + PKCE", SignInTexts.grantName(Grant.AUTHORIZATION_CODE));
        assertEquals("Advanced options", SignInTexts.advancedTitle(Grant.AUTHORIZATION_CODE));
        assertEquals("Advanced options (browser sign-in only)", SignInTexts.advancedTitle(Grant.DEVICE_CODE));
        assertTrue(SignInTexts.scopesHint(Grant.CLIENT_CREDENTIALS).startsWith("App-only: the API's {resource}/.default"));
        assertEquals("openid profile offline_access are always added", SignInTexts.scopesHint(Grant.DEVICE_CODE));
    }

    @Test
    void theBrowserWaitNamesTheListener() {
        URI u = URI.create("https://login.example.com/authorize?client_id=c&redirect_uri=http%3A%2F%2Flocalhost%3A51234&state=s");
        assertEquals("Waiting for the browser to come back to 127.0.0.1:51234…", SignInTexts.waitingForBrowser(u));
        assertEquals("", SignInTexts.listenerOf(URI.create("https://login.example.com/authorize?client_id=c")));
        assertEquals("", SignInTexts.listenerOf(URI.create("https://login.example.com/authorize")));
    }

    @Test
    void theDeviceCodeMessageEscapesTheProvidersWords() {
        DeviceCodeInfo i = new DeviceCodeInfo("ABCD-EFGH", "https://microsoft.com/devicelogin", null, Duration.ofMinutes(15), Duration.ofSeconds(5),
                NOON.plusSeconds(900), "To sign in, \u001b[31muse a web browser");
        String m = SignInTexts.deviceMessage(i, ZoneOffset.UTC);
        assertTrue(m.endsWith("\nThe code expires at 12:15:00; Tokenscope asks every 5 s whether the sign-in is done."), m);
        assertTrue(!m.contains("\u001b"), "control characters are shown escaped");
        assertEquals("Waiting for the sign-in on the other device (polling every 5 s)…", SignInTexts.waitingForDevice(i));
        assertEquals("15:00", SignInTexts.remaining(Duration.ofSeconds(900)));
        assertEquals("expired", SignInTexts.remaining(Duration.ZERO));
    }

    @Test
    void errorCardByCause() {
        SignInException port = new SignInException(Kind.PORT_IN_USE, "port 8400 is in use");
        assertEquals("What to do", SignInErrorPresenter.headline(port));
        assertEquals("Leave Port empty for a random free port, or close the program using it.", SignInErrorPresenter.hint(port));
        assertNull(SignInErrorPresenter.fallback(port));
        SignInException invalid = new SignInException(Kind.INVALID_RESPONSE, "no access_token");
        assertNull(SignInErrorPresenter.hint(invalid));
        assertEquals("The flow log below shows each exchange with the provider up to the failure.", SignInErrorPresenter.fallback(invalid));
        assertTrue(SignInErrorPresenter.copyText(invalid, "LOG").endsWith("Flow log:" + System.lineSeparator() + "LOG"));
        for (Kind k : List.of(Kind.TIMEOUT, Kind.BROWSER, Kind.STATE_MISMATCH, Kind.NONCE_MISMATCH, Kind.DISCOVERY, Kind.NETWORK)) {
            assertTrue(SignInErrorPresenter.hint(new SignInException(k, "x")) != null, k.name());
        }
    }

    @Test
    void anOAuthErrorIsExplainedFromTheCatalogue() {
        OAuthError o =
                new OAuthError(400, "unauthorized_client", "AADSTS700016: Application not found.", List.of(700016L, 1L), "corr-1",
                "trace-1",
                "2026-03-01 12:00:00Z", null, null);
        SignInException e = new SignInException(Kind.OAUTH_ERROR, "the token endpoint refused", o, null);
        assertEquals("What the provider answered", SignInErrorPresenter.headline(e));
        assertNull(SignInErrorPresenter.fallback(e));
        AadstsCatalogue.Entry x = AadstsCatalogue.get().lookup(700016).orElseThrow();
        SignInErrorPresenter.Card c = SignInErrorPresenter.cards(o).get(0);
        assertEquals(700016L, c.code());
        assertTrue(c.summary().startsWith("AADSTS700016"), c.summary());
        assertEquals(x.explanation(), c.explanation());
        assertEquals("Fix: " + x.fix().replace("--spa-origin", "the SPA Origin option"), c.fix());
        assertEquals(List.of("AADSTS1 is not in Tokenscope's catalogue: look it up at https://login.microsoftonline.com/error?code=1"),
                SignInErrorPresenter.unknownCodes(o));
        List<Fact> facts = SignInErrorPresenter.facts(o);
        assertEquals(new Fact("error", "unauthorized_client (HTTP 400)"), facts.get(0));
        assertTrue(facts.contains(new Fact("error codes", "AADSTS700016, AADSTS1")), facts.toString());
        assertTrue(facts.contains(new Fact("correlation id", "corr-1")), facts.toString());
        assertEquals("unauthorized_client (in the redirect)",
                SignInErrorPresenter.facts(new OAuthError(0, "unauthorized_client", null, null, null, null, null, null, null)).get(0)
                .value());
    }

    @Test
    void theResultSaysWhatCameBackAndWhichScopesWereGranted() {
        TokenSet t = new TokenSet(Grant.DEVICE_CODE, "https://login.example.com/t/v2.0", "app-1", Secret.of("at"), Secret.of("id"), null, "Bearer",
                3600L, List.of("openid", "api://x/read", "api://x/write"), List.of("openid", "api://x/read", "api://x/admin"), NOON);
        List<Fact> facts = SignInResultPresenter.facts(t, ZoneOffset.UTC);
        assertEquals(List.of(new Fact("access token", "Bearer, expires in 60 min (13:00:00)"), new Fact("ID token", "received"),
                new Fact("refresh token", "none"), new Fact("flow", "device code, obtained at 12:00:00"),
                new Fact("authority", "https://login.example.com/t/v2.0"), new Fact("client", "app-1")), facts);
        List<SignInResultPresenter.ScopeRow> rows = SignInResultPresenter.scopeRows(t.scopes());
        assertEquals(List.of("Requested", "Granted", "Not granted", "Also granted", "In the token"), rows.stream()
                .map(SignInResultPresenter.ScopeRow::label).toList());
        assertEquals(List.of("api://x/write"), rows.get(2).scopes());
        assertEquals("scope-missing", rows.get(2).style());
        assertEquals("scopes-in-the-token", rows.get(4).id());
        assertEquals("Show the ID token in the inspector", SignInResultPresenter.idTokenTooltip(t));
        assertTrue(SignInResultPresenter.refreshTooltip(t).startsWith("No refresh token came back"));
        assertTrue(SignInResultPresenter.idTokenTooltip(null).startsWith("No ID token came back"));
        TokenSet app =
                new TokenSet(Grant.CLIENT_CREDENTIALS, "a", "c", Secret.of("at"), null, null, null, null, List.of("api://x/.default"), null,
                NOON);
        assertEquals(new Fact("access token", "expires not reported"), SignInResultPresenter.facts(app, ZoneOffset.UTC).get(0));
        assertEquals("client credentials (app-only), obtained at 12:00:00", SignInResultPresenter.facts(app, ZoneOffset.UTC).get(3)
                .value());
        assertEquals(List.of("Requested", "Granted", "In the token"), SignInResultPresenter.scopeRows(app.scopes()).stream()
                .map(SignInResultPresenter.ScopeRow::label).toList());
    }
}
