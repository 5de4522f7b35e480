package dev.tokenscope.engine.entra;

import java.util.Locale;
import java.util.Optional;

/**
 * The managed identity a token was issued to, read from its Azure resource id ({@code xms_mirid}): a user-assigned
 * identity is {@code /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}};
 * a system-assigned one is the path of the resource it belongs to ({@code …/providers/Microsoft.Web/sites/{name}}).
 *
 * @param name          the identity's name (user-assigned) or its resource's name (system-assigned)
 * @param userAssigned  true for a user-assigned identity
 * @param resourceType  the resource type, e.g. Microsoft.ManagedIdentity/userAssignedIdentities or Microsoft.Web/sites
 * @param resourceGroup the resource group, or null
 * @param subscription  the subscription id, or null
 * @param resourceId    the whole resource id
 */
public record ManagedIdentity(String name, boolean userAssigned, String resourceType, String resourceGroup, String subscription,
                              String resourceId) {
    private static final String USER_ASSIGNED = "microsoft.managedidentity/userassignedidentities";

    /** The managed identity named by the token's xms_mirid, if it has one that is an Azure resource id. */
    public static Optional<ManagedIdentity> of(TokenFacts facts) {
        return facts == null ? Optional.empty() : parse(facts.str("xms_mirid"));
    }

    /** Parses an Azure resource id ({@code /subscriptions/…/providers/{namespace}/{type}/{name}[/{type}/{name}…]}). */
    public static Optional<ManagedIdentity> parse(String resourceId) {
        if (resourceId == null || !resourceId.startsWith("/")) return Optional.empty();
        String[] seg = resourceId.substring(1).split("/");
        String subscription = null, group = null;
        int providers = -1;
        for (int i = 0; i + 1 < seg.length; i++) {
            String k = seg[i].toLowerCase(Locale.ROOT);
            if (k.equals("subscriptions") && subscription == null) subscription = seg[i + 1];
            else if (k.equals("resourcegroups") && group == null) group = seg[i + 1];
            else if (k.equals("providers")) {
                providers = i;
                break;
            }
        }
        // providers/{namespace}/{type}/{name}: at least three segments after "providers", in type/name pairs.
        if (providers < 0 || seg.length - providers - 2 < 2 || (seg.length - providers - 2) % 2 != 0) return Optional.empty();
        StringBuilder type = new StringBuilder(seg[providers + 1]);
        for (int i = providers + 2; i < seg.length; i += 2) type.append('/').append(seg[i]);
        String name = seg[seg.length - 1];
        if (name.isBlank()) return Optional.empty();
        boolean user = type.toString().toLowerCase(Locale.ROOT).equals(USER_ASSIGNED);
        return Optional.of(new ManagedIdentity(name, user, type.toString(), group, subscription, resourceId));
    }

    /** "managed identity orders-reader (user-assigned, resource group rg-orders)". */
    public String describe() {
        return "managed identity " + name + " ("
                + (userAssigned ? "user-assigned" : "system-assigned, of the " + resourceType + " resource " + name)
                + (resourceGroup != null ? ", resource group " + resourceGroup : "") + ")";
    }
}
