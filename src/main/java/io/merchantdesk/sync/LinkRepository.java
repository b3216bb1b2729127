package io.merchantdesk.sync;

import io.merchantdesk.sync.SyncDtos.ErpOrderView;
import io.merchantdesk.sync.SyncDtos.LinkView;
import io.merchantdesk.sync.SyncDtos.CompanyLinkView;
import io.merchantdesk.sync.engine.ChosenBy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The read side of customer_links and erp_orders for the API, and the reset of a store's links. */
@ApplicationScoped
public class LinkRepository {
    private static final String LINK_PAGE = """
            SELECT customer_id, erp_company_id, customer_no, last_synced_at, last_synced_from FROM customer_links
            WHERE store_id = ? AND (?::uuid IS NULL OR customer_id = ?::uuid) AND (?::uuid IS NULL OR customer_id > ?::uuid)
            ORDER BY customer_id LIMIT ?""";
    private static final String ERP_ORDER_PAGE = """
            SELECT id, order_id, erp_company_id, sell_to_customer_no, bill_to_customer_no, chosen_by, country_code,
                   prices_including_vat, vat_bus_posting_group, tax_area_code, run_id, created_at, erp_document_no
            FROM erp_orders WHERE store_id = ? AND (?::uuid IS NULL OR id > ?::uuid) ORDER BY id LIMIT ?""";

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager em;

    /** An imported order with its id, the page's sort key. */
    public record ErpOrderRow(UUID id, ErpOrderView view) {}

    /** Up to {@code limit} links of the store after {@code after}, optionally of one customer. */
    public List<LinkView> links(UUID storeId, UUID customerId, UUID after, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LINK_PAGE)) {
            ps.setObject(1, storeId);
            ps.setObject(2, customerId);
            ps.setObject(3, customerId);
            ps.setObject(4, after);
            ps.setObject(5, after);
            ps.setInt(6, limit);
            List<LinkView> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new LinkView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getString(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Up to {@code limit} imported orders of the store after {@code after}. */
    public List<ErpOrderRow> erpOrders(UUID storeId, UUID after, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ERP_ORDER_PAGE)) {
            ps.setObject(1, storeId);
            ps.setObject(2, after);
            ps.setObject(3, after);
            ps.setInt(4, limit);
            List<ErpOrderRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ChosenBy by = ChosenBy.valueOf(rs.getString(6));
                    rows.add(new ErpOrderRow(rs.getObject(1, UUID.class), new ErpOrderView(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getString(13), rs.getString(4), rs.getString(5), by.name(), by.rule(), rs.getString(7), rs.getBoolean(8), rs.getString(9),
                            rs.getString(10), rs.getObject(11, UUID.class), rs.getTimestamp(12).toInstant())));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets every link of the store, in the caller's transaction (the store moved to another register). */
    public void deleteStoreLinks(UUID storeId) {
        for (String table : List.of("customer_links", "company_links", "location_links")) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE store_id = :s").setParameter("s", storeId).executeUpdate();
        }
    }

    /** Up to {@code limit} company links of the store after {@code after}, optionally of one company. */
    public List<CompanyLinkView> companyLinks(UUID storeId, UUID companyId, UUID after, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT company_id, erp_company_id, customer_no, last_synced_at, last_synced_from FROM company_links
                WHERE store_id = ? AND (?::uuid IS NULL OR company_id = ?::uuid) AND (?::uuid IS NULL OR company_id > ?::uuid)
                ORDER BY company_id LIMIT ?""")) {
            ps.setObject(1, storeId);
            ps.setObject(2, companyId);
            ps.setObject(3, companyId);
            ps.setObject(4, after);
            ps.setObject(5, after);
            ps.setInt(6, limit);
            List<Object[]> links = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    links.add(new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            rs.getString(5)});
                }
            }
            java.util.Map<UUID, List<SyncDtos.LocationCustomer>> locations = new java.util.HashMap<>();
            try (PreparedStatement lp = c.prepareStatement("""
                    SELECT company_id, location_id, customer_no FROM location_links WHERE store_id = ? AND company_id = ANY(?)
                    ORDER BY location_id""")) {
                lp.setObject(1, storeId);
                lp.setArray(2, c.createArrayOf("uuid", links.stream().map(l -> l[0]).toArray()));
                try (ResultSet rs = lp.executeQuery()) {
                    while (rs.next()) {
                        locations.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                .add(new SyncDtos.LocationCustomer(rs.getObject(2, UUID.class), rs.getString(3)));
                    }
                }
            }
            List<CompanyLinkView> rows = new ArrayList<>();
            for (Object[] l : links) {
                rows.add(new CompanyLinkView((UUID) l[0], (UUID) l[1], (String) l[2], (java.time.Instant) l[3], (String) l[4],
                        locations.getOrDefault((UUID) l[0], List.of())));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
