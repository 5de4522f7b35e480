package dev.tokenscope.ui.model.signin;

import dev.tokenscope.ui.model.shared.ProfileFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.signin.SignInProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Named sign-in profiles ({@link SignInProfile}: authority, client id, scopes, flow, options; never a secret, a
 * certificate password or a token) saved as JSON beside the API profiles, with the same conventions as
 * {@link ProfileStore}: {@code $XDG_CONFIG_HOME/tokenscope/signin-profiles} (else
 * {@code ~/.config/tokenscope/signin-profiles}), one URL-encoded file per name, readable by the owner only.
 */
public final class SignInProfileStore {
    public static final String DIR_NAME = "signin-profiles";
    private final Path dir;

    public SignInProfileStore(Path dir) {
        this.dir = dir;
    }

    /** {@code signin-profiles} next to the API profiles' directory. */
    public static Path defaultDir() {
        return ProfileFiles.configDir().resolve(DIR_NAME);
    }

    public Path dir() {
        return dir;
    }

    /** The saved profile names, sorted; an unreadable or missing directory is an empty list. */
    public List<String> names() {
        return ProfileFiles.namesIn(dir);
    }

    public Optional<SignInProfile> load(String name) throws IOException {
        Optional<String> json = ProfileFiles.readIn(dir, name);
        if (json.isEmpty()) return Optional.empty();
        try {
            SignInProfile p = Json.MAPPER.readValue(json.get(), SignInProfile.class);
            return Optional.of(withName(p, name));
        } catch (JsonProcessingException e) {
            throw new IOException("sign-in profile \"" + name + "\" is not valid JSON: " + Json.describe(e));
        } catch (IllegalArgumentException e) {
            throw new IOException("sign-in profile \"" + name + "\": " + e.getMessage());
        }
    }

    /** Saves (or replaces) the profile under its name, owner-only: directory rwx------, file rw-------. */
    public void save(SignInProfile profile) throws IOException {
        ProfileFiles.writeIn(dir, profile.name(), Json.pretty(profile));
    }

    public boolean delete(String name) throws IOException {
        return Files.deleteIfExists(ProfileFiles.fileIn(dir, name));
    }

    static SignInProfile withName(SignInProfile p, String name) {
        return new SignInProfile(name, p.flow(), p.authority(), p.cloud(), p.clientId(), p.scopes(), p.prompt(), p.loginHint(),
                p.domainHint(),
                p.extraParameters(), p.port(), p.redirectUri(), p.spaOrigin(), p.timeoutSeconds(), p.certificatePath());
    }
}
