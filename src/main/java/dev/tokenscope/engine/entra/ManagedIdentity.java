package dev.tokenscope.engine.entra;

import dev.tokenscope.engine.claims.AzureResourceId;

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
    /** The managed identity named by the token's xms_mirid, if it has one that is an Azure resource id. */
    public static Optional<ManagedIdentity> of(TokenFacts facts) {
        return facts == null ? Optional.empty() : parse(facts.str("xms_mirid"));
    }

    /** Parses an Azure resource id ({@code /subscriptions/…/providers/{namespace}/{type}/{name}[/{type}/{name}…]}). */
    public static Optional<ManagedIdentity> parse(String resourceId) {
        return AzureResourceId.parse(resourceId).map(r -> new ManagedIdentity(r.name(), r.userAssigned(), r.resourceType(),
                r.resourceGroup(), r.subscription(), r.resourceId()));
    }

    /** "managed identity orders-reader (user-assigned, resource group rg-orders)". */
    public String describe() {
        return new AzureResourceId(name, userAssigned, resourceType, resourceGroup, subscription, resourceId).describeIdentity();
    }
}
