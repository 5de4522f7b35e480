package dev.tokenscope.engine.snippets;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.net.DocumentStore;
import dev.tokenscope.engine.net.Http;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.engine.trust.OnlineTrustResolver;
import dev.tokenscope.testing.FakeEntra;
import dev.tokenscope.testing.Tokens;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The generated Python, Java and Node snippets, run for real against a loopback issuer (plain HTTP on 127.0.0.1 serving
 * Entra-shaped metadata and keys), give the same verdict as Tokenscope for valid, expired, wrong-audience and
 * (multi-tenant) wrong-issuer tokens. The Node snippet also runs over HTTPS against {@link FakeEntra}, trusting the
 * test CA through NODE_EXTRA_CA_CERTS; its jose comes from {@link NodeJose}.
 */
class SnippetRunTest {
    static final String OTHER_TENANT = "5e3c8a11-2b7d-4f6e-9a0c-1d2e3f4a5b6c";
    static MockWebServer server;
    static String base;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = new MockWebServer();
        String keys = Tokens.publicSet(Tokens.RSA, Tokens.RSA_OTHER).toString();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String path = r.getUrl().encodedPath();
                String body = switch (path) {
                    case "/" + TENANT + "/v2.0/.well-known/openid-configuration" ->
                            "{\"issuer\":\"" + Tokens.V2_ISS + "\",\"jwks_uri\":\"" + base + "/keys\"}";
                    case "/organizations/v2.0/.well-known/openid-configuration" ->
                            "{\"issuer\":\"https://login.microsoftonline.com/{tenantid}/v2.0\",\"jwks_uri\":\"" + base + "/keys\"}";
                    case "/keys" -> keys;
                    default -> null;
                };
                return body == null ? new MockResponse.Builder().code(404).build()
                        : new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        base = "http://127.0.0.1:" + server.getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Inspector tokenscope() {
        return new Inspector(new OnlineTrustResolver(new DocumentStore(Http.standard(), null, Clock.systemUTC()), Clock.systemUTC()),
                Clock.systemUTC());
    }

    /** Tokens relative to the real clock (the snippets use it). */
    static JWTClaimsSet.Builder fresh() {
        Instant now = Instant.now();
        return Tokens.v2Access().issueTime(Date.from(now.minusSeconds(300))).notBeforeTime(Date.from(now.minusSeconds(300)))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    static Map<String, String> singleTenantCases() {
        Map<String, String> m = new LinkedHashMap<>();
        Instant now = Instant.now();
        m.put("valid", Tokens.sign(fresh()));
        m.put("expired", Tokens.sign(fresh().expirationTime(Date.from(now.minusSeconds(3600)))));
        m.put("wrong audience", Tokens.sign(fresh().audience("00000002-0000-0000-c000-000000000000")));
        return m;
    }

    static Map<String, String> multiTenantCases() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("valid", Tokens.sign(fresh()));
        m.put("iss tenant is not tid", Tokens.sign(fresh().issuer("https://login.microsoftonline.com/" + OTHER_TENANT + "/v2.0")));
        m.put("other tenant, both agree", Tokens.sign(fresh().issuer("https://login.microsoftonline.com/" + OTHER_TENANT + "/v2.0").claim("tid", OTHER_TENANT)));
        return m;
    }

    static ValidationProfile single() {
        return new ValidationProfile(List.of(API_ID), null, null, null, null, null, null,
                base + "/" + TENANT + "/v2.0/.well-known/openid-configuration", null, false);
    }

    static ValidationProfile multi() {
        return new ValidationProfile(List.of(API_ID), List.of(TENANT, OTHER_TENANT), null, null, null, null, null,
                base + "/organizations/v2.0/.well-known/openid-configuration", null, false);
    }

    /** Tokenscope's verdicts, and the snippet generated from the first (valid) report. */
    static Map<String, Boolean> expected(Map<String, String> cases, ValidationProfile p) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        Inspector i = tokenscope();
        for (Map.Entry<String, String> e : cases.entrySet()) {
            Report r = i.inspect(e.getValue(), p);
            assertTrue(r.verdict() != Verdict.UNDETERMINED, e.getKey() + ": " + r.summary());
            out.put(e.getKey(), r.verdict() == Verdict.VALID);
        }
        assertEquals(true, out.values().iterator().next(), "the first case is valid");
        assertTrue(out.containsValue(false));
        return out;
    }

    static Snippet snippet(Language l, String validToken, ValidationProfile p) {
        Report r = tokenscope().inspect(validToken, p);
        return new SnippetGenerator().generate(l, r, p);
    }

    @Test
    void pythonSnippetAgreesWithTokenscope() throws Exception {
        assumeTrue(pythonJwt(), "/usr/bin/python3 with PyJWT (apt install python3-jwt)");
        for (ValidationProfile p : List.of(single(), multi())) {
            Map<String, String> cases = p == null ? null : p.tenants().isEmpty() ? singleTenantCases() : multiTenantCases();
            Map<String, Boolean> want = expected(cases, p);
            Snippet s = snippet(Language.PYTHON, cases.values().iterator().next(), p);
            assertEquals(!p.tenants().isEmpty(), s.settings().multiTenant());
            Path file = dir.resolve((p.tenants().isEmpty() ? "single_" : "multi_") + s.fileName());
            Files.writeString(file, s.code());
            for (Map.Entry<String, String> e : cases.entrySet()) {
                String[] got = run(List.of("/usr/bin/python3", file.toString(), e.getValue()));
                assertEquals(want.get(e.getKey()), got[0].equals("0"),
                        e.getKey() + " (" + (p.tenants().isEmpty() ? "single" : "multi") + "-tenant): " + got[1]);
                assertTrue(got[1].startsWith(want.get(e.getKey()) ? "valid" : "invalid: "), got[1]);
            }
        }
    }

    @Test
    void javaSnippetCompilesAndAgreesWithTokenscope() throws Exception {
        for (ValidationProfile p : List.of(single(), multi())) {
            Map<String, String> cases = p.tenants().isEmpty() ? singleTenantCases() : multiTenantCases();
            Map<String, Boolean> want = expected(cases, p);
            Snippet s = snippet(Language.JAVA, cases.values().iterator().next(), p);
            Class<?> validator = compile(s, dir.resolve(p.tenants().isEmpty() ? "single" : "multi"));
            Object instance = validator.getConstructor().newInstance();
            for (Map.Entry<String, String> e : cases.entrySet()) {
                boolean valid;
                String why = "";
                try {
                    validator.getMethod("validate", String.class).invoke(instance, e.getValue());
                    valid = true;
                } catch (InvocationTargetException ex) {
                    valid = false;
                    why = String.valueOf(ex.getCause());
                }
                assertEquals(want.get(e.getKey()), valid, e.getKey() + ": " + why);
            }
        }
    }

    @Test
    void nodeSnippetIsValidJavaScript() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")), "node");
        for (ValidationProfile p : List.of(single(), multi())) {
            Snippet s = snippet(Language.NODE, Tokens.sign(fresh()), p);
            Path file = dir.resolve((p.tenants().isEmpty() ? "single-" : "multi-") + s.fileName());
            Files.writeString(file, s.code());
            String[] got = run(List.of("/usr/bin/node", "--check", file.toString()));
            assertEquals("0", got[0], got[1]);
        }
    }

    @Test
    void nodeSnippetAgreesWithTokenscope() throws Exception {
        Path node = node();
        for (ValidationProfile p : List.of(single(), multi())) {
            Map<String, String> cases = p.tenants().isEmpty() ? singleTenantCases() : multiTenantCases();
            Map<String, Boolean> want = expected(cases, p);
            Snippet s = snippet(Language.NODE, cases.values().iterator().next(), p);
            assertEquals(!p.tenants().isEmpty(), s.settings().multiTenant());
            Path file = NodeJose.workDir(p.tenants().isEmpty() ? "single" : "multi").resolve(s.fileName());
            Files.writeString(file, s.code());
            for (Map.Entry<String, String> e : cases.entrySet()) {
                String[] got = run(List.of(node.toString(), file.toString(), e.getValue()), Map.of());
                String what = e.getKey() + " (" + (p.tenants().isEmpty() ? "single" : "multi") + "-tenant): " + got[1];
                assertEquals(want.get(e.getKey()), got[0].equals("0"), what);
                assertTrue(got[1].startsWith(want.get(e.getKey()) ? "valid" : "invalid: "), what);
            }
        }
    }

    /**
     * An issuer whose metadata can't be loaded (nothing listens on the port, connection refused): the Python and Node snippets give no
     * verdict but a one-line "error: …" naming the URL and exit 2, as Tokenscope says "undetermined", instead of a
     * stack trace or "invalid".
     */
    @Test
    void anUnreachableIssuerIsAnErrorNotAVerdict() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort(); // free now, nothing listens once closed
        }
        String unreachable = "http://127.0.0.1:" + closed + "/" + Tokens.TENANT + "/v2.0/.well-known/openid-configuration";
        ValidationProfile p = single();
        String valid = singleTenantCases().get("valid");
        int ran = 0;
        if (pythonJwt()) {
            Snippet s = snippet(Language.PYTHON, valid, p);
            Path file = dir.resolve("unreachable_" + s.fileName());
            Files.writeString(file, s.code().replaceFirst("(?m)^METADATA_URL = .*$", "METADATA_URL = \"" + unreachable + "\""));
            String[] got = run(List.of("/usr/bin/python3", file.toString(), valid));
            assertEquals("2", got[0], got[1]);
            assertTrue(got[1].startsWith("error: could not load the OpenID metadata from " + unreachable + ": "), got[1]);
            assertFalse(got[1].contains("Traceback"), got[1]);
            ran++;
        }
        Path node = NodeJose.onPath("node").orElse(null);
        if (node != null) {
            Snippet s = snippet(Language.NODE, valid, p);
            Path file = NodeJose.workDir("unreachable").resolve(s.fileName());
            Files.writeString(file,
                    s.code().replaceFirst("(?m)^const METADATA_URL = .*$", "const METADATA_URL = \"" + unreachable + "\";"));
            String[] got = run(List.of(node.toString(), file.toString(), valid), Map.of());
            assertEquals("2", got[0], got[1]);
            assertTrue(got[1].startsWith("error: could not load the OpenID metadata from " + unreachable + ": "), got[1]);
            assertTrue(got[1].contains("ECONNREFUSED"), got[1]);
            ran++;
        }
        assumeTrue(ran > 0, "python3 with PyJWT or node");
    }

    /**
     * The same snippet reads its metadata and keys over HTTPS as it would from Entra: FakeEntra's TLS server on
     * loopback (https://localhost:port, the metadata URL being the profile's, as for the runs above), trusted through
     * NODE_EXTRA_CA_CERTS; without the test CA, node refuses the connection.
     */
    @Test
    void nodeSnippetFetchesTheIssuerOverHttpsTrustingTheTestCa() throws Exception {
        Path node = node();
        try (FakeEntra entra = new FakeEntra()) {
            String origin = "https://localhost:" + entra.port();
            entra.json("https://localhost/" + TENANT + "/v2.0/.well-known/openid-configuration",
                    "{\"issuer\":\"" + Tokens.V2_ISS + "\",\"jwks_uri\":\"" + origin + "/" + TENANT + "/discovery/v2.0/keys\"}");
            entra.json("https://localhost/" + TENANT + "/discovery/v2.0/keys", Tokens.publicSet(Tokens.RSA, Tokens.RSA_OTHER).toString());
            ValidationProfile p = new ValidationProfile(List.of(API_ID), null, null, null, null, null, null,
                    origin + "/" + TENANT + "/v2.0/.well-known/openid-configuration", null, false);
            Inspector overTls = new Inspector(
                    new OnlineTrustResolver(new DocumentStore(entra.http(), null, Clock.systemUTC()), Clock.systemUTC()),
                    Clock.systemUTC());
            Map<String, String> cases = singleTenantCases();
            Map<String, Boolean> want = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : cases.entrySet()) {
                Report r = overTls.inspect(e.getValue(), p);
                assertTrue(r.verdict() != Verdict.UNDETERMINED, e.getKey() + ": " + r.summary());
                want.put(e.getKey(), r.verdict() == Verdict.VALID);
            }
            assertEquals(List.of(true, false, false), List.copyOf(want.values()));
            Snippet s = new SnippetGenerator().generate(Language.NODE, overTls.inspect(cases.get("valid"), p), p);
            assertTrue(s.code().contains("const METADATA_URL = \"" + origin + "/"), s.code());
            Path file = NodeJose.workDir("https").resolve(s.fileName());
            Files.writeString(file, s.code());
            Path ca = dir.resolve("test-ca.pem");
            Files.writeString(ca, FakeEntra.ROOT.certificatePem());
            for (Map.Entry<String, String> e : cases.entrySet()) {
                String[] got = run(List.of(node.toString(), file.toString(), e.getValue()), Map.of("NODE_EXTRA_CA_CERTS", ca.toString()));
                assertEquals(want.get(e.getKey()), got[0].equals("0"), e.getKey() + " over HTTPS: " + got[1]);
                assertTrue(got[1].startsWith(want.get(e.getKey()) ? "valid" : "invalid: "), got[1]);
            }
            int before = entra.requests.size();
            String[] untrusted = run(List.of(node.toString(), file.toString(), cases.get("valid")), Map.of());
            assertTrue(!untrusted[0].equals("0") && untrusted[1].contains("SELF_SIGNED_CERT_IN_CHAIN"),
                    "without the test CA: " + untrusted[1]);
            assertEquals(before, entra.requests.size(), "no request got through without trusting the CA");
        }
    }

    static Path node() {
        Path node = NodeJose.onPath("node").orElse(null);
        assumeTrue(node != null, "node (the README's machine has node 20; without it the Node snippet can't run)");
        return node;
    }

    /** Hostile values (quotes, backslashes, line breaks, non-ASCII) stay data in every language. */
    @Test
    void valuesFromTheTokenStayStringLiterals() throws Exception {
        String hostile = "api://x\"); System.exit(3); //\n\\u000a\r'\u2028é\u0001";
        ValidationProfile p = new ValidationProfile(List.of(hostile, API_ID), null, null, List.of("a\"b"), null, null, null,
                base + "/" + TENANT + "/v2.0/.well-known/openid-configuration", null, false);
        Report r = tokenscope().inspect(Tokens.sign(fresh()), p);
        Snippet javaSnippet = new SnippetGenerator().generate(Language.JAVA, r, p);
        Class<?> c = compile(javaSnippet, dir.resolve("hostile"));
        assertEquals(Set.of(hostile, API_ID), field(c, "AUDIENCES"));
        assertEquals(List.of("a\"b"), field(c, "REQUIRED_SCOPES"));
        if (pythonJwt()) {
            Path py = dir.resolve("hostile.py");
            Files.writeString(py, new SnippetGenerator().generate(Language.PYTHON, r, p).code());
            String[] got = run(List.of("/usr/bin/python3", "-c", "import ast,json,sys\n"
                    + "tree = ast.parse(open(sys.argv[1], encoding='utf-8').read())\n"
                    + "v = [ast.literal_eval(n.value) for n in tree.body"
                    + " if isinstance(n, ast.Assign) and n.targets[0].id == 'AUDIENCES'][0]\n"
                    + "sys.stdout.write(json.dumps(v))", py.toString()));
            assertEquals("0", got[0], got[1]);
            assertEquals(List.of(hostile, API_ID), List.of(Json.MAPPER.readValue(got[1], String[].class)));
        }
        if (Files.isExecutable(Path.of("/usr/bin/node"))) {
            Path js = dir.resolve("hostile.mjs");
            Files.writeString(js, new SnippetGenerator().generate(Language.NODE, r, p).code());
            assertEquals("0", run(List.of("/usr/bin/node", "--check", js.toString()))[0]);
        }
    }

    static Object field(Class<?> c, String name) throws ReflectiveOperationException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(null);
    }

    static boolean pythonJwt() {
        try {
            return Files.isExecutable(Path.of("/usr/bin/python3")) && run(List.of("/usr/bin/python3", "-c", "import jwt"))[0].equals("0");
        } catch (Exception e) {
            return false;
        }
    }

    /** Runs a process: {exit status, its output (stdout then stderr), trimmed}. */
    static String[] run(List<String> command) throws Exception {
        return run(command, Map.of());
    }

    /** {@link #run(List)} with extra environment variables. */
    static String[] run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new String[]{Integer.toString(p.exitValue()), new String(out, StandardCharsets.UTF_8).strip()};
    }

    /** Compiles the Java snippet with javax.tools against the test class path and loads its class. */
    static Class<?> compile(Snippet s, Path where) throws Exception {
        Files.createDirectories(where);
        Path src = where.resolve(s.fileName());
        Files.writeString(src, s.code());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-encoding", "UTF-8", "-classpath", System.getProperty("java.class.path"),
                "-d", where.toString(), src.toString());
        assertEquals(0, rc, "javac: " + diagnostics.toString(StandardCharsets.UTF_8) + "\n" + s.code());
        URLClassLoader loader = new URLClassLoader(new URL[]{where.toUri().toURL()}, SnippetRunTest.class.getClassLoader());
        return loader.loadClass(s.fileName().replace(".java", ""));
    }
}
