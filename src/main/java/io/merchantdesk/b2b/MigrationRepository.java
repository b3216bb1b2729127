package io.merchantdesk.b2b;

import io.merchantdesk.b2b.B2bDtos.Skipped;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The set-based work of an order-history migration (B2B-1..5, B2B-7) and the {@code contact_migrations} table:
 * named native statements, each one round trip whatever the number of orders.
 */
@ApplicationScoped
public class MigrationRepository {

    /** B2B-1/2/4: the eligible orders, and the skipped ones counted once under their first reason (deleted → cancelled → B2B). */
    static final String COUNT_HISTORY = """
            SELECT count(*) FILTER (WHERE deleted_at IS NULL AND status <> 'CANCELLED' AND company_location_id IS NULL),
                   count(*) FILTER (WHERE deleted_at IS NOT NULL),
                   count(*) FILTER (WHERE deleted_at IS NULL AND status = 'CANCELLED'),
                   count(*) FILTER (WHERE deleted_at IS NULL AND status <> 'CANCELLED' AND company_location_id IS NOT NULL)
            FROM orders WHERE customer_id = :customer AND store_id = :store""";
    static final String INSERT_RECORD = """
            INSERT INTO contact_migrations (id, store_id, company_id, contact_id, customer_id, location_id, moved_count,
                skipped_already_b2b, skipped_cancelled, skipped_deleted, created_by, created_at)
            VALUES (:id, :store, :company, :contact, :customer, :location, :moved, :b2b, :cancelled, :deleted, :me, :now)""";
    /** B2B-1..4: the whole eligible history into one location, stamped with the migration. */
    static final String MOVE_ORDERS = """
            UPDATE orders SET company_location_id = :location, migration_id = :migration,
                              updated_at = now(), version = version + 1
            WHERE customer_id = :customer AND store_id = :store
              AND company_location_id IS NULL AND status <> 'CANCELLED' AND deleted_at IS NULL""";
    /** B2B-5: one statement reverts the orders of the contact's unreverted migrations and marks each with its count. */
    static final String REVERT_FOR_CONTACT = """
            WITH m AS (SELECT id FROM contact_migrations WHERE contact_id = :contact AND reverted_at IS NULL FOR UPDATE),
                 r AS (UPDATE orders o SET company_location_id = NULL, migration_id = NULL,
                                           updated_at = now(), version = o.version + 1
                       FROM m WHERE o.migration_id = m.id RETURNING m.id AS migration_id),
                 c AS (SELECT m.id, (SELECT count(*) FROM r WHERE r.migration_id = m.id) AS n FROM m),
                 u AS (UPDATE contact_migrations cm SET reverted_at = now(), reverted_count = c.n FROM c WHERE cm.id = c.id)
            SELECT id, n FROM c""";
    static final String EXISTS_AT_LOCATION = "SELECT 1 FROM contact_migrations WHERE location_id = :location LIMIT 1";

    /** The counts taken under the customer lock, before the move. */
    public record History(int eligible, Skipped skipped) {}

    /** One reverted migration and how many orders it returned to D2C. */
    public record Reverted(UUID migrationId, int orders) {}

    @Inject
    EntityManager em;

    public History countHistory(UUID storeId, UUID customerId) {
        Object[] c = (Object[]) em.createNativeQuery(COUNT_HISTORY)
                .setParameter("customer", customerId).setParameter("store", storeId).getSingleResult();
        int deleted = ((Number) c[1]).intValue();
        int cancelled = ((Number) c[2]).intValue();
        int b2b = ((Number) c[3]).intValue();
        return new History(((Number) c[0]).intValue(), new Skipped(deleted, cancelled, b2b, deleted + cancelled + b2b));
    }

    public void insertRecord(UUID migrationId, UUID storeId, UUID companyId, UUID contactId, UUID customerId, UUID locationId,
                             History history, UUID createdBy, Instant now) {
        em.createNativeQuery(INSERT_RECORD)
                .setParameter("id", migrationId).setParameter("store", storeId).setParameter("company", companyId)
                .setParameter("contact", contactId).setParameter("customer", customerId).setParameter("location", locationId)
                .setParameter("moved", history.eligible()).setParameter("b2b", history.skipped().alreadyB2b())
                .setParameter("cancelled", history.skipped().cancelled()).setParameter("deleted", history.skipped().deleted())
                .setParameter("me", createdBy).setParameter("now", Timestamp.from(now))
                .executeUpdate();
    }

    /** The number of orders moved. */
    public int moveOrders(UUID storeId, UUID customerId, UUID locationId, UUID migrationId) {
        return em.createNativeQuery(MOVE_ORDERS)
                .setParameter("location", locationId).setParameter("migration", migrationId)
                .setParameter("customer", customerId).setParameter("store", storeId)
                .executeUpdate();
    }

    public List<Reverted> revertForContact(UUID contactId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(REVERT_FOR_CONTACT).setParameter("contact", contactId).getResultList();
        List<Reverted> out = new ArrayList<>();
        for (Object[] r : rows) out.add(new Reverted((UUID) r[0], ((Number) r[1]).intValue()));
        return out;
    }

    /** Whether a migration record (kept for B2B-5 and as history, B2B-7) names the location. */
    public boolean existsAtLocation(UUID locationId) {
        return !em.createNativeQuery(EXISTS_AT_LOCATION).setParameter("location", locationId).getResultList().isEmpty();
    }
}
