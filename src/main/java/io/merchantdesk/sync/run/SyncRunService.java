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
import java.util.List;
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

    /** Changes younger than this are left to the next run, so a transaction still committing is never skipped. */
    @ConfigProperty(name = "merchantdesk.sync.watermark-lag", defaultValue = "PT2S")
    Duration watermarkLag;

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
    public RunView start(UUID storeId, SyncKind kind, String trigger, Integer batchSize, UUID startedBy) {
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
            UUID runId = insertRun(c, storeId, kind, trigger, batchSize == null ? defaultBatchSize : batchSize, startedBy, settings);
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
     * become INTERRUPTED. When the latest run did not succeed, the new one resumes it: same watermark range,
     * same phase, from its last committed cursor.
     */
    private UUID insertRun(Connection c, UUID storeId, SyncKind kind, String trigger, int batchSize, UUID startedBy, Settings s)
            throws SQLException {
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
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, status FROM sync_runs WHERE store_id = ? AND kind = ? ORDER BY started_at DESC, id DESC LIMIT 1")) {
            ps.setObject(1, storeId);
            ps.setString(2, kind.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && !"SUCCEEDED".equals(rs.getString(2))) resumeFrom = rs.getObject(1, UUID.class);
            }
        }
        if (resumeFrom != null) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO sync_runs (id, store_id, kind, trigger, status, phase, resumed_from, watermark_from, watermark_to, export_from,
                                           cursor_at, cursor_id, batch_size, started_by)
                    SELECT ?, store_id, kind, ?, 'RUNNING', phase, id, watermark_from, watermark_to, export_from, cursor_at, cursor_id, ?, ?
                    FROM sync_runs WHERE id = ?""")) {
                ps.setObject(1, id);
                ps.setString(2, trigger);
                ps.setInt(3, batchSize);
                ps.setObject(4, startedBy);
                ps.setObject(5, resumeFrom);
                ps.executeUpdate();
            }
            return id;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO sync_runs (id, store_id, kind, trigger, status, watermark_from, watermark_to, export_from, batch_size, started_by)
                VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, id);
            ps.setObject(2, storeId);
            ps.setString(3, kind.name());
            ps.setString(4, trigger);
            Jdbc.setInstant(ps, 5, s.importWatermark());
            Jdbc.setInstant(ps, 6, Instant.now().minus(watermarkLag));
            Jdbc.setInstant(ps, 7, s.exportWatermark());
            ps.setInt(8, batchSize);
            ps.setObject(9, startedBy);
            ps.executeUpdate();
        }
        return id;
    }


    // ---- reading ----

    private static final String RUN_COLUMNS = """
            id, store_id, kind, trigger, status, heartbeat_at, phase, resumed_from, watermark_from, watermark_to,
            processed, created, updated, linked, skipped, failed, batch_size, failure, started_at, finished_at""";

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
            List<RunView> runs = readRuns(ps, null);
            if (runs.isEmpty()) return null;
            RunView r = runs.get(0);
            List<RunErrorView> errors = errors(c, runId, 50);
            return new RunView(r.id(), r.storeId(), r.kind(), r.trigger(), r.status(), r.stale(), r.phase(), r.resumedFrom(),
                    r.watermarkFrom(), r.watermarkTo(), r.counters(), r.batchSize(), r.failure(), r.startedAt(), r.heartbeatAt(),
                    r.finishedAt(), r.recordsPerSecond(), errors);
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
            return Page.of(readRuns(ps, List.of()), page.limit, r -> r, r -> Cursors.encode(r.id()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<RunView> readRuns(PreparedStatement ps, List<RunErrorView> errors) throws SQLException {
        List<RunView> out = new ArrayList<>();
        Instant now = Instant.now();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                RunStatus status = RunStatus.valueOf(rs.getString(5));
                Instant heartbeat = rs.getTimestamp(6).toInstant();
                Instant started = rs.getTimestamp(19).toInstant();
                Timestamp fin = rs.getTimestamp(20);
                Instant finished = fin == null ? null : fin.toInstant();
                int processed = rs.getInt(11);
                double seconds = Math.max(1, Duration.between(started, finished == null ? now : finished).toMillis()) / 1000.0;
                out.add(new RunView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), SyncKind.valueOf(rs.getString(3)),
                        rs.getString(4), status, status == RunStatus.RUNNING && heartbeat.plus(staleAfter).isBefore(now),
                        rs.getString(7), rs.getObject(8, UUID.class), ts(rs.getTimestamp(9)), ts(rs.getTimestamp(10)),
                        new Counters(processed, rs.getInt(12), rs.getInt(13), rs.getInt(14), rs.getInt(15), rs.getInt(16)),
                        rs.getInt(17), rs.getString(18), started, heartbeat, finished, Math.round(processed / seconds * 10) / 10.0, errors));
            }
        }
        return out;
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    public Page<RunErrorView> errors(UUID storeId, UUID runId, PageParams page) {
        get(storeId, runId);
        List<String> after = Cursors.decode(page.cursor, 1);
        try (Connection c = dataSource.getConnection()) {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, record_type, record_id, code, message, created_at FROM sync_run_errors
                    WHERE run_id = ? AND (?::uuid IS NULL OR id > ?::uuid) ORDER BY id LIMIT ?""")) {
                UUID a = after == null ? null : Cursors.uuid(after.get(0));
                ps.setObject(1, runId);
                ps.setObject(2, a);
                ps.setObject(3, a);
                ps.setInt(4, page.limit + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {rs.getObject(1, UUID.class), new RunErrorView(rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getTimestamp(6).toInstant())});
                    }
                }
            }
            return Page.of(rows, page.limit, r -> (RunErrorView) r[1], r -> Cursors.encode(r[0]));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<RunErrorView> errors(Connection c, UUID runId, int limit) throws SQLException {
        List<RunErrorView> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT record_type, record_id, code, message, created_at FROM sync_run_errors WHERE run_id = ? ORDER BY id LIMIT ?")) {
            ps.setObject(1, runId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunErrorView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant()));
                }
            }
        }
        return out;
    }
}
