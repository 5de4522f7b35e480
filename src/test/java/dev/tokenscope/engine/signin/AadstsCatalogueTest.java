package dev.tokenscope.engine.signin;

import dev.tokenscope.engine.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AadstsCatalogueTest {
    static final List<Long> REQUIRED = List.of(50011L, 50020L, 50076L, 50079L, 50126L, 53003L, 65001L, 70011L, 700016L, 7000218L, 700054L,
            9002326L, 9002327L, 50194L, 90124L, 50146L);

    @Test
    void everyRequiredCodeHasAnExplanationAndAFix() {
        for (long code : REQUIRED) {
            AadstsCatalogue.Entry e = AadstsCatalogue.get().lookup(code)
                    .orElseThrow(() -> new AssertionError("AADSTS" + code + " missing"));
            assertTrue(e.summary().length() > 15, code + " summary");
            assertTrue(e.explanation().length() > 40, code + " explanation");
            assertTrue(e.fix().length() > 30, code + " fix");
        }
        assertTrue(AadstsCatalogue.get().all().size() >= 40);
        assertTrue(AadstsCatalogue.get().lookup(123L).isEmpty());
    }

    @Test
    void everyRequiredCodeRendersFromAnErrorResponse() {
        for (long code : REQUIRED) {
            String body = "{\"error\":\"invalid_request\",\"error_description\":\"AADSTS" + code + ": something.\",\"error_codes\":["
                    + code + "]}";
            OAuthError err = OAuthError.fromResponse(400, body.getBytes(StandardCharsets.UTF_8)).orElseThrow();
            String text = err.render();
            AadstsCatalogue.Entry e = AadstsCatalogue.get().lookup(code).orElseThrow();
            assertTrue(text.contains("AADSTS" + code) && text.contains(e.explanation()) && text.contains("Fix: " + e.fix()), text);
        }
    }

    @Test
    void entraErrorResponseWith700016() {
        String body = """
                {"error":"unauthorized_client","error_description":"AADSTS700016: Application with identifier '0000-bad' was not found in the directory 'Contoso'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.\\r\\nTrace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333\\r\\nCorrelation ID: aaaa0000-bb11-2222-33cc-444444dddddd\\r\\nTimestamp: 2026-03-01 12:00:00Z","error_codes":[700016],"timestamp":"2026-03-01 12:00:00Z","trace_id":"0000aaaa-11bb-cccc-dd22-eeeeee333333","correlation_id":"aaaa0000-bb11-2222-33cc-444444dddddd","error_uri":"https://login.microsoftonline.com/error?code=700016"}
                """;
        OAuthError err = OAuthError.fromResponse(400, body.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertEquals("unauthorized_client", err.error());
        assertEquals(List.of(700016L), err.errorCodes());
        assertEquals("aaaa0000-bb11-2222-33cc-444444dddddd", err.correlationId());
        assertEquals("0000aaaa-11bb-cccc-dd22-eeeeee333333", err.traceId());
        assertEquals("2026-03-01 12:00:00Z", err.timestamp());
        assertEquals("https://login.microsoftonline.com/error?code=700016", err.errorUri());
        assertTrue(err.shortDescription().startsWith("AADSTS700016: Application with identifier"));
        assertFalse(err.shortDescription().contains("Trace ID"));
        assertEquals("unauthorized_client: " + err.shortDescription(), err.summary());
        String text = err.render();
        assertTrue(text.contains("UnauthorizedClient_DoesNotMatchRequest"), text);
        assertTrue(text.contains("Application (client) ID"), text);
        assertTrue(text.contains("correlation id: aaaa0000-bb11-2222-33cc-444444dddddd"), text);
        assertTrue(text.contains("trace id: 0000aaaa-11bb-cccc-dd22-eeeeee333333"), text);
        assertEquals(1, err.explanations().size());
        // serialisable for --json
        assertTrue(Json.compact(err).contains("\"errorCodes\":[700016]"));
    }

    @Test
    void codesAreTakenFromTheDescriptionWhenErrorCodesIsMissing() {
        OAuthError err = OAuthError.fromResponse(400, ("{\"error\":\"invalid_request\",\"error_description\":\"AADSTS9002327: "
                + "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.\"}")
                .getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertEquals(List.of(9002327L), err.errorCodes());
        assertTrue(err.render().contains("--spa-origin"), err.render());
    }

    @Test
    void unknownCodesPointToMicrosoftsLookup() {
        OAuthError err = OAuthError.fromResponse(400,
                "{\"error\":\"invalid_request\",\"error_codes\":[99999999]}".getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertTrue(err.render().contains("https://login.microsoftonline.com/error?code=99999999"), err.render());
    }

    @Test
    void redirectErrors() {
        OAuthError err = OAuthError.fromRedirect(
                Map.of("error", "access_denied", "error_description",
                        "AADSTS50105: Your administrator has configured the application to block users unless they are "
                                + "specifically granted access.",
                "state", "s"));
        assertEquals(0, err.httpStatus());
        assertEquals(List.of(50105L), err.errorCodes());
        assertTrue(err.render().contains("(in the redirect)"));
        assertNull(OAuthError.fromRedirect(Map.of("code", "x")));
    }

    @Test
    void notAnError() {
        assertTrue(OAuthError.fromResponse(200, "{\"access_token\":\"x\"}".getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertTrue(OAuthError.fromResponse(500, "<html>oops</html>".getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertTrue(OAuthError.fromResponse(500, new byte[0]).isEmpty());
    }
}
