package io.merchantdesk.sync.run;

import io.merchantdesk.kernel.persistence.Jdbc;
import io.merchantdesk.sync.ErpConnectionRepository;
import io.merchantdesk.sync.engine.BatchOutcome;
import io.merchantdesk.sync.engine.BatchOutcome.RecordError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The repository of {@code sync_pending}: records whose last evaluation failed or was skipped (issue 16). A failed
 * record is retried by later runs, the n-th retry after {@code retry-backoff × 2^(n-1)}, at most
 * {@code retry-max-attempts} times; a skipped one waits for a settings change. A settings change (connection,
 * per-country rows, the ERP company's templates) or a FULL run makes every pending record of the store due again.
 * A record evaluated without failure or skip leaves the table.
 */
@ApplicationScoped
public class PendingWork {
    @Inject
    EntityManager em;

    @Inject
    ErpConnectionRepository connections;

    @ConfigProperty(name = "merchantdesk.sync.retry-backoff", defaultValue = "PT1M")
    Duration backoff;

    @ConfigProperty(name = "merchantdesk.sync.retry-max-attempts", defaultValue = "10")
    int maxAttempts;

    /** After a batch on the run's connection: keeps its failures and skips, drops the other records it evaluated. */
    void record(Connection c, UUID storeId, UUID runId, Collection<String> evaluatedIds, BatchOutcome out, String... recordTypes)
            throws SQLException {
        Set<String> kept = new HashSet<>();
        if (!out.errors.isEmpty() || !out.skips.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO sync_pending AS p (store_id, record_type, record_id, outcome, code, message, attempts, next_attempt_at,
                                                   last_attempt_at, last_run_id)
                    VALUES (?, ?, ?, ?, ?, ?, CASE WHEN ? THEN 1 ELSE 0 END,
                            CASE WHEN ? THEN now() + make_interval(secs => ?) END, now(), ?)
                    ON CONFLICT (store_id, record_type, record_id) DO UPDATE SET
                        outcome = excluded.outcome, code = excluded.code, message = excluded.message,
                        attempts = CASE WHEN excluded.code = 'ERP_UNAVAILABLE' THEN p.attempts
                                        WHEN excluded.outcome = 'FAILED' THEN p.attempts + 1 ELSE 0 END,
                        -- an ERP outage is not the record's fault: it does not use up its attempts
                        next_attempt_at = CASE WHEN excluded.code = 'ERP_UNAVAILABLE' THEN now() + make_interval(secs => ?)
                                               WHEN excluded.outcome = 'FAILED' AND p.attempts + 1 < ?
                                               THEN now() + make_interval(secs => ? * power(2, least(p.attempts, 20))) END,
                        last_attempt_at = now(), last_run_id = excluded.last_run_id""")) {
                double seconds = backoff.toMillis() / 1000.0;
                for (boolean failed : new boolean[] {true, false}) {
                    for (RecordError e : failed ? out.errors : out.skips) {
                        if (!kept.add(e.recordType() + ":" + e.recordId())) continue;
                        ps.setObject(1, storeId);
                        ps.setString(2, e.recordType());
                        ps.setString(3, e.recordId());
                        ps.setString(4, failed ? "FAILED" : "SKIPPED");
                        ps.setString(5, e.code());
                        ps.setString(6, e.message());
                        ps.setBoolean(7, failed);
                        ps.setBoolean(8, failed && maxAttempts > 1);
                        ps.setDouble(9, seconds);
                        ps.setObject(10, runId);
                        ps.setDouble(11, seconds);
                        ps.setInt(12, maxAttempts);
                        ps.setDouble(13, seconds);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        List<String> done = new ArrayList<>();
        for (String id : evaluatedIds) {
            boolean stays = false;
            for (String type : recordTypes) stays |= kept.contains(type + ":" + id);
            if (!stays) done.add(id);
        }
        drop(c, storeId, done, recordTypes);
    }

    /** Removes pending rows (records evaluated cleanly, or no longer there). */
    public void drop(Connection c, UUID storeId, Collection<String> ids, String... recordTypes) throws SQLException {
        if (ids.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM sync_pending WHERE store_id = ? AND record_type = ANY(?) AND record_id = ANY(?)")) {
            ps.setObject(1, storeId);
            ps.setArray(2, c.createArrayOf("text", recordTypes));
            ps.setArray(3, c.createArrayOf("text", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Up to {@code limit} records of the type due by {@code dueBy} (the run's start) and not attempted since then: a
     * record this run already evaluated is not taken twice, so the retry phase ends.
     */
    List<String> due(Connection c, UUID storeId, String recordType, Instant dueBy, int limit) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT record_id FROM sync_pending WHERE store_id = ? AND record_type = ? AND next_attempt_at <= ? AND last_attempt_at < ?
                ORDER BY record_id LIMIT ?""")) {
            ps.setObject(1, storeId);
            ps.setString(2, recordType);
            Jdbc.setInstant(ps, 3, dueBy);
            Jdbc.setInstant(ps, 4, dueBy);
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** A FULL run (on its starting connection): every pending record of the store, whatever its attempts, is due again. */
    static void rearm(Connection c, UUID storeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sync_pending SET next_attempt_at = now(), attempts = 0 WHERE store_id = ?")) {
            ps.setObject(1, storeId);
            ps.executeUpdate();
        }
    }

    /** A settings change of the store's connection or per-country rows (in the caller's JPA transaction). */
    public void reevaluateStore(UUID storeId) {
        em.createNativeQuery("UPDATE sync_pending SET next_attempt_at = now(), attempts = 0 WHERE store_id = :s")
                .setParameter("s", storeId).executeUpdate();
    }

    /** A template of the ERP company changed: every store connected to it re-evaluates its pending records. */
    public void reevaluateCompany(UUID erpCompanyId) {
        List<UUID> stores = connections.storesOf(erpCompanyId);
        if (stores.isEmpty()) return;
        em.createNativeQuery("UPDATE sync_pending SET next_attempt_at = now(), attempts = 0 WHERE store_id IN (:stores)")
                .setParameter("stores", stores).executeUpdate();
    }

    /** The connection now points at another register: the old pending work means nothing there. */
    public void forgetStore(UUID storeId) {
        em.createNativeQuery("DELETE FROM sync_pending WHERE store_id = :s").setParameter("s", storeId).executeUpdate();
    }


    /**
     * A person changed what a record depends on (say, unlinked a company, SYNC-25): the record is due for the next run's
     * retry phase, which evaluates it afresh, with the given reason until then.
     */
    public void markDue(Connection c, UUID storeId, String recordType, String recordId, String code, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO sync_pending (store_id, record_type, record_id, outcome, code, message, attempts, next_attempt_at, last_attempt_at)
                VALUES (?, ?, ?, 'SKIPPED', ?, ?, 0, now(), now())
                ON CONFLICT (store_id, record_type, record_id) DO UPDATE SET outcome = 'SKIPPED', code = excluded.code,
                    message = excluded.message, attempts = 0, next_attempt_at = now(), last_attempt_at = now()""")) {
            ps.setObject(1, storeId);
            ps.setString(2, recordType);
            ps.setString(3, recordId);
            ps.setString(4, code);
            ps.setString(5, message);
            ps.executeUpdate();
        }
    }
}
