package dev.tokenscope.engine.apiconfig;

import java.util.List;

/** Spring Boot's OAuth2 resource server (spring-boot) and spring-cloud-azure's active-directory resource server (spring-cloud-azure). */
final class SpringReader {
    static final String BOOT = "spring-boot";
    static final String AZURE = "spring-cloud-azure";
    static final String BOOT_PREFIX = "spring.security.oauth2.resourceserver";
    static final String JWT = BOOT_PREFIX + ".jwt.";
    static final String AZURE_PREFIX = "spring.cloud.azure.active-directory";
    static final String LOOKED_FOR = "spring.security.oauth2.resourceserver.jwt.* (" + BOOT + ") "
            + "or spring.cloud.azure.active-directory.* (" + AZURE + ")";

    private SpringReader() {
    }

    static ApiConfig read(Flat f) throws ApiConfigException {
        Flat.Entry boot = f.firstUnder(BOOT_PREFIX), azure = f.firstUnder(AZURE_PREFIX);
        if (boot != null && azure != null) {
            throw new ApiConfigException(f.source + ": both " + boot.from() + " and " + azure.from()
                    + " are set; which decoder wins depends on the beans, so import a file with one of them");
        }
        if (boot == null && azure == null) {
            throw new ApiConfigException(f.source + ": properties, but none under " + LOOKED_FOR + "; " + ApiConfigImporter.lookedFor());
        }
        return boot != null ? boot(f, boot) : azure(f);
    }

    private static ApiConfig boot(Flat f, Flat.Entry first) throws ApiConfigException {
        Draft d = new Draft(f.source, BOOT);
        common(f, d);
        if (f.firstUnder(BOOT_PREFIX + ".opaquetoken") != null && f.firstUnder(BOOT_PREFIX + ".jwt") == null) {
            throw ApiConfigException.at(f.source, first.line(),
                    first.key() + ": an opaque-token (introspection) resource server, not a JWT one: nothing to import");
        }
        Flat.Entry issuer = f.get(JWT + "issuer-uri"), jwks = f.get(JWT + "jwk-set-uri"), pem = f.get(JWT + "public-key-location");
        if (issuer == null && jwks == null && pem == null) {
            throw ApiConfigException.at(f.source, first.line(),
                    "spring.security.oauth2.resourceserver.jwt has neither issuer-uri nor jwk-set-uri (nor public-key-location)");
        }
        if (issuer != null) {
            https(f, issuer);
            d.set("issuers", issuer.value(), issuer.from());
            if (jwks == null) {
                d.set("metadata", Text.noSlash(issuer.value()) + "/.well-known/openid-configuration",
                        issuer.from() + " + /.well-known/openid-configuration");
            }
            d.rule("iss must equal issuer-uri exactly (String.equals: case and trailing slash count); "
                    + "the metadata's issuer must equal it too, so a /common/ or /organizations/ issuer-uri can't work");
        }
        if (jwks != null) {
            https(f, jwks);
            d.set("jwks", jwks.value(), jwks.from());
            d.rule("Keys from jwk-set-uri" + (issuer == null ? "; no issuer-uri, so iss is not checked at all" : ""));
        }
        if (pem != null) d.rule("public-key-location " + Text.clip(pem.value()) + ": a local public key (not imported)");
        List<Flat.Entry> aud = f.list(JWT + "audiences");
        for (Flat.Entry a : aud) d.set("audiences", a.value(), a.from());
        d.rule(aud.isEmpty() ? "No audiences: aud is not checked (audiences exists since Spring Boot 2.7)"
                : "The token's aud and audiences must overlap (any one in common)");
        Flat.Entry alg = f.get(JWT + "jws-algorithms");
        d.rule("Signature algorithms: " + (alg == null ? "RS256 (default)" : Text.clip(alg.value()) + " (" + alg.from() + ")"));
        d.rule("Clock skew 60 s; typ must be JWT or absent (Spring Security 7); "
                + "failures answer 401 Bearer error=\"invalid_token\" with error_description");
        return d.build();
    }

    private static ApiConfig azure(Flat f) throws ApiConfigException {
        Draft d = new Draft(f.source, AZURE);
        common(f, d);
        String p = AZURE_PREFIX + ".";
        Flat.Entry enabled = f.get(p + "enabled");
        if (enabled == null || !enabled.value().equalsIgnoreCase("true")) {
            d.rule("spring.cloud.azure.active-directory.enabled is not true: the resource server is off; "
                    + "the profile says what it would check");
        }
        Flat.Entry endpoint = f.get(p + "profile.environment.active-directory-endpoint");
        String base = endpoint == null || endpoint.value().isBlank() ? "https://login.microsoftonline.com/"
                : Text.withSlash(endpoint.value());
        if (endpoint != null) https(f, endpoint);
        Flat.Entry tenant = f.get(p + "profile.tenant-id");
        String tid = tenant == null ? "" : tenant.value();
        Text.Tenant kind = Text.tenant(tid);
        if (!tid.isEmpty() && kind == null) {
            throw ApiConfigException.at(f.source, tenant.line(), Text.invalidTenant(tenant.key(), tid));
        }
        List<String> hosts = List.of("login.microsoftonline.com", "sts.windows.net", "sts.chinacloudapi.cn");
        if (kind == Text.Tenant.GUID || kind == Text.Tenant.DOMAIN) {
            d.set("tenants", tid, tenant.from());
            d.set("jwks", base + tid + "/discovery/v2.0/keys", tenant.from() + ", {endpoint}{tenant-id}/discovery/v2.0/keys");
            d.rule("tid must equal " + tid
                    + (kind == Text.Tenant.DOMAIN
                            ? ": a domain name never equals a tid, so every token fails (derived); use the tenant GUID" : ""));
            if (kind == Text.Tenant.GUID) {
                for (String h : hosts) {
                    for (String suffix : List.of("/", "/v2.0")) d.set("issuers", "https://" + h + "/" + tid + suffix, tenant.from());
                }
                d.rule("iss must be one of https://{login.microsoftonline.com|sts.windows.net|sts.chinacloudapi.cn}/" + tid
                        + "/ or …/v2.0 (exact)");
            }
        } else {
            String from = tenant == null ? p + "profile.tenant-id (absent)" : tenant.from();
            for (String h : hosts) {
                for (String suffix : List.of("/", "/v2.0")) {
                    d.set("issuers", "https://" + h + "/{tenantid}" + suffix, from + ", older versions' host check");
                }
            }
            d.rule("profile.tenant-id is " + (tid.isEmpty() ? "blank (defaults to common)" : tid)
                    + ": current spring-cloud-azure refuses to start (PR #49033); "
                    + "older versions accepted any tenant whose iss starts with one of the Microsoft hosts");
        }
        Flat.Entry client = f.get(p + "credential.client-id"), appIdUri = f.get(p + "app-id-uri");
        if (client != null) d.set("audiences", client.value(), client.from());
        if (appIdUri != null) d.set("audiences", appIdUri.value(), appIdUri.from());
        d.rule(client == null && appIdUri == null ? "No client-id or app-id-uri: aud is not checked"
                : "Every aud value of the token must be one of client-id / app-id-uri (containsAll)");
        d.rule("Failures read \"The aud|iss|tid claim is not valid\"; clock skew 60 s");
        return d.build();
    }

    private static void common(Flat f, Draft d) {
        f.secrets.forEach(d::secret);
        f.notes.forEach(d::rule);
    }

    private static void https(Flat f, Flat.Entry e) throws ApiConfigException {
        String v = e.value();
        boolean http = v.regionMatches(true, 0, "http://", 0, 7) && Text.httpsHost("https://" + v.substring(7)) != null;
        if (Text.httpsHost(v) == null && !http) {
            throw ApiConfigException.at(f.source, e.line(), e.key() + " \"" + Text.clip(v) + "\" is not an http(s) URL");
        }
    }
}
