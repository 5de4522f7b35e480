package dev.tokenscope.security;

import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.testing.FakeEntra;
import dev.tokenscope.testing.Tokens;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens never leave the machine and never reach the disk: not in requests, not in the cache, not in messages. */
class SecretsHygieneTest {
    @TempDir
    Path cache;

    @Test
    void aFullSessionLeavesNoTokenInRequestsOrTheCache() throws IOException {
        List<String> tokens = List.of(Tokens.sign(Tokens.v2Access()), Tokens.sign(Tokens.v1Access()), Tokens.graph(Tokens.v2Access()),
                Tokens.sign(Tokens.v2Id()));
        try (FakeEntra entra = new FakeEntra().tenant(TENANT, Tokens.publicSet(Tokens.RSA))) {
            var inspector = entra.inspector(cache);
            for (String t : tokens) {
                Report r = inspector.inspect("Authorization: Bearer " + t, ValidationProfile.defaults().withAudiences(List.of(API_ID)));
                // the report itself carries header and claims, never the compact token or its signature
                String json = Json.compact(r);
                assertFalse(json.contains(t.substring(t.lastIndexOf('.') + 1)), "signature in the report");
            }
            for (RecordedRequest req : entra.requests) {
                String seen = req.getUrl() + "\n" + req.getHeaders() + "\n" + (req.getBody() == null ? "" : req.getBody().utf8());
                for (String t : tokens) {
                    for (String part : t.split("\\.")) assertFalse(seen.contains(part), "token part sent to " + req.getUrl());
                }
                assertEquals(null, req.getHeaders().get("Authorization"));
            }
        }
        assertTrue(Files.isDirectory(cache));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE),
                Files.getPosixFilePermissions(cache));
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = Files.readString(f, StandardCharsets.UTF_8);
                for (String t : tokens) {
                    for (String part : t.split("\\.")) assertFalse(content.contains(part), "token part cached in " + f);
                }
            }
        }
    }

    @Test
    void refreshTokensAndCodesNeverAppearInTheReport() {
        String refresh = "0.AAAAsecret-refresh-token-value-" + "x".repeat(40);
        String response = "{\"token_type\":\"Bearer\",\"access_token\":\"" + Tokens.sign(Tokens.v2Access())
                + "\",\"refresh_token\":\"" + refresh + "\"}";
        Report r = dev.tokenscope.engine.Inspector.offline().inspect(response, ValidationProfile.defaults());
        String json = Json.compact(r);
        assertFalse(json.contains(refresh));
        assertTrue(json.contains("refresh-token"), "the refresh token is listed as a candidate");
        Report code = dev.tokenscope.engine.Inspector.offline().inspect("https://app.example/cb?code=0.AXsecret-code-value&state=abc", ValidationProfile.defaults());
        assertFalse(Json.compact(code).contains("secret-code-value"));
    }
}
