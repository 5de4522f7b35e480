package dev.tokenscope.engine.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tokenscope.engine.entra.TokenFacts;
import dev.tokenscope.engine.token.DecodedToken;
import dev.tokenscope.engine.token.TokenDecoder;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the token(s) in whatever a user pasted or dropped: a raw compact token, {@code Bearer <t>}, a whole
 * {@code Authorization: Bearer <t>} line, a token-endpoint JSON response, an MSAL cache entry, a redirect URL
 * or fragment, or any text (a log line, a curl command) that contains a JWT. Surrounding quotes, whitespace
 * and line breaks inside the token are removed, and every clean-up is reported as a note.
 */
public final class InputExtractor {
    /** Text inputs above this size are refused (a HAR capture goes through the HAR scanner instead). */
    public static final int MAX_INPUT_CHARS = 16 * 1024 * 1024;

    /** Made on first use: a mapper costs tens of milliseconds to build, and most inputs are not JSON. */
    private static final class Lenient {
        static final ObjectMapper MAPPER = JsonMapper.builder().build();
    }
    private static final Pattern HEADER_LINE = Pattern.compile("(?is)^authorization\\s*:\\s*(.*)$");
    private static final Pattern BEARER = Pattern.compile("(?is)^bearer\\s+(.*)$");
    private static final Pattern BEARER_ANYWHERE = Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/=-]{16,})");
    private static final Pattern JWT_IN_TEXT = Pattern.compile(
            "eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)?");
    private static final Pattern TOKENISH = Pattern.compile("[A-Za-z0-9._~+/=*-]+");
    private static final Pattern URL_PARAMS = Pattern.compile("(?:^|[#?&])(access_token|id_token|code|error|refresh_token)=");

    public Extraction extract(String input) {
        if (input == null || input.isBlank()) {
            return none("empty", "The input is empty: paste a token, a 'Bearer …' header, a token response or a redirect URL.");
        }
        if (input.length() > MAX_INPUT_CHARS) {
            return none("too-large", String.format("The input is %,d characters; a token is a few kilobytes. "
                    + "For a browser capture use the HAR import.", input.length()));
        }
        List<String> notes = new ArrayList<>();
        String s = unwrap(input, notes);
        if (s.isEmpty()) {
            return none("empty", "The input holds only quotes and whitespace: there is no token in it.");
        }
        if (SamlShape.looksLikeSaml(s)) {
            return new Extraction("saml", "A SAML 2.0 message", notes, List.of(new Candidate(Role.SAML, "pasted text", s)));
        }
        if (s.startsWith("{") || s.startsWith("[")) {
            Extraction json = s.startsWith("{") ? fromJson(s, notes) : null;
            if (json != null) return json;
            // Some other JSON (or broken JSON): never a token itself, but it may hold one.
            return scanText(s, notes);
        }
        Matcher header = HEADER_LINE.matcher(s);
        if (header.matches()) {
            String rest = headerValue(header.group(1).strip(), notes);
            Matcher b = BEARER.matcher(rest);
            String value = b.matches() ? b.group(1) : rest;
            String scheme = b.matches() ? "Bearer" : "no scheme";
            if (value.isBlank() || value.equalsIgnoreCase("bearer")) {
                return none("empty", "An 'Authorization' header line with no token after the scheme: the client sent an empty credential.");
            }
            if (!b.matches()) {
                notes.add("the Authorization header has no 'Bearer' scheme; a resource expects 'Authorization: Bearer <token>'");
            }
            return single("authorization-header", "An 'Authorization' header line (" + scheme + ")", notes, Role.TOKEN,
                    "Authorization header", clean(value, notes));
        }
        Matcher bearer = BEARER.matcher(s);
        if (bearer.matches()) {
            return single("bearer", "A 'Bearer <token>' value", notes, Role.TOKEN, "Bearer value",
                    clean(headerValue(bearer.group(1), notes), notes));
        }
        if (s.equalsIgnoreCase("bearer")) {
            return none("empty", "Only the word 'Bearer', with no token after it: the client sent an empty credential.");
        }
        if (URL_PARAMS.matcher(s).find() && !s.contains(" ")) {
            Extraction url = fromUrl(s, notes);
            if (url != null) return url;
        }
        if (severalTokenLines(s)) return scanText(s, notes);
        String compact = s.replaceAll("\\s+", "");
        if (compact.length() == s.length()) {
            return single("raw", "A compact token", notes, Role.TOKEN, "pasted text", s);
        }
        if (isOnlyLineBreaks(s) && TOKENISH.matcher(compact).matches()) {
            notes.add("removed " + (s.length() - compact.length()) + " whitespace characters (line breaks) from inside the token");
            return single("raw", "A compact token", notes, Role.TOKEN, "pasted text", compact);
        }
        if (splitJwt(s, compact)) {
            notes.add("removed " + (s.length() - compact.length()) + " whitespace characters (spaces) from inside the token");
            return single("raw", "A compact token", notes, Role.TOKEN, "pasted text", compact);
        }
        return scanText(s, notes);
    }

    /**
     * Several complete JWTs, one per line (blank lines allowed): a file of tokens, never one wrapped token. Each line is a
     * whole JWT by itself, which the pieces of a wrapped token never all are.
     */
    private static boolean severalTokenLines(String s) {
        int tokens = 0;
        for (String line : s.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty()) continue;
            if (!JWT_IN_TEXT.matcher(l).matches() || l.chars().filter(ch -> ch == '.').count() < 2) return false;
            tokens++;
        }
        return tokens > 1;
    }

    /**
     * A JWT broken by spaces (copied from a PDF, a chat or a wrapped e-mail): only token characters, the whole is
     * JWT-shaped, and the first piece is not a complete JWT by itself (then the spaces separate a token from other text).
     */
    private static boolean splitJwt(String s, String compact) {
        if (!TOKENISH.matcher(compact).matches() || !JWT_IN_TEXT.matcher(compact).matches()) return false;
        String first = s.split("\\s+", 2)[0];
        return !JWT_IN_TEXT.matcher(first).matches();
    }

    /**
     * The value of a header line up to the end of the token: continuation lines made of token characters (a wrapped
     * token) are kept; a blank line or a line that is not token characters (the next header of a copied request, a body)
     * ends it.
     */
    private static String headerValue(String value, List<String> notes) {
        String[] lines = value.split("\\R", -1);
        StringBuilder sb = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty() && TOKENISH.matcher(line).matches()) {
                sb.append('\n').append(line);
                continue;
            }
            long rest = Arrays.stream(lines, i, lines.length).filter(l -> !l.isBlank()).count();
            if (rest > 0) notes.add("ignored the " + rest + (rest == 1 ? " line" : " lines") + " after the token (other headers or text)");
            break;
        }
        return sb.toString();
    }

    /** Strips a BOM, surrounding whitespace and (nested) surrounding quotes. */
    private static String unwrap(String input, List<String> notes) {
        String s = input.strip();
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') s = s.substring(1).strip();
        while (s.length() >= 2) {
            char a = s.charAt(0), z = s.charAt(s.length() - 1);
            if ((a == '"' && z == '"') || (a == '\'' && z == '\'') || (a == '`' && z == '`') || (a == '“' && z == '”')) {
                s = s.substring(1, s.length() - 1).strip();
                notes.add("stripped surrounding quotes");
            } else {
                break;
            }
        }
        return s;
    }

    private static String clean(String value, List<String> notes) {
        String v = unwrap(value, notes);
        String compact = v.replaceAll("\\s+", "");
        if (compact.length() != v.length()) {
            notes.add("removed " + (v.length() - compact.length()) + " whitespace characters from inside the token");
        }
        return compact;
    }

    private static boolean isOnlyLineBreaks(String s) {
        // Wrapped tokens: every run of whitespace contains a line break (indentation after it is fine).
        Matcher m = Pattern.compile("\\s+").matcher(s);
        while (m.find()) {
            String run = m.group();
            if (run.indexOf('\n') < 0 && run.indexOf('\r') < 0) return false;
        }
        return true;
    }

    private Extraction fromJson(String s, List<String> notes) {
        JsonNode root;
        try {
            root = Lenient.MAPPER.readTree(s);
        } catch (Exception e) {
            return null; // not JSON after all; the text scan may still find a token in it
        }
        if (root == null || !root.isObject()) return null;
        List<Candidate> found = new ArrayList<>();
        Map<String, Role> fields = new LinkedHashMap<>();
        fields.put("access_token", Role.ACCESS_TOKEN);
        fields.put("accessToken", Role.ACCESS_TOKEN);
        fields.put("id_token", Role.ID_TOKEN);
        fields.put("idToken", Role.ID_TOKEN);
        fields.put("refresh_token", Role.REFRESH_TOKEN);
        fields.put("refreshToken", Role.REFRESH_TOKEN);
        for (Map.Entry<String, Role> f : fields.entrySet()) {
            JsonNode v = root.get(f.getKey());
            if (v != null && v.isTextual() && !v.asText().isBlank()) {
                found.add(new Candidate(f.getValue(), "\"" + f.getKey() + "\" of the JSON", clean(v.asText(), notes)));
            }
        }
        // An MSAL cache entry: {"credentialType":"AccessToken","secret":"eyJ…"} (MSAL.js) or
        // {"credential_type":"AccessToken","secret":"eyJ…"} (MSAL Python/.NET/Node), or a whole serialised cache
        // {"AccessToken":{"<key>":{entry}}, "IdToken":{…}, "RefreshToken":{…}, …}.
        if (found.isEmpty()) {
            if (msalEntry(root, notes, found)) return new Extraction("msal-cache", "An MSAL token-cache entry", notes, found);
            for (JsonNode section : root) {
                if (!section.isObject()) continue;
                for (JsonNode entry : section) if (found.size() < 50) msalEntry(entry, notes, found);
            }
            if (!found.isEmpty()) {
                found.sort(Comparator.comparingInt(c -> c.role().ordinal()));
                return new Extraction("msal-cache",
                        "An MSAL token cache with " + found.size() + (found.size() == 1 ? " entry" : " entries"), notes, found);
            }
        }
        if (found.isEmpty()) {
            JsonNode error = root.get("error");
            if (error != null && error.isTextual()) {
                String desc = root.path("error_description").asText("");
                return none("error-response", "A token-endpoint error response, no token: " + error.asText()
                        + (desc.isEmpty() ? "" : " — " + firstLine(desc)));
            }
            if (error != null && error.isObject() && (error.path("code").isTextual() || error.path("message").isTextual())) {
                // An API error body (Microsoft Graph, Azure): {"error":{"code":"InvalidAuthenticationToken","message":"…"}}
                String code = error.path("code").asText(""), message = error.path("message").asText("");
                return none("error-response", "An API error response, no token: " + (code.isEmpty() ? "error" : code)
                        + (message.isEmpty() ? "" : " — " + firstLine(message)));
            }
            return null; // some other JSON; scan its text for tokens
        }
        StringBuilder d = new StringBuilder("A token-endpoint JSON response");
        if (root.hasNonNull("token_type")) d.append(" (token_type ").append(root.get("token_type").asText());
        if (root.hasNonNull("scope")) d.append(root.hasNonNull("token_type") ? ", " : " (").append("scope \"")
                .append(root.get("scope").asText()).append('"');
        if (root.hasNonNull("token_type") || root.hasNonNull("scope")) d.append(')');
        return new Extraction("token-response", d.toString(), notes, found);
    }

    private static boolean msalEntry(JsonNode node, List<String> notes, List<Candidate> found) {
        if (node == null || !node.isObject()) return false;
        JsonNode type = node.has("credentialType") ? node.get("credentialType") : node.get("credential_type");
        JsonNode secret = node.get("secret");
        if (type == null || !type.isTextual() || secret == null || !secret.isTextual() || secret.asText().isBlank()) return false;
        Role role = switch (type.asText().toLowerCase(Locale.ROOT)) {
            case "accesstoken", "accesstoken_with_authscheme" -> Role.ACCESS_TOKEN;
            case "idtoken" -> Role.ID_TOKEN;
            case "refreshtoken" -> Role.REFRESH_TOKEN;
            default -> Role.TOKEN;
        };
        found.add(new Candidate(role, "\"secret\" of an MSAL cache entry (" + type.asText() + ")", clean(secret.asText(), notes)));
        return true;
    }

    private Extraction fromUrl(String s, List<String> notes) {
        Map<String, String> params = new LinkedHashMap<>();
        String form = "url-query";
        int hash = s.indexOf('#');
        int q = s.indexOf('?');
        List<String> sections = new ArrayList<>();
        if (q >= 0) sections.add(s.substring(q + 1, hash > q ? hash : s.length()));
        if (hash >= 0) {
            sections.add(s.substring(hash + 1));
            form = "url-fragment";
        }
        if (sections.isEmpty()) sections.add(s);
        for (String section : sections) {
            for (String pair : section.split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) continue;
                try {
                    params.putIfAbsent(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    params.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        List<Candidate> found = new ArrayList<>();
        String where = form.equals("url-fragment") ? "URL fragment" : "URL query";
        if (params.containsKey("access_token")) {
            found.add(new Candidate(Role.ACCESS_TOKEN, "access_token in the " + where, clean(params.get("access_token"), notes)));
        }
        if (params.containsKey("id_token")) {
            found.add(new Candidate(Role.ID_TOKEN, "id_token in the " + where, clean(params.get("id_token"), notes)));
        }
        if (params.containsKey("refresh_token")) {
            found.add(new Candidate(Role.REFRESH_TOKEN, "refresh_token in the " + where, params.get("refresh_token")));
        }
        if (params.containsKey("code")) found.add(new Candidate(Role.AUTHORIZATION_CODE, "code in the " + where, params.get("code")));
        if (found.isEmpty() && params.containsKey("error")) {
            String desc = params.getOrDefault("error_description", "");
            return none("error-redirect", "A sign-in redirect carrying an error, no token: " + params.get("error")
                    + (desc.isEmpty() ? "" : " — " + firstLine(desc)));
        }
        if (found.isEmpty()) return null;
        return new Extraction(form, "A redirect " + where + " with " + found.size() + (found.size() == 1 ? " value" : " values"),
                notes, found);
    }

    private Extraction scanText(String s, List<String> notes) {
        List<Candidate> found = new ArrayList<>();
        Matcher m = JWT_IN_TEXT.matcher(s);
        while (m.find() && found.size() < 50) {
            String v = m.group();
            if (found.stream().noneMatch(c -> c.value().equals(v))) {
                found.add(new Candidate(Role.TOKEN, "text at character " + m.start(), v));
            }
        }
        if (found.isEmpty()) {
            Matcher b = BEARER_ANYWHERE.matcher(s);
            if (b.find()) found.add(new Candidate(Role.TOKEN, "Bearer value at character " + b.start(1), b.group(1)));
        }
        if (found.isEmpty()) {
            return none("unrecognised", "No token found: expected a JWT (three base64url parts, usually starting with \"eyJ\"), "
                    + "a 'Bearer …' header, a token-endpoint JSON response or a redirect URL.");
        }
        if (found.size() > 1) found = byRole(found);
        if (HAR_START.matcher(s).lookingAt()) {
            notes.add("this is a HAR capture: 'tokenscope scan FILE' lists every token with the request that carried it and "
                    + "judges each in its role");
        }
        return new Extraction("text", "Text containing " + found.size() + (found.size() == 1 ? " token" : " tokens"), notes, found);
    }

    private static final Pattern HAR_START = Pattern.compile("\\{\\s*\"log\"\\s*:");

    /**
     * Several tokens found in text: each named by what its claims say it is (access token, ID token), access tokens
     * first, so the one inspected first is the access token whatever the order of the text.
     */
    private static List<Candidate> byRole(List<Candidate> found) {
        List<Candidate> named = new ArrayList<>();
        for (Candidate c : found) named.add(new Candidate(roleOf(c.value()), c.source(), c.value()));
        named.sort(Comparator.comparingInt(c -> c.role().ordinal()));
        return named;
    }

    private static Role roleOf(String jwt) {
        DecodedToken t = new TokenDecoder().decode(jwt);
        if (t.claims() == null) return Role.TOKEN;
        return switch (new TokenFacts(t).type()) {
            case ACCESS_TOKEN, APP_ONLY_ACCESS_TOKEN -> Role.ACCESS_TOKEN;
            case ID_TOKEN -> Role.ID_TOKEN;
            case UNKNOWN -> Role.TOKEN;
        };
    }

    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)undefined|null|nil|none|\\[objectobject]|\\{\\{?\\w*}}?|\\$\\{?\\w*}?|<\\w*>|%\\w+%"
                    + "|your[_-]?(access[_-]?)?token([_-]?here)?|token|accesstoken|access_token");

    /** A line of a PEM body: base64 of DER, which starts with a SEQUENCE tag (0x30 0x82…, "MII"). */
    private static final Pattern PEM_BODY = Pattern.compile("MI[IJ][A-Za-z0-9+/]{20,}={0,2}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

    private static Extraction single(String form, String description, List<String> notes, Role role, String source, String value) {
        if (PLACEHOLDER.matcher(value).matches()) {
            return none("placeholder", "The credential is the literal text '" + value + "', not a token: the client sent nothing "
                    + "(the variable meant to hold the token was empty or unresolved, e.g. an un-awaited acquireTokenSilent, a misnamed "
                    + "field such as result.access_token instead of result.accessToken, or a template that was never filled in).");
        }
        if (value.indexOf('.') < 0 && PEM_BODY.matcher(value).matches()) {
            return none("unrecognised", "No token found: the text is a line of base64 DER (\"MII…\"), a line of a PEM certificate or key, "
                    + "not a token. Give the token itself (a JWT starts with \"eyJ\").");
        }
        if (value.indexOf('.') < 0 && WORD.matcher(value).matches()) {
            String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
            return none("unrecognised", "No token found: '" + shown + "' is a word (letters only), neither a JWT (three base64url parts, "
                    + "usually starting with \"eyJ\") nor an opaque token (which mixes letters, digits and symbols).");
        }
        if (value.indexOf('.') < 0 && TOKENISH.matcher(value).matches() && !TokenDecoder.opaqueShaped(value)) {
            String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
            return none("unrecognised", "No token found: '" + shown + "' is neither a JWT (three base64url parts, usually starting with "
                    + "\"eyJ\") nor an opaque token (a long base64-like string such as a consumer-account ticket \"EwA…\").");
        }
        return new Extraction(form, description, notes, List.of(new Candidate(role, source, value)));
    }

    private static final Pattern PLACEHOLDER_TEXT = Pattern.compile("literal text '(.*)', not a token", Pattern.DOTALL);

    /** The placeholder text of an extraction whose form is "placeholder" ("undefined"), or "?" for any other. */
    public static String placeholderValue(Extraction ex) {
        Matcher m = PLACEHOLDER_TEXT.matcher(ex.description());
        return m.find() ? m.group(1) : "?";
    }

    private static Extraction none(String form, String description) {
        return new Extraction(form, description, List.of(), List.of());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

}
