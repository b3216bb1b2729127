package io.merchantdesk.sync.run;

import io.merchantdesk.kernel.persistence.Jdbc;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.sync.SyncDtos.*;
import io.merchantdesk.sync.engine.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts, lists and reads sync runs (SYNC-17, 18).
 * Single flight across replicas: the starter takes a session-level PostgreSQL advisory lock for
 * (store, kind) on a connection that the run then keeps until it ends. If the process dies, PostgreSQL
 * drops the connection and with it the lock, so the next start succeeds, marks the dead run INTERRUPTED
 * and resumes from its last committed batch.
 */
@ApplicationScoped
public class SyncRunService {
    private static final Logger LOG = Logger.getLogger(SyncRunService.class);

    @Inject
    DataSource dataSource;

    @Inject
    SyncRunner runner;

    @ConfigProperty(name = "merchantdesk.sync.batch-size", defaultValue = "1000")
    int defaultBatchSize;

    @ConfigProperty(name = "merchantdesk.sync.stale-after", defaultValue = "PT2M")
    Duration staleAfter;

    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "sync-run");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Claims the (store, kind) slot and starts the run in the background; 409 with the running id when taken. */
    public RunView start(UUID storeId, SyncKind kind, SyncMode mode, String trigger, Integer batchSize, UUID startedBy) {
        Connection c = null;
        boolean locked = false;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            locked = tryLock(c, storeId, kind);
            if (!locked) {
                UUID running = runningId(c, storeId, kind);
                throw ProblemException.conflict("SYNC_RUN_IN_PROGRESS", "A " + kind + " sync of this store is running"
                        + (running == null ? "" : " (" + running + ")")).withResourceId(running);
            }
            Settings settings = Settings.load(c, storeId);
            if (settings == null) {
                throw ProblemException.rule("SYNC_NOT_CONNECTED", "SYNC-17: the store has no ERP connection (PUT /stores/{storeId}/erp-connection)");
            }
            c.setAutoCommit(false);
            UUID runId = insertRun(c, storeId, kind, mode == null ? SyncMode.INCREMENTAL : mode, trigger,
                    batchSize == null ? defaultBatchSize : batchSize, startedBy, settings);
            c.commit();
            Connection owned = c;
            c = null; // the run owns the connection (and the lock) from here
            executor.submit(() -> runner.execute(owned, runId, storeId, kind));
            try (Connection r = dataSource.getConnection()) {
                return read(r, storeId, runId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            if (c != null) {
                try {
                    if (!c.getAutoCommit()) c.rollback();
                    if (locked) unlock(c, storeId, kind);
                    c.close();
                } catch (SQLException e) {
                    LOG.warn("Could not release a sync connection", e);
                }
            }
        }
    }

    static boolean tryLock(Connection c, UUID storeId, SyncKind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
            ps.setString(1, "sync:" + storeId + ":" + kind);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static void unlock(Connection c, UUID storeId, SyncKind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
            ps.setString(1, "sync:" + storeId + ":" + kind);
            ps.execute();
        }
    }

    private static UUID runningId(Connection c, UUID storeId, SyncKind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM sync_runs WHERE store_id = ? AND kind = ? AND status = 'RUNNING' ORDER BY started_at DESC LIMIT 1")) {
            ps.setObject(1, storeId);
            ps.setString(2, kind.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    /**
     * Holding the lock proves that no process is running this (store, kind): RUNNING rows are dead runs and
     * become INTERRUPTED. When the latest run did not succeed, an INCREMENTAL start resumes it: same change window
     * (snapshots), same phase, from its last committed cursor. A FULL start begins a new run over everything instead
     * (a superset of what the unfinished one had left) and makes every pending record due again.
     * A new run's window ends at {@code pg_current_snapshot()} taken here, so it sees every transaction committed
     * before it started, and starts (exclusive) at the last successful run's snapshot (docs/sync.md).
     */
    private UUID insertRun(Connection c, UUID storeId, SyncKind kind, SyncMode mode, String trigger, int batchSize, UUID startedBy,
                           Settings s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE sync_runs SET status = 'INTERRUPTED', finished_at = now(),
                       failure = 'The process running it stopped (no heartbeat since ' || heartbeat_at || ')'
                WHERE store_id = ? AND kind = ? AND status = 'RUNNING'""")) {
            ps.setObject(1, storeId);
            ps.setString(2, kind.name());
            ps.executeUpdate();
        }
        UUID id = Ids.next();
        UUID resumeFrom = null;
        if (mode == SyncMode.INCREMENTAL) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, status FROM sync_runs WHERE store_id = ? AND kind = ?
                    ORDER BY started_at DESC, id DESC LIMIT 1""")) {
                ps.setObject(1, storeId);
                ps.setString(2, kind.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && !rs.getString(2).startsWith("SUCCEEDED")) resumeFrom = rs.getObject(1, UUID.class);
                }
            }
        } else {
            PendingWork.rearm(c, storeId);
        }
        if (resumeFrom != null) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO sync_runs (id, store_id, kind, trigger, status, mode, phase, resumed_from, watermark_from, watermark_to, export_from,
                                           snapshot_from, snapshot_to, cursor_xid, cursor_id, batch_size, started_by)
                    SELECT ?, store_id, kind, ?, 'RUNNING', mode, phase, id, watermark_from, watermark_to, export_from,
                           snapshot_from, coalesce(snapshot_to, pg_current_snapshot()), cursor_xid, cursor_id, ?, ?
                    FROM sync_runs WHERE id = ?""")) { // a run recorded without a snapshot (before V32) is resumed up to now
                ps.setObject(1, id);
                ps.setString(2, trigger);
                ps.setInt(3, batchSize);
                ps.setObject(4, startedBy);
                ps.setObject(5, resumeFrom);
                ps.executeUpdate();
            }
            return id;
        }
        boolean full = mode == SyncMode.FULL;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO sync_runs (id, store_id, kind, trigger, status, mode, watermark_from, watermark_to, export_from,
                                       snapshot_from, snapshot_to, batch_size, started_by)
                VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, now(), ?, ?::pg_snapshot, pg_current_snapshot(), ?, ?)""")) {
            ps.setObject(1, id);
            ps.setObject(2, storeId);
            ps.setString(3, kind.name());
            ps.setString(4, trigger);
            ps.setString(5, mode.name());
            Jdbc.setInstant(ps, 6, full ? null : s.importWatermark());
            Jdbc.setInstant(ps, 7, full ? null : s.exportWatermark());
            ps.setString(8, full ? null : s.syncSnapshot());
            ps.setInt(9, batchSize);
            ps.setObject(10, startedBy);
            ps.executeUpdate();
        }
        return id;
    }


    // ---- reading ----

    private static final String RUN_COLUMNS = """
            id, store_id, kind, trigger, status, heartbeat_at, phase, resumed_from, watermark_from, watermark_to,
            processed, created, updated, linked, skipped, failed, batch_size, failure, started_at, finished_at, mode""";

    public RunView get(UUID storeId, UUID runId) {
        try (Connection c = dataSource.getConnection()) {
            RunView v = read(c, storeId, runId);
            if (v == null) throw ProblemException.notFound("Sync run " + runId);
            return v;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private RunView read(Connection c, UUID storeId, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM sync_runs WHERE store_id = ? AND id = ?")) {
            ps.setObject(1, storeId);
            ps.setObject(2, runId);
            List<RunView> runs = readRuns(c, ps, true);
            return runs.isEmpty() ? null : runs.get(0);
        }
    }

    public Page<RunView> list(UUID storeId, SyncKind kind, PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 1);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS + " " + """
                      FROM sync_runs WHERE store_id = ? AND (?::text IS NULL OR kind = ?::text)
                       AND (?::uuid IS NULL OR id < ?::uuid) ORDER BY id DESC LIMIT ?""")) {
            ps.setObject(1, storeId);
            ps.setString(2, kind == null ? null : kind.name());
            ps.setString(3, kind == null ? null : kind.name());
            UUID a = after == null ? null : Cursors.uuid(after.get(0));
            ps.setObject(4, a);
            ps.setObject(5, a);
            ps.setInt(6, page.limit + 1);
            return Page.of(readRuns(c, ps, false), page.limit, r -> r, r -> Cursors.encode(r.id()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<RunView> readRuns(Connection c, PreparedStatement ps, boolean withErrors) throws SQLException {
        List<RunView> out = new ArrayList<>();
        Instant now = Instant.now();
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Object[] row = new Object[21];
                for (int i = 0; i < 21; i++) row[i] = rs.getObject(i + 1);
                rows.add(row);
            }
        }
        Map<UUID, Map<String, Integer>> skips = skipReasons(c, rows.stream().map(r -> (UUID) r[0]).toList());
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            RunStatus status = RunStatus.valueOf((String) r[4]);
            Instant heartbeat = instant(r[5]);
            Instant started = instant(r[18]);
            Instant finished = instant(r[19]);
            int processed = (Integer) r[10];
            double seconds = Math.max(1, Duration.between(started, finished == null ? now : finished).toMillis()) / 1000.0;
            out.add(new RunView(id, (UUID) r[1], SyncKind.valueOf((String) r[2]), (String) r[3], status,
                    status == RunStatus.RUNNING && heartbeat.plus(staleAfter).isBefore(now), (String) r[6], (UUID) r[7], instant(r[8]),
                    instant(r[9]), new Counters(processed, (Integer) r[11], (Integer) r[12], (Integer) r[13], (Integer) r[14], (Integer) r[15]),
                    skips.getOrDefault(id, Map.of()), SyncMode.valueOf((String) r[20]), (Integer) r[16], (String) r[17], started, heartbeat,
                    finished, Math.round(processed / seconds * 10) / 10.0, withErrors ? errors(c, id, 50) : List.of()));
        }
        return out;
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
    private static Map<UUID, Map<String, Integer>> skipReasons(Connection c, List<UUID> runIds) throws SQLException {
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

    /** The run's records of one outcome (FAILED: its errors; SKIPPED: left out, with the reason), in the order they were written. */
    public Page<RunErrorView> records(UUID storeId, UUID runId, RecordOutcome outcome, PageParams page) {
        get(storeId, runId);
        List<String> after = Cursors.decode(page.cursor, 1);
        try (Connection c = dataSource.getConnection()) {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, record_type, record_id, code, message, created_at, outcome FROM sync_run_errors
                    WHERE run_id = ? AND outcome = ? AND (?::uuid IS NULL OR id > ?::uuid) ORDER BY id LIMIT ?""")) {
                UUID a = after == null ? null : Cursors.uuid(after.get(0));
                ps.setObject(1, runId);
                ps.setString(2, outcome.name());
                ps.setObject(3, a);
                ps.setObject(4, a);
                ps.setInt(5, page.limit + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows.add(new Object[] {rs.getObject(1, UUID.class), errorView(rs, 2)});
                }
            }
            return Page.of(rows, page.limit, r -> (RunErrorView) r[1], r -> Cursors.encode(r[0]));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RunErrorView errorView(ResultSet rs, int k) throws SQLException {
        return new RunErrorView(rs.getString(k), rs.getString(k + 1), rs.getString(k + 2), rs.getString(k + 3),
                rs.getTimestamp(k + 4).toInstant(), RecordOutcome.valueOf(rs.getString(k + 5)));
    }

    private static List<RunErrorView> errors(Connection c, UUID runId, int limit) throws SQLException {
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

    /** The store's pending work (failed records waiting for a retry, skipped ones waiting for a settings change), by type and id. */
    public Page<PendingView> pending(UUID storeId, RecordOutcome outcome, PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 2);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT record_type, record_id, outcome, code, message, attempts, next_attempt_at, last_attempt_at, last_run_id
                     FROM sync_pending WHERE store_id = ? AND (?::text IS NULL OR outcome = ?::text)
                      AND (?::text IS NULL OR (record_type, record_id) > (?::text, ?::text))
                     ORDER BY record_type, record_id LIMIT ?""")) {
            ps.setObject(1, storeId);
            ps.setString(2, outcome == null ? null : outcome.name());
            ps.setString(3, outcome == null ? null : outcome.name());
            ps.setString(4, after == null ? null : after.get(0));
            ps.setString(5, after == null ? null : after.get(0));
            ps.setString(6, after == null ? null : after.get(1));
            ps.setInt(7, page.limit + 1);
            List<PendingView> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PendingView(rs.getString(1), rs.getString(2), RecordOutcome.valueOf(rs.getString(3)), rs.getString(4),
                            rs.getString(5), rs.getInt(6), ts(rs.getTimestamp(7)), rs.getTimestamp(8).toInstant(), rs.getObject(9, UUID.class)));
                }
            }
            return Page.of(rows, page.limit, r -> r, r -> Cursors.encode(r.recordType(), r.recordId()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
