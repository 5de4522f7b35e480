package dev.tokenscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.input.Candidate;
import dev.tokenscope.engine.input.Extraction;
import dev.tokenscope.engine.input.InputExtractor;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.token.DecodedToken;
import dev.tokenscope.engine.token.Problem;
import dev.tokenscope.engine.token.TokenDecoder;
import dev.tokenscope.engine.token.TokenKind;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.testing.Tokens;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.CLIENT_ID;
import static dev.tokenscope.testing.Tokens.NOW;
import static dev.tokenscope.testing.Tokens.TENANT;

/**
 * Property tests: randomly mutated Entra-shaped tokens (and arbitrary text) go through extraction, decoding and the whole
 * inspector. Nothing may throw, every input gets a message, and every token gets the full, ordered list of steps.
 */
class FuzzPropertiesTest {
    static final Inspector INSPECTOR = new Inspector(TrustResolver.offlineOnly(), Clock.fixed(NOW, ZoneOffset.UTC));
    static final InputExtractor EXTRACTOR = new InputExtractor();
    static final TokenDecoder DECODER = new TokenDecoder();
    static final ValidationProfile PROFILE = new ValidationProfile(List.of(API_ID), List.of(TENANT), List.of(CLIENT_ID),
            List.of("access_as_user"), List.of(), null, NOW, null, null, true);
    static final List<String> STEP_IDS = List.of("format", "algorithm", "metadata", "keys", "key-match", "signature", "issuer", "audience",
            "lifetime", "token-type", "version", "tenant", "client", "permissions");
    static final Set<String> ENVIRONMENT_STEPS = Set.of("metadata", "keys");
    static final Pattern KEBAB = Pattern.compile("[a-z]+(-[a-z]+)*");
    static final com.fasterxml.jackson.databind.ObjectMapper READER = new com.fasterxml.jackson.databind.ObjectMapper();

    static final List<String> SEEDS = List.of(
            Tokens.sign(Tokens.v2Access()),
            Tokens.sign(Tokens.v1Access()),
            Tokens.sign(Tokens.v2Id()),
            Tokens.sign(Tokens.v2AppOnly()),
            Tokens.graph(Tokens.v2Access()),
            Tokens.encrypted(Tokens.v2Access()),
            Tokens.sign(Tokens.v2Access().build(), Tokens.EC, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("test-ec-1").build()),
            Tokens.raw("{\"alg\":\"none\",\"typ\":\"JWT\"}", Tokens.v2Access().build().toString(), ""),
            Tokens.opaque(700));

    static final List<String> CLAIM_NAMES = List.of("iss", "aud", "exp", "nbf", "iat", "tid", "ver", "scp", "roles", "azp", "appid",
            "azpacr", "appidacr", "idtyp", "nonce", "sub", "oid", "amr", "groups", "wids", "tfp", "acr", "at_hash", "upn", "xms_cc");
    static final List<String> HEADER_NAMES = List.of("alg", "typ", "kid", "x5t", "nonce", "crit", "b64", "jku", "jwk", "x5u", "x5c", "enc",
            "zip", "cty");
    static final List<String> ODD_VALUES = List.of(
            "1e400", "-1e400", "1E-999999", "123456789012345678901234567890", "-99999999999999999999", "1.5e300", "-0", "0.5",
            "9223372036854775808", "253402300800", "-62135596801", "NaN", "\"Infinity\"",
            "42", "true", "false", "null", "\"\"", "\" \"", "\"none\"", "\"HS256\"", "\"RS256\"", "\"2.0\"", "\"1.0\"",
            "[]", "[\"a\"]", "[1,2,3]", "[null]", "[[\"x\"]]", "[\"" + API_ID + "\",42]", "{}", "{\"a\":{\"b\":[]}}",
            "\"" + Tokens.V2_ISS + "\"", "\"" + Tokens.V1_ISS + "\"", "\"https://login.microsoftonline.com/{tenantid}/v2.0\"",
            "\"00000003-0000-0000-c000-000000000000\"", "\"9188040d-6c67-4c5b-b112-36a304b66dad\"", "\"\\u0000\\u202e\"",
            "\"" + "x".repeat(5000) + "\"", "[\"b64\"]", "[\"exp\"]", "\"https://attacker.example/k\"");

    /** A named change to an input, shown by name when a property fails. */
    record Mutation(String name, UnaryOperator<String> f) {
        String apply(String s) {
            return f.apply(s);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    // tries: jqwik.tries.default (junit-platform.properties: 10,000; nightly: -Djqwik.tries.default=100000)
    @Property(shrinking = ShrinkingMode.BOUNDED)
    void mutatedTokensNeverEscapeAndAlwaysGetAMessage(@ForAll("mutatedInputs") String input) {
        Report r = checkEverything(input);
        // The generator must keep reaching every kind of outcome, or the property proves little.
        String kind = r.token() == null ? "nothing to inspect" : r.token().kind().json();
        Statistics.label("kind").collect(kind);
        Statistics.label("kind").coverage(c -> {
            c.check("jws").percentage(p -> p >= 15);
            c.check("malformed").percentage(p -> p >= 20);
            c.check("jwe").percentage(p -> p >= 1);
            c.check("opaque").percentage(p -> p >= 1);
            c.check("nothing to inspect").percentage(p -> p >= 0.2);
        });
        Statistics.label("top diagnosis").collect(r.topDiagnosis().map(Diagnosis::id).orElse("none"));
    }

    @Property(tries = 1_500, shrinking = ShrinkingMode.BOUNDED)
    void arbitraryTextNeverEscapes(@ForAll("arbitraryText") String input) {
        checkEverything(input);
    }

    // ---- what must hold for any input ---------------------------------------------------------------------------

    static Report checkEverything(String input) {
        Extraction ex = EXTRACTOR.extract(input);
        check(ex != null && ex.form() != null && !ex.description().isBlank(), "extraction without a description", input);
        for (Candidate c : ex.candidates()) {
            check(c.role() != null && c.source() != null, "candidate without role or source", input);
            if (c.role().inspectable()) checkDecoding(DECODER.decode(c.value()), c.value());
        }

        Report r = INSPECTOR.inspect(input, PROFILE);
        checkReport(r, input);
        for (int i = 0; i < Math.min(ex.candidates().size(), 3); i++) {
            checkReport(INSPECTOR.inspect(ex, i, PROFILE), input);
        }
        return r;
    }

    static void checkDecoding(DecodedToken t, String value) {
        check(t != null && t.kind() != null, "no kind", value);
        switch (t.kind()) {
            case MALFORMED -> {
                check(!t.problems().isEmpty(), "malformed without a problem", value);
                for (Problem p : t.problems()) {
                    check(p.part() != null && !p.message().isBlank(), "problem without a message: " + p, value);
                    check(p.offset() >= -1 && p.offset() <= Math.max(value.length(), TokenDecoder.MAX_TOKEN_CHARS),
                            "offset out of range: " + p, value);
                }
            }
            case OPAQUE -> {
                check(t.problems().isEmpty() && value.indexOf('.') < 0, "opaque with dots or problems", value);
                check(t.header() == null && t.claims() == null, "opaque with a header or claims", value);
            }
            case JWS -> check(t.problems().isEmpty() && t.header() != null, "JWS with problems or without header", value);
            case JWE -> check(t.problems().isEmpty() && t.header() != null && t.claims() == null,
                    "JWE with problems or readable claims", value);
        }
    }

    static void checkReport(Report r, String input) {
        check(r != null && r.verdict() != null, "no report or verdict", input);
        check(r.summary() != null && !r.summary().isBlank(), "empty summary", input);
        check(r.input() != null && r.input().form() != null, "no input view", input);
        if (r.token() == null) {
            check(r.steps().isEmpty(), "steps without a token", input);
            check(r.summary().startsWith("Nothing to inspect: ") && r.summary().length() > "Nothing to inspect: ".length(),
                    "nothing-to-inspect without a reason: " + r.summary(), input);
        } else {
            List<String> ids = r.steps().stream().map(Step::id).toList();
            check(!ids.isEmpty() && ids.get(0).equals("format"), "no format step first: " + ids, input);
            check(ids.equals(STEP_IDS), "steps not the stable list: " + ids, input);
            for (Step s : r.steps()) {
                check(s.status() != null && !s.title().isBlank(), "step without status or title: " + s.id(), input);
                check(!s.detail().startsWith("Internal error"), "a check threw: " + s.id() + ": " + s.detail(), input);
                check(s.status() != Status.SKIP || !s.detail().isBlank(), "skip without a reason: " + s.id(), input);
            }
            for (Diagnosis d : r.diagnoses()) {
                check(KEBAB.matcher(d.id()).matches() && !d.summary().isBlank(), "bad diagnosis " + d.id(), input);
            }
            check(r.token().kind() != null, "token without kind", input);
            boolean failed = r.steps().stream().anyMatch(s -> s.status() == Status.FAIL && !ENVIRONMENT_STEPS.contains(s.id()));
            check(failed == (r.verdict() == Verdict.INVALID), "verdict " + r.verdict() + " disagrees with the steps", input);
            check(r.verdict() != Verdict.VALID, "valid without any key (offline)", input);
            Step format = r.steps().get(0);
            if (r.token().kind() == TokenKind.MALFORMED || r.token().kind() == TokenKind.OPAQUE) {
                check(format.status() == Status.FAIL && !r.diagnoses().isEmpty(),
                        "malformed/opaque without a failed format step and a diagnosis", input);
            }
            for (String key : List.of("metadata", "keys", "key-match", "signature")) {
                check(r.step(key).orElseThrow().status() == Status.SKIP, "key step not skipped offline: " + key, input);
            }
        }
        String json = Json.compact(r);
        try {
            // A consumer's ordinary parser (the report nests the token's own JSON a few levels deeper than the token).
            JsonNode back = READER.readTree(json);
            check(back.get("summary").asText().equals(r.summary()), "JSON summary differs", input);
        } catch (Exception e) {
            throw new AssertionError("the report's JSON does not parse back: " + e.getMessage() + " for input " + abbreviate(input), e);
        }
    }

    static void check(boolean ok, String what, String input) {
        if (!ok) throw new AssertionError(what + " — input: " + abbreviate(input));
    }

    static String abbreviate(String s) {
        String shown = s.length() > 400 ? s.substring(0, 400) + "…(" + s.length() + " chars)" : s;
        StringBuilder sb = new StringBuilder();
        for (char c : shown.toCharArray()) {
            sb.append(c < 0x20 || (c >= 0x7f && c < 0xa0) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    // ---- generators -------------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<String> mutatedInputs() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<List<Mutation>> mutations = mutation().list().ofMinSize(0).ofMaxSize(4);
        Arbitrary<Mutation> wrapper = wrapper();
        return Combinators.combine(seed, mutations, wrapper).as((s, ms, w) -> {
            String out = s;
            for (Mutation m : ms) out = m.apply(out);
            return w.apply(out);
        });
    }

    @Provide
    Arbitrary<String> arbitraryText() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(600);
        Arbitrary<String> tokenish = Arbitraries.strings().withChars("eyJAbcz019-_.=+/ \n\t\"'{}[]:,#?&\u00e9\u0000\u202e")
                .ofMaxLength(400);
        Arbitrary<String> prefixed = Combinators.combine(Arbitraries.of("eyJ", "Bearer ", "Authorization: Bearer ", "{\"access_token\":\"",
                        "#access_token=", "?code=", "EwB", "{\"error\":", "{\"credential_type\":\"AccessToken\",\"secret\":\"",
                        "curl -H \"Authorization: Bearer "),
                tokenish).as((p, t) -> p + t);
        return Arbitraries.oneOf(any, tokenish, prefixed);
    }

    static Arbitrary<Double> position() {
        return Arbitraries.doubles().between(0.0, 1.0);
    }

    static Arbitrary<Character> oddChar() {
        return Arbitraries.oneOf(
                Arbitraries.chars().range('\u0000', '\u001f'),
                Arbitraries.chars().range('\u0080', '\uFFFF'),
                Arbitraries.of('.', '=', '+', '/', ' ', '\n', '\r', '\t', '"', '\'', '{', '}', '\\', '%', '#', '&', '\u00a0', '\uFEFF',
                        '\u202e', '\uD83D', '\uDE00', '\u0000', '\u007f'));
    }

    static Arbitrary<Mutation> mutation() {
        Arbitrary<Mutation> flip = Combinators.combine(position(), Arbitraries.chars().range('\u0000', '\uFFFF'))
                .as((p, c) -> new Mutation("replace char at " + p + " by U+" + Integer.toHexString(c), s -> replaceAt(s, p, c)));
        Arbitrary<Mutation> bit = Combinators.combine(position(), Arbitraries.integers().between(0, 7))
                .as((p, b) -> new Mutation("flip bit " + b + " at " + p,
                        s -> s.isEmpty() ? s : replaceAt(s, p, (char) (s.charAt(Math.min(index(s, p), s.length() - 1)) ^ (1 << b)))));
        Arbitrary<Mutation> truncate = position().map(p -> new Mutation("truncate at " + p, s -> s.substring(0, index(s, p))));
        Arbitrary<Mutation> insert = Combinators.combine(position(), oddChar())
                .as((p, c) -> new Mutation("insert U+" + Integer.toHexString(c) + " at " + p, s -> insertAt(s, p, String.valueOf(c))));
        Arbitrary<Mutation> insertDot = position().map(p -> new Mutation("insert dot at " + p, s -> insertAt(s, p, ".")));
        Arbitrary<Mutation> removeDot = Arbitraries.integers().between(0, 4)
                .map(n -> new Mutation("remove dot " + n, s -> removeDot(s, n)));
        Arbitrary<Mutation> dupPart = Arbitraries.integers().between(0, 4)
                .map(n -> new Mutation("duplicate part " + n, s -> duplicatePart(s, n)));
        Arbitrary<Mutation> swap = Arbitraries.integers().between(0, 2)
                .map(n -> new Mutation("swap parts " + n + "/" + (n + 1), s -> swapParts(s, n)));
        Arbitrary<Mutation> deep = Combinators.combine(Arbitraries.integers().between(1, 3000), Arbitraries.of("[", "{\"a\":"),
                        Arbitraries.integers().between(0, 1))
                .as((depth, open, part) -> new Mutation("part " + part + " = base64 of " + depth + "-deep JSON",
                        s -> replacePart(s, part, deepJson(depth, open))));
        Arbitrary<Mutation> oddClaim = Combinators.combine(Arbitraries.of(CLAIM_NAMES), Arbitraries.of(ODD_VALUES))
                .as((n, v) -> new Mutation("claim " + n + " = " + abbreviate(v), s -> setMember(s, 1, n, v)));
        Arbitrary<Mutation> oddHeader = Combinators.combine(Arbitraries.of(HEADER_NAMES), Arbitraries.of(ODD_VALUES))
                .as((n, v) -> new Mutation("header " + n + " = " + abbreviate(v), s -> setMember(s, 0, n, v)));
        Arbitrary<Mutation> garbageJson = Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.of(
                        "{\"a\":1}xyz", "{\"a\":1}{}", "[1,2]", "\"s\"", "null", "{\"a\":1,\"a\":2}", "", "{", "\u00ff\u00fe",
                        "{\"exp\":1e400}", "{\"aud\":[[[[[]]]]],\"iss\":{\"x\":[1e400]}}", "{\"alg\":\"none\",\"crit\":[]}"))
                .as((part, text) -> new Mutation("part " + part + " = base64(" + abbreviate(text) + ")", s -> replacePart(s, part, text)));
        Arbitrary<Mutation> reencode = Arbitraries.of(
                new Mutation("standard base64", s -> s.replace('-', '+').replace('_', '/')),
                new Mutation("pad parts with =", s -> String.join(".", padded(s.split("\\.", -1)))),
                new Mutation("URL-encode", s -> java.net.URLEncoder.encode(s, StandardCharsets.UTF_8)),
                new Mutation("lower-case", s -> s.toLowerCase(java.util.Locale.ROOT)),
                new Mutation("drop signature", s -> s.contains(".") ? s.substring(0, s.lastIndexOf('.') + 1) : s),
                new Mutation("double the token", s -> s + s),
                new Mutation("wrap at 64", s -> s.replaceAll("(.{64})", "$1\n")));
        return Arbitraries.frequencyOf(
                Tuple.of(3, flip), Tuple.of(2, bit), Tuple.of(2, truncate), Tuple.of(3, insert), Tuple.of(2, insertDot),
                Tuple.of(2, removeDot), Tuple.of(1, dupPart), Tuple.of(1, swap), Tuple.of(1, deep), Tuple.of(4, oddClaim),
                Tuple.of(3, oddHeader), Tuple.of(2, garbageJson), Tuple.of(2, reencode));
    }

    static Arbitrary<Mutation> wrapper() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(new Mutation("raw", s -> s))),
                Tuple.of(1, Arbitraries.just(new Mutation("Bearer", s -> "Bearer " + s))),
                Tuple.of(1, Arbitraries.just(new Mutation("Authorization line", s -> "Authorization: Bearer " + s + "\r\nAccept: */*"))),
                Tuple.of(1, Arbitraries.just(new Mutation("token response", s -> "{\"token_type\":\"Bearer\",\"access_token\":\""
                        + jsonEscape(s) + "\",\"id_token\":\"" + jsonEscape(SEEDS.get(2)) + "\",\"refresh_token\":\"0.secret\"}"))),
                Tuple.of(1, Arbitraries.just(new Mutation("fragment", s -> "https://app.example/cb#access_token=" + s + "&id_token=" + SEEDS.get(2) + "&state=1"))),
                Tuple.of(1, Arbitraries.just(new Mutation("quoted", s -> "\"" + s + "\""))),
                Tuple.of(1, Arbitraries.just(new Mutation("curl", s -> "curl -H 'Authorization: Bearer " + s + "' https://api.example/x"))),
                Tuple.of(1, Arbitraries.just(new Mutation("log line", s -> "2026-03-01T12:00:00Z WARN 401 token=" + s + " user=alice"))),
                Tuple.of(1, Arbitraries.just(new Mutation("MSAL entry",
                        s -> "{\"credentialType\":\"AccessToken\",\"secret\":\"" + jsonEscape(s) + "\"}"))),
                Tuple.of(1, Arbitraries.just(new Mutation("line breaks", s -> s.replaceAll("(.{76})", "$1\r\n")))));
    }

    // ---- string surgery -------------------------------------------------------------------------------------------

    static int index(String s, double p) {
        return Math.min(s.length(), (int) Math.floor(p * s.length()));
    }

    static String replaceAt(String s, double p, char c) {
        if (s.isEmpty()) return String.valueOf(c);
        int i = Math.min(index(s, p), s.length() - 1);
        return s.substring(0, i) + c + s.substring(i + 1);
    }

    static String insertAt(String s, double p, String what) {
        int i = index(s, p);
        return s.substring(0, i) + what + s.substring(i);
    }

    static String removeDot(String s, int n) {
        int at = -1;
        for (int i = 0; i <= n; i++) {
            at = s.indexOf('.', at + 1);
            if (at < 0) return s;
        }
        return s.substring(0, at) + s.substring(at + 1);
    }

    static String duplicatePart(String s, int n) {
        List<String> parts = new ArrayList<>(List.of(s.split("\\.", -1)));
        if (n < parts.size()) parts.add(n, parts.get(n));
        return String.join(".", parts);
    }

    static String swapParts(String s, int n) {
        List<String> parts = new ArrayList<>(List.of(s.split("\\.", -1)));
        if (n + 1 < parts.size()) {
            String a = parts.get(n);
            parts.set(n, parts.get(n + 1));
            parts.set(n + 1, a);
        }
        return String.join(".", parts);
    }

    static String replacePart(String s, int n, String json) {
        List<String> parts = new ArrayList<>(List.of(s.split("\\.", -1)));
        while (parts.size() <= n) parts.add("");
        parts.set(n, Tokens.b64(json));
        return String.join(".", parts);
    }

    /** Adds or replaces one member of the JSON in part {@code n} (0 header, 1 payload) with a raw JSON value. */
    static String setMember(String s, int n, String name, String rawValue) {
        List<String> parts = new ArrayList<>(List.of(s.split("\\.", -1)));
        if (n >= parts.size()) return s;
        String json;
        try {
            json = new String(java.util.Base64.getUrlDecoder().decode(parts.get(n)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
        String member = "\"" + name + "\":" + rawValue;
        String stripped = json.strip();
        String changed;
        if (stripped.startsWith("{") && stripped.contains("\"" + name + "\":")) {
            // put the member first; the old one stays too, which makes a duplicate member half of the time
            changed = "{" + member + "," + stripped.substring(1);
            if (rawValue.length() % 2 == 0) {
                changed = changed.replaceFirst(",\"" + Pattern.quote(name) + "\":(\"[^\"]*\"|[^,}\\]]*)(?=[,}])", "");
            }
        } else if (stripped.startsWith("{") && stripped.length() > 2) {
            changed = "{" + member + "," + stripped.substring(1);
        } else {
            changed = "{" + member + "}";
        }
        parts.set(n, Tokens.b64(changed));
        return String.join(".", parts);
    }

    static String deepJson(int depth, String open) {
        String close = open.equals("[") ? "]" : "}";
        return open.repeat(depth) + (open.equals("[") ? "" : "1") + close.repeat(depth);
    }

    static String[] padded(String[] parts) {
        String[] out = new String[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = parts[i] + "=".repeat((4 - parts[i].length() % 4) % 4);
        return out;
    }

    static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }
}
