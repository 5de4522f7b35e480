package dev.tokenscope.engine.batch;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.testing.Tokens;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One rule, two schedules: for random and mutated tokens under several profiles (expected audience or not, accepted
 * issuers or not, scopes), {@code verify}'s line (fast path, memo, full path) gives the Inspector's verdict and top diagnosis.
 */
class VerifyAgreesWithInspectTest {
    static Path dir;
    static List<ValidationProfile> profiles;
    static List<String> seeds;
    static Map<ValidationProfile, BatchVerifier> verifiers = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeContainer
    static void setUp() throws Exception {
        dir = Files.createTempDirectory("verify-agrees");
        Path jwks = Files.writeString(dir.resolve("keys.json"), Tokens.publicSet(Tokens.RSA, Tokens.RSA_OTHER).toString());
        Path meta = Files.writeString(dir.resolve("openid-configuration.json"),
                "{\"issuer\":\"https://login.microsoftonline.com/{tenantid}/v2.0\",\"jwks_uri\":\"" + jwks.toUri() + "\"}");
        ValidationProfile base = new ValidationProfile(List.of(API_ID), null, null, null, null, Duration.ofMinutes(5), NOW, meta.toString(),
                jwks.toString(), true);
        profiles = List.of(base, base.withAudiences(List.of()), base.withIssuers(List.of("https://issuer.example/")),
                base.withIssuers(List.of("https://login.microsoftonline.com/{tenantid}/v2.0")),
                new ValidationProfile(List.of("api://" + API_ID), null, null, List.of("access_as_user"), null, Duration.ZERO, NOW, null,
                        jwks.toString(), true));
        seeds = new ArrayList<>(BatchVerifierTest.corpus().values());
        seeds.add(Tokens.sign(Tokens.v2Access().issuer("https://issuer.example/")));
        seeds.add(Tokens.sign(Tokens.v2Access().issuer("https://login.microsoftonline.com.evil.example/" + Tokens.TENANT + "/v2.0")));
        seeds.add(Tokens.sign(Tokens.v2Access().claim("_claim_names", Map.of("groups", "src1"))));
        seeds.add(Tokens.sign(Tokens.v2Access().claim("xms_cc", List.of("cp1"))));
    }

    @AfterContainer
    static void tearDown() {
        verifiers.values().forEach(BatchVerifier::close);
    }

    static BatchVerifier verifier(ValidationProfile p) {
        return verifiers.computeIfAbsent(p, q -> new BatchVerifier(new dev.tokenscope.engine.trust.OnlineTrustResolver(
                new dev.tokenscope.engine.net.DocumentStore(null, null, Clock.systemUTC()), Clock.systemUTC()), q,
                Clock.fixed(NOW, ZoneOffset.UTC), 1, 1000));
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> seed = Arbitraries.of(seeds);
        Arbitrary<String> mutated = Combinators.combine(seed, Arbitraries.integers().between(0, 4000),
                Arbitraries.chars().with("AZaz09-_.=/+ \u00e9"), Arbitraries.integers().between(0, 3)).as((s, at, c, how) -> {
            int i = s.isEmpty() ? 0 : at % s.length();
            return switch (how) {
                case 0 -> s.substring(0, i) + c + s.substring(Math.min(s.length(), i + 1)); // replace a character
                case 1 -> s.substring(0, i);                                                  // truncate
                case 2 -> s.substring(0, i) + c + s.substring(i);                             // insert
                default -> s;                                                                 // unchanged (memo and fast path)
            };
        });
        return Arbitraries.oneOf(seed, mutated);
    }

    @Property(tries = 2000, shrinking = ShrinkingMode.BOUNDED)
    void verifyGivesTheInspectorsVerdictAndTopDiagnosis(@ForAll("lines") String line, @ForAll("profileIndex") int index) {
        ValidationProfile p = profiles.get(index);
        BatchResult b = verifier(p).verify(line);
        Inspector.Judgement j = BatchVerifierTest.inspector().judge(line, p.withAt(NOW));
        if (!j.token()) {
            assertEquals(Verdict.INVALID, b.verdict(), line);
            assertEquals(BatchVerifier.NOT_A_TOKEN, b.diagnosis(), line);
            return;
        }
        assertEquals(j.verdict(), b.verdict(), "verdict of " + line);
        assertEquals(j.topDiagnosis().map(Diagnosis::id).orElse(null), b.diagnosis(), "top diagnosis of " + line);
        assertEquals(j.summary(), b.message(), "summary of " + line);
    }

    @Provide
    Arbitrary<Integer> profileIndex() {
        return Arbitraries.integers().between(0, 4);
    }
}
