package dev.tokenscope.engine.entra;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Fixed facts about Microsoft Entra ID (sources in shared/entra-notes.md). */
public final class EntraFacts {
    /** Tenant of personal Microsoft accounts (MSA). */
    public static final String CONSUMER_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";
    /** Microsoft Graph's application id. */
    public static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    public static final Set<String> GRAPH_AUDIENCES = Set.of(GRAPH_APP_ID, "https://graph.microsoft.com",
            "https://graph.microsoft.com/", "https://graph.microsoft.us", "https://graph.microsoft.us/",
            "https://dod-graph.microsoft.us", "https://microsoftgraph.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn/");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private EntraFacts() {
    }

    public static boolean isGuid(String s) {
        return s != null && GUID.matcher(s).matches();
    }

    public static boolean isGraphAudience(String aud) {
        return aud != null && GRAPH_AUDIENCES.contains(aud.toLowerCase(Locale.ROOT));
    }
}
