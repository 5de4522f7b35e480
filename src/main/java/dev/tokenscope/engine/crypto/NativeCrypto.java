package dev.tokenscope.engine.crypto;

import java.security.Provider;
import java.util.Optional;

/**
 * OpenSSL-class signature verification for batch work: the Amazon Corretto Crypto Provider (ACCP, a JCA provider
 * over AWS-LC, Apache 2.0) when its native library loads on this platform, else nothing and callers use the JDK's
 * own provider.
 *
 * <p>Why: verifying a 2048-bit RSA signature in the JDK takes about 5× the time OpenSSL takes on the same machine,
 * and only once C2 has compiled {@code BigInteger}'s Montgomery code, so a batch of tens of thousands of tokens is
 * dominated by RSA and JIT warm-up. ACCP verifies in native code from the first call. Nothing here is hand-written
 * crypto: the provider is looked up by name and used through the standard {@link java.security.Signature} API, and
 * the JOSE logic (which key, which algorithm, what the signing input is) stays with the checks and nimbus.
 *
 * <p>Only the batch verifier uses it: one interactive inspection verifies one signature, for which loading a native
 * library (about 0.1 s) would cost more than it saves. Set {@code -Dtokenscope.nativeCrypto=false} to never load it
 * (the results are the same, only slower).
 */
public final class NativeCrypto {
    /** The system property that turns native crypto off ({@code false}). */
    public static final String PROPERTY = "tokenscope.nativeCrypto";
    private static final String ACCP = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private NativeCrypto() {
    }

    private static final class Holder {
        static String whyNot;
        static final Provider PROVIDER = load();
    }

    private static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
    }

    private static Provider load() {
        if (!enabled()) {
            Holder.whyNot = PROPERTY + "=false";
            return null;
        }
        Class<?> c;
        try {
            c = Class.forName(ACCP, true, NativeCrypto.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            Holder.whyNot = "the native provider is not on the class path (not packaged for this platform)";
            return null;
        } catch (LinkageError e) {
            Holder.whyNot = "the native provider did not load: " + e;
            return null;
        }
        try {
            Provider p = (Provider) c.getField("INSTANCE").get(null);
            // ACCP reports a failed native load instead of throwing: ask before trusting it.
            Object error = c.getMethod("getLoadingError").invoke(p);
            if (error != null) {
                Holder.whyNot = "the native library did not load on this platform: " + error;
                return null;
            }
            if (p.getService("Signature", "SHA256withRSA") == null) {
                Holder.whyNot = "the native provider has no SHA256withRSA";
                return null;
            }
            return p;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Holder.whyNot = "the native provider did not load: " + e;
            return null;
        }
    }

    /**
     * True when the provider would load its native library from the library path as it is (the launchers set
     * {@code -Dcom.amazon.corretto.crypto.provider.useExternalLib=true} and {@code java.library.path}), rather than
     * unpack a copy into the temp directory first; and native crypto is not off.
     */
    public static boolean loadsInPlace() {
        return enabled() && Boolean.getBoolean("com.amazon.corretto.crypto.provider.useExternalLib");
    }

    /** The native provider, loading it on first use, or empty when it is off or does not load here. */
    public static Optional<Provider> provider() {
        return Optional.ofNullable(Holder.PROVIDER);
    }

    /** A one-line description for {@code --stats} and logs: which provider verifies, and why not the native one. */
    public static String describe() {
        Provider p = Holder.PROVIDER;
        if (p != null) return "native (" + p.getName() + " " + p.getVersionStr() + ")";
        return "JDK (" + Holder.whyNot + ")";
    }
}
