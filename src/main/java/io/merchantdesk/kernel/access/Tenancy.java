package io.merchantdesk.kernel.access;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenancy model as the kernel and the other capabilities see it. The organizations package owns the
 * tables behind it (stores, organizations, organization_members, store_staff) and implements this
 * interface; everybody else reads stores and relations only through it, never through SQL of their own.
 */
public interface Tenancy {

    /** How a user relates to a store; {@code null} lists mean no staff row / no membership. */
    record StoreRelation(boolean owner, boolean organizationOwner, boolean organizationAdmin,
                         List<String> staffPermissions, List<String> organizationPermissions) {}

    /** How a user relates to an organization; {@code role} is null when the user is not a member. */
    record OrganizationRelation(boolean owner, String role, List<String> permissions) {}

    /** The facts about a store other capabilities need (names for views, currency for orders, plan for referrals). */
    record StoreFacts(UUID id, String name, UUID ownerId, UUID organizationId, String billingCurrency, String plan) {}

    /** The user's relation to the store, or empty when the store does not exist. */
    Optional<StoreRelation> storeRelation(UUID storeId, UUID userId);

    /** The user's relation to the organization, or empty when the organization does not exist. */
    Optional<OrganizationRelation> organizationRelation(UUID organizationId, UUID userId);

    /** One store's facts, or empty when it does not exist. */
    Optional<StoreFacts> store(UUID storeId);

    /** The facts of every existing store among the ids, in one query. */
    Map<UUID, StoreFacts> stores(Collection<UUID> storeIds);
}
