package dev.tokenscope.engine.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.net.Http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The metadata and key-set files a user chose (--metadata FILE, --jwks FILE, the profile's files), checked as files
 * before anything is inspected: a missing file, a directory, a PEM, text that is not JSON, or JSON of the wrong shape is
 * the user's file problem, named as such, never a network failure and never a verdict. URLs are not checked here (they
 * are fetched, and their failures are the trust steps' own).
 */
public final class ChosenDocuments {
    private ChosenDocuments() {
    }

    /** What a chosen document must be. */
    public enum Kind {
        /** OpenID metadata: an object with "issuer" and (unless a key set is given too) "jwks_uri". */
        METADATA,
        /** OpenID metadata given together with a key set: "issuer" is enough. */
        METADATA_WITH_KEYS,
        /** A JSON Web Key Set: an object with a "keys" array. */
        KEY_SET
    }

    /**
     * The problem with the document {@code source} given by {@code option} (one sentence naming the file, the problem and
     * the fix), or null when it is fine or not a file (a URL or a bundled document).
     */
    public static String problem(String option, String source, Kind kind) {
        if (source == null) return null;
        if (source.isBlank()) return option + " is empty: give a URL or a file";
        if (DocumentStore.isUrl(source) || source.startsWith("classpath:")) return null;
        String what = kind == Kind.KEY_SET ? "a JSON Web Key Set ({\"keys\": […]})" : "OpenID metadata (openid-configuration JSON)";
        Path p;
        try {
            p = Path.of(source);
        } catch (InvalidPathException e) {
            return option + " " + source + " is neither a URL nor a file name: give " + what + " as an https:// URL or a file";
        }
        String body;
        try {
            if (Files.isDirectory(p)) return option + " " + source + " is a directory, not a file: give the file holding " + what;
            if (Files.size(p) > Http.MAX_BYTES) return option + " " + source + " is larger than 1 MiB: not " + what;
            body = Files.readString(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return option + " " + source + ": no such file; check the path (or give an https:// URL)";
        } catch (AccessDeniedException e) {
            return option + " " + source + ": permission denied; make the file readable";
        } catch (IOException e) {
            return option + " " + source + ": could not read the file (" + e.getClass().getSimpleName() + "); check the path";
        }
        String t = body.stripLeading();
        if (t.isEmpty()) return option + " " + source + " is empty: give a file holding " + what;
        if (t.startsWith("-----BEGIN")) {
            return option + " " + source + " is a PEM file (a certificate or key), not JSON: give " + what
                    + (kind == Kind.KEY_SET ? ", e.g. the document at the metadata's jwks_uri" : "");
        }
        if (kind != Kind.KEY_SET && (t.startsWith("<") || t.startsWith("\uFEFF<"))
                && !t.toLowerCase(java.util.Locale.ROOT).startsWith("<!doctype html")
                && !t.toLowerCase(java.util.Locale.ROOT).startsWith("<html")) {
            // SAML federation metadata (the XML Entra serves) is the metadata a SAML message is judged with.
            try {
                dev.tokenscope.engine.saml.FederationMetadata.parse(body);
                return null;
            } catch (dev.tokenscope.engine.saml.SamlException e) {
                return option + " " + source + " is XML but not usable federation metadata (" + e.getMessage() + "): give " + what
                        + ", or for a SAML message the app's federation metadata XML";
            }
        }
        JsonNode n;
        try {
            n = Json.parse(body);
        } catch (JsonProcessingException e) {
            return option + " " + source + " is not JSON ("
                    + (t.startsWith("<") ? "it looks like HTML or XML" : "it does not parse as JSON") + "): give " + what;
        }
        if (n == null || !n.isObject()) return option + " " + source + " holds JSON that is not an object: give " + what;
        switch (kind) {
            case KEY_SET -> {
                if (!n.path("keys").isArray()) {
                    return option + " " + source + " has no \"keys\" array: not a JSON Web Key Set"
                            + (n.has("jwks_uri") ? " (it looks like OpenID metadata: give it as --metadata)" : "") + "; give " + what;
                }
            }
            case METADATA, METADATA_WITH_KEYS -> {
                if (!n.path("issuer").isTextual() || n.path("issuer").asText().isBlank()) {
                    return option + " " + source + " has no \"issuer\": not OpenID metadata"
                            + (n.has("keys") ? " (it looks like a key set: give it as --jwks)" : "") + "; give " + what;
                }
                if (kind == Kind.METADATA && (!n.path("jwks_uri").isTextual() || n.path("jwks_uri").asText().isBlank())) {
                    return option + " " + source + " has no \"jwks_uri\", so the signing keys can't be found: give the whole "
                            + "openid-configuration, or the key set as well (--jwks)";
                }
            }
        }
        return null;
    }
}
