package io.merchantdesk.organizations;

import io.merchantdesk.kernel.persistence.Jdbc;
import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.organizations.OrganizationDtos.PermissionChangeView;
import io.merchantdesk.organizations.OrganizationDtos.PermissionRemoval;
import io.merchantdesk.organizations.OrganizationDtos.RemovalReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Applies and records permission removals (ORG-12, 13, 14): store-level grants are taken away from
 * staff rows in one statement, and every removal is written to permission_changes in one JDBC batch.
 */
@ApplicationScoped
class PermissionChanges {
    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    void apply(List<PermissionRemoval> removals, UUID changedBy) {
        if (removals.isEmpty()) return;
        List<UUID> stores = removals.stream().filter(r -> r.level() == Permission.Level.STORE).map(PermissionRemoval::storeId).distinct().toList();
        if (!stores.isEmpty()) {
            String[] moved = Arrays.stream(Permission.values()).filter(Permission::becomesOrganizationLevel).map(Enum::name).toArray(String[]::new);
            em.createNativeQuery("""
                    UPDATE store_staff SET permissions = ARRAY(SELECT p FROM unnest(permissions) p WHERE p <> ALL(CAST(:moved AS text[])) ORDER BY p),
                           updated_at = now(), version = version + 1
                    WHERE store_id IN (:stores) AND permissions && CAST(:moved AS text[])""")
                    .setParameter("moved", moved).setParameter("stores", stores).executeUpdate();
        }
        Timestamp now = Timestamp.from(Instant.now());
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO permission_changes (id, organization_id, store_id, user_id, permission, level, reason, changed_by, changed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (PermissionRemoval r : removals) {
                    ps.setObject(1, Ids.next());
                    ps.setObject(2, r.organizationId());
                    ps.setObject(3, r.storeId());
                    ps.setObject(4, r.userId());
                    ps.setString(5, r.permission().name());
                    ps.setString(6, r.level().name());
                    ps.setString(7, r.reason().name());
                    ps.setObject(8, changedBy);
                    ps.setTimestamp(9, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    Page<PermissionChangeView> list(UUID orgId, PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 2);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, organization_id, store_id, user_id, permission, level, reason, changed_by, changed_at
                FROM permission_changes WHERE organization_id = :o
                  AND (CAST(:at AS timestamptz) IS NULL OR (changed_at, id) < (CAST(:at AS timestamptz), CAST(:id AS uuid)))
                ORDER BY changed_at DESC, id DESC LIMIT :n""")
                .setParameter("o", orgId)
                .setParameter("at", after == null ? null : Timestamp.from(Cursors.instant(after.get(0))))
                .setParameter("id", after == null ? null : Cursors.uuid(after.get(1)))
                .setParameter("n", page.limit + 1).getResultList();
        return Page.of(rows, page.limit, r -> new PermissionChangeView((UUID) r[0], (UUID) r[1], (UUID) r[2], (UUID) r[3],
                        Permission.valueOf((String) r[4]), Permission.Level.valueOf((String) r[5]), RemovalReason.valueOf((String) r[6]),
                        (UUID) r[7], Jdbc.instant(r[8])),
                r -> Cursors.encode(Jdbc.instant(r[8]), r[0]));
    }
}
