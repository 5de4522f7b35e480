package dev.tokenscope.engine.crypto;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one signature verifier (per-thread Signatures initialised once, from the native provider when it loads and the
 * caller allows it) agrees with nimbus' own RSASSAVerifier and with the JDK's provider on valid and on every kind of
 * bad signature, including after a failure on the same thread; other algorithms go to nimbus.
 */
class SignatureVerifiersTest {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static Map<String, String> signatures(JWSAlgorithm alg) throws Exception {
        String token = Tokens.sign(new JWTClaimsSet.Builder().subject("s").audience(Tokens.API_ID).build(), Tokens.RSA,
                new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(Tokens.RSA.getKeyID()).build());
        String other = Tokens.sign(new JWTClaimsSet.Builder().subject("other").build(), Tokens.RSA,
                new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(Tokens.RSA.getKeyID()).build());
        String sig = token.substring(token.lastIndexOf('.') + 1);
        byte[] raw = Base64.getUrlDecoder().decode(sig);
        byte[] flipped = raw.clone();
        flipped[raw.length / 2] ^= 0x01;
        byte[] modulus = ((RSAPublicKey) Tokens.RSA.toPublicKey()).getModulus().toByteArray();
        byte[] tooBig = new byte[raw.length];
        Arrays.fill(tooBig, (byte) 0xFF); // a value ≥ n
        Map<String, String> m = new LinkedHashMap<>();
        m.put("input", token.substring(0, token.lastIndexOf('.')));
        m.put("valid", sig);
        m.put("flipped", B64.encodeToString(flipped));
        m.put("other-token", other.substring(other.lastIndexOf('.') + 1));
        m.put("truncated", B64.encodeToString(Arrays.copyOf(raw, raw.length - 1)));
        m.put("longer", B64.encodeToString(Arrays.copyOf(raw, raw.length + 1)));
        m.put("empty", "");
        m.put("zero", B64.encodeToString(new byte[raw.length]));
        m.put("at-least-n", B64.encodeToString(tooBig));
        m.put("modulus", B64.encodeToString(modulus));
        m.put("not-base64", sig.substring(0, 10) + "*" + sig.substring(11));
        return m;
    }

    @Test
    void nativeJdkAndNimbusAgreeOnEverySignature() throws Exception {
        PublicKey key = Tokens.RSA.toPublicKey();
        List<String> checked = new ArrayList<>();
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512)) {
            Map<String, String> sigs = signatures(alg);
            byte[] input = sigs.remove("input").getBytes(StandardCharsets.US_ASCII);
            SignatureVerifier nativePlan = SignatureVerifiers.forKey(new JWSHeader(alg), key,
                    SignatureVerifiers.Providers.NATIVE_WHEN_LOADED);
            SignatureVerifier jdkPlan = SignatureVerifiers.forKey(new JWSHeader(alg), key, SignatureVerifiers.Providers.JDK);
            assertEquals("JDK", ((SignatureVerifiers.RsaPkcs1) jdkPlan).provider());
            assertEquals(NativeCrypto.provider().map(java.security.Provider::getName).orElse("JDK"),
                    ((SignatureVerifiers.RsaPkcs1) nativePlan).provider());
            RSASSAVerifier nimbus = new RSASSAVerifier((RSAPublicKey) key);
            JWSHeader header = new JWSHeader(alg);
            for (int round = 0; round < 2; round++) { // the second round runs after failures on the same Signatures
                for (Map.Entry<String, String> e : sigs.entrySet()) {
                    boolean expected = e.getKey().equals("valid");
                    boolean byNimbus;
                    try {
                        byNimbus = nimbus.verify(header, input, new Base64URL(e.getValue()));
                    } catch (Exception ex) {
                        byNimbus = false;
                    }
                    assertEquals(expected, byNimbus, alg + " " + e.getKey() + " (nimbus)");
                    assertEquals(expected, nativePlan.verify(token(input, e.getValue()), input.length),
                            alg + " " + e.getKey() + " (native)");
                    assertEquals(expected, jdkPlan.verify(token(input, e.getValue()), input.length), alg + " " + e.getKey() + " (JDK)");
                    checked.add(alg + " " + e.getKey());
                }
            }
        }
        assertEquals(3 * 2 * 10, checked.size());
        assertTrue(NativeCrypto.describe().length() > 0);
    }

    /** The whole compact token's bytes, as the batch path passes them: signing input, dot, signature. */
    private static byte[] token(byte[] signingInput, String signature) {
        byte[] sig = signature.getBytes(StandardCharsets.ISO_8859_1);
        byte[] t = Arrays.copyOf(signingInput, signingInput.length + 1 + sig.length);
        t[signingInput.length] = '.';
        System.arraycopy(sig, 0, t, signingInput.length + 1, sig.length);
        return t;
    }

    @Test
    void aKeyTheNativeProviderRefusesIsVerifiedByTheJdk() throws Exception {
        // A public exponent above 2^33: valid RSA, which the JDK accepts and AWS-LC refuses at initVerify.
        var gen = java.security.KeyPairGenerator.getInstance("RSA");
        gen.initialize(new java.security.spec.RSAKeyGenParameterSpec(2048, java.math.BigInteger.valueOf((1L << 40) + 15)));
        var pair = gen.generateKeyPair();
        byte[] input = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(pair.getPrivate());
        signer.update(input);
        String sig = B64.encodeToString(signer.sign());
        SignatureVerifier plan = SignatureVerifiers.forKey(new JWSHeader(JWSAlgorithm.RS256), pair.getPublic(),
                SignatureVerifiers.Providers.NATIVE_WHEN_LOADED);
        assertEquals("JDK", ((SignatureVerifiers.RsaPkcs1) plan).provider(), "AWS-LC refuses the exponent; the JDK takes it");
        assertTrue(plan.verify(token(input, sig), input.length));
        assertEquals(false, plan.verify(token(input,
                sig.substring(0, sig.length() - 2) + (sig.endsWith("A") ? "B" : "A") + sig.charAt(sig.length() - 1)), input.length));
    }

    @Test
    void otherAlgorithmsAreNimbusOwn() throws Exception {
        com.nimbusds.jose.jwk.ECKey ec = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID("ec")
                .generate();
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec").build(),
                new JWTClaimsSet.Builder().subject("s").build());
        jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(ec));
        String compact = jwt.serialize();
        int secondDot = compact.lastIndexOf('.');
        SignatureVerifier v = SignatureVerifiers.forKey(jwt.getHeader(), ec.toPublicKey(), SignatureVerifiers.Providers.NATIVE_WHEN_LOADED);
        assertTrue(v.verify(compact.getBytes(StandardCharsets.US_ASCII), secondDot));
        byte[] altered = compact.getBytes(StandardCharsets.US_ASCII);
        altered[secondDot - 2] ^= 0x01; // a payload character changed: still base64url, another signing input
        assertEquals(false, v.verify(altered, secondDot));
    }

    @Test
    void aKeyOfTheWrongTypeIsRefusedWhenTheVerifierIsMade() {
        assertThrows(com.nimbusds.jose.JOSEException.class, () -> SignatureVerifiers.forKey(new JWSHeader(JWSAlgorithm.RS256),
                new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).generate().toPublicKey(),
                SignatureVerifiers.Providers.JDK));
    }
}
