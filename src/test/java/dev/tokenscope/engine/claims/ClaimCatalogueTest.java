package dev.tokenscope.engine.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscope.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimCatalogueTest {
    private static final ClaimCatalogue CATALOGUE = ClaimCatalogue.get();
    private static final Instant NOW = Instant.parse("2024-01-15T12:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static final String GRAPH = "00000003-0000-0000-c000-000000000000";
    private static final String CONSUMER_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";
    private static final String GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
    private static final String USER_ADMIN = "fe930be7-5e62-47db-91af-98c3a49a38b1";

    // ---- coverage ----

    @ParameterizedTest
    @ValueSource(strings = {"typ", "alg", "kid", "x5t", "nonce",
            "x5t#S256", "cty", "crit", "b64", "jku", "x5u", "jwk", "x5c", "enc", "zip"})
    void headerMembersAreCatalogued(String name) {
        ClaimCatalogue.Entry e = CATALOGUE.headerMember(name).orElseThrow(() -> new AssertionError("header " + name + " missing"));
        assertDescribed(e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"aud", "iss", "idp", "iat", "nbf", "exp", "aio", "acr", "amr", "appid", "azp", "appidacr",
            "azpacr", "preferred_username", "name", "scp", "roles", "wids", "groups", "hasgroups", "_claim_names", "sub",
            "oid", "tid", "unique_name", "upn", "uti", "ver", "idtyp", "xms_cc", "acrs", "sid", "nonce", "c_hash",
            "at_hash", "email", "tfp"})
    void issueClaimsAreCatalogued(String name) {
        ClaimCatalogue.Entry e = CATALOGUE.claim(name).orElseThrow(() -> new AssertionError("claim " + name + " missing"));
        assertDescribed(e);
        assertNotNull(e.carriedBy(), name + " says which tokens carry it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jti", "auth_time", "cnf", "scope", "client_id", "email_verified", "given_name", "family_name",
            "rh", "_claim_sources", "ipaddr", "onprem_sid", "pwd_exp", "pwd_url", "in_corp", "nickname", "login_hint",
            "acct", "ctry", "tenant_ctry", "tenant_region_scope", "fwd", "verified_primary_email",
            "verified_secondary_email", "vnet", "xms_edov", "xms_pdl", "xms_pl", "xms_tpl", "ztdid", "emails", "newUser"})
    void otherRegisteredAndEntraClaimsAreCatalogued(String name) {
        assertDescribed(CATALOGUE.claim(name).orElseThrow(() -> new AssertionError("claim " + name + " missing")));
    }

    /** Every entry in the data file, read back through the public API, is complete and self-consistent. */
    @Test
    void everyEntryInTheDataFileIsCompleteAndItsLookupExists() throws Exception {
        JsonNode root;
        try (InputStream in = ClaimCatalogue.class.getResourceAsStream("claims.json")) {
            assertNotNull(in, "claims.json on the class path");
            byte[] bytes = in.readAllBytes();
            // strict UTF-8: malformed bytes throw instead of being replaced
            assertDoesNotThrow(() -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)));
            root = Json.MAPPER.readTree(bytes);
        }
        Set<String> types = Set.of("string", "time", "space-list", "azure-resource-id");
        int count = 0;
        for (String section : List.of("header", "claims")) {
            for (Iterator<String> it = root.path(section).fieldNames(); it.hasNext(); ) {
                String name = it.next();
                ClaimCatalogue.Entry e = ("header".equals(section) ? CATALOGUE.headerMember(name) : CATALOGUE.claim(name))
                        .orElseThrow(() -> new AssertionError(section + " " + name + " not loaded"));
                count++;
                assertDescribed(e);
                assertNotNull(e.carriedBy(), name + ": \"in\"");
                assertTrue(types.contains(e.type()), name + ": unknown type " + e.type());
                if (e.lookup() != null) {
                    assertFalse(CATALOGUE.table(e.lookup()).isEmpty(), name + ": lookup table " + e.lookup() + " missing");
                }
                JsonNode values = root.path(section).path(name).path("values");
                for (Iterator<String> keys = values.fieldNames(); keys.hasNext(); ) {
                    String key = keys.next();
                    assertEquals(key.toLowerCase(Locale.ROOT), key, name + ": value keys are matched lower-case");
                    assertFalse(e.values().get(key).isBlank(), name + " value " + key);
                }
                assertEquals(values.size(), e.values().size(), name + ": values");
            }
        }
        assertEquals(count, CATALOGUE.size());
        for (String table : List.of("apps", "tenants", "directoryRoles", "amr")) {
            Map<String, String> t = CATALOGUE.table(table);
            assertFalse(t.isEmpty(), "table " + table);
            // keys in the file must already be lower-case: the loader lower-cases them, so duplicates would collide
            assertEquals(root.path("tables").path(table).size(), t.size(), "table " + table + " has colliding keys");
        }
    }

    // ---- PII ----

    @Test
    void personalDataIsFlagged() {
        for (String name : List.of("name", "upn", "email", "preferred_username", "unique_name", "given_name",
                "family_name", "ipaddr", "login_hint", "onprem_sid", "verified_primary_email", "nickname", "emails")) {
            assertTrue(CATALOGUE.claim(name).orElseThrow().pii(), name + " is personal data");
        }
        for (String name : List.of("aud", "iss", "exp", "tid", "scp", "appid", "ver")) {
            assertFalse(CATALOGUE.claim(name).orElseThrow().pii(), name + " is not personal data");
        }
        assertTrue(view(claims("upn", "someone@contoso.com"), "upn").pii());
        assertFalse(view(claims("iss", "https://sts.windows.net/x/"), "iss").pii());
    }

    // ---- interpretation ----

    @Test
    void appidacrTwoIsCertificate() {
        ClaimView v = view(claims("appidacr", "2"), "appidacr");
        assertTrue(v.inCatalogue());
        assertNotNull(v.interpretation());
        assertTrue(v.interpretation().contains("certificate"), v.interpretation());
        assertTrue(view(claims("azpacr", "0"), "azpacr").interpretation().contains("public client"));
        assertTrue(view(claims("appidacr", "1"), "appidacr").interpretation().contains("secret"));
    }

    @Test
    void graphAudienceIsRecognisedByIdAndByUri() {
        assertEquals("Microsoft Graph", view(claims("aud", GRAPH), "aud").interpretation());
        assertEquals("Microsoft Graph", view(claims("aud", GRAPH.toUpperCase(Locale.ROOT)), "aud").interpretation());
        assertEquals("Microsoft Graph", view(claims("aud", "https://graph.microsoft.com"), "aud").interpretation());
        assertEquals("Microsoft Graph", view(claims("aud", "https://graph.microsoft.com/"), "aud").interpretation());
        assertEquals("Microsoft Graph", CATALOGUE.wellKnownApp("https://graph.microsoft.com/").orElseThrow());
        assertEquals("Azure Resource Manager", CATALOGUE.wellKnownApp("https://management.core.windows.net/").orElseThrow());
        assertEquals("Azure CLI", view(claims("appid", "04b07795-8ddb-461a-bbee-02f9e1bf7b46"), "appid").interpretation());
        assertEquals("Azure PowerShell", view(claims("azp", "1950a258-227b-4e31-a9cf-717495945fc2"), "azp").interpretation());
        assertNull(view(claims("aud", "api://11111111-2222-3333-4444-555555555555"), "aud").interpretation());
        assertTrue(CATALOGUE.wellKnownApp("api://my-api").isEmpty());
        assertTrue(CATALOGUE.wellKnownApp(null).isEmpty());
    }

    @Test
    void audienceMeaningExplainsBothVersions() {
        String meaning = CATALOGUE.claim("aud").orElseThrow().meaning();
        assertTrue(meaning.contains("v2") && meaning.contains("v1"), meaning);
        assertTrue(meaning.contains("api://"), meaning);
        assertTrue(meaning.contains("client ID"), meaning);
    }

    @Test
    void consumerTenantIsRecognised() {
        ClaimView v = view(claims("tid", CONSUMER_TENANT), "tid");
        assertNotNull(v.interpretation());
        assertTrue(v.interpretation().contains("consumer"), v.interpretation());
        assertTrue(CATALOGUE.claim("tid").orElseThrow().meaning().contains(CONSUMER_TENANT));
        assertNull(view(claims("tid", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"), "tid").interpretation());
    }

    @Test
    void widsInterpretsEachKnownRole() {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.putArray("wids").add(GLOBAL_ADMIN).add(USER_ADMIN).add("b79fbf4d-3ef9-4689-8143-76b194e85509")
                .add("00000000-0000-0000-0000-000000000000");
        String s = view(c, "wids").interpretation();
        assertNotNull(s);
        assertTrue(s.contains(GLOBAL_ADMIN + " = Global Administrator"), s);
        assertTrue(s.contains(USER_ADMIN + " = User Administrator"), s);
        assertTrue(s.contains("User (default"), s);
        assertFalse(s.contains("00000000-0000-0000-0000-000000000000"), "unknown roles are not invented: " + s);

        ObjectNode one = Json.MAPPER.createObjectNode();
        one.putArray("wids").add(GLOBAL_ADMIN);
        assertEquals("Global Administrator", view(one, "wids").interpretation());
    }

    @Test
    void amrInterpretsEachMethod() {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.putArray("amr").add("pwd").add("mfa");
        String s = view(c, "amr").interpretation();
        assertTrue(s.contains("pwd = password"), s);
        assertTrue(s.contains("mfa = multifactor"), s);
    }

    @Test
    void scpStaysASpaceList() {
        assertEquals("space-list", CATALOGUE.claim("scp").orElseThrow().type());
        ClaimView v = view(claims("scp", "User.Read Mail.Send"), "scp");
        assertTrue(v.inCatalogue());
        assertEquals("User.Read Mail.Send", v.displayValue());
        assertNull(v.time());
        assertNull(v.interpretation(), "no scope table, so no interpretation");
    }

    @Test
    void enumeratedValuesAreExplained() {
        assertTrue(view(claims("ver", "2.0"), "ver").interpretation().contains("v2"));
        assertTrue(view(claims("ver", "1.0"), "ver").interpretation().contains("v1"));
        assertTrue(view(claims("idtyp", "app"), "idtyp").interpretation().contains("app-only"));
        assertTrue(view(claims("acr", "0"), "acr").interpretation().contains("ISO/IEC 29115"));

        ObjectNode cc = Json.MAPPER.createObjectNode();
        cc.putArray("xms_cc").add("cp1");
        assertTrue(view(cc, "xms_cc").interpretation().contains("claims challenges"));

        ObjectNode hg = Json.MAPPER.createObjectNode().put("hasgroups", true);
        assertTrue(view(hg, "hasgroups").interpretation().contains("Microsoft Graph"));

        ObjectNode acct = Json.MAPPER.createObjectNode().put("acct", 1);
        assertEquals("guest in the tenant", view(acct, "acct").interpretation());
    }

    @Test
    void headerIsAnnotatedFromTheHeaderSection() {
        ObjectNode h = Json.MAPPER.createObjectNode().put("typ", "JWT").put("alg", "none").put("kid", "abc")
                .put("nonce", "xyz");
        List<ClaimView> views = CATALOGUE.annotateHeader(h, NOW, BERLIN);
        assertEquals(List.of("typ", "alg", "kid", "nonce"), views.stream().map(ClaimView::name).toList());
        assertTrue(views.stream().allMatch(ClaimView::inCatalogue));
        assertTrue(views.get(1).interpretation().contains("reject"), views.get(1).interpretation());
        assertTrue(views.get(3).meaning().contains("Graph"), "header nonce is the Graph marker, not the OIDC nonce");
        assertTrue(CATALOGUE.claim("nonce").orElseThrow().meaning().contains("ID token"));
    }

    @Test
    void embeddedKeyMembersWarnNeverToUseThem() {
        for (String name : List.of("jku", "x5u", "jwk", "x5c")) {
            String m = CATALOGUE.headerMember(name).orElseThrow().meaning();
            assertTrue(m.contains("never"), name + ": " + m);
            assertTrue(m.contains("Tokenscope reports it and never uses it"), name + ": " + m);
        }
    }

    // ---- unknown claims ----

    @Test
    void unknownClaimIsNotInCatalogue() {
        ClaimView v = view(claims("xms_something_new", "v"), "xms_something_new");
        assertFalse(v.inCatalogue());
        assertEquals("not in catalogue", v.meaning());
        assertNull(v.title());
        assertNull(v.interpretation());
        assertFalse(v.pii());
        assertTrue(CATALOGUE.claim("xms_something_new").isEmpty());
        assertTrue(CATALOGUE.headerMember("exp").isEmpty(), "payload claims are not header members");
    }

    // ---- time ----

    @Test
    void timeClaimsAreRenderedThreeWays() {
        long exp = NOW.minus(Duration.ofHours(3)).getEpochSecond();
        ClaimView v = view(Json.MAPPER.createObjectNode().put("exp", exp), "exp");
        assertNotNull(v.time());
        assertNull(v.interpretation());
        assertEquals("2024-01-15T09:00:00Z", v.time().utc());
        assertTrue(v.time().local().startsWith("2024-01-15 10:00:00"), v.time().local());
        assertEquals("expired 3 h ago", v.time().relative());

        ClaimView future = view(Json.MAPPER.createObjectNode()
                .put("exp", NOW.plus(Duration.ofMinutes(54)).plusSeconds(20).getEpochSecond()), "exp");
        assertEquals("expires in 54 min", future.time().relative());
    }

    @Test
    void otherTimeClaimsUseTheirOwnPhrases() {
        ObjectNode c = Json.MAPPER.createObjectNode()
                .put("iat", NOW.minus(Duration.ofMinutes(5)).getEpochSecond())
                .put("nbf", NOW.plus(Duration.ofMinutes(10)).getEpochSecond())
                .put("auth_time", NOW.minus(Duration.ofDays(2)).getEpochSecond() + 0.75);
        assertEquals("issued 5 min ago", view(c, "iat").time().relative());
        String nbf = view(c, "nbf").time().relative();
        assertTrue(nbf.startsWith("not valid until") && nbf.contains("10 min"), nbf);
        assertEquals("signed in 2 d ago", view(c, "auth_time").time().relative());
    }

    @Test
    void nonNumericTimeCannotBeRead() {
        ClaimView v = view(claims("exp", "tomorrow"), "exp");
        assertTrue(v.inCatalogue());
        assertNull(v.time());
        assertNotNull(v.interpretation());
        assertTrue(v.interpretation().contains("can't read"), v.interpretation());
    }

    @Test
    void valuesBeyondLongDoNotThrow() throws Exception {
        ObjectNode c = (ObjectNode) Json.MAPPER.readTree(
                "{\"exp\": 1e30, \"nbf\": -1e30, \"iat\": 123456789012345678901234567890, \"appidacr\": 1e30,"
                        + " \"aud\": 123456789012345678901234567890}");
        List<ClaimView> views = assertDoesNotThrow(() -> CATALOGUE.annotateClaims(c, NOW, BERLIN));
        assertEquals(5, views.size());
        for (ClaimView v : views.subList(0, 3)) {
            assertNull(v.time(), v.name());
            assertTrue(v.interpretation().contains("can't read"), v.name());
        }
        assertNull(ClaimCatalogue.epochSeconds(Json.MAPPER.getNodeFactory().numberNode(new BigInteger("1" + "0".repeat(40)))));
        assertNull(ClaimCatalogue.epochSeconds(null));
        assertEquals(Instant.ofEpochSecond(1700000000L),
                ClaimCatalogue.epochSeconds(Json.MAPPER.getNodeFactory().numberNode(1700000000.9d)));
    }

    @Test
    void wholeNumberTimesReadTheSameAsTheirDecimalForm() throws Exception {
        var f = Json.MAPPER.getNodeFactory();
        long max = 253402300799L; // 9999-12-31T23:59:59Z
        for (long v : new long[]{0, 1, -1, 1700000000L, max, -max, max + 1, -max - 1, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE}) {
            Instant expected = Math.abs((double) v) > max ? null : Instant.ofEpochSecond(v);
            assertEquals(expected, ClaimCatalogue.epochSeconds(f.numberNode(v)), "long " + v);
            assertEquals(expected, ClaimCatalogue.epochSeconds(f.numberNode(java.math.BigDecimal.valueOf(v))), "decimal " + v);
            assertEquals(expected, ClaimCatalogue.epochSeconds(Json.MAPPER.readTree(Long.toString(v))), "parsed " + v);
            if (v == (int) v) assertEquals(expected, ClaimCatalogue.epochSeconds(f.numberNode((int) v)), "int " + v);
        }
    }

    @Test
    void annotateKeepsTokenOrderAndToleratesNull() {
        ObjectNode c = Json.MAPPER.createObjectNode().put("ver", "2.0").put("zzz", 1).put("aud", GRAPH);
        assertEquals(List.of("ver", "zzz", "aud"),
                CATALOGUE.annotateClaims(c, NOW, BERLIN).stream().map(ClaimView::name).toList());
        assertTrue(CATALOGUE.annotateClaims(null, NOW, BERLIN).isEmpty());
    }

    @Test
    void humanTimeSpans() {
        assertEquals("just now", HumanTime.relative(NOW, NOW));
        assertEquals("in 45 s", HumanTime.relative(NOW.plusSeconds(45), NOW));
        assertEquals("1 h 30 min ago", HumanTime.relative(NOW.minus(Duration.ofMinutes(90)), NOW));
        assertEquals("in 2 y", HumanTime.relative(NOW.plus(Duration.ofDays(800)), NOW));
    }

    // ---- helpers ----

    private static void assertDescribed(ClaimCatalogue.Entry e) {
        assertAll(e.name(),
                () -> assertNotNull(e.title(), "title"),
                () -> assertFalse(e.title().isBlank(), "title"),
                () -> assertNotNull(e.meaning(), "meaning"),
                () -> assertFalse(e.meaning().isBlank(), "meaning"),
                () -> assertFalse("not in catalogue".equals(e.meaning()), "meaning"));
    }

    private static ObjectNode claims(String name, String value) {
        return Json.MAPPER.createObjectNode().put(name, value);
    }

    private static ClaimView view(ObjectNode claims, String name) {
        return CATALOGUE.annotateClaims(claims, NOW, BERLIN).stream()
                .filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }
}
