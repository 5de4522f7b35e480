package dev.tokenscope.ui;

import dev.tokenscope.ui.model.signin.SignInProfilesModel;
import dev.tokenscope.ui.model.signin.SignInTexts;
import dev.tokenscope.engine.signin.SignInForm;
import dev.tokenscope.ui.model.signin.SignInRunModel;
import dev.tokenscope.engine.json.Json;
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
import dev.tokenscope.ui.model.signin.SignInProfileStore;
import dev.tokenscope.ui.model.signin.SignInViewModel;
import dev.tokenscope.engine.signin.Grant;
import dev.tokenscope.ui.model.signin.SignInRunModel.Phase;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.util.IdentityHashMap;
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

    /** The inspector each sign-in model hands its tokens to (the main window's, in the app). */
    private final Map<SignInViewModel, InspectorViewModel> inspectors = new IdentityHashMap<>();

    SignInViewModel vm(BrowserLauncher browser) {
        InspectorViewModel inspector = fxGet(() -> InspectorViewModel.withDefaultExecutor(UiFixtures.plain()));
        SignInViewModel vm = fxGet(() -> new SignInViewModel(inspector::inspectText, () -> new SignInClient(Http.standard()),
                browser, Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "signin-test");
                    t.setDaemon(true);
                    return t;
                }), new SignInProfileStore(tmp.resolve("config").resolve(SignInProfileStore.DIR_NAME)), Clock.systemUTC()));
        inspectors.put(vm, inspector);
        return vm;
    }

    private InspectorViewModel inspectorOf(SignInViewModel vm) {
        return inspectors.get(vm);
    }

    void form(SignInViewModel vm, Grant flow, Consumer<SignInViewModel> more) {
        fx(() -> {
            vm.form().authorityProperty().set(server.authority());
            vm.form().clientIdProperty().set("ui-test-client");
            vm.form().scopesProperty().set(flow == Grant.CLIENT_CREDENTIALS ? "api://example-api/.default" : FakeSignInServer.API_SCOPE);
            vm.form().grantProperty().set(flow);
            if (more != null) more.accept(vm);
        });
    }

    static void awaitPhase(SignInViewModel vm, Phase p) {
        await("phase " + p, () -> vm.run().phase() == p && !vm.run().isBusy());
    }

    static String logText(SignInViewModel vm) {
        return fxGet(() -> vm.run().logText() + Json.compact(List.copyOf(vm.run().logEntries())));
    }

    @Test
    void formProblemsAreShownInPlaceAndNothingStarts() {
        SignInViewModel vm = vm(u -> { });
        Map<Consumer<SignInViewModel>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(m -> m.form().clientIdProperty().set(""), "Client id: ");
        cases.put(m -> m.form().authorityProperty().set("not a/tenant"), "Authority: ");
        cases.put(m -> m.form().authorityProperty().set("http://login.example.com/x"), "Authority: the authority must use https://");
        cases.put(m -> m.form().portProperty().set("80a"), "Port: ");
        cases.put(m -> m.form().portProperty().set("70000"), "Port: ");
        cases.put(m -> m.form().timeoutSecondsProperty().set("-1"), "Timeout: ");
        cases.put(m -> m.form().extraParametersProperty().set("claims"), "Extra parameters: one NAME=VALUE per line");
        cases.put(m -> m.form().extraParametersProperty().set("client_id=other"),
                "The extra parameter \"client_id\" is set by the flow itself");
        cases.put(m -> m.form().redirectUriProperty().set("https://app.example.com/cb"), "The redirect URI must be a loopback one");
        cases.put(m -> m.form().spaOriginProperty().set("spa.example.com"), "The SPA origin must look like");
        cases.put(m -> {
            m.form().grantProperty().set(Grant.CLIENT_CREDENTIALS);
            m.form().scopesProperty().set("");
        }, "Scopes: client credentials need");
        cases.put(m -> m.form().grantProperty().set(Grant.CLIENT_CREDENTIALS), "Client secret: ");
        cases.put(m -> {
            m.form().grantProperty().set(Grant.CLIENT_CREDENTIALS);
            m.form().credentialProperty().set(SignInForm.Credential.CERTIFICATE);
        }, "Certificate: ");
        cases.forEach((edit, message) -> {
            form(vm, Grant.AUTHORIZATION_CODE, m -> {
                m.form().portProperty().set("");
                m.form().timeoutSecondsProperty().set("");
                m.form().extraParametersProperty().set("");
                m.form().redirectUriProperty().set("");
                m.form().spaOriginProperty().set("");
                m.form().credentialProperty().set(SignInForm.Credential.SECRET);
                edit.accept(m);
            });
            assertFalse(fxGet(vm::signIn), message);
            assertTrue(fxGet(() -> vm.form().formErrorProperty().get()).startsWith(message),
                    fxGet(() -> vm.form().formErrorProperty().get()));
            assertFalse(fxGet(() -> vm.run().isBusy()));
            assertEquals(Phase.IDLE, fxGet(() -> vm.run().phase()));
        });
        assertEquals(0, server.calls("discovery"), "nothing reached the provider");
    }

    @Test
    void clientCredentialsLandTheAppTokenInTheInspectorAndTheSecretNeverReachesTheLog() {
        SignInViewModel vm = vm(u -> { });
        String secret = "s3cr3t~value-of-the-client";
        form(vm, Grant.CLIENT_CREDENTIALS, m -> m.form().clientSecretProperty().set(secret));
        assertTrue(fxGet(vm::signIn));
        awaitPhase(vm, Phase.SUCCEEDED);
        await("inspected", () -> inspectorOf(vm).report() != null && !inspectorOf(vm).isBusy());
        assertEquals(server.appToken, fxGet(() -> inspectorOf(vm).inputProperty().get()),
                "the access token went straight into the inspector");
        assertNotNull(fxGet(() -> inspectorOf(vm).report().token()));
        assertEquals(SignInRunModel.Inspected.ACCESS_TOKEN, fxGet(() -> vm.run().inspectedProperty().get()));
        TokenSet t = fxGet(() -> vm.run().resultProperty().get());
        assertEquals(Grant.CLIENT_CREDENTIALS, t.grant());
        assertFalse(fxGet(() -> vm.run().canRefreshBinding().get()), "no refresh token, no Refresh");
        assertFalse(fxGet(() -> vm.run().hasIdTokenBinding().get()));
        assertTrue(fxGet(() -> vm.run().statusProperty().get()).startsWith("Signed in (client credentials"),
                fxGet(() -> vm.run().statusProperty().get()));

        RecordedRequest req = server.tokenRequests.get(0);
        assertEquals(secret, FakeSignInServer.form(req.getBody().utf8()).get("client_secret"));
        String log = logText(vm);
        assertFalse(log.contains(secret), log);
        assertFalse(log.contains(server.appToken), log);
        assertTrue(fxGet(() -> vm.run().logEntries().size()) >= 3, log);
    }

    @Test
    void deviceCodeShowsTheCodeThenSignsInAndRefreshInspectsTheNewAccessToken() {
        server.script("device_code", FakeSignInServer.pending(), server.delegated(server.accessToken));
        SignInViewModel vm = vm(u -> { });
        form(vm, Grant.DEVICE_CODE, null);
        assertTrue(fxGet(vm::signIn));
        await("user code shown", () -> vm.run().deviceCode().deviceCodeProperty().get() != null || vm.run().phase() == Phase.SUCCEEDED);
        awaitPhase(vm, Phase.SUCCEEDED);
        assertNull(fxGet(() -> vm.run().deviceCode().deviceCodeProperty().get()), "the code is gone once signed in");
        await("inspected", () -> server.accessToken.equals(inspectorOf(vm).inputProperty().get()) && inspectorOf(vm).report() != null);
        assertEquals(2, server.calls("device_code"));
        TokenSet.ScopeComparison sc = fxGet(() -> vm.run().resultProperty().get().scopes());
        assertEquals(List.of("openid", "profile", "offline_access", FakeSignInServer.API_SCOPE), sc.requested());
        assertEquals(List.of(), sc.notGranted());
        assertTrue(fxGet(() -> vm.run().canRefreshBinding().get()));
        assertTrue(fxGet(() -> vm.run().hasIdTokenBinding().get()));

        fx(() -> vm.run().inspectIdToken());
        assertEquals(SignInRunModel.Inspected.ID_TOKEN, fxGet(() -> vm.run().inspectedProperty().get()));
        assertEquals(fxGet(() -> vm.run().resultProperty().get().idToken().orElseThrow()),
                fxGet(() -> inspectorOf(vm).inputProperty().get()));

        assertTrue(fxGet(() -> vm.run().refresh()));
        awaitPhase(vm, Phase.SUCCEEDED);
        await("refreshed token inspected", () -> server.refreshedAccessToken.equals(inspectorOf(vm).inputProperty().get()));
        assertEquals(1, server.calls("refresh_token"));
        RecordedRequest refresh = server.tokenRequests.get(server.tokenRequests.size() - 1);
        assertEquals(FakeSignInServer.REFRESH_TOKEN, FakeSignInServer.form(refresh.getBody().utf8()).get("refresh_token"));
        assertEquals(Grant.REFRESH_TOKEN, fxGet(() -> vm.run().resultProperty().get().grant()));
        assertTrue(fxGet(() -> vm.run().statusProperty().get()).startsWith("Refreshed"), fxGet(() -> vm.run().statusProperty().get()));

        String log = logText(vm);
        for (String secret
                : List.of(FakeSignInServer.DEVICE_CODE, FakeSignInServer.USER_CODE, FakeSignInServer.REFRESH_TOKEN, server.accessToken,
                server.refreshedAccessToken)) {
            assertFalse(log.contains(secret), "log leaks " + secret);
        }
        assertTrue(log.contains("refresh token redemption"), log);
    }

    @Test
    void deviceCodeCountdownAndCancel() {
        server.expiresIn = 600;
        SignInViewModel vm = vm(u -> { });
        form(vm, Grant.DEVICE_CODE, null);
        assertTrue(fxGet(vm::signIn));
        await("user code shown", () -> vm.run().deviceCode().deviceCodeProperty().get() != null);
        assertEquals(FakeSignInServer.USER_CODE, fxGet(() -> vm.run().deviceCode().deviceCodeProperty().get().userCode()));
        assertEquals(Phase.DEVICE_CODE, fxGet(() -> vm.run().phase()));
        assertTrue(fxGet(() -> vm.run().deviceCode().countdownProperty().get()).matches("(10:00|9:5\\d)"),
                fxGet(() -> vm.run().deviceCode().countdownProperty().get()));
        assertTrue(fxGet(() -> vm.run().deviceCode().countdownFractionProperty().get()) > 0.95);
        await("polling", () -> server.calls("device_code") >= 1);
        assertTrue(fxGet(() -> vm.run().cancel()));
        assertEquals(Phase.CANCELLED, fxGet(() -> vm.run().phase()));
        assertEquals("Cancelled: the device code flow stopped polling.", fxGet(() -> vm.run().statusProperty().get()));
        assertNull(fxGet(() -> vm.run().deviceCode().deviceCodeProperty().get()));
        assertEquals("", fxGet(() -> vm.run().deviceCode().countdownProperty().get()));
        int polls = server.calls("device_code");
        UiFixtures.await("engine noted the cancel", () -> vm.run().logEntries().stream()
                .anyMatch(e -> "cancelled: polling stopped".equals(e.note())));
        org.testfx.util.WaitForAsyncUtils.sleep(1500, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertEquals(polls, server.calls("device_code"), "no poll after Cancel");
        assertFalse(fxGet(() -> vm.run().cancel()), "nothing left to cancel");
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
            vm.run().authorizationUrlProperty().addListener((o, a, b) -> {
                if (b != null) shown.add(b);
            });
            vm.run().statusProperty().addListener((o, a, b) -> statuses.add(b));
        });
        form(vm, Grant.AUTHORIZATION_CODE, m -> {
            m.form().promptProperty().set("select_account");
            m.form().loginHintProperty().set("alice@contoso.com");
            m.form().extraParametersProperty().set("dc=ESTS-PUB-WUS2-AZ1-FD000-TEST1\n\nclaims={}");
        });
        assertTrue(fxGet(vm::signIn));
        awaitPhase(vm, Phase.SUCCEEDED);
        await("inspected", () -> server.accessToken.equals(inspectorOf(vm).inputProperty().get()));
        assertEquals(1, opened.size());
        String q = opened.get(0).getRawQuery();
        assertTrue(q.contains("code_challenge_method=S256"), q);
        assertTrue(q.contains("prompt=select_account") && q.contains("login_hint=alice%40contoso.com") && q.contains("dc=ESTS-PUB"), q);
        assertEquals(opened, shown, "the window shows the URL it handed to the browser");
        String port = FakeSignInServer.form(opened.get(0).getRawQuery()).get("redirect_uri").replaceAll(".*:(\\d+).*", "$1");
        assertTrue(statuses.contains("Waiting for the browser to come back to 127.0.0.1:" + port + "…"), statuses.toString());
        assertNull(fxGet(() -> vm.run().authorizationUrlProperty().get()), "cleared once signed in");
        Map<String, String> redeem = FakeSignInServer.form(server.tokenRequests.get(0).getBody().utf8());
        assertEquals(FakeSignInServer.AUTH_CODE, redeem.get("code"));
        assertNotNull(redeem.get("code_verifier"));
        assertNull(server.tokenRequests.get(0).getHeaders().get("Origin"), "no Origin unless SPA emulation is on");
        assertTrue(fxGet(() -> vm.run().hasIdTokenBinding().get()));
        String log = logText(vm);
        assertFalse(log.contains(FakeSignInServer.AUTH_CODE), log);
        assertFalse(log.contains(redeem.get("code_verifier")), log);
    }

    @Test
    void advancedOptionsApplyToTheBrowserFlowOnly() {
        SignInViewModel vm = vm(u -> { });
        form(vm, Grant.DEVICE_CODE, m -> {
            m.form().portProperty().set("not a port");
            m.form().spaOriginProperty().set("https://spa.example.com");
            m.form().extraParametersProperty().set("claims={}");
        });
        assertTrue(fxGet(vm::signIn), fxGet(() -> vm.form().formErrorProperty().get()));
        await("device code", () -> vm.run().deviceCode().deviceCodeProperty().get() != null);
        fx(() -> vm.run().cancel());
        assertFalse(FakeSignInServer.form(server.tokenRequests.isEmpty() ? "" : server.tokenRequests.get(0).getBody().utf8())
                .containsKey("claims"));
    }

    @Test
    void spaEmulationSendsTheOrigin() {
        SignInViewModel vm = vm(server.browser());
        form(vm, Grant.AUTHORIZATION_CODE, m -> m.form().spaOriginProperty().set("https://spa.example.com/"));
        assertTrue(fxGet(vm::signIn));
        awaitPhase(vm, Phase.SUCCEEDED);
        assertEquals("https://spa.example.com", server.tokenRequests.get(0).getHeaders().get("Origin"));
        String help = SignInTexts.spaHelp();
        assertTrue(help.contains("AADSTS9002326") && help.contains("AADSTS9002327"), help);
        assertTrue(help.contains(AadstsCatalogue.get().lookup(9002327).orElseThrow().explanation()), help);
        assertFalse(help.contains("--spa-origin"), "GUI wording, not the CLI's option");
    }

    @Test
    void anOAuthErrorIsKeptWithItsAadstsExplanation() {
        server.script("client_credentials", FakeSignInServer.appNotFound());
        SignInViewModel vm = vm(u -> { });
        form(vm, Grant.CLIENT_CREDENTIALS, m -> m.form().clientSecretProperty().set("some-secret-value"));
        assertTrue(fxGet(vm::signIn));
        awaitPhase(vm, Phase.FAILED);
        SignInException e = fxGet(() -> vm.run().errorProperty().get());
        assertEquals(SignInException.Kind.OAUTH_ERROR, e.kind());
        OAuthError o = e.oauthError().orElseThrow();
        assertEquals(List.of(700016L), o.errorCodes());
        assertEquals("aaaa0000-bb11", o.correlationId());
        assertEquals(700016L, o.explanations().get(0).code());
        assertTrue(fxGet(() -> vm.run().statusProperty().get())
                .startsWith("Sign-in failed: the token endpoint refused: unauthorized_client"));
        assertNull(fxGet(() -> vm.run().resultProperty().get()));
        assertNull(fxGet(() -> inspectorOf(vm).report()), "nothing to inspect");

        // A second attempt starts clean: the error goes away while it runs and after it succeeds.
        assertTrue(fxGet(vm::signIn));
        assertNull(fxGet(() -> vm.run().errorProperty().get()));
        awaitPhase(vm, Phase.SUCCEEDED);
    }

    @Test
    void aProviderThatIsDownIsAFailureInPlace() {
        SignInViewModel vm = vm(u -> { });
        form(vm, Grant.DEVICE_CODE, m -> m.form().authorityProperty().set("http://127.0.0.1:1/tenant/v2.0"));
        assertTrue(fxGet(vm::signIn));
        awaitPhase(vm, Phase.FAILED);
        assertEquals(SignInException.Kind.DISCOVERY, fxGet(() -> vm.run().errorProperty().get().kind()));
        assertTrue(fxGet(() -> vm.run().logEntries().stream().anyMatch(e -> "log-error".equals(FlowLogPresenter.styleClass(e)))));
    }

    @Test
    void profilesAreSavedBesideTheApiProfilesWithoutSecretsAndOwnerOnly() throws Exception {
        SignInViewModel vm = vm(u -> { });
        String secret = "never-on-disk-secret-value";
        form(vm, Grant.CLIENT_CREDENTIALS, m -> {
            m.form().clientSecretProperty().set(secret);
            m.form().certificatePasswordProperty().set("pfx-password-value");
            m.form().cloudProperty().set(dev.tokenscope.engine.signin.Authority.Cloud.US_GOV);
        });
        assertTrue(fxGet(() -> vm.profiles().saveAs("Contoso app-only")));
        assertTrue(fxGet(() -> vm.profiles().profileStatusProperty().get()).startsWith("Saved sign-in profile \"Contoso app-only\""));
        assertEquals(List.of(SignInProfilesModel.NEW_PROFILE, "Contoso app-only"), fxGet(() -> List.copyOf(vm.profiles().profileNames())));
        Path dir = tmp.resolve("config").resolve("signin-profiles");
        Path file = dir.resolve("Contoso+app-only.json");
        assertTrue(Files.isRegularFile(file), "saved in " + dir);
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(json.contains(secret), json);
        assertFalse(json.contains("pfx-password-value"), json);
        assertFalse(json.toLowerCase().contains("secret"), json);
        SignInProfile p = Json.MAPPER.readValue(json, SignInProfile.class);
        assertEquals("client-credentials", p.flow());
        assertEquals(Grant.CLIENT_CREDENTIALS, p.grant());
        assertEquals("usgov", p.cloud());
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        }

        // Another session loads it: every field back, no secret.
        SignInViewModel again = vm(u -> { });
        assertEquals(List.of(SignInProfilesModel.NEW_PROFILE, "Contoso app-only"),
                fxGet(() -> List.copyOf(again.profiles().profileNames())));
        fx(() -> again.profiles().selectedProfileProperty().set("Contoso app-only"));
        assertEquals(server.authority(), fxGet(() -> again.form().authorityProperty().get()));
        assertEquals("ui-test-client", fxGet(() -> again.form().clientIdProperty().get()));
        assertEquals("api://example-api/.default", fxGet(() -> again.form().scopesProperty().get()));
        assertEquals(Grant.CLIENT_CREDENTIALS, fxGet(() -> again.form().grantProperty().get()));
        assertEquals(dev.tokenscope.engine.signin.Authority.Cloud.US_GOV, fxGet(() -> again.form().cloudProperty().get()));
        assertEquals("", fxGet(() -> again.form().clientSecretProperty().get()));

        // A browser profile keeps its advanced options.
        form(again, Grant.AUTHORIZATION_CODE, m -> {
            m.form().portProperty().set("8400");
            m.form().promptProperty().set("login");
            m.form().extraParametersProperty().set("claims={\"access_token\":{}}");
            m.form().spaOriginProperty().set("https://spa.example.com");
            m.form().timeoutSecondsProperty().set("120");
        });
        assertTrue(fxGet(() -> again.profiles().saveAs("Contoso SPA")));
        fx(() -> again.profiles().selectedProfileProperty().set(SignInProfilesModel.NEW_PROFILE));
        assertEquals("", fxGet(() -> again.form().portProperty().get()));
        fx(() -> again.profiles().selectedProfileProperty().set("Contoso SPA"));
        assertEquals("8400", fxGet(() -> again.form().portProperty().get()));
        assertEquals("login", fxGet(() -> again.form().promptProperty().get()));
        assertEquals("claims={\"access_token\":{}}", fxGet(() -> again.form().extraParametersProperty().get()));
        assertEquals("https://spa.example.com", fxGet(() -> again.form().spaOriginProperty().get()));
        assertEquals("120", fxGet(() -> again.form().timeoutSecondsProperty().get()));

        assertFalse(fxGet(() -> again.profiles().saveAs(SignInProfilesModel.NEW_PROFILE)));
        assertFalse(fxGet(() -> again.profiles().saveAs(" ")));
        assertTrue(fxGet(() -> again.profiles().deleteCurrent()));
        assertEquals(List.of("Contoso app-only"), again.profiles().store().names());
        assertEquals(SignInProfilesModel.NEW_PROFILE, fxGet(() -> again.profiles().profileNameProperty().get()));
    }

    @Test
    void theDefaultDirectoryIsBesideTheApiProfiles() {
        assertEquals(ProfileStore.defaultDir().getParent().resolve("signin-profiles"), SignInProfileStore.defaultDir());
    }

    @Test
    void countdownText() {
        assertEquals("15:00", SignInTexts.remaining(Duration.ofSeconds(900)));
        assertEquals("14:59", SignInTexts.remaining(Duration.ofMillis(899_000)));
        assertEquals("0:05", SignInTexts.remaining(Duration.ofSeconds(5)));
        assertEquals("1:00:00", SignInTexts.remaining(Duration.ofHours(1)));
        assertEquals("expired", SignInTexts.remaining(Duration.ZERO));
        assertEquals("expired", SignInTexts.remaining(Duration.ofSeconds(-3)));
    }

    @Test
    void logLinesByKind() {
        FlowLog.Entry pending = new FlowLog.Entry("2026-03-01T12:00:00Z", "http", "POST", "https://x/token", Map.of("grant_type", "device_code"), null,
                400, "{\"error\":\"authorization_pending\"}", 12L, 3, null);
        assertEquals("log-pending", FlowLogPresenter.styleClass(pending));
        assertEquals("POST https://x/token  → 400  (12 ms)  ×3", FlowLogPresenter.title(pending));
        assertEquals(List.of("grant_type = device_code", "response: {\"error\":\"authorization_pending\"}"),
                FlowLogPresenter.details(pending));
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
                new java.util.LinkedHashMap<>(Map.of("client_id", "c")), null, null, null, null, null,
                "authorization request handed to the browser");
        assertEquals("Browser → https://x/authorize", FlowLogPresenter.title(browser), "the parameters are listed below, not twice");
        assertEquals(List.of("client_id = c", "authorization request handed to the browser"), FlowLogPresenter.details(browser));
        assertEquals("log-browser", FlowLogPresenter.styleClass(browser));
    }
}
