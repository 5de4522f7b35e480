package dev.tokenscope.engine.input;

import dev.tokenscope.engine.json.Json;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every input form a user pastes: what is recognised, which value is taken, and what is said about it. */
class InputExtractorTest {
    static final String AT = Tokens.sign(Tokens.v2Access());
    static final String ID = Tokens.sign(Tokens.v2Id());
    static final String REFRESH = "1.AXEAoGRVbXTXTUuUdWy6Js5R-secret-refresh-value-never-shown_0123456789";

    final InputExtractor x = new InputExtractor();

    static Candidate only(Extraction e) {
        assertEquals(1, e.candidates().size(), () -> "candidates: " + e.candidates());
        return e.candidates().get(0);
    }

    static String primaryValue(Extraction e) {
        return e.primary().orElseThrow(() -> new AssertionError("no primary in " + e)).value();
    }

    // ---- raw, Bearer, Authorization header -------------------------------------------------------------------

    @Test
    void rawCompactToken() {
        Extraction e = x.extract(AT);
        assertEquals("raw", e.form());
        assertEquals("A compact token", e.description());
        assertEquals(List.of(), e.notes());
        Candidate c = only(e);
        assertEquals(Role.TOKEN, c.role());
        assertEquals(AT, c.value());
        assertEquals(AT.length(), c.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER\t", "Bearer    "})
    void bearerValueInAnyCasing(String prefix) {
        Extraction e = x.extract(prefix + AT);
        assertEquals("bearer", e.form());
        assertEquals(Role.TOKEN, only(e).role());
        assertEquals(AT, only(e).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization: Bearer ", "authorization:Bearer ", "AUTHORIZATION :  bearer "})
    void wholeAuthorizationHeaderLine(String prefix) {
        Extraction e = x.extract(prefix + AT);
        assertEquals("authorization-header", e.form());
        assertTrue(e.description().contains("(Bearer)"), e.description());
        assertEquals(AT, only(e).value());
        assertEquals("Authorization header", only(e).source());
    }

    @Test
    void authorizationHeaderWithoutSchemeSaysSo() {
        Extraction e = x.extract("Authorization: " + AT);
        assertEquals("authorization-header", e.form());
        assertEquals(AT, only(e).value());
        assertTrue(e.description().contains("no scheme"), e.description());
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("no 'Bearer' scheme")), e.notes().toString());
    }

    @Test
    void authorizationHeaderFollowedByOtherHeadersTakesOnlyTheToken() {
        // Copied from the browser's request headers: the next header must not be glued onto the token.
        Extraction e = x.extract("Authorization: Bearer " + AT + "\r\nContent-Type: application/json\r\nAccept: */*");
        assertEquals("authorization-header", e.form());
        assertEquals(AT, only(e).value());
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("2 lines after the token")), e.notes().toString());
    }

    @Test
    void bearerValueFollowedByABodyTakesOnlyTheToken() {
        Extraction e = x.extract("Bearer " + AT + "\n\n{\"query\": \"orders\"}");
        assertEquals("bearer", e.form());
        assertEquals(AT, only(e).value());
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("1 line after the token")), e.notes().toString());
    }

    @Test
    void bearerValueWrappedOverLinesIsJoined() {
        String wrapped = "Bearer " + AT.substring(0, 70) + "\n    " + AT.substring(70, 400) + "\n" + AT.substring(400);
        Extraction e = x.extract(wrapped);
        assertEquals("bearer", e.form());
        assertEquals(AT, only(e).value());
        assertTrue(e.notes().stream().anyMatch(n -> n.startsWith("removed ")), e.notes().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization: Bearer", "Authorization: Bearer   ", "Authorization:", "Bearer", "  bearer  "})
    void emptyCredentialIsNothingToInspect(String input) {
        Extraction e = x.extract(input);
        assertEquals("empty", e.form());
        assertTrue(e.candidates().isEmpty(), e.candidates().toString());
        assertTrue(e.primary().isEmpty());
        assertTrue(e.description().contains("no token") || e.description().contains("empty"), e.description());
    }

    // ---- quotes, whitespace, line breaks ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"\"%s\"", "'%s'", "`%s`", "“%s”", "\"'%s'\"", "  \"%s\"\n"})
    void surroundingQuotesAreStripped(String pattern) {
        Extraction e = x.extract(String.format(pattern, AT));
        assertEquals("raw", e.form());
        assertEquals(AT, only(e).value());
        assertTrue(e.notes().contains("stripped surrounding quotes"), e.notes().toString());
    }

    @Test
    void quotedBearerHeader() {
        Extraction e = x.extract("\"Bearer " + AT + "\"");
        assertEquals("bearer", e.form());
        assertEquals(AT, only(e).value());
    }

    @Test
    void surroundingWhitespaceAndByteOrderMarkAreIgnoredSilently() {
        Extraction e = x.extract("\uFEFF \n\t " + AT + " \r\n\n");
        assertEquals("raw", e.form());
        assertEquals(AT, only(e).value());
        assertEquals(List.of(), e.notes());
    }

    @Test
    void lineBreaksInsideTheTokenAreRemovedAndCounted() {
        String wrapped = AT.substring(0, 76) + "\r\n" + AT.substring(76, 152) + "\n  " + AT.substring(152);
        Extraction e = x.extract(wrapped);
        assertEquals("raw", e.form());
        assertEquals(AT, only(e).value());
        assertEquals(List.of("removed 5 whitespace characters (line breaks) from inside the token"), e.notes());
    }

    @Test
    void spacesInsideTheTokenAreRemoved() {
        // A JWT copied from a PDF or chat, broken by spaces in the header and the payload.
        String spaced = AT.substring(0, 20) + " " + AT.substring(20, 300) + "  " + AT.substring(300);
        Extraction e = x.extract(spaced);
        assertEquals("raw", e.form());
        assertEquals(AT, only(e).value());
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("3 whitespace characters")), e.notes().toString());
    }

    @Test
    void aCompleteTokenFollowedByWordsIsNotGluedToThem() {
        Extraction e = x.extract(AT + " expired");
        assertEquals("text", e.form());
        assertEquals(AT, only(e).value());
    }

    // ---- token-endpoint responses, MSAL cache, error responses ------------------------------------------------

    @Test
    void tokenResponseInspectsTheAccessTokenFirstAndListsTheOthers() {
        String json = "{\n  \"token_type\": \"Bearer\",\n  \"scope\": \"api://" + Tokens.API_ID
                + "/access_as_user\",\n  \"expires_in\": 3599,\n  \"id_token\": \"" + ID + "\",\n  \"refresh_token\": \"" + REFRESH
                + "\",\n  \"access_token\": \"" + AT + "\"\n}";
        Extraction e = x.extract(json);
        assertEquals("token-response", e.form());
        assertTrue(e.description().contains("token_type Bearer"), e.description());
        assertTrue(e.description().contains("scope \"api://" + Tokens.API_ID + "/access_as_user\""), e.description());
        assertEquals(List.of(Role.ACCESS_TOKEN, Role.ID_TOKEN, Role.REFRESH_TOKEN), e.candidates().stream().map(Candidate::role).toList());
        assertEquals(AT, primaryValue(e));
        assertEquals(Role.ACCESS_TOKEN, e.primary().orElseThrow().role());
        assertEquals(ID, e.candidates().get(1).value());
        assertFalse(Role.REFRESH_TOKEN.inspectable());
    }

    @Test
    void refreshTokenValueNeverSerialises() {
        Extraction e = x.extract("{\"access_token\":\"" + AT + "\",\"refresh_token\":\"" + REFRESH + "\"}");
        String json = Json.compact(e);
        assertFalse(json.contains(REFRESH), json);
        assertFalse(json.contains(AT), "candidate values are not serialised either");
        assertTrue(json.contains("\"refresh-token\""), json);
    }

    @Test
    void tokenResponseWithOnlyARefreshTokenHasNothingToInspect() {
        Extraction e = x.extract("{\"token_type\":\"Bearer\",\"refresh_token\":\"" + REFRESH + "\"}");
        assertEquals("token-response", e.form());
        assertTrue(e.primary().isEmpty());
        String why = e.nothingToInspect();
        assertTrue(why.contains("refresh token"), why);
        assertTrue(why.contains("never decoded"), why);
        assertFalse(why.contains(REFRESH), why);
    }

    @Test
    void idTokenOnlyResponseInspectsTheIdToken() {
        Extraction e = x.extract("{\"id_token\":\"" + ID + "\",\"token_type\":\"Bearer\"}");
        assertEquals(ID, primaryValue(e));
        assertEquals(Role.ID_TOKEN, e.primary().orElseThrow().role());
    }

    @Test
    void camelCaseFieldsOfLibraryResultsAreRecognised() {
        // MSAL.js AuthenticationResult: {accessToken, idToken}
        Extraction e = x.extract("{\"idToken\":\"" + ID + "\",\"accessToken\":\"" + AT + "\",\"scopes\":[\"api://x/y\"]}");
        assertEquals("token-response", e.form());
        assertEquals(AT, primaryValue(e));
        assertEquals(2, e.candidates().size());
    }

    @Test
    void tokenValuesInsideJsonAreCleanedOfLineBreaks() {
        String broken = AT.substring(0, 50) + "\\n" + AT.substring(50);
        Extraction e = x.extract("{\"access_token\":\"" + broken + "\"}");
        assertEquals(AT, primaryValue(e));
        assertTrue(e.notes().stream().anyMatch(n -> n.startsWith("removed 1 whitespace")), e.notes().toString());
    }

    @Test
    void msalJsCacheEntry() {
        String entry = "{\"homeAccountId\":\"uid.utid\",\"environment\":\"login.microsoftonline.com\",\"credentialType\":\"AccessToken\","
                + "\"clientId\":\"" + Tokens.CLIENT_ID + "\",\"secret\":\"" + AT + "\",\"realm\":\"" + Tokens.TENANT
                + "\",\"target\":\"api://x/.default\"}";
        Extraction e = x.extract(entry);
        assertEquals("msal-cache", e.form());
        assertEquals(Role.ACCESS_TOKEN, only(e).role());
        assertEquals(AT, only(e).value());
        assertTrue(only(e).source().contains("MSAL cache entry (AccessToken)"), only(e).source());
    }

    @Test
    void msalPythonAndDotnetCacheEntryUseSnakeCase() {
        Extraction e = x.extract("{\"credential_type\":\"IdToken\",\"secret\":\"" + ID + "\",\"home_account_id\":\"uid.utid\"}");
        assertEquals("msal-cache", e.form());
        assertEquals(Role.ID_TOKEN, only(e).role());
        assertEquals(ID, only(e).value());
    }

    @Test
    void msalRefreshTokenEntryIsNeverInspectable() {
        Extraction e = x.extract("{\"credentialType\":\"RefreshToken\",\"secret\":\"" + REFRESH + "\"}");
        assertEquals("msal-cache", e.form());
        assertEquals(Role.REFRESH_TOKEN, only(e).role());
        assertTrue(e.primary().isEmpty());
        assertFalse(Json.compact(e).contains(REFRESH));
    }

    @Test
    void wholeSerialisedMsalCacheListsEveryEntryAccessTokenFirst() {
        String cache = "{\"Account\":{\"uid.utid-login.microsoftonline.com-utid\":{\"username\":\"alice@contoso.example\"}},"
                + "\"IdToken\":{\"k1\":{\"credential_type\":\"IdToken\",\"secret\":\"" + ID + "\"}},"
                + "\"RefreshToken\":{\"k2\":{\"credential_type\":\"RefreshToken\",\"secret\":\"" + REFRESH + "\"}},"
                + "\"AccessToken\":{\"k3\":{\"credential_type\":\"AccessToken\",\"secret\":\"" + AT + "\"}}}";
        Extraction e = x.extract(cache);
        assertEquals("msal-cache", e.form());
        assertEquals(List.of(Role.ACCESS_TOKEN, Role.ID_TOKEN, Role.REFRESH_TOKEN), e.candidates().stream().map(Candidate::role).toList());
        assertEquals(AT, primaryValue(e));
    }

    @Test
    void tokenEndpointErrorResponse() {
        Extraction e = x.extract(
                "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70008: The provided authorization code or refresh "
                + "token has expired.\\r\\nTrace ID: 0000\\r\\nCorrelation ID: 1111\",\"error_codes\":[70008]}");
        assertEquals("error-response", e.form());
        assertTrue(e.candidates().isEmpty());
        assertEquals("A token-endpoint error response, no token: invalid_grant — AADSTS70008: The provided authorization code or refresh "
                + "token has expired.", e.description());
        assertEquals(e.description(), e.nothingToInspect());
    }

    @Test
    void apiErrorResponseLikeGraphs() {
        Extraction e = x.extract(
                "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired or is not yet valid.\","
                + "\"innerError\":{\"date\":\"2026-03-01T12:00:00\"}}}");
        assertEquals("error-response", e.form());
        assertTrue(e.candidates().isEmpty());
        assertTrue(e.description().contains("InvalidAuthenticationToken"), e.description());
        assertTrue(e.description().contains("Access token has expired"), e.description());
    }

    @Test
    void otherJsonIsScannedNotTakenForAToken() {
        Extraction e = x.extract("{\"headers\":{\"authorization\":\"Bearer " + AT + "\"},\"status\":401}");
        assertEquals("text", e.form());
        assertEquals(AT, only(e).value());
    }

    @Test
    void compactJsonWithoutATokenIsUnrecognisedNotAnOpaqueToken() {
        Extraction e = x.extract("{\"status\":401,\"ok\":false}");
        assertEquals("unrecognised", e.form());
        assertTrue(e.candidates().isEmpty());
    }

    @Test
    void brokenJsonHoldingATokenStillFindsIt() {
        Extraction e = x.extract("{\"access_token\":\"" + AT + "\",\"expires_in\":");
        assertEquals(AT, primaryValue(e));
    }

    // ---- redirect URLs -----------------------------------------------------------------------------------------

    @Test
    void urlFragmentWithAccessAndIdToken() {
        Extraction e = x.extract("https://app.example/callback#access_token=" + AT + "&token_type=Bearer&expires_in=3599&id_token=" + ID
                + "&state=12345&session_state=abc");
        assertEquals("url-fragment", e.form());
        assertEquals("A redirect URL fragment with 2 values", e.description());
        assertEquals(List.of(Role.ACCESS_TOKEN, Role.ID_TOKEN), e.candidates().stream().map(Candidate::role).toList());
        assertEquals(AT, primaryValue(e));
        assertEquals(ID, e.candidates().get(1).value());
        assertEquals("access_token in the URL fragment", e.candidates().get(0).source());
    }

    @Test
    void bareFragmentWithIdTokenOnly() {
        Extraction e = x.extract("#id_token=" + ID + "&state=xyz");
        assertEquals("url-fragment", e.form());
        assertEquals(ID, primaryValue(e));
    }

    @Test
    void percentEncodedValuesAreDecoded() {
        Extraction e = x.extract("https://app.example/cb#access_token=" + AT.replace(".", "%2E") + "&token_type=Bearer");
        assertEquals(AT, primaryValue(e));
    }

    @Test
    void authorizationCodeIsRecognisedButNothingIsInspectable() {
        Extraction e = x.extract("https://localhost:5000/signin-oidc?code=0.AXEAoGRV-code-value&state=abc&session_state=def");
        assertEquals("url-query", e.form());
        assertEquals(Role.AUTHORIZATION_CODE, only(e).role());
        assertTrue(e.primary().isEmpty());
        assertFalse(Role.AUTHORIZATION_CODE.inspectable());
        String why = e.nothingToInspect();
        assertTrue(why.contains("authorization code"), why);
        assertTrue(why.contains("not a token"), why);
        assertFalse(Json.compact(e).contains("code-value"));
    }

    @Test
    void errorRedirect() {
        Extraction e = x.extract("https://app.example/cb?error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent.&state=1");
        assertEquals("error-redirect", e.form());
        assertTrue(e.candidates().isEmpty());
        assertEquals("A sign-in redirect carrying an error, no token: access_denied — AADSTS65004: User declined to consent.",
                e.description());
    }

    // ---- tokens inside other text ----------------------------------------------------------------------------------

    @Test
    void curlCommand() {
        Extraction e = x.extract("curl -sS -X GET 'https://api.example/orders' \\\n  -H 'Accept: application/json' \\\n  -H \"Authorization: Bearer "
                + AT + "\"");
        assertEquals("text", e.form());
        assertEquals(AT, only(e).value());
        assertTrue(only(e).source().startsWith("text at character "), only(e).source());
    }

    @Test
    void logLine() {
        String line = "2026-03-01T12:00:03.117Z WARN  [api] 401 Unauthorized: IDX10223: Lifetime validation failed. token=" + AT
                + " user=alice";
        Extraction e = x.extract(line);
        assertEquals("text", e.form());
        assertEquals(AT, only(e).value());
        assertEquals("text at character " + line.indexOf(AT), only(e).source());
    }

    @Test
    void severalTokensInTextAreAllListedOnce() {
        Extraction e = x.extract("first " + ID + " then " + AT + " and again " + ID);
        assertEquals("Text containing 2 tokens", e.description());
        // Named by their claims, the access token first whatever the order of the text (issue 19).
        assertEquals(List.of(AT, ID), e.candidates().stream().map(Candidate::value).toList());
        assertEquals(List.of(Role.ACCESS_TOKEN, Role.ID_TOKEN), e.candidates().stream().map(Candidate::role).toList());
        assertEquals(AT, e.primary().orElseThrow().value());
    }

    @Test
    void opaqueTokenInACurlCommandIsFoundAfterBearer() {
        String opaque = Tokens.opaque(200);
        Extraction e = x.extract("curl -H 'Authorization: Bearer " + opaque + "' https://graph.microsoft.com/v1.0/me");
        assertEquals("text", e.form());
        assertEquals(opaque, only(e).value());
        assertTrue(only(e).source().startsWith("Bearer value at character "), only(e).source());
    }

    @Test
    void encryptedTokenInTextIsFoundWhole() {
        String jwe = Tokens.encrypted(Tokens.v2Access());
        Extraction e = x.extract("token: " + jwe + " (from the gateway)");
        assertEquals(jwe, only(e).value());
    }

    // ---- nothing usable ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t\n", "\"\"", "' '", "\"''\""})
    void emptyInput(String input) {
        Extraction e = x.extract(input);
        assertEquals("empty", e.form());
        assertTrue(e.candidates().isEmpty());
        assertFalse(e.description().isBlank());
    }

    @Test
    void nullInputIsEmpty() {
        assertEquals("empty", x.extract(null).form());
    }

    @Test
    void proseIsUnrecognisedWithAnExplanation() {
        Extraction e = x.extract("the customer says the token does not work, please help");
        assertEquals("unrecognised", e.form());
        assertTrue(e.nothingToInspect().contains("expected a JWT"), e.nothingToInspect());
    }

    @Test
    void inputsBeyondTheCapAreRefusedWithoutScanning() {
        String big = "a".repeat(InputExtractor.MAX_INPUT_CHARS + 1);
        Extraction e = x.extract(big);
        assertEquals("too-large", e.form());
        assertTrue(e.candidates().isEmpty());
        assertTrue(e.description().contains(String.format("%,d characters", big.length())), e.description());
    }

    @Test
    void opaqueRawTokenIsTakenAsIs() {
        String opaque = Tokens.opaque(300);
        Extraction e = x.extract(opaque);
        assertEquals("raw", e.form());
        assertEquals(opaque, only(e).value());
    }
}
