package io.merchantdesk.b2b;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query of the {@code orders} table except the set-based migration work ({@link MigrationRepository}). */
@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<Order, UUID> {

    private static final String EXISTS_FOR_CUSTOMER = "SELECT 1 FROM orders WHERE customer_id = :id LIMIT 1";
    private static final String EXISTS_AT_COMPANY = """
            SELECT 1 FROM orders o JOIN company_locations l ON l.id = o.company_location_id
            WHERE l.company_id = :id LIMIT 1""";
    private static final String EXISTS_AT_LOCATION = "SELECT 1 FROM orders WHERE company_location_id = :id LIMIT 1";

    /** The order of this store (another store's order is absent). */
    public Optional<Order> inStore(UUID storeId, UUID orderId) {
        Order o = findById(orderId);
        return o != null && o.storeId.equals(storeId) ? Optional.of(o) : Optional.empty();
    }

    /** A keyset page by id; every filter is optional. */
    public List<Order> list(UUID storeId, UUID customerId, Order.Type type, Order.Status status, boolean includeDeleted,
                            UUID after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT o.* FROM orders o WHERE o.store_id = :store");
        if (customerId != null) sql.append(" AND o.customer_id = :customer");
        if (type == Order.Type.B2B) sql.append(" AND o.company_location_id IS NOT NULL");
        if (type == Order.Type.D2C) sql.append(" AND o.company_location_id IS NULL");
        if (status != null) sql.append(" AND o.status = :status");
        if (!includeDeleted) sql.append(" AND o.deleted_at IS NULL");
        if (after != null) sql.append(" AND o.id > :after");
        sql.append(" ORDER BY o.id LIMIT :n");
        var q = getEntityManager().createNativeQuery(sql.toString(), Order.class).setParameter("store", storeId).setParameter("n", limit);
        if (customerId != null) q.setParameter("customer", customerId);
        if (status != null) q.setParameter("status", status.name());
        if (after != null) q.setParameter("after", after);
        @SuppressWarnings("unchecked")
        List<Order> rows = q.getResultList();
        return rows;
    }

    /** Reloads the order after its customer was locked (another transaction may have changed it meanwhile). */
    public void refresh(Order o) {
        getEntityManager().refresh(o);
    }

    public boolean existsForCustomer(UUID customerId) {
        return exists(EXISTS_FOR_CUSTOMER, customerId);
    }

    /** Any order (any status, also soft-deleted) at one of the company's locations. */
    public boolean existsAtCompany(UUID companyId) {
        return exists(EXISTS_AT_COMPANY, companyId);
    }

    /** Any order (any status, also soft-deleted) at the location. */
    public boolean existsAtLocation(UUID locationId) {
        return exists(EXISTS_AT_LOCATION, locationId);
    }

    private boolean exists(String sql, UUID id) {
        return !getEntityManager().createNativeQuery(sql).setParameter("id", id).getResultList().isEmpty();
    }
}
