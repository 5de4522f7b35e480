package dev.tokenscope.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.json.Json;

import java.util.Base64;
import java.nio.charset.StandardCharsets;

/** Builds HAR captures shaped like Chromium's "Save all as HAR" (log.version 1.2, creator WebInspector). */
public final class Hars {
    private final ObjectNode root = Json.MAPPER.createObjectNode();
    private final ArrayNode entries;

    public Hars() {
        ObjectNode log = root.putObject("log");
        log.put("version", "1.2");
        log.putObject("creator").put("name", "WebInspector").put("version", "537.36");
        log.putArray("pages").addObject().put("startedDateTime", "2026-03-01T11:59:59.000Z").put("id", "page_1").put("title", "https://app.contoso.example/");
        entries = log.putArray("entries");
    }

    public ObjectNode entry(String time, String method, String url, int status) {
        ObjectNode e = entries.addObject();
        e.put("_initiator", "script").put("_priority", "High").put("_resourceType", "fetch").putObject("cache");
        e.put("pageref", "page_1");
        ObjectNode req = e.putObject("request");
        req.put("method", method).put("url", url).put("httpVersion", "http/2.0");
        req.putArray("headers").addObject().put("name", ":authority").put("value", "app.contoso.example");
        req.putArray("queryString");
        req.putArray("cookies");
        req.put("headersSize", -1).put("bodySize", 0);
        ObjectNode res = e.putObject("response");
        res.put("status", status).put("statusText", "").put("httpVersion", "http/2.0");
        res.putArray("headers").addObject().put("name", "content-type").put("value", "application/json");
        res.putArray("cookies");
        res.putObject("content").put("size", 0).put("mimeType", "application/json");
        res.put("redirectURL", "").put("headersSize", -1).put("bodySize", -1).put("_transferSize", 100).putNull("_error");
        e.put("serverIPAddress", "127.0.0.1").put("startedDateTime", time).put("time", 12.5);
        e.putObject("timings").put("blocked", 1).put("dns", -1).put("wait", 10);
        return e;
    }

    public Hars bearer(String time, String url, String token) {
        ObjectNode e = entry(time, "GET", url, 200);
        ((ArrayNode) e.get("request").get("headers")).addObject().put("name", "authorization").put("value", "Bearer " + token);
        return this;
    }

    public Hars tokenResponse(String time, String url, String body, boolean base64) {
        ObjectNode e = entry(time, "POST", url, 200);
        ObjectNode req = (ObjectNode) e.get("request");
        req.putObject("postData").put("mimeType", "application/x-www-form-urlencoded;charset=utf-8")
                .put("text", "client_id=abc&grant_type=authorization_code&code=SECRETCODE&code_verifier=xyz");
        ObjectNode content = (ObjectNode) e.get("response").get("content");
        content.put("size", body.length());
        if (base64) {
            content.put("text", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))).put("encoding", "base64");
        } else {
            content.put("text", body);
        }
        return this;
    }

    /** A token request: a form post with {@code formBody} (client_id=…&grant_type=…) answered by the JSON {@code responseBody}. */
    public Hars tokenRequest(String time, String url, String formBody, String responseBody) {
        ObjectNode e = entry(time, "POST", url, 200);
        ((ObjectNode) e.get("request")).putObject("postData").put("mimeType", "application/x-www-form-urlencoded;charset=utf-8")
                .put("text", formBody);
        ((ObjectNode) e.get("response").get("content")).put("size", responseBody.length()).put("text", responseBody);
        return this;
    }

    /**
     * A call with {@code authorization} as its Authorization header, answered with {@code status}, the
     * {@code wwwAuthenticate} header (when not null) and the JSON {@code body} (when not null).
     */
    public Hars call(String time, String method, String url, String authorization, int status, String wwwAuthenticate, String body) {
        ObjectNode e = entry(time, method, url, status);
        ((ArrayNode) e.get("request").get("headers")).addObject().put("name", "Authorization").put("value", authorization);
        if (wwwAuthenticate != null) {
            ((ArrayNode) e.get("response").get("headers")).addObject().put("name", "WWW-Authenticate").put("value", wwwAuthenticate);
        }
        if (body != null) ((ObjectNode) e.get("response").get("content")).put("size", body.length()).put("text", body);
        return this;
    }

    public Hars redirect(String time, String url, String location) {
        ObjectNode e = entry(time, "GET", url, 302);
        ((ArrayNode) e.get("response").get("headers")).addObject().put("name", "location").put("value", location);
        ((ObjectNode) e.get("response")).put("redirectURL", location);
        ((ObjectNode) e.get("response").get("content")).put("mimeType", "text/html");
        return this;
    }

    public Hars formPost(String time, String url, String body) {
        ObjectNode e = entry(time, "POST", url, 200);
        ((ObjectNode) e.get("request")).putObject("postData").put("mimeType", "application/x-www-form-urlencoded").put("text", body);
        return this;
    }

    public Hars page(String time, String url, String mime, String body) {
        ObjectNode e = entry(time, "GET", url, 200);
        ((ObjectNode) e.get("response").get("content")).put("size", body.length()).put("mimeType", mime).put("text", body);
        return this;
    }

    public String json() {
        return Json.pretty(root);
    }
}
