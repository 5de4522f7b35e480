package dev.tokenscope.engine.signin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Explanations and concrete fixes for Entra's AADSTS error codes, read from the data file
 * {@code dev/tokenscope/engine/signin/aadsts.json} (one object per code: name, summary, explanation, fix).
 */
public final class AadstsCatalogue {
    static final String RESOURCE = "/dev/tokenscope/engine/signin/aadsts.json";

    /** One catalogued code. */
    @JsonPropertyOrder({"code", "name", "summary", "explanation", "fix"})
    public record Entry(long code, String name, String summary, String explanation, String fix) {
    }

    private static volatile AadstsCatalogue instance;
    private final Map<Long, Entry> entries;

    private AadstsCatalogue(Map<Long, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    public static AadstsCatalogue get() {
        AadstsCatalogue c = instance;
        if (c == null) {
            synchronized (AadstsCatalogue.class) {
                if (instance == null) instance = load();
                c = instance;
            }
        }
        return c;
    }

    private static AadstsCatalogue load() {
        try (InputStream in = AadstsCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            JsonNode root = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<Long, Entry> map = new LinkedHashMap<>();
            for (JsonNode n : root.get("codes")) {
                Entry e = new Entry(n.get("code").asLong(), n.get("name").asText(), n.get("summary").asText(),
                        n.get("explanation").asText(), n.get("fix").asText());
                if (map.put(e.code(), e) != null) throw new IllegalStateException("AADSTS" + e.code() + " is twice in " + RESOURCE);
            }
            return new AadstsCatalogue(map);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    public Optional<Entry> lookup(long code) {
        return Optional.ofNullable(entries.get(code));
    }

    public Collection<Entry> all() {
        return entries.values();
    }
}
