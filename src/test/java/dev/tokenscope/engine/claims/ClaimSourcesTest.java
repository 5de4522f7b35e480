package dev.tokenscope.engine.claims;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.json.Json;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real-world Entra claims are in the catalogue, each with its source (a Microsoft Learn page) or marked unsourced. */
class ClaimSourcesTest {
    static final List<String> REAL_WORLD = List.of("capolids", "controls", "controls_auds", "xms_cc", "xms_mirid", "xms_tcdt", "xms_pdl",
            "xms_pl", "xms_idrel", "xms_ssm", "xms_st", "wids", "deviceid", "onprem_sid", "puid", "in_corp", "fwd", "home_oid", "acct",
            "ctry", "tenant_region_scope", "verified_primary_email", "login_hint", "sid");

    static JsonNode claims() throws Exception {
        try (InputStream in = ClaimCatalogue.class.getResourceAsStream("claims.json")) {
            return Json.MAPPER.readTree(in).path("claims");
        }
    }

    @Test
    void everyRealWorldClaimIsKnownWithItsSource() throws Exception {
        JsonNode claims = claims();
        for (String name : REAL_WORLD) {
            assertTrue(ClaimCatalogue.get().claim(name).isPresent(), name + " not in the catalogue");
            String source = claims.path(name).path("source").asText("");
            assertTrue(source.startsWith("Microsoft Learn") || source.startsWith("unsourced") || source.startsWith("RFC"),
                    name + ": source " + source);
        }
        // documented ones cite the page; undocumented ones say so
        assertTrue(claims.path("xms_cc").path("source").asText().contains("access-token-claims-reference.md"));
        assertTrue(claims.path("capolids").path("source").asText().startsWith("unsourced"));
    }

    @Test
    void claimsTableNamesResourcesAndManagedIdentities() throws Exception {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree("{\"aud\":\"https://contoso.sharepoint.com\","
                + "\"appid\":\"cc15fd57-2c6c-4117-a88c-83b1d56b4bbe\",\"controls_auds\":[\"00000003-0000-0ff1-ce00-000000000000\"],"
                + "\"xms_mirid\":\"/subscriptions/s/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi1\","
                + "\"capolids\":[\"p1\"]}");
        List<ClaimView> views = ClaimCatalogue.get().annotateClaims(node, Instant.EPOCH, ZoneOffset.UTC);
        assertEquals("SharePoint Online (contoso)", views.get(0).interpretation());
        assertEquals("Microsoft Teams Services", views.get(1).interpretation());
        assertEquals("SharePoint Online", views.get(2).interpretation());
        assertEquals("managed identity mi1 (user-assigned, resource group rg)", views.get(3).interpretation());
        assertTrue(views.get(4).inCatalogue());
        assertNotNull(views.get(4).title());
    }
}
