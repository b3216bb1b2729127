package io.merchantdesk.sync.run;

import io.merchantdesk.kernel.persistence.Jdbc;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.sync.CustomerImport;
import io.merchantdesk.sync.SyncDtos.SyncKind;
import io.merchantdesk.sync.engine.BatchOutcome;
import io.merchantdesk.sync.engine.ErpPort;
import io.merchantdesk.sync.engine.Model.ErpCard;
import io.merchantdesk.sync.engine.Model.StoreCustomer;
import io.merchantdesk.sync.engine.Model.StoreOrder;
import io.merchantdesk.sync.engine.Settings;
import io.merchantdesk.sync.engine.StorePort;
import io.merchantdesk.sync.engine.SyncEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Executes one run on the connection that holds its advisory lock. Each batch is one transaction: the
 * engine's writes, the counters, the per-record errors, the cursor and the heartbeat commit together, so
 * a run killed at any point restarts from its last committed batch; unique constraints on links, ERP
 * customer numbers and imported orders make a replayed batch harmless (SYNC-18).
 */
@ApplicationScoped
public class SyncRunner {
    private static final Logger LOG = Logger.getLogger(SyncRunner.class);

    @Inject
    SyncEngine engine;

    @Inject
    StorePort store;

    @Inject
    ErpPort erp;

    @Inject
    SyncFaults faults;

    @Inject
    SyncMetrics metrics;

    @Inject
    DataSource dataSource;

    private record Run(UUID id, String phase, Instant from, Instant to, Instant exportFrom, Instant cursorAt, UUID cursorId, int batchSize,
                       Instant startedAt) {}

    void execute(Connection c, UUID runId, UUID storeId, SyncKind kind) {
        Instant began = Instant.now();
        int processed = 0;
        String outcome = "FAILED";
        Map<String, Long> timings = new LinkedHashMap<>();
        try {
            // The batch lookups bind arrays (= ANY(?)); tables grow during the run so statistics lag behind, and a
            // cached generic plan then filters the array linearly per row. Custom plans hash the bound array.
            try (var st = c.createStatement()) {
                st.execute("SET plan_cache_mode = force_custom_plan");
                // The lookups probe indexes whose pages are in shared buffers; at the default random_page_cost (4, a
                // spinning disk) the planner prices 2 000 probes of erp_customers_email_idx above a scan of the whole
                // company (measured: 28 ms scan vs 7 ms probes per batch of 2 000 e-mails).
                st.execute("SET random_page_cost = 1.1");
            }
            c.setAutoCommit(false);
            Run run = load(c, runId);
            Settings s = Settings.load(c, storeId);
            int batchNo = 0;
            if (kind == SyncKind.ORDERS) {
                UUID cursor = run.cursorId();
                while (true) {
                    writesLock(c, storeId);
                    List<StoreOrder> orders = store.ordersToImport(c, storeId, cursor, run.batchSize());
                    if (orders.isEmpty()) break;
                    BatchOutcome out = engine.importOrders(c, s, orders, runId);
                    cursor = orders.get(orders.size() - 1).id();
                    commitBatch(c, runId, storeId, ++batchNo, "ORDERS", out, null, cursor);
                    processed += out.processed;
                }
            } else {
                boolean importing = !"EXPORT".equals(run.phase()) && s.customerImport() != CustomerImport.NONE;
                if (importing) {
                    // The next batch is read on a second connection while the current one is decided and written: the
                    // import writes ERP cards and links only, never the customers it reads, and the keyset cursor
                    // does not depend on what a batch writes. The cursor committed with each batch stays the
                    // resume point (SYNC-18); a read ahead that was not used is simply read again on resume.
                    try (Connection reader = dataSource.getConnection();
                         var readAhead = Executors.newSingleThreadExecutor(r -> new Thread(r, "sync-read-ahead"))) {
                        Future<List<StoreCustomer>> next = readAhead.submit(
                                () -> store.changedCustomers(reader, storeId, run.from(), run.to(), run.cursorAt(), run.cursorId(), run.batchSize()));
                        try {
                            while (true) {
                                long t = System.nanoTime();
                                writesLock(c, storeId);
                                List<StoreCustomer> batch = next.get();
                                next = null;
                                timings.merge("read", System.nanoTime() - t, Long::sum);
                                if (batch.isEmpty()) break;
                                StoreCustomer last = batch.get(batch.size() - 1);
                                Instant at = last.updatedAt();
                                UUID id = last.id();
                                next = readAhead.submit(() -> store.changedCustomers(reader, storeId, run.from(), run.to(), at, id, run.batchSize()));
                                BatchOutcome out = engine.importCustomers(c, s, batch);
                                t = System.nanoTime();
                                commitBatch(c, runId, storeId, ++batchNo, "IMPORT", out, at, id);
                                out.lap("commit", t);
                                out.nanos.forEach((k, v) -> timings.merge(k, v, Long::sum));
                                processed += out.processed;
                            }
                        } catch (ExecutionException e) {
                            throw e.getCause();
                        } finally {
                            if (next != null) next.cancel(false); // the executor's close waits for a read in flight
                        }
                    }
                }
                if (s.exportCustomersToStore()) {
                    boolean resumingExport = "EXPORT".equals(run.phase());
                    Instant at = resumingExport ? run.cursorAt() : null;
                    UUID id = resumingExport ? run.cursorId() : null;
                    while (true) {
                        writesLock(c, storeId);
                        List<ErpCard> batch = erp.changedSince(c, s.company(), run.exportFrom(), run.to(), at, id, run.batchSize());
                        if (batch.isEmpty()) break;
                        BatchOutcome out = engine.exportCustomers(c, s, batch);
                        ErpCard last = batch.get(batch.size() - 1);
                        at = last.changedAt();
                        id = last.id();
                        commitBatch(c, runId, storeId, ++batchNo, "EXPORT", out, at, id);
                        processed += out.processed;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE erp_connections SET import_watermark = ?, export_watermark = ? WHERE store_id = ?")) {
                    ps.setTimestamp(1, Timestamp.from(run.to()));
                    ps.setTimestamp(2, Timestamp.from(run.to()));
                    ps.setObject(3, storeId);
                    ps.executeUpdate();
                }
            }
            finish(c, runId, "SUCCEEDED", null);
            c.commit();
            outcome = "SUCCEEDED";
        } catch (Throwable e) {
            LOG.errorf(e, "Sync run %s failed", runId);
            try {
                c.rollback();
                finish(c, runId, "FAILED", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                c.commit();
            } catch (SQLException x) {
                LOG.error("Could not record the failure of sync run " + runId, x);
            }
        } finally {
            try {
                c.setAutoCommit(true);
                try (var st = c.createStatement()) {
                    st.execute("RESET plan_cache_mode"); // the connection goes back to the pool
                    st.execute("RESET random_page_cost");
                }
                SyncRunService.unlock(c, storeId, kind);
                c.close();
            } catch (SQLException e) {
                LOG.warn("Could not release the sync connection", e);
            }
            metrics.finished(kind.name(), outcome, Duration.between(began, Instant.now()), processed);
            if (!timings.isEmpty()) { // where the run spent its time, per phase (docs/performance.md, ERP sync)
                StringBuilder sb = new StringBuilder();
                timings.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v / 1_000_000).append("ms"));
                LOG.infof("Sync run %s %s: %d records in %d ms;%s", runId, outcome, processed,
                        Duration.between(began, Instant.now()).toMillis(), sb);
            }
        }
    }

    /** Serialises the write phases of a store's CUSTOMERS and ORDERS runs, so both never create a card for the same customer. */
    private static void writesLock(Connection c, UUID storeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            ps.setString(1, "sync-writes:" + storeId);
            ps.execute();
        }
    }

    private void commitBatch(Connection c, UUID runId, UUID storeId, int batchNo, String phase, BatchOutcome out, Instant cursorAt, UUID cursorId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE sync_runs SET processed = processed + ?, created = created + ?, updated = updated + ?, linked = linked + ?,
                       skipped = skipped + ?, failed = failed + ?, phase = ?, cursor_at = ?, cursor_id = ?, heartbeat_at = now()
                WHERE id = ?""")) {
            ps.setInt(1, out.processed);
            ps.setInt(2, out.created);
            ps.setInt(3, out.updated);
            ps.setInt(4, out.linked);
            ps.setInt(5, out.skipped);
            ps.setInt(6, out.failed);
            ps.setString(7, phase);
            Jdbc.setInstant(ps, 8, cursorAt);
            ps.setObject(9, cursorId);
            ps.setObject(10, runId);
            ps.executeUpdate();
        }
        if (!out.errors.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sync_run_errors (id, run_id, record_type, record_id, code, message) VALUES (?,?,?,?,?,?)")) {
                for (BatchOutcome.RecordError e : out.errors) {
                    ps.setObject(1, Ids.next());
                    ps.setObject(2, runId);
                    ps.setString(3, e.recordType());
                    ps.setString(4, e.recordId());
                    ps.setString(5, e.code());
                    ps.setString(6, e.message());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        faults.check(storeId, batchNo);
        c.commit();
    }

    private static void finish(Connection c, UUID runId, String status, String failure) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sync_runs SET status = ?, failure = ?, finished_at = now(), heartbeat_at = now() WHERE id = ?")) {
            ps.setString(1, status);
            ps.setString(2, failure);
            ps.setObject(3, runId);
            ps.executeUpdate();
        }
    }

    private static Run load(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT phase, watermark_from, watermark_to, export_from, cursor_at, cursor_id, batch_size, started_at FROM sync_runs WHERE id = ?""")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Run(runId, rs.getString(1), ts(rs.getTimestamp(2)), ts(rs.getTimestamp(3)), ts(rs.getTimestamp(4)),
                        ts(rs.getTimestamp(5)), rs.getObject(6, UUID.class), rs.getInt(7), ts(rs.getTimestamp(8)));
            }
        }
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
