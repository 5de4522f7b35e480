package dev.tokenscope.engine.net;

import dev.tokenscope.testing.FakeEntra;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The document cache: memory and disk, Cache-Control and ETag, offline, stale fallback, forced-refresh throttle, file safety. */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class DocumentStoreTest {
    static final String URL = "https://login.microsoftonline.com/tenant-x/discovery/v2.0/keys";
    static final String BODY = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"a\"}]}";

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) { this.now = start; }

        void advance(Duration d) { now = now.plus(d); }

        @Override
        public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override
        public Clock withZone(ZoneId zone) { return this; }

        @Override
        public Instant instant() { return now; }
    }

    FakeEntra entra;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void start() {
        entra = new FakeEntra();
        dir = tmp.resolve("cache").resolve("tokenscope"); // does not exist yet: the store creates it
    }

    @AfterEach
    void stop() {
        entra.close();
    }

    DocumentStore store() {
        return new DocumentStore(entra.http(Duration.ofSeconds(2)), dir, clock);
    }

    void serve(String cacheControl, String etag) {
        entra.route(URL, r -> {
            MockResponse.Builder b = new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(BODY);
            if (cacheControl != null) b.setHeader("Cache-Control", cacheControl);
            if (etag != null) b.setHeader("ETag", etag);
            return b.build();
        });
    }

    @Test
    void secondLoadIsServedFromMemoryThenFromDisk() throws Exception {
        serve("public, max-age=3600", null);
        DocumentStore s = store();
        DocumentStore.Doc first = s.load(URL, false, false);
        assertEquals("fetched", first.note());
        assertEquals(URL, first.source());
        assertEquals("a", first.json().path("keys").get(0).path("kid").asText());
        clock.advance(Duration.ofMinutes(10));
        DocumentStore.Doc second = s.load(URL, false, false);
        assertTrue(second.note().startsWith("from the cache"), second.note());
        assertTrue(second.note().contains("10 min") || second.note().contains("10 minutes"), second.note());
        assertEquals(first.json(), second.json());
        assertEquals(first.fetchedAt(), second.fetchedAt());
        // A new store (another run of the app) finds it on disk.
        DocumentStore.Doc fromDisk = store().load(URL, false, false);
        assertTrue(fromDisk.note().startsWith("from the cache"), fromDisk.note());
        assertEquals(first.json(), fromDisk.json());
        assertEquals(1, entra.count(URL), "one request for three loads");
    }

    @Test
    void anExpiredEntryIsFetchedAgain() throws Exception {
        serve("max-age=60", null);
        DocumentStore s = store();
        s.load(URL, false, false);
        clock.advance(Duration.ofSeconds(59));
        s.load(URL, false, false);
        assertEquals(1, entra.count(URL));
        clock.advance(Duration.ofSeconds(2));
        assertEquals("fetched", s.load(URL, false, false).note());
        assertEquals(2, entra.count(URL));
    }

    @Test
    void maxAgeZeroForcesARefetch() throws Exception {
        serve("max-age=0", null);
        DocumentStore s = store();
        s.load(URL, false, false);
        s.load(URL, false, false);
        assertEquals(2, entra.count(URL));
    }

    @Test
    void noCacheForcesARefetch() throws Exception {
        serve("no-cache", null);
        DocumentStore s = store();
        s.load(URL, false, false);
        s.load(URL, false, false);
        store().load(URL, false, false);
        assertEquals(3, entra.count(URL));
    }

    @Test
    void noMaxAgeUsesTheDefaultAndMaxAgeIsCappedAtADay() {
        assertEquals(DocumentStore.DEFAULT_MAX_AGE.getSeconds(), DocumentStore.maxAge(null));
        assertEquals(DocumentStore.DEFAULT_MAX_AGE.getSeconds(), DocumentStore.maxAge("public"));
        assertEquals(86400, DocumentStore.maxAge("max-age=31536000"));
        assertEquals(300, DocumentStore.maxAge("public, Max-Age = 300"));
        assertEquals(0, DocumentStore.maxAge("no-store"));
    }

    @Test
    void etagIsRevalidatedWith304AndTheBodyReused() throws Exception {
        AtomicReference<String> sentEtag = new AtomicReference<>();
        entra.route(URL, r -> {
            String inm = r.getHeaders().get("If-None-Match");
            sentEtag.set(inm);
            if ("\"v1\"".equals(inm)) {
                return new MockResponse.Builder().code(304)
                        .setHeader("ETag", "\"v1\"").setHeader("Cache-Control", "max-age=600").build();
            }
            return new MockResponse.Builder().code(200)
                    .setHeader("ETag", "\"v1\"").setHeader("Cache-Control", "max-age=0").body(BODY).build();
        });
        DocumentStore s = store();
        DocumentStore.Doc first = s.load(URL, false, false);
        assertNull(sentEtag.get(), "the first request has nothing to revalidate");
        clock.advance(Duration.ofMinutes(1));
        DocumentStore.Doc second = s.load(URL, false, false);
        assertEquals("\"v1\"", sentEtag.get());
        assertTrue(second.note().contains("revalidated"), second.note());
        assertEquals(first.json(), second.json());
        assertEquals(clock.instant(), second.fetchedAt(), "a revalidated copy counts as fresh");
        // The 304's max-age=600 now applies: the next load within 10 minutes is a cache hit.
        clock.advance(Duration.ofMinutes(5));
        assertTrue(s.load(URL, false, false).note().startsWith("from the cache"));
        assertEquals(2, entra.count(URL));
        // The ETag survives on disk for the next run.
        clock.advance(Duration.ofMinutes(6));
        DocumentStore.Doc next = store().load(URL, false, false);
        assertTrue(next.note().contains("revalidated"), next.note());
        assertEquals(3, entra.count(URL));
    }

    @Test
    void offlineWithACachedCopyWorksWithoutARequest() throws Exception {
        serve("max-age=60", null);
        store().load(URL, false, false);
        clock.advance(Duration.ofHours(3)); // stale, but offline takes what there is
        DocumentStore.Doc d = store().load(URL, true, false);
        assertTrue(d.note().contains("offline"), d.note());
        assertTrue(d.note().contains("3 h") || d.note().contains("3 hours"), d.note());
        assertEquals(1, entra.count(URL));
    }

    @Test
    void offlineWithoutACachedCopyIsOffline() {
        FetchException e = assertThrows(FetchException.class, () -> store().load(URL, true, false));
        assertEquals(FetchException.Kind.OFFLINE, e.kind());
        assertTrue(e.getMessage().contains("offline") && e.getMessage().contains(URL), e.getMessage());
        assertEquals(0, entra.requests.size());
    }

    @Test
    void networkFailureFallsBackToAStaleCopyAndSaysSo() throws Exception {
        serve("max-age=60", null);
        DocumentStore s = store();
        DocumentStore.Doc fresh = s.load(URL, false, false);
        clock.advance(Duration.ofMinutes(30));
        entra.route(URL, r -> new MockResponse.Builder().code(503).body("{}").build());
        DocumentStore.Doc stale = s.load(URL, false, false);
        assertEquals(fresh.json(), stale.json());
        assertTrue(stale.note().contains("network failed") && stale.note().contains("HTTP 503") && stale.note().contains("cached copy"),
                stale.note());
        assertTrue(stale.note().contains("30 min"), stale.note());
        assertEquals(fresh.fetchedAt(), stale.fetchedAt(), "the age shown is the copy's, not now");
        assertEquals(2, entra.count(URL));
    }

    @Test
    void networkFailureWithoutACopyIsAnError() {
        entra.route(URL, r -> new MockResponse.Builder().code(503).body("{}").build());
        FetchException e = assertThrows(FetchException.class, () -> store().load(URL, false, false));
        assertEquals(FetchException.Kind.HTTP_STATUS, e.kind());
    }

    @Test
    void forcedRefreshIsThrottledToOncePerFiveMinutes() throws Exception {
        serve("max-age=3600", null);
        DocumentStore s = store();
        s.load(URL, false, false);
        assertEquals("fetched", s.load(URL, false, true).note(), "a forced load bypasses a fresh entry");
        assertEquals(2, entra.count(URL));
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertNull(s.load(URL, false, true), "throttled within 5 minutes");
        assertEquals(2, entra.count(URL));
        assertNotNull(s.load(URL, false, false), "an ordinary load still works (from the cache)");
        assertEquals(2, entra.count(URL));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("fetched", s.load(URL, false, true).note(), "5 minutes later a refetch is allowed again");
        assertEquals(3, entra.count(URL));
        assertNull(s.load(URL, false, true));
        assertEquals(3, entra.count(URL));
    }

    @Test
    void cacheFilesAreOwnerOnly() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        serve(null, null);
        store().load(URL, false, false);
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(dir));
        List<Path> files;
        try (Stream<Path> st = Files.list(dir)) {
            files = st.toList();
        }
        assertEquals(List.of(dir.resolve(DocumentStore.fileName(URL))), files, "one file, no temp file left behind");
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(files.get(0));
        Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        perms.retainAll(others);
        assertTrue(perms.isEmpty(), "group/other bits on the cache file: " + perms);
        assertFalse(Files.readString(files.get(0)).contains("eyJ"), "only public documents are cached, never a token");
    }

    @Test
    void aCacheDirectoryThatExistsIsTightened() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        serve(null, null);
        store().load(URL, false, false);
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(dir));
    }

    @Test
    void aCorruptCacheFileIsIgnoredAndReplaced() throws Exception {
        serve("max-age=3600", null);
        Files.createDirectories(dir);
        Path file = dir.resolve(DocumentStore.fileName(URL));
        Files.writeString(file, "{\"url\":\"" + URL + "\",\"fetchedAt\":\"not a time\",\"body\":");
        DocumentStore.Doc d = store().load(URL, false, false);
        assertEquals("fetched", d.note());
        assertEquals(1, entra.count(URL));
        assertTrue(Files.readString(file).contains("\"fetchedAt\":\"2026-03-01T12:00:00Z\""), "overwritten with a good entry");
        assertTrue(store().load(URL, false, false).note().startsWith("from the cache"));
        assertEquals(1, entra.count(URL));
    }

    @Test
    void aCacheFileForAnotherUrlIsIgnored() throws Exception {
        serve("max-age=3600", null);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(DocumentStore.fileName(URL)), "{\"url\":\"https://attacker.example/keys\",\"fetchedAt\":\"2026-03-01T12:00:00Z\","
                + "\"maxAge\":86400,\"body\":\"{\\\"keys\\\":[]}\"}");
        DocumentStore.Doc d = store().load(URL, false, false);
        assertEquals("fetched", d.note());
        assertEquals(1, d.json().path("keys").size());
    }

    @Test
    void aCacheFileWhoseBodyIsNotJsonIsIgnored() throws Exception {
        // The wrapper is fine, the document inside is not (hand-edited, truncated): fetch again instead of failing.
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(DocumentStore.fileName(URL)), "{\"url\":\"" + URL + "\",\"fetchedAt\":\"2026-03-01T12:00:00Z\","
                + "\"maxAge\":86400,\"body\":\"<html>\"}");
        serve("max-age=3600", null);
        DocumentStore.Doc d = store().load(URL, false, false);
        assertEquals("fetched", d.note());
        assertEquals(1, entra.count(URL));
        // Offline, the broken copy is no copy at all.
        Files.writeString(dir.resolve(DocumentStore.fileName(URL)), "{\"url\":\"" + URL + "\",\"fetchedAt\":\"2026-03-01T12:00:00Z\","
                + "\"maxAge\":86400,\"body\":\"[1,2]\"}");
        assertEquals(FetchException.Kind.OFFLINE, assertThrows(FetchException.class, () -> store().load(URL, true, false)).kind());
    }

    @Test
    void filesAreReadAndBoundedToo() throws Exception {
        Path f = tmp.resolve("keys.json");
        Files.writeString(f, BODY);
        DocumentStore.Doc d = store().load(f.toString(), true, false);
        assertTrue(d.file());
        assertEquals(f.toAbsolutePath().toString(), d.source());
        Path big = tmp.resolve("big.json");
        Files.write(big, new byte[Http.MAX_BYTES + 1]);
        assertEquals(FetchException.Kind.TOO_LARGE,
                assertThrows(FetchException.class, () -> store().load(big.toString(), false, false)).kind());
        assertEquals(FetchException.Kind.FILE,
                assertThrows(FetchException.class, () -> store().load(tmp.resolve("missing.json").toString(), false, false)).kind());
        assertEquals(FetchException.Kind.FILE, assertThrows(FetchException.class, () -> store().load(tmp.toString(), false, false)).kind());
        assertEquals(0, entra.requests.size());
    }
}
