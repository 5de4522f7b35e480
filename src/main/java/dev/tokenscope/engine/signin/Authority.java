package dev.tokenscope.engine.signin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where to sign in: an Entra tenant in one of the clouds, an Azure AD B2C policy, an External ID (CIAM) tenant,
 * or any OpenID provider by its issuer URL (tests use a provider on loopback). The endpoints always come from the
 * authority's discovery document, never from guesses.
 */
public final class Authority {
    /** The family of the authority. */
    public enum Kind { ENTRA, B2C, EXTERNAL_ID, OIDC }

    /** The Entra clouds and their login hosts. */
    public enum Cloud {
        PUBLIC("login.microsoftonline.com"), US_GOV("login.microsoftonline.us"), CHINA("login.partner.microsoftonline.cn");

        private final String host;

        Cloud(String host) {
            this.host = host;
        }

        public String host() {
            return host;
        }

        /** public, usgov (us-gov, usgovernment) or china; case-insensitive. */
        public static Cloud parse(String s) {
            String v = s.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            return switch (v) {
                case "public", "global", "azurepublic", "commercial" -> PUBLIC;
                case "usgov", "usgovernment", "gov", "azureusgovernment" -> US_GOV;
                case "china", "cn", "azurechina", "21vianet" -> CHINA;
                default -> throw new IllegalArgumentException("unknown cloud \"" + s + "\": use public, usgov or china");
            };
        }
    }

    static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,250}[A-Za-z0-9])?");
    private static final Pattern POLICY = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
    /** Entra login hosts, with the cloud each belongs to (older aliases included). */
    private static final List<String[]> ENTRA_HOSTS = List.of(
            new String[]{"login.microsoftonline.com", "PUBLIC"}, new String[]{"login.windows.net", "PUBLIC"},
            new String[]{"login.microsoft.com", "PUBLIC"}, new String[]{"sts.windows.net", "PUBLIC"},
            new String[]{"login.microsoftonline.us", "US_GOV"}, new String[]{"login.usgovcloudapi.net", "US_GOV"},
            new String[]{"login.partner.microsoftonline.cn", "CHINA"}, new String[]{"login.chinacloudapi.cn", "CHINA"});

    private final Kind kind;
    private final Cloud cloud;
    private final String scheme;
    private final String host;
    private final String tenant;
    private final String policy;
    private final String issuer;

    private Authority(Kind kind, Cloud cloud, String scheme, String host, String tenant, String policy, String issuer) {
        this.kind = kind;
        this.cloud = cloud;
        this.scheme = scheme;
        this.host = host;
        this.tenant = tenant;
        this.policy = policy;
        this.issuer = issuer;
    }

    /** An Entra tenant (GUID, domain, common, organizations or consumers) in a cloud. */
    public static Authority entra(Cloud cloud, String tenant) {
        return new Authority(Kind.ENTRA, Objects.requireNonNull(cloud), "https", cloud.host(), checkTenant(tenant), null, null);
    }

    /** An Azure AD B2C user flow or custom policy: {@code https://{tenantName}.b2clogin.com/{tenant}/{policy}}. */
    public static Authority b2c(String host, String tenant, String policy) {
        if (policy == null || !POLICY.matcher(policy).matches()) {
            throw new IllegalArgumentException("a B2C authority needs its policy (user flow), e.g. https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signupsignin");
        }
        return new Authority(Kind.B2C, null, "https", host.toLowerCase(Locale.ROOT), checkTenant(tenant), policy, null);
    }

    /** A Microsoft Entra External ID (CIAM) tenant: {@code https://{subdomain}.ciamlogin.com/{tenant}}. */
    public static Authority externalId(String host, String tenant) {
        return new Authority(Kind.EXTERNAL_ID, null, "https", host.toLowerCase(Locale.ROOT), checkTenant(tenant), null, null);
    }

    /** Any OpenID provider by its issuer URL (HTTPS, or HTTP on loopback only). */
    public static Authority oidc(String issuerUrl) {
        URI u = uri(issuerUrl);
        checkScheme(u);
        String s = issuerUrl.strip();
        if (s.endsWith("/.well-known/openid-configuration")) s = s.substring(0, s.length() - "/.well-known/openid-configuration".length());
        while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        return new Authority(Kind.OIDC, null, u.getScheme().toLowerCase(Locale.ROOT), u.getHost().toLowerCase(Locale.ROOT), null, null, s);
    }

    /** {@link #parse(String, Cloud)} in the public cloud. */
    public static Authority parse(String text) {
        return parse(text, Cloud.PUBLIC);
    }

    /**
     * Reads what a user types: a bare tenant ({@code common}, {@code organizations}, {@code consumers}, a tenant GUID or
     * domain, taken in {@code cloud}), an Entra authority URL in any cloud (with or without {@code /v2.0}), a B2C URL
     * with its policy ({@code /tfp/} accepted), an External ID {@code ciamlogin.com} URL, or any other issuer URL.
     *
     * @throws IllegalArgumentException with a message a user can act on
     */
    public static Authority parse(String text, Cloud cloud) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException(
                "the authority is empty: give a tenant (GUID, domain, common, organizations, consumers) or an authority URL");
        String s = text.strip();
        if (!s.contains("://")) {
            if (s.contains("/")) throw new IllegalArgumentException("\"" + s + "\" is neither a tenant nor a URL: a URL starts with https://");
            return entra(cloud == null ? Cloud.PUBLIC : cloud, s);
        }
        URI u = uri(s);
        checkScheme(u);
        String h = u.getHost().toLowerCase(Locale.ROOT);
        List<String> segs = segments(u);
        for (String[] eh : ENTRA_HOSTS) {
            if (eh[0].equals(h)) {
                if (segs.isEmpty()) throw new IllegalArgumentException("the authority URL " + s
                        + " has no tenant: add /{tenant-id}, /organizations or /common");
                Cloud c = Cloud.valueOf(eh[1]);
                String t = segs.get(0);
                // keep the host the user gave (an alias still answers discovery), except sts.windows.net, which is an issuer,
                // not a login host
                String host = h.equals("sts.windows.net") ? c.host() : h;
                return new Authority(Kind.ENTRA, c, "https", host, checkTenant(t), null, null);
            }
        }
        if (h.endsWith(".b2clogin.com")) {
            List<String> rest = new ArrayList<>(segs);
            if (!rest.isEmpty() && rest.get(0).equalsIgnoreCase("tfp")) rest.remove(0);
            if (rest.isEmpty()) throw new IllegalArgumentException("the B2C authority " + s + " needs /{tenant}/{policy}, e.g. https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signupsignin");
            return b2c(h, rest.get(0), rest.size() > 1 ? rest.get(1) : null);
        }
        if (h.endsWith(".ciamlogin.com")) {
            String sub = h.substring(0, h.length() - ".ciamlogin.com".length());
            String t = segs.isEmpty() || segs.get(0).equalsIgnoreCase("v2.0") ? sub + ".onmicrosoft.com" : segs.get(0);
            return externalId(h, t);
        }
        return oidc(s);
    }

    private static URI uri(String s) {
        try {
            URI u = new URI(s.strip());
            if (u.getHost() == null) throw new IllegalArgumentException("\"" + s + "\" is not a URL with a host");
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + s + "\" is not a valid URL: " + e.getReason());
        }
    }

    private static void checkScheme(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) return;
        if (scheme.equals("http") && isLoopback(u.getHost())) return;
        throw new IllegalArgumentException(
                "the authority must use https:// (plain http is allowed for loopback test providers only): " + u);
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    private static List<String> segments(URI u) {
        List<String> out = new ArrayList<>();
        String p = u.getPath() == null ? "" : u.getPath();
        for (String seg : p.split("/")) if (!seg.isEmpty()) out.add(seg);
        return out;
    }

    private static String checkTenant(String t) {
        if (t == null || !TENANT.matcher(t).matches()) {
            throw new IllegalArgumentException("\"" + t
                    + "\" is not a tenant: use a tenant GUID, a domain (contoso.onmicrosoft.com), common, organizations or consumers");
        }
        return t;
    }

    public Kind kind() {
        return kind;
    }

    /** The Entra cloud, null for B2C, External ID and other providers. */
    public Cloud cloud() {
        return cloud;
    }

    public String host() {
        return host;
    }

    /** The tenant segment (null for a generic OpenID provider). */
    public String tenant() {
        return tenant;
    }

    /** The B2C policy, else null. */
    public String policy() {
        return policy;
    }

    /** True for Entra, B2C and External ID: their errors carry AADSTS codes. */
    public boolean isMicrosoft() {
        return kind != Kind.OIDC;
    }

    /** True for the multi-tenant segments {@code common}, {@code organizations} and {@code consumers}. */
    public boolean isMultiTenant() {
        return kind == Kind.ENTRA
                && (tenant.equalsIgnoreCase("common") || tenant.equalsIgnoreCase("organizations") || tenant.equalsIgnoreCase("consumers"));
    }

    /** The authority URL as MSAL would name it. */
    public String url() {
        return switch (kind) {
            case ENTRA, EXTERNAL_ID -> scheme + "://" + host + "/" + tenant;
            case B2C -> scheme + "://" + host + "/" + tenant + "/" + policy;
            case OIDC -> issuer;
        };
    }

    /** The v2.0 OpenID discovery document's URL. */
    public String discoveryUrl() {
        return switch (kind) {
            case ENTRA, EXTERNAL_ID -> scheme + "://" + host + "/" + tenant + "/v2.0/.well-known/openid-configuration";
            case B2C -> scheme + "://" + host + "/" + tenant + "/" + policy + "/v2.0/.well-known/openid-configuration";
            case OIDC -> issuer + "/.well-known/openid-configuration";
        };
    }

    /** One line for logs and summaries. */
    public String describe() {
        return switch (kind) {
            case ENTRA -> "Entra ID tenant " + tenant + " (" + cloud.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " cloud, "
                    + host + ")";
            case B2C -> "Azure AD B2C " + tenant + ", policy " + policy + " (" + host + ")";
            case EXTERNAL_ID -> "Entra External ID tenant " + tenant + " (" + host + ")";
            case OIDC -> "OpenID provider " + issuer;
        };
    }

    @Override
    public String toString() {
        return url();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Authority a && a.url().equals(url()) && a.kind == kind;
    }

    @Override
    public int hashCode() {
        return url().hashCode();
    }
}
