package dev.tokenscope.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerResponseParserTest {
    static final String API = "6e74172b-be56-4843-9ff4-e66a39bb12e3";
    static final String PII_NEW = "[PII of type 'System.String' is hidden. For more details, see https://aka.ms/IdentityModel/PII.]";
    static final String PII_OLD = "[PII is hidden]";

    static ServerEvidence.Item only(ServerEvidence e) {
        assertEquals(1, e.findings().size(), e.toString());
        return e.findings().get(0);
    }

    @Test
    void rawHttpResponseWithHeadersAndJsonBody() {
        ServerEvidence e = ServerResponseParser.parse("""
                HTTP/1.1 401 Unauthorized
                Date: Sun, 01 Mar 2026 12:10:00 GMT
                Content-Type: application/problem+json
                WWW-Authenticate: Bearer error="invalid_token", error_description="The audience '%s' is invalid"
                x-ms-request-id: 1234-abcd

                {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.2","title":"Unauthorized","status":401,"traceId":"00-abc-01"}
                """.formatted(API));
        assertEquals("http-response+www-authenticate+json-error", e.form());
        assertEquals(401, e.status());
        assertEquals("Sun, 01 Mar 2026 12:10:00 GMT", e.context().get("date"));
        assertEquals("1234-abcd", e.context().get("x-ms-request-id"));
        ServerEvidence.Item aud = e.findings().get(0);
        assertEquals("invalid_token", aud.code());
        assertEquals("aspnet-audience", aud.phrase());
        assertEquals(API, aud.values().get("audience"));
        ServerEvidence.Item body = e.findings().get(1);
        assertEquals("http-401", body.code());
        assertEquals("problem-details", body.values().get("shape"));
        assertEquals("00-abc-01", body.values().get("traceId"));
    }

    @Test
    void http2StatusLineWithoutAnythingElseStillSaysSomething() {
        ServerEvidence e = ServerResponseParser.parse("HTTP/2 403\r\ncontent-length: 0\r\n\r\n");
        assertEquals(403, e.status());
        assertEquals("http-403", only(e).code());
    }

    @Test
    void bareHeaderLineAndValueOnly() {
        ServerEvidence header = ServerResponseParser.parse(
                "WWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The signature key was not found\"");
        assertEquals("www-authenticate", header.form());
        assertEquals("aspnet-key-not-found", only(header).phrase());
        ServerEvidence value = ServerResponseParser.parse(
                "error=\"invalid_token\", error_description=\"The token expired at '03/01/2026 11:00:00'\"");
        ServerEvidence.Item i = only(value);
        assertEquals("aspnet-expired", i.phrase());
        assertEquals("03/01/2026 11:00:00", i.values().get("expiredAt"));
        ServerEvidence plain = ServerResponseParser.parse("Bearer");
        assertEquals("bearer-challenge", only(plain).code());
    }

    @Test
    void severalChallengesQuotedCommasEscapesAndTokenValues() {
        List<WwwAuthenticateParser.Challenge> cs = WwwAuthenticateParser.parse(
                "Basic realm=\"a, b\", Bearer realm=\"\", error=invalid_token, error_description=\"x \\\"quoted\\\", y\", "
                        + "scope=\"a b\", PoP nonce=\"n\"");
        assertEquals(List.of("Basic", "Bearer", "PoP"), cs.stream().map(WwwAuthenticateParser.Challenge::scheme).toList());
        assertEquals("a, b", cs.get(0).param("realm"));
        assertEquals("", cs.get(1).param("realm"));
        assertEquals("invalid_token", cs.get(1).param("error"));
        assertEquals("x \"quoted\", y", cs.get(1).param("error_description"));
        assertEquals("a b", cs.get(1).param("scope"));
        assertEquals("n", cs.get(2).param("nonce"));
    }

    @Test
    void storageUnquotedSpaceSeparatedAndGraphHints() {
        ServerEvidence storage = ServerResponseParser.parse(
                "WWW-Authenticate: Bearer authorization_uri=https://login.microsoftonline.com/72f0c3a1-5b7e-4c1d-9a8b-2e3f4a5b6c7d/oauth2/authorize resource_id=https://storage.azure.com");
        ServerEvidence.Item s = only(storage);
        assertEquals("bearer-challenge", s.code());
        assertEquals("https://storage.azure.com", s.values().get("resource_id"));
        assertTrue(s.values().get("authorization_uri").toString().endsWith("/oauth2/authorize"));
        ServerEvidence graph = ServerResponseParser.parse("Bearer realm=\"\", client_id=\"00000003-0000-0000-c000-000000000000\", "
                + "authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\"");
        assertEquals("00000003-0000-0000-c000-000000000000", only(graph).values().get("client_id"));
    }

    @Test
    void caeClaimsChallengeIsDecoded() {
        String claims = Base64.getEncoder().encodeToString(
                "{\"access_token\":{\"nbf\":{\"essential\":true, \"value\":\"1604106651\"}}}".getBytes(StandardCharsets.UTF_8));
        ServerEvidence e = ServerResponseParser.parse("WWW-Authenticate: Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", "
                + "error=\"insufficient_claims\", claims=\"" + claims + "\"");
        ServerEvidence.Item i = only(e);
        assertEquals("insufficient_claims", i.code());
        JsonNode decoded = assertInstanceOf(JsonNode.class, i.values().get("claims"));
        assertEquals("1604106651", decoded.path("access_token").path("nbf").path("value").asText());
        assertEquals(claims, i.values().get("claimsRaw"));
    }

    @Test
    void undecodableClaimsAreKeptRawWithAReason() {
        ServerEvidence.Item i = only(ServerResponseParser.parse("Bearer error=\"insufficient_claims\", claims=\"not base64!\""));
        assertEquals("not base64!", i.values().get("claimsRaw"));
        assertTrue(i.values().get("claimsError").toString().contains("not base64"));
        assertNull(i.values().get("claims"));
    }

    @Test
    void jsonBodiesOfEachShape() {
        ServerEvidence oauth = ServerResponseParser.parse("{\"error\":\"invalid_token\",\"error_description\":\"The token is expired\"}");
        assertEquals("json-error", oauth.form());
        assertEquals("aspnet-expired", only(oauth).phrase());

        ServerEvidence arm = ServerResponseParser.parse("""
                {"error":{"code":"InvalidAuthenticationTokenTenant","message":"The access token is from the wrong issuer 'https://sts.windows.net/x/'."}}""");
        assertEquals("InvalidAuthenticationTokenTenant", only(arm).code());
        assertEquals("arm", only(arm).values().get("shape"));

        ServerEvidence graph = ServerResponseParser.parse("""
                {"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid.",
                 "innerError":{"date":"2026-03-01T12:10:00","request-id":"r-1"}}}""");
        assertEquals("graph-expired", only(graph).phrase());
        assertEquals("r-1", only(graph).values().get("request-id"));

        ServerEvidence problem = ServerResponseParser.parse("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"IDW10203: The 'scope' or 'scp' claim does not contain scopes 'access_as_user' or was not found.\"}");
        ServerEvidence.Item p = only(problem);
        assertEquals("IDW10203", p.code());
        assertEquals("access_as_user", p.values().get("requiredScopes"));
        assertEquals(403, problem.status());

        ServerEvidence spring = ServerResponseParser.parse(
                "{\"timestamp\":\"2026-03-01T12:10:00.000+00:00\",\"status\":401,\"error\":\"Unauthorized\",\"path\":\"/api/orders\"}");
        ServerEvidence.Item s = only(spring);
        assertEquals("http-401", s.code());
        assertEquals("spring-default", s.values().get("shape"));
        assertEquals("/api/orders", s.values().get("path"));

        ServerEvidence entra = ServerResponseParser.parse("{\"error\":\"unauthorized_client\","
                + "\"error_description\":\"AADSTS700016: Application with identifier 'x' was not found in the directory 'y'.\","
                + "\"error_codes\":[700016],\"trace_id\":\"t-1\"}");
        ServerEvidence.Item a = only(entra);
        assertEquals("AADSTS700016", a.code());
        assertEquals("unauthorized_client", a.values().get("error"));
        assertEquals("t-1", a.values().get("trace_id"));
    }

    @Test
    void idxLinesWithPiiHiddenInBothForms() {
        ServerEvidence e = ServerResponseParser.parse("""
                2026-03-01 12:10:00 info: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[1]
                      Failed to validate the token.
                      Microsoft.IdentityModel.Tokens.SecurityTokenInvalidAudienceException: IDX10214: Audience validation failed. \
                Audiences: '%s'. Did not match: validationParameters.ValidAudience: '%s' or validationParameters.ValidAudiences: '%s'.
                2019-05-01 fail: IDX10223: Lifetime validation failed. The token is expired. ValidTo: '%s', Current time: '%s'.
                """.formatted(PII_NEW, PII_NEW, PII_NEW, PII_OLD, PII_OLD));
        assertEquals("log-lines", e.form());
        ServerEvidence.Item aud = e.findings().get(0);
        assertEquals("IDX10214", aud.code());
        assertEquals(List.of("audiences", "validAudience", "validAudiences"), aud.values().get(Texts.HIDDEN));
        assertTrue(aud.values().get("piiPlaceholder").toString().contains("6.15.1"));
        ServerEvidence.Item exp = e.findings().get(1);
        assertEquals("IDX10223", exp.code());
        assertTrue(exp.values().get("piiPlaceholder").toString().contains("5.3"));
        assertFalse(exp.said().contains("\n"));
    }

    @Test
    void idxValuesInClearAndLibraryVariant() {
        ServerEvidence e = ServerResponseParser.parse("IDX10503: Signature validation failed. The token's kid is: 'abc'. "
                + "but did not match any keys in TokenValidationParameters or Configuration. Keys tried: 'k1, k2'. "
                + "IDX10223: Lifetime validation failed. The token is expired. "
                + "ValidTo (UTC): '3/1/2026 11:00:00 AM', Current time (UTC): '3/1/2026 12:10:00 PM'.");
        ServerEvidence.Item k = e.findings().get(0);
        assertEquals("IDX10503", k.code());
        assertEquals("abc", k.values().get("kid"));
        assertEquals("k1, k2", k.values().get("keysTried"));
        assertTrue(k.values().get("library").toString().contains("7.2"));
        ServerEvidence.Item l = e.findings().get(1);
        assertEquals("3/1/2026 11:00:00 AM", l.values().get("validTo"));
        assertEquals("3/1/2026 12:10:00 PM", l.values().get("serverTime"));
    }

    @Test
    void idwAndAadstsLines() {
        ServerEvidence e = ServerResponseParser.parse("""
                fail: Microsoft.Identity.Web: IDW10201: Neither scope nor roles claim was found in the bearer token. \
                Authentication scheme used: 'Bearer'.
                MsalServiceException: AADSTS7000215: Invalid client secret provided. Trace ID: 1
                MsalServiceException: AADSTS7000215: Invalid client secret provided. Trace ID: 1
                """);
        assertEquals(List.of("IDW10201", "AADSTS7000215"), e.findings().stream().map(ServerEvidence.Item::code).toList());
    }

    @Test
    void springLogLinesWithChallengeAndBarePhrases() {
        ServerEvidence e = ServerResponseParser.parse("""
                o.s.s.o.s.r.w.BearerTokenAuthenticationEntryPoint : WWW-Authenticate: Bearer error="invalid_token", error_description="An error occurred while attempting to decode the Jwt: Jwt expired at 2026-03-01T11:00:00Z", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"
                DEBUG o.s.s.w.FilterChainProxy : Failed to authenticate since The iss claim is not valid
                DEBUG : The aud claim is not valid
                """);
        assertEquals(List.of("spring-expired", "spring-iss", "spring-aud"),
                e.findings().stream().map(ServerEvidence.Item::phrase).toList());
        assertEquals("invalid_token", e.findings().get(0).code());
        assertEquals("2026-03-01T11:00:00Z", e.findings().get(0).values().get("expiredAt"));
        assertEquals("https://tools.ietf.org/html/rfc6750#section-3.1", e.findings().get(0).values().get("error_uri"));
        assertEquals("spring-iss", e.findings().get(1).code());
    }

    @Test
    void aspNetCoreLogProseAfterBearerIsNotAChallenge() {
        ServerEvidence e = ServerResponseParser.parse("info: Bearer was not authenticated. "
                + "Failure message: The signature key was not found "
                + "(metadata https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration?appid=x)");
        assertEquals("aspnet-key-not-found", only(e).phrase());
        assertEquals("log-lines", e.form());
    }

    @Test
    void aspNetDescriptionWithTwoFailuresGivesTwoFindings() {
        ServerEvidence e = ServerResponseParser.parse("Bearer error=\"invalid_token\", "
                + "error_description=\"The audience 'x' is invalid; The token expired at '03/01/2026 11:00:00'\"");
        assertEquals(List.of("aspnet-audience", "aspnet-expired"), e.findings().stream().map(ServerEvidence.Item::phrase).toList());
    }

    @Test
    void mixedPasteKeepsEveryForm() {
        ServerEvidence e = ServerResponseParser.parse("""
                HTTP/1.1 401 Unauthorized
                WWW-Authenticate: Bearer error="invalid_token"

                {"error":"invalid_token"}
                IDX10214: Audience validation failed. Audiences: 'a'. \
                Did not match: validationParameters.ValidAudience: 'b' or validationParameters.ValidAudiences: 'null'.
                """);
        assertEquals("http-response+www-authenticate+json-error+log-lines", e.form());
        assertEquals(List.of("a", "b"),
                List.of(e.findings().get(2).values().get("audiences"), e.findings().get(2).values().get("validAudience")));
    }

    @Test
    void curlVerboseOutputIsReadAsTheResponseAndTheRequestsTokenIgnored() {
        ServerEvidence e = ServerResponseParser.parse("""
                *   Trying 203.0.113.7:443...
                > GET /api/orders HTTP/1.1
                > Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln
                >
                < HTTP/1.1 401 Unauthorized
                < WWW-Authenticate: Bearer error="invalid_token", error_description="The issuer '(null)' is invalid"
                < Date: Sun, 01 Mar 2026 12:10:00 GMT
                <
                * Connection #0 to host api.contoso.example left intact
                """);
        assertEquals("http-response+www-authenticate", e.form());
        assertEquals("aspnet-issuer", only(e).phrase());
        assertEquals("(null)", only(e).values().get("issuer"));
        assertEquals("Sun, 01 Mar 2026 12:10:00 GMT", e.context().get("date"));
        assertTrue(ServerResponseParser.parse("Authorization: Bearer abc=").findings().isEmpty());
    }

    @Test
    void nothingRecognisedAndTooLargeInputSaySo() {
        ServerEvidence none = ServerResponseParser.parse("hello world\nnothing here");
        assertFalse(none.recognised());
        assertEquals("none", none.form());
        assertTrue(none.notes().get(0).startsWith("Nothing recognised"), none.notes().toString());
        ServerEvidence big = ServerResponseParser.parse("x".repeat(ServerResponseParser.MAX_CHARS + 1));
        assertFalse(big.recognised());
        assertTrue(big.notes().get(0).contains("limit"), big.notes().toString());
        assertTrue(ServerResponseParser.parse(null).notes().get(0).startsWith("Nothing to read"));
    }

    @Test
    void adversarialMegabyteLinesCompleteFast() {
        int n = ServerResponseParser.MAX_CHARS;
        List<String> hostile = List.of(
                "Bearer " + "a=\"\\".repeat(n / 4 - 2),
                "[PII of type '".repeat(n / 14),
                "IDX1021".repeat(n / 7),
                "{\"error\":".repeat(n / 9),
                "{".repeat(n),
                "error=" + ",".repeat(n - 6),
                "The audience '".repeat(n / 14),
                "Bearer error=\"invalid_token\", error_description=\"" + "The issuer '".repeat(n / 12 - 5));
        for (String h : hostile) {
            long t0 = System.nanoTime();
            ServerEvidence e = ServerResponseParser.parse(h.length() > n ? h.substring(0, n) : h);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 3000, "took " + ms + " ms on " + h.substring(0, 20));
            assertTrue(e.findings().size() <= EvidenceBuilder.MAX_FINDINGS);
        }
    }

    @Test
    void catalogueMapsEachCodeToAKnownStep() {
        List<String> steps = List.of("format", "algorithm", "metadata", "keys", "key-match", "signature", "issuer", "audience",
                "lifetime", "token-type", "version", "tenant", "client", "permissions");
        for (CodeCatalogue.Entry e : CodeCatalogue.get().codes().values()) {
            assertTrue(e.step() == null || steps.contains(e.step()), e.key());
        }
        for (CodeCatalogue.Entry e : CodeCatalogue.get().phrases()) {
            assertTrue(e.step() == null || steps.contains(e.step()), e.key());
        }
        Map<String, String> expected = Map.of("IDX10214", "audience", "IDX10223", "lifetime", "IDX10503", "key-match",
                "IDX10511", "signature", "IDX10205", "issuer", "IDX40001", "issuer", "IDW10201", "permissions", "IDX10500", "keys");
        expected.forEach((code, step) -> assertEquals(step, CodeCatalogue.get().code(code).orElseThrow().step(), code));
    }
}
