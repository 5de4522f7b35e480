package dev.tokenscope.engine.apiconfig;

import java.util.ArrayList;
import java.util.List;

/** appsettings.json for ASP.NET Core's JwtBearer bound from Authentication:Schemes:{scheme} (.NET 7+). */
final class JwtBearerReader implements JsonConfigReader {
    static final String FORMAT = "aspnetcore-jwtbearer";

    @Override
    public String describe() {
        return "Authentication:Schemes:<scheme> with Authority/MetadataAddress/ValidAudiences/ValidIssuers (" + FORMAT + ")";
    }

    @Override
    public boolean accepts(Node root) {
        return !schemes(root).isEmpty();
    }

    static List<Node> schemes(Node root) {
        List<Node> l = new ArrayList<>();
        Node schemes = root.at("Authentication", "Schemes");
        if (schemes == null) return l;
        for (Node s : schemes.fields()) {
            if (!s.isObject()) continue;
            for (String k : List.of("Authority", "MetadataAddress", "ValidAudience", "ValidAudiences", "ValidIssuer", "ValidIssuers")) {
                if (s.get(k) != null) { l.add(s); break; }
            }
        }
        return l;
    }

    @Override
    public ApiConfig read(Node root) throws ApiConfigException {
        List<Node> all = schemes(root);
        Node s = all.stream().filter(n -> n.name().equalsIgnoreCase("Bearer")).findFirst().orElse(all.size() == 1 ? all.get(0) : null);
        if (s == null) {
            throw new ApiConfigException(root.doc.source + ": several JwtBearer schemes under Authentication:Schemes ("
                    + String.join(", ", all.stream().map(n -> n.name() + " (line " + n.line() + ")").toList())
                    + ") and none is called Bearer: import one at a time");
        }
        Draft d = new Draft(root.doc.source, FORMAT);
        d.secrets(s.secretPaths());
        List<Node> aud = new ArrayList<>(), iss = new ArrayList<>();
        for (String k : List.of("ValidAudience", "ValidAudiences")) if (s.get(k) != null) aud.addAll(s.get(k).items());
        for (String k : List.of("ValidIssuer", "ValidIssuers")) if (s.get(k) != null) iss.addAll(s.get(k).items());
        for (Node n : aud) d.set("audiences", n.text(), n.from());
        for (Node n : iss) {
            d.set("issuers", Text.literalIssuer(n.text()), n.from());
            if (n.text().contains("{")) {
                d.rule(n.path() + " contains a {…} placeholder: JwtBearer compares issuers literally "
                        + "(no tenant substitution without Microsoft.Identity.Web), so it matches no real token");
            }
        }
        d.rule(aud.isEmpty() ? "No ValidAudience(s): configuration binding sets ValidateAudience = false, so any aud is accepted"
                : "aud must equal one of ValidAudience/ValidAudiences (ordinal; one trailing / tolerated)");
        Node authority = s.get("Authority"), metadata = s.get("MetadataAddress");
        String md = null, from = null;
        if (metadata != null && metadata.text() != null) { md = metadata.text(); from = metadata.from(); }
        else if (authority != null && authority.text() != null) {
            md = Text.withSlash(authority.text()) + ".well-known/openid-configuration";
            from = authority.from() + " + /.well-known/openid-configuration";
        }
        if (md != null) {
            if (Text.httpsHost(md) == null) {
                throw ApiConfigException.at(d.source(), metadata != null && metadata.text() != null ? metadata.line() : authority.line(),
                        (metadata != null && metadata.text() != null ? metadata.path() : authority.path()) + " \"" + Text.clip(md)
                                + "\" is not an https URL (RequireHttpsMetadata defaults to true)");
            }
            d.set("metadata", md, from);
            d.rule("Signing keys come from the metadata document " + md);
        } else {
            d.rule("No Authority or MetadataAddress: keys must come from code or {issuer}:SigningKeys (not imported)");
        }
        d.rule(iss.isEmpty() ? "No ValidIssuer(s): configuration binding sets ValidateIssuer = false, so any iss is accepted"
                + (md != null ? "; Tokenscope still compares iss with the metadata's issuer (stricter than the API)" : "")
                : "iss must equal one of ValidIssuer/ValidIssuers exactly (ordinal)");
        if (s.get("Audience") != null) {
            d.rule(s.get("Audience").path() + " is not read by configuration binding (only ValidAudience/ValidAudiences): ignored");
        }
        d.rule("JwtBearer's default clock skew is 5 minutes; "
                + "on failure it answers 401 with WWW-Authenticate: Bearer error=\"invalid_token\", error_description=…");
        return d.build();
    }
}
