package io.merchantdesk.sync.engine;

import io.merchantdesk.kernel.persistence.Ids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.*;

/**
 * Store company ↔ ERP customer links and location ↔ own ERP customer links (the sync's tables company_links and
 * location_links, V35); unique on both sides per store, so a replayed batch cannot link twice.
 */
public final class CompanyLinks {
    private CompanyLinks() {}

    /** A company's link: its ERP customer and the ERP company it lives in. */
    public record Link(UUID companyId, String customerNo) {}

    public static Map<UUID, String> byCompany(Batch b, UUID store, Collection<UUID> companyIds) {
        return b.jdbc(c -> byId(c, "SELECT company_id, customer_no FROM company_links WHERE store_id = ? AND company_id = ANY(?)", store,
                companyIds));
    }

    /** The companies linked to these ERP customers of the ERP company. */
    public static Map<String, UUID> byNumber(Batch b, UUID store, UUID erpCompany, Collection<String> nos) {
        return b.jdbc(c -> byNo(c, "company_links", "company_id", store, erpCompany, nos));
    }

    /** The locations that are these ERP customers (OWN_CUSTOMERS). */
    public static Map<String, UUID> locationsByNumber(Batch b, UUID store, UUID erpCompany, Collection<String> nos) {
        return b.jdbc(c -> byNo(c, "location_links", "location_id", store, erpCompany, nos));
    }

    /** The own ERP customers of these locations (OWN_CUSTOMERS). */
    public static Map<UUID, String> byLocation(Batch b, UUID store, Collection<UUID> locationIds) {
        return b.jdbc(c -> byId(c, "SELECT location_id, customer_no FROM location_links WHERE store_id = ? AND location_id = ANY(?)", store,
                locationIds));
    }

    /** A location's own ERP customer, with its company. */
    public record LocationLink(UUID locationId, UUID companyId, String customerNo) {}

    /** The location links of these companies. */
    public static List<LocationLink> locationLinksOf(Batch b, UUID store, Collection<UUID> companyIds) {
        if (companyIds.isEmpty()) return List.of();
        return b.jdbc(c -> {
            List<LocationLink> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT location_id, company_id, customer_no FROM location_links WHERE store_id = ? AND company_id = ANY(?)")) {
                ps.setObject(1, store);
                ps.setArray(2, c.createArrayOf("uuid", companyIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new LocationLink(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)));
                }
            }
            return out;
        });
    }

    /** Drops location links (their locations are gone, or now the company's default one). */
    public static void deleteLocationLinks(Batch b, UUID store, Collection<UUID> locationIds) {
        if (locationIds.isEmpty()) return;
        b.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM location_links WHERE store_id = ? AND location_id = ANY(?)")) {
                ps.setObject(1, store);
                ps.setArray(2, c.createArrayOf("uuid", locationIds.toArray()));
                ps.executeUpdate();
            }
        });
    }

    /** Inserts company links; one that exists already (a rerun) is left as it is. Returns how many were new. */
    public static int insert(Batch b, UUID store, UUID erpCompany, Map<UUID, String> links, String from) {
        if (links.isEmpty()) return 0;
        return b.jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO company_links (id, store_id, company_id, erp_company_id, customer_no, last_synced_from)
                    SELECT u.id, ?, u.company_id, ?, u.customer_no, ? FROM unnest(?::uuid[], ?::uuid[], ?::text[]) AS u(id, company_id, customer_no)
                    ON CONFLICT DO NOTHING""")) {
                ps.setObject(1, store);
                ps.setObject(2, erpCompany);
                ps.setString(3, from);
                ps.setArray(4, c.createArrayOf("uuid", newIds(links.size())));
                ps.setArray(5, c.createArrayOf("uuid", links.keySet().toArray()));
                ps.setArray(6, c.createArrayOf("text", links.values().toArray()));
                return ps.executeUpdate();
            }
        });
    }

    /** Inserts location links ({@code companyOf}: each location's company); an existing one is left as it is. */
    public static int insertLocations(Batch b, UUID store, UUID erpCompany, Map<UUID, String> links, Map<UUID, UUID> companyOf) {
        if (links.isEmpty()) return 0;
        return b.jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO location_links (store_id, location_id, company_id, erp_company_id, customer_no)
                    SELECT ?, u.location_id, u.company_id, ?, u.customer_no FROM unnest(?::uuid[], ?::uuid[], ?::text[]) AS u(location_id, company_id, customer_no)
                    ON CONFLICT DO NOTHING""")) {
                ps.setObject(1, store);
                ps.setObject(2, erpCompany);
                ps.setArray(3, c.createArrayOf("uuid", links.keySet().toArray()));
                ps.setArray(4, c.createArrayOf("uuid", links.keySet().stream().map(companyOf::get).toArray()));
                ps.setArray(5, c.createArrayOf("text", links.values().toArray()));
                return ps.executeUpdate();
            }
        });
    }

    /** Records when and from which side linked companies were last synchronised. */
    public static void touch(Batch b, UUID store, Collection<UUID> companyIds, String from) {
        if (companyIds.isEmpty()) return;
        b.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE company_links SET last_synced_at = now(), last_synced_from = ? WHERE store_id = ? AND company_id = ANY(?)")) {
                ps.setString(1, from);
                ps.setObject(2, store);
                ps.setArray(3, c.createArrayOf("uuid", companyIds.toArray()));
                ps.executeUpdate();
            }
        });
    }

    /** Unlinks companies (a person's decision after SYNC-25, or a manual relink), with their locations' links. */
    public static int delete(Batch b, UUID store, Collection<UUID> companyIds) {
        if (companyIds.isEmpty()) return 0;
        return b.jdbc(c -> {
            try (PreparedStatement loc = c.prepareStatement("DELETE FROM location_links WHERE store_id = ? AND company_id = ANY(?)");
                 PreparedStatement ps = c.prepareStatement("DELETE FROM company_links WHERE store_id = ? AND company_id = ANY(?)")) {
                for (PreparedStatement p : List.of(loc, ps)) {
                    p.setObject(1, store);
                    p.setArray(2, c.createArrayOf("uuid", companyIds.toArray()));
                }
                loc.executeUpdate();
                return ps.executeUpdate();
            }
        });
    }

    /** The store's company links after {@code afterCompany} in company id order (SYNC-25 walks them to find deleted companies). */
    public static List<Link> page(Batch b, UUID store, UUID afterCompany, int limit) {
        return b.jdbc(c -> {
            List<Link> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT company_id, customer_no FROM company_links WHERE store_id = ? AND company_id > ? ORDER BY company_id LIMIT ?""")) {
                ps.setObject(1, store);
                ps.setObject(2, afterCompany == null ? new UUID(0, 0) : afterCompany);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Link(rs.getObject(1, UUID.class), rs.getString(2)));
                }
            }
            return out;
        });
    }

    private static Map<UUID, String> byId(Connection c, String sql, UUID store, Collection<UUID> ids) throws SQLException {
        Map<UUID, String> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, store);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getObject(1, UUID.class), rs.getString(2));
            }
        }
        return out;
    }

    private static Map<String, UUID> byNo(Connection c, String table, String idColumn, UUID store, UUID erpCompany, Collection<String> nos)
            throws SQLException {
        Map<String, UUID> out = new HashMap<>();
        if (nos.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("SELECT customer_no, " + idColumn + " FROM " + table
                + " WHERE store_id = ? AND erp_company_id = ? AND customer_no = ANY(?)")) {
            ps.setObject(1, store);
            ps.setObject(2, erpCompany);
            ps.setArray(3, c.createArrayOf("text", nos.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getObject(2, UUID.class));
            }
        }
        return out;
    }

    private static Object[] newIds(int n) {
        Object[] ids = new Object[n];
        for (int i = 0; i < n; i++) ids[i] = Ids.next();
        return ids;
    }
}
