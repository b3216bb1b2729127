package io.merchantdesk.sync.engine;

import io.merchantdesk.kernel.persistence.Jdbc;
import io.merchantdesk.kernel.contact.Phones;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.Model.*;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.*;

/**
 * The store side over the B2B tables (customers, customer_addresses, orders), in set-based SQL. The sync
 * writes store customers here rather than through the B2B service because an export is a bulk job (one
 * batched statement per batch, not one service call per record); it keeps the B2B invariants (one default
 * address at position 0, phone_e164 from the default address's country, e-mail unique per store).
 * A write by the sync stamps erp_written_at = updated_at so the import never sends it back (SYNC-19).
 */
@ApplicationScoped
public class JdbcStorePort implements StorePort {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String CUSTOMER_SELECT = """
            SELECT c.id, c.first_name, c.last_name, c.email, c.phone, c.updated_at,
                   a.first_name, a.last_name, a.company, a.address1, a.address2, a.city, a.province_code, a.province,
                   a.country_code, a.zip, a.phone, a.id IS NOT NULL, c.phone_e164, coalesce(a.is_default, false), c.sync_xid::text
            FROM customers c
            LEFT JOIN LATERAL (SELECT * FROM customer_addresses x WHERE x.customer_id = c.id
                               ORDER BY x.is_default DESC, x.position LIMIT 1) a ON true
            """;

    @Override
    public List<StoreCustomer> changedCustomers(Connection c, UUID store, String snapshotFrom, String snapshotTo, String afterXid, UUID afterId,
                                                int limit) throws SQLException {
        // Exact change capture (V32, docs/sync.md): customers whose last writing transaction is visible in the run's
        // snapshot and was not in the previous run's. Conditions are added only when they apply, so the planner walks
        // customers_store_sync_xid_idx in order and stops after the batch (an "? IS NULL OR ..." would scan the store).
        StringBuilder sql = new StringBuilder(CUSTOMER_SELECT).append(" WHERE c.store_id = ?"
                + " AND c.sync_xid < pg_snapshot_xmax(?::pg_snapshot) AND pg_visible_in_snapshot(c.sync_xid, ?::pg_snapshot)");
        if (snapshotFrom != null) {
            sql.append(" AND c.sync_xid >= pg_snapshot_xmin(?::pg_snapshot) AND NOT pg_visible_in_snapshot(c.sync_xid, ?::pg_snapshot)");
        }
        if (afterXid != null) sql.append(" AND (c.sync_xid, c.id) > (?::xid8, ?)");
        sql.append(" AND (c.erp_written_at IS NULL OR c.updated_at > c.erp_written_at) ORDER BY c.sync_xid, c.id LIMIT ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int k = 1;
            ps.setObject(k++, store);
            ps.setString(k++, snapshotTo);
            ps.setString(k++, snapshotTo);
            if (snapshotFrom != null) {
                ps.setString(k++, snapshotFrom);
                ps.setString(k++, snapshotFrom);
            }
            if (afterXid != null) {
                ps.setString(k++, afterXid);
                ps.setObject(k++, afterId);
            }
            ps.setInt(k, limit);
            return readCustomers(ps);
        }
    }

    @Override
    public Map<UUID, StoreCustomer> customers(Connection c, UUID store, Collection<UUID> ids) throws SQLException {
        Map<UUID, StoreCustomer> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement(CUSTOMER_SELECT + " WHERE c.store_id = ? AND c.id = ANY(?)")) {
            ps.setObject(1, store);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            for (StoreCustomer sc : readCustomers(ps)) out.put(sc.id(), sc);
        }
        return out;
    }

    private static List<StoreCustomer> readCustomers(PreparedStatement ps) throws SQLException {
        List<StoreCustomer> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Address a = rs.getBoolean(18) ? new Address(rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                        rs.getString(17)) : null;
                out.add(new StoreCustomer(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), a, rs.getString(19), rs.getBoolean(20), rs.getString(21)));
            }
        }
        return out;
    }

    @Override
    public List<StoreOrder> ordersToImport(Connection c, UUID store, UUID afterId, Instant dueBy, int limit) throws SQLException {
        List<StoreOrder> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT o.id, o.customer_id, o.billing_address::text, o.shipping_address::text, c.email, c.phone, c.first_name, c.last_name
                FROM orders o JOIN customers c ON c.id = o.customer_id
                WHERE o.store_id = ? AND o.deleted_at IS NULL AND o.status <> 'CANCELLED'
                  AND o.id > ?
                  AND NOT EXISTS (SELECT 1 FROM erp_orders e WHERE e.store_id = o.store_id AND e.order_id = o.id)
                  AND NOT EXISTS (SELECT 1 FROM sync_pending p WHERE p.store_id = o.store_id AND p.record_type = 'ORDER'
                                  AND p.record_id = o.id::text AND (p.next_attempt_at IS NULL OR p.next_attempt_at > ?))
                ORDER BY o.id LIMIT ?""")) {
            ps.setObject(1, store);
            ps.setObject(2, afterId == null ? new UUID(0, 0) : afterId); // the nil UUID sorts first: keeps orders_store_idx usable
            Jdbc.setInstant(ps, 3, dueBy);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoreOrder(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), address(rs.getString(3)),
                            address(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return out;
    }

    private static Address address(String json) throws SQLException {
        if (json == null) return null;
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || n.isNull()) return null;
            return new Address(text(n, "firstName"), text(n, "lastName"), text(n, "company"), text(n, "address1"), text(n, "address2"),
                    text(n, "city"), text(n, "provinceCode"), text(n, "province"), text(n, "countryCode"), text(n, "zip"), text(n, "phone"));
        } catch (Exception e) {
            throw new SQLException("Unreadable order address", e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public Map<String, List<UUID>> customersByEmail(Connection c, UUID store, Collection<String> emails) throws SQLException {
        return keyed(c, "SELECT email_normalized, id FROM customers WHERE store_id = ? AND email_normalized = ANY(?)", store, emails);
    }

    @Override
    public Map<String, List<UUID>> customersByPhone(Connection c, UUID store, Collection<String> phones) throws SQLException {
        return keyed(c, "SELECT phone_e164, id FROM customers WHERE store_id = ? AND phone_e164 = ANY(?)", store, phones);
    }

    private static Map<String, List<UUID>> keyed(Connection c, String sql, UUID store, Collection<String> keys) throws SQLException {
        Map<String, List<UUID>> out = new HashMap<>();
        if (keys.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, store);
            ps.setArray(2, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
            }
        }
        return out;
    }

    @Override
    public List<UUID> createCustomers(Connection c, UUID store, List<StoreCustomerData> customers) throws SQLException {
        if (customers.isEmpty()) return List.of();
        List<UUID> ids = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement pc = c.prepareStatement("""
                INSERT INTO customers (id, store_id, first_name, last_name, email, phone, phone_e164, created_at, updated_at, erp_written_at)
                VALUES (?,?,?,?,?,?,?,?,?,?)""");
             PreparedStatement pa = c.prepareStatement("""
                INSERT INTO customer_addresses (id, customer_id, first_name, last_name, company, address1, address2, city,
                    province_code, province, country_code, zip, phone, is_default, position)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,true,0)""")) {
            for (StoreCustomerData d : customers) {
                UUID id = Ids.next();
                ids.add(id);
                pc.setObject(1, id);
                pc.setObject(2, store);
                pc.setString(3, d.firstName());
                pc.setString(4, d.lastName());
                pc.setString(5, d.email());
                pc.setString(6, d.phone());
                pc.setString(7, Phones.e164(d.phone(), d.address().countryCode()));
                pc.setTimestamp(8, now);
                pc.setTimestamp(9, now);
                pc.setTimestamp(10, now);
                pc.addBatch();
                pa.setObject(1, Ids.next());
                pa.setObject(2, id);
                setAddress(pa, 3, d.address());
                pa.addBatch();
            }
            pc.executeBatch();
            pa.executeBatch();
        }
        return ids;
    }

    private static void setAddress(PreparedStatement ps, int k, Address a) throws SQLException {
        ps.setString(k++, a.firstName());
        ps.setString(k++, a.lastName());
        ps.setString(k++, a.company());
        ps.setString(k++, a.address1());
        ps.setString(k++, a.address2());
        ps.setString(k++, a.city());
        ps.setString(k++, a.provinceCode());
        ps.setString(k++, a.province());
        ps.setString(k++, a.countryCode());
        ps.setString(k++, a.zip());
        ps.setString(k, a.phone());
    }

    @Override
    public List<UUID> updateCustomers(Connection c, UUID store, Map<UUID, StoreCustomerData> changes) throws SQLException {
        if (changes.isEmpty()) return List.of();
        Map<UUID, StoreCustomer> current = customers(c, store, changes.keySet());
        List<UUID> updated = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement pc = c.prepareStatement("""
                UPDATE customers SET first_name = ?, last_name = ?, email = ?, phone = ?, phone_e164 = ?,
                    updated_at = ?, erp_written_at = ?, version = version + 1
                WHERE store_id = ? AND id = ?""");
             PreparedStatement pu = c.prepareStatement("""
                UPDATE customer_addresses SET first_name = ?, last_name = ?, company = ?, address1 = ?, address2 = ?, city = ?,
                    province_code = ?, province = ?, country_code = ?, zip = ?, phone = ?
                WHERE customer_id = ? AND is_default"""); 
             PreparedStatement pi = c.prepareStatement("""
                INSERT INTO customer_addresses (id, customer_id, first_name, last_name, company, address1, address2, city,
                    province_code, province, country_code, zip, phone, is_default, position)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,true,
                        (SELECT coalesce(max(position) + 1, 0) FROM customer_addresses WHERE customer_id = ?))""")) {
            boolean inserts = false;
            for (Map.Entry<UUID, StoreCustomerData> e : changes.entrySet()) {
                StoreCustomer sc = current.get(e.getKey());
                if (sc == null) continue;
                StoreCustomerData d = e.getValue();
                boolean customerChanged = !Objects.equals(sc.firstName(), d.firstName()) || !Objects.equals(sc.lastName(), d.lastName())
                        || !Objects.equals(Normalize.email(sc.email()), Normalize.email(d.email())) || !Objects.equals(sc.phone(), d.phone());
                boolean addressChanged = !d.address().equals(sc.address());
                if (!customerChanged && !addressChanged) continue; // SYNC-12: written only when a mapped field really changed
                updated.add(sc.id());
                pc.setString(1, d.firstName());
                pc.setString(2, d.lastName());
                pc.setString(3, d.email());
                pc.setString(4, d.phone());
                pc.setString(5, Phones.e164(d.phone(), d.address().countryCode()));
                pc.setTimestamp(6, now);
                pc.setTimestamp(7, now);
                pc.setObject(8, store);
                pc.setObject(9, sc.id());
                pc.addBatch();
                if (addressChanged) {
                    if (sc.address() != null) { // B2B keeps exactly one default when there are addresses
                        setAddress(pu, 1, d.address());
                        pu.setObject(12, sc.id());
                        pu.addBatch();
                    } else {
                        pi.setObject(1, Ids.next());
                        pi.setObject(2, sc.id());
                        setAddress(pi, 3, d.address());
                        pi.setObject(14, sc.id());
                        pi.addBatch();
                        inserts = true;
                    }
                }
            }
            if (!updated.isEmpty()) {
                pc.executeBatch();
                pu.executeBatch();
                if (inserts) pi.executeBatch();
            }
        }
        return updated;
    }
}
