package io.merchantdesk.sync.engine;

import io.merchantdesk.kernel.persistence.Ids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.*;

/** Store customer ↔ ERP customer links (the sync's own table); unique on both sides per store. */
public final class Links {
    private Links() {}

    public static Map<UUID, String> byCustomer(Batch b, UUID store, Collection<UUID> customerIds) {
        return b.jdbc(c -> byCustomer(c, store, customerIds));
    }

    public static Map<String, UUID> byNumber(Batch b, UUID store, UUID company, Collection<String> nos) {
        return b.jdbc(c -> byNumber(c, store, company, nos));
    }

    public static int insert(Batch b, UUID store, UUID company, Map<UUID, String> links, String from) {
        return b.jdbc(c -> insert(c, store, company, links, from));
    }

    public static void touch(Batch b, UUID store, Collection<UUID> customerIds, String from) {
        b.run(c -> touch(c, store, customerIds, from));
    }

    public static void drop(Batch b, UUID store, Collection<UUID> customerIds) {
        b.run(c -> drop(c, store, customerIds));
    }

    private static Map<UUID, String> byCustomer(Connection c, UUID store, Collection<UUID> customerIds) throws SQLException {
        Map<UUID, String> out = new HashMap<>();
        if (customerIds.isEmpty()) return out;
        // One probe of the unique index per id. With "customer_id = ANY(?)" the planner, whose statistics lag behind
        // a table that a run fills, scanned all of the store's links and filtered them (42 ms per 2 000 ids at
        // 100 000 links, growing with every batch); the LIMIT 1 lateral keeps it to index probes (3 ms).
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT u.id, l.customer_no FROM unnest(?::uuid[]) AS u(id)
                JOIN LATERAL (SELECT x.customer_no FROM customer_links x WHERE x.store_id = ? AND x.customer_id = u.id LIMIT 1) l ON true""")) {
            ps.setArray(1, c.createArrayOf("uuid", customerIds.toArray()));
            ps.setObject(2, store);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getObject(1, UUID.class), rs.getString(2));
            }
        }
        return out;
    }

    private static Map<String, UUID> byNumber(Connection c, UUID store, UUID company, Collection<String> nos) throws SQLException {
        Map<String, UUID> out = new HashMap<>();
        if (nos.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT u.no, l.customer_id FROM unnest(?::text[]) AS u(no)
                JOIN LATERAL (SELECT x.customer_id FROM customer_links x
                              WHERE x.store_id = ? AND x.erp_company_id = ? AND x.customer_no = u.no LIMIT 1) l ON true""")) { // index probes, as in byCustomer
            ps.setArray(1, c.createArrayOf("text", nos.toArray()));
            ps.setObject(2, store);
            ps.setObject(3, company);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getObject(2, UUID.class));
            }
        }
        return out;
    }

    /** Inserts links; a link that exists already (a rerun) is left as it is. Returns how many were new. */
    private static int insert(Connection c, UUID store, UUID company, Map<UUID, String> links, String from) throws SQLException {
        if (links.isEmpty()) return 0;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO customer_links (id, store_id, customer_id, erp_company_id, customer_no, last_synced_from)
                SELECT u.id, ?, u.customer_id, ?, u.customer_no, ? FROM unnest(?::uuid[], ?::uuid[], ?::text[]) AS u(id, customer_id, customer_no)
                ON CONFLICT DO NOTHING""")) {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < links.size(); i++) ids.add(Ids.next());
            ps.setObject(1, store);
            ps.setObject(2, company);
            ps.setString(3, from);
            ps.setArray(4, c.createArrayOf("uuid", ids.toArray()));
            ps.setArray(5, c.createArrayOf("uuid", links.keySet().toArray()));
            ps.setArray(6, c.createArrayOf("text", links.values().toArray()));
            return ps.executeUpdate();
        }
    }

    /** Records when and from which side linked customers were last synchronised. */
    private static void touch(Connection c, UUID store, Collection<UUID> customerIds, String from) throws SQLException {
        if (customerIds.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE customer_links SET last_synced_at = now(), last_synced_from = ? WHERE store_id = ? AND customer_id = ANY(?)")) {
            ps.setString(1, from);
            ps.setObject(2, store);
            ps.setArray(3, c.createArrayOf("uuid", customerIds.toArray()));
            ps.executeUpdate();
        }
    }

    /** SYNC-5: links whose ERP customer was deleted are dropped so that discovery starts again. */
    private static void drop(Connection c, UUID store, Collection<UUID> customerIds) throws SQLException {
        if (customerIds.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM customer_links WHERE store_id = ? AND customer_id = ANY(?)")) {
            ps.setObject(1, store);
            ps.setArray(2, c.createArrayOf("uuid", customerIds.toArray()));
            ps.executeUpdate();
        }
    }
}
