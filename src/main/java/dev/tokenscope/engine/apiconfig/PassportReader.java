package dev.tokenscope.engine.apiconfig;

import java.util.List;
import java.util.regex.Pattern;

/** passport-azure-ad BearerStrategy options as JSON (identityMetadata, clientID, audience, issuer, isB2C, policyName). */
final class PassportReader implements JsonConfigReader {
    static final String FORMAT = "passport-azure-ad";
    private static final Pattern POLICY = Pattern.compile("(?i)b2c_1a?_[0-9a-z._-]+");

    @Override
    public String describe() {
        return "BearerStrategy options with identityMetadata and clientID (" + FORMAT + ")";
    }

    @Override
    public boolean accepts(Node root) {
        return root.exactly().get("identityMetadata") != null;
    }

    @Override
    public ApiConfig read(Node options) throws ApiConfigException {
        Node root = options.exactly();
        Draft d = new Draft(root.doc.source, FORMAT);
        d.secrets(root.secretPaths());
        Node mdNode = root.get("identityMetadata");
        String md = mdNode.text();
        if (md == null || Text.httpsHost(md) == null) throw mdNode.fail("should be an https URL (passport-azure-ad refuses anything else)");
        Node clientNode = root.get("clientID");
        String clientId = clientNode == null ? null : clientNode.text();
        if (clientId == null) {
            String other = root.otherSpelling("clientID");
            throw ApiConfigException.at(d.source(), root.line(), "clientID is missing (required by BearerStrategy)"
                    + (other != null
                            ? "; \"" + Text.clip(other) + "\" is another spelling, and the options' names are case-sensitive" : ""));
        }
        Node b2c = root.get("isB2C");
        boolean isB2C = b2c != null && Boolean.TRUE.equals(b2c.bool());
        String metadata = md;
        if (isB2C) {
            Node pol = root.get("policyName");
            String policy = pol == null ? null : pol.text();
            if (policy == null) throw ApiConfigException.at(d.source(), b2c.line(), "isB2C is true but policyName is missing");
            if (!POLICY.matcher(policy).matches()) {
                throw pol.fail("\"" + Text.clip(policy) + "\" is not a B2C policy name (b2c_1_… or b2c_1a_…)");
            }
            metadata = md + (md.contains("?") ? "&" : "?") + "p=" + policy;
            d.rule("B2C: the metadata URL gets p=" + policy);
        }
        Node aud = root.get("audience");
        if (aud != null && !aud.items().isEmpty()) {
            for (Node n : aud.items()) d.set("audiences", n.text(), n.from());
        } else {
            d.set("audiences", clientId, clientNode.from());
            d.set("audiences", "spn:" + clientId, clientNode.from() + ", spn: form");
            d.rule("No audience: passport-azure-ad accepts aud = clientID or spn:{clientID} (not api://{clientID})");
        }
        Node validate = root.get("validateIssuer");
        boolean validateIssuer = validate == null || !Boolean.FALSE.equals(validate.bool());
        Node iss = root.get("issuer");
        d.set("metadata", metadata, mdNode.from());
        if (!validateIssuer) {
            d.rule("validateIssuer is false: any iss is accepted (keys still from " + metadata + "); "
                    + "Tokenscope still compares iss with the metadata's issuer");
        } else if (iss != null && !iss.items().isEmpty()) {
            for (Node n : iss.items()) d.set("issuers", Text.literalIssuer(n.text()), n.from());
            d.rule("iss must be one of the issuer option's values exactly");
        } else {
            d.rule("iss must equal the metadata's issuer exactly");
            if (md.toLowerCase().contains("/common/")) {
                d.rule("identityMetadata is the common endpoint and no issuer is set: "
                        + "passport-azure-ad then needs tenantIdOrName per request (not in this file)");
            }
        }
        Node scope = root.get("scope");
        if (scope != null) {
            List<Node> scopes = scope.items();
            if (scopes.size() == 1) d.set("scopes", scopes.get(0).text(), scopes.get(0).from());
            d.rule("scope: any one scp value must be in the list"
                    + (scopes.size() > 1 ? "; Tokenscope requires every listed scope, so none is put in the profile" : ""));
        }
        Node multi = root.get("allowMultiAudiencesInToken");
        if (multi == null || !Boolean.TRUE.equals(multi.bool())) {
            d.rule("A token with several audiences is rejected (allowMultiAudiencesInToken is false)");
        }
        Node skew = root.get("clockSkew");
        d.rule("Clock skew " + (skew != null && skew.text() != null ? Text.clip(skew.text()) : "300") + " s");
        Node pii = root.get("loggingNoPII");
        if (pii == null || !Boolean.FALSE.equals(pii.bool())) {
            d.rule("loggingNoPII (default true): every failure is logged as \"In Strategy.prototype.jwtVerify: cannot verify token\"");
        }
        return d.build();
    }
}
