package dev.tokenscope.engine.token;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.tokenscope.engine.json.Json;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Decodes a compact token into {@link DecodedToken}. It never throws for bad input: whatever is wrong
 * becomes a {@link Problem} naming the part, the reason and the character offset. Base64url decoding
 * and JOSE parsing are nimbus'; this class only adds the precise diagnostics nimbus doesn't give.
 */
public final class TokenDecoder {
    /** Entra tokens are a few kilobytes; anything past this is refused before any decoding work. */
    public static final int MAX_TOKEN_CHARS = 256 * 1024;

    private static final String[] JWS_PARTS = {"header", "payload", "signature"};
    private static final String[] JWE_PARTS = {"header", "encrypted key", "initialisation vector", "ciphertext", "authentication tag"};

    public DecodedToken decode(String token) {
        List<Problem> problems = new ArrayList<>();
        if (token == null || token.isEmpty()) {
            problems.add(new Problem("token", "empty input: there is no token to decode", -1));
            return new DecodedToken("", TokenKind.MALFORMED, null, null, -1, problems, null, null);
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            problems.add(new Problem("token", String.format("%,d characters; Entra tokens are a few kilobytes, "
                    + "so this is not decoded (limit %,d)", token.length(), MAX_TOKEN_CHARS), MAX_TOKEN_CHARS));
            return new DecodedToken(token.substring(0, 64) + "…", TokenKind.MALFORMED, null, null, -1, problems, null, null);
        }
        int dots = 0;
        for (int i = 0; i < token.length(); i++) if (token.charAt(i) == '.') dots++;
        if (dots == 0) {
            return opaque(token);
        }
        String[] parts = token.split("\\.", -1);
        int[] offsets = new int[parts.length];
        for (int i = 1; i < parts.length; i++) offsets[i] = offsets[i - 1] + parts[i - 1].length() + 1;

        if (parts.length == 3) return decodeJws(token, parts, offsets, problems);
        if (parts.length == 5) return decodeJwe(token, parts, offsets, problems);

        if (parts.length == 2) {
            problems.add(new Problem("signature", "missing: the token has 2 parts (header.payload) but a signed JWT has 3 "
                    + "(header.payload.signature); it was probably cut off at the last dot", token.length()));
        } else if (parts.length == 4) {
            problems.add(new Problem("token", "4 parts: a signed JWT has 3 and an encrypted one 5; part 4 starts at character "
                    + offsets[3] + " and looks like trailing garbage or two tokens glued together", offsets[3]));
        } else {
            problems.add(new Problem("token", parts.length + " parts: a signed JWT has 3 and an encrypted one 5; "
                    + "the text after character " + offsets[Math.min(5, parts.length - 1)] + " looks like trailing garbage",
                    offsets[Math.min(5, parts.length - 1)]));
        }
        // Still show what can be shown: header and payload often decode fine.
        ObjectNode header = parts.length > 0 ? decodeJsonPart(token, parts[0], offsets[0], "header", problems) : null;
        ObjectNode claims = parts.length > 1 && !parts[1].isEmpty()
                ? decodeJsonPart(token, parts[1], offsets[1], "payload", new ArrayList<>()) : null;
        return new DecodedToken(token, TokenKind.MALFORMED, header, claims, -1, problems, null, null);
    }

    private DecodedToken opaque(String token) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                problems.add(new Problem("token", "contains " + describeChar(c) + ", which no token contains", i));
                return new DecodedToken(token, TokenKind.MALFORMED, null, null, -1, problems, null, null);
            }
            if (!opaqueChar(c)) {
                // JSON, markup or prose is not an opaque token: bearer tokens are b64token characters (RFC 6750 §2.1).
                problems.add(new Problem("token", "contains " + describeChar(c) + ", which no bearer token contains (RFC 6750 allows "
                        + "letters, digits and - . _ ~ + / =); this is not a token but other text", i));
                return new DecodedToken(token, TokenKind.MALFORMED, null, null, -1, problems, null, null);
            }
        }
        if (!opaqueShaped(token)) {
            problems.add(new Problem("token", token.length() + " characters without a dot: too short or too plain for a token "
                    + "(a JWT has three base64url parts; an opaque token is a long base64-like string); this is not a token", -1));
            return new DecodedToken(token, TokenKind.MALFORMED, null, null, -1, problems, null, null);
        }
        return new DecodedToken(token, TokenKind.OPAQUE, null, null, -1, problems, null, null);
    }

    /** RFC 6750 b64token characters, '=' anywhere, and '*' (seen in consumer-account tickets). */
    private static boolean opaqueChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~+/=*".indexOf(c) >= 0;
    }

    private DecodedToken decodeJws(String token, String[] parts, int[] offsets, List<Problem> problems) {
        ObjectNode header = decodeJsonPart(token, parts[0], offsets[0], "header", problems);
        boolean unencodedPayload = header != null && header.has("b64") && header.get("b64").isBoolean()
                && !header.get("b64").booleanValue();
        ObjectNode claims = null;
        if (unencodedPayload) {
            // RFC 7797: the payload is not base64url; JWTs must not use this (flagged by the algorithm step).
            try {
                JsonNode n = Json.parse(parts[1]);
                if (n instanceof ObjectNode o && nonFiniteNumber(o, "") == null) claims = o;
            } catch (JsonProcessingException | RuntimeException ignored) {
                // shown as not decodable; the algorithm step explains b64:false
            }
        } else {
            claims = decodeJsonPart(token, parts[1], offsets[1], "payload", problems);
        }
        String alg = header != null && header.path("alg").isTextual() ? header.get("alg").asText() : null;
        int sigLen = -1;
        if (parts[2].isEmpty()) {
            sigLen = 0;
            if (alg == null || !alg.equalsIgnoreCase("none")) {
                problems.add(new Problem("signature", "empty: the token ends with a dot and carries no signature, so nothing "
                        + "proves who issued it (a server logs IDX10504)", offsets[2]));
            }
        } else {
            byte[] sig = decodeBase64Url(parts[2], offsets[2], "signature", problems);
            sigLen = sig == null ? -1 : sig.length;
        }
        JWT jwt = null;
        String nimbusError = null;
        // "None"/"NONE": unsigned like "none", but nimbus takes it for an unknown JWS algorithm and refuses the empty
        // signature, which would pass for a header error; the algorithm step names it (alg-none) instead.
        boolean disguisedNone = alg != null && alg.equalsIgnoreCase("none") && !alg.equals("none");
        if (problems.isEmpty() && !unencodedPayload && !disguisedNone) {
            try {
                jwt = JWTParser.parse(token);
            } catch (ParseException | RuntimeException e) {
                nimbusError = e.getMessage();
            }
        } else if (!unencodedPayload && !disguisedNone && header != null && payloadIsOnlyNotJson(problems)) {
            // A sound header and signature over a payload that is no JSON object: still malformed as a JWT, but its signature
            // is evidence (intact: the issuer wrote that payload; broken: it was damaged on the way), so keep nimbus' object.
            try {
                jwt = SignedJWT.parse(token);
            } catch (ParseException | RuntimeException e) {
                jwt = null;
            }
        }
        TokenKind kind = problems.isEmpty() ? TokenKind.JWS : TokenKind.MALFORMED;
        return new DecodedToken(token, kind, header, claims, sigLen, problems, jwt, nimbusError);
    }

    /** Problems that say only that the payload decodes (base64url) to something that is not a JSON object. */
    private static final List<String> NOT_JSON = List.of("decodes to", "is not JSON", "is JSON ", "has a duplicate member",
            "is a JSON value followed", "holds a number beyond");

    static boolean payloadIsOnlyNotJson(List<Problem> problems) {
        return !problems.isEmpty() && problems.stream().allMatch(p -> p.part().equals("payload")
                && NOT_JSON.stream().anyMatch(p.message()::startsWith));
    }

    /**
     * The engine's one rule for what an opaque token looks like: a long run (20 or more characters) of bearer-token
     * characters (RFC 6750 b64token, as in consumer-account tickets "EwA…"/"EwB…") mixing at least two kinds of
     * character (upper case, lower case, digits, symbols). A word such as "xyz" or "password" is not a token.
     */
    public static boolean opaqueShaped(String s) {
        if (s == null || s.length() < 20) return false;
        boolean upper = false, lower = false, digit = false, symbol = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') upper = true;
            else if (c >= 'a' && c <= 'z') lower = true;
            else if (c >= '0' && c <= '9') digit = true;
            else if ("-._~+/=*".indexOf(c) >= 0) symbol = true;
            else return false;
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0) >= 2;
    }

    private DecodedToken decodeJwe(String token, String[] parts, int[] offsets, List<Problem> problems) {
        ObjectNode header = decodeJsonPart(token, parts[0], offsets[0], "header", problems);
        for (int i = 1; i < 5; i++) {
            if (!parts[i].isEmpty()) checkAlphabet(parts[i], offsets[i], JWE_PARTS[i], problems);
        }
        if (header != null && !header.has("enc")) {
            problems.add(new Problem("header", "5 parts but no \"enc\" in the header: not a valid encrypted JWT (JWE)", offsets[0]));
        }
        JWT jwt = null;
        String nimbusError = null;
        if (problems.isEmpty()) {
            try {
                jwt = JWTParser.parse(token);
            } catch (ParseException | RuntimeException e) {
                nimbusError = e.getMessage();
            }
        }
        return new DecodedToken(token, problems.isEmpty() ? TokenKind.JWE : TokenKind.MALFORMED, header, null, -1, problems, jwt,
                nimbusError);
    }

    private ObjectNode decodeJsonPart(String token, String part, int offset, String name, List<Problem> problems) {
        if (part.isEmpty()) {
            problems.add(new Problem(name, "empty", offset));
            return null;
        }
        byte[] bytes = decodeBase64Url(part, offset, name, problems);
        if (bytes == null) return null;
        return jsonObject(bytes, 0, bytes.length, name, offset, problems);
    }

    /**
     * The JSON object in the base64url part {@code ascii[start, end)} of a compact token, by the same rule as
     * {@link #decode} (the base64url alphabet without padding, strict UTF-8, strict JSON, an object, no number that
     * overflows), or null when the decoder would report a problem. For batch work, which needs only the object.
     */
    public static ObjectNode jsonObjectPart(byte[] ascii, int start, int end) {
        int n = end - start;
        if (n == 0 || n % 4 == 1) return null;
        for (int i = start; i < end; i++) {
            int c = ascii[i];
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return null;
        }
        ByteBuffer decoded;
        try {
            decoded = Base64.getUrlDecoder().decode(ByteBuffer.wrap(ascii, start, n));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return jsonObject(decoded.array(), decoded.arrayOffset() + decoded.position(), decoded.remaining(), null, 0, null);
    }

    /**
     * The one rule for a decoded header or payload: strict UTF-8 text, strict JSON (no duplicate member, no trailing
     * value), a JSON object, no number that overflows to infinity. Reports why not to {@code problems}; with
     * {@code problems} null (only the object is wanted) plain ASCII is parsed from its bytes, the same characters.
     */
    private static ObjectNode jsonObject(byte[] bytes, int off, int len, String name, int offset, List<Problem> problems) {
        JsonNode node;
        if (problems == null && plainText(bytes, off, len)) {
            try {
                node = Json.parse(bytes, off, len);
            } catch (java.io.IOException | RuntimeException e) {
                return null;
            }
            return node instanceof ObjectNode o && nonFiniteNumber(o, "") == null ? o : null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, off, len)).toString();
        } catch (CharacterCodingException e) {
            if (problems != null) problems.add(new Problem(name, "decodes to " + len + " bytes that are not UTF-8 text, so not JSON "
                    + "(is this part encrypted or binary?)", offset));
            return null;
        }
        try {
            node = Json.parse(text);
        } catch (JsonProcessingException e) {
            if (problems == null) return null;
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            String what;
            if (original.startsWith("Duplicate field")) {
                what = "has a duplicate member "
                        + "(a JSON object must not repeat a name; which one to believe is ambiguous, so it is rejected)";
            } else if (original.startsWith("Trailing token")) {
                what = "is a JSON value followed by trailing garbage";
            } else {
                int end = endOfLeadingValue(text);
                what = end < 0 ? "is not JSON" : "is a JSON value followed by trailing garbage from JSON character " + end;
            }
            problems.add(new Problem(name, what + ": " + Json.describe(e), offset));
            return null;
        } catch (RuntimeException e) {
            if (problems != null) problems.add(new Problem(name, "is not JSON: " + e.getMessage(), offset));
            return null;
        }
        if (node == null || node.isMissingNode()) {
            if (problems != null) problems.add(new Problem(name, "decodes to empty text, not a JSON object", offset));
            return null;
        }
        if (!(node instanceof ObjectNode obj)) {
            if (problems != null) {
                problems.add(new Problem(name, "is JSON " + node.getNodeType().name().toLowerCase() + ", not a JSON object", offset));
            }
            return null;
        }
        String overflow = nonFiniteNumber(obj, "");
        if (overflow != null) {
            if (problems != null) {
                problems.add(new Problem(name, "holds a number beyond the range of a JSON number (" + overflow + " overflows to "
                        + "infinity; I-JSON, RFC 7493 §2.2, limits numbers to IEEE 754 doubles and no JWT library reads it)", offset));
            }
            return null;
        }
        return obj;
    }

    /**
     * Printable ASCII, tab, CR and LF only: bytes Jackson reads as UTF-8 text exactly as the strict UTF-8 String. (A NUL
     * among the first bytes would make Jackson's byte parser take the text for UTF-16 or UTF-32; any other control
     * character or non-ASCII byte takes the String's way.)
     */
    static boolean plainText(byte[] bytes, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            byte b = bytes[i];
            if (b < 0x20 ? b != '\t' && b != '\n' && b != '\r' : b == 0x7f) return false;
        }
        return true;
    }

    /** The path of the first number that overflowed to infinity while parsing (e.g. {@code 1e400}), or null. */
    public static String nonFiniteNumber(JsonNode node, String path) {
        if (node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
            return path.isEmpty() ? "the value" : path;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                String found = nonFiniteNumber(f.getValue(), path.isEmpty() ? "\"" + f.getKey() + "\"" : path + "." + f.getKey());
                if (found != null) return found;
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = nonFiniteNumber(node.get(i), path + "[" + i + "]");
                if (found != null) return found;
            }
        }
        return null;
    }

    /**
     * Where the first complete JSON value of {@code text} ends when something other than whitespace follows it
     * (e.g. {@code {"a":1}xyz}, which the strict parser reports as an unrecognised token), else -1.
     */
    private static int endOfLeadingValue(String text) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) return -1;
            p.skipChildren();
            long end = p.currentLocation().getCharOffset();
            if (end <= 0 || end >= text.length() || text.substring((int) end).isBlank()) return -1;
            return (int) end;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private byte[] decodeBase64Url(String part, int offset, String name, List<Problem> problems) {
        if (!checkAlphabet(part, offset, name, problems)) return null;
        try {
            return new Base64URL(part).decode();
        } catch (RuntimeException e) {
            problems.add(new Problem(name, "not base64url: " + e.getMessage(), offset));
            return null;
        }
    }

    /** Checks the base64url alphabet, padding and length; adds a problem with the exact offset and returns false. */
    private boolean checkAlphabet(String part, int offset, String name, List<Problem> problems) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (ok) continue;
            if (c == '=') {
                problems.add(new Problem(name, "bad padding: '=' is not used in base64url (RFC 7515 §2); the token was "
                        + "re-encoded by something on the way", offset + i));
            } else if (c == '+' || c == '/') {
                problems.add(new Problem(name, "'" + c + "' is standard base64, not base64url (which uses '-' and '_'); "
                        + "the token was re-encoded or URL-decoded on the way", offset + i));
            } else {
                problems.add(new Problem(name, "not base64url: " + describeChar(c) + " is not in the base64url alphabet", offset + i));
            }
            return false;
        }
        if (part.length() % 4 == 1) {
            problems.add(new Problem(name, "not base64url: " + part.length() + " characters is an impossible length "
                    + "(one character too many or the part was truncated)", offset + part.length() - 1));
            return false;
        }
        return true;
    }

    static String describeChar(char c) {
        if (c == ' ') return "a space";
        if (c == '\t') return "a tab";
        if (c == '\n' || c == '\r') return "a line break";
        if (c < 0x20 || c == 0x7f) return String.format("control character U+%04X", (int) c);
        if (c > 0x7e) return String.format("'%c' (U+%04X)", c, (int) c);
        return "'" + c + "'";
    }
}
