package dev.tokenscope.ui;

import dev.tokenscope.engine.Json;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.signin.AadstsCatalogue;
import dev.tokenscope.engine.signin.BrowserLauncher;
import dev.tokenscope.engine.signin.FlowLog;
import dev.tokenscope.engine.signin.OAuthError;
import dev.tokenscope.engine.signin.SignInClient;
import dev.tokenscope.engine.signin.SignInException;
import dev.tokenscope.engine.signin.SignInProfile;
import dev.tokenscope.engine.signin.TokenSet;
import dev.tokenscope.ui.model.FlowLogPresenter;
import dev.tokenscope.ui.model.InspectorViewModel;
import dev.tokenscope.ui.model.ProfileStore;
import dev.tokenscope.ui.model.SignInProfileStore;
import dev.tokenscope.ui.model.SignInViewModel;
import dev.tokenscope.ui.model.SignInViewModel.Flow;
import dev.tokenscope.ui.model.SignInViewModel.Phase;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static dev.tokenscope.ui.UiFixtures.await;
import static dev.tokenscope.ui.UiFixtures.fx;
import static dev.tokenscope.ui.UiFixtures.fxGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sign-in view model without a window: the form, each flow against a loopback provider, refresh, errors, profiles. */
@Timeout(60)
class SignInViewModelTest {
    static FakeSignInServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        UiFixtures.startToolkit();
        server = new FakeSignInServer();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @BeforeEach
    void resetServer() {
        server.reset();
    }

    SignInViewModel vm(BrowserLauncher browser) {
        return fxGet(() -> new SignInViewModel(InspectorViewModel.withDefaultExecutor(UiFixtures.plain()), () -> new SignInClient(Http.standard()),
                browser, Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "signin-test");
                    t.setDaemon(true);
                    return t;
                }), new SignInProfileStore(tmp.resolve("config").resolve(SignInProfileStore.DIR_NAME)), Clock.systemUTC()));
    }

    void form(SignInViewModel vm, Flow flow, Consumer<SignInViewModel> more) {
        fx(() -> {
            vm.authorityProperty().set(server.authority());
            vm.clientIdProperty().set("ui-test-client");
            vm.scopesProperty().set(flow == Flow.CLIENT_CREDENTIALS ? "api://example-api/.default" : FakeSignInServer.API_SCOPE);
            vm.flowProperty().set(flow);
            if (more != null) more.accept(vm);
        });
    }

    static void awaitPhase(SignInViewModel vm, Phase p) {
        await("phase " + p, () -> vm.phase() == p && !vm.isBusy());
    }

    static String logText(SignInViewModel vm) {
        return fxGet(() -> vm.logText() + Json.compact(List.copyOf(vm.logEntries())));
    }

    @Test
    void formProblemsAreShownInPlaceAndNothingStarts() {
        SignInViewModel vm = vm(u -> { });
        Map<Consumer<SignInViewModel>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(m -> m.clientIdProperty().set(""), "Client id: ");
        cases.put(m -> m.authorityProperty().set("not a/tenant"), "Authority: ");
        cases.put(m -> m.authorityProperty().set("http://login.example.com/x"), "Authority: the authority must use https://");
        cases.put(m -> m.portProperty().set("80a"), "Port: ");
        cases.put(m -> m.portProperty().set("70000"), "Port: ");
        cases.put(m -> m.timeoutSecondsProperty().set("-1"), "Timeout: ");
        cases.put(m -> m.extraParametersProperty().set("claims"), "Extra parameters: one NAME=VALUE per line");
        cases.put(m -> m.extraParametersProperty().set("client_id=other"), "The extra parameter \"client_id\" is set by the flow itself");
        cases.put(m -> m.redirectUriProperty().set("https://app.example.com/cb"), "The redirect URI must be a loopback one");
        cases.put(m -> m.spaOriginProperty().set("spa.example.com"), "The SPA origin must look like");
        cases.put(m -> {
            m.flowProperty().set(Flow.CLIENT_CREDENTIALS);
            m.scopesProperty().set("");
        }, "Scopes: client credentials need");
        cases.put(m -> m.flowProperty().set(Flow.CLIENT_CREDENTIALS), "Client secret: ");
        cases.put(m -> {
            m.flowProperty().set(Flow.CLIENT_CREDENTIALS);
            m.credentialProperty().set(SignInViewModel.Credential.CERTIFICATE);
        }, "Certificate: ");
        cases.forEach((edit, message) -> {
            form(vm, Flow.BROWSER, m -> {
                m.portProperty().set("");
                m.timeoutSecondsProperty().set("");
                m.extraParametersProperty().set("");
                m.redirectUriProperty().set("");
                m.spaOriginProperty().set("");
                m.credentialProperty().set(SignInViewModel.Credential.SECRET);
                edit.accept(m);
            });
            assertFalse(fxGet(vm::signIn), message);
            assertTrue(fxGet(() -> vm.formErrorProperty().get()).startsWith(message), fxGet(() -> vm.formErrorProperty().get()));
            assertFalse(fxGet(vm::isBusy));
            assertEquals(Phase.IDLE, fxGet(vm::phase));
        });
        assertEquals(0, server.calls("discovery"), "nothing reached the provider");
    }

    @Test
    void clientCredentialsLandTheAppTokenInTheInspectorAndTheSecretNeverReachesTheLog() {
        SignInViewModel vm = vm(u -> { });
        String secret = "s3cr3t~value-of-the-client";
        form(vm, Flow.CLIENT_CREDENTIALS, m -> m.clientSecretProperty().set(secret));
        assertTrue(fxGet(vm::signIn));
        awaitPhase(vm, Phase.SUCCEEDED);
        await("inspected", () -> vm.inspector().report() != null && !vm.inspector().isBusy());
        assertEquals(server.appToken, fxGet(() -> vm.inspector().inputProperty().get()), "the access token went straight into the inspector");
        assertNotNull(fxGet(() -> vm.inspector().report().token()));
        assertEquals(SignInViewModel.Inspected.ACCESS_TOKEN, fxGet(() -> vm.inspectedProperty().get()));
        TokenSet t = fxGet(() -> vm.resultProperty().get());
        assertEquals(SignInClient.CLIENT_CREDENTIALS, t.flow());
        assertFalse(fxGet(() -> vm.canRefreshBinding().get()), "no refresh token, no Refresh");
        assertFalse(fxGet(() -> vm.hasIdTokenBinding().get()));
        assertTrue(fxGet(() -> vm.statusProperty().get()).startsWith("Signed in (client credentials"), fxGet(() -> vm.statusProperty().get()));

        RecordedRequest req = server.tokenRequests.get(0);
        assertEquals(secret, FakeSignInServer.form(req.getBody().utf8()).get("client_secret"));
        String log = logText(vm);
        assertFalse(log.contains(secret), log);
        assertFalse(log.contains(server.appToken), log);
        assertTrue(fxGet(() -> vm.logEntries().size()) >= 3, log);
    }

    @Test
    void deviceCodeShowsTheCodeThenSignsInAndRefreshInspectsTheNewAccessToken() {
        server.script("device_code", FakeSignInServer.pending(), server.delegated(server.accessToken));
        SignInViewModel vm = vm(u -> { });
        form(vm, Flow.DEVICE, null);
        assertTrue(fxGet(vm::signIn));
        await("user code shown", () -> vm.deviceCodeProperty().get() != null || vm.phase() == Phase.SUCCEEDED);
        awaitPhase(vm, Phase.SUCCEEDED);
        assertNull(fxGet(() -> vm.deviceCodeProperty().get()), "the code is gone once signed in");
        await("inspected", () -> server.accessToken.equals(vm.inspector().inputProperty().get()) && vm.inspector().report() != null);
        assertEquals(2, server.calls("device_code"));
        TokenSet.ScopeComparison sc = fxGet(() -> vm.resultProperty().get().scopes());
        assertEquals(List.of("openid", "profile", "offline_access", FakeSignInServer.API_SCOPE), sc.requested());
        assertEquals(List.of(), sc.notGranted());
        assertTrue(fxGet(() -> vm.canRefreshBinding().get()));
        assertTrue(fxGet(() -> vm.hasIdTokenBinding().get()));

        fx(vm::inspectIdToken);
        assertEquals(SignInViewModel.Inspected.ID_TOKEN, fxGet(() -> vm.inspectedProperty().get()));
        assertEquals(fxGet(() -> vm.resultProperty().get().idToken().orElseThrow()), fxGet(() -> vm.inspector().inputProperty().get()));

        assertTrue(fxGet(vm::refresh));
        awaitPhase(vm, Phase.SUCCEEDED);
        await("refreshed token inspected", () -> server.refreshedAccessToken.equals(vm.inspector().inputProperty().get()));
        assertEquals(1, server.calls("refresh_token"));
        RecordedRequest refresh = server.tokenRequests.get(server.tokenRequests.size() - 1);
        assertEquals(FakeSignInServer.REFRESH_TOKEN, FakeSignInServer.form(refresh.getBody().utf8()).get("refresh_token"));
        assertEquals(SignInClient.REFRESH_TOKEN, fxGet(() -> vm.resultProperty().get().flow()));
        assertTrue(fxGet(() -> vm.statusProperty().get()).startsWith("Refreshed"), fxGet(() -> vm.statusProperty().get()));

        String log = logText(vm);
        for (String secret : List.of(FakeSignInServer.DEVICE_CODE, FakeSignInServer.USER_CODE, FakeSignInServer.REFRESH_TOKEN, server.accessToken,
                server.refreshedAccessToken)) {
            assertFalse(log.contains(secret), "log leaks " + secret);
        }
        assertTrue(log.contains("refresh token redemption"), log);
    }

    @Test
    void deviceCodeCountdownAndCancel() {
        server.expiresIn = 600;
        SignInViewModel vm = vm(u -> { });
        form(vm, Flow.DEVICE, null);
        assertTrue(fxGet(vm::signIn));
        await("user code shown", () -> vm.deviceCodeProperty().get() != null);
        assertEquals(FakeSignInServer.USER_CODE, fxGet(() -> vm.deviceCodeProperty().get().userCode()));
        assertEquals(Phase.DEVICE_CODE, fxGet(vm::phase));
        assertTrue(fxGet(() -> vm.countdownProperty().get()).matches("(10:00|9:5\\d)"), fxGet(() -> vm.countdownProperty().get()));
        assertTrue(fxGet(() -> vm.countdownFractionProperty().get()) > 0.95);
        await("polling", () -> server.calls("device_code") >= 1);
        assertTrue(fxGet(vm::cancel));
        assertEquals(Phase.CANCELLED, fxGet(vm::phase));
        assertEquals("Cancelled: the device code flow stopped polling.", fxGet(() -> vm.statusProperty().get()));
        assertNull(fxGet(() -> vm.deviceCodeProperty().get()));
        assertEquals("", fxGet(() -> vm.countdownProperty().get()));
        int polls = server.calls("device_code");
        UiFixtures.await("engine noted the cancel", () -> vm.logEntries().stream().anyMatch(e -> "cancelled: polling stopped".equals(e.note())));
        org.testfx.util.WaitForAsyncUtils.sleep(1500, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertEquals(polls, server.calls("device_code"), "no poll after Cancel");
        assertFalse(fxGet(vm::cancel), "nothing left to cancel");
    }

    @Test
    void browserFlowHandsTheUrlToTheInjectedBrowserAndInspectsTheToken() {
        List<URI> opened = new CopyOnWriteArrayList<>();
        BrowserLauncher fake = server.browser();
        SignInViewModel vm = vm(u -> {
            opened.add(u);
            fake.open(u);
        });
        List<URI> shown = new CopyOnWriteArrayList<>();
        List<String> statuses = new CopyOnWriteArrayList<>();
        fx(() -> {
            vm.authorizationUrlProperty().addListener((o, a, b) -> {
                if (b != null) shown.add(b);
            });
            vm.statusProperty().addListener((o, a, b) -> statuses.add(b));
        });
        form(vm, Flow.BROWSER, m -> {
            m.promptProperty().set("select_account");
            m.loginHintProperty().set("alice@contoso.com");
            m.extraParametersProperty().set("dc=ESTS-PUB-WUS2-AZ1-FD000-TEST1\n\nclaims={}");
        });
        assertTrue(fxGet(vm::signIn));
        awaitPhase(vm, Phase.SUCCEEDED);
        await("inspected", () -> server.accessToken.equals(vm.inspector().inputProperty().get()));
        assertEquals(1, opened.size());
        String q = opened.get(0).getRawQuery();
        assertTrue(q.contains("code_challenge_method=S256"), q);
        assertTrue(q.contains("prompt=select_account") && q.contains("login_hint=alice%40contoso.com") && q.contains("dc=ESTS-PUB"), q);
        assertEquals(opened, shown, "the window shows the URL it handed to the browser");
        String port = FakeSignInServer.form(opened.get(0).getRawQuery()).get("redirect_uri").replaceAll(".*:(\\d+).*", "$1");
        assertTrue(statuses.contains("Waiting for the browser to come back to 127.0.0.1:" + port + "…"), statuses.toString());
        assertNull(fxGet(() -> vm.authorizationUrlProperty().get()), "cleared once signed in");
        Map<String, String> redeem = FakeSignInServer.form(server.tokenRequests.get(0).getBody().utf8());
        assertEquals(FakeSignInServer.AUTH_CODE, redeem.get("code"));
        assertNotNull(redeem.get("code_verifier"));
        assertNull(server.tokenRequests.get(0).getHeaders().get("Origin"), "no Origin unless SPA emulation is on");
        assertTrue(fxGet(() -> vm.hasIdTokenBinding().get()));
        String log = logText(vm);
        assertFalse(log.contains(FakeSignInServer.AUTH_CODE), log);
        assertFalse(log.contains(redeem.get("code_verifier")), log);
    }

    @Test
    void advancedOptionsApplyToTheBrowserFlowOnly() {
        SignInViewModel vm = vm(u -> { });
        form(vm, Flow.DEVICE, m -> {
            m.portProperty().set("not a port");
            m.spaOriginProperty().set("https://spa.example.com");
            m.extraParametersProperty().set("claims={}");
        });
        assertTrue(fxGet(vm::signIn), fxGet(() -> vm.formErrorProperty().get()));
        await("device code", () -> vm.deviceCodeProperty().get() != null);
        fx(vm::cancel);
        assertFalse(FakeSignInServer.form(server.tokenRequests.isEmpty() ? "" : server.tokenRequests.get(0).getBody().utf8()).containsKey("claims"));
    }

    @Test
    void spaEmulationSendsTheOrigin() {
        SignInViewModel vm = vm(server.browser());
        form(vm, Flow.BROWSER, m -> m.spaOriginProperty().set("https://spa.example.com/"));
        assertTrue(fxGet(vm::signIn));
        awaitPhase(vm, Phase.SUCCEEDED);
        assertEquals("https://spa.example.com", server.tokenRequests.get(0).getHeaders().get("Origin"));
        String help = SignInViewModel.spaHelp();
        assertTrue(help.contains("AADSTS9002326") && help.contains("AADSTS9002327"), help);
        assertTrue(help.contains(AadstsCatalogue.get().lookup(9002327).orElseThrow().explanation()), help);
        assertFalse(help.contains("--spa-origin"), "GUI wording, not the CLI's option");
    }

    @Test
    void anOAuthErrorIsKeptWithItsAadstsExplanation() {
        server.script("client_credentials", FakeSignInServer.appNotFound());
        SignInViewModel vm = vm(u -> { });
        form(vm, Flow.CLIENT_CREDENTIALS, m -> m.clientSecretProperty().set("some-secret-value"));
        assertTrue(fxGet(vm::signIn));
        awaitPhase(vm, Phase.FAILED);
        SignInException e = fxGet(() -> vm.errorProperty().get());
        assertEquals(SignInException.Kind.OAUTH_ERROR, e.kind());
        OAuthError o = e.oauthError().orElseThrow();
        assertEquals(List.of(700016L), o.errorCodes());
        assertEquals("aaaa0000-bb11", o.correlationId());
        assertEquals(700016L, o.explanations().get(0).code());
        assertTrue(fxGet(() -> vm.statusProperty().get()).startsWith("Sign-in failed: the token endpoint refused: unauthorized_client"));
        assertNull(fxGet(() -> vm.resultProperty().get()));
        assertNull(fxGet(() -> vm.inspector().report()), "nothing to inspect");

        // A second attempt starts clean: the error goes away while it runs and after it succeeds.
        assertTrue(fxGet(vm::signIn));
        assertNull(fxGet(() -> vm.errorProperty().get()));
        awaitPhase(vm, Phase.SUCCEEDED);
    }

    @Test
    void aProviderThatIsDownIsAFailureInPlace() {
        SignInViewModel vm = vm(u -> { });
        form(vm, Flow.DEVICE, m -> m.authorityProperty().set("http://127.0.0.1:1/tenant/v2.0"));
        assertTrue(fxGet(vm::signIn));
        awaitPhase(vm, Phase.FAILED);
        assertEquals(SignInException.Kind.DISCOVERY, fxGet(() -> vm.errorProperty().get().kind()));
        assertTrue(fxGet(() -> vm.logEntries().stream().anyMatch(e -> "log-error".equals(FlowLogPresenter.styleClass(e)))));
    }

    @Test
    void profilesAreSavedBesideTheApiProfilesWithoutSecretsAndOwnerOnly() throws Exception {
        SignInViewModel vm = vm(u -> { });
        String secret = "never-on-disk-secret-value";
        form(vm, Flow.CLIENT_CREDENTIALS, m -> {
            m.clientSecretProperty().set(secret);
            m.certificatePasswordProperty().set("pfx-password-value");
            m.cloudProperty().set(dev.tokenscope.engine.signin.Authority.Cloud.US_GOV);
        });
        assertTrue(fxGet(() -> vm.saveAs("Contoso app-only")));
        assertTrue(fxGet(() -> vm.profileStatusProperty().get()).startsWith("Saved sign-in profile \"Contoso app-only\""));
        assertEquals(List.of(SignInViewModel.NEW_PROFILE, "Contoso app-only"), fxGet(() -> List.copyOf(vm.profileNames())));
        Path dir = tmp.resolve("config").resolve("signin-profiles");
        Path file = dir.resolve("Contoso+app-only.json");
        assertTrue(Files.isRegularFile(file), "saved in " + dir);
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(json.contains(secret), json);
        assertFalse(json.contains("pfx-password-value"), json);
        assertFalse(json.toLowerCase().contains("secret"), json);
        SignInProfile p = Json.MAPPER.readValue(json, SignInProfile.class);
        assertEquals(SignInProfile.CLIENT_CREDENTIALS, p.flow());
        assertEquals("usgov", p.cloud());
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        }

        // Another session loads it: every field back, no secret.
        SignInViewModel again = vm(u -> { });
        assertEquals(List.of(SignInViewModel.NEW_PROFILE, "Contoso app-only"), fxGet(() -> List.copyOf(again.profileNames())));
        fx(() -> again.selectedProfileProperty().set("Contoso app-only"));
        assertEquals(server.authority(), fxGet(() -> again.authorityProperty().get()));
        assertEquals("ui-test-client", fxGet(() -> again.clientIdProperty().get()));
        assertEquals("api://example-api/.default", fxGet(() -> again.scopesProperty().get()));
        assertEquals(Flow.CLIENT_CREDENTIALS, fxGet(() -> again.flowProperty().get()));
        assertEquals(dev.tokenscope.engine.signin.Authority.Cloud.US_GOV, fxGet(() -> again.cloudProperty().get()));
        assertEquals("", fxGet(() -> again.clientSecretProperty().get()));

        // A browser profile keeps its advanced options.
        form(again, Flow.BROWSER, m -> {
            m.portProperty().set("8400");
            m.promptProperty().set("login");
            m.extraParametersProperty().set("claims={\"access_token\":{}}");
            m.spaOriginProperty().set("https://spa.example.com");
            m.timeoutSecondsProperty().set("120");
        });
        assertTrue(fxGet(() -> again.saveAs("Contoso SPA")));
        fx(() -> again.selectedProfileProperty().set(SignInViewModel.NEW_PROFILE));
        assertEquals("", fxGet(() -> again.portProperty().get()));
        fx(() -> again.selectedProfileProperty().set("Contoso SPA"));
        assertEquals("8400", fxGet(() -> again.portProperty().get()));
        assertEquals("login", fxGet(() -> again.promptProperty().get()));
        assertEquals("claims={\"access_token\":{}}", fxGet(() -> again.extraParametersProperty().get()));
        assertEquals("https://spa.example.com", fxGet(() -> again.spaOriginProperty().get()));
        assertEquals("120", fxGet(() -> again.timeoutSecondsProperty().get()));

        assertFalse(fxGet(() -> again.saveAs(SignInViewModel.NEW_PROFILE)));
        assertFalse(fxGet(() -> again.saveAs(" ")));
        assertTrue(fxGet(again::deleteCurrent));
        assertEquals(List.of("Contoso app-only"), again.store().names());
        assertEquals(SignInViewModel.NEW_PROFILE, fxGet(() -> again.profileNameProperty().get()));
    }

    @Test
    void theDefaultDirectoryIsBesideTheApiProfiles() {
        assertEquals(ProfileStore.defaultDir().getParent().resolve("signin-profiles"), SignInProfileStore.defaultDir());
    }

    @Test
    void countdownText() {
        assertEquals("15:00", SignInViewModel.remaining(Duration.ofSeconds(900)));
        assertEquals("14:59", SignInViewModel.remaining(Duration.ofMillis(899_000)));
        assertEquals("0:05", SignInViewModel.remaining(Duration.ofSeconds(5)));
        assertEquals("1:00:00", SignInViewModel.remaining(Duration.ofHours(1)));
        assertEquals("expired", SignInViewModel.remaining(Duration.ZERO));
        assertEquals("expired", SignInViewModel.remaining(Duration.ofSeconds(-3)));
    }

    @Test
    void logLinesByKind() {
        FlowLog.Entry pending = new FlowLog.Entry("2026-03-01T12:00:00Z", "http", "POST", "https://x/token", Map.of("grant_type", "device_code"), null,
                400, "{\"error\":\"authorization_pending\"}", 12L, 3, null);
        assertEquals("log-pending", FlowLogPresenter.styleClass(pending));
        assertEquals("POST https://x/token  → 400  (12 ms)  ×3", FlowLogPresenter.title(pending));
        assertEquals(List.of("grant_type = device_code", "response: {\"error\":\"authorization_pending\"}"), FlowLogPresenter.details(pending));
        FlowLog.Entry refused = new FlowLog.Entry("2026-03-01T12:00:00Z", "http", "POST", "https://x/token", null, Map.of("Origin", "https://spa"),
                400, "{\"error\":\"invalid_request\"}", 12L, null, null);
        assertEquals("log-error", FlowLogPresenter.styleClass(refused));
        assertEquals("header Origin: https://spa", FlowLogPresenter.details(refused).get(0));
        FlowLog.Entry down = new FlowLog.Entry("2026-03-01T12:00:00Z", "http", "GET", "https://x/.well-known", null, null, null, null, 3L, null, "no answer: refused");
        assertEquals("log-error", FlowLogPresenter.styleClass(down));
        FlowLog.Entry ok = new FlowLog.Entry("2026-03-01T12:00:00Z", "http", "GET", "https://x/.well-known", null, null, 200, null, 3L, null, "discovery");
        assertEquals("log-ok", FlowLogPresenter.styleClass(ok));
        FlowLog.Entry note = new FlowLog.Entry("2026-03-01T12:00:00Z", "note", null, null, null, null, null, null, null, null, "hello");
        assertEquals("hello", FlowLogPresenter.title(note));
        assertEquals(List.of(), FlowLogPresenter.details(note));
        assertEquals("12:00:00", FlowLogPresenter.time(note, java.time.ZoneOffset.UTC));
        FlowLog.Entry browser = new FlowLog.Entry("2026-03-01T12:00:00Z", "browser", "GET", "https://x/authorize?client_id=c&state=s",
                new java.util.LinkedHashMap<>(Map.of("client_id", "c")), null, null, null, null, null, "authorization request handed to the browser");
        assertEquals("Browser → https://x/authorize", FlowLogPresenter.title(browser), "the parameters are listed below, not twice");
        assertEquals(List.of("client_id = c", "authorization request handed to the browser"), FlowLogPresenter.details(browser));
        assertEquals("log-browser", FlowLogPresenter.styleClass(browser));
    }
}
