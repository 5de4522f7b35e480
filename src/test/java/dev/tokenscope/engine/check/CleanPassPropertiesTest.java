package dev.tokenscope.engine.check;

import dev.tokenscope.engine.profile.ValidationProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.pipeline.Pipeline;
import dev.tokenscope.engine.report.Status;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A check's {@link Check#passesCleanly} answer (what batch verification asks per token) is exactly what its
 * {@link Check#run} says: a pass step and no diagnosis. A check that answers without running (the lifetime check
 * answers from its rule without making the step's words) is held to its own step here, on random lifetimes around
 * every boundary of the rule (exp, nbf, iat, the skew, "expiring soon"), malformed values, and chosen times.
 */
class CleanPassPropertiesTest {
    static final Instant NOW = Tokens.NOW;

    static List<Check> overriding() {
        return Pipeline.standard().checks().stream().filter(CleanPassPropertiesTest::overrides).toList();
    }

    static boolean overrides(Check c) {
        try {
            return c.getClass().getMethod("passesCleanly", CheckContext.class).getDeclaringClass() != Check.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theLifetimeCheckAnswersWithoutRunning() {
        assertFalse(overriding().isEmpty());
        assertEquals(List.of("lifetime"), overriding().stream().map(Check::id).toList());
    }

    record Case(ObjectNode claims, Instant now, Duration skew, boolean chosen) {
    }

    @Provide
    Arbitrary<Case> cases() {
        // Offsets near the rule's boundaries (0, ±skew, ±5 min) are where an answer and a step could part.
        Arbitrary<Long> near = Arbitraries.oneOf(
                Arbitraries.longs().between(-700, 700),
                Arbitraries.of(-301L, -300L, -299L, -1L, 0L, 1L, 299L, 300L, 301L, 599L, 600L, 601L),
                Arbitraries.longs().between(-400_000, 400_000));
        Arbitrary<JsonNode> weird = Arbitraries.of(Json.MAPPER.getNodeFactory().textNode("1700000000"),
                Json.MAPPER.getNodeFactory().nullNode(),
                Json.MAPPER.getNodeFactory().numberNode(1.5e300), Json.MAPPER.getNodeFactory().numberNode(-9_999_999_999_999L),
                Json.MAPPER.getNodeFactory().booleanNode(true), Json.MAPPER.createArrayNode().add(1));
        Arbitrary<JsonNode> value = Arbitraries.oneOf(
                near.map(o -> (JsonNode) Json.MAPPER.getNodeFactory().numberNode(NOW.getEpochSecond() + o)),
                near.map(o -> (JsonNode) Json.MAPPER.getNodeFactory().numberNode(NOW.getEpochSecond() + o + 0.5)),
                weird);
        Arbitrary<JsonNode> maybe = Arbitraries.oneOf(value, Arbitraries.just(null));
        Arbitrary<ObjectNode> claims = Combinators.combine(maybe, maybe, maybe).as((exp, nbf, iat) -> {
            ObjectNode o = Json.MAPPER.createObjectNode().put("iss", Tokens.V2_ISS).put("aud", Tokens.API_ID);
            if (exp != null) o.set("exp", exp);
            if (nbf != null) o.set("nbf", nbf);
            if (iat != null) o.set("iat", iat);
            return o;
        });
        return Combinators.combine(claims, Arbitraries.longs().between(-2, 2), Arbitraries.of(0L, 1L, 60L, 300L, 600L),
                        Arbitraries.of(true, false))
                .as((c, dt, skew, chosen) -> new Case(c, NOW.plusSeconds(dt), Duration.ofSeconds(skew), chosen));
    }

    @Property(tries = 3000)
    void anAnswerWithoutRunningIsWhatTheStepSays(@ForAll("cases") Case k) {
        ValidationProfile p = new ValidationProfile(null, null, null, null, null, k.skew(), null, null, null, false);
        if (k.chosen()) p = p.withAt(k.now());
        for (Check c : overriding()) {
            CheckContext ran = context(k.claims(), p, k.now());
            Step s = ran.run(c);
            boolean clean = (s == null || s.status() == Status.PASS) && ran.diagnoses().isEmpty();
            CheckContext asked = context(k.claims(), p, k.now());
            assertEquals(clean, c.passesCleanly(asked), c.id() + " on " + k.claims() + " at " + k.now() + " skew " + k.skew() + ": " + s);
        }
    }

    static CheckContext context(ObjectNode claims, ValidationProfile p, Instant now) {
        ObjectNode header = Json.MAPPER.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", "k1");
        DecodedToken t = new DecodedToken("x.y.z", TokenKind.JWS, header, claims, -1, List.of(), null, null);
        return new CheckContext(t, p, now, TrustState.none("no keys in this test"));
    }
}
