package dev.tokenscope.engine.server;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.testing.Tokens;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Property: randomly mutated server answers of every form (HTTP responses, WWW-Authenticate headers and values, JSON error
 * bodies, IDX/IDW/AADSTS/Spring log lines, claims challenges) are parsed and joined with a token without escaping, and an
 * evidence with no finding always says why.
 */
class ServerFuzzPropertiesTest {
    static final String PII = "[PII of type 'System.String' is hidden. For more details, see https://aka.ms/IdentityModel/PII.]";
    static final String CLAIMS = Base64.getEncoder().encodeToString(
            "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1604106651\"}}}".getBytes(StandardCharsets.UTF_8));
    static final ValidationProfile PROFILE = ValidationProfile.defaults().withAt(Tokens.NOW).withAudiences(List.of(Tokens.API_ID));
    static final Report REPORT = Inspector.offline().inspect(Tokens.sign(Tokens.v2Id()), PROFILE);
    /** Reports of every kind of token: an ID token, an expired v1 access token, an opaque and a malformed token, no token. */
    static final List<Report> REPORTS = List.of(REPORT,
            Inspector.offline().inspect(Tokens.sign(Tokens.v1Access().expirationTime(Date.from(Tokens.NOW.minusSeconds(7200)))), PROFILE),
            Inspector.offline().inspect(Tokens.opaque(300), PROFILE),
            Inspector.offline().inspect(Tokens.raw("{\"alg\":\"RS256\"}", "[1,2]", "x"), PROFILE),
            Inspector.offline().inspect("no token here", PROFILE));

    static final List<String> SEEDS = List.of(
            "HTTP/1.1 401 Unauthorized\r\nDate: Sun, 01 Mar 2026 12:10:00 GMT\r\nWWW-Authenticate: Bearer error=\"invalid_token\", "
                    + "error_description=\"The audience 'x' is invalid; The token expired at '03/01/2026 11:00:00'\"\r\n\r\n"
                    + "{\"title\":\"Unauthorized\",\"status\":401}",
            "HTTP/2 403\nwww-authenticate: Bearer error=\"insufficient_scope\", scope=\"a b\"\n\n",
            "WWW-Authenticate: Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"insufficient_claims\", claims=\"" + CLAIMS + "\"",
            "Bearer authorization_uri=https://login.microsoftonline.com/t/oauth2/authorize resource_id=https://storage.azure.com",
            "error=\"invalid_token\", error_description=\"The signature key was not found\"",
            "Basic realm=\"a, b\", Bearer error=invalid_token, error_description=\"x \\\"q\\\", y\", PoP nonce=\"n\"",
            "{\"error\":\"invalid_token\",\"error_description\":\"The token is expired\"}",
            "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired or is not yet valid.\","
                    + "\"innerError\":{\"request-id\":\"r\"}}}",
            "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                    + "\"detail\":\"IDW10203: The 'scope' or 'scp' claim does not contain scopes 'a' or was not found.\"}",
            "{\"timestamp\":\"2026-03-01T12:10:00.000+00:00\",\"status\":401,\"error\":\"Unauthorized\",\"path\":\"/api\"}",
            "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\","
                    + "\"error_codes\":[7000215]}",
            "fail: IDX10214: Audience validation failed. Audiences: '" + PII
                    + "'. Did not match: validationParameters.ValidAudience: '" + PII
                    + "' or validationParameters.ValidAudiences: '[PII is hidden]'.",
            "IDX10503: Signature validation failed. The token's kid is: 'abc'. Keys tried: 'k1'.\nIDX10223: Lifetime validation failed. "
                    + "The token is expired. ValidTo (UTC): '3/1/2026 11:00:00 AM', Current time (UTC): '3/1/2026 12:10:00 PM'.",
            "IDW10201: Neither scope nor roles claim was found in the bearer token.\nAADSTS700016: Application not found",
            "BearerTokenAuthenticationEntryPoint : Bearer error=\"invalid_token\", "
                    + "error_description=\"An error occurred while attempting to decode the Jwt: Jwt expired at 2026-03-01T11:00:00Z\"",
            "DEBUG Failed to authenticate since The iss claim is not valid\nThe aud claim is not valid\n"
                    + "Signed JWT rejected: Invalid signature");

    @Property(shrinking = ShrinkingMode.BOUNDED) // tries: jqwik.tries.default (junit-platform.properties: 10,000)
    void mutatedServerAnswersNeverEscape(@ForAll("mutated") String input) {
        ServerEvidence e = ServerResponseParser.parse(input);
        if (e == null || e.form() == null) throw new AssertionError("no evidence for " + input);
        if (e.findings().isEmpty() && e.notes().isEmpty()) throw new AssertionError("no finding and no note for " + input);
        if (e.findings().size() > EvidenceBuilder.MAX_FINDINGS) throw new AssertionError("too many findings");
        int pick = Math.floorMod(input.hashCode(), REPORTS.size() + 1); // joined with each kind of report, or explained alone
        List<Finding> joined = pick == REPORTS.size() ? ServerFindings.explainAlone(e) : ServerFindings.join(e, REPORTS.get(pick));
        if (joined.size() != e.findings().size()) throw new AssertionError("findings lost for " + input);
        for (Finding f : joined) if (f.explanation() == null || f.explanation().isBlank()) throw new AssertionError("unexplained " + f);
        if ((input.hashCode() & 7) == 0) Json.compact(ServerFindings.view(e, REPORT)); // serialisable (a sample: it is the slow part)
        Statistics.label("recognised").collect(e.recognised());
        Statistics.label("recognised").coverage(c -> c.check(true).percentage(p -> p >= 50));
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<List<UnaryOperator<String>>> ms = mutation().list().ofMaxSize(4);
        return Combinators.combine(Arbitraries.of(SEEDS), ms).as((s, list) -> {
            String out = s;
            for (UnaryOperator<String> m : list) out = m.apply(out);
            return out;
        });
    }

    static Arbitrary<UnaryOperator<String>> mutation() {
        Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
        Arbitrary<UnaryOperator<String>> flip = Combinators.combine(at, Arbitraries.chars().range('\u0000', '\uFFFF'))
                .as((p, c) -> s -> s.isEmpty() ? s : s.substring(0, i(s, p, 1)) + c + s.substring(i(s, p, 1) + 1));
        Arbitrary<UnaryOperator<String>> truncate = at.map(p -> s -> s.substring(0, i(s, p, 0)));
        Arbitrary<UnaryOperator<String>> insert = Combinators.combine(at, Arbitraries.of("\"", ",", "\\", "=", "\n", "\r\n", "'", "{", "}",
                        "[PII is hidden]", "IDX", "AADSTS", "Bearer ", "error=", "HTTP/1.1 401 X\n", "\u0000", "\uD83D"))
                .as((p, t) -> s -> s.substring(0, i(s, p, 0)) + t + s.substring(i(s, p, 0)));
        Arbitrary<UnaryOperator<String>> repeat = Combinators.combine(at, Arbitraries.integers().between(1, 40),
                        Arbitraries.integers().between(2, 200))
                .as((p, len, times) -> s -> {
                    int from = i(s, p, 0);
                    String piece = s.substring(from, Math.min(s.length(), from + len));
                    return s.substring(0, from) + piece.repeat(times) + s.substring(from);
                });
        Arbitrary<UnaryOperator<String>> delete = Combinators.combine(at, Arbitraries.integers().between(1, 30))
                .as((p, len) -> s -> s.substring(0, i(s, p, 0)) + s.substring(Math.min(s.length(), i(s, p, 0) + len)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, flip), net.jqwik.api.Tuple.of(2, truncate), net.jqwik.api.Tuple.of(4, insert),
                net.jqwik.api.Tuple.of(1, repeat), net.jqwik.api.Tuple.of(2, delete));
    }

    /** Index at fraction {@code p} of {@code s}, leaving {@code room} characters after it. */
    private static int i(String s, double p, int room) {
        int max = Math.max(0, s.length() - room);
        return (int) Math.min(max, Math.floor(p * (max + 1)));
    }
}
