import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileWriter;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The least a Java 17 program must do to verify the perf corpus, as a lower bound for {@code tokenscope verify}: no
 * report, no diagnosis, no checks beyond the peers' own. A peer of ../shared/perf:
 * {@code java JavaFloor MODE JWKS TOKENS ISS AUD [INVALID_OUT]} prints {@code peer=java-floor-MODE valid=N invalid=M
 * tokens=T loop_s=S}.
 * <ul>
 *   <li>{@code sig}: RS256 signature only (the key taken from the JWKS with a regular expression, no JSON library);</li>
 *   <li>{@code json}: the signature, and header and payload decoded and parsed (Jackson trees, as a real verifier
 *   must) with alg, kid, exp, nbf, iss and aud checked, as the peers do.</li>
 * </ul>
 * Both read lines on the main thread and verify chunks of 128 lines on one worker per core with the Amazon Corretto
 * Crypto Provider (native RSA), one Signature and key object per worker, initialised once.
 */
public final class JavaFloor {
    private static final ThreadLocal<Signature> SIG = new ThreadLocal<>();

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        boolean json = mode.equals("json");
        String jwks = Files.readString(Path.of(args[1]));
        String iss = args[3], aud = args[4];
        Provider provider = (Provider) Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider")
                .getField("INSTANCE").get(null);
        String kid = text(jwks, "kid");
        RSAPublicKeySpec spec = new RSAPublicKeySpec(big(jwks, "n"), big(jwks, "e"));
        ObjectMapper mapper = json ? new ObjectMapper() : null;
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        long now = System.currentTimeMillis() / 1000;
        ArrayDeque<Future<boolean[]>> inFlight = new ArrayDeque<>();
        List<Integer> invalid = new ArrayList<>();
        int[] counts = new int[2]; // lines, valid
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(args[2]), StandardCharsets.US_ASCII), 1 << 16)) {
            while (true) {
                String[] chunk = new String[128];
                int n = 0;
                String l;
                while (n < chunk.length && (l = in.readLine()) != null) chunk[n++] = l;
                if (n == 0) break;
                int size = n;
                inFlight.add(pool.submit(() -> {
                    Signature s = SIG.get();
                    if (s == null) {
                        s = Signature.getInstance("SHA256withRSA", provider);
                        PublicKey key = KeyFactory.getInstance("RSA", provider).generatePublic(spec);
                        s.initVerify(key);
                        SIG.set(s);
                    }
                    boolean[] ok = new boolean[size];
                    for (int i = 0; i < size; i++) ok[i] = verify(chunk[i], s, mapper, now, iss, aud, kid);
                    return ok;
                }));
                while (inFlight.size() > threads * 4) {
                    tally(inFlight.poll().get(), counts, invalid);
                }
            }
            while (!inFlight.isEmpty()) {
                tally(inFlight.poll().get(), counts, invalid);
            }
        }
        double secs = (System.nanoTime() - started) / 1e9;
        pool.shutdownNow();
        if (args.length > 5) {
            try (PrintWriter w = new PrintWriter(new FileWriter(args[5]))) {
                for (int i : invalid) w.println(i);
            }
        }
        System.out.printf("peer=java-floor-%s valid=%d invalid=%d tokens=%d loop_s=%.3f%n", mode, counts[1], invalid.size(), counts[0], secs);
    }

    private static void tally(boolean[] results, int[] counts, List<Integer> invalid) {
        for (boolean ok : results) {
            counts[0]++;
            if (ok) counts[1]++;
            else invalid.add(counts[0]);
        }
    }

    private static boolean verify(String token, Signature s, ObjectMapper mapper, long now, String iss, String aud, String kid) {
        try {
            int d1 = token.indexOf('.'), d2 = token.indexOf('.', d1 + 1);
            if (d1 < 0 || d2 < 0) return false;
            if (mapper != null) {
                JsonNode header = mapper.readTree(Base64.getUrlDecoder().decode(token.substring(0, d1)));
                if (!"RS256".equals(header.path("alg").textValue()) || !kid.equals(header.path("kid").textValue())) return false;
                JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(token.substring(d1 + 1, d2)));
                JsonNode exp = claims.get("exp");
                if (exp == null || !exp.canConvertToLong() || exp.asLong() <= now) return false;
                JsonNode nbf = claims.get("nbf");
                if (nbf != null && (!nbf.canConvertToLong() || nbf.asLong() > now)) return false;
                if (!iss.equals(claims.path("iss").textValue())) return false;
                JsonNode a = claims.get("aud");
                if (a == null || !(aud.equals(a.textValue()) || (a.isArray() && a.toString().contains('"' + aud + '"')))) return false;
            }
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(d2 + 1)); // before update: a bad part leaves s clean
            s.update(token.getBytes(StandardCharsets.US_ASCII), 0, d2);
            return s.verify(signature);
        } catch (Exception e) {
            SIG.remove(); // a fresh Signature for the next chunk
            return false;
        }
    }

    private static BigInteger big(String jwks, String member) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(text(jwks, member)));
    }

    /** A string member of the (one-key) key set, found with a regular expression: no JSON library in sig mode. */
    private static String text(String jwks, String member) {
        Matcher m = Pattern.compile("\"" + member + "\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"").matcher(jwks);
        if (!m.find()) throw new IllegalArgumentException("no " + member + " in the key set");
        return m.group(1);
    }
}
