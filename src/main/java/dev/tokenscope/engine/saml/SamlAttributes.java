package dev.tokenscope.engine.saml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.claims.ClaimView;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Entra's SAML attribute names (and the subject's fields) explained, as {@link ClaimView}s like a JWT's claims. A small
 * table here rather than in claims.json: the names are URIs that never appear in a JWT.
 */
final class SamlAttributes {
    private static final String MS = "http://schemas.microsoft.com/identity/claims/";
    private static final String WS = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/";
    private static final String WS08 = "http://schemas.microsoft.com/ws/2008/06/identity/claims/";
    private static final String IN = "SAML (Entra enterprise app)";

    private record Entry(String title, String meaning, boolean pii, Map<String, String> values) {
    }

    private static final Map<String, Entry> ENTRIES = Map.ofEntries(
            Map.entry("NameID", new Entry("Subject (NameID)",
                    "The authenticated user, as the assertion whose signature verified names them. Entra sends the user principal name "
                    + "by default; the app's 'Unique User Identifier' setting chooses another attribute.", true, Map.of())),
            Map.entry("NameID (unverified)", new Entry("Subject (NOT verified)",
                    "The NameID of an assertion whose signature did not verify: "
                    + "nobody vouches for it. An app must not sign anybody in with it.", true, Map.of())),
            Map.entry("NameID Format", new Entry("NameID format", "How the NameID is to be read.", false, Map.of(
                    "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", "an email address (Entra: usually the UPN)",
                    "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", "an opaque identifier, stable for this user and app",
                    "urn:oasis:names:tc:SAML:2.0:nameid-format:transient", "an opaque identifier valid for this session only",
                    "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified", "unspecified: the app decides how to read it"))),
            Map.entry("AuthnContextClassRef", new Entry("Authentication context", "How the user signed in.", false, Map.of(
                    "urn:oasis:names:tc:SAML:2.0:ac:classes:Password", "password",
                    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport", "password over TLS",
                    "urn:oasis:names:tc:SAML:2.0:ac:classes:X509", "certificate",
                    "urn:federation:authentication:windows", "Windows integrated authentication",
                    "http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password", "password"))),
            Map.entry("AuthnInstant", new Entry("Authentication time",
                    "When the user authenticated (may be long before this response: SSO).", false, Map.of())),
            Map.entry("SessionIndex", new Entry("Session index",
                    "Entra's session for single logout; the app sends it back in a LogoutRequest.", false, Map.of())),
            Map.entry(MS + "tenantid", new Entry("Tenant ID",
                    "The Entra tenant that issued the assertion (the tid of a JWT).", false, Map.of())),
            Map.entry(MS + "objectidentifier", new Entry("Object ID",
                    "The user's immutable object ID in the tenant (the oid of a JWT): the right key for an app's user record.",
                    true, Map.of())),
            Map.entry(MS + "displayname", new Entry("Display name", "The user's display name; mutable, for display only.", true, Map.of())),
            Map.entry(MS + "identityprovider", new Entry("Identity provider",
                    "Who authenticated the user: the tenant's own issuer, or live.com / another tenant for guests.", false, Map.of())),
            Map.entry("http://schemas.microsoft.com/claims/authnmethodsreferences", new Entry("Authentication methods", "The methods the user authenticated with (the amr of a JWT).", false, Map.of(
                    "http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password", "password",
                    "http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/x509", "certificate",
                    "http://schemas.microsoft.com/claims/multipleauthn", "multi-factor authentication",
                    "http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/windows", "Windows integrated authentication"))),
            Map.entry(WS + "name", new Entry("Name (UPN)",
                    "The user's sign-in name (by default user.userprincipalname); mutable, not a key for authorisation.", true, Map.of())),
            Map.entry(WS + "emailaddress", new Entry("Email address",
                    "The user's mail attribute; may be empty or unverified for guests. Not a key for authorisation.", true, Map.of())),
            Map.entry(WS + "givenname", new Entry("Given name", "The user's first name.", true, Map.of())),
            Map.entry(WS + "surname", new Entry("Surname", "The user's last name.", true, Map.of())),
            Map.entry(WS + "upn", new Entry("UPN", "The user principal name.", true, Map.of())),
            Map.entry(WS08 + "groups", new Entry("Groups", "Object IDs (or names, per the app's group claim setting) of the user's groups. "
                    + "Over 150 groups in SAML, Entra sends groups.link instead (overage): the app must call Microsoft Graph.",
                    false, Map.of())),
            Map.entry("http://schemas.microsoft.com/claims/groups.link", new Entry("Groups link (overage)", "The user is in more groups than a SAML token carries (150): "
                    + "the app must read them from Microsoft Graph.", false, Map.of())),
            Map.entry(WS08 + "role", new Entry("App roles", "The app roles assigned to the user for this enterprise app.",
                    false, Map.of())),
            Map.entry(WS08 + "wids", new Entry("Directory roles", "Template IDs of the user's tenant-wide directory roles.",
                    false, Map.of())));

    private SamlAttributes() {
    }

    static List<ClaimView> annotate(ObjectNode claims) {
        List<ClaimView> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = claims.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Entry e = ENTRIES.get(f.getKey());
            String warning = ClaimView.warningOf(f.getKey(), f.getValue());
            if (e == null) {
                out.add(new ClaimView(f.getKey(), f.getValue(), null, "not in catalogue", null, false, false, null, null, warning));
                continue;
            }
            String interpretation = interpret(e, f.getValue());
            out.add(new ClaimView(f.getKey(), f.getValue(), e.title(), e.meaning(), IN, e.pii(), true, interpretation, null, warning));
        }
        return out;
    }

    private static String interpret(Entry e, JsonNode v) {
        if (e.values().isEmpty()) return null;
        List<String> parts = new ArrayList<>();
        if (v.isArray()) v.forEach(x -> parts.add(e.values().getOrDefault(x.asText(), x.asText())));
        else parts.add(e.values().get(v.asText()));
        parts.removeIf(p -> p == null);
        return parts.isEmpty() ? null : String.join(", ", parts);
    }
}
