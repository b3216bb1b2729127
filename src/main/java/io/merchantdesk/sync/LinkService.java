package io.merchantdesk.sync;

import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.sync.SyncDtos.*;
import io.merchantdesk.sync.engine.BatchOutcome;
import io.merchantdesk.sync.engine.ChosenBy;
import io.merchantdesk.sync.engine.Model.StoreCustomer;
import io.merchantdesk.sync.engine.Settings;
import io.merchantdesk.sync.engine.StorePort;
import io.merchantdesk.sync.engine.SyncEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Customer links, creating or linking an ERP customer by hand (SYNC-6), and the imported orders. */
@ApplicationScoped
public class LinkService {
    @Inject
    DataSource dataSource;

    @Inject
    SyncAccess access;

    @Inject
    SyncEngine engine;

    @Inject
    StorePort store;

    public Page<LinkView> links(UUID storeId, UUID customerId, PageParams page) {
        access.settings(storeId);
        List<String> after = Cursors.decode(page.cursor, 1);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT customer_id, erp_company_id, customer_no, last_synced_at, last_synced_from FROM customer_links
                     WHERE store_id = ? AND (?::uuid IS NULL OR customer_id = ?::uuid) AND (?::uuid IS NULL OR customer_id > ?::uuid)
                     ORDER BY customer_id LIMIT ?""")) {
            UUID a = after == null ? null : Cursors.uuid(after.get(0));
            ps.setObject(1, storeId);
            ps.setObject(2, customerId);
            ps.setObject(3, customerId);
            ps.setObject(4, a);
            ps.setObject(5, a);
            ps.setInt(6, page.limit + 1);
            List<LinkView> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new LinkView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getString(5)));
                }
            }
            return Page.of(rows, page.limit, l -> l, l -> Cursors.encode(l.customerId()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SYNC-6: link the store customer to a given ERP customer, or create one from the template; one transaction. */
    public LinkView createOrLink(UUID storeId, UUID customerId, ManualErpCustomerRequest r) {
        access.settings(storeId);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Settings s = Settings.load(c, storeId);
                if (s == null) throw ProblemException.rule("SYNC_NOT_CONNECTED", "The store has no ERP connection");
                Map<UUID, StoreCustomer> found = store.customers(c, storeId, List.of(customerId));
                if (!found.containsKey(customerId)) throw ProblemException.notFound("Customer " + customerId);
                BatchOutcome out = new BatchOutcome();
                String no = engine.createOrLink(c, s, found.get(customerId), r == null ? null : r.customerNo(), out);
                if (no == null) {
                    BatchOutcome.RecordError e = out.errors.get(0);
                    if ("CUSTOMER_NOT_FOUND".equals(e.code())) throw ProblemException.notFound("ERP customer " + r.customerNo());
                    if ("ALREADY_LINKED".equals(e.code()) || "DUPLICATE".equals(e.code())) throw ProblemException.conflict(e.code(), e.message());
                    throw ProblemException.rule(e.code(), e.message());
                }
                c.commit();
                return links(storeId, customerId, PageParams.of(1, null)).items().get(0);
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Page<ErpOrderView> erpOrders(UUID storeId, PageParams page) {
        access.settings(storeId);
        List<String> after = Cursors.decode(page.cursor, 1);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT id, order_id, erp_company_id, sell_to_customer_no, bill_to_customer_no, chosen_by, country_code,
                            prices_including_vat, vat_bus_posting_group, tax_area_code, run_id, created_at
                     FROM erp_orders WHERE store_id = ? AND (?::uuid IS NULL OR id > ?::uuid) ORDER BY id LIMIT ?""")) {
            UUID a = after == null ? null : Cursors.uuid(after.get(0));
            ps.setObject(1, storeId);
            ps.setObject(2, a);
            ps.setObject(3, a);
            ps.setInt(4, page.limit + 1);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ChosenBy by = ChosenBy.valueOf(rs.getString(6));
                    rows.add(new Object[] {rs.getObject(1, UUID.class), new ErpOrderView(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getString(5), by.name(), by.rule(), rs.getString(7), rs.getBoolean(8), rs.getString(9),
                            rs.getString(10), rs.getObject(11, UUID.class), rs.getTimestamp(12).toInstant())});
                }
            }
            return Page.of(rows, page.limit, o -> (ErpOrderView) o[1], o -> Cursors.encode(o[0]));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
