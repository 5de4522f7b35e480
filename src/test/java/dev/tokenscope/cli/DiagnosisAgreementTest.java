package dev.tokenscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.json.Json;
import dev.tokenscope.engine.export.ExportFormat;
import dev.tokenscope.engine.export.ExportOptions;
import dev.tokenscope.engine.export.Exporters;
import dev.tokenscope.engine.report.Diagnosis;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Verdict;
import dev.tokenscope.testing.KeyedInspector;
import dev.tokenscope.testing.MoreTokens;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tokenscope.testing.Tokens.API_ID;
import static dev.tokenscope.testing.Tokens.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** inspect --json, verify and the exporters name the same verdicts and diagnoses for every new diagnosis case. */
class DiagnosisAgreementTest {
    static final String AT = NOW.toString();
    static final String[] AUDIENCES = {"--audience", API_ID, "--audience", "api://" + API_ID};

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    static Map<String, String> corpus() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("first-party v1 (ARM)", MoreTokens.nonceSigned(MoreTokens.v1For("https://management.azure.com/")));
        m.put("first-party v2 (Teams)", MoreTokens.nonceSigned(MoreTokens.v2For("https://api.spaces.skype.com")));
        m.put("first-party (SharePoint host)", MoreTokens.nonceSigned(MoreTokens.v1For("https://contoso.sharepoint.com")));
        m.put("graph", Tokens.graph(Tokens.v2Access()));
        m.put("overage v2", Tokens.sign(Tokens.v2Access().claim("_claim_names", Map.of("groups", "src1"))
                .claim("_claim_sources", Map.of("src1", Map.of("endpoint", "https://graph.microsoft.com/v1.0/users/x/getMemberObjects")))));
        m.put("overage v1", Tokens.sign(Tokens.v1Access().claim("hasgroups", true)));
        m.put("mi user-assigned", Tokens.sign(MoreTokens.managedIdentity(
                "/subscriptions/s/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi1")));
        m.put("mi system-assigned", Tokens.sign(MoreTokens.managedIdentity(
                "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1")));
        m.put("cae", Tokens.sign(Tokens.v2Access().claim("xms_cc", List.of("cp1"))));
        m.put("expiring", Tokens.sign(Tokens.v2Access().expirationTime(Date.from(NOW.plusSeconds(90)))));
        m.put("audiences", Tokens.sign(Tokens.v2Access().audience(List.of(API_ID, "https://other.example"))));
        m.put("shr bound", MoreTokens.shr(MoreTokens.boundAccessToken(MoreTokens.CLIENT_POP), MoreTokens.CLIENT_POP));
        m.put("shr mismatch", MoreTokens.shr(MoreTokens.boundAccessToken(MoreTokens.OTHER_POP), MoreTokens.CLIENT_POP));
        String raw = MoreTokens.signedRaw("not json at all");
        m.put("non-json intact", raw);
        String[] p = raw.split("\\.");
        m.put("non-json damaged", p[0] + "." + p[1] + "." + (p[2].charAt(0) == 'A' ? 'B' : 'A') + p[2].substring(1));
        m.put("valid", Tokens.sign(Tokens.v2Access()));
        return m;
    }

    static final Map<String, String> EXPECTED = Map.ofEntries(Map.entry("first-party v1 (ARM)", "invalid first-party-token"),
            Map.entry("first-party v2 (Teams)", "invalid first-party-token"),
            Map.entry("first-party (SharePoint host)", "invalid first-party-token"),
            Map.entry("graph", "invalid graph-token"), Map.entry("overage v2", "valid group-overage"),
            Map.entry("overage v1", "valid group-overage"), Map.entry("mi user-assigned", "valid managed-identity"),
            Map.entry("mi system-assigned", "valid managed-identity"), Map.entry("cae", "valid cae-capable-client"),
            Map.entry("expiring", "valid expiring-soon"), Map.entry("audiences", "valid multiple-audiences"),
            Map.entry("shr bound", "valid pop-token"), Map.entry("shr mismatch", "invalid pop-binding-mismatch"),
            Map.entry("non-json intact", "invalid non-json-payload"), Map.entry("non-json damaged", "invalid malformed-token"),
            Map.entry("valid", "valid null"));

    @Test
    void inspectVerifyAndExportersAgree() throws Exception {
        Path jwks = KeyedInspector.jwks(dir);
        Map<String, String> corpus = corpus();
        // verify: one line per token, twice (the second time from the memo), then a line without a token
        List<String> lines = new ArrayList<>(corpus.values());
        lines.addAll(corpus.values());
        lines.add("xyz");
        Path in = dir.resolve("tokens.txt");
        Files.writeString(in, String.join("\n", lines) + "\n");
        List<String> args = new ArrayList<>(
                List.of("verify", in.toString(), "--offline", "--jwks", jwks.toString(), "--at", AT, "--json-lines"));
        args.addAll(List.of(AUDIENCES));
        Run verify = cli(args.toArray(String[]::new));
        List<JsonNode> results = new ArrayList<>();
        for (String l : verify.out().lines().toList()) {
            JsonNode n = Json.MAPPER.readTree(l);
            if (n.has("line")) results.add(n);
        }
        assertEquals(lines.size(), results.size(), verify.out());
        int i = 0;
        for (Map.Entry<String, String> e : corpus.entrySet()) {
            String name = e.getKey(), token = e.getValue();
            List<String> inspectArgs = new ArrayList<>(
                    List.of("inspect", token, "--offline", "--no-color", "--jwks", jwks.toString(), "--at", AT, "--json"));
            inspectArgs.addAll(List.of(AUDIENCES));
            JsonNode report = Json.MAPPER.readTree(cli(inspectArgs.toArray(String[]::new)).out());
            JsonNode top = report.get("diagnoses").path(0);
            String inspected = report.get("verdict").asText() + " " + (top.isMissingNode() ? "null" : top.get("id").asText());
            assertEquals(EXPECTED.get(name), inspected, name + ": " + report.get("summary").asText());
            for (JsonNode v : List.of(results.get(i), results.get(i + corpus.size()))) {
                assertEquals(inspected,
                        v.get("verdict").asText() + " " + (v.get("diagnosis").isNull() ? "null" : v.get("diagnosis").asText()),
                        name + " (verify)");
                assertEquals(report.get("summary").asText(), v.get("message").asText(), name + " (verify message)");
            }
            if (name.startsWith("shr")) assertTrue(!results.get(i + corpus.size()).get("memoised").asBoolean(),
                    name + ": an SHR's ts is no memo");
            else assertTrue(results.get(i + corpus.size()).get("memoised").asBoolean(), name + ": seen again, from the memo");
            // the exporters show every diagnosis the report has, with its severity in JSON
            Report r = KeyedInspector.INSPECTOR.inspect(token, KeyedInspector.profile(jwks, API_ID, "api://" + API_ID));
            assertEquals(report.get("verdict").asText(), r.verdict().json(), name);
            String md = Exporters.export(r, token, ExportFormat.MARKDOWN, ExportOptions.defaults());
            String html = Exporters.export(r, token, ExportFormat.HTML, ExportOptions.defaults());
            JsonNode exported = Json.MAPPER.readTree(Exporters.export(r, token, ExportFormat.JSON, ExportOptions.defaults()));
            for (int k = 0; k < r.diagnoses().size(); k++) {
                Diagnosis d = r.diagnoses().get(k);
                assertTrue(md.contains("`" + d.id() + "`"), name + ": markdown lacks " + d.id());
                assertTrue(html.contains("id=\"diagnosis-" + d.id() + "\""), name + ": html lacks " + d.id());
                assertEquals(d.id(), exported.get("diagnoses").get(k).get("id").asText(), name);
                assertEquals(d.severity(), exported.get("diagnoses").get(k).get("severity").asText(), name);
                assertEquals(d.id(), report.get("diagnoses").get(k).get("id").asText(), name + ": inspect lists the same diagnoses");
            }
            i++;
        }
        JsonNode xyz = results.get(results.size() - 1);
        assertEquals("invalid", xyz.get("verdict").asText());
        assertEquals("not-a-token", xyz.get("diagnosis").asText(), "verify's own help: a line without a token is [not-a-token]");
    }

    @Test
    void aWordIsNoTokenForInspectEither() {
        for (String word : List.of("xyz", "password", "Authorization", "Bearer xyz")) {
            Report r = KeyedInspector.INSPECTOR.inspect(word, KeyedInspector.profile(null));
            assertNull(r.token(), word);
            assertEquals(Verdict.UNDETERMINED, r.verdict(), word);
            assertTrue(r.summary().startsWith("Nothing to inspect: No token found"), word + ": " + r.summary());
        }
        // a long base64-looking string is still an opaque token
        Report opaque = KeyedInspector.INSPECTOR.inspect(Tokens.opaque(60), KeyedInspector.profile(null));
        assertEquals("opaque-token", opaque.topDiagnosis().orElseThrow().id());
    }

    @Test
    void v1TokenCheckedAgainstV2MetadataIsAVersionMismatchEverywhere() throws Exception {
        Path jwks = KeyedInspector.jwks(dir);
        Path meta = dir.resolve("meta.json");
        Files.writeString(meta, "{\"issuer\":\"" + Tokens.V2_ISS + "\",\"jwks_uri\":\"unused\"}");
        String v1 = Tokens.sign(Tokens.v1Access());
        Path in = dir.resolve("v1.txt");
        Files.writeString(in, v1 + "\n");
        Run verify = cli("verify", in.toString(), "--offline", "--jwks", jwks.toString(), "--metadata", meta.toString(), "--at", AT,
                "--audience", "api://" + API_ID);
        assertTrue(verify.out().startsWith("1: invalid [version-mismatch] "), verify.out());
        JsonNode report = Json.MAPPER.readTree(
                cli("inspect", v1, "--offline", "--jwks", jwks.toString(), "--metadata", meta.toString(), "--at", AT,
                "--audience", "api://" + API_ID, "--json").out());
        assertEquals("version-mismatch", report.get("diagnoses").get(0).get("id").asText());
    }
}
