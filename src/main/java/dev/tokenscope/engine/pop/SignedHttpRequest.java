package dev.tokenscope.engine.pop;

import dev.tokenscope.engine.crypto.Algorithms;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.token.DecodedToken;
import dev.tokenscope.engine.token.TokenDecoder;
import dev.tokenscope.engine.token.TokenKind;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Signed HTTP Request (proof of possession, MSAL's "pop" scheme): a JWS with header typ "pop" whose payload carries the
 * access token ({@code at}), the request ({@code m}, {@code u}, {@code p}, {@code ts}) and the client's key ({@code cnf.jwk}).
 * The access token inside names the same key by its RFC 7638 thumbprint ({@code cnf.kid} or {@code cnf.jkt}) or as a
 * {@code cnf.jwk}. The SHR's key is used for one thing only: checking that the SHR is bound to the access token (same key)
 * and signed with it. It never makes the access token trusted: that is the issuer's keys' job.
 */
public final class SignedHttpRequest {
    private static final DefaultJWSVerifierFactory FACTORY = new DefaultJWSVerifierFactory();

    private final DecodedToken outer;
    private final DecodedToken inner;

    private SignedHttpRequest(DecodedToken outer, DecodedToken inner) {
        this.outer = outer;
        this.inner = inner;
    }

    /** The SHR {@code token} is, with its access token decoded, or null when it is not a Signed HTTP Request. */
    public static SignedHttpRequest detect(DecodedToken token, TokenDecoder decoder) {
        if (token.kind() != TokenKind.JWS || !"pop".equalsIgnoreCase(token.headerString("typ"))) return null;
        String at = token.claimString("at");
        if (at == null || at.isBlank()) return null;
        return new SignedHttpRequest(token, decoder.decode(at));
    }

    public DecodedToken outer() { return outer; }

    /** The access token the request carries: what is inspected. */
    public DecodedToken inner() { return inner; }

    /** The request the SHR describes: method, host, path, time (whatever it carries). */
    public Map<String, String> request() {
        Map<String, String> out = new LinkedHashMap<>();
        ObjectNode c = outer.claims();
        for (String k : new String[]{"m", "u", "p", "ts", "nonce"}) {
            JsonNode v = c.get(k);
            if (v != null && v.isValueNode()) out.put(k, v.asText());
        }
        return out;
    }

    /**
     * The outcome of the binding check.
     *
     * @param bound      true when the access token's cnf names the SHR's key and the SHR's signature verifies with it
     * @param problem    why it is not bound, or null
     * @param thumbprint the RFC 7638 SHA-256 thumbprint of the SHR's key, or null
     * @param expected   the thumbprint the access token's cnf names, or null
     */
    public record Binding(boolean bound, String problem, String thumbprint, String expected) {
        static Binding broken(String problem, String thumbprint, String expected) {
            return new Binding(false, problem, thumbprint, expected);
        }
    }

    public Binding binding() {
        JWK key;
        try {
            key = shrKey();
        } catch (ParseException | RuntimeException e) {
            return Binding.broken("the SHR's key (cnf.jwk) is not a valid JWK: " + e.getMessage(), null, null);
        }
        if (key == null) return Binding.broken("the SHR names no key (no cnf.jwk in its payload, no jwk in its header)", null, null);
        if (!(key instanceof AsymmetricJWK)) {
            return Binding.broken("the SHR's key is a " + key.getKeyType() + " key, not a public key", null, null);
        }
        String thumb;
        try {
            thumb = key.computeThumbprint().toString();
        } catch (JOSEException e) {
            return Binding.broken("the SHR's key has no RFC 7638 thumbprint: " + e.getMessage(), null, null);
        }
        String expected;
        try {
            expected = expectedThumbprint();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Binding.broken("the access token's cnf.jwk is not a valid JWK: " + e.getMessage(), thumb, null);
        }
        if (expected == null) {
            return Binding.broken("the access token has no cnf (kid, jkt or jwk): it is a bearer token, bound to no key", thumb, null);
        }
        if (!expected.equals(thumb)) {
            return Binding.broken("the access token is bound to key " + expected + ", but the SHR carries key " + thumb, thumb, expected);
        }
        String alg = outer.headerString("alg");
        if (alg == null || !Algorithms.ALLOWED.contains(alg)) {
            return Binding.broken("the SHR's algorithm " + alg + " is not an accepted signature algorithm", thumb, expected);
        }
        try {
            SignedJWT jws = (SignedJWT) outer.jwt();
            if (!jws.verify(FACTORY.createJWSVerifier(jws.getHeader(), ((AsymmetricJWK) key).toPublicKey()))) {
                return Binding.broken("the SHR's signature does not verify with its own key: it was altered or signed with another key",
                        thumb, expected);
            }
        } catch (JOSEException | ClassCastException e) {
            return Binding.broken("the SHR's signature could not be checked: " + e.getMessage(), thumb, expected);
        }
        return new Binding(true, null, thumb, expected);
    }

    /** The SHR's key: payload cnf.jwk, else the header's jwk (public parts only). */
    private JWK shrKey() throws ParseException {
        JsonNode jwk = outer.claims().path("cnf").path("jwk");
        if (!jwk.isObject() && outer.header() != null) jwk = outer.header().path("jwk");
        if (!jwk.isObject()) return null;
        return JWK.parse(Json.compact((ObjectNode) jwk)).toPublicJWK();
    }

    /** The thumbprint the access token's cnf names: kid or jkt as written, or the thumbprint of its jwk. */
    private String expectedThumbprint() throws ParseException, JOSEException {
        if (inner.claims() == null) return null;
        JsonNode cnf = inner.claims().path("cnf");
        if (cnf.path("kid").isTextual()) return cnf.get("kid").asText();
        if (cnf.path("jkt").isTextual()) return cnf.get("jkt").asText();
        if (cnf.path("jwk").isObject()) return JWK.parse(Json.compact((ObjectNode) cnf.get("jwk"))).computeThumbprint().toString();
        return null;
    }
}
