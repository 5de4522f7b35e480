package dev.tokenscope.engine.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWT;

import java.util.List;

/**
 * The result of decoding one compact token. Header and claims are kept as ordered JSON (exactly as
 * the issuer wrote them); {@code jwt} is the nimbus object when nimbus could parse the token, used
 * later to verify the signature.
 *
 * @param raw        the compact token as decoded (after extraction cleaned it)
 * @param kind       JWS, JWE, opaque or malformed
 * @param header     the (protected) JOSE header, or null when it could not be decoded
 * @param claims     the payload as a JSON object, or null (JWE, opaque, undecodable payload)
 * @param signature  length in bytes of the decoded signature (0 when empty, -1 when not applicable)
 * @param problems   structural problems found, in order; empty for a well-formed token
 * @param jwt        nimbus' parsed object, or null when nimbus refused the token
 * @param nimbusError nimbus' message when it refused a token we could still read, else null
 */
public record DecodedToken(String raw, TokenKind kind, ObjectNode header, ObjectNode claims, int signature,
                           List<Problem> problems, JWT jwt, String nimbusError) {

    public DecodedToken {
        problems = List.copyOf(problems);
    }

    public boolean wellFormed() {
        return problems.isEmpty() && (kind == TokenKind.JWS || kind == TokenKind.JWE);
    }

    public String headerString(String name) {
        return header != null && header.hasNonNull(name) && header.get(name).isTextual() ? header.get(name).asText() : null;
    }

    public String claimString(String name) {
        return claims != null && claims.hasNonNull(name) && claims.get(name).isTextual() ? claims.get(name).asText() : null;
    }

    public boolean hasClaim(String name) {
        return claims != null && claims.has(name);
    }
}
