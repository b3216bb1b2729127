package io.merchantdesk.kernel.access;

import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * The one place that answers "may the caller do this here?" against the tenancy model.
 * A user related to a store (owner, staff, or owner/admin/member of its organization) who lacks the
 * permission gets 403; anyone else gets 404, so ids reveal nothing.
 * Store rights: the store owner and the organization's owner and ADMINs hold every store-level
 * permission on it; staff hold what was granted to them (store level), and organization members
 * hold the organization-level permissions granted to them on every store of the organization.
 */
@ApplicationScoped
public class AccessService {
    @Inject
    Tenancy tenancy;

    @Inject
    CurrentUser currentUser;

    /** How the caller relates to a store. */
    public record StoreAccess(UUID storeId, UUID userId, boolean owner, boolean organizationOwner, boolean organizationAdmin,
                              List<String> staffPermissions, List<String> organizationPermissions) {
        public boolean related() {
            return owner || organizationOwner || organizationAdmin || staffPermissions != null || organizationPermissions != null;
        }

        public boolean has(Permission p) {
            if (owner || organizationOwner || organizationAdmin) return true;
            List<String> granted = p.level() == Permission.Level.STORE ? staffPermissions : organizationPermissions;
            return granted != null && granted.contains(p.name());
        }
    }

    /** The caller's relation to the store, or 404 when there is none. */
    public StoreAccess store(UUID storeId) {
        UUID me = currentUser.id();
        return store(storeId, me, tenancy.storeRelation(storeId, me).orElse(null));
    }

    /**
     * The same decision from a relation the caller read together with the store itself (one round trip for a
     * point read); {@code relation} null means there is no such store. Never a remembered relation: read it now.
     */
    public StoreAccess store(UUID storeId, UUID me, Tenancy.StoreRelation relation) {
        Tenancy.StoreRelation r = relation;
        if (r == null) throw ProblemException.notFound("Store " + storeId);
        StoreAccess access = new StoreAccess(storeId, me, r.owner(), r.organizationOwner(), r.organizationAdmin(),
                r.staffPermissions(), r.organizationPermissions());
        if (!access.related()) {
            throw ProblemException.notFound("Store " + storeId);
        }
        return access;
    }

    /** Requires the permission on the store: 404 without relation, 403 with a relation but not the permission. */
    public StoreAccess store(UUID storeId, Permission permission) {
        StoreAccess access = store(storeId);
        if (!access.has(permission)) {
            throw ProblemException.forbidden("PERMISSION_REQUIRED", "This needs the " + permission + " permission on the store");
        }
        return access;
    }

    /** Requires the caller to own the store (ownership actions: transfer, grouping). */
    public StoreAccess storeOwner(UUID storeId) {
        StoreAccess access = store(storeId);
        if (!access.owner()) {
            throw ProblemException.forbidden("STORE_OWNER_REQUIRED", "Only the store owner can do this");
        }
        return access;
    }

    /** How the caller relates to an organization. */
    public record OrganizationAccess(UUID organizationId, UUID userId, boolean owner, String role, List<String> permissions) {
        public boolean has(Permission p) {
            return owner || "ADMIN".equals(role) || permissions != null && permissions.contains(p.name());
        }
    }

    /** The caller's relation to the organization (owner or member), or 404. */
    public OrganizationAccess organization(UUID organizationId) {
        UUID me = currentUser.id();
        Tenancy.OrganizationRelation r = tenancy.organizationRelation(organizationId, me)
                .filter(rel -> rel.owner() || rel.role() != null)
                .orElseThrow(() -> ProblemException.notFound("Organization " + organizationId));
        return new OrganizationAccess(organizationId, me, r.owner(), r.role(), r.permissions());
    }

    /** Only the organization owner may do this (ORG-6 and friends): 403 for members, 404 for strangers. */
    public OrganizationAccess organizationOwner(UUID organizationId) {
        OrganizationAccess access = organization(organizationId);
        if (!access.owner()) {
            throw ProblemException.forbidden("ORGANIZATION_OWNER_REQUIRED", "Only the organization owner can do this");
        }
        return access;
    }

    /** Requires a role: 403 without it. */
    public void requireRole(String role) {
        if (!currentUser.hasRole(role)) {
            throw ProblemException.forbidden("ROLE_REQUIRED", "This needs the " + role + " role");
        }
    }
}
