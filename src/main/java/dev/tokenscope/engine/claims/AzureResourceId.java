package dev.tokenscope.engine.claims;

import java.util.Locale;
import java.util.Optional;

/**
 * An Azure resource id as a claim carries it ({@code xms_mirid}): the managed identity a token was issued to. A
 * user-assigned identity is
 * {@code /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}};
 * a system-assigned one is the path of the resource it belongs to ({@code …/providers/Microsoft.Web/sites/{name}}).
 * The catalogue interprets the claim with it; {@code entra.ManagedIdentity} reads it from a token's facts.
 *
 * @param name          the identity's name (user-assigned) or its resource's name (system-assigned)
 * @param userAssigned  true for a user-assigned identity
 * @param resourceType  the resource type, e.g. Microsoft.ManagedIdentity/userAssignedIdentities or Microsoft.Web/sites
 * @param resourceGroup the resource group, or null
 * @param subscription  the subscription id, or null
 * @param resourceId    the whole resource id
 */
public record AzureResourceId(String name, boolean userAssigned, String resourceType, String resourceGroup, String subscription,
                              String resourceId) {
    private static final String USER_ASSIGNED = "microsoft.managedidentity/userassignedidentities";

    /** Parses an Azure resource id ({@code /subscriptions/…/providers/{namespace}/{type}/{name}[/{type}/{name}…]}). */
    public static Optional<AzureResourceId> parse(String resourceId) {
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
        return Optional.of(new AzureResourceId(name, user, type.toString(), group, subscription, resourceId));
    }

    /** "managed identity orders-reader (user-assigned, resource group rg-orders)". */
    public String describeIdentity() {
        return "managed identity " + name + " ("
                + (userAssigned ? "user-assigned" : "system-assigned, of the " + resourceType + " resource " + name)
                + (resourceGroup != null ? ", resource group " + resourceGroup : "") + ")";
    }
}
