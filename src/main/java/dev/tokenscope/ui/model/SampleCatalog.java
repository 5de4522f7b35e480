package dev.tokenscope.ui.model;

import dev.tokenscope.engine.samples.Samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The samples of the Samples menu: those bundled in the application (classpath {@code /dev/tokenscope/samples/},
 * read through the engine's {@link Samples}), then any other {@code *.txt} in {@code assets/samples/} of the working
 * directory. A sample file holds the token text; an optional sibling {@code NAME.profile.json} gives the API profile
 * to inspect it with (its metadata/jwks names are files next to it). Unknown files are ignored; no samples at all is
 * an empty list.
 */
public final class SampleCatalog {
    private static final long MAX_SAMPLE = 64 * 1024;

    /** One sample: its name, a one-line description, the token text and its profile (named "Sample: NAME"). */
    public record Sample(String name, String description, String token, ProfileData profile) {
    }

    private SampleCatalog() {
    }

    public static List<Sample> load(Path workingDir) {
        Map<String, Sample> out = new LinkedHashMap<>();
        try {
            for (Samples.Sample s : Samples.all()) {
                out.put(s.name(), new Sample(s.name(), s.description(), s.token(), ProfileData.of(profileName(s.name()), s.profile())));
            }
        } catch (RuntimeException e) {
            // A broken bundled sample must not take the menu (or the window) down; the folder may still have some.
        }
        if (workingDir != null) {
            for (Sample s : fromFolder(workingDir.resolve("assets").resolve("samples"))) out.putIfAbsent(s.name(), s);
        }
        return new ArrayList<>(out.values());
    }

    static List<Sample> fromFolder(Path dir) {
        List<Sample> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".txt") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            return out;
        }
        for (Path f : files) {
            String file = f.getFileName().toString();
            String name = file.substring(0, file.length() - 4);
            try {
                if (Files.size(f) > MAX_SAMPLE) continue;
                String token = Files.readString(f, StandardCharsets.UTF_8).strip();
                if (token.isEmpty()) continue;
                out.add(new Sample(name, name, token, profile(dir, name)));
            } catch (IOException | RuntimeException e) {
                // unreadable sample: leave it out
            }
        }
        return out;
    }

    private static ProfileData profile(Path dir, String name) {
        Path p = dir.resolve(name + ".profile.json");
        ProfileData base = ProfileData.empty(profileName(name));
        if (!Files.isRegularFile(p)) return base;
        try {
            String json = Files.readString(p, StandardCharsets.UTF_8);
            ProfileData d = ProfileData.fromJson(json, profileName(name));
            // Like the bundled samples: offline unless the profile says otherwise.
            boolean offline = !dev.tokenscope.engine.json.Json.parse(json).has("offline") || d.offline();
            return new ProfileData(profileName(name), d.audiences(), d.tenants(), d.clients(), d.scopes(), d.roles(), d.skewSeconds(),
                    d.evaluateAt(), resolve(dir, d.metadata()), resolve(dir, d.jwks()), offline);
        } catch (IOException | RuntimeException e) {
            return base;
        }
    }

    private static String resolve(Path dir, String source) {
        if (source == null || source.contains("://") || source.startsWith("classpath:")) return source;
        return dir.resolve(source).toAbsolutePath().normalize().toString();
    }

    public static String profileName(String sampleName) {
        return "Sample: " + sampleName;
    }
}
