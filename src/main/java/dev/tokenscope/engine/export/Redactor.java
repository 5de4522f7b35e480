package dev.tokenscope.engine.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tokenscope.engine.input.SamlShape;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.saml.SamlXml;
import dev.tokenscope.engine.token.TokenKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a report safe to share. By default the token's signature is removed from every token text the export
 * contains (header.payload only: the token can no longer be replayed) and a note says so. With
 * {@link ExportOptions#maskPii()} the personal claims ({@link #PII_CLAIMS}) are replaced by a stable pseudonym,
 * {@code pii:} + the first 12 hex digits of SHA-256 over the value, in the claims, their annotations and every
 * text of the report (step details, evidence, diagnoses); equal values give equal masks on every machine, so two
 * reports can still be compared. With masking on, the token text itself is left out (its payload would
 * carry the personal claims in base64url).
 *
 * <p>A pseudonym is not encryption: somebody who guesses the value (an e-mail address) can confirm the guess.
 */
public final class Redactor {
    /** The claims masked by {@link ExportOptions#maskPii()}. */
    public static final Set<String> PII_CLAIMS = Set.of("name", "upn", "email", "preferred_username", "unique_name", "ipaddr",
            "given_name", "family_name", "login_hint");
    /** Compact JWS/JWE-looking strings anywhere in the report's text. */
    static final Pattern TOKEN_IN_TEXT = Pattern.compile("eyJ[A-Za-z0-9_-]{2,}(?:\\.[A-Za-z0-9_-]*){2,4}");
    /** Values shorter than this are masked where they are claims, but not searched for in free text (too many false hits). */
    static final int MIN_SEARCHED_LENGTH = 3;

    public static final String NOTE_SAML_SIGNATURE_REMOVED = "Signature values removed: the SAML message in this export "
            + "is indented XML with every SignatureValue replaced, so it cannot be replayed (and no longer verifies; the "
            + "original was verified).";
    public static final String NOTE_SIGNATURE_REMOVED = "Signature removed: the token in this export is header.payload "
            + "only, so it cannot be replayed. The signature was checked as the Signature step shows.";
    public static final String NOTE_SIGNATURE_KEPT = "Signature kept (--keep-signature): the token in this export can be replayed until it "
            + "expires; share it only with people who may use it.";
    public static final String NOTE_PII_MASKED = "Personal claims (" + String.join(", ", PII_CLAIMS.stream().sorted().toList())
            + ") are replaced by pii:<first 12 hex digits of SHA-256 of the value>; equal values give equal masks, so "
            + "reports can be compared. The token text is left out because its payload carries them.";

    /**
     * The report as exported.
     *
     * @param report the redacted report
     * @param token  the token text as exported (signature removed unless kept), or null when there is none to show
     * @param notes  what was redacted, for the reader of the export
     */
    public record Redacted(Report report, String token, List<String> notes) {
        public Redacted {
            notes = List.copyOf(notes);
        }
    }

    private Redactor() {
    }

    /**
     * Redacts {@code report} for export.
     *
     * @param token the token the report is about (the inspected candidate's value), or null when unknown
     */
    public static Redacted redact(Report report, String token, ExportOptions options) {
        List<String> notes = new ArrayList<>();
        ObjectNode tree = Json.MAPPER.valueToTree(report);
        Map<String, String> replacements = new LinkedHashMap<>();
        if (options.maskPii()) {
            collectPii(tree.path("token").path("claims"), replacements);
            maskClaims(tree.path("token"));
        }
        String exported = null;
        if (token != null && !token.isBlank()) {
            if (options.maskPii()) {
                replacements.put(token, "[token omitted: its payload holds personal data]");
            } else {
                exported = options.keepSignature() ? token : withoutSignature(token);
                if (!exported.equals(token)) replacements.put(token, exported);
            }
        }
        scrub(tree, replacements, options);
        if (options.maskPii()) notes.add(NOTE_PII_MASKED);
        boolean saml = report.token() != null && report.token().kind() == TokenKind.SAML;
        notes.add(options.keepSignature() && !options.maskPii() ? NOTE_SIGNATURE_KEPT : saml ? NOTE_SAML_SIGNATURE_REMOVED
                : NOTE_SIGNATURE_REMOVED);
        try {
            return new Redacted(Json.MAPPER.treeToValue(tree, Report.class), exported, notes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a redacted report no longer matches the report schema: " + e.getOriginalMessage(), e);
        }
    }

    /** The stable pseudonym of a personal value: "pii:" + the first 12 hex digits of SHA-256 (UTF-8). */
    public static String mask(String value) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "pii:" + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A token that cannot be replayed: a JWS as header.payload; a JWE (5 parts) as its protected header only; an
     * opaque token as its first 6 characters. Something that is not a token is returned as its first 6 characters too.
     */
    public static String withoutSignature(String token) {
        String t = token.strip();
        if (SamlShape.looksLikeSaml(t)) return SamlXml.redacted(t);
        String[] parts = t.split("\\.", -1);
        if (parts.length == 3) return parts[0] + "." + parts[1];
        if (parts.length == 5) return parts[0] + ".[encrypted parts removed]";
        if (parts.length == 2) return t; // already without signature
        return t.substring(0, Math.min(6, t.length())) + "…[" + t.length() + " characters removed]";
    }

    /** SAML attribute names (the last part of the URI) that carry personal data, and the subject. */
    static final Set<String> SAML_PII = Set.of("name", "emailaddress", "displayname", "givenname", "surname", "upn", "nameidentifier");

    /** True for a claim (a JWT claim or a SAML attribute, the subject included) that holds personal data. */
    static boolean personal(String claim) {
        if (PII_CLAIMS.contains(claim) || claim.startsWith("NameID (") || claim.equals("NameID")) return true;
        int slash = claim.lastIndexOf('/');
        return slash > 0 && claim.startsWith("http") && SAML_PII.contains(claim.substring(slash + 1).toLowerCase(Locale.ROOT));
    }

    private static void collectPii(JsonNode claims, Map<String, String> out) {
        if (!(claims instanceof ObjectNode obj)) return;
        List<String> values = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!personal(e.getKey())) continue;
            JsonNode v = e.getValue();
            if (v.isTextual()) values.add(v.asText());
            else if (v.isArray()) for (JsonNode n : v) values.add(n.isTextual() ? n.asText() : n.toString());
            else if (!v.isNull()) values.add(v.toString());
        }
        // Longest first, so "Alice Example" is replaced before "Alice".
        values.stream().filter(v -> v.length() >= MIN_SEARCHED_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .forEach(v -> out.put(v, mask(v)));
    }

    private static void maskClaims(JsonNode token) {
        if (token.path("claims") instanceof ObjectNode claims) {
            List<String> names = new ArrayList<>();
            claims.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (personal(name)) claims.set(name, maskedValue(claims.get(name)));
            }
        }
        if (token.path("claimAnnotations") instanceof ArrayNode views) {
            for (JsonNode v : views) {
                if (v instanceof ObjectNode view && personal(view.path("name").asText()) && view.has("value")) {
                    view.set("value", maskedValue(view.get("value")));
                }
            }
        }
    }

    private static JsonNode maskedValue(JsonNode v) {
        if (v == null || v.isNull()) return v;
        if (v.isArray()) {
            ArrayNode a = Json.MAPPER.createArrayNode();
            for (JsonNode n : v) a.add(mask(n.isTextual() ? n.asText() : n.toString()));
            return a;
        }
        return TextNode.valueOf(mask(v.isTextual() ? v.asText() : v.toString()));
    }

    /** Rewrites every string of the tree (not the masked claim values, which are already pseudonyms). */
    private static void scrub(JsonNode node, Map<String, String> replacements, ExportOptions options) {
        if (node instanceof ObjectNode obj) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isTextual()) {
                    String s = scrubText(v.asText(), replacements, options);
                    if (!s.equals(v.asText())) e.setValue(TextNode.valueOf(s));
                } else {
                    scrub(v, replacements, options);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                JsonNode v = arr.get(i);
                if (v.isTextual()) {
                    String s = scrubText(v.asText(), replacements, options);
                    if (!s.equals(v.asText())) arr.set(i, TextNode.valueOf(s));
                } else {
                    scrub(v, replacements, options);
                }
            }
        }
    }

    static String scrubText(String s, Map<String, String> replacements, ExportOptions options) {
        String out = s;
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            if (out.contains(r.getKey())) out = out.replace(r.getKey(), r.getValue());
        }
        if (options.keepSignature() && !options.maskPii()) return out;
        if (out.contains("eyJ")) {
            Matcher m = TOKEN_IN_TEXT.matcher(out);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String found = m.group();
                String repl = options.maskPii() ? "[token omitted]" : found.split("\\.", -1).length == 2 ? found : withoutSignature(found);
                m.appendReplacement(sb, Matcher.quoteReplacement(repl));
            }
            m.appendTail(sb);
            out = sb.toString();
        }
        return out;
    }

    /** The words before the exported token text in Markdown and HTML. */
    public static String tokenLabel(Redacted r) {
        if (r.notes().contains(NOTE_SIGNATURE_KEPT)) return "The token, signature included:";
        if (r.notes().contains(NOTE_SAML_SIGNATURE_REMOVED)) return "The SAML message as indented XML, every SignatureValue removed:";
        return "The token without its signature (header.payload):";
    }
}
