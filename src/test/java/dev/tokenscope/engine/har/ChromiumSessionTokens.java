package dev.tokenscope.engine.har;

import dev.tokenscope.engine.json.Json;
import dev.tokenscope.testing.Tokens;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mints the tokens the loopback SPA of {@code scripts/har-capture} hands out, with the tests' own key (valid at
 * {@link Tokens#NOW}), and writes {@code tokens.json} (for the capture script) and {@code keys.json} (the public key
 * set, for {@code tokenscope scan --jwks}) into the given folder.
 * Run (after {@code mvn package} and {@code mvn test-compile}):
 * {@code java -cp "target/test-classes:target/classes:target/lib/*" dev.tokenscope.engine.har.ChromiumSessionTokens target/har-session}
 */
public final class ChromiumSessionTokens {
    /** A made-up refresh token: opaque to clients, never decoded, not a secret of anything. */
    public static final String REFRESH = "0.AXYAoTEST-refresh-token-of-the-loopback-spa-not-a-real-one";

    private ChromiumSessionTokens() {
    }

    /** Token name → value; the names are the ones capture.mjs reads. */
    public static Map<String, String> mint() {
        Map<String, String> t = new LinkedHashMap<>();
        // Implicit/hybrid redirect (fragment): the SPA asked for User.Read, so Entra gave it a Graph token, and an ID token.
        t.put("fragmentAccessToken", Tokens.graph(Tokens.v2Access().claim("scp", "User.Read").claim("uti", "fragment-at")));
        t.put("fragmentIdToken", Tokens.sign(Tokens.v2Id().claim("uti", "fragment-id")));
        // Code redemption at the token endpoint: an access token for the API, an ID token and a refresh token.
        t.put("accessToken", Tokens.sign(Tokens.v2Access().claim("uti", "token-response-at")));
        t.put("idToken", Tokens.sign(Tokens.v2Id().claim("uti", "token-response-id")));
        t.put("refreshToken", REFRESH);
        return t;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/har-session");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tokens.json"), Json.pretty(mint()) + "\n");
        Files.writeString(dir.resolve("keys.json"), Tokens.publicSet(Tokens.RSA).toString(true) + "\n");
        System.out.println("tokens.json and keys.json written to " + dir.toAbsolutePath());
    }
}
