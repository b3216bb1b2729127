package io.merchantdesk.b2b;

import io.merchantdesk.b2b.StoreCustomerSync.CustomerDisplay;
import io.merchantdesk.b2b.StoreCustomerSync.OrderDisplay;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The display reads behind {@link StoreCustomerSync#customerDisplays} and {@link StoreCustomerSync#orderDisplays}
 * (issue 23): what an administrator needs to recognise and open a store record that a sync run skipped or failed.
 * One statement per call, whatever the number of ids ({@code = ANY(?)} with a {@code uuid[]}), on the caller's
 * connection; ids that are not (or no longer) the store's are simply absent from the answer.
 */
final class SyncDisplayRepository {
    private SyncDisplayRepository() {}

    private static final String CUSTOMERS = """
            SELECT c.id, c.first_name, c.last_name, c.email, c.phone
            FROM customers c WHERE c.store_id = ? AND c.id = ANY(?)""";

    private static final String ORDERS = """
            SELECT o.id, o.placed_at, o.total, o.currency, o.customer_id, c.first_name, c.last_name, c.email, c.phone
            FROM orders o JOIN customers c ON c.id = o.customer_id
            WHERE o.store_id = ? AND o.id = ANY(?)""";

    static Map<UUID, CustomerDisplay> customers(Connection c, UUID store, Collection<UUID> ids) throws SQLException {
        Map<UUID, CustomerDisplay> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement(CUSTOMERS)) {
            ps.setObject(1, store);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    out.put(id, new CustomerDisplay(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    static Map<UUID, OrderDisplay> orders(Connection c, UUID store, Collection<UUID> ids) throws SQLException {
        Map<UUID, OrderDisplay> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement(ORDERS)) {
            ps.setObject(1, store);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    CustomerDisplay customer = new CustomerDisplay(rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9));
                    out.put(id, new OrderDisplay(id, rs.getTimestamp(2).toInstant(), rs.getBigDecimal(3), rs.getString(4), customer));
                }
            }
        }
        return out;
    }
}
