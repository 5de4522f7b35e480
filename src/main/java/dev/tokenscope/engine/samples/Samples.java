package dev.tokenscope.engine.samples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sample tokens bundled with Tokenscope (assets/samples, packaged under /dev/tokenscope/samples): each with
 * an API profile whose metadata and keys are bundled too, so the whole pipeline runs offline.
 */
public final class Samples {
    private static final String BASE = "/dev/tokenscope/samples/";

    /** One sample: its name, a one-line description, the token text and the profile to inspect it with. */
    public record Sample(String name, String description, String token, ValidationProfile profile) {
    }

    private Samples() {
    }

    public static List<Sample> all() {
        List<Sample> out = new ArrayList<>();
        String index = read("index.tsv").orElse("");
        for (String line : index.split("\n")) {
            String[] f = line.split("\t", 2);
            if (f[0].isBlank()) continue;
            load(f[0].strip()).map(s -> new Sample(s.name(), f.length > 1 ? f[1].strip() : s.name(), s.token(), s.profile()))
                    .ifPresent(out::add);
        }
        return out;
    }

    public static Optional<Sample> load(String name) {
        if (!name.matches("[A-Za-z0-9._-]+")) return Optional.empty();
        return read(name + ".txt").map(token -> new Sample(name, name, token.strip(), profile(name)));
    }

    private static ValidationProfile profile(String name) {
        Optional<String> json = read(name + ".profile.json");
        if (json.isEmpty()) return ValidationProfile.defaults();
        try {
            JsonNode p = Json.parse(json.get());
            return new ValidationProfile(strings(p, "audiences"), strings(p, "tenants"), strings(p, "clients"), strings(p, "scopes"),
                    strings(p, "roles"), null, null, classpath(p, "metadata"), classpath(p, "jwks"), p.path("offline").asBoolean(true));
        } catch (IOException e) {
            throw new UncheckedIOException("bundled sample profile " + name + " is not valid JSON", e);
        }
    }

    private static String classpath(JsonNode p, String field) {
        return p.hasNonNull(field) ? "classpath:" + BASE + p.get(field).asText() : null;
    }

    private static List<String> strings(JsonNode p, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : p.path(field)) out.add(n.asText());
        return out;
    }

    private static Optional<String> read(String file) {
        try (InputStream in = Samples.class.getResourceAsStream(BASE + file)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
