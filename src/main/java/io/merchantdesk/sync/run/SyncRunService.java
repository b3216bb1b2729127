package io.merchantdesk.sync.run;

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
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        RunLock lock = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            lock = RunLock.tryAcquire(c, storeId, kind);
            if (!lock.held()) {
                UUID running = SyncRunRepository.runningRunId(c, storeId, kind);
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
            RunLock owned = lock;
            c = null; // the run owns the connection and the lock from here
            executor.submit(() -> runner.execute(owned, runId));
            try (Connection r = dataSource.getConnection()) {
                return read(r, storeId, runId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            if (c != null) {
                try {
                    if (!c.getAutoCommit()) c.rollback();
                    if (lock != null) lock.release();
                    c.close();
                } catch (SQLException e) {
                    LOG.warn("Could not release a sync connection", e);
                }
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
        SyncRunRepository.interruptRunning(c, storeId, kind);
        UUID id = Ids.next();
        UUID resumeFrom = null;
        if (mode == SyncMode.INCREMENTAL) {
            SyncRunRepository.LatestRun latest = SyncRunRepository.latestRun(c, storeId, kind);
            if (latest != null && !latest.status().startsWith("SUCCEEDED")) resumeFrom = latest.id();
        } else {
            PendingWork.rearm(c, storeId);
        }
        if (resumeFrom != null) {
            SyncRunRepository.insertResumed(c, id, trigger, batchSize, startedBy, resumeFrom);
            return id;
        }
        boolean full = mode == SyncMode.FULL;
        SyncRunRepository.insertNew(c, id, storeId, kind, trigger, mode.name(), full ? null : s.importWatermark(),
                full ? null : s.exportWatermark(), full ? null : s.syncSnapshot(), batchSize, startedBy);
        return id;
    }


    // ---- reading ----

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
        SyncRunRepository.RunRow row = SyncRunRepository.findRun(c, storeId, runId);
        return row == null ? null : views(c, List.of(row), true).get(0);
    }

    public Page<RunView> list(UUID storeId, SyncKind kind, PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 1);
        try (Connection c = dataSource.getConnection()) {
            UUID a = after == null ? null : Cursors.uuid(after.get(0));
            return Page.of(views(c, SyncRunRepository.listRuns(c, storeId, kind, a, page.limit + 1), false), page.limit, r -> r,
                    r -> Cursors.encode(r.id()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<RunView> views(Connection c, List<SyncRunRepository.RunRow> rows, boolean withErrors) throws SQLException {
        List<RunView> out = new ArrayList<>();
        Instant now = Instant.now();
        Map<UUID, Map<String, Integer>> skips = SyncRunRepository.skipReasons(c, rows.stream().map(SyncRunRepository.RunRow::id).toList());
        for (SyncRunRepository.RunRow r : rows) {
            UUID id = r.id();
            RunStatus status = RunStatus.valueOf(r.status());
            Instant heartbeat = r.heartbeatAt();
            Instant started = r.startedAt();
            Instant finished = r.finishedAt();
            int processed = r.processed();
            double seconds = Math.max(1, Duration.between(started, finished == null ? now : finished).toMillis()) / 1000.0;
            out.add(new RunView(id, r.storeId(), SyncKind.valueOf(r.kind()), r.trigger(), status,
                    status == RunStatus.RUNNING && heartbeat.plus(staleAfter).isBefore(now), r.phase(), r.resumedFrom(), r.watermarkFrom(),
                    r.watermarkTo(), new Counters(processed, r.created(), r.updated(), r.linked(), r.skipped(), r.failed()),
                    skips.getOrDefault(id, Map.of()), SyncMode.valueOf(r.mode()), r.batchSize(), r.failure(), started, heartbeat,
                    finished, Math.round(processed / seconds * 10) / 10.0,
                    withErrors ? RecordSubjects.errors(c, r.storeId(), SyncRunRepository.failures(c, id, 50)) : List.of()));
        }
        return out;
    }

    /**
     * The run's records of one outcome (FAILED: its errors; SKIPPED: left out, with the reason), in the order they were
     * written, each with its subject (one read per record type for the page: {@link RecordSubjects}).
     */
    public Page<RunErrorView> records(UUID storeId, UUID runId, RecordOutcome outcome, PageParams page) {
        get(storeId, runId);
        List<String> after = Cursors.decode(page.cursor, 1);
        try (Connection c = dataSource.getConnection()) {
            UUID a = after == null ? null : Cursors.uuid(after.get(0));
            List<SyncRunRepository.RecordRow> rows = SyncRunRepository.records(c, runId, outcome, a, page.limit + 1);
            List<RunErrorView> views = RecordSubjects.errors(c, storeId, rows.stream().map(SyncRunRepository.RecordRow::view).toList());
            List<SyncRunRepository.RecordRow> withSubjects = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) withSubjects.add(new SyncRunRepository.RecordRow(rows.get(i).id(), views.get(i)));
            return Page.of(withSubjects, page.limit, SyncRunRepository.RecordRow::view, r -> Cursors.encode(r.id()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The store's pending work (failed records waiting for a retry, skipped ones waiting for a settings change), by type
     * and id, each with its subject (one read per record type for the page: {@link RecordSubjects}).
     */
    public Page<PendingView> pending(UUID storeId, RecordOutcome outcome, PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 2);
        try (Connection c = dataSource.getConnection()) {
            List<PendingView> rows = RecordSubjects.pending(c, storeId, SyncRunRepository.pending(c, storeId, outcome,
                    after == null ? null : after.get(0), after == null ? null : after.get(1), page.limit + 1));
            return Page.of(rows, page.limit, r -> r, r -> Cursors.encode(r.recordType(), r.recordId()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
