package dev.tokenscope.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;

/**
 * Writes the bundled samples under assets/samples/: tokens signed by a key made for the samples, with the
 * public key set and OpenID metadata beside them, so a new user sees the whole pipeline offline.
 * Run: mvn -q test-compile exec:java -Dexec.mainClass=dev.tokenscope.testing.SampleGenerator -Dexec.classpathScope=test
 * (the private key is not kept).
 */
public final class SampleGenerator {
    private SampleGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "assets/samples");
        Files.createDirectories(dir);
        RSAKey key = Tokens.rsa("tokenscope-sample-key-1");
        RSAKey other = Tokens.rsa("tokenscope-sample-key-2");
        JWKSet set = Tokens.publicSet(other, key);
        String iss = Tokens.V2_ISS;
        Files.writeString(dir.resolve("keys.json"), set.toString(true) + "\n");
        Files.writeString(dir.resolve("openid-configuration.json"), "{\n  \"issuer\": \"" + iss + "\",\n  \"jwks_uri\": \"https://login.microsoftonline.com/"
                + Tokens.TENANT + "/discovery/v2.0/keys\",\n  \"id_token_signing_alg_values_supported\": [\"RS256\"]\n}\n");
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build();
        Instant issued = Instant.parse("2026-01-01T09:00:00Z");
        JWTClaimsSet valid = Tokens.v2Access().issueTime(Date.from(issued)).notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(Instant.parse("2099-12-31T23:59:59Z"))).build();
        write(dir, "01-valid-access-token", Tokens.sign(valid, key, header));
        JWTClaimsSet expired = Tokens.v2Access().issueTime(Date.from(issued)).notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(issued.plusSeconds(4500))).build();
        write(dir, "02-expired-access-token", Tokens.sign(expired, key, header));
        JWTClaimsSet idToken = Tokens.v2Id().issueTime(Date.from(issued)).notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(Instant.parse("2099-12-31T23:59:59Z"))).build();
        write(dir, "03-id-token-sent-to-api", Tokens.sign(idToken, key, header));
        write(dir, "04-graph-token", Tokens.graphWith(key, Tokens.v2Access().issueTime(Date.from(issued)).notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(Instant.parse("2099-12-31T23:59:59Z")))));
        System.out.println("samples written to " + dir.toAbsolutePath() + " (signing key " + key.getKeyID() + ", not kept)");
    }

    private static void write(Path dir, String name, String token) throws Exception {
        Files.writeString(dir.resolve(name + ".txt"), token + "\n");
        Files.writeString(dir.resolve(name + ".profile.json"), "{\n  \"audiences\": [\"" + Tokens.API_ID + "\"],\n"
                + "  \"scopes\": [\"access_as_user\"],\n"
                + "  \"metadata\": \"openid-configuration.json\",\n  \"jwks\": \"keys.json\",\n  \"offline\": true\n}\n");
    }
}
