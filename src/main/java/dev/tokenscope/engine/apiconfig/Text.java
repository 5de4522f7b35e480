package dev.tokenscope.engine.apiconfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Small helpers for values: clipping for messages, tenant forms, Entra issuer shapes. */
final class Text {
    static final String CONSUMERS_TID = "9188040d-6c67-4c5b-b112-36a304b66dad";
    private static final Pattern GUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern DOMAIN = Pattern.compile("(?i)(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    enum Tenant { GUID, DOMAIN, COMMON, ORGANIZATIONS, CONSUMERS }

    private Text() {
    }

    /** A value for a message: at most 80 characters, control characters shown as '?'. */
    static String clip(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 81));
        for (int i = 0; i < s.length() && b.length() <= 80; i++) b.append(Character.isISOControl(s.charAt(i)) ? '?' : s.charAt(i));
        String t = b.toString();
        return t.length() > 80 ? t.substring(0, 80) + "…" : t;
    }

    static boolean isGuid(String s) {
        return s != null && GUID.matcher(s).matches();
    }

    /** The form of a tenant id, or null when it is none of them. */
    static Tenant tenant(String t) {
        if (t == null) return null;
        if (isGuid(t)) return Tenant.GUID;
        switch (t.toLowerCase(Locale.ROOT)) {
            case "common": return Tenant.COMMON;
            case "organizations": return Tenant.ORGANIZATIONS;
            case "consumers": return Tenant.CONSUMERS;
            default: return DOMAIN.matcher(t).matches() ? Tenant.DOMAIN : null;
        }
    }

    static String invalidTenant(String field, String value) {
        return field + " \"" + clip(value) + "\" is neither a GUID, a domain name, nor common/organizations/consumers";
    }

    /** The host that Entra writes into v2.0 issuers for a login host (aliases of the public cloud map to login.microsoftonline.com). */
    static String v2Host(String loginHost) {
        String h = loginHost.toLowerCase(Locale.ROOT);
        return switch (h) {
            case "login.windows.net", "login.microsoft.com", "sts.windows.net" -> "login.microsoftonline.com";
            default -> h;
        };
    }

    /** The v1.0 issuer host for a login host: sts.windows.net, sts.chinacloudapi.cn for the China cloud. */
    static String v1Host(String loginHost) {
        String h = loginHost.toLowerCase(Locale.ROOT);
        return h.endsWith(".cn") ? "sts.chinacloudapi.cn" : "sts.windows.net";
    }

    static boolean publicCloud(String loginHost) {
        return v2Host(loginHost).equals("login.microsoftonline.com");
    }

    static String v2Issuer(String loginHost, String tid) {
        return "https://" + v2Host(loginHost) + "/" + tid + "/v2.0";
    }

    static String v1Issuer(String loginHost, String tid) {
        return "https://" + v1Host(loginHost) + "/" + tid + "/";
    }

    /** The host of an https URL, or null when it is not one. */
    static String httpsHost(String url) {
        try {
            URI u = new URI(url);
            if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) return null;
            return u.getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    static String noSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * An issuer of a stack that compares iss literally (JwtBearer ValidIssuers, APIM issuers, passport issuer): a
     * {tenantid} in it is not a template there, so it is kept as an exact value ("=" prefix, see ValidationProfile).
     */
    static String literalIssuer(String iss) {
        return iss.contains("{") ? "=" + iss : iss;
    }
}
