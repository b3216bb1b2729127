package io.merchantdesk.organizations;

import io.merchantdesk.organizations.GroupingRules.StaffRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/** Every query of {@code store_staff} (keyed by store and user; no entity). */
@ApplicationScoped
class StaffRepository {
    static final String OF_STORES = "SELECT store_id, user_id, permissions FROM store_staff WHERE store_id IN (:ids)";

    /** One store's staff after a user id (keyset on the primary key). */
    static final String PAGE = """
            SELECT store_id, user_id, permissions FROM store_staff WHERE store_id = :store
              AND (CAST(:after AS uuid) IS NULL OR user_id > CAST(:after AS uuid))
            ORDER BY user_id LIMIT :n""";

    static final String UPSERT = """
            INSERT INTO store_staff (store_id, user_id, permissions) VALUES (:store, :user, :perms)
            ON CONFLICT (store_id, user_id) DO UPDATE SET permissions = EXCLUDED.permissions,
                updated_at = now(), version = store_staff.version + 1""";

    static final String DELETE = "DELETE FROM store_staff WHERE store_id = :store AND user_id = :user";

    /** ORG-13, ORG-14: takes the given permissions away from every staff row of the stores, in one statement. */
    static final String REMOVE_PERMISSIONS = """
            UPDATE store_staff SET permissions = ARRAY(SELECT p FROM unnest(permissions) p WHERE p <> ALL(CAST(:moved AS text[])) ORDER BY p),
                   updated_at = now(), version = version + 1
            WHERE store_id IN (:stores) AND permissions && CAST(:moved AS text[])""";

    @Inject
    EntityManager em;

    List<StaffRow> ofStores(List<UUID> storeIds) {
        return rows(em.createNativeQuery(OF_STORES).setParameter("ids", storeIds).getResultList());
    }

    List<StaffRow> page(UUID storeId, UUID afterUserId, int n) {
        return rows(em.createNativeQuery(PAGE).setParameter("store", storeId).setParameter("after", afterUserId)
                .setParameter("n", n).getResultList());
    }

    void upsert(UUID storeId, UUID userId, String[] permissions) {
        em.createNativeQuery(UPSERT).setParameter("store", storeId).setParameter("user", userId)
                .setParameter("perms", permissions).executeUpdate();
    }

    /** True when a staff row was removed. */
    boolean delete(UUID storeId, UUID userId) {
        return em.createNativeQuery(DELETE).setParameter("store", storeId).setParameter("user", userId).executeUpdate() > 0;
    }

    void removePermissions(List<UUID> storeIds, String[] permissions) {
        if (storeIds.isEmpty()) return;
        em.createNativeQuery(REMOVE_PERMISSIONS).setParameter("moved", permissions).setParameter("stores", storeIds).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private static List<StaffRow> rows(List<?> result) {
        return ((List<Object[]>) result).stream()
                .map(r -> new StaffRow((UUID) r[0], (UUID) r[1], SqlArrays.permissions(r[2]))).toList();
    }
}
