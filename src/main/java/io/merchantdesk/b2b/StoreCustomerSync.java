package io.merchantdesk.b2b;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merchantdesk.kernel.contact.Phones;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.kernel.persistence.SnapshotWindow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.*;

/**
 * B2B's bulk API for the ERP sync (issue 13): the SQL over {@code customers}, {@code customer_addresses} and
 * {@code orders} that a sync batch needs, as set-based statements and JDBC batches on the caller's connection (the
 * sync's batch transaction). It keeps B2B's invariants: one default address at position 0, {@code phone_e164} read
 * with the default address's country, e-mail unique per store. A write stamps {@code erp_written_at = updated_at}
 * (SYNC-19). The change-capture stamp {@code sync_xid} is set by a trigger (V32) and only read here.
 */
public final class StoreCustomerSync {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreCustomerSync() {}

    /** An address as B2B stores it (customer address, or an order's bill-to/ship-to). */
    public record AddressData(String firstName, String lastName, String company, String address1, String address2, String city,
                              String provinceCode, String province, String countryCode, String zip, String phone) {}

    /** A customer with its default address (else the first), B2B's phone key and the change-capture stamp. */
    public record CustomerRow(UUID id, String firstName, String lastName, String email, String phone, Instant updatedAt,
                              AddressData address, String phoneE164, boolean defaultAddress, String syncXid) {}

    /** A live order with its customer's contact data. */
    /** A live order with its customer's contact data; a B2B order also with its company location and company. */
    public record OrderRow(UUID id, UUID customerId, AddressData billTo, AddressData shipTo, String customerEmail, String customerPhone,
                           String customerFirstName, String customerLastName, String currency, java.math.BigDecimal total,
                           java.time.Instant placedAt, List<LineData> lines, UUID companyLocationId, UUID companyId) {}

    /** An order line as the sync places it in an ERP: its text, quantity and unit price. */
    public record LineData(String title, String sku, java.math.BigDecimal quantity, java.math.BigDecimal unitPrice) {}

    /** The mapped fields to write: a new customer with its default address, or the fields of an existing one. */
    public record CustomerWrite(String firstName, String lastName, String email, String phone, AddressData address) {}

    /** An update of an existing customer; {@code address}: write it (update the default, or insert one when there is none). */
    public record CustomerUpdate(UUID id, CustomerWrite data, boolean writeAddress, boolean hasAddress) {}

    /** What identifies a store customer to a person (issue 23): id, name, e-mail and phone as stored (each may be null). */
    public record CustomerDisplay(UUID id, String firstName, String lastName, String email, String phone) {
        /** First and last name, or null when both are empty. */
        public String name() {
            String n = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
            return n.isEmpty() ? null : n;
        }
    }

    /** What identifies an order to a person (orders carry no number of their own): when it was placed, its total, its customer. */
    public record OrderDisplay(UUID id, Instant placedAt, BigDecimal total, String currency, CustomerDisplay customer) {}

    private static final String CUSTOMER_SELECT = """
            SELECT c.id, c.first_name, c.last_name, c.email, c.phone, c.updated_at,
                   a.first_name, a.last_name, a.company, a.address1, a.address2, a.city, a.province_code, a.province,
                   a.country_code, a.zip, a.phone, a.id IS NOT NULL, c.phone_e164, coalesce(a.is_default, false), c.sync_xid::text
            FROM customers c
            LEFT JOIN LATERAL (SELECT * FROM customer_addresses x WHERE x.customer_id = c.id
                               ORDER BY x.is_default DESC, x.position LIMIT 1) a ON true
            """;

    /**
     * Customers whose last writing transaction is visible in {@code snapshotTo} and was not in {@code snapshotFrom}
     * (null: every customer), not last written by the sync, keyset after (afterXid, afterId).
     */
    public static List<CustomerRow> changedCustomers(Connection c, UUID store, String snapshotFrom, String snapshotTo, String afterXid,
                                                     UUID afterId, int limit) throws SQLException {
        // The window's conditions walk customers_store_sync_xid_idx in order and stop after the batch.
        SnapshotWindow window = new SnapshotWindow(snapshotFrom, snapshotTo, afterXid, afterId);
        String sql = CUSTOMER_SELECT + " WHERE c.store_id = ?" + window.conditions("c.sync_xid", "c.id")
                + " AND (c.erp_written_at IS NULL OR c.updated_at > c.erp_written_at) ORDER BY c.sync_xid, c.id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, store);
            ps.setInt(window.bind(ps, 2), limit);
            return readCustomers(ps);
        }
    }

    public static Map<UUID, CustomerRow> customers(Connection c, UUID store, Collection<UUID> ids) throws SQLException {
        Map<UUID, CustomerRow> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement(CUSTOMER_SELECT + " WHERE c.store_id = ? AND c.id = ANY(?)")) {
            ps.setObject(1, store);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            for (CustomerRow r : readCustomers(ps)) out.put(r.id(), r);
        }
        return out;
    }

    private static List<CustomerRow> readCustomers(PreparedStatement ps) throws SQLException {
        List<CustomerRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                AddressData a = rs.getBoolean(18) ? new AddressData(rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                        rs.getString(17)) : null;
                out.add(new CustomerRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), a, rs.getString(19), rs.getBoolean(20), rs.getString(21)));
            }
        }
        return out;
    }

    /** A live order: not deleted, not cancelled (with {@code orders o}). */
    private static final String LIVE_ORDER = "o.store_id = ? AND o.deleted_at IS NULL AND o.status <> 'CANCELLED'";

    /**
     * Ids of the store's live (not deleted, not cancelled) orders after {@code afterId} (null: from the first), in id
     * order: the keyset scan a caller filters by its own data before it reads the orders with {@link #liveOrders}.
     */
    public static List<UUID> liveOrderIds(Connection c, UUID store, UUID afterId, int limit) throws SQLException {
        List<UUID> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.id FROM orders o WHERE " + LIVE_ORDER + " AND o.id > ? ORDER BY o.id LIMIT ?")) {
            ps.setObject(1, store);
            ps.setObject(2, afterId == null ? new UUID(0, 0) : afterId); // the nil UUID sorts first: keeps orders_store_idx usable
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getObject(1, UUID.class));
            }
        }
        return out;
    }

    /** The live orders among {@code ids}, in id order, with their customer's contact data. */
    public static List<OrderRow> liveOrders(Connection c, UUID store, Collection<UUID> ids) throws SQLException {
        List<OrderRow> out = new ArrayList<>();
        if (ids.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT o.id, o.customer_id, o.billing_address::text, o.shipping_address::text, c.email, c.phone, c.first_name, c.last_name,
                       o.currency, o.total, o.placed_at, o.line_items::text, o.company_location_id, l.company_id
                FROM orders o JOIN customers c ON c.id = o.customer_id
                LEFT JOIN company_locations l ON l.id = o.company_location_id""" + " WHERE " + LIVE_ORDER + " AND o.id = ANY(?) ORDER BY o.id")) {
            ps.setObject(1, store);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OrderRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), address(rs.getString(3)),
                            address(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getBigDecimal(10), rs.getTimestamp(11).toInstant(), lines(rs.getString(12)), rs.getObject(13, UUID.class),
                            rs.getObject(14, UUID.class)));
                }
            }
        }
        return out;
    }

    private static List<LineData> lines(String json) throws SQLException {
        List<LineData> out = new ArrayList<>();
        if (json == null) return out;
        try {
            for (JsonNode n : JSON.readTree(json)) {
                JsonNode q = n.get("quantity");
                JsonNode p = n.get("unitPrice");
                out.add(new LineData(text(n, "title"), text(n, "sku"), q == null || q.isNull() ? null : new java.math.BigDecimal(q.asText()),
                        p == null || p.isNull() ? null : new java.math.BigDecimal(p.asText())));
            }
        } catch (Exception e) {
            throw new SQLException("Unreadable order lines", e);
        }
        return out;
    }

    static AddressData address(String json) throws SQLException {
        if (json == null) return null;
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || n.isNull()) return null;
            return new AddressData(text(n, "firstName"), text(n, "lastName"), text(n, "company"), text(n, "address1"), text(n, "address2"),
                    text(n, "city"), text(n, "provinceCode"), text(n, "province"), text(n, "countryCode"), text(n, "zip"), text(n, "phone"));
        } catch (Exception e) {
            throw new SQLException("Unreadable order address", e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * The store's customers among {@code ids} for display (the sync's run errors and pending work, issue 23), in one
     * statement; an id that is not, or no longer, the store's customer is absent.
     */
    public static Map<UUID, CustomerDisplay> customerDisplays(Connection c, UUID store, Collection<UUID> ids) throws SQLException {
        return SyncDisplayRepository.customers(c, store, ids);
    }

    /**
     * The store's orders among {@code ids} (soft-deleted and cancelled ones too: they can still be opened) with their
     * customer, for display, in one statement; an id that is not the store's order is absent.
     */
    public static Map<UUID, OrderDisplay> orderDisplays(Connection c, UUID store, Collection<UUID> ids) throws SQLException {
        return SyncDisplayRepository.orders(c, store, ids);
    }

    /** Customer ids by lower-cased e-mail (exact). */
    public static Map<String, List<UUID>> byEmail(Connection c, UUID store, Collection<String> emails) throws SQLException {
        return keyed(c, "SELECT email_normalized, id FROM customers WHERE store_id = ? AND email_normalized = ANY(?)", store, emails);
    }

    /** Customer ids by E.164 phone (exact). */
    public static Map<String, List<UUID>> byPhone(Connection c, UUID store, Collection<String> phones) throws SQLException {
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

    /** Creates customers, each with one default address, stamped as written by the sync; returns their ids in order. */
    public static List<UUID> create(Connection c, UUID store, List<CustomerWrite> customers) throws SQLException {
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
            for (CustomerWrite d : customers) {
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

    private static void setAddress(PreparedStatement ps, int k, AddressData a) throws SQLException {
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

    /** Writes the given updates in three batches (customers, default addresses, new default addresses), stamped as the sync's. */
    public static void update(Connection c, UUID store, List<CustomerUpdate> updates) throws SQLException {
        if (updates.isEmpty()) return;
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
            for (CustomerUpdate u : updates) {
                CustomerWrite d = u.data();
                pc.setString(1, d.firstName());
                pc.setString(2, d.lastName());
                pc.setString(3, d.email());
                pc.setString(4, d.phone());
                pc.setString(5, Phones.e164(d.phone(), d.address().countryCode()));
                pc.setTimestamp(6, now);
                pc.setTimestamp(7, now);
                pc.setObject(8, store);
                pc.setObject(9, u.id());
                pc.addBatch();
                if (u.writeAddress()) {
                    if (u.hasAddress()) { // B2B keeps exactly one default when there are addresses
                        setAddress(pu, 1, d.address());
                        pu.setObject(12, u.id());
                        pu.addBatch();
                    } else {
                        pi.setObject(1, Ids.next());
                        pi.setObject(2, u.id());
                        setAddress(pi, 3, d.address());
                        pi.setObject(14, u.id());
                        pi.addBatch();
                        inserts = true;
                    }
                }
            }
            pc.executeBatch();
            pu.executeBatch();
            if (inserts) pi.executeBatch();
        }
    }
}
