package dev.tokenscope.testing;

import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.trust.OnlineTrustResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

/** An offline inspector with the tests' issuer key set as a file: signatures are verified, nothing is fetched. */
public final class KeyedInspector {
    public static final Inspector INSPECTOR = new Inspector(new OnlineTrustResolver(new DocumentStore(null, null, Clock.systemUTC()),
            Clock.systemUTC()), Clock.fixed(Tokens.NOW, ZoneOffset.UTC));

    private KeyedInspector() {
    }

    /** Writes the issuer's public key set (kid test-kid-1) to {@code dir}/keys.json. */
    public static Path jwks(Path dir) {
        try {
            Path p = dir.resolve("keys.json");
            Files.writeString(p, Tokens.publicSet(Tokens.RSA).toString());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Offline, keys from {@code jwks}, at {@link Tokens#NOW}, 5 minutes skew, expecting {@code audiences}. */
    public static ValidationProfile profile(Path jwks, String... audiences) {
        return new ValidationProfile(List.of(audiences), null, null, null, null, Duration.ofMinutes(5), Tokens.NOW, null,
                jwks == null ? null : jwks.toString(), true);
    }
}
