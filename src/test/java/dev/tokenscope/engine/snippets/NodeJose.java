package dev.tokenscope.engine.snippets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.json.Json;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@code jose} package the generated Node snippet imports, pinned by {@code src/test/node/package-lock.json}.
 * Used from {@code src/test/node/node_modules}, which the build installs before the tests (pom.xml, exec-maven-plugin,
 * when npm is on PATH) and .ci/run installs too; a test never talks to a registry. Missing, it fails the test with what
 * to run.
 */
final class NodeJose {
    static final Path SOURCE = Path.of("src/test/node");

    private NodeJose() {
    }

    /** An executable on PATH (node, npm), or empty. */
    static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /**
     * The node_modules folder holding the pinned jose: {@code src/test/node/node_modules}, installed by the build
     * (pom.xml, exec-maven-plugin) or by {@code npm ci --prefix src/test/node}. Tests never install anything themselves.
     */
    static synchronized Path modules() throws Exception {
        String pinned = pinned(SOURCE.resolve("package-lock.json"));
        if (!installed(SOURCE, pinned)) {
            fail("jose " + pinned + " is not installed for the Node snippet run: the build installs it when npm is on PATH; "
                    + "or run `npm ci --prefix src/test/node` (npm registry, once)");
        }
        return SOURCE.resolve("node_modules").toAbsolutePath();
    }

    static String pinned(Path lock) throws Exception {
        JsonNode v = Json.MAPPER.readTree(lock.toFile()).path("packages").path("node_modules/jose").path("version");
        if (!v.isTextual()) throw new IllegalStateException(lock + " pins no jose version");
        return v.asText();
    }

    private static boolean installed(Path dir, String version) {
        Path pkg = dir.resolve("node_modules/jose/package.json");
        try {
            return Files.isRegularFile(pkg) && version.equals(Json.MAPPER.readTree(pkg.toFile()).path("version").asText());
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * A folder for snippet files whose {@code import 'jose'} resolves: {@code target/snippet-node-runs/NAME}, with a
     * {@code node_modules} link to {@link #modules()} (under target/, so that no test's temporary folder holds a link).
     */
    static Path workDir(String name) throws Exception {
        Path dir = Path.of("target/snippet-node-runs", name).toAbsolutePath();
        Files.createDirectories(dir);
        Path link = dir.resolve("node_modules");
        Path modules = modules();
        if (Files.isSymbolicLink(link) && !Files.readSymbolicLink(link).equals(modules)) Files.delete(link);
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(link, modules);
        return dir;
    }
}
