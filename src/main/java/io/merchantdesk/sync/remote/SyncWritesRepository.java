package io.merchantdesk.sync.remote;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * SYNC-19 for remote ERPs (table erp_sync_writes, V34): the ERP's modification stamp of the sync's own last write to
 * each card, so that a change scan skips a card whose stamp is still the one the sync wrote. Committed on its own
 * (autocommit), right after the ERP write it records.
 */
@ApplicationScoped
public class SyncWritesRepository {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    EntityManager em;

    /** Records the stamps (customer number → the ERP's stamp after the sync's write); one statement. */
    public void record(UUID erpCompanyId, Map<String, String> stampsByNo) {
        if (stampsByNo.isEmpty()) return;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO erp_sync_writes (erp_company_id, customer_no, stamp)
                     SELECT ?, * FROM unnest(?::text[], ?::text[])
                     ON CONFLICT (erp_company_id, customer_no) DO UPDATE SET stamp = excluded.stamp, written_at = now()""")) {
            ps.setObject(1, erpCompanyId);
            ps.setArray(2, c.createArrayOf("text", stampsByNo.keySet().toArray()));
            ps.setArray(3, c.createArrayOf("text", stampsByNo.values().toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The company's connection names another system: what the sync wrote in the old one is forgotten (in the caller's transaction). */
    public void forget(UUID erpCompanyId) {
        em.createNativeQuery("DELETE FROM erp_sync_writes WHERE erp_company_id = :c").setParameter("c", erpCompanyId).executeUpdate();
    }

    /** The stamps the sync wrote, of the given cards that have one; one statement. */
    public Map<String, String> stamps(UUID erpCompanyId, Collection<String> customerNos) {
        Map<String, String> out = new HashMap<>();
        if (customerNos.isEmpty()) return out;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT customer_no, stamp FROM erp_sync_writes WHERE erp_company_id = ? AND customer_no = ANY(?)")) {
            ps.setObject(1, erpCompanyId);
            ps.setArray(2, c.createArrayOf("text", customerNos.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
