package dev.tokenscope.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The per-code and per-phrase knowledge read from {@code codes.json}: IDX/IDW/RFC 6750/ARM codes and the fixed phrases of
 * ASP.NET Core, Spring, passport-azure-ad and API Management, each with the Tokenscope step it corresponds to, its meaning,
 * its fix, the labels of the values it carries and the library versions whose text differs. AADSTS codes live in
 * {@link dev.tokenscope.engine.signin.AadstsCatalogue}.
 */
public final class CodeCatalogue {
    static final String RESOURCE = "/dev/tokenscope/engine/server/codes.json";

    /** A text variant that dates the library: when the said text contains {@code contains}, it came from {@code versions}. */
    public record Variant(String contains, String versions) {
    }

    /**
     * One catalogued code or phrase.
     *
     * @param key      the code (IDX10214, invalid_token …) or, for phrases, the phrase id (aspnet-audience …)
     * @param contains for phrases: the text that identifies it (case-insensitive); null for codes
     * @param values   label in the server's text → name of the value that follows it
     */
    public record Entry(String key, String family, String contains, String step, String meaning, String fix, String source,
                        Map<String, String> values, List<Variant> variants) {
    }

    private static volatile CodeCatalogue instance;
    private final Map<String, Entry> codes;
    private final List<Entry> phrases;

    private CodeCatalogue(Map<String, Entry> codes, List<Entry> phrases) {
        this.codes = Collections.unmodifiableMap(codes);
        this.phrases = List.copyOf(phrases);
    }

    public static CodeCatalogue get() {
        CodeCatalogue c = instance;
        if (c == null) {
            synchronized (CodeCatalogue.class) {
                if (instance == null) instance = load();
                c = instance;
            }
        }
        return c;
    }

    private static CodeCatalogue load() {
        try (InputStream in = CodeCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            JsonNode root = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, Entry> codes = new LinkedHashMap<>();
            for (JsonNode n : root.get("codes")) {
                Entry e = entry(n, n.get("code").asText(), null);
                if (codes.put(e.key().toLowerCase(Locale.ROOT), e) != null) {
                    throw new IllegalStateException(e.key() + " is twice in " + RESOURCE);
                }
            }
            List<Entry> phrases = new ArrayList<>();
            for (JsonNode n : root.get("messages")) phrases.add(entry(n, n.get("id").asText(), n.get("contains").asText()));
            return new CodeCatalogue(codes, phrases);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    private static Entry entry(JsonNode n, String key, String contains) {
        Map<String, String> values = new LinkedHashMap<>();
        n.path("values").fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().asText()));
        List<Variant> variants = new ArrayList<>();
        for (JsonNode v : n.path("variants")) variants.add(new Variant(v.get("contains").asText(), v.get("versions").asText()));
        JsonNode step = n.get("step");
        return new Entry(key, n.path("family").asText("phrase"), contains, step == null || step.isNull() ? null : step.asText(),
                n.get("meaning").asText(), n.get("fix").asText(), n.path("source").asText(null),
                Collections.unmodifiableMap(values), List.copyOf(variants));
    }

    /** A code (case-insensitive: IDX10214, invalid_token, InvalidAuthenticationToken …). */
    public Optional<Entry> code(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(codes.get(code.toLowerCase(Locale.ROOT)));
    }

    /** A phrase by its id (the first entry with that id). */
    public Optional<Entry> phrase(String id) {
        return phrases.stream().filter(p -> p.key().equals(id)).findFirst();
    }

    public List<Entry> phrases() {
        return phrases;
    }

    public Map<String, Entry> codes() {
        return codes;
    }
}
