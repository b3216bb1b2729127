package io.merchantdesk.b2b;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merchantdesk.b2b.B2bDtos.Address;
import io.merchantdesk.b2b.B2bDtos.LineItem;
import io.merchantdesk.kernel.persistence.Jdbc;
import io.merchantdesk.kernel.persistence.JdbcReads;
import io.merchantdesk.kernel.persistence.KeysetQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query of the {@code orders} table except the set-based migration work ({@link MigrationRepository}). */
@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<Order, UUID> {

    /** The columns of {@link #order}, in its order. */
    private static final String COLUMNS = """
            SELECT o.id, o.created_at, o.updated_at, o.version, o.store_id, o.customer_id, o.company_location_id, o.status,
                   o.deleted_at, o.currency, o.total, o.line_items, o.billing_address, o.shipping_address, o.placed_at,
                   o.migration_id
            FROM orders o""";
    private static final String READ = COLUMNS + " WHERE o.id = ? AND o.store_id = ?";
    private static final TypeReference<List<LineItem>> LINE_ITEMS = new TypeReference<>() {};
    private static final TypeReference<Address> ADDRESS = new TypeReference<>() {};

    @Inject
    JdbcReads jdbc;

    @Inject
    ObjectMapper mapper;

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

    /** The order of this store as a value to read (not managed: GET paths), or empty. By plain JDBC. */
    public Optional<Order> read(UUID storeId, UUID orderId) {
        return jdbc.one(READ, ps -> {
            ps.setObject(1, orderId);
            ps.setObject(2, storeId);
        }, this::order);
    }

    /** A keyset page by id; every filter is optional. Values to read (not managed), by plain JDBC. */
    public List<Order> list(UUID storeId, UUID customerId, Order.Type type, Order.Status status, boolean includeDeleted,
                            UUID after, int limit) {
        String base = COLUMNS + " WHERE o.store_id = :store"
                + (type == Order.Type.B2B ? " AND o.company_location_id IS NOT NULL" : "")
                + (type == Order.Type.D2C ? " AND o.company_location_id IS NULL" : "")
                + (includeDeleted ? "" : " AND o.deleted_at IS NULL");
        return KeysetQuery.of(base).with("store", storeId)
                .andIf(customerId, "o.customer_id = :customer", "customer")
                .andIf(status == null ? null : status.name(), "o.status = :status", "status")
                .andIf(after, "o.id > :after", "after")
                .list(jdbc, "o.id", limit, this::order);
    }

    private Order order(ResultSet rs) throws SQLException {
        Order o = new Order();
        o.id = rs.getObject(1, UUID.class);
        o.createdAt = rs.getTimestamp(2).toInstant();
        o.updatedAt = rs.getTimestamp(3).toInstant();
        o.version = rs.getLong(4);
        o.storeId = rs.getObject(5, UUID.class);
        o.customerId = rs.getObject(6, UUID.class);
        o.companyLocationId = rs.getObject(7, UUID.class);
        o.status = Order.Status.valueOf(rs.getString(8));
        o.deletedAt = Jdbc.instant(rs.getTimestamp(9));
        o.currency = rs.getString(10);
        o.total = rs.getBigDecimal(11);
        o.lineItems = json(rs.getString(12), LINE_ITEMS);
        o.billingAddress = json(rs.getString(13), ADDRESS);
        o.shippingAddress = json(rs.getString(14), ADDRESS);
        o.placedAt = Jdbc.instant(rs.getTimestamp(15));
        o.migrationId = rs.getObject(16, UUID.class);
        return o;
    }

    private <T> T json(String text, TypeReference<T> type) {
        if (text == null) return null;
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored order JSON does not map to " + type.getType(), e);
        }
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
