package io.merchantdesk.organizations;

import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.kernel.persistence.Jdbc;
import io.merchantdesk.organizations.OrganizationDtos.PermissionChangeView;
import io.merchantdesk.organizations.OrganizationDtos.PermissionRemoval;
import io.merchantdesk.organizations.OrganizationDtos.RemovalReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** Every query of {@code permission_changes}: one JDBC batch to record, a keyset page (newest first) to read. */
@ApplicationScoped
class PermissionChangeRepository {
    static final String INSERT = """
            INSERT INTO permission_changes (id, organization_id, store_id, user_id, permission, level, reason, changed_by, changed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    static final String PAGE = """
            SELECT id, organization_id, store_id, user_id, permission, level, reason, changed_by, changed_at
            FROM permission_changes WHERE organization_id = :o
              AND (CAST(:at AS timestamptz) IS NULL OR (changed_at, id) < (CAST(:at AS timestamptz), CAST(:id AS uuid)))
            ORDER BY changed_at DESC, id DESC LIMIT :n""";

    @Inject
    EntityManager em;

    /** Records the removals in one JDBC batch, all at the same instant. */
    void record(List<PermissionRemoval> removals, UUID changedBy, Instant at) {
        if (removals.isEmpty()) return;
        Timestamp now = Timestamp.from(at);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
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

    /** One organization's changes older than (at, id), newest first. */
    List<PermissionChangeView> page(UUID organizationId, Instant beforeAt, UUID beforeId, int n) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(PAGE)
                .setParameter("o", organizationId)
                .setParameter("at", beforeAt == null ? null : Timestamp.from(beforeAt))
                .setParameter("id", beforeId)
                .setParameter("n", n).getResultList();
        return rows.stream().map(r -> new PermissionChangeView((UUID) r[0], (UUID) r[1], (UUID) r[2], (UUID) r[3],
                Permission.valueOf((String) r[4]), Permission.Level.valueOf((String) r[5]), RemovalReason.valueOf((String) r[6]),
                (UUID) r[7], Jdbc.instant(r[8]))).toList();
    }
}
