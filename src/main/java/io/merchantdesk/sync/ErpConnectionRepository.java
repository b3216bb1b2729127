package io.merchantdesk.sync;

import io.merchantdesk.sync.engine.Settings;
import io.merchantdesk.sync.engine.match.MappingType;
import io.merchantdesk.sync.naming.CountySource;
import io.merchantdesk.sync.naming.NameSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.merchantdesk.b2b.CompanyContact;
import io.merchantdesk.sync.engine.Model.TaxIdField;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

/**
 * The one repository of {@code erp_connections} (issue 13): the settings entity for the API (JPA), and the JDBC
 * statements of the run and the scheduler on their own connections (settings of a run, the change-capture
 * snapshot, schedule slots).
 */
@ApplicationScoped
public class ErpConnectionRepository {
    @Inject
    EntityManager em;

    public ErpConnection find(UUID storeId) {
        return em.createQuery("FROM ErpConnection c WHERE c.storeId = :s", ErpConnection.class)
                .setParameter("s", storeId).getResultStream().findFirst().orElse(null);
    }

    /** The connection moved to another ERP company: the change capture starts from nothing. */
    public void forgetCapture(UUID storeId) {
        em.createNativeQuery("UPDATE erp_connections SET import_watermark = NULL, export_watermark = NULL, sync_snapshot = NULL, erp_cursor = NULL WHERE store_id = :s")
                .setParameter("s", storeId).executeUpdate();
    }

    /** The ERP company's connection now names another system: the ERP side's change cursors of its stores start over. */
    public void forgetErpCursors(UUID erpCompanyId) {
        em.createNativeQuery("UPDATE erp_connections SET erp_cursor = NULL WHERE erp_company_id = :c")
                .setParameter("c", erpCompanyId).executeUpdate();
    }

    /** The stores connected to an ERP company. */
    public List<UUID> storesOf(UUID erpCompanyId) {
        return em.createQuery("SELECT c.storeId FROM ErpConnection c WHERE c.erpCompanyId = :c", UUID.class)
                .setParameter("c", erpCompanyId).getResultList();
    }

    /** A run's settings without the per-country rows; null when the store has no connection. */
    public static Settings settings(Connection c, UUID storeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT erp_company_id, customer_import, customer_mapping_type, store_can_update_customers,
                       auto_create_unknown_customers, customer_template_code, default_customer_no, export_customers_to_store,
                       can_update_store_customers, invite_exported_customers, name_source, name2_source, contact_source,
                       county_source, import_watermark, export_watermark, sync_snapshot::text,
                       company_import, company_mapping_type, company_tax_id_field, company_tax_id_fallback, auto_create_unknown_companies,
                       default_company_no, store_can_update_companies, can_update_store_companies, default_contact_role,
                       company_locations_as
                FROM erp_connections WHERE store_id = ?""")) {
            ps.setObject(1, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                return new Settings(storeId, rs.getObject(1, UUID.class), CustomerImport.valueOf(rs.getString(2)),
                        MappingType.valueOf(rs.getString(3)), rs.getBoolean(4), rs.getBoolean(5), rs.getString(6), rs.getString(7),
                        rs.getBoolean(8), rs.getBoolean(9), rs.getBoolean(10), NameSource.valueOf(rs.getString(11)),
                        NameSource.valueOf(rs.getString(12)), NameSource.valueOf(rs.getString(13)), CountySource.valueOf(rs.getString(14)),
                        instant(rs.getTimestamp(15)), instant(rs.getTimestamp(16)), rs.getString(17), new HashMap<>(),
                        new Settings.Companies(CompanyImport.valueOf(rs.getString(18)), CompanyMappingType.valueOf(rs.getString(19)),
                                TaxIdField.valueOf(rs.getString(20)), rs.getBoolean(21), rs.getBoolean(22), rs.getString(23), rs.getBoolean(24),
                                rs.getBoolean(25), CompanyContact.Role.valueOf(rs.getString(26)), CompanyLocationsAs.valueOf(rs.getString(27))));
            }
        }
    }

    /** A successful CUSTOMERS run: the next run's change window starts (exclusive) at this run's snapshot. */
    public static void advanceCapture(Connection c, UUID runId, UUID storeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE erp_connections SET sync_snapshot = r.snapshot_to, import_watermark = r.watermark_to, export_watermark = r.watermark_to,
                       erp_cursor = coalesce(r.erp_cursor, erp_connections.erp_cursor)
                FROM sync_runs r WHERE r.id = ? AND erp_connections.store_id = ?""")) {
            ps.setObject(1, runId);
            ps.setObject(2, storeId);
            ps.executeUpdate();
        }
    }

    /** A connection with a schedule switched on; {@code since}: its last fired slot, else when it was last changed. */
    public record Schedule(UUID storeId, String cron, Instant since, Timestamp lastFired, boolean customers) {}

    public static List<Schedule> schedules(Connection c) throws SQLException {
        List<Schedule> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT store_id, schedule_cron, coalesce(schedule_last_fired_at, updated_at), schedule_last_fired_at,
                       export_customers_to_store OR customer_import <> 'NONE'
                FROM erp_connections WHERE schedule_enabled AND schedule_cron IS NOT NULL""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Schedule(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4),
                        rs.getBoolean(5)));
            }
        }
        return out;
    }

    /** Compare-and-set of the last fired slot: true for the one replica that fires it. */
    public static boolean claimSlot(Connection c, UUID storeId, Timestamp lastFired, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE erp_connections SET schedule_last_fired_at = ?
                WHERE store_id = ? AND schedule_last_fired_at IS NOT DISTINCT FROM ?""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, storeId);
            ps.setTimestamp(3, lastFired);
            return ps.executeUpdate() == 1;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
