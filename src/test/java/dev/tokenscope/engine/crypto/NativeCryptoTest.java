package dev.tokenscope.engine.crypto;

import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeCryptoTest {
    private static boolean linuxX64() {
        return System.getProperty("os.name").toLowerCase().contains("linux") && System.getProperty("os.arch").matches("amd64|x86_64");
    }

    @Test
    void theNativeProviderLoadsWhereItIsPackagedAndSaysSo() {
        // The project ships ACCP's linux-x86_64 build; CI and this machine are that platform.
        assertEquals(linuxX64(), NativeCrypto.provider().isPresent(), NativeCrypto.describe());
        if (linuxX64()) assertTrue(NativeCrypto.describe().startsWith("native (AmazonCorrettoCryptoProvider "), NativeCrypto.describe());
    }

    @Test
    void itVerifiesWhatTheJdkSignsAndRejectsWhatItRejects() throws Exception {
        Provider p = NativeCrypto.provider().orElse(null);
        if (p == null) return; // covered by the test above: only on platforms without the native build
        var kp = KeyPairGenerator.getInstance("RSA");
        kp.initialize(2048);
        var pair = kp.generateKeyPair();
        byte[] data = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0".getBytes();
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initSign(pair.getPrivate());
        jdk.update(data);
        byte[] sig = jdk.sign();
        Signature nat = Signature.getInstance("SHA256withRSA", p);
        nat.initVerify(pair.getPublic());
        nat.update(data);
        assertTrue(nat.verify(sig));
        sig[10] ^= 1;
        nat.update(data); // after verify() the Signature is ready for the next one with the same key
        assertFalse(nat.verify(sig));
    }
}
