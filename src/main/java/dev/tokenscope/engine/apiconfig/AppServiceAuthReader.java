package dev.tokenscope.engine.apiconfig;

/** App Service / Functions authentication (Easy Auth) authsettingsV2, possibly wrapped in "properties". */
final class AppServiceAuthReader implements JsonConfigReader {
    static final String FORMAT = "app-service-auth";

    @Override
    public String describe() {
        return "identityProviders.azureActiveDirectory, optionally under properties (" + FORMAT + " authsettingsV2)";
    }

    @Override
    public boolean accepts(Node root) {
        return aad(root) != null;
    }

    private static Node aad(Node root) {
        Node base = root.get("properties") != null && root.get("properties").isObject() ? root.get("properties") : root;
        return base.at("identityProviders", "azureActiveDirectory");
    }

    @Override
    public ApiConfig read(Node root) throws ApiConfigException {
        Node aad = aad(root);
        Draft d = new Draft(root.doc.source, FORMAT);
        d.secrets(aad.secretPaths());
        Node reg = aad.get("registration");
        Node clientNode = reg == null ? null : reg.get("clientId");
        String clientId = clientNode == null ? null : clientNode.text();
        if (clientId == null) {
            throw ApiConfigException.at(d.source(), (reg != null ? reg : aad).line(), aad.path() + ".registration.clientId is missing");
        }
        Node issNode = reg.get("openIdIssuer");
        String iss = issNode == null ? null : issNode.text();
        if (iss == null) throw ApiConfigException.at(d.source(), reg.line(), reg.path() + ".openIdIssuer is missing");
        String host = Text.httpsHost(iss);
        if (host == null) throw issNode.fail("\"" + Text.clip(iss) + "\" is not an https URL");
        String[] parts = iss.substring(iss.indexOf(host) + host.length()).split("/");
        String tenant = parts.length > 1 ? parts[1] : null;
        Text.Tenant kind = Text.tenant(tenant);
        if (kind == Text.Tenant.GUID) {
            d.set("tenants", tenant, issNode.from());
            d.set("issuers", iss, issNode.from());
            d.rule("Single tenant: iss must be " + iss + " (a v1.0 token against a /v2.0 issuer: "
                    + "\"only AAD v2 bearer tokens are accepted\" in 2021, current behaviour unconfirmed; read here as exact)");
        } else if (kind == Text.Tenant.DOMAIN) {
            d.set("metadata", Text.noSlash(iss) + "/.well-known/openid-configuration",
                    issNode.from() + " + /.well-known/openid-configuration");
            d.rule("openIdIssuer names the tenant by domain: its GUID can't be known offline, the issuer is taken from "
                    + Text.noSlash(iss) + "/.well-known/openid-configuration");
        } else {
            d.rule("openIdIssuer " + iss + " is not tenant-specific: multi-tenant, no issuer or tenant validation "
                    + "(limit tenants with the app setting WEBSITE_AUTH_AAD_ALLOWED_TENANTS, not in this file)");
        }
        d.set("audiences", clientId, clientNode.from() + ", implicitly allowed");
        Node val = aad.get("validation");
        Node allowedAud = val == null ? null : val.get("allowedAudiences");
        if (allowedAud != null) for (Node n : allowedAud.items()) d.set("audiences", n.text(), n.from());
        d.rule("The clientId is always implicitly an allowed audience; api://{clientId} only if listed in allowedAudiences "
                + "(implicit App ID URI unconfirmed, not assumed)");
        Node policy = val == null ? null : val.get("defaultAuthorizationPolicy");
        Node apps = policy == null ? null : policy.get("allowedApplications");
        if (apps != null) {
            for (Node n : apps.items()) d.set("clients", n.text(), n.from());
            d.rule("allowedApplications: appid (v1) / azp (v2) must be one of them, else 403");
        }
        Node ids = policy == null ? null : policy.at("allowedPrincipals", "identities");
        if (ids != null && !ids.items().isEmpty()) {
            d.rule(ids.path() + ": oid must be one of " + ids.items().size() + " identities, else 403 (not checked by Tokenscope)");
        }
        if (val != null && val.get("jwtClaimChecks") != null) {
            d.rule(val.get("jwtClaimChecks").path() + " present: extra claim checks (not imported)");
        }
        Node enabled = aad.get("enabled");
        if (enabled != null && Boolean.FALSE.equals(enabled.bool())) d.rule("azureActiveDirectory.enabled is false: this provider is off");
        return d.build();
    }
}
