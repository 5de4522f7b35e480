package dev.tokenscope.engine.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The claim catalogue: plain-language meanings for JOSE header members and JWT/OIDC/Entra claims, loaded
 * from the data file {@code claims.json} next to this class. The file, not code, holds the knowledge:
 * entries, value interpretations and the lookup tables (well-known application ids, tenants, directory
 * roles, authentication methods).
 */
public final class ClaimCatalogue {
    /** Where an entry's value is looked up for an interpretation. */
    private static final String LOOKUP_APPS = "apps";

    private final Map<String, Entry> header;
    private final Map<String, Entry> claims;
    private final Map<String, Map<String, String>> tables;

    /** One catalogue entry. */
    public record Entry(String name, String title, String meaning, String carriedBy, boolean pii, String type,
                        Map<String, String> values, String lookup) {
    }

    private static final class Holder {
        static final ClaimCatalogue DEFAULT = load();
    }

    private ClaimCatalogue(Map<String, Entry> header, Map<String, Entry> claims, Map<String, Map<String, String>> tables) {
        this.header = header;
        this.claims = claims;
        this.tables = tables;
    }

    public static ClaimCatalogue get() {
        return Holder.DEFAULT;
    }

    static ClaimCatalogue load() {
        try (InputStream in = ClaimCatalogue.class.getResourceAsStream("claims.json")) {
            if (in == null) throw new IllegalStateException("claims.json missing from the application");
            JsonNode root = Json.MAPPER.readTree(in);
            Map<String, Map<String, String>> tables = new LinkedHashMap<>();
            JsonNode t = root.path("tables");
            for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                tables.put(e.getKey(), strings(e.getValue()));
            }
            return new ClaimCatalogue(entries(root.path("header")), entries(root.path("claims")), tables);
        } catch (IOException e) {
            throw new UncheckedIOException("claims.json is not valid JSON", e);
        }
    }

    private static Map<String, Entry> entries(JsonNode node) {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            map.put(e.getKey(), new Entry(e.getKey(), v.path("title").asText(null), v.path("meaning").asText(""),
                    v.path("in").asText(null), v.path("pii").asBoolean(false), v.path("type").asText("string"),
                    strings(v.path("values")), v.path("lookup").asText(null)));
        }
        return map;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText());
        }
        return map;
    }

    public Optional<Entry> claim(String name) {
        return Optional.ofNullable(claims.get(name));
    }

    public Optional<Entry> headerMember(String name) {
        return Optional.ofNullable(header.get(name));
    }

    public int size() {
        return claims.size() + header.size();
    }

    /** A lookup table by name ("apps", "tenants", "directoryRoles", "amr" …), empty when absent. */
    public Map<String, String> table(String name) {
        return tables.getOrDefault(name, Map.of());
    }

    /** The display name of a well-known Microsoft application or resource (by app id GUID or resource URI). */
    public Optional<String> wellKnownApp(String idOrUri) {
        if (idOrUri == null) return Optional.empty();
        String key = idOrUri.toLowerCase(Locale.ROOT);
        String v = table(LOOKUP_APPS).get(key);
        if (v == null && key.endsWith("/")) v = table(LOOKUP_APPS).get(key.substring(0, key.length() - 1));
        return v != null ? Optional.of(v) : AppPatterns.name(table("appPatterns"), key);
    }

    /** Where the name {@link #wellKnownApp} gives comes from (a Microsoft Learn page, or "unsourced: …"). */
    public Optional<String> wellKnownAppSource(String idOrUri) {
        if (idOrUri == null) return Optional.empty();
        String key = idOrUri.toLowerCase(Locale.ROOT);
        String v = table("appSources").get(key);
        if (v == null && key.endsWith("/")) v = table("appSources").get(key.substring(0, key.length() - 1));
        return v != null ? Optional.of(v) : AppPatterns.matching(table("appPatterns"), key).map(p -> table("appPatternSources").get(p));
    }

    public List<ClaimView> annotateHeader(ObjectNode node, Instant now, ZoneId zone) {
        return annotate(node, header, now, zone);
    }

    public List<ClaimView> annotateClaims(ObjectNode node, Instant now, ZoneId zone) {
        return annotate(node, claims, now, zone);
    }

    private List<ClaimView> annotate(ObjectNode node, Map<String, Entry> entries, Instant now, ZoneId zone) {
        List<ClaimView> out = new ArrayList<>();
        if (node == null) return out;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            out.add(annotate(f.getKey(), f.getValue(), entries.get(f.getKey()), now, zone));
        }
        return out;
    }

    private ClaimView annotate(String name, JsonNode value, Entry e, Instant now, ZoneId zone) {
        if (e == null) {
            return new ClaimView(name, value, null, "not in catalogue", null, false, false, null, null, ClaimView.warningOf(name, value));
        }
        ClaimView.TimeView time = null;
        String interpretation = null;
        if ("time".equals(e.type())) {
            Instant t = epochSeconds(value);
            if (t != null) {
                time = new ClaimView.TimeView(HumanTime.utc(t), HumanTime.local(t, zone), HumanTime.phrase(name, t, now));
            } else {
                interpretation = "not a number of seconds since 1970: a validator can't read this time";
            }
        } else {
            interpretation = interpret(e, value);
        }
        return new ClaimView(name, value, e.title(), e.meaning(), e.carriedBy(), e.pii(), true, interpretation, time,
                ClaimView.warningOf(name, value));
    }

    /** 9999-12-31T23:59:59Z: a time claim beyond it is not a time. */
    private static final long MAX_EPOCH_SECONDS = 253402300799L;

    /** Reads a NumericDate (seconds since the epoch, may be fractional); null when it is not one or out of range. */
    public static Instant epochSeconds(JsonNode value) {
        if (value == null || !value.isNumber()) return null;
        if (value.isInt() || value.isLong()) { // the usual case, without a BigDecimal
            long v = value.longValue();
            return v < -MAX_EPOCH_SECONDS || v > MAX_EPOCH_SECONDS ? null : Instant.ofEpochSecond(v);
        }
        if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) return null;
        if (value.isBigDecimal() && (value.decimalValue().scale() < -20 || value.decimalValue().scale() > 20)) return null;
        try {
            BigDecimal d = value.decimalValue();
            if (d.abs().compareTo(BigDecimal.valueOf(MAX_EPOCH_SECONDS)) > 0) return null; // past year 9999
            return Instant.ofEpochSecond(d.longValue());
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private String interpret(Entry e, JsonNode value) {
        if ("azure-resource-id".equals(e.type()) && value.isTextual()) {
            return AzureResourceId.parse(value.asText()).map(AzureResourceId::describeIdentity).orElse(null);
        }
        List<String> parts = new ArrayList<>();
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode n : value) items.add(n.isTextual() ? n.asText() : n.toString());
        } else if (value.isTextual() && "space-list".equals(e.type())) {
            for (String s : value.asText().trim().split("\\s+")) if (!s.isEmpty()) items.add(s);
        } else if (value.isValueNode()) {
            items.add(value.asText());
        }
        Map<String, String> table = e.lookup() == null ? Map.of() : table(e.lookup());
        for (String item : items) {
            String key = item.toLowerCase(Locale.ROOT);
            String v = e.values().get(key);
            if (v == null) v = table.get(key);
            if (v == null && key.endsWith("/")) v = table.get(key.substring(0, key.length() - 1));
            if (v == null && LOOKUP_APPS.equals(e.lookup())) v = AppPatterns.name(table("appPatterns"), key).orElse(null);
            if (v != null) parts.add(items.size() > 1 ? item + " = " + v : v);
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
