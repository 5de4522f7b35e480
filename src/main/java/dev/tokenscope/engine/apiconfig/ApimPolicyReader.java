package dev.tokenscope.engine.apiconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Azure API Management policy XML: validate-jwt (apim-validate-jwt) or validate-azure-ad-token (apim-validate-azure-ad-token). */
final class ApimPolicyReader {
    static final String JWT = "apim-validate-jwt";
    static final String AAD = "apim-validate-azure-ad-token";

    private ApimPolicyReader() {
    }

    static ApiConfig read(String source, Xml.Element root) throws ApiConfigException {
        List<Xml.Element> found = new ArrayList<>();
        root.find("validate-jwt", found, 0);
        root.find("validate-azure-ad-token", found, 0);
        if (found.isEmpty()) {
            throw ApiConfigException.at(source, root.line(), "XML (<" + Text.clip(root.name()) + ">), "
                    + "but no <validate-jwt> or <validate-azure-ad-token> element: "
                    + "looked for an Azure API Management policy (" + JWT + ", " + AAD + ")");
        }
        if (found.size() > 1) {
            throw new ApiConfigException(source + ": " + found.size() + " token validation policies ("
                    + String.join(", ", found.stream().map(e -> "<" + e.name() + "> line " + e.line()).toList())
                    + "): import a policy with one of them");
        }
        Xml.Element v = found.get(0);
        Draft d = new Draft(source, v.name().equals("validate-jwt") ? JWT : AAD);
        for (String secret : List.of("decryption-keys", "issuer-signing-keys")) {
            Xml.Element e = v.child(secret);
            if (e != null && e.children().stream().anyMatch(k -> k.content() != null)) {
                d.secret("<" + v.name() + "><" + secret + "> key values (line " + e.line() + ")");
            }
        }
        if (v.name().equals("validate-jwt")) validateJwt(source, v, d);
        else validateAzureAd(source, v, d);
        list(v, "audiences", "audience", d, "audiences");
        requiredClaims(v, d);
        String header = v.attr("header-name") != null ? "header " + v.attr("header-name")
                : v.attr("query-parameter-name") != null ? "query parameter " + v.attr("query-parameter-name")
                : v.attr("token-value") != null ? "a policy expression"
                : "the Authorization header";
        d.rule("Token from " + header + "; failure answers "
                + (v.attr("failed-validation-httpcode") == null ? "401" : Text.clip(v.attr("failed-validation-httpcode")))
                + (v.attr("failed-validation-error-message") == null ? ""
                        : " with \"" + Text.clip(v.attr("failed-validation-error-message")) + "\""));
        return d.build();
    }

    private static void validateJwt(String source, Xml.Element v, Draft d) throws ApiConfigException {
        List<Xml.Element> oidc = v.all("openid-config");
        Xml.Element keys = v.child("issuer-signing-keys");
        if (oidc.isEmpty() && keys == null) {
            throw ApiConfigException.at(source, v.line(), "<validate-jwt> has neither <openid-config url=…> nor <issuer-signing-keys>: "
                    + "API Management has no keys to check the signature with");
        }
        for (Xml.Element o : oidc) {
            String url = o.attr("url");
            if (url == null) throw ApiConfigException.at(source, o.line(), "<openid-config> has no url attribute");
            if (unresolvable(url, "<openid-config url> (line " + o.line() + ")", d)) continue;
            if (Text.httpsHost(url) == null) {
                throw ApiConfigException.at(source, o.line(), "<openid-config url=\"" + Text.clip(url) + "\"> is not an https URL");
            }
            if (d.has("metadata")) {
                d.rule("Also trusted: keys of " + url + " (line " + o.line() + "); the profile holds only the first metadata document");
            } else {
                d.set("metadata", url, "<openid-config url> (line " + o.line() + ")");
            }
        }
        if (keys != null) d.rule("<issuer-signing-keys> (line " + keys.line() + "): keys given in the policy (not imported)");
        list(v, "issuers", "issuer", d, "issuers");
        d.rule(d.has("issuers") ? "iss must be one of <issuers> (exact)"
                : "No <issuers>: iss is not checked (Tokenscope compares it with the metadata's issuer)");
        d.rule("Clock skew " + (v.attr("clock-skew") == null ? "0" : Text.clip(v.attr("clock-skew"))) + " s; "
                + "exp required unless require-expiration-time=\"false\"; "
                + "signed tokens required unless require-signed-tokens=\"false\"; RS256/RS512/PS256");
    }

    private static void validateAzureAd(String source, Xml.Element v, Draft d) throws ApiConfigException {
        String tenant = v.attr("tenant-id");
        if (tenant == null) {
            throw ApiConfigException.at(source, v.line(), "<validate-azure-ad-token> has no tenant-id attribute (required)");
        }
        String from = "<validate-azure-ad-token tenant-id> (line " + v.line() + ")";
        String endpoint = v.attr("authentication-endpoint");
        String host = endpoint == null ? "login.microsoftonline.com" : Text.httpsHost(endpoint);
        if (host == null) {
            throw ApiConfigException.at(source, v.line(), "authentication-endpoint \"" + Text.clip(endpoint) + "\" is not an https URL");
        }
        if (!unresolvable(tenant, from, d)) {
            Text.Tenant kind = Text.tenant(tenant);
            if (kind == null) throw ApiConfigException.at(source, v.line(), Text.invalidTenant("tenant-id", tenant));
            if (kind == Text.Tenant.GUID) {
                d.set("tenants", tenant, from);
                d.set("issuers", Text.v2Issuer(host, tenant), from + ", v2.0 issuer");
                d.set("issuers", Text.v1Issuer(host, tenant), from + ", v1.0 issuer");
                d.rule("Tokens of tenant " + tenant
                        + " only; v1.0 and v2.0 issuers both read as accepted (APIM's v1/v2 handling is unconfirmed)");
            } else {
                d.rule("tenant-id " + tenant
                        + " is not a GUID: its tokens' tid can't be known offline (tenant not restricted in the profile)");
            }
        }
        List<Xml.Element> clients = v.child("client-application-ids") == null ? List.of()
                : v.child("client-application-ids").all("application-id");
        if (clients.stream().allMatch(c -> c.content() == null)) {
            throw ApiConfigException.at(source,
                    v.child("client-application-ids") == null ? v.line() : v.child("client-application-ids").line(),
                    "<validate-azure-ad-token> needs <client-application-ids> with at least one <application-id>");
        }
        list(v, "client-application-ids", "application-id", d, "clients");
        d.rule("The calling application must be one of client-application-ids "
                + "(which claim, azp or appid, is unconfirmed: Tokenscope checks azp/appid)");
        if (v.child("backend-application-ids") != null) {
            list(v, "backend-application-ids", "application-id", d, "audiences");
            d.rule("backend-application-ids: tokens issued for these applications are accepted (read as allowed audiences)");
        }
    }

    private static void list(Xml.Element v, String outer, String inner, Draft d, String field) {
        Xml.Element o = v.child(outer);
        if (o == null) return;
        for (Xml.Element e : o.all(inner)) {
            String t = e.content();
            String from = "<" + outer + "><" + inner + "> (line " + e.line() + ")";
            if (t != null && !unresolvable(t, from, d)) d.set(field, field.equals("issuers") ? Text.literalIssuer(t) : t, from);
        }
    }

    private static void requiredClaims(Xml.Element v, Draft d) {
        Xml.Element rc = v.child("required-claims");
        if (rc == null) return;
        for (Xml.Element c : rc.all("claim")) {
            String name = c.attr("name");
            if (name == null) continue;
            boolean any = "any".equalsIgnoreCase(c.attr("match"));
            List<String> values = new ArrayList<>();
            for (Xml.Element val : c.all("value")) {
                String t = val.content();
                if (t == null) continue;
                String sep = c.attrs().get("separator");
                if (sep != null && !sep.isEmpty()) {
                    for (String s : t.split(Pattern.quote(sep))) {
                        if (!s.isBlank()) values.add(s.trim());
                    }
                } else {
                    values.add(t);
                }
            }
            String from = "<required-claims><claim name=\"" + Text.clip(name) + "\"> (line " + c.line() + ")";
            String field = switch (name) {
                case "scp" -> "scopes";
                case "roles" -> "roles";
                case "azp", "appid" -> "clients";
                case "tid" -> "tenants";
                default -> null;
            };
            boolean fits = field != null && (values.size() <= 1 || (any == (field.equals("clients") || field.equals("tenants"))));
            if (fits) values.forEach(x -> d.set(field, x, from));
            d.rule("Claim " + Text.clip(name) + " must "
                    + (values.isEmpty() ? "be present" : "contain " + (any ? "any" : "all") + " of " + Text.clip(String.join(", ", values)))
                    + (fits ? "" : " (not expressible in the profile: not imported)"));
        }
    }

    /** A named value {{…}} or policy expression @(…) can't be resolved offline: noted, not imported. */
    private static boolean unresolvable(String value, String from, Draft d) {
        if (value.contains("{{") || value.startsWith("@")) {
            d.rule(from + " is a named value or policy expression (" + Text.clip(value) + "): not resolvable offline, not imported");
            return true;
        }
        return false;
    }
}
