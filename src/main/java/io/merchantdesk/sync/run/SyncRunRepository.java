package io.merchantdesk.sync.run;

import io.merchantdesk.kernel.persistence.Jdbc;
import io.merchantdesk.sync.SyncDtos.PendingView;
import io.merchantdesk.sync.SyncDtos.RecordOutcome;
import io.merchantdesk.sync.SyncDtos.RunErrorView;
import io.merchantdesk.sync.SyncDtos.SyncKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The JDBC statements of {@link SyncRunService} (issue 13) on the caller's connection: {@code sync_runs} rows (start, resume, read, list), {@code sync_run_errors} and {@code sync_pending},
 * and the ERP side of the listed records' subjects ({@code erp_customers} of the connected company, issue 23).
 */
final class SyncRunRepository {
    private SyncRunRepository() {
    }

    /** A {@code sync_runs} row as the API reads it. */
    record RunRow(UUID id, UUID storeId, String kind, String trigger, String status, Instant heartbeatAt, String phase,
                  UUID resumedFrom, Instant watermarkFrom, Instant watermarkTo, int processed, int created, int updated,
                  int linked, int skipped, int failed, int batchSize, String failure, Instant startedAt, Instant finishedAt,
                  String mode) {}

    /** The latest run of a (store, kind): its id and status. */
    record LatestRun(UUID id, String status) {}

    /** A {@code sync_run_errors} row with its id (the paging key). */
    record RecordRow(UUID id, RunErrorView view) {}

    /** The newest RUNNING run of the (store, kind), or null. */
    static UUID runningRunId(Connection c, UUID storeId, SyncKind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM sync_runs WHERE store_id = ? AND kind = ? AND status = 'RUNNING' ORDER BY started_at DESC LIMIT 1")) {
            ps.setObject(1, storeId);
            ps.setString(2, kind.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    /** Marks the RUNNING runs of the (store, kind) INTERRUPTED. */
    static void interruptRunning(Connection c, UUID storeId, SyncKind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE sync_runs SET status = 'INTERRUPTED', finished_at = now(),
                       failure = 'The process running it stopped (no heartbeat since ' || heartbeat_at || ')'
                WHERE store_id = ? AND kind = ? AND status = 'RUNNING'""")) {
            ps.setObject(1, storeId);
            ps.setString(2, kind.name());
            ps.executeUpdate();
        }
    }

    /** The latest run of the (store, kind), or null when there is none. */
    static LatestRun latestRun(Connection c, UUID storeId, SyncKind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, status FROM sync_runs WHERE store_id = ? AND kind = ?
                ORDER BY started_at DESC, id DESC LIMIT 1""")) {
            ps.setObject(1, storeId);
            ps.setString(2, kind.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new LatestRun(rs.getObject(1, UUID.class), rs.getString(2)) : null;
            }
        }
    }

    /** Inserts a RUNNING run that resumes {@code resumeFrom}: its window, phase and cursor. */
    static void insertResumed(Connection c, UUID id, String trigger, int batchSize, UUID startedBy, UUID resumeFrom) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO sync_runs (id, store_id, kind, trigger, status, mode, phase, resumed_from, watermark_from, watermark_to, export_from,
                                       snapshot_from, snapshot_to, cursor_xid, cursor_id, erp_cursor_from, erp_cursor, batch_size, started_by)
                SELECT ?, store_id, kind, ?, 'RUNNING', mode, phase, id, watermark_from, watermark_to, export_from,
                       snapshot_from, coalesce(snapshot_to, pg_current_snapshot()), cursor_xid, cursor_id, erp_cursor_from, erp_cursor, ?, ?
                FROM sync_runs WHERE id = ?""")) { // a run recorded without a snapshot (before V32) is resumed up to now
            ps.setObject(1, id);
            ps.setString(2, trigger);
            ps.setInt(3, batchSize);
            ps.setObject(4, startedBy);
            ps.setObject(5, resumeFrom);
            ps.executeUpdate();
        }
    }

    /** Inserts a new RUNNING run whose window ends at the current snapshot. */
    static void insertNew(Connection c, UUID id, UUID storeId, SyncKind kind, String trigger, String mode, Instant watermarkFrom,
                          Instant exportFrom, String snapshotFrom, int batchSize, UUID startedBy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO sync_runs (id, store_id, kind, trigger, status, mode, watermark_from, watermark_to, export_from,
                                       snapshot_from, snapshot_to, erp_cursor_from, batch_size, started_by)
                VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, now(), ?, ?::pg_snapshot, pg_current_snapshot(),
                        CASE WHEN ? THEN NULL ELSE (SELECT erp_cursor FROM erp_connections WHERE store_id = ?) END, ?, ?)""")) {
            ps.setObject(1, id);
            ps.setObject(2, storeId);
            ps.setString(3, kind.name());
            ps.setString(4, trigger);
            ps.setString(5, mode);
            Jdbc.setInstant(ps, 6, watermarkFrom);
            Jdbc.setInstant(ps, 7, exportFrom);
            ps.setString(8, snapshotFrom);
            ps.setBoolean(9, "FULL".equals(mode)); // a FULL run reads every ERP card
            ps.setObject(10, storeId);
            ps.setInt(11, batchSize);
            ps.setObject(12, startedBy);
            ps.executeUpdate();
        }
    }

    // ---- reading ----

    private static final String RUN_COLUMNS = """
            id, store_id, kind, trigger, status, heartbeat_at, phase, resumed_from, watermark_from, watermark_to,
            processed, created, updated, linked, skipped, failed, batch_size, failure, started_at, finished_at, mode""";

    /** The store's run, or null. */
    static RunRow findRun(Connection c, UUID storeId, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM sync_runs WHERE store_id = ? AND id = ?")) {
            ps.setObject(1, storeId);
            ps.setObject(2, runId);
            List<RunRow> runs = runRows(ps);
            return runs.isEmpty() ? null : runs.get(0);
        }
    }

    /** The store's runs (of one kind when given), newest id first, after the keyset {@code after}. */
    static List<RunRow> listRuns(Connection c, UUID storeId, SyncKind kind, UUID after, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS + " " + """
                      FROM sync_runs WHERE store_id = ? AND (?::text IS NULL OR kind = ?::text)
                       AND (?::uuid IS NULL OR id < ?::uuid) ORDER BY id DESC LIMIT ?""")) {
            ps.setObject(1, storeId);
            ps.setString(2, kind == null ? null : kind.name());
            ps.setString(3, kind == null ? null : kind.name());
            ps.setObject(4, after);
            ps.setObject(5, after);
            ps.setInt(6, limit);
            return runRows(ps);
        }
    }

    private static List<RunRow> runRows(PreparedStatement ps) throws SQLException {
        List<RunRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new RunRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), instant(rs.getObject(6)), rs.getString(7), rs.getObject(8, UUID.class), instant(rs.getObject(9)),
                        instant(rs.getObject(10)), rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getInt(14), rs.getInt(15),
                        rs.getInt(16), rs.getInt(17), rs.getString(18), instant(rs.getObject(19)), instant(rs.getObject(20)),
                        rs.getString(21)));
            }
        }
        return rows;
    }

    private static Instant instant(Object o) {
        return switch (o) {
            case null -> null;
            case Timestamp t -> t.toInstant();
            case java.time.OffsetDateTime t -> t.toInstant();
            default -> throw new IllegalStateException("not a timestamp: " + o.getClass());
        };
    }

    /** Skipped records by reason code, per run. */
    static Map<UUID, Map<String, Integer>> skipReasons(Connection c, List<UUID> runIds) throws SQLException {
        Map<UUID, Map<String, Integer>> out = new HashMap<>();
        if (runIds.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT run_id, code, count(*) FROM sync_run_errors WHERE run_id = ANY(?) AND outcome = 'SKIPPED'
                GROUP BY run_id, code ORDER BY run_id, code""")) {
            ps.setArray(1, c.createArrayOf("uuid", runIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3));
            }
        }
        return out;
    }

    /** The run's records of one outcome in the order they were written, after the keyset {@code after}. */
    static List<RecordRow> records(Connection c, UUID runId, RecordOutcome outcome, UUID after, int limit) throws SQLException {
        List<RecordRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, record_type, record_id, code, message, created_at, outcome FROM sync_run_errors
                WHERE run_id = ? AND outcome = ? AND (?::uuid IS NULL OR id > ?::uuid) ORDER BY id LIMIT ?""")) {
            ps.setObject(1, runId);
            ps.setString(2, outcome.name());
            ps.setObject(3, after);
            ps.setObject(4, after);
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new RecordRow(rs.getObject(1, UUID.class), errorView(rs, 2)));
            }
        }
        return rows;
    }

    private static RunErrorView errorView(ResultSet rs, int k) throws SQLException {
        return new RunErrorView(rs.getString(k), rs.getString(k + 1), rs.getString(k + 2), rs.getString(k + 3),
                rs.getTimestamp(k + 4).toInstant(), RecordOutcome.valueOf(rs.getString(k + 5)), null); // subject: RecordSubjects
    }

    /** The run's first {@code limit} FAILED records. */
    static List<RunErrorView> failures(Connection c, UUID runId, int limit) throws SQLException {
        List<RunErrorView> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT record_type, record_id, code, message, created_at, outcome FROM sync_run_errors
                WHERE run_id = ? AND outcome = 'FAILED' ORDER BY id LIMIT ?""")) {
            ps.setObject(1, runId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(errorView(rs, 1));
            }
        }
        return out;
    }

    /** The store's pending records (of one outcome when given) by type and id, after the keyset (afterType, afterId). */
    static List<PendingView> pending(Connection c, UUID storeId, RecordOutcome outcome, String afterType, String afterId, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT record_type, record_id, outcome, code, message, attempts, next_attempt_at, last_attempt_at, last_run_id
                FROM sync_pending WHERE store_id = ? AND (?::text IS NULL OR outcome = ?::text)
                 AND (?::text IS NULL OR (record_type, record_id) > (?::text, ?::text))
                ORDER BY record_type, record_id LIMIT ?""")) {
            ps.setObject(1, storeId);
            ps.setString(2, outcome == null ? null : outcome.name());
            ps.setString(3, outcome == null ? null : outcome.name());
            ps.setString(4, afterType);
            ps.setString(5, afterType);
            ps.setString(6, afterId);
            ps.setInt(7, limit);
            List<PendingView> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PendingView(rs.getString(1), rs.getString(2), RecordOutcome.valueOf(rs.getString(3)), rs.getString(4),
                            rs.getString(5), rs.getInt(6), ts(rs.getTimestamp(7)), rs.getTimestamp(8).toInstant(), rs.getObject(9, UUID.class),
                            null)); // subject: RecordSubjects
                }
            }
            return rows;
        }
    }

    /** An ERP customer as an administrator recognises it (issue 23); null fields: unknown (or the card is gone). */
    record ErpCustomerDisplay(UUID erpCompanyId, String customerNo, boolean exists, String name, String email, String phone) {}

    /**
     * The cards with these numbers in the ERP company of the store's connection, in one statement: every number is
     * answered (with {@code exists} false when the card was deleted), none when the store has no connection.
     */
    static Map<String, ErpCustomerDisplay> erpCustomerDisplays(Connection c, UUID storeId, Collection<String> customerNos) throws SQLException {
        Map<String, ErpCustomerDisplay> out = new HashMap<>();
        if (customerNos.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT k.erp_company_id, n.no, e.id IS NOT NULL, nullif(e.name, ''), e.email, e.phone
                FROM erp_connections k CROSS JOIN unnest(?::text[]) AS n(no)
                LEFT JOIN erp_customers e ON e.erp_company_id = k.erp_company_id AND e.customer_no = n.no
                WHERE k.store_id = ?""")) {
            ps.setArray(1, c.createArrayOf("text", customerNos.toArray()));
            ps.setObject(2, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(2), new ErpCustomerDisplay(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return out;
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
