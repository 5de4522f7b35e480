package dev.tokenscope.engine.entra;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an issuer URL says: its family, cloud, the tenant in its path, and where its OpenID metadata and
 * keys are published. For Entra the metadata version follows the token's {@code ver}, whatever the user
 * configured (access-tokens.md).
 *
 * @param kind            issuer family
 * @param cloud           "public", "usgov", "china" or null for non-Entra
 * @param tenantInPath    the tenant path segment of the issuer (a GUID for genuine Entra tokens), or null
 * @param loginHost       the login host to discover from (login.microsoftonline.com …), or the issuer host
 * @param metadataUrl     where the OpenID configuration is, derived from the token (null when it can't be)
 * @param predictedJwksUrl the key set URL Entra publishes in that metadata, to fetch in parallel (null when not predictable)
 */
public record IssuerInfo(IssuerKind kind, String cloud, String tenantInPath, String loginHost, String metadataUrl,
                         String predictedJwksUrl) {

    // Host labels, tenant segments (a GUID or a domain name) and policy names are restricted to their real alphabet,
    // so that no issuer can be classified as Microsoft's while its metadata URL points elsewhere (userinfo "@",
    // "?", "#" or "\\" in a host) or gains a query or fragment.
    // (Braces let metadata issuer templates such as …/{tenantid}/v2.0 be classified too.)
    private static final String SEGMENT = "([A-Za-z0-9{][A-Za-z0-9._{}-]*)";
    private static final String LABELS = "((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+";
    private static final Pattern POLICY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern V1 = Pattern.compile("https://(sts\\.windows\\.net|sts\\.chinacloudapi\\.cn|login\\.microsoftonline\\.us"
            + "|login\\.partner\\.microsoftonline\\.cn|login\\.chinacloudapi\\.cn|login\\.microsoftonline\\.com)/" + SEGMENT + "/");
    private static final Pattern V2 = Pattern.compile("https://(login\\.microsoftonline\\.com|login\\.microsoftonline\\.us"
            + "|login\\.partner\\.microsoftonline\\.cn|login\\.chinacloudapi\\.cn)/" + SEGMENT + "/v2\\.0/?");
    private static final Pattern B2C = Pattern.compile("https://" + LABELS + "b2clogin\\.(?:com|cn|us))/(?:tfp/)?" + SEGMENT
            + "/(?:([A-Za-z0-9_-]+)/)?v2\\.0/?");
    private static final Pattern CIAM = Pattern.compile("https://" + LABELS + "ciamlogin\\.com)/" + SEGMENT + "/v2\\.0/?");

    /**
     * Classifies {@code iss}. {@code ver} (the token's "ver" claim) and {@code policy} (B2C "tfp"/"acr") pick the
     * metadata document; both may be null.
     */
    public static IssuerInfo classify(String iss, String ver, String policy) {
        if (iss == null || iss.isBlank()) return new IssuerInfo(IssuerKind.NONE, null, null, null, null, null);
        Matcher m;
        if ((m = V2.matcher(iss)).matches()) {
            String host = m.group(1);
            return entra(IssuerKind.ENTRA_V2, host, m.group(2), ver);
        }
        if ((m = V1.matcher(iss)).matches()) {
            String host = switch (m.group(1)) {
                case "sts.windows.net" -> "login.microsoftonline.com";
                case "sts.chinacloudapi.cn" -> "login.chinacloudapi.cn";
                default -> m.group(1);
            };
            return entra(IssuerKind.ENTRA_V1, host, m.group(2), ver);
        }
        if ((m = B2C.matcher(iss)).matches()) {
            String host = m.group(1), tenant = m.group(2), pathPolicy = m.group(3);
            String p = pathPolicy != null ? pathPolicy : policy != null && POLICY.matcher(policy).matches() ? policy : null;
            String metadata = p == null ? null
                    : "https://" + host + "/" + tenant + "/" + p.toLowerCase(Locale.ROOT) + "/v2.0/.well-known/openid-configuration";
            return new IssuerInfo(IssuerKind.B2C, cloudOf(host), tenant, host, metadata, null);
        }
        if ((m = CIAM.matcher(iss)).matches()) {
            String host = m.group(1);
            return new IssuerInfo(IssuerKind.EXTERNAL_ID, "public", m.group(2), host,
                    "https://" + host + "/" + m.group(2) + "/v2.0/.well-known/openid-configuration",
                    "https://" + host + "/" + m.group(2) + "/discovery/v2.0/keys");
        }
        String host = hostOf(iss).orElse(null);
        String base = iss.endsWith("/") ? iss.substring(0, iss.length() - 1) : iss;
        return new IssuerInfo(IssuerKind.OTHER, null, null, host, host == null ? null : base + "/.well-known/openid-configuration", null);
    }

    private static IssuerInfo entra(IssuerKind kind, String host, String tenant, String ver) {
        boolean v1Metadata = ver != null ? ver.startsWith("1") : kind == IssuerKind.ENTRA_V1;
        String metadata = "https://" + host + "/" + tenant + (v1Metadata ? "" : "/v2.0") + "/.well-known/openid-configuration";
        String jwks = "https://" + host + "/" + (v1Metadata ? "common/discovery/keys" : tenant + "/discovery/v2.0/keys");
        return new IssuerInfo(kind, cloudOf(host), tenant, host, metadata, jwks);
    }

    private static String cloudOf(String host) {
        if (host.endsWith(".us")) return "usgov";
        if (host.endsWith(".cn")) return "china";
        return "public";
    }

    private static Optional<String> hostOf(String url) {
        try {
            return Optional.ofNullable(URI.create(url).getHost());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
