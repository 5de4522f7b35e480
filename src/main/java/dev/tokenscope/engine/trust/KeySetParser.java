package dev.tokenscope.engine.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.net.FetchException;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Parses a JWKS document key by key (one broken key doesn't hide the others) and keeps each key's raw JSON. */
final class KeySetParser {
    private KeySetParser() {
    }

    record Parsed(List<JWK> keys, Map<JWK, ObjectNode> raw, List<String> skipped) {
    }

    static Parsed parse(ObjectNode doc, String source) throws FetchException {
        JsonNode keys = doc.get("keys");
        if (keys == null || !keys.isArray()) {
            throw new FetchException(FetchException.Kind.WRONG_SHAPE, source,
                    "the document at " + source + " has no \"keys\" array: not a JWK set"
                            + (doc.has("jwks_uri") ? " (it looks like OpenID metadata; give it as --metadata)" : ""));
        }
        List<JWK> out = new ArrayList<>();
        Map<JWK, ObjectNode> raw = new IdentityHashMap<>();
        List<String> skipped = new ArrayList<>();
        int i = 0;
        for (JsonNode k : keys) {
            i++;
            if (!(k instanceof ObjectNode obj)) {
                skipped.add("key " + i + " is not a JSON object");
                continue;
            }
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> members = (Map<String, Object>) Json.toJava(obj);
                JWK jwk = JWK.parse(members);
                if (jwk.isPrivate()) jwk = jwk.toPublicJWK(); // a published set must never hold private parts; don't keep them
                out.add(jwk);
                raw.put(jwk, obj);
            } catch (ParseException | RuntimeException e) {
                skipped.add("key " + i + (obj.hasNonNull("kid") ? " (kid " + obj.get("kid").asText() + ")" : "")
                        + " skipped: " + e.getMessage());
            }
        }
        return new Parsed(out, raw, skipped);
    }
}
