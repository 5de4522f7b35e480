package dev.tokenscope.engine.snippets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.Json;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@code jose} package the generated Node snippet imports, pinned by {@code src/test/node/package-lock.json}.
 * Used from {@code src/test/node/node_modules} when {@code npm ci --prefix src/test/node} was run (.ci/run does);
 * otherwise installed once by {@code npm ci} into {@code target/snippet-node} (the README's {@code mvn -B test} alone
 * must pass), and reused while the lock file is unchanged. A failed install fails the test with what to run.
 */
final class NodeJose {
    static final Path SOURCE = Path.of("src/test/node");
    static final Path CACHE = Path.of("target/snippet-node");
    static final long NPM_TIMEOUT_SECONDS = 180;

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

    /** The node_modules folder holding the pinned jose. */
    static synchronized Path modules() throws Exception {
        String pinned = pinned(SOURCE.resolve("package-lock.json"));
        if (installed(SOURCE, pinned)) return SOURCE.resolve("node_modules").toAbsolutePath();
        Path lock = CACHE.resolve("package-lock.json");
        boolean sameLock = Files.exists(lock) && Files.mismatch(lock, SOURCE.resolve("package-lock.json")) == -1;
        if (!sameLock || !installed(CACHE, pinned)) {
            Files.createDirectories(CACHE);
            Files.copy(SOURCE.resolve("package.json"), CACHE.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(SOURCE.resolve("package-lock.json"), lock, StandardCopyOption.REPLACE_EXISTING);
            Path npm = onPath("npm").orElse(null);
            if (npm == null) fail("jose " + pinned + " is not installed for the Node snippet run and npm is not on PATH: install npm, then run `npm ci --prefix src/test/node`");
            Process p = new ProcessBuilder(List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error"))
                    .directory(CACHE.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            // Read the output on another thread so that the time limit holds even if npm hangs.
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (java.io.IOException ignored) {
                    // the process was killed
                }
            });
            reader.setDaemon(true);
            reader.start();
            boolean done = p.waitFor(NPM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            reader.join(5000);
            if (!done || p.exitValue() != 0 || !installed(CACHE, pinned)) {
                fail("jose " + pinned + " is not installed for the Node snippet run, and `npm ci` in " + CACHE + (done ? " failed" : " timed out after "
                        + NPM_TIMEOUT_SECONDS + " s") + ": run `npm ci --prefix src/test/node` (it needs the npm registry once).\n" + out.toString().strip());
            }
        }
        return CACHE.resolve("node_modules").toAbsolutePath();
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
