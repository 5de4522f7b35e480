package dev.tokenscope.ui.model;

import dev.tokenscope.ui.model.shared.Lists;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.profile.ValidationProfile;

import java.util.ArrayList;
import java.util.List;

/**
 * A named API profile as the user edits and saves it: what the API expects. Never holds a token or a secret.
 *
 * @param evaluateAt an ISO-8601 instant or epoch seconds as typed, or null/blank for "now"
 * @param issuers    the issuers the API accepts ("Trusted issuers"); empty: Microsoft's authorities
 */
public record ProfileData(String name, List<String> audiences, List<String> tenants, List<String> clients, List<String> scopes,
                          List<String> roles, long skewSeconds, String evaluateAt, String metadata, String jwks, boolean offline,
                          List<String> issuers) {

    public ProfileData {
        name = name == null ? "" : name.strip();
        audiences = clean(audiences);
        tenants = clean(tenants);
        clients = clean(clients);
        scopes = clean(scopes);
        roles = clean(roles);
        issuers = clean(issuers);
        evaluateAt = blankToNull(evaluateAt);
        metadata = blankToNull(metadata);
        jwks = blankToNull(jwks);
    }

    /** A profile that names no issuers (Microsoft's authorities trusted). */
    public ProfileData(String name, List<String> audiences, List<String> tenants, List<String> clients, List<String> scopes,
                       List<String> roles, long skewSeconds, String evaluateAt, String metadata, String jwks, boolean offline) {
        this(name, audiences, tenants, clients, scopes, roles, skewSeconds, evaluateAt, metadata, jwks, offline, List.of());
    }

    public static ProfileData empty(String name) {
        return new ProfileData(name, null, null, null, null, null, ValidationProfile.DEFAULT_SKEW.getSeconds(), null, null, null, false);
    }

    /** The profile a bundled sample is inspected with, under a display name. */
    public static ProfileData of(String name, ValidationProfile p) {
        return new ProfileData(name, p.audiences(), p.tenants(), p.clients(), p.scopes(), p.roles(), p.skew().getSeconds(),
                p.at() == null ? null : p.at().toString(), p.metadata(), p.jwks(), p.offline(), p.issuers());
    }

    public ProfileData withName(String newName) {
        return new ProfileData(newName, audiences, tenants, clients, scopes, roles, skewSeconds, evaluateAt, metadata, jwks, offline,
                issuers);
    }

    public String toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", name);
        array(o, "audiences", audiences);
        array(o, "tenants", tenants);
        array(o, "clients", clients);
        array(o, "scopes", scopes);
        array(o, "roles", roles);
        o.put("skewSeconds", skewSeconds);
        if (evaluateAt != null) o.put("evaluateAt", evaluateAt);
        if (metadata != null) o.put("metadata", metadata);
        if (jwks != null) o.put("jwks", jwks);
        o.put("offline", offline);
        array(o, "issuers", issuers);
        return Json.pretty(o);
    }

    /** Reads a saved profile; unknown members are ignored, missing ones take their defaults. */
    public static ProfileData fromJson(String json, String fallbackName) throws java.io.IOException {
        JsonNode n = Json.parse(json);
        if (!n.isObject()) throw new java.io.IOException("a profile file must hold a JSON object");
        String name = n.path("name").isTextual() && !n.path("name").asText().isBlank() ? n.path("name").asText() : fallbackName;
        long skew = n.path("skewSeconds").canConvertToLong() ? Math.max(0, n.path("skewSeconds").asLong())
                : ValidationProfile.DEFAULT_SKEW.getSeconds();
        return new ProfileData(name, strings(n, "audiences"), strings(n, "tenants"), strings(n, "clients"), strings(n, "scopes"),
                strings(n, "roles"), skew, text(n, "evaluateAt"), text(n, "metadata"), text(n, "jwks"), n.path("offline").asBoolean(false),
                strings(n, "issuers"));
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    private static List<String> strings(JsonNode n, String f) {
        List<String> out = new ArrayList<>();
        JsonNode v = n.get(f);
        if (v == null) return out;
        if (v.isArray()) {
            for (JsonNode e : v) if (e.isValueNode() && !e.isNull()) out.add(e.asText());
        } else if (v.isTextual()) {
            out.addAll(Lists.split(v.asText()));
        }
        return out;
    }

    private static void array(ObjectNode o, String f, List<String> values) {
        ArrayNode a = o.putArray(f);
        values.forEach(a::add);
    }

    private static List<String> clean(List<String> in) {
        if (in == null) return List.of();
        return in.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).distinct().toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
