package dev.tokenscope.engine.batch;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.testing.FakeEntra;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.NOW;
import static dev.tokenscope.testing.Tokens.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchVerifierTest {
    @TempDir
    Path dir;

    /** Offline profile with the tests' key set and v2 metadata as files, evaluated at Tokens.NOW. */
    ValidationProfile offlineProfile() throws Exception {
        Path jwks = dir.resolve("keys.json");
        Files.writeString(jwks, Tokens.publicSet(Tokens.RSA, Tokens.RSA_OTHER).toString());
        Path meta = dir.resolve("openid-configuration.json");
        Files.writeString(meta, "{\"issuer\":\"https://login.microsoftonline.com/{tenantid}/v2.0\",\"jwks_uri\":\"" + jwks.toUri() + "\"}");
        return new ValidationProfile(List.of(API_ID), null, null, null, null, Duration.ofMinutes(5), NOW, meta.toString(), jwks.toString(),
                true);
    }

    static BatchVerifier verifier(ValidationProfile p, int threads, int memo) {
        return new BatchVerifier(new dev.tokenscope.engine.trust.OnlineTrustResolver(
                new dev.tokenscope.engine.net.DocumentStore(null, null, Clock.systemUTC()), Clock.systemUTC()),
                p, Clock.fixed(NOW, ZoneOffset.UTC), threads, memo);
    }

    static Inspector inspector() {
        return new Inspector(new dev.tokenscope.engine.trust.OnlineTrustResolver(
                new dev.tokenscope.engine.net.DocumentStore(null, null, Clock.systemUTC()), Clock.systemUTC()),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A spread of tokens: valid, each kind of failure, and lines that are not tokens at all. */
    static Map<String, String> corpus() {
        Map<String, String> m = new LinkedHashMap<>();
        String valid = Tokens.sign(Tokens.v2Access());
        m.put("valid", valid);
        m.put("valid-v1", Tokens.sign(Tokens.v1Access().audience(API_ID)));
        m.put("valid-app-only", Tokens.sign(Tokens.v2AppOnly()));
        m.put("expired", Tokens.sign(Tokens.v2Access().expirationTime(Date.from(NOW.minusSeconds(3600)))));
        m.put("expired-within-skew", Tokens.sign(Tokens.v2Access().expirationTime(Date.from(NOW.minusSeconds(60)))));
        m.put("not-yet-valid", Tokens.sign(Tokens.v2Access().notBeforeTime(Date.from(NOW.plusSeconds(3600)))));
        m.put("wrong-audience", Tokens.sign(Tokens.v2Access().audience("00000002-0000-0000-c000-000000000000")));
        m.put("id-token", Tokens.sign(Tokens.v2Id().audience(API_ID)));
        m.put("graph", Tokens.graph(Tokens.v2Access()));
        m.put("other-key", Tokens.sign(Tokens.v2Access().build(), Tokens.RSA_OTHER,
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(Tokens.RSA_OTHER.getKeyID()).build()));
        m.put("unknown-kid", Tokens.sign(Tokens.v2Access().build(), Tokens.rsa("nope"),
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("nope").build()));
        m.put("consumer", Tokens.sign(Tokens.v2Access().issuer("https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0")
                .claim("tid", "9188040d-6c67-4c5b-b112-36a304b66dad")));
        String[] parts = valid.split("\\.");
        char c = parts[2].charAt(10);
        m.put("broken-signature",
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (c == 'A' ? 'B' : 'A') + parts[2].substring(11));
        m.put("alg-none", Tokens.raw("{\"alg\":\"none\"}", "{\"aud\":\"" + API_ID + "\"}", ""));
        m.put("bearer-line", "Bearer " + valid);
        m.put("log-line", "2026-03-01T12:00:00Z INFO request GET /orders auth=" + valid + " status=200");
        m.put("garbage", "this line holds no token at all");
        m.put("truncated", parts[0] + "." + parts[1]);
        m.put("opaque", "EwBwA8l6BAAUO9chh8cJscQLmU+LSWpbnr0vmwwAAQ");
        return m;
    }

    @Test
    void everyVerdictAndDiagnosisIsTheInspectorsOwn() throws Exception {
        ValidationProfile p = offlineProfile();
        Inspector inspector = inspector();
        try (BatchVerifier v = verifier(p, 1, 0)) {
            for (Map.Entry<String, String> e : corpus().entrySet()) {
                BatchResult b = v.verify(e.getValue());
                Report r = inspector.inspect(e.getValue(), p);
                if (r.token() == null) {
                    assertEquals(Verdict.INVALID, b.verdict(), e.getKey());
                    assertEquals(BatchVerifier.NOT_A_TOKEN, b.diagnosis(), e.getKey());
                    continue;
                }
                assertEquals(r.verdict(), b.verdict(), e.getKey() + ": " + b.message());
                assertEquals(r.topDiagnosis().map(Diagnosis::id).orElse(null), b.diagnosis(), e.getKey());
                assertEquals(r.summary(), b.message(), e.getKey());
            }
            // The clean tokens went the fast path; the odd ones the Inspector's whole way.
            assertTrue(v.fastPathCount() >= 5, "fast path used " + v.fastPathCount());
            assertTrue(v.fullPathCount() >= 8, "full path used " + v.fullPathCount());
        }
        assertEquals(Verdict.VALID, verifier(p, 1, 0).verify(corpus().get("valid")).verdict());
        assertEquals("Valid with warnings for " + API_ID, verifier(p, 1, 0).verify(corpus().get("expired-within-skew")).message());
    }

    @Test
    void aBrokenSignatureIsReportedLikeTheInspectorEvenWhenServedFromThePlan() throws Exception {
        ValidationProfile p = offlineProfile();
        Report expected = inspector().inspect(corpus().get("broken-signature"), p);
        try (BatchVerifier v = verifier(p, 1, 0)) {
            for (int i = 0; i < 5; i++) {
                String t = Tokens.sign(Tokens.v2Access().claim("uti", "u" + i));
                String[] parts = t.split("\\.");
                String broken = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1);
                BatchResult b = v.verify(broken);
                assertEquals(Verdict.INVALID, b.verdict());
                assertEquals("signature-invalid", b.diagnosis());
                assertEquals(expected.summary(), b.message());
            }
            assertEquals(1, v.fullPathCount(), "only the first broken token needs the Inspector");
        }
    }

    @Test
    void aTokenSeenAgainIsServedFromTheMemoUntilItsLifetimeStepWouldChange() {
        Instant exp = NOW.plusSeconds(120);
        String token = Tokens.sign(Tokens.v2Access().expirationTime(Date.from(exp)));
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        Clock moving = new Clock() {
            @Override public ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        FakeEntra entra = new FakeEntra().tenant(TENANT, Tokens.publicSet(Tokens.RSA));
        try (entra; BatchVerifier v = new BatchVerifier(new dev.tokenscope.engine.trust.OnlineTrustResolver(
                new dev.tokenscope.engine.net.DocumentStore(entra.http(), null, Clock.systemUTC()), Clock.systemUTC()),
                ValidationProfile.defaults().withAudiences(List.of(API_ID)), moving, 1, 1000)) {
            BatchResult first = v.verify(token);
            assertEquals(Verdict.VALID, first.verdict(), first.message());
            assertFalse(first.memoised());
            now.set(NOW.plusSeconds(60).plusNanos(123_456_789)); // still inside the same lifetime interval (any fraction of a second)
            BatchResult again = v.verify(token);
            assertTrue(again.memoised());
            assertEquals(first.message(), again.message());
            now.set(exp.plusSeconds(30)); // expired, but within the 5 min skew: valid with warnings, re-verified
            BatchResult warned = v.verify(token);
            assertFalse(warned.memoised());
            assertEquals(Verdict.VALID, warned.verdict());
            assertTrue(warned.message().startsWith("Valid with warnings"), warned.message());
            now.set(exp.plusSeconds(600)); // beyond the skew
            BatchResult expired = v.verify(token);
            assertEquals(Verdict.INVALID, expired.verdict());
            assertEquals("expired", expired.diagnosis());
            assertTrue(v.verify(token).memoised());
            assertEquals(2, v.memoHits());
            // Keys and metadata were fetched once for all of it.
            assertEquals(1, entra.count("https://login.microsoftonline.com/" + TENANT + "/v2.0/.well-known/openid-configuration"));
            assertEquals(1, entra.count("https://login.microsoftonline.com/" + TENANT + "/discovery/v2.0/keys"));
        }
    }

    @Test
    void runAnswersEveryNonEmptyLineOnceInInputOrderOnAllThreads() throws Exception {
        ValidationProfile p = offlineProfile();
        Map<String, String> corpus = corpus();
        List<String> names = new ArrayList<>(corpus.keySet());
        StringBuilder in = new StringBuilder();
        List<String> expectedNames = new ArrayList<>();
        List<Long> expectedLines = new ArrayList<>();
        long line = 0;
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i * 7 + round) % names.size());
                in.append(corpus.get(name)).append(round % 2 == 0 ? "\n" : "\r\n");
                expectedNames.add(name);
                expectedLines.add(++line);
                if (i % 5 == 0) {
                    in.append(i % 2 == 0 ? "\n" : "   \t\n"); // blank lines get no answer
                    line++;
                }
            }
        }
        Map<String, BatchResult> single = new LinkedHashMap<>();
        try (BatchVerifier one = verifier(p, 1, 0)) {
            for (String n : names) single.put(n, one.verify(corpus.get(n)));
        }
        List<Long> gotLines = new ArrayList<>();
        List<BatchResult> got = new ArrayList<>();
        BatchSummary s;
        try (BatchVerifier v = verifier(p, 4, 10_000)) {
            s = v.run(utf8(in.toString()), (n, r) -> {
                gotLines.add(n);
                got.add(r);
            });
            assertEquals(names.size(), v.memoSize() + 3, "every distinct token memoised once (the 3 non-token lines are not)");
        }
        assertEquals(expectedLines, gotLines);
        for (int i = 0; i < got.size(); i++) {
            BatchResult want = single.get(expectedNames.get(i));
            assertEquals(want.verdict(), got.get(i).verdict(), expectedNames.get(i));
            assertEquals(want.diagnosis(), got.get(i).diagnosis(), expectedNames.get(i));
            assertEquals(want.message(), got.get(i).message(), expectedNames.get(i));
        }
        assertEquals(expectedNames.size(), s.lines());
        long valid = expectedNames.stream().filter(n -> single.get(n).verdict() == Verdict.VALID).count();
        assertEquals(valid, s.valid());
        assertEquals(s.lines(), s.valid() + s.invalid() + s.undetermined());
        assertTrue(s.memoised() > s.lines() / 2, "repeated tokens come from the memo: " + s.memoised());
        assertFalse(s.allValid());
    }

    @Test
    void theMemoStaysWithinItsCapacity() throws Exception {
        ValidationProfile p = offlineProfile();
        try (BatchVerifier v = verifier(p, 2, 16)) {
            StringBuilder in = new StringBuilder();
            for (int i = 0; i < 200; i++) in.append(Tokens.sign(Tokens.v2Access().claim("uti", "t" + i))).append('\n');
            BatchSummary s = v.run(utf8(in.toString()), (n, r) -> assertEquals(Verdict.VALID, r.verdict()));
            assertEquals(200, s.valid());
            assertTrue(v.memoSize() <= 16, "memo size " + v.memoSize());
        }
    }

    @Test
    void aHugeLineIsAnsweredWithoutBeingReadWhole() throws Exception {
        ValidationProfile p = offlineProfile();
        String valid = Tokens.sign(Tokens.v2Access());
        String huge = "x".repeat(BatchVerifier.MAX_LINE_BYTES + 10);
        List<BatchResult> got = new ArrayList<>();
        try (BatchVerifier v = verifier(p, 2, 100)) {
            BatchSummary s = v.run(utf8(valid + "\n" + huge + "\n" + valid), (n, r) -> got.add(r));
            assertEquals(3, s.lines());
        }
        assertEquals(Verdict.VALID, got.get(0).verdict());
        assertEquals(BatchVerifier.NOT_A_TOKEN, got.get(1).diagnosis());
        assertTrue(got.get(1).message().contains("longer than"), got.get(1).message());
        assertEquals(Verdict.VALID, got.get(2).verdict());
    }

    @Test
    void theLifetimeWindowEndsWhereTheLifetimeStepCouldChange() {
        var claims = dev.tokenscope.engine.json.Json.MAPPER.createObjectNode().put("exp", 1000).put("nbf", 400).put("iat", 400);
        Duration skew = Duration.ofSeconds(100);
        // expiring-soon (a warning) starts strictly after exp − max(skew, 5 minutes) = 700 s
        Instant soon = Instant.ofEpochSecond(700, 1);
        Instant[] early = BatchVerifier.window(claims, Instant.ofEpochSecond(500, 123_456_789), skew);
        assertEquals(Instant.ofEpochSecond(400), early[0]);
        assertEquals(soon, early[1]);
        Instant[] late = BatchVerifier.window(claims, Instant.ofEpochSecond(800), skew);
        assertEquals(soon, late[0]);
        assertEquals(Instant.ofEpochSecond(1000), late[1]);
        assertWindow(1000, 1100, BatchVerifier.window(claims, Instant.ofEpochSecond(1000), skew));
        assertWindow(1100, null, BatchVerifier.window(claims, Instant.ofEpochSecond(5000), skew));
        assertWindow(null, 300, BatchVerifier.window(claims, Instant.ofEpochSecond(0), skew));
        assertWindow(null, null, BatchVerifier.window(null, Instant.ofEpochSecond(0), skew));
        // Claim values are read exactly as the lifetime step reads them.
        var odd = dev.tokenscope.engine.json.Json.MAPPER.createObjectNode().put("exp", 1000.5);
        assertEquals(dev.tokenscope.engine.claims.ClaimCatalogue.epochSeconds(odd.get("exp")),
                BatchVerifier.window(odd, Instant.ofEpochSecond(900), skew)[1]);
    }

    private static void assertWindow(Integer from, Integer until, Instant[] got) {
        assertEquals(from == null ? null : Instant.ofEpochSecond(from), got[0], "from");
        assertEquals(until == null ? null : Instant.ofEpochSecond(until), got[1], "until");
    }

    @Test
    void trustIsResolvedOncePerIssuerAndKeyAcrossThreads() throws Exception {
        FakeEntra entra = new FakeEntra().tenant(TENANT, Tokens.publicSet(Tokens.RSA));
        try (entra; BatchVerifier v = new BatchVerifier(new dev.tokenscope.engine.trust.OnlineTrustResolver(
                new dev.tokenscope.engine.net.DocumentStore(entra.http(), null, Clock.systemUTC()), Clock.systemUTC()),
                ValidationProfile.defaults().withAudiences(List.of(API_ID)).withAt(NOW), Clock.systemUTC(), 4, 0)) {
            StringBuilder in = new StringBuilder();
            for (int i = 0; i < 60; i++) in.append(Tokens.sign(Tokens.v2Access().claim("uti", "x" + i))).append('\n');
            BatchSummary s = v.run(utf8(in.toString()), (n, r) -> assertEquals(Verdict.VALID, r.verdict(), r.message()));
            assertEquals(60, s.valid());
            assertEquals(1, entra.count("https://login.microsoftonline.com/" + TENANT + "/v2.0/.well-known/openid-configuration"));
            assertEquals(1, entra.count("https://login.microsoftonline.com/" + TENANT + "/discovery/v2.0/keys"));
            assertEquals(1, v.chainsResolved());
        }
    }

    @Test
    void sharedClaimOutcomesNeverHideADifferenceThatMatters() throws Exception {
        ValidationProfile p = new ValidationProfile(List.of(API_ID), List.of(TENANT), List.of(Tokens.CLIENT_ID), List.of("access_as_user"),
                null, Duration.ofMinutes(5), NOW, offlineProfile().metadata(), offlineProfile().jwks(), true);
        Inspector inspector = inspector();
        List<String> tokens = List.of(
                Tokens.sign(Tokens.v2Access()),
                Tokens.sign(Tokens.v2Access().claim("name", "Bob").claim("oid", "another").claim("uti", "x").subject("s2")),
                Tokens.sign(Tokens.v2Access().claim("scp", "User.Read")),
                Tokens.sign(Tokens.v2Access().claim("azp", "7b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d")),
                Tokens.sign(Tokens.v2Access().claim("tid", "5e3c8a11-2b7d-4f6e-9a0c-1d2e3f4a5b6c")),
                Tokens.sign(Tokens.v2Access().audience(List.of(API_ID, "api://" + API_ID))),
                Tokens.sign(Tokens.v2Access().claim("ver", "1.0")),
                Tokens.sign(Tokens.v2Access().issueTime(Date.from(NOW.plusSeconds(3600)))),
                Tokens.sign(Tokens.v2Access().notBeforeTime(Date.from(NOW.plusSeconds(60)))),
                Tokens.sign(Tokens.v2Access().claim("nbf", "soon")),
                Tokens.sign(Tokens.v2Access().claim("exp", null)),
                Tokens.sign(Tokens.v2Access()).replace("eyJ", "eyJ"));
        try (BatchVerifier v = verifier(p, 1, 0)) {
            for (String t : tokens) {
                Report r = inspector.inspect(t, p);
                BatchResult b = v.verify(t);
                assertEquals(r.verdict(), b.verdict(), r.summary());
                assertEquals(r.topDiagnosis().map(Diagnosis::id).orElse(null), b.diagnosis(), r.summary());
                assertEquals(r.summary(), b.message());
            }
        }
    }

    /** The lifetime step's outcome (status and diagnoses) at {@code at}, as the Inspector runs it. */
    static String lifetimeOutcome(com.fasterxml.jackson.databind.node.ObjectNode claims, java.time.Instant at) {
        var token = new dev.tokenscope.engine.token.DecodedToken("x", dev.tokenscope.engine.token.TokenKind.JWS,
                dev.tokenscope.engine.json.Json.MAPPER.createObjectNode(), claims, 256, List.of(), null, null);
        var ctx = new dev.tokenscope.engine.check.CheckContext(token, ValidationProfile.defaults(), at,
                TrustResolver.offlineOnly().resolve(token, ValidationProfile.defaults()));
        return ctx.run(new dev.tokenscope.engine.check.LifetimeCheck()).status() + " "
                + ctx.diagnoses().stream().map(Diagnosis::id).toList();
    }

    @Test
    void theMemoWindowNeverSpansAChangeOfTheLifetimeStepsOutcome() {
        Duration skew = ValidationProfile.defaults().skew();
        long[] offsets = {-10_000, -301, -300, -299, -1, 0, 1, 299, 300, 301, 10_000};
        int bounded = 0;
        for (long expAt : offsets) {
            for (long nbfAt : offsets) {
                for (long iatAt : offsets) {
                    var claims = dev.tokenscope.engine.json.Json.MAPPER.createObjectNode().put("exp", NOW.getEpochSecond() + expAt)
                            .put("nbf", NOW.getEpochSecond() + nbfAt).put("iat", NOW.getEpochSecond() + iatAt);
                    String here = lifetimeOutcome(claims, NOW);
                    java.time.Instant[] w = dev.tokenscope.engine.check.LifetimeCheck.window(claims, NOW, skew);
                    String where = "exp " + expAt + " nbf " + nbfAt + " iat " + iatAt;
                    if (w[0] != null) assertEquals(here, lifetimeOutcome(claims, w[0]), "at the window's start: " + where);
                    if (w[1] != null) {
                        assertEquals(here, lifetimeOutcome(claims, w[1].minusNanos(1)), "just before the window's end: " + where);
                        bounded++;
                    }
                }
            }
        }
        assertTrue(bounded > 50, "the grid has windows that end: " + bounded);
    }

    @Test
    void withoutAnyTrustMaterialTheVerdictStaysOpen() {
        try (BatchVerifier v = new BatchVerifier(TrustResolver.offlineOnly(), ValidationProfile.defaults().withAt(NOW), Clock.systemUTC(),
                1, 10)) {
            BatchResult r = v.verify(Tokens.sign(Tokens.v2Access()));
            assertEquals(Verdict.UNDETERMINED, r.verdict(), r.message());
            assertNull(r.diagnosis());
        }
    }

    private static java.io.InputStream utf8(String s) {
        return new java.io.ByteArrayInputStream(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void linesAreReadAsUtf8BytesWhateverTheirEndingsAndBufferBoundaries() throws Exception {
        // ASCII, CRLF, a multi-byte character split across the 64 KiB buffer refill, malformed UTF-8, a last line
        // without a newline, and an over-long line that is skipped without being held.
        StringBuilder big = new StringBuilder();
        // The big line starts at byte 11 (after "one\r\n\ntwo\n"); 'é' (2 bytes) at 65535-65536 straddles the first refill.
        big.append("a".repeat((1 << 16) - 1 - 11)).append("é").append("z");
        byte[] malformed = {'x', (byte) 0xC3, 'y'};
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write("one\r\n\ntwo\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(big.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.write('\n');
        out.write(malformed);
        out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write("b".repeat(100).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write('\n');
        out.write("last".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        LineReader r = new LineReader(new java.io.ByteArrayInputStream(out.toByteArray()), 80);
        assertEquals("one", r.next());
        assertEquals("", r.next());
        assertEquals("two", r.next());
        assertSame(LineReader.TOO_LONG, r.next()); // the big line is over 80 bytes
        assertEquals("x\uFFFDy", r.next());
        assertSame(LineReader.TOO_LONG, r.next());
        assertEquals("last", r.next());
        assertNull(r.next());
        LineReader whole = new LineReader(new java.io.ByteArrayInputStream(out.toByteArray()), 1 << 20);
        whole.next();
        whole.next();
        whole.next();
        assertEquals(big.toString(), whole.next());
    }

    @Test
    void theWarmUpFinishesQuietlyWithoutTouchingTheDiskOrTheNetwork() throws Exception {
        java.nio.file.Path home = java.nio.file.Path.of(System.getProperty("user.home"));
        java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        java.util.Set<java.nio.file.Path> before = files(home);
        java.util.Set<java.nio.file.Path> nativeCopies = nativeCopies(tmp);
        // Here (as under `java -jar`) the provider would unpack its library into the temp directory: no preload then.
        assertFalse(dev.tokenscope.engine.crypto.NativeCrypto.loadsInPlace());
        Thread t = WarmUp.start();
        t.join(30_000);
        assertFalse(t.isAlive(), "warm-up still running after 30 s");
        assertTrue(t.isDaemon(), "the warm-up must never keep the process alive");
        assertEquals(before, files(home), "the warm-up wrote files");
        assertEquals(nativeCopies, nativeCopies(tmp), "the warm-up unpacked the native library");
    }

    @Test
    void tokensThatDifferInWhatMattersNeverShareAThreadsLastPlanOrClaimOutcome() throws Exception {
        ValidationProfile p = offlineProfile();
        Inspector inspector = inspector();
        String otherTenant = "0a1b2c3d-0000-4000-8000-000000000001";
        // On one thread, in turn: tokens that share header and most claims but differ in the audience, the issuer
        // (same header: the plan must be worked out again), an object claim's member order, or only in value-free claims.
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tokens.add(Tokens.sign(Tokens.v2Access().claim("uti", "a" + i)));
            tokens.add(Tokens.sign(Tokens.v2Access().audience("api://somebody-else").claim("uti", "b" + i)));
            tokens.add(Tokens.sign(Tokens.v2Access().issuer("https://login.microsoftonline.com/" + otherTenant + "/v2.0")
                    .claim("tid", otherTenant).claim("uti", "c" + i)));
            tokens.add(Tokens.sign(Tokens.v2Access().claim("xms_obj", Map.of("a", 1)).claim("uti", "d" + i)));
            tokens.add(Tokens.sign(Tokens.v2Access().claim("xms_obj", new java.util.TreeMap<>(Map.of("b", 2, "a", 1)))
                    .claim("uti", "e" + i)));
            tokens.add(Tokens.sign(Tokens.v2Access().claim("roles", List.of("Orders.Read")).claim("uti", "f" + i)));
            tokens.add(Tokens.sign(Tokens.v2Access().claim("roles", List.of("Orders.Read", "Orders.Write")).claim("uti", "g" + i)));
            tokens.add(Tokens.sign(Tokens.v2Access().claim("scp", "User.Read").claim("uti", "h" + i)));
        }
        ValidationProfile withTenant = new ValidationProfile(p.audiences(), List.of(TENANT), p.clients(), List.of("access_as_user"),
                p.roles(), p.skew(), p.at(), p.metadata(), p.jwks(), p.offline());
        for (ValidationProfile profile : List.of(p, withTenant)) {
            try (BatchVerifier v = verifier(profile, 1, 0)) {
                for (String t : tokens) {
                    BatchResult b = v.verify(t);
                    Report r = inspector.inspect(t, profile);
                    assertEquals(r.verdict(), b.verdict(), b.message());
                    assertEquals(r.topDiagnosis().map(Diagnosis::id).orElse(null), b.diagnosis());
                    assertEquals(r.summary(), b.message());
                }
                assertTrue(v.fastPathCount() >= tokens.size() / 3, "fast path used " + v.fastPathCount());
            }
        }
    }

    @Test
    void aTokenFromAnotherTenantWithTheSameHeaderGetsThatTenantsKeysNotTheLastPlan() {
        // Discovery by issuer: tenant A publishes RSA, tenant B RSA_OTHER. A token naming A's kid but issued by B, signed
        // with A's key, must be checked against B's keys (key not found), however many A tokens the thread saw just before.
        String tenantB = "0a1b2c3d-0000-4000-8000-000000000002";
        String issB = "https://login.microsoftonline.com/" + tenantB + "/v2.0";
        FakeEntra entra = new FakeEntra().tenant(TENANT, Tokens.publicSet(Tokens.RSA)).tenant(tenantB, Tokens.publicSet(Tokens.RSA_OTHER));
        ValidationProfile profile = ValidationProfile.defaults().withAudiences(List.of(API_ID)).withAt(NOW);
        try (entra; BatchVerifier v = new BatchVerifier(new dev.tokenscope.engine.trust.OnlineTrustResolver(
                new dev.tokenscope.engine.net.DocumentStore(entra.http(), null, Clock.systemUTC()), Clock.systemUTC()),
                profile, Clock.fixed(NOW, ZoneOffset.UTC), 1, 0)) {
            for (int i = 0; i < 3; i++) {
                BatchResult a = v.verify(Tokens.sign(Tokens.v2Access().claim("uti", "a" + i)));
                assertEquals(Verdict.VALID, a.verdict(), a.message());
                BatchResult b = v.verify(Tokens.sign(Tokens.v2Access().issuer(issB).claim("tid", tenantB).claim("uti", "b" + i)));
                assertEquals(Verdict.INVALID, b.verdict(), b.message());
                assertEquals("key-not-found", b.diagnosis(), b.message());
            }
        }
    }

    @Test
    void aJudgementIsTheReportsVerdictDiagnosesSummaryAndClaims() throws Exception {
        ValidationProfile p = offlineProfile();
        Inspector inspector = inspector();
        Map<String, String> inputs = new LinkedHashMap<>(corpus());
        inputs.put("empty", "");
        inputs.put("token-response", "{\"token_type\":\"Bearer\",\"access_token\":\"" + corpus().get("valid") + "\"}");
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            Report r = inspector.inspect(e.getValue(), p);
            Inspector.Judgement j = inspector.judge(e.getValue(), p);
            assertEquals(r.token() != null, j.token(), e.getKey());
            assertEquals(r.verdict(), j.verdict(), e.getKey());
            assertEquals(r.diagnoses(), j.diagnoses(), e.getKey());
            assertEquals(r.summary(), j.summary(), e.getKey());
            assertEquals(r.token() == null ? null : r.token().claims(), j.claims(), e.getKey());
        }
    }

    /** The tests' RS256 header (as {@link Tokens#sign}) over any payload bytes: the same plan as ordinary tokens. */
    private static String signBytes(byte[] payload) throws Exception {
        com.nimbusds.jose.JWSObject o = new com.nimbusds.jose.JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(Tokens.RSA.getKeyID()).build(),
                new com.nimbusds.jose.Payload(payload));
        o.sign(new com.nimbusds.jose.crypto.RSASSASigner(Tokens.RSA));
        return o.serialize();
    }

    @Test
    void payloadsTheDecoderRefusesAreRefusedAfterTheFastPathHasAPlan() throws Exception {
        ValidationProfile p = offlineProfile();
        Inspector inspector = inspector();
        String claims = Tokens.v2Access().build().toString();
        Map<String, String> odd = new LinkedHashMap<>();
        for (String cs : List.of("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE")) {
            odd.put(cs, signBytes(claims.getBytes(java.nio.charset.Charset.forName(cs))));
        }
        odd.put("overflowing number",
                signBytes(claims.replace("{", "{\"xms_big\":1e400,").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        odd.put("overflowing number in an array",
                signBytes(claims.replace("{", "{\"xms_a\":[1,-1e999],").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        odd.put("control character", signBytes(claims.replace("{", "{\u0001").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        odd.put("DEL", signBytes(claims.replace("{", "{\u007f").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        odd.put("NUL at the end", signBytes((claims + "\u0000").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        odd.put("whitespace (fine)", signBytes(("\t\r\n " + claims + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        odd.put("non-ASCII (fine)",
                signBytes(claims.replace("Alice Example", "Ålice Éxample").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try (BatchVerifier v = verifier(p, 1, 0)) {
            for (Map.Entry<String, String> e : odd.entrySet()) {
                assertEquals(Verdict.VALID, v.verify(Tokens.sign(Tokens.v2Access().claim("uti", e.getKey()))).verdict(),
                        "the plan is built");
                BatchResult b = v.verify(e.getValue());
                Report r = inspector.inspect(e.getValue(), p);
                assertEquals(r.verdict(), b.verdict(), e.getKey() + ": " + b.message());
                assertEquals(r.topDiagnosis().map(Diagnosis::id).orElse(null), b.diagnosis(), e.getKey());
                assertEquals(r.summary(), b.message(), e.getKey());
                assertEquals(e.getKey().endsWith("(fine)") ? Verdict.VALID : Verdict.INVALID, b.verdict(), e.getKey());
            }
        }
    }

    @Test
    void twoVerifiersTakingTurnsOnOneThreadKeepTheirOwnPlansAndOutcomes() throws Exception {
        ValidationProfile ours = offlineProfile();
        ValidationProfile others = new ValidationProfile(List.of("api://somebody-else"), null, null, null, null,
                ours.skew(), ours.at(), ours.metadata(), ours.jwks(), true);
        try (BatchVerifier a = verifier(ours, 1, 0); BatchVerifier b = verifier(others, 1, 0)) {
            for (int i = 0; i < 4; i++) {
                String t = Tokens.sign(Tokens.v2Access().claim("uti", "turn" + i));
                assertEquals(Verdict.VALID, a.verify(t).verdict());
                BatchResult wrong = b.verify(t);
                assertEquals(Verdict.INVALID, wrong.verdict(), wrong.message());
                assertEquals("wrong-audience", wrong.diagnosis());
            }
        }
    }

    @Test
    void rsaPssTokensGoThePlansNimbusVerifierWithTheSameVerdicts() throws Exception {
        ValidationProfile p = offlineProfile();
        Inspector inspector = inspector();
        try (BatchVerifier v = verifier(p, 1, 0)) {
            for (JWSAlgorithm alg : List.of(JWSAlgorithm.PS256, JWSAlgorithm.PS512)) {
                JWSHeader h = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(Tokens.RSA.getKeyID()).build();
                for (int i = 0; i < 3; i++) {
                    String t = Tokens.sign(Tokens.v2Access().claim("uti", alg + "-" + i).build(), Tokens.RSA, h);
                    String[] parts = t.split("\\.");
                    String tampered = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1);
                    for (String token : List.of(t, tampered)) {
                        BatchResult b = v.verify(token);
                        Report r = inspector.inspect(token, p);
                        assertEquals(r.verdict(), b.verdict(), alg + ": " + b.message());
                        assertEquals(r.topDiagnosis().map(Diagnosis::id).orElse(null), b.diagnosis(), alg.getName());
                        assertEquals(r.summary(), b.message());
                    }
                    assertEquals(Verdict.VALID, v.verify(t).verdict(), alg.getName());
                }
            }
            assertTrue(v.fastPathCount() >= 6, "fast path used " + v.fastPathCount());
        }
    }

    @Test
    void sameValueIsNeverLooserThanTheCacheKey() throws Exception {
        var m = dev.tokenscope.engine.json.Json.MAPPER;
        assertTrue(Keys.sameValue(null, null));
        assertFalse(Keys.sameValue(m.readTree("\"a\""), null));
        assertTrue(Keys.sameValue(m.readTree("\"a\""), m.readTree("\"a\"")));
        assertFalse(Keys.sameValue(m.readTree("\"a\""), m.readTree("\"b\"")));
        assertFalse(Keys.sameValue(m.readTree("1"), m.readTree("\"1\"")));
        assertTrue(Keys.sameValue(m.readTree("[\"x\",1]"), m.readTree("[\"x\",1]")));
        assertFalse(Keys.sameValue(m.readTree("[\"x\",1]"), m.readTree("[1,\"x\"]")));
        assertFalse(Keys.sameValue(m.readTree("{\"a\":1}"), m.readTree("{\"a\":1}")), "objects always take the exact way");
        assertFalse(Keys.sameValue(m.readTree("[{\"a\":1}]"), m.readTree("[{\"a\":1}]")));
        var f = m.getNodeFactory();
        assertFalse(Keys.sameValue(f.numberNode(1), f.numberNode(1L)), "int and long nodes render alike but take the exact way");
        assertFalse(Keys.sameValue(m.readTree("1"), m.readTree("4294967296")));
        assertFalse(Keys.sameValue(m.readTree("1"), m.readTree("1.0")));
        assertFalse(Keys.sameValue(m.readTree("0.0"), m.readTree("-0.0")));
        assertFalse(Keys.sameValue(m.readTree("null"), null), "null is not absent");
        assertTrue(Keys.sameValue(m.readTree("null"), m.readTree("null")));
    }

    @Test
    void onlyACompactTokenOfBase64UrlAndDotsIsScannedForTheFastPath() {
        Scanned s = Scanned.of("eyJh.eyJi.c2ln");
        assertEquals(4, s.d1());
        assertEquals(9, s.d2());
        assertEquals(2, s.dots());
        assertEquals(3, Scanned.of("eyJh.b.c.d").dots());
        assertEquals(-1, Scanned.of("eyJhbGci").d1());
        assertNull(Scanned.of("Bearer eyJh.eyJi.c2ln"));
        assertNull(Scanned.of("eyJh.eyJi.c2l="));
        assertNull(Scanned.of("eyJh.eyJi.c2l\u00e9"), "Latin-1 beyond ASCII");
        assertNull(Scanned.of("eyJh.eyJi.c2l\u0100"), "beyond Latin-1 (becomes '?' in the bytes)");
        assertNull(Scanned.of("eyJh.eyJi.c2l\u0141"));
    }

    private static java.util.Set<java.nio.file.Path> nativeCopies(java.nio.file.Path tmp) throws java.io.IOException {
        try (var s = java.nio.file.Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("amazonCorretto")).collect(java.util.stream.Collectors.toSet());
        }
    }

    private static java.util.Set<java.nio.file.Path> files(java.nio.file.Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(dir)) return java.util.Set.of();
        try (var s = java.nio.file.Files.walk(dir)) {
            return s.collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void aTokenVouchingForItselfIsNeverValidInABatch() throws Exception {
        String other = "https://issuer.example/";
        FakeEntra server = new FakeEntra()
                .json(other + ".well-known/openid-configuration", "{\"issuer\":\"" + other + "\",\"jwks_uri\":\"" + other + "keys\"}")
                .json(other + "keys", Tokens.publicSet(Tokens.RSA).toString());
        String token = Tokens.sign(Tokens.v2Access().issuer(other));
        String lookalike = Tokens.sign(Tokens.v2Access().issuer("https://login.microsoftonline.com.evil.example/" + TENANT + "/v2.0"));
        ValidationProfile api = ValidationProfile.defaults().withAudiences(List.of(API_ID));
        for (ValidationProfile p : List.of(api, api.withIssuers(List.of(other)))) {
            try (BatchVerifier v = new BatchVerifier(new dev.tokenscope.engine.trust.OnlineTrustResolver(
                    new dev.tokenscope.engine.net.DocumentStore(server.http(), null, Clock.systemUTC()), Clock.systemUTC()), p,
                    Clock.fixed(NOW, ZoneOffset.UTC), 1, 100)) {
                for (int i = 0; i < 3; i++) { // the first line plans, the others take the fast path or the memo
                    BatchResult r = v.verify(token);
                    if (p.issuers().isEmpty()) {
                        assertEquals(Verdict.UNDETERMINED, r.verdict(), r.message());
                        assertEquals("untrusted-issuer", r.diagnosis(), r.message());
                    } else {
                        assertEquals(Verdict.VALID, r.verdict(), r.message());
                    }
                    BatchResult l = v.verify(lookalike);
                    assertEquals(Verdict.INVALID, l.verdict(), l.message());
                    assertEquals("lookalike-issuer", l.diagnosis(), l.message());
                }
            }
        }
        server.close();
        assertEquals(0, server.requests.stream().filter(r -> r.getUrl().host().contains("evil")).count());
    }
}
