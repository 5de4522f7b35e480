package dev.tokenscope.engine.har;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import dev.tokenscope.testing.Hars;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.CLIENT_ID;
import static dev.tokenscope.testing.Tokens.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A capture tells a story: each token judged in its role (API, ID token for its client, another resource, placeholder). */
class HarStoryTest {
    static final String LOGIN = "https://login.microsoftonline.com/" + Tokens.TENANT + "/oauth2/v2.0";
    static final String NONCE = "6f1c2b4e-9a7d"; // the nonce of Tokens.v2Id()
    static final String API = "https://api.contoso.example";
    static final String WWW = "Bearer error=\"invalid_token\", error_description=\"The audience 'undefined' is invalid\"";

    @TempDir
    Path dir;
    ValidationProfile profile;
    Inspector inspector;

    @BeforeEach
    void keys() throws Exception {
        Path jwks = dir.resolve("keys.json");
        Files.writeString(jwks, Tokens.publicSet(Tokens.RSA).toString());
        profile = new ValidationProfile(List.of(API_ID), null, null, null, null, Duration.ofMinutes(5), NOW, null, jwks.toString(), true);
        inspector = new Inspector(new OnlineTrustResolver(new DocumentStore(null, null, Clock.systemUTC()), Clock.systemUTC()),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static HarScan scan(String har) throws Exception {
        return new HarScanner().scan(new ByteArrayInputStream(har.getBytes(StandardCharsets.UTF_8)));
    }

    /** The SPA's session: sign-in with auth code + PKCE, code redemption, a Graph token, API calls, Graph call, Bearer undefined → 401. */
    static String session(String idToken, String apiToken, String graphToken) {
        return new Hars()
                .redirect("2026-03-01T12:00:00.000Z",
                        LOGIN + "/authorize?client_id=" + CLIENT_ID + "&scope=openid+profile+api%3A%2F%2F" + API_ID
                                + "%2Faccess_as_user&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.example%2F&nonce=" + NONCE
                                + "&state=st-1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
                        "https://app.contoso.example/#code=SECRET-CODE&state=st-1")
                .tokenRequest("2026-03-01T12:00:01.000Z", LOGIN + "/token", "client_id=" + CLIENT_ID
                                + "&grant_type=authorization_code&code=SECRET-CODE&code_verifier=SECRET-VERIFIER"
                                + "&redirect_uri=https%3A%2F%2Fapp.contoso.example%2F",
                        "{\"token_type\":\"Bearer\",\"access_token\":\"" + apiToken + "\",\"id_token\":\"" + idToken
                                + "\",\"refresh_token\":\"0.AAA-refresh\"}")
                .tokenRequest("2026-03-01T12:00:02.000Z", LOGIN + "/token", "client_id=" + CLIENT_ID
                                + "&grant_type=refresh_token&scope=User.Read&refresh_token=0.AAA-refresh",
                        "{\"token_type\":\"Bearer\",\"scope\":\"User.Read\",\"access_token\":\"" + graphToken + "\"}")
                .call("2026-03-01T12:00:03.000Z", "GET", API + "/api/orders", "Bearer " + apiToken, 200, null, "{\"orders\":[]}")
                .call("2026-03-01T12:00:04.000Z", "GET", "https://graph.microsoft.com/v1.0/me", "Bearer " + graphToken, 200, null, "{\"id\":\"x\"}")
                .call("2026-03-01T12:00:05.000Z", "GET", API + "/api/orders?top=5", "Bearer undefined", 401, WWW,
                        "{\"error\":\"invalid_token\"}")
                .json();
    }

    @Test
    void eachTokenIsJudgedInItsRoleAndTheCaptureTellsItsStory() throws Exception {
        String id = Tokens.sign(Tokens.v2Id());
        String api = Tokens.sign(Tokens.v2Access());
        String graph = Tokens.graph(Tokens.v2Access().claim("scp", "User.Read").claim("uti", "graph"));
        HarScan s = scan(session(id, api, graph));
        assertEquals(6, s.entries());
        assertEquals(List.of("authorize", "token", "token"), s.signIns().stream().map(HarSignIn::kind).toList());
        assertEquals("auth code + PKCE", s.signIns().get(0).flow());
        List<HarRow> rows = HarAnalysis.analyse(s, inspector, profile);
        assertEquals(4, rows.size(), rows.toString());

        HarRow apiRow = rows.get(0);
        assertEquals(api, apiRow.finding().token());
        assertEquals(HarRow.JudgedAs.API, apiRow.judgedAs());
        assertEquals(Verdict.VALID, apiRow.verdict(), apiRow.summary());
        assertEquals(List.of("api.contoso.example"), apiRow.sentTo());
        assertEquals(CLIENT_ID, apiRow.finding().clientId());

        HarRow idRow = rows.get(1);
        assertEquals(id, idRow.finding().token());
        assertEquals(HarRow.JudgedAs.ID_TOKEN_FOR_CLIENT, idRow.judgedAs());
        assertEquals(CLIENT_ID, idRow.judgedFor());
        assertEquals(Verdict.VALID, idRow.verdict(), idRow.summary());
        assertEquals("ID token for client " + CLIENT_ID + ": valid, nonce matches its /authorize request", idRow.summary());
        assertEquals(Status.PASS, idRow.report().step("audience").orElseThrow().status());
        assertEquals(Status.PASS, idRow.report().step("nonce").orElseThrow().status());
        assertEquals(0, idRow.finding().signInEntry());
        assertFalse(idRow.report().hasDiagnosis("id-token-as-access-token"), "not 'an ID token sent to your API'");

        HarRow graphRow = rows.get(2);
        assertEquals(graph, graphRow.finding().token());
        assertEquals(HarRow.JudgedAs.OTHER_RESOURCE, graphRow.judgedAs());
        assertEquals("Microsoft Graph", graphRow.judgedFor());
        assertEquals(Verdict.UNDETERMINED, graphRow.verdict(), graphRow.summary());
        assertEquals("Not for your API: an access token for Microsoft Graph, sent to graph.microsoft.com, acquired by client " + CLIENT_ID,
                graphRow.summary());
        assertEquals("other-resource", graphRow.diagnosis());
        assertEquals(List.of("graph.microsoft.com"), graphRow.sentTo());

        HarRow bug = rows.get(3);
        assertEquals(HarRow.JudgedAs.PLACEHOLDER, bug.judgedAs());
        assertEquals(Verdict.INVALID, bug.verdict());
        HarServerResponse answer = bug.finding().serverResponse();
        assertEquals(401, answer.status());
        assertEquals(List.of(WWW), answer.wwwAuthenticate());
        assertEquals("{\"error\":\"invalid_token\"}", answer.body());
        assertEquals("GET " + API + "/api/orders?top=5", answer.request());
        assertEquals("answered 401: " + WWW, answer.text());

        String story = HarStory.tell(s, rows);
        assertEquals("The app (client " + CLIENT_ID + ") signed in at login.microsoftonline.com (auth code + PKCE), redeemed the code at "
                + "login.microsoftonline.com for a token for " + API_ID
                + " and an ID token, refreshed its tokens at login.microsoftonline.com for a "
                + "Microsoft Graph token, then called GET " + API + "/api/orders with the token for " + API_ID + " → 200, GET "
                + "https://graph.microsoft.com/v1.0/me with the Microsoft Graph token → 200 and GET " + API + "/api/orders?top=5 with "
                + "`Bearer undefined` → 401.", story);

        // As JSON: the role on every row, the server's answer on the placeholder's; no token, code, verifier or nonce.
        String json = Json.pretty(rows);
        assertTrue(json.contains("\"judgedAs\" : \"id-token-for-client\""), json);
        assertTrue(json.contains("\"judgedAs\" : \"other-resource\""), json);
        assertTrue(json.contains("\"serverResponse\""), json);
        for (String secret : List.of(id.substring(0, 60), api.substring(0, 60), graph.substring(0, 60), "SECRET-CODE", "SECRET-VERIFIER",
                "0.AAA-refresh")) {
            assertFalse(json.contains(secret) || story.contains(secret), secret);
        }
        assertFalse(json.contains("requestNonce"), json);
    }

    @Test
    void anIdTokenWhoseNonceIsNotTheAuthorizeRequestsSaysSo() throws Exception {
        String id = Tokens.sign(Tokens.v2Id().claim("nonce", "replayed-nonce"));
        HarScan s = scan(session(id, Tokens.sign(Tokens.v2Access()), Tokens.graph(Tokens.v2Access())));
        HarRow row = HarAnalysis.analyse(s, inspector, profile).get(1);
        assertEquals(HarRow.JudgedAs.ID_TOKEN_FOR_CLIENT, row.judgedAs());
        assertEquals(Verdict.INVALID, row.verdict());
        assertEquals(HarAnalysis.NONCE_MISMATCH, row.diagnosis());
        assertTrue(row.summary()
                .startsWith("ID token for client " + CLIENT_ID + ": not valid: The ID token's nonce differs from the nonce of "
                + "the /authorize request of client " + CLIENT_ID + " (entry 1)"), row.summary());
        assertEquals(Status.FAIL, row.report().step("nonce").orElseThrow().status());

        // No nonce at all in the ID token: missing.
        String bare = Tokens.sign(Tokens.v2Id().claim("nonce", null));
        HarRow missing = HarAnalysis.analyse(scan(session(bare, Tokens.sign(Tokens.v2Access()), Tokens.graph(Tokens.v2Access()))),
                inspector, profile).get(1);
        assertEquals(HarAnalysis.NONCE_MISSING, missing.diagnosis());
        assertEquals(Verdict.INVALID, missing.verdict());
    }

    @Test
    void aFormPostIdTokenPairsWithItsAuthorizeRequestByStateAndAnIdTokenSentToTheApiIsTheApisProblem() throws Exception {
        String id = Tokens.sign(Tokens.v2Id());
        String har = new Hars()
                .redirect("2026-03-01T12:00:00.000Z",
                        LOGIN + "/authorize?client_id=someone-else&response_type=id_token&nonce=other&state=other-state",
                        "https://other.example/")
                .redirect("2026-03-01T12:00:01.000Z",
                        LOGIN + "/authorize?client_id=" + CLIENT_ID + "&response_type=id_token&response_mode=form_post&nonce="
                        + NONCE + "&state=st-9", "https://login.microsoftonline.com/kmsi")
                .redirect("2026-03-01T12:00:02.000Z",
                        LOGIN + "/authorize?client_id=someone-else&response_type=id_token&nonce=later&state=later",
                        "https://other.example/")
                .formPost("2026-03-01T12:00:03.000Z", "https://app.contoso.example/signin-oidc", "id_token=" + id + "&state=st-9")
                .call("2026-03-01T12:00:04.000Z", "GET", API + "/api/me", "Bearer " + id, 401, "Bearer error=\"invalid_token\"", null)
                .json();
        HarScan s = scan(har);
        HarFinding f = s.findings().get(0);
        assertEquals(CLIENT_ID, f.clientId(), "paired by state, not with the latest /authorize request");
        assertEquals(NONCE, f.requestNonce());
        assertEquals(1, f.signInEntry());
        HarRow row = HarAnalysis.analyse(s, inspector, profile).get(0);
        // The same ID token was sent to the API: that is the API's (and the client's) problem, judged by the API profile.
        assertEquals(HarRow.JudgedAs.API, row.judgedAs());
        assertEquals("id-token-as-access-token", row.diagnosis());
        assertEquals("answered 401: Bearer error=\"invalid_token\"", row.finding().serverResponse().text());
        assertNull(row.finding().serverResponse().body());
        // The 401 is read as the API's evidence and joined with this token's report.
        var server = row.report().server();
        assertEquals(401, server.status());
        assertEquals("invalid_token", server.findings().get(0).code());
        assertTrue(server.findings().get(0).explanation().contains("ID token"), server.findings().get(0).explanation());
    }
}
