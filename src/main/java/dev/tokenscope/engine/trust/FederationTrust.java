package dev.tokenscope.engine.trust;

import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.entra.Authorities;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.net.FetchException;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.saml.FederationMetadata;
import dev.tokenscope.engine.saml.SamlException;
import dev.tokenscope.engine.saml.SamlProfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trust material of a SAML message: the signing certificates of federation metadata, from a file or URL the user
 * chose ({@code --metadata}), else from the tenant the message names, at the URL Tokenscope builds itself from the
 * tenant's GUID on Microsoft's own host ({@code https://login.microsoftonline.com/{tenant}/federationmetadata/2007-06/
 * federationmetadata.xml}, with {@code ?appid=} for an app's own certificate). A host named in the message is never
 * contacted. Fetched through the one {@link Http} client and {@link DocumentStore} cache.
 */
public final class FederationTrust {
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ISSUER = Pattern.compile("https://([a-z0-9.-]+)/(" + GUID.pattern() + ")/");
    /** The SAML issuer's host → the host serving that cloud's federation metadata. */
    private static final Map<String, String> METADATA_HOST = Map.of(
            "sts.windows.net", "login.microsoftonline.com",
            "sts.chinacloudapi.cn", "login.chinacloudapi.cn",
            "login.microsoftonline.us", "login.microsoftonline.us");

    private final DocumentStore store;

    /** {@code store} null: files only (a metadata URL or the tenant's metadata can't be fetched). */
    public FederationTrust(DocumentStore store) {
        this.store = store;
    }

    /** The federation metadata URL Entra publishes for an issuer {@code https://sts.windows.net/{tenant}/}; empty for any other issuer. */
    public static Optional<String> metadataUrl(String issuer, String appId) {
        if (issuer == null) return Optional.empty();
        Matcher m = ISSUER.matcher(issuer.strip());
        if (!m.matches() || !METADATA_HOST.containsKey(m.group(1))) return Optional.empty();
        String url = "https://" + METADATA_HOST.get(m.group(1)) + "/" + m.group(2).toLowerCase(Locale.ROOT)
                + "/federationmetadata/2007-06/federationmetadata.xml";
        return Optional.of(appId == null ? url : url + "?appid=" + appId.toLowerCase(Locale.ROOT));
    }

    /**
     * What the message is judged against: the API profile's audience, skew and issuers, and the certificates found for
     * {@code claimedIssuer} (read from the message, untrusted: it only selects a Microsoft URL).
     */
    public SamlProfile resolve(String claimedIssuer, ValidationProfile p, String replyUrl, String authnRequest) {
        String audience = p.audiences().isEmpty() ? null : p.audiences().get(0).replaceFirst("^v[12]=", "");
        String expectedIssuer = null;
        if (!p.issuers().isEmpty()) {
            expectedIssuer = claimedIssuer != null && Authorities.accepted(p.issuers(), claimedIssuer, tenantOf(claimedIssuer))
                    ? claimedIssuer : p.issuers().get(0).replaceFirst("^=", "");
        }
        SamlProfile base = new SamlProfile(List.of(), expectedIssuer, audience, blankToNull(replyUrl), blankToNull(authnRequest),
                p.skew(), null);
        if (p.metadata() != null) return chosen(base, p.metadata(), p.offline());
        String appId = p.clients().stream().filter(c -> GUID.matcher(c).matches()).findFirst().orElse(null);
        Optional<String> url = metadataUrl(claimedIssuer, appId);
        if (url.isEmpty()) {
            return base.withTrust(null, claimedIssuer == null
                    ? "the message names no issuer, so there is no tenant to take certificates from"
                    : "the issuer " + dev.tokenscope.engine.text.SafeText.line(claimedIssuer)
                    + " is not an Entra tenant (https://sts.windows.net/{tenant}/), "
                    + "so Tokenscope fetches nothing for it; give its federation metadata as a file");
        }
        return fromUrl(base, url.get(), p.offline());
    }

    private SamlProfile chosen(SamlProfile base, String source, boolean offline) {
        if (DocumentStore.isUrl(source)) return fromUrl(base, source, offline);
        String text;
        try {
            text = readFile(Path.of(source));
        } catch (IOException e) {
            return base.withTrust(source, e.getMessage());
        }
        return parsed(base, text, "the file " + source);
    }

    private SamlProfile fromUrl(SamlProfile base, String url, boolean offline) {
        if (store == null) return base.withTrust(url, "no network client: give the federation metadata as a file");
        try {
            DocumentStore.Text t = store.loadText(url, offline);
            return parsed(base, t.body(), url + " (" + t.note() + ")");
        } catch (FetchException e) {
            return base.withTrust(url, e.getMessage());
        }
    }

    private static SamlProfile parsed(SamlProfile base, String xml, String source) {
        String t = xml.strip();
        if (t.startsWith("\uFEFF")) t = t.substring(1).strip();
        if (t.startsWith("{")) {
            return base.withTrust(source, source + " is JSON (OpenID metadata or a key set); a SAML message needs federation metadata XML");
        }
        try {
            return base.withMetadata(FederationMetadata.parse(xml)).withTrust(source, null);
        } catch (SamlException e) {
            return base.withTrust(source, e.getMessage());
        }
    }

    private static String readFile(Path p) throws IOException {
        try {
            if (Files.isDirectory(p)) throw new IOException(p + " is a directory, not a federation metadata file");
            try (InputStream in = Files.newInputStream(p)) {
                byte[] b = in.readNBytes(Http.MAX_BYTES + 1);
                if (b.length > Http.MAX_BYTES) throw new IOException(p + " is larger than 1 MiB; not a federation metadata file");
                return new String(b, StandardCharsets.UTF_8);
            }
        } catch (NoSuchFileException e) {
            throw new IOException("no such file: " + p);
        }
    }

    private static String tenantOf(String issuer) {
        Matcher m = GUID.matcher(issuer);
        return m.find() ? m.group() : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
