package dev.tokenscope.engine.apiconfig;

import java.util.ArrayList;
import java.util.List;

/** appsettings.json for Microsoft.Identity.Web's AddMicrosoftIdentityWebApi (section AzureAd or any named one). */
final class MicrosoftIdentityWebReader implements JsonConfigReader {
    static final String FORMAT = "microsoft-identity-web";

    @Override
    public String describe() {
        return "an appsettings section (e.g. AzureAd) with ClientId and Instance/TenantId or Domain (" + FORMAT + ")";
    }

    @Override
    public boolean accepts(Node root) {
        return !sections(root).isEmpty();
    }

    static List<Node> sections(Node root) {
        List<Node> l = new ArrayList<>();
        for (Node s : root.fields()) {
            if (!s.isObject()) continue;
            boolean client = s.get("ClientId") != null, tenant = s.get("TenantId") != null || s.get("Domain") != null;
            if ((client || tenant) && (tenant || s.get("Instance") != null || s.get("Authority") != null)) l.add(s);
        }
        return l;
    }

    @Override
    public ApiConfig read(Node root) throws ApiConfigException {
        Node s = pick(root);
        Draft d = new Draft(root.doc.source, FORMAT);
        d.secrets(s.secretPaths());
        String p = s.path() + ":";
        Node clientNode = s.get("ClientId");
        String clientId = clientNode == null ? null : clientNode.text();
        if (clientId == null) {
            throw ApiConfigException.at(d.source(), s.line(),
                    p + "ClientId is missing: Microsoft.Identity.Web needs it (the default audience)");
        }

        String instance = text(s, "Instance"), tenant = text(s, "TenantId"), domain = text(s, "Domain"),
                policy = text(s, "SignUpSignInPolicyId");
        Node authority = s.get("Authority");
        Node where = s.get("Instance");
        if (instance == null && authority != null && authority.text() != null) {
            String a = authority.text();
            String host = Text.httpsHost(a);
            String[] parts = host == null ? new String[0] : a.substring(a.indexOf(host) + host.length()).split("/");
            if (parts.length < 2 || parts[1].isBlank()) {
                throw authority.fail("\"" + Text.clip(a) + "\" is not an https authority https://host/{tenant}[/v2.0]");
            }
            instance = "https://" + host + "/";
            if (tenant == null && parts.length >= 2) tenant = parts[1];
            if (policy == null && parts.length >= 3 && !parts[2].equalsIgnoreCase("v2.0")) { domain = parts[1]; policy = parts[2]; }
            where = authority;
        }
        if (instance == null) {
            throw ApiConfigException.at(d.source(), s.line(),
                    p + "Instance is missing (and no Authority): Microsoft.Identity.Web builds the authority {Instance}{TenantId}/v2.0");
        }
        String host = Text.httpsHost(instance);
        if (host == null) throw where.fail("\"" + Text.clip(instance) + "\" is not an https URL");
        instance = Text.withSlash(instance);

        audiences(s, d, clientId, policy != null);
        if (policy != null) {
            if (domain == null) {
                throw ApiConfigException.at(d.source(), s.line(),
                        p + "Domain is missing: a B2C configuration (SignUpSignInPolicyId) needs the tenant's domain");
            }
            String md = instance + domain + "/" + policy + "/v2.0/.well-known/openid-configuration";
            Node policyNode = s.get("SignUpSignInPolicyId") != null ? s.get("SignUpSignInPolicyId") : s.get("Authority");
            d.set("metadata", md, p + "Instance, " + p + "Domain, " + policyNode.from());
            d.rule("Azure AD B2C: authority {Instance}{Domain}/{policy}/v2.0; "
                    + "the issuer is the per-policy metadata document's issuer (tenant GUID unknown offline)");
        } else {
            tenant(s, d, host, tenant);
        }
        Node scopes = s.get("Scopes");
        if (scopes != null && scopes.text() != null) {
            List<String> list = List.of(scopes.text().split(" +"));
            if (list.size() == 1) d.set("scopes", list.get(0), scopes.from());
            d.rule(scopes.path() + " (" + String.join(" ", list) + ") is enforced only where a controller uses "
                    + "[RequiredScope(RequiredScopesConfigurationKey = \"" + scopes.path() + "\")]: any one of them suffices"
                    + (list.size() > 1 ? "; Tokenscope requires every listed scope, so none is put in the profile" : ""));
        }
        Boolean acl = s.get("AllowWebApiToBeAuthorizedByACL") == null ? null : s.get("AllowWebApiToBeAuthorizedByACL").bool();
        d.rule(Boolean.TRUE.equals(acl) ? "AllowWebApiToBeAuthorizedByACL is true: tokens without scp or roles are accepted"
                : "A token without scp/scope or roles/role claims is rejected with IDW10201 (AllowWebApiToBeAuthorizedByACL is false)");
        d.rule("Microsoft.Identity.Web validates the issuer with AadIssuerValidator: ValidIssuers first, "
                + "then the v2.0 metadata issuer for iss ending in /v2.0, else the v1.0 one, {tenantid} filled with the token's tid");
        return d.build();
    }

    private static Node pick(Node root) throws ApiConfigException {
        List<Node> l = sections(root);
        for (String preferred : List.of("AzureAd", "AzureAdB2C")) {
            for (Node n : l) if (n.name().equalsIgnoreCase(preferred)) return n;
        }
        if (l.size() == 1) return l.get(0);
        List<String> names = l.stream().map(n -> n.name() + " (line " + n.line() + ")").toList();
        throw new ApiConfigException(root.doc.source + ": several sections look like Microsoft.Identity.Web options ("
                + String.join(", ", names) + ") and none is called AzureAd: import a file with only the one the API uses");
    }

    private static void audiences(Node s, Draft d, String clientId, boolean b2c) throws ApiConfigException {
        Node client = s.get("ClientId");
        Node aud = s.get("Audience");
        Node tvp = s.get("TokenValidationParameters");
        List<Node> valid = new ArrayList<>();
        if (tvp != null) {
            if (tvp.get("ValidAudience") != null) valid.addAll(tvp.get("ValidAudience").items());
            if (tvp.get("ValidAudiences") != null) valid.addAll(tvp.get("ValidAudiences").items());
            for (String k : List.of("ValidIssuer", "ValidIssuers")) {
                if (tvp.get(k) != null) for (Node i : tvp.get(k).items()) d.set("issuers", i.text(), i.from());
            }
        }
        if (!valid.isEmpty()) {
            for (Node n : valid) d.set("audiences", n.text(), n.from());
            d.rule("TokenValidationParameters:ValidAudience(s) set: only those audiences are accepted (ordinal, one trailing / tolerated)");
        } else if (aud != null && aud.text() != null) {
            d.set("audiences", aud.text(), aud.from());
            d.rule("Audience is set: it replaces the default rule, so aud must equal " + aud.text()
                    + " (ordinal, one trailing / tolerated)");
        } else if (b2c) {
            d.set("audiences", clientId, client.from());
            d.rule("Azure AD B2C: Microsoft.Identity.Web accepts aud = ClientId");
        } else {
            d.set("audiences", "v2=" + clientId, client.from() + ", v2.0 tokens");
            d.set("audiences", "v1=api://" + clientId, client.from() + ", v1.0 tokens");
            d.rule("Microsoft.Identity.Web accepts aud = ClientId for v2.0 tokens and api://{ClientId} for v1.0 tokens "
                    + "unless Audience is set (never both for one token; a token without ver matches neither, IDX10208); "
                    + "a custom App ID URI needs Audience");
        }
        if (s.get("Audiences") != null) {
            d.rule(s.get("Audiences").path()
                    + " is in the configuration schema but not read by the web API path (effect unconfirmed): not imported");
        }
    }

    private static void tenant(Node s, Draft d, String host, String tenant) throws ApiConfigException {
        Node t = s.get("TenantId");
        if (tenant == null) {
            throw ApiConfigException.at(d.source(), s.line(),
                    s.path() + ":TenantId is missing (and no B2C Domain/SignUpSignInPolicyId)");
        }
        Text.Tenant kind = Text.tenant(tenant);
        String from = t != null ? t.from() : s.get("Authority").from();
        int line = t != null ? t.line() : s.get("Authority").line();
        if (kind == null) {
            throw ApiConfigException.at(d.source(), line,
                    Text.invalidTenant(t != null ? t.path() : s.path() + ":Authority tenant", tenant));
        }
        switch (kind) {
            case GUID -> {
                d.set("tenants", tenant, from);
                d.set("issuers", Text.v2Issuer(host, tenant), from + ", v2.0 issuer");
                d.set("issuers", Text.v1Issuer(host, tenant), from + ", v1.0 issuer");
                d.rule("Single tenant " + tenant + ": the v2.0 issuer " + Text.v2Issuer(host, tenant)
                        + " and the v1.0 issuer " + Text.v1Issuer(host, tenant) + " are both accepted");
            }
            case COMMON, ORGANIZATIONS -> {
                d.set("issuers", Text.v2Issuer(host, "{tenantid}"), from + ", v2.0 issuer template");
                d.set("issuers", Text.v1Issuer(host, "{tenantid}"), from + ", v1.0 issuer template");
                d.rule("Multi-tenant (" + tenant + "): any tenant's token is accepted when iss is the template with {tenantid} = its tid; "
                        + "restrict tenants in code (IssuerValidator) if needed");
            }
            case CONSUMERS -> {
                d.set("tenants", Text.CONSUMERS_TID, from + ", the consumer tenant");
                d.set("issuers", Text.v2Issuer(host, Text.CONSUMERS_TID), from + ", the consumers metadata issuer");
                d.rule("consumers: only personal Microsoft accounts (tenant " + Text.CONSUMERS_TID + ")");
            }
            case DOMAIN -> {
                String md = "https://" + host + "/" + tenant + "/v2.0/.well-known/openid-configuration";
                d.set("metadata", md, from + ", v2.0 metadata");
                d.rule("TenantId " + tenant + " is a domain name: its GUID can't be known offline, "
                        + "so the issuer is taken from the tenant's v2.0 metadata (" + md + "); "
                        + "Microsoft.Identity.Web would also accept the v1.0 issuer https://sts.windows.net/{its GUID}/: "
                        + "use the GUID as TenantId to check both");
            }
            default -> throw new IllegalStateException();
        }
        if (!Text.publicCloud(host)) {
            d.rule("Instance " + host + " is not the public cloud: the v1.0 issuer host (" + Text.v1Host(host)
                    + ") is assumed (unconfirmed for national clouds)");
        }
    }

    private static String text(Node s, String name) throws ApiConfigException {
        Node n = s.get(name);
        return n == null ? null : n.text();
    }
}
