package dev.tokenscope.engine.signin;

import dev.tokenscope.engine.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowLogTest {
    static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

    @Test
    void parametersAndBodiesAreRedactedByName() {
        FlowLog log = new FlowLog();
        log.http("POST", "https://login.example/token", List.of(Map.entry("grant_type", "authorization_code"), Map.entry("code", "the-code-value"),
                        Map.entry("code_verifier", "the-verifier-value"), Map.entry("client_secret", "the-secret-value"),
                        Map.entry("client_id", "app")),
                Map.of("Origin", "https://spa.example.com", "Authorization", "Basic xyz"), 200,
                ("{\"access_token\":\"" + JWT + "\",\"refresh_token\":\"0.AAA-refresh\",\"id_token\":\"" + JWT
                        + "\",\"scope\":\"openid\",\"nested\":{\"device_code\":\"dc-value\"}}")
                        .getBytes(StandardCharsets.UTF_8), "application/json", 12, null, null);
        String text = log.render() + Json.compact(log.entries());
        for (String secret : List.of("the-code-value", "the-verifier-value", "the-secret-value", JWT, "0.AAA-refresh", "dc-value",
                "Basic xyz")) {
            assertFalse(text.contains(secret), secret + " leaked: " + text);
        }
        FlowLog.Entry e = log.entries().get(0);
        assertEquals("authorization_code", e.parameters().get("grant_type"));
        assertEquals("app", e.parameters().get("client_id"));
        assertEquals("[redacted, 14 chars]", e.parameters().get("code"));
        assertEquals("https://spa.example.com", e.headers().get("Origin"));
        assertTrue(e.response().contains("\"scope\":\"openid\""), e.response());
    }

    @Test
    void urlsAndFreeTextAreScrubbed() {
        FlowLog log = new FlowLog();
        log.secret("registered-secret-123");
        log.redirect("http://localhost:1234/?code=abc-code-xyz&state=st&session_state=ss", "ok");
        log.note("a note mentioning registered-secret-123 and a token " + JWT);
        log.http("POST", "https://x/token", List.of(), Map.of(), 500, ("oops registered-secret-123 " + JWT).getBytes(StandardCharsets.UTF_8), "text/plain", 1, null, null);
        log.http("GET", "https://x/page", null, null, 200, "<!DOCTYPE html><html>secret-in-html</html>".getBytes(StandardCharsets.UTF_8), "text/html", 1, null, null);
        String text = log.render() + Json.compact(log.entries());
        assertFalse(text.contains("abc-code-xyz"), text);
        assertFalse(text.contains("registered-secret-123"), text);
        assertFalse(text.contains(JWT), text);
        assertFalse(text.contains("secret-in-html"), text);
        assertTrue(text.contains("state=st"), text);
        assertTrue(text.contains("[HTML page"), text);
    }

    @Test
    void listenersSeeEntriesAsTheyCome() {
        FlowLog log = new FlowLog();
        StringBuilder seen = new StringBuilder();
        log.onEntry(e -> seen.append(e.kind()).append(' '));
        log.note("one");
        log.browser("https://login.example/authorize?client_id=a&state=s");
        assertEquals("note browser ", seen.toString());
    }
}
