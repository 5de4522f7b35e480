package dev.tokenscope.engine.batch;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One resolved trust state is shared by every token of its issuer (batch work resolves each chain once) and read by
 * many threads at once. Which key verified a token is that token's own outcome: with several candidate keys and
 * tokens that name no kid, every report names the key that signed its own token, however the threads interleave.
 */
class SharedTrustThreadsTest {
    @TempDir
    Path dir;

    @Test
    void severalCandidateKeysNoKidManyThreads() throws Exception {
        Path jwks = dir.resolve("keys.json");
        Files.writeString(jwks, Tokens.publicSet(Tokens.RSA, Tokens.RSA_OTHER).toString());
        Path meta = dir.resolve("openid-configuration.json");
        Files.writeString(meta, "{\"issuer\":\"https://login.microsoftonline.com/{tenantid}/v2.0\",\"jwks_uri\":\"" + jwks.toUri() + "\"}");
        ValidationProfile profile = new ValidationProfile(List.of(API_ID), null, null, null, null, Duration.ofMinutes(5), NOW,
                meta.toString(), jwks.toString(), true);
        JWSHeader noKid = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build();
        String byFirst = Tokens.sign(Tokens.v2Access().build(), Tokens.RSA, noKid);
        String bySecond = Tokens.sign(Tokens.v2Access().build(), Tokens.RSA_OTHER, noKid);
        CachingTrustResolver shared = new CachingTrustResolver(
                new OnlineTrustResolver(new DocumentStore(null, null, Clock.systemUTC()), Clock.systemUTC()));
        Inspector inspector = new Inspector(shared, Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(Tokens.RSA.getKeyID(), inspector.inspect(byFirst, profile).key().kid());
        assertEquals(Tokens.RSA_OTHER.getKeyID(), inspector.inspect(bySecond, profile).key().kid());
        assertEquals(1, shared.size(), "both tokens share one resolved trust state");

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                boolean first = i % 2 == 0;
                results.add(pool.submit(() -> {
                    Report r = inspector.inspect(first ? byFirst : bySecond, profile);
                    String expected = (first ? Tokens.RSA : Tokens.RSA_OTHER).getKeyID();
                    return r.verdict() == Verdict.VALID && expected.equals(r.key().kid()) ? "ok"
                            : r.verdict() + " named " + r.key().kid() + " for a token signed by " + expected;
                }));
            }
            for (Future<String> f : results) assertEquals("ok", f.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
