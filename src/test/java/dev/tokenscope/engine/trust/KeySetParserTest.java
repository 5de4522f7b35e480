package dev.tokenscope.engine.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.testing.FakeEntra;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeySetParserTest {
    /** Every kind of published key, with certificate chains, key metadata, odd numbers and unknown members. */
    private static String keySet() throws Exception {
        String cert = Base64.encode(FakeEntra.ROOT.certificate().getEncoded()).toString();
        Map<String, Object> rsa = new java.util.LinkedHashMap<>(Tokens.RSA.toPublicJWK().toJSONObject());
        rsa.put("issuer", "https://login.microsoftonline.com/{tenantid}/v2.0");
        rsa.put("exp", 4102444800L);
        rsa.put("iat", 1700000000L);
        rsa.put("big", new java.math.BigInteger("123456789012345678901234567890"));
        rsa.put("ratio", 1.5);
        rsa.put("flag", true);
        rsa.put("nothing", null);
        rsa.put("nested", Map.of("a", List.of(1, "two")));
        // A key with its certificate: the test CA's own (an EC P-256 key).
        Map<String, Object> ec = new com.nimbusds.jose.jwk.ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256,
                (java.security.interfaces.ECPublicKey) FakeEntra.ROOT.keyPair().getPublic()).keyID("with-cert")
                .x509CertChain(List.of(new Base64(cert))).build().toJSONObject();
        Map<String, Object> opsOnly = new java.util.LinkedHashMap<>(Tokens.RSA_OTHER.toPublicJWK().toJSONObject());
        opsOnly.remove("use");
        opsOnly.put("key_ops", List.of("verify"));
        Map<String, Object> broken = Map.of("kty", "RSA", "kid", "no-modulus", "e", "AQAB");
        return Json.MAPPER.writeValueAsString(Map.of("keys", List.of(rsa, ec, opsOnly, broken)));
    }

    @Test
    void keysParsedFromTheTreeAreTheKeysNimbusParsesFromTheText() throws Exception {
        String text = keySet();
        KeySetParser.Parsed p = KeySetParser.parse((ObjectNode) Json.parse(text), "test");
        assertEquals(3, p.keys().size(), p.skipped().toString());
        assertEquals(1, p.skipped().size());
        assertTrue(p.skipped().get(0).contains("no-modulus"), p.skipped().get(0));
        List<Object> fromText = java.util.Arrays.stream(com.nimbusds.jose.util.JSONObjectUtils.getJSONObjectArray(
                com.nimbusds.jose.util.JSONObjectUtils.parse(text), "keys")).limit(3).map(m -> {
                    try {
                        return (Object) JWK.parse(m).toJSONObject();
                    } catch (java.text.ParseException e) {
                        throw new AssertionError(e);
                    }
                }).toList();
        assertEquals(fromText, p.keys().stream().map(k -> (Object) k.toJSONObject()).toList());
        assertEquals(4102444800L, p.keys().get(0).getExpirationTime().getTime() / 1000);
        assertEquals(1, p.keys().get(1).getX509CertChain().size());
    }

    @Test
    void treeValuesBecomeWhatNimbusJsonParsingGives() throws Exception {
        String text = "{\"s\":\"x\",\"i\":1,\"l\":4102444800,\"big\":123456789012345678901234567890,\"d\":1.5,\"t\":true,"
                + "\"n\":null,\"a\":[1,\"two\",{\"k\":[]}]}";
        assertEquals(com.nimbusds.jose.util.JSONObjectUtils.parse(text), Json.toJava(Json.parse(text)));
        for (String overflow : List.of("1e400", "-1e400", "1" + "0".repeat(400))) {
            String t = "{\"exp\":" + overflow + "}";
            org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> com.nimbusds.jose.util.JSONObjectUtils.parse(t), overflow);
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Json.toJava(Json.parse(t)), overflow);
        }
    }

    @Test
    void aKeyWithANumberBeyondADoubleIsSkippedAsBefore() throws Exception {
        String key = Json.MAPPER.writeValueAsString(Tokens.RSA.toPublicJWK().toJSONObject());
        String text = "{\"keys\":[" + key.replace("{", "{\"exp\":1e400,") + ","
                + key.replace("{", "{\"kid\":\"fine\",").replace("\"kid\":\"" + Tokens.RSA.getKeyID() + "\",", "") + "]}";
        KeySetParser.Parsed p = KeySetParser.parse((ObjectNode) Json.parse(text), "test");
        assertEquals(1, p.keys().size(), p.skipped().toString());
        assertEquals("fine", p.keys().get(0).getKeyID());
        assertTrue(p.skipped().get(0).contains("beyond the range"), p.skipped().get(0));
    }
}
