package io.merchantdesk.sync.run;

import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.sync.CustomerImport;
import io.merchantdesk.sync.ErpConnectionRepository;
import io.merchantdesk.sync.SyncDtos.SyncKind;
import io.merchantdesk.sync.engine.Batch;
import io.merchantdesk.sync.engine.BatchOutcome;
import io.merchantdesk.sync.engine.ErpPort;
import io.merchantdesk.sync.engine.ErpRejectedException;
import io.merchantdesk.sync.engine.ErpSession;
import io.merchantdesk.sync.engine.ErpUnavailableException;
import io.merchantdesk.sync.engine.Model.ChangePage;
import io.merchantdesk.sync.engine.Model.ErpCard;
import io.merchantdesk.sync.engine.Model.StoreCustomer;
import io.merchantdesk.sync.engine.Model.StoreOrder;
import io.merchantdesk.sync.engine.Settings;
import io.merchantdesk.sync.engine.StorePort;
import io.merchantdesk.sync.engine.CompanyExport;
import io.merchantdesk.sync.engine.CompanyLinks;
import io.merchantdesk.sync.engine.Model.StoreCompany;
import io.merchantdesk.sync.engine.FlowSupport;
import io.merchantdesk.sync.engine.OrderImport;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.Objects;
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
    io.merchantdesk.sync.engine.CustomerImport customerImport;

    @Inject
    OrderImport orderImport;

    @Inject
    CompanyExport companyExport;

    @Inject
    io.merchantdesk.sync.engine.CompanyImport companyImport;

    @Inject
    StorePort store;

    @Inject
    ErpPort erp;

    @Inject
    SyncFaults faults;

    @Inject
    PendingWork pending;

    @Inject
    SyncMetrics metrics;

    @Inject
    DataSource dataSource;

    /**
     * The run's window: changes visible in {@code snapshotTo} and not in {@code snapshotFrom} (null: everything, a FULL
     * run or the first one); {@code dueBy} (the start of the run that opened the window, inherited by a resumed run)
     * bounds the orders it imports; {@code retryBy} (this run's own start) bounds the pending records it retries, so a
     * resumed run retries what its predecessor left pending (an ERP outage's batch included) but nothing twice.
     */
    private record Run(UUID id, String phase, String snapshotFrom, String snapshotTo, String cursorXid, UUID cursorId, int batchSize,
                       Instant dueBy, String erpCursorFrom, String erpCursor, Instant retryBy) {}

    /** The phases of a CUSTOMERS run in their order; a resumed run starts at the phase its predecessor reached. */
    private static final List<String> CUSTOMER_PHASES = List.of("IMPORT", "IMPORT_RETRY", "COMPANY_IMPORT", "COMPANY_IMPORT_RETRY", "EXPORT",
            "EXPORT_RETRY");

    /** Runs to the end on the lock's connection, then releases the lock and closes the connection. */
    void execute(RunLock lock, UUID runId) {
        Connection c = lock.connection();
        Batch tx = new Batch(c); // the batches' transaction on the run's connection
        UUID storeId = lock.storeId();
        SyncKind kind = lock.kind();
        Instant began = Instant.now();
        int processed = 0;
        String outcome = "FAILED";
        Map<String, Long> timings = new LinkedHashMap<>();
        ErpSession session = null;
        try {
            tx.tunePlans(); // custom plans for the array lookups, index probes priced for cached pages (Batch)
            tx.begin();
            Run run = load(c, runId);
            Settings s = Settings.load(c, storeId);
            session = erp.open(s.company()); // the ERP side's own conversation (connection, login or token) for the whole run
            ErpSession erpSession = session;
            int batchNo = 0;
            if (kind == SyncKind.ORDERS) {
                UUID cursor = run.cursorId();
                while (true) {
                    RunLock.writes(c, storeId);
                    List<StoreOrder> orders = store.ordersToImport(tx, storeId, cursor, run.dueBy(), run.batchSize());
                    if (orders.isEmpty()) break;
                    BatchOutcome out = guarded(tx, () -> orderImport.importOrders(tx, erpSession, s, orders, runId), FlowSupport.ORDER,
                            orders.stream().map(o -> o.id().toString()).toList());
                    cursor = orders.get(orders.size() - 1).id();
                    pending.record(c, storeId, runId, orders.stream().map(o -> o.id().toString()).toList(), out, FlowSupport.ORDER);
                    commitBatch(tx, runId, storeId, ++batchNo, "ORDERS", out, null, cursor, null);
                    processed += out.processed;
                }
            } else {
                int from = run.phase() == null ? 0 : Math.max(0, CUSTOMER_PHASES.indexOf(run.phase()));
                boolean importing = s.customerImport() != CustomerImport.NONE;
                if (importing && from <= 0) {
                    // The next batch is read on a second connection while the current one is decided and written: the
                    // import writes ERP cards and links only, never the customers it reads, and the keyset cursor
                    // does not depend on what a batch writes. The cursor committed with each batch stays the
                    // resume point (SYNC-18); a read ahead that was not used is simply read again on resume.
                    try (Connection reader = dataSource.getConnection();
                         var readAhead = Executors.newSingleThreadExecutor(r -> new Thread(r, "sync-read-ahead"))) {
                        Batch ahead = new Batch(reader);
                        Future<List<StoreCustomer>> next = readAhead.submit(() -> store.changedCustomers(ahead, storeId, run.snapshotFrom(),
                                run.snapshotTo(), run.cursorXid(), run.cursorId(), run.batchSize()));
                        try {
                            while (true) {
                                long t = System.nanoTime();
                                RunLock.writes(c, storeId);
                                List<StoreCustomer> batch = next.get();
                                next = null;
                                timings.merge("read", System.nanoTime() - t, Long::sum);
                                if (batch.isEmpty()) break;
                                StoreCustomer last = batch.get(batch.size() - 1);
                                String xid = last.syncXid();
                                UUID id = last.id();
                                next = readAhead.submit(() -> store.changedCustomers(ahead, storeId, run.snapshotFrom(), run.snapshotTo(), xid, id,
                                        run.batchSize()));
                                BatchOutcome out = guarded(tx, () -> customerImport.importCustomers(tx, erpSession, s, batch), FlowSupport.CUSTOMER,
                                        batch.stream().map(sc -> sc.id().toString()).toList());
                                t = System.nanoTime();
                                pending.record(c, storeId, runId, batch.stream().map(sc -> sc.id().toString()).toList(), out, FlowSupport.CUSTOMER);
                                commitBatch(tx, runId, storeId, ++batchNo, "IMPORT", out, xid, id, null);
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
                if (importing && from <= 1) { // failed and re-evaluated store customers (sync_pending)
                    while (true) {
                        RunLock.writes(c, storeId);
                        List<String> ids = pending.due(c, storeId, FlowSupport.CUSTOMER, run.retryBy(), run.batchSize());
                        if (ids.isEmpty()) break;
                        Map<UUID, StoreCustomer> found = store.customers(tx, storeId, ids.stream().map(UUID::fromString).toList());
                        List<StoreCustomer> batch = ids.stream().map(UUID::fromString).map(found::get).filter(Objects::nonNull).toList();
                        BatchOutcome out = guarded(tx, () -> customerImport.importCustomers(tx, erpSession, s, batch), FlowSupport.CUSTOMER, ids);
                        pending.record(c, storeId, runId, ids, out, FlowSupport.CUSTOMER); // ids no longer there are dropped too
                        commitBatch(tx, runId, storeId, ++batchNo, "IMPORT_RETRY", out, null, null, null);
                        processed += out.processed;
                    }
                }
                boolean companies = s.companies().companyImport() != io.merchantdesk.sync.CompanyImport.NONE;
                if (companies && from <= 2) {
                    // The companies changed in the window (SYNC-29), all ids at once (a company's changes span three tables), in
                    // id order; the committed cursor is the last company id of a batch (the customer cursor of IMPORT is not it).
                    long t = System.nanoTime();
                    List<UUID> ids = store.changedCompanyIds(tx, storeId, run.snapshotFrom(), run.snapshotTo(), from == 2 ? run.cursorId() : null);
                    timings.merge("companyIds", System.nanoTime() - t, Long::sum);
                    // The next batch's companies are read on a second connection while the current one is decided and
                    // written, as the customer import does: the company import never writes the companies it reads.
                    int size = run.batchSize();
                    try (Connection reader = dataSource.getConnection();
                         var readAhead = Executors.newSingleThreadExecutor(r -> new Thread(r, "sync-read-ahead"))) {
                        Batch ahead = new Batch(reader);
                        Future<Map<UUID, StoreCompany>> next = ids.isEmpty() ? null
                                : readAhead.submit(() -> store.companies(ahead, storeId, ids.subList(0, Math.min(ids.size(), size))));
                        try {
                            for (int i = 0; i < ids.size(); i += size) {
                                RunLock.writes(c, storeId);
                                List<UUID> chunk = ids.subList(i, Math.min(ids.size(), i + size));
                                t = System.nanoTime();
                                Map<UUID, StoreCompany> found = next.get();
                                timings.merge("companyRead", System.nanoTime() - t, Long::sum);
                                int from2 = i + size;
                                next = from2 < ids.size()
                                        ? readAhead.submit(() -> store.companies(ahead, storeId, ids.subList(from2, Math.min(ids.size(), from2 + size))))
                                        : null;
                                processed += companyBatch(tx, erpSession, s, runId, storeId, ++batchNo, "COMPANY_IMPORT", chunk, found,
                                        chunk.get(chunk.size() - 1), timings);
                            }
                        } catch (ExecutionException e) {
                            throw e.getCause();
                        } finally {
                            if (next != null) next.cancel(false);
                        }
                    }
                }
                if (companies && from <= 3) { // failed and re-evaluated companies (sync_pending), then SYNC-25's deleted ones
                    while (true) {
                        RunLock.writes(c, storeId);
                        List<String> ids = pending.due(c, storeId, FlowSupport.COMPANY, run.retryBy(), run.batchSize());
                        if (ids.isEmpty()) break;
                        List<UUID> due = ids.stream().map(UUID::fromString).toList();
                        processed += companyBatch(tx, erpSession, s, runId, storeId, ++batchNo, "COMPANY_IMPORT_RETRY", due,
                                store.companies(tx, storeId, due), null, timings);
                    }
                    long t = System.nanoTime();
                    processed += deletedCompanies(tx, s, runId, storeId, ++batchNo);
                    timings.merge("companyDeleted", System.nanoTime() - t, Long::sum);
                }
                boolean exporting = s.exportCustomersToStore() || s.companies().canUpdateStore();
                if (exporting && from <= 4) {
                    // The ERP's changes after the run's ERP cursor (opaque: the adapter's own window and position); a resumed
                    // export goes on from the cursor committed with its last batch.
                    String cursor = from == 4 && run.erpCursor() != null ? run.erpCursor() : run.erpCursorFrom();
                    while (true) {
                        RunLock.writes(c, storeId);
                        ChangePage page = erpSession.changes(cursor, run.batchSize()); // an outage here fails the run, resumable
                        cursor = page.cursor();
                        if (page.cards().isEmpty()) {
                            setErpCursor(c, runId, cursor);
                            break;
                        }
                        List<ErpCard> batch = page.cards();
                        BatchOutcome out = companyExport.exportChanges(tx, s, batch);
                        pending.record(c, storeId, runId, batch.stream().map(ErpCard::customerNo).toList(), out, FlowSupport.ERP_CUSTOMER);
                        commitBatch(tx, runId, storeId, ++batchNo, "EXPORT", out, null, null, cursor);
                        processed += out.processed;
                        if (page.last()) break;
                    }
                }
                if (exporting) { // failed and re-evaluated ERP customers
                    while (true) {
                        RunLock.writes(c, storeId);
                        List<String> nos = pending.due(c, storeId, FlowSupport.ERP_CUSTOMER, run.retryBy(), run.batchSize());
                        if (nos.isEmpty()) break;
                        Map<String, ErpCard> found = erpSession.byNumbers(nos); // an outage here fails the run, resumable
                        List<ErpCard> batch = nos.stream().map(found::get).filter(Objects::nonNull).toList();
                        BatchOutcome out = companyExport.exportChanges(tx, s, batch);
                        pending.record(c, storeId, runId, nos, out, FlowSupport.ERP_CUSTOMER);
                        commitBatch(tx, runId, storeId, ++batchNo, "EXPORT_RETRY", out, null, null, null);
                        processed += out.processed;
                    }
                }
                // The next run's window starts where this one's ends (exclusive): its snapshot.
                ErpConnectionRepository.advanceCapture(c, runId, storeId);
            }
            outcome = finishSucceeded(c, runId);
            tx.commit();
        } catch (Throwable e) {
            LOG.errorf(e, "Sync run %s failed", runId);
            try {
                tx.rollback();
                finish(c, runId, "FAILED", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                tx.commit();
            } catch (SQLException | Batch.Failure x) {
                LOG.error("Could not record the failure of sync run " + runId, x);
            }
        } finally {
            if (session != null) session.close();
            try {
                c.setAutoCommit(true);
                tx.resetPlans(); // the connection goes back to the pool
                lock.release();
                c.close();
            } catch (SQLException | Batch.Failure e) {
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

    /** One batch of companies (changed, or pending; {@code found}: those still there): imported, recorded, committed with the cursor {@code lastId}; its size. */
    private int companyBatch(Batch tx, ErpSession erp, Settings s, UUID runId, UUID storeId, int batchNo, String phase, List<UUID> ids,
                             Map<UUID, StoreCompany> found, UUID lastId, Map<String, Long> timings) throws SQLException {
        long t;
        List<StoreCompany> batch = ids.stream().map(found::get).filter(Objects::nonNull).toList();
        List<String> keys = ids.stream().map(UUID::toString).toList();
        BatchOutcome out = guarded(tx, () -> companyImport.importCompanies(tx, erp, s, batch), FlowSupport.COMPANY,
                batch.stream().map(co -> co.id().toString()).toList());
        t = System.nanoTime();
        pending.record(tx.connection(), storeId, runId, keys, out, FlowSupport.COMPANY); // ids no longer there are dropped
        commitBatch(tx, runId, storeId, batchNo, phase, out, null, lastId, null);
        out.lap("companyCommit", t);
        out.nanos.forEach((k, v) -> timings.merge(k, v, Long::sum));
        return out.processed;
    }

    /**
     * SYNC-25: a linked company deleted in the store is pending work (COMPANY_DELETED_IN_STORE), never silently forgotten:
     * its ERP customer stays until a person unlinks the company or deletes the customer. The store's links are walked a
     * page at a time against B2B's companies; one batch records them all.
     */
    private int deletedCompanies(Batch tx, Settings s, UUID runId, UUID storeId, int batchNo) throws SQLException {
        BatchOutcome out = new BatchOutcome();
        List<String> keys = new ArrayList<>();
        UUID after = null;
        while (true) {
            List<CompanyLinks.Link> page = CompanyLinks.page(tx, storeId, after, 5000);
            if (page.isEmpty()) break;
            java.util.Set<UUID> live = store.existingCompanies(tx, storeId, page.stream().map(CompanyLinks.Link::companyId).toList());
            for (CompanyLinks.Link l : page) {
                if (live.contains(l.companyId())) continue;
                out.processed++;
                keys.add(l.companyId().toString());
                out.fail(FlowSupport.COMPANY, l.companyId(), "COMPANY_DELETED_IN_STORE", "SYNC-25: the company was deleted in the store; its ERP "
                        + "customer " + l.customerNo() + " is kept; delete it in the ERP if it should go, then unlink the company (DELETE "
                        + "/stores/{storeId}/company-links/" + l.companyId() + ")");
            }
            after = page.get(page.size() - 1).companyId();
        }
        if (keys.isEmpty()) return 0;
        pending.record(tx.connection(), storeId, runId, keys, out, FlowSupport.COMPANY);
        commitBatch(tx, runId, storeId, batchNo, "COMPANY_IMPORT_RETRY", out, null, null, null);
        return out.processed;
    }

    /** SUCCEEDED, or SUCCEEDED_WITH_ERRORS when a record failed (its error is listed, the record is pending work). */
    private static String finishSucceeded(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE sync_runs SET status = CASE WHEN failed > 0 THEN 'SUCCEEDED_WITH_ERRORS' ELSE 'SUCCEEDED' END,
                       failure = NULL, finished_at = now(), heartbeat_at = now() WHERE id = ? RETURNING status""")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void commitBatch(Batch tx, UUID runId, UUID storeId, int batchNo, String phase, BatchOutcome out, String cursorXid, UUID cursorId,
                             String erpCursor) throws SQLException {
        Connection c = tx.connection();
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE sync_runs SET processed = processed + ?, created = created + ?, updated = updated + ?, linked = linked + ?,
                       skipped = skipped + ?, failed = failed + ?, phase = ?, cursor_xid = ?::xid8, cursor_id = ?,
                       erp_cursor = coalesce(?, erp_cursor), heartbeat_at = now()
                WHERE id = ?""")) {
            ps.setInt(1, out.processed);
            ps.setInt(2, out.created);
            ps.setInt(3, out.updated);
            ps.setInt(4, out.linked);
            ps.setInt(5, out.skipped);
            ps.setInt(6, out.failed);
            ps.setString(7, phase);
            ps.setString(8, cursorXid);
            ps.setObject(9, cursorId);
            ps.setString(10, erpCursor);
            ps.setObject(11, runId);
            ps.executeUpdate();
        }
        if (!out.errors.isEmpty() || !out.skips.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sync_run_errors (id, run_id, record_type, record_id, code, message, outcome) VALUES (?,?,?,?,?,?,?)")) {
                for (List<BatchOutcome.RecordError> list : List.of(out.errors, out.skips)) {
                    for (BatchOutcome.RecordError e : list) {
                        ps.setObject(1, Ids.next());
                        ps.setObject(2, runId);
                        ps.setString(3, e.recordType());
                        ps.setString(4, e.recordId());
                        ps.setString(5, e.code());
                        ps.setString(6, e.message());
                        ps.setString(7, list == out.errors ? "FAILED" : "SKIPPED");
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        faults.check(storeId, batchNo);
        tx.commit();
        faults.committed(storeId, batchNo);
        if (out.erpOutage != null) throw out.erpOutage; // the batch is pending work; the run ends FAILED and resumes later
    }

    /**
     * Runs one batch of a flow. When the ERP refuses the batch's call, or is unavailable after the adapter's retries,
     * the batch's store writes are rolled back and each of its records fails with ERP_REJECTED or ERP_UNAVAILABLE, so
     * it becomes pending work; an outage also ends the run (FAILED, resumable) once that batch is committed. The ERP
     * writes that did happen are found again through their references when the records are retried.
     */
    private static BatchOutcome guarded(Batch tx, java.util.function.Supplier<BatchOutcome> flow, String recordType, List<String> ids) {
        try {
            return flow.get();
        } catch (ErpRejectedException | ErpUnavailableException e) {
            tx.rollback();
            BatchOutcome out = new BatchOutcome();
            out.processed = ids.size();
            boolean down = e instanceof ErpUnavailableException;
            String code = down ? "ERP_UNAVAILABLE" : "ERP_REJECTED";
            for (String id : ids) out.fail(recordType, id, code, (down ? "The ERP is unavailable: " : "The ERP refused the batch: ") + e.getMessage());
            if (down) out.erpOutage = (ErpUnavailableException) e;
            return out;
        }
    }

    /** Where the export got to when its last page was empty: the next run's start (advanceCapture). */
    private static void setErpCursor(Connection c, UUID runId, String erpCursor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sync_runs SET erp_cursor = ?, phase = 'EXPORT' WHERE id = ?")) {
            ps.setString(1, erpCursor);
            ps.setObject(2, runId);
            ps.executeUpdate();
        }
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
                SELECT phase, snapshot_from::text, snapshot_to::text, cursor_xid::text, cursor_id, batch_size, watermark_to, erp_cursor_from,
                       erp_cursor, started_at
                FROM sync_runs WHERE id = ?""")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Run(runId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getObject(5, UUID.class),
                        rs.getInt(6), ts(rs.getTimestamp(7)), rs.getString(8), rs.getString(9), ts(rs.getTimestamp(10)));
            }
        }
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
