package dev.tokenscope.engine.saml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.json.Json;
import org.w3c.dom.Element;

/**
 * A decoded {@code samlp:AuthnRequest}: what the app asked for, to compare with the response's InResponseTo and Recipient.
 *
 * @param id              the request's ID (the response's InResponseTo must equal it)
 * @param issuer          the app's Entity ID as it sent it
 * @param acsUrl          AssertionConsumerServiceURL (where the app wants the response: Entra checks it against the reply URLs)
 * @param destination     the IdP endpoint it was sent to
 * @param issueInstant    when it was made
 * @param nameIdPolicy    NameIDPolicy Format, or null
 * @param authnContext    RequestedAuthnContext class references joined with ", ", or null
 * @param forceAuthn      ForceAuthn attribute, or null
 */
public record AuthnRequestInfo(String id, String issuer, String acsUrl, String destination, String issueInstant,
                               String nameIdPolicy, String authnContext, String forceAuthn) {

    static AuthnRequestInfo of(Element req) {
        Element policy = Dom.child(req, Dom.SAMLP, "NameIDPolicy");
        Element rac = Dom.child(req, Dom.SAMLP, "RequestedAuthnContext");
        String ctx = null;
        if (rac != null) {
            ctx = String.join(", ",
                    Dom.children(rac, Dom.SAML, "AuthnContextClassRef").stream().map(e -> e.getTextContent().strip()).toList());
            String cmp = Dom.attr(rac, "Comparison");
            if (cmp != null) ctx += " (comparison " + cmp + ")";
        }
        return new AuthnRequestInfo(Dom.attr(req, "ID"), Dom.text(req, Dom.SAML, "Issuer"), Dom.attr(req, "AssertionConsumerServiceURL"),
                Dom.attr(req, "Destination"), Dom.attr(req, "IssueInstant"), Dom.attr(policy, "Format"), ctx, Dom.attr(req, "ForceAuthn"));
    }

    /** Decodes an AuthnRequest given in any input form (XML, base64, deflated, a redirect URL). */
    public static AuthnRequestInfo decode(String input) throws SamlException {
        SamlInput.Decoded d = SamlInput.decode(input);
        Element root = SafeXml.parse(d.xml(), "The AuthnRequest").getDocumentElement();
        if (!Dom.is(root, Dom.SAMLP, "AuthnRequest")) throw new SamlException("Not an AuthnRequest: the root element is " + Dom.name(root));
        return of(root);
    }

    ObjectNode json() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("message", "AuthnRequest");
        put(o, "id", id);
        put(o, "issuer", issuer);
        put(o, "assertionConsumerServiceURL", acsUrl);
        put(o, "destination", destination);
        put(o, "issueInstant", issueInstant);
        put(o, "nameIdPolicy", nameIdPolicy);
        put(o, "requestedAuthnContext", authnContext);
        put(o, "forceAuthn", forceAuthn);
        return o;
    }

    static void put(ObjectNode o, String k, String v) {
        if (v != null) o.put(k, v);
    }
}
