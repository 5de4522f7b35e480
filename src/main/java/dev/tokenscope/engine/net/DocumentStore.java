package dev.tokenscope.engine.net;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.claims.HumanTime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import dev.tokenscope.engine.files.OwnerOnly;
import dev.tokenscope.engine.files.UserDirs;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads public JSON documents (OpenID metadata, key sets) from a URL or a file, with an in-memory and an
 * on-disk cache that honours Cache-Control max-age and ETag. Only public documents are cached; never a token.
 */
public final class DocumentStore {
    /** Used when the server gives no max-age. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);
    /** Key sets and metadata are refreshed at least daily (Microsoft's guidance for signing keys). */
    public static final Duration MAX_MAX_AGE = Duration.ofHours(24);
    /** An unknown kid forces a refetch at most this often per URL (signing-key rollover guidance). */
    public static final Duration FORCED_REFRESH_INTERVAL = Duration.ofMinutes(5);
    private static final Pattern MAX_AGE = Pattern.compile("max-age\\s*=\\s*(\\d+)");

    private final Http http;
    private final Path dir;
    private final Clock clock;
    private final Map<String, Entry> memory = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastForced = new ConcurrentHashMap<>();

    /** A loaded document and where it came from. */
    public record Doc(ObjectNode json, String source, boolean file, Instant fetchedAt, String note) {
        public String age(Instant now) {
            String span = HumanTime.span(Duration.between(fetchedAt, now));
            return span == null ? "fresh" : span + " old";
        }
    }

    private record Entry(String url, String body, Instant fetchedAt, String etag, long maxAgeSeconds) {
    }

    public DocumentStore(Http http, Path cacheDir, Clock clock) {
        this.http = http;
        this.dir = cacheDir;
        this.clock = clock;
    }

    /** The user's cache directory ({@link UserDirs#cache()}). */
    public static Path defaultCacheDir() {
        return UserDirs.current().cache();
    }

    public Http http() { return http; }

    public static boolean isUrl(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        return s.startsWith("https://") || s.startsWith("http://");
    }

    /**
     * Loads a document. {@code offline}: cache and files only. {@code force}: bypass a fresh cache entry (at most
     * every 5 minutes per URL; returns null when throttled).
     */
    public Doc load(String source, boolean offline, boolean force) throws FetchException {
        if (!isUrl(source)) return loadFile(source);
        Doc[] parsed = new Doc[1];
        Text t = fetch(source, offline, force, (body, url, at, note) -> parsed[0] = parse(body, url, false, at, note));
        return t == null ? null : parsed[0];
    }

    /** A public document that is not JSON (federation metadata XML), fetched and cached like {@link #load}. */
    public record Text(String body, String source, Instant fetchedAt, String note) {
    }

    /** Loads a URL's body as text with the same cache, offline and forced-refresh rules as {@link #load}. */
    public Text loadText(String url, boolean offline) throws FetchException {
        if (!isUrl(url)) throw new FetchException(FetchException.Kind.FILE, url, "not a URL: " + url);
        return fetch(url, offline, false, DocumentStore::xml);
    }

    /** Judges a body before it is cached: a body that fails is never stored. */
    private interface BodyCheck {
        void check(String body, String url, Instant fetchedAt, String note) throws FetchException;
    }

    private static void xml(String body, String url, Instant fetchedAt, String note) throws FetchException {
        String t = body.strip();
        if (t.startsWith("\uFEFF")) t = t.substring(1).strip();
        String head = t.substring(0, Math.min(t.length(), 200)).toLowerCase(Locale.ROOT);
        if (!t.startsWith("<") || head.startsWith("<!doctype html") || head.startsWith("<html")) {
            throw new FetchException(FetchException.Kind.HTML, url, "expected an XML document from " + url
                    + (t.startsWith("<") ? ", got an HTML page (a sign-in page, a proxy or an error page?)" : ", got something else"));
        }
    }

    private Text fetch(String source, boolean offline, boolean force, BodyCheck check) throws FetchException {
        Instant now = clock.instant();
        if (force) {
            Instant last = lastForced.get(source);
            if (last != null && Duration.between(last, now).compareTo(FORCED_REFRESH_INTERVAL) < 0) return null;
            lastForced.put(source, now);
        }
        Entry cached = memory.get(source);
        if (cached == null) cached = readDisk(source);
        if (offline) {
            if (cached == null) {
                throw new FetchException(FetchException.Kind.OFFLINE, source, "offline, and " + source + " is not in the cache; "
                        + "run once online or give the document as a file");
            }
            return checked(check, new Text(cached.body(), source, cached.fetchedAt(), "from the cache (offline), " + age(cached, now)));
        }
        if (cached != null && !force && Duration.between(cached.fetchedAt(), now).getSeconds() < cached.maxAgeSeconds()) {
            return checked(check, new Text(cached.body(), source, cached.fetchedAt(), "from the cache, " + age(cached, now)));
        }
        Http.Fetched f;
        try {
            f = http.get(source, cached != null ? cached.etag() : null);
        } catch (FetchException e) {
            if (cached != null && e.kind() != FetchException.Kind.CANCELLED) {
                return checked(check, new Text(cached.body(), source, cached.fetchedAt(),
                        "network failed (" + e.getMessage() + "); using the cached copy, " + age(cached, now)));
            }
            throw e;
        }
        if (f.status() == 304 && cached != null) {
            Entry refreshed = new Entry(source, cached.body(), now, cached.etag(), maxAge(f.cacheControl()));
            store(refreshed);
            return checked(check, new Text(refreshed.body(), source, now, "revalidated (304 Not Modified)"));
        }
        String body = new String(f.body(), StandardCharsets.UTF_8);
        Text fresh = checked(check, new Text(body, f.url(), now,
                "fetched" + (f.url().equals(source) ? "" : " (redirected to " + f.url() + ")")));
        store(new Entry(source, body, now, f.etag(), maxAge(f.cacheControl())));
        return fresh;
    }

    private static Text checked(BodyCheck check, Text t) throws FetchException {
        check.check(t.body(), t.source(), t.fetchedAt(), t.note());
        return t;
    }

    private Doc loadFile(String source) throws FetchException {
        if (source.startsWith("classpath:")) {
            // Bundled documents (the samples' metadata and keys) ship inside the application.
            String name = source.substring("classpath:".length());
            try (InputStream in = DocumentStore.class.getResourceAsStream(name.startsWith("/") ? name : "/" + name)) {
                if (in == null) throw new FetchException(FetchException.Kind.FILE, source, "no bundled document " + name);
                return parse(new String(in.readNBytes(Http.MAX_BYTES), StandardCharsets.UTF_8), source, true, Instant.EPOCH,
                        "bundled with Tokenscope");
            } catch (IOException e) {
                if (e instanceof FetchException fe) throw fe;
                throw new FetchException(FetchException.Kind.FILE, source, "could not read bundled " + name + ": " + e.getMessage());
            }
        }
        Path p = Path.of(source);
        try {
            if (Files.isDirectory(p)) {
                throw new FetchException(FetchException.Kind.FILE, source, source + " is a directory, not a JSON file");
            }
            if (Files.size(p) > Http.MAX_BYTES) {
                throw new FetchException(FetchException.Kind.TOO_LARGE, source,
                        source + " is larger than 1 MiB; not a metadata or key-set file");
            }
            String body = Files.readString(p, StandardCharsets.UTF_8);
            return parse(body, p.toAbsolutePath().toString(), true, Files.getLastModifiedTime(p).toInstant(), "from a file you chose");
        } catch (NoSuchFileException e) {
            throw new FetchException(FetchException.Kind.FILE, source, "no such file: " + source);
        } catch (IOException e) {
            if (e instanceof FetchException fe) throw fe;
            throw new FetchException(FetchException.Kind.FILE, source, "could not read " + source + ": " + e.getMessage());
        }
    }

    static Doc parse(String body, String source, boolean file, Instant fetchedAt, String note) throws FetchException {
        String t = body.stripLeading();
        if (t.startsWith("<")) {
            throw new FetchException(FetchException.Kind.HTML, source, "got an HTML page instead of JSON from " + source
                    + " (a sign-in page, a proxy or an error page?)");
        }
        JsonNode node;
        try {
            node = Json.parse(body);
        } catch (JsonProcessingException e) {
            throw new FetchException(FetchException.Kind.INVALID_JSON, source, "invalid JSON from " + source + ": " + Json.describe(e));
        }
        if (!(node instanceof ObjectNode obj)) {
            throw new FetchException(FetchException.Kind.WRONG_SHAPE, source, "expected a JSON object from " + source + ", got "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return new Doc(obj, source, file, fetchedAt, note);
    }

    private static String age(Entry e, Instant now) {
        String span = HumanTime.span(Duration.between(e.fetchedAt(), now));
        return span == null ? "fetched just now" : span + " old";
    }

    static long maxAge(String cacheControl) {
        if (cacheControl == null) return DEFAULT_MAX_AGE.getSeconds();
        String cc = cacheControl.toLowerCase(Locale.ROOT);
        if (cc.contains("no-store") || cc.contains("no-cache")) return 0;
        Matcher m = MAX_AGE.matcher(cc);
        if (m.find()) {
            try {
                return Math.min(Long.parseLong(m.group(1)), MAX_MAX_AGE.getSeconds());
            } catch (NumberFormatException e) {
                return MAX_MAX_AGE.getSeconds();
            }
        }
        return DEFAULT_MAX_AGE.getSeconds();
    }

    private void store(Entry e) {
        memory.put(e.url(), e);
        if (dir == null) return;
        try {
            Files.createDirectories(dir);
            try {
                OwnerOnly.currentUser().restrict(dir, true);
            } catch (IOException ignored) {
                // a shared or unusual cache directory: the documents are public anyway
            }
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("url", e.url()).put("fetchedAt", e.fetchedAt().toString()).put("etag", e.etag())
                    .put("maxAge", e.maxAgeSeconds()).put("body", e.body());
            Path tmp = Files.createTempFile(dir, "doc", ".tmp");
            Files.writeString(tmp, Json.compact(n));
            Path target = dir.resolve(fileName(e.url()));
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException ignored) {
            // The disk cache is an optimisation; the memory copy serves this run.
        }
    }

    private Entry readDisk(String url) {
        if (dir == null) return null;
        Path p = dir.resolve(fileName(url));
        if (!Files.isRegularFile(p)) return null;
        try {
            JsonNode n = Json.parse(Files.readString(p));
            if (!url.equals(n.path("url").asText())) return null;
            if (!n.path("body").isTextual()) return null;
            Entry e = new Entry(url, n.path("body").asText(), Instant.parse(n.path("fetchedAt").asText()),
                    n.hasNonNull("etag") ? n.get("etag").asText() : null, n.path("maxAge").asLong(0));
            parse(e.body(), url, false, e.fetchedAt(), ""); // only a readable JSON object counts as a cached copy
            memory.put(url, e);
            return e;
        } catch (IOException | RuntimeException e) {
            return null; // a corrupt cache file is ignored and overwritten on the next fetch
        }
    }

    static String fileName(String url) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
