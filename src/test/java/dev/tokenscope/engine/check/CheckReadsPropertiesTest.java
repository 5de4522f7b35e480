package dev.tokenscope.engine.check;

import dev.tokenscope.engine.profile.ValidationProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.token.DecodedToken;
import dev.tokenscope.engine.token.TokenKind;
import dev.tokenscope.engine.trust.TrustState;
import dev.tokenscope.testing.Tokens;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a check declares it reads is all it reads: changing the value of any claim outside a check's declared
 * {@link Check.Reads#claimValues()} (its presence kept) never changes the check's step or diagnoses. The batch keys
 * its cache on those declarations, so a wrong one would let {@code verify} reuse an outcome that doesn't apply.
 */
class CheckReadsPropertiesTest {
    static final Instant NOW = Tokens.NOW;
    static final List<String> POOL = List.of("name", "upn", "email", "sub", "oid", "uti", "rh", "aio", "sid", "family_name", "given_name",
            "ipaddr", "unique_name", "preferred_username", "login_hint", "onprem_sid", "xms_mirid", "groups", "hasgroups", "xms_cc",
            "nonce", "at_hash", "wids", "amr", "x_custom", "deviceid", "acrs", "idp", "ctry", "tenant_region_scope", "appidacr", "azpacr");

    static List<Check> declaring() {
        return standardChecks().stream()
                .filter(c -> c.reads().known() && (c.stage() == Check.Stage.CLAIMS || c.stage() == Check.Stage.TIME)).toList();
    }

    static List<Check> standardChecks() {
        return dev.tokenscope.engine.pipeline.Pipeline.standard().checks();
    }

    @Test
    void everyClaimAndTimeCheckOfTheStandardPipelineDeclaresWhatItReads() {
        List<String> undeclared = standardChecks().stream()
                .filter(c -> c.stage() == Check.Stage.CLAIMS || c.stage() == Check.Stage.TIME).filter(c -> !c.reads().known())
                .map(Check::id).toList();
        assertEquals(List.of(), undeclared);
        assertTrue(declaring().size() >= 11, "claim checks, notices and the lifetime check declare their reads: " + declaring().size());
    }

    record Case(ObjectNode claims, ValidationProfile profile, String mutated, JsonNode value) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<ObjectNode> claims = Combinators.combine(
                Arbitraries.of("v2", "v1", "id", "app", "other-iss"),
                Arbitraries.subsetOf(POOL).ofMaxSize(12),
                Arbitraries.longs().between(-4000, 8000),
                Arbitraries.of("api://orders", Tokens.API_ID, "https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000"))
                .as((kind, extra, expOffset, aud) -> {
                    ObjectNode o = Json.MAPPER.createObjectNode();
                    switch (kind) {
                        case "v1" -> o.put("iss", Tokens.V1_ISS).put("ver", "1.0").put("appid", Tokens.CLIENT_ID)
                                .put("scp", "access_as_user read");
                        case "id" -> o.put("iss", Tokens.V2_ISS).put("ver", "2.0").put("nonce", "n");
                        case "app" -> {
                            o.put("iss", Tokens.V2_ISS).put("ver", "2.0").put("azp", Tokens.CLIENT_ID).put("idtyp", "app");
                            o.putArray("roles").add("Orders.Read");
                        }
                        case "other-iss" -> o.put("iss", "https://issuer.example/").put("azp", "client");
                        default -> o.put("iss", Tokens.V2_ISS).put("ver", "2.0").put("azp", Tokens.CLIENT_ID).put("scp", "access_as_user");
                    }
                    o.put("aud", aud).put("tid", Tokens.TENANT).put("exp", NOW.getEpochSecond() + expOffset)
                            .put("nbf", NOW.getEpochSecond() - 600).put("iat", NOW.getEpochSecond() - 600);
                    for (String e : extra) o.put(e, "value-of-" + e);
                    return o;
                });
        Arbitrary<ValidationProfile> profiles = Arbitraries.of(
                ValidationProfile.defaults(),
                ValidationProfile.defaults().withAudiences(List.of("api://orders")),
                new ValidationProfile(List.of(Tokens.API_ID), List.of(Tokens.TENANT), List.of(Tokens.CLIENT_ID), List.of("access_as_user"),
                        List.of("Orders.Read"), Duration.ofMinutes(5), null, null, null, true),
                ValidationProfile.defaults().withIssuers(List.of("https://login.microsoftonline.com/{tenantid}/v2.0")));
        Arbitrary<JsonNode> values = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (JsonNode) Json.MAPPER.getNodeFactory().textNode(s)),
                Arbitraries.longs().map(n -> (JsonNode) Json.MAPPER.getNodeFactory().numberNode(n)),
                Arbitraries.of((JsonNode) Json.MAPPER.getNodeFactory().booleanNode(true), Json.MAPPER.getNodeFactory().nullNode(),
                        Json.MAPPER.createArrayNode().add("cp1").add("x"), Json.MAPPER.createObjectNode().put("groups", "src1"),
                        Json.MAPPER.getNodeFactory().textNode("true")));
        return Combinators.combine(claims, profiles, values, Arbitraries.integers().between(0, 1000))
                .as((c, p, v, pick) -> {
                    List<String> names = new ArrayList<>();
                    c.fieldNames().forEachRemaining(names::add);
                    return new Case(c, p, names.get(pick % names.size()), v);
                });
    }

    @Property(tries = 2000)
    void aClaimOutsideACheckDeclarationNeverChangesItsOutcome(@ForAll("cases") Case k) {
        for (Check c : declaring()) {
            if (c.reads().claimValuesFor(k.claims()).contains(k.mutated())) continue;
            ObjectNode changed = k.claims().deepCopy();
            changed.set(k.mutated(), k.value());
            Outcome a = run(c, k.claims(), k.profile()), b = run(c, changed, k.profile());
            assertEquals(a, b, c.id() + " read the value of \"" + k.mutated() + "\" without declaring it ("
                    + k.claims() + " → " + k.value() + ")");
        }
    }

    record Outcome(String step, List<String> diagnoses) {
    }

    static Outcome run(Check c, ObjectNode claims, ValidationProfile p) {
        ObjectNode header = Json.MAPPER.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", "k1");
        DecodedToken t = new DecodedToken("x.y.z", TokenKind.JWS, header, claims, -1, List.of(), null, null);
        CheckContext ctx = new CheckContext(t, p, NOW, TrustState.none("no keys in this test"));
        Step s = ctx.run(c);
        List<String> ds = ctx.diagnoses().stream().map(CheckReadsPropertiesTest::describe).toList();
        return new Outcome(s == null ? null : s.toString(), ds);
    }

    static String describe(Diagnosis d) {
        return d.id() + "|" + d.severity() + "|" + d.summary() + "|" + d.explanation() + "|" + d.fix();
    }
}
