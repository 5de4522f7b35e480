package dev.tokenscope.engine.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.claims.ClaimCatalogue;
import dev.tokenscope.engine.token.DecodedToken;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Facts read off a decoded token that several checks need: version, issuer family, audiences, client,
 * permissions, and what kind of token it is (delegated access token, app-only access token, ID token).
 */
public final class TokenFacts {
    public enum Type {
        ACCESS_TOKEN("access token (delegated, on behalf of a user)"),
        APP_ONLY_ACCESS_TOKEN("app-only access token (client credentials, no user)"),
        ID_TOKEN("ID token (proof of sign-in for the client app, not an access token)"),
        UNKNOWN("token of unknown type");

        private final String label;

        Type(String label) { this.label = label; }

        public String label() { return label; }
    }

    private final DecodedToken token;
    private final ObjectNode c;
    private final IssuerInfo issuer;

    public TokenFacts(DecodedToken token) {
        this.token = token;
        this.c = token.claims();
        this.issuer = IssuerInfo.classify(str("iss"), str("ver"), policy());
    }

    public DecodedToken token() { return token; }

    public IssuerInfo issuer() { return issuer; }

    public String str(String name) {
        return c != null && c.path(name).isTextual() ? c.get(name).asText() : null;
    }

    public boolean has(String name) {
        return c != null && c.has(name);
    }

    public String iss() { return str("iss"); }

    public String tid() { return str("tid"); }

    public String ver() { return str("ver"); }

    /** B2C policy from "tfp" or (older tokens) "acr". */
    public String policy() {
        String tfp = str("tfp");
        if (tfp != null) return tfp;
        String acr = str("acr");
        return acr != null && acr.toLowerCase().startsWith("b2c_") ? acr : null;
    }

    /** "aud" as a list: a string or an array of strings (other types yield nothing). */
    public List<String> audiences() {
        List<String> out = new ArrayList<>();
        if (c == null) return out;
        JsonNode aud = c.get("aud");
        if (aud == null) return out;
        if (aud.isTextual()) out.add(aud.asText());
        else if (aud.isArray()) for (JsonNode n : aud) if (n.isTextual()) out.add(n.asText());
        return out;
    }

    /** The client app: "azp" (v2) or "appid" (v1). */
    public String clientId() {
        String azp = str("azp");
        return azp != null ? azp : str("appid");
    }

    public Set<String> scopes() {
        String scp = str("scp");
        if (scp == null) return Set.of();
        return new LinkedHashSet<>(Arrays.asList(scp.trim().split("\\s+")));
    }

    public Set<String> roles() {
        Set<String> out = new LinkedHashSet<>();
        if (c == null) return out;
        JsonNode r = c.get("roles");
        if (r != null && r.isArray()) {
            for (JsonNode n : r) if (n.isTextual()) out.add(n.asText());
        } else if (r != null && r.isTextual()) {
            out.add(r.asText());
        }
        return out;
    }

    public boolean headerNonce() {
        return token.header() != null && token.header().has("nonce");
    }

    /** A token for Microsoft Graph: one of Graph's audiences, or a header nonce with no audience at all. */
    public boolean graph() {
        List<String> auds = audiences();
        return auds.stream().anyMatch(EntraFacts::isGraphAudience) || (headerNonce() && auds.isEmpty());
    }

    /**
     * A token for another Microsoft first-party API (Teams, Azure Resource Manager, SharePoint …): a header nonce
     * (Microsoft's special signature that only the resource can validate) and an audience that is not Graph's.
     */
    public boolean firstParty() {
        return headerNonce() && !graph();
    }

    /** The resource the token is for, named when it is a well-known Microsoft API ("Azure Resource Manager"), else its aud. */
    public String resourceName() {
        List<String> auds = audiences();
        if (auds.isEmpty()) return null;
        for (String a : auds) {
            Optional<String> known = ClaimCatalogue.get().wellKnownApp(a);
            if (known.isPresent()) return known.get();
        }
        return auds.get(0);
    }

    /** Evidence that this is an ID token: payload nonce, at_hash/c_hash, or no client/scope/role claims at all. */
    public List<String> idTokenSigns() {
        List<String> signs = new ArrayList<>();
        if (has("nonce")) signs.add("a \"nonce\" claim in the payload (echo of the sign-in request)");
        if (has("at_hash")) signs.add("an \"at_hash\" claim");
        if (has("c_hash")) signs.add("a \"c_hash\" claim");
        if (!has("scp") && !has("roles") && !has("azp") && !has("appid") && has("aud") && has("sub")) {
            signs.add("no \"scp\", \"roles\", \"azp\" or \"appid\": the audience is the client app itself");
        }
        return signs;
    }

    public Type type() {
        if (c == null) return Type.UNKNOWN;
        List<String> id = idTokenSigns();
        if (!id.isEmpty() && !has("scp")) return Type.ID_TOKEN;
        if ("app".equals(str("idtyp")) || (has("roles") && !has("scp"))) return Type.APP_ONLY_ACCESS_TOKEN;
        if (has("scp") || has("roles") || has("azp") || has("appid")) return Type.ACCESS_TOKEN;
        return Type.UNKNOWN;
    }
}
