package dev.tokenscope.engine.har;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.claims.ClaimCatalogue;
import dev.tokenscope.engine.entra.EntraFacts;
import dev.tokenscope.engine.input.Role;
import dev.tokenscope.engine.token.DecodedToken;
import dev.tokenscope.engine.token.TokenDecoder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The role a HAR finding is judged in: sent to the user's API, an ID token for the client that asked for it, an access
 * token for a Microsoft API (by its audience or the Microsoft host it was sent to), or a placeholder.
 */
final class HarRoles {
    private HarRoles() {
    }

    /** Microsoft API hosts (exact host, or ".suffix" for a family of hosts) and the resource they serve. */
    static final Map<String, String> MICROSOFT_HOSTS = orderedMap(
            "graph.microsoft.com", "Microsoft Graph",
            "graph.microsoft.us", "Microsoft Graph",
            "dod-graph.microsoft.us", "Microsoft Graph",
            "microsoftgraph.chinacloudapi.cn", "Microsoft Graph",
            "graph.windows.net", "Azure AD Graph (retired)",
            "management.azure.com", "Azure Resource Manager",
            "management.core.windows.net", "Azure Resource Manager",
            ".vault.azure.net", "Azure Key Vault",
            ".sharepoint.com", "SharePoint Online",
            "outlook.office.com", "Office 365 Exchange Online",
            "outlook.office365.com", "Office 365 Exchange Online",
            "api.spaces.skype.com", "Microsoft Teams",
            ".blob.core.windows.net", "Azure Storage",
            ".queue.core.windows.net", "Azure Storage",
            ".table.core.windows.net", "Azure Storage",
            ".file.core.windows.net", "Azure Storage",
            ".dfs.core.windows.net", "Azure Storage",
            ".database.windows.net", "Azure SQL Database",
            "api.powerbi.com", "Power BI Service",
            "dev.azure.com", "Azure DevOps",
            ".visualstudio.com", "Azure DevOps");

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return Collections.unmodifiableMap(m);
    }

    /** The Microsoft resource a host serves ("Microsoft Graph"), or null for any other host. */
    static String microsoftResourceOfHost(String host) {
        if (host == null) return null;
        String h = host.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : MICROSOFT_HOSTS.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(".") ? h.endsWith(k) : h.equals(k)) return e.getValue();
        }
        return null;
    }

    /** The Microsoft resource an audience names ("Microsoft Graph" for 00000003-… or https://graph.microsoft.com), or null. */
    static String microsoftResourceOfAudience(String aud) {
        if (aud == null) return null;
        if (EntraFacts.isGraphAudience(aud)) return "Microsoft Graph";
        String known = ClaimCatalogue.get().wellKnownApp(aud).orElse(null);
        if (known != null) return known;
        String host = HarUrls.host(aud);
        return host == null ? null : microsoftResourceOfHost(host);
    }

    static HarAnalysis.Judgement roleOf(HarFinding f, Inspector inspector, ValidationProfile profile) {
        if (placeholder(f, inspector)) return new HarAnalysis.Judgement(HarRow.JudgedAs.PLACEHOLDER, null, first(f.sentTo()));
        List<String> sentTo = f.sentTo();
        List<String> apiHosts = sentTo.stream().filter(h -> microsoftResourceOfHost(h) == null).toList();
        String msHost = sentTo.stream().filter(h -> microsoftResourceOfHost(h) != null).findFirst().orElse(null);
        String api = profile.audiences().isEmpty() ? null : String.join(", ", profile.audiences());
        // Sent to a non-Microsoft host (the user's API): judged by the API profile, whatever it is (an ID token or a
        // Graph token sent there is the mistake the profile names).
        if (!apiHosts.isEmpty()) return new HarAnalysis.Judgement(HarRow.JudgedAs.API, api, apiHosts.get(0));
        List<String> auds = audiences(f.token());
        if (f.role() == Role.ID_TOKEN && msHost == null) {
            return new HarAnalysis.Judgement(HarRow.JudgedAs.ID_TOKEN_FOR_CLIENT, f.clientId() != null ? f.clientId() : first(auds), null);
        }
        if (auds.stream().anyMatch(a -> profile.audiences().stream().anyMatch(e -> sameApp(e, a)))) {
            return new HarAnalysis.Judgement(HarRow.JudgedAs.API, api, msHost);
        }
        String resource = auds.stream().map(HarRoles::microsoftResourceOfAudience).filter(Objects::nonNull).findFirst()
                .orElse(msHost == null ? null : microsoftResourceOfHost(msHost));
        if (resource == null && headerNonce(f.token())) resource = "a Microsoft first-party API";
        if (resource != null) return new HarAnalysis.Judgement(HarRow.JudgedAs.OTHER_RESOURCE, resource, msHost);
        return new HarAnalysis.Judgement(HarRow.JudgedAs.API, api, msHost);
    }

    static String first(List<String> l) {
        return l.isEmpty() ? null : l.get(0);
    }

    /** The same app, in either form: GUID or api://GUID, with or without a trailing slash, any case. */
    static boolean sameApp(String expected, String actual) {
        return bare(expected).equals(bare(actual));
    }

    private static String bare(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("/")) t = t.substring(0, t.length() - 1);
        if (t.startsWith("api://")) t = t.substring(6);
        return t;
    }

    private static final TokenDecoder DECODER = new TokenDecoder();

    private static List<String> audiences(String token) {
        DecodedToken t = DECODER.decode(token);
        if (t.claims() == null) return List.of();
        JsonNode a = t.claims().get("aud");
        List<String> out = new ArrayList<>();
        if (a != null && a.isTextual()) out.add(a.asText());
        else if (a != null && a.isArray()) for (JsonNode x : a) if (x.isTextual()) out.add(x.asText());
        return out;
    }

    private static boolean headerNonce(String token) {
        DecodedToken t = DECODER.decode(token);
        return t.header() != null && t.header().has("nonce");
    }

    static boolean placeholder(HarFinding f, Inspector inspector) {
        return HarAnalysis.PLACEHOLDER.equals(inspector.extract("Bearer " + f.token()).form());
    }
}
