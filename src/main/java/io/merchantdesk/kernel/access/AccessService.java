package io.merchantdesk.kernel.access;

import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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
    EntityManager em;

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
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT s.owner_id = :me,
                       coalesce(o.owner_id = :me, false),
                       coalesce(m.role = 'ADMIN', false),
                       st.permissions,
                       m.permissions
                FROM stores s
                LEFT JOIN organizations o ON o.id = s.organization_id
                LEFT JOIN organization_members m ON m.organization_id = s.organization_id AND m.user_id = :me
                LEFT JOIN store_staff st ON st.store_id = s.id AND st.user_id = :me
                WHERE s.id = :store""")
                .setParameter("me", me).setParameter("store", storeId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Store " + storeId);
        }
        Object[] r = rows.get(0);
        StoreAccess access = new StoreAccess(storeId, me, (Boolean) r[0], (Boolean) r[1], (Boolean) r[2],
                asList(r[3]), asList(r[4]));
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
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT o.owner_id = :me, m.role, m.permissions
                FROM organizations o
                LEFT JOIN organization_members m ON m.organization_id = o.id AND m.user_id = :me
                WHERE o.id = :org""")
                .setParameter("me", me).setParameter("org", organizationId).getResultList();
        if (rows.isEmpty() || !((Boolean) rows.get(0)[0]) && rows.get(0)[1] == null) {
            throw ProblemException.notFound("Organization " + organizationId);
        }
        Object[] r = rows.get(0);
        return new OrganizationAccess(organizationId, me, (Boolean) r[0], (String) r[1], asList(r[2]));
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

    private static List<String> asList(Object sqlArray) {
        if (sqlArray == null) return null;
        if (sqlArray instanceof String[] a) return List.of(a);
        if (sqlArray instanceof Object[] a) return java.util.Arrays.stream(a).map(String::valueOf).toList();
        if (sqlArray instanceof java.sql.Array a) {
            try {
                return List.of((String[]) a.getArray());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Unexpected array type " + sqlArray.getClass());
    }
}
