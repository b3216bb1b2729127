package io.merchantdesk.sync.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counters, per-record errors and skipped records (each with its reason code) of one batch, persisted with the batch
 * (SYNC-18); failed and skipped records also become pending work (sync_pending) for later runs.
 */
public final class BatchOutcome {
    public record RecordError(String recordType, String recordId, String code, String message) {}

    public int processed, created, updated, linked, skipped, failed;
    public final List<RecordError> errors = new ArrayList<>();
    public final List<RecordError> skips = new ArrayList<>();
    /** Time per phase of the batch (nanoseconds), summed over the run and logged by the runner: where a run spends its time. */
    public final Map<String, Long> nanos = new LinkedHashMap<>();
    /** Set when the ERP was unavailable for this batch: the runner commits the batch (its records pending), then stops. */
    public ErpUnavailableException erpOutage;

    /** Adds the time since {@code start} to {@code phase}; returns now, the start of the next phase. */
    public long lap(String phase, long start) {
        long now = System.nanoTime();
        nanos.merge(phase, now - start, Long::sum);
        return now;
    }

    /** A record left out on purpose, with the reason code and the setting or field that decided it. */
    public void skip(String type, Object id, String code, String message) {
        skipped++;
        skips.add(new RecordError(type, String.valueOf(id), code, message));
    }

    public void fail(String type, Object id, String code, String message) {
        failed++;
        errors.add(new RecordError(type, String.valueOf(id), code, message));
    }

    /** Adds another flow's outcome of the same batch (the ERP's changes go to two flows, SYNC-27). */
    public void add(BatchOutcome other) {
        processed += other.processed;
        created += other.created;
        updated += other.updated;
        linked += other.linked;
        skipped += other.skipped;
        failed += other.failed;
        errors.addAll(other.errors);
        skips.addAll(other.skips);
        other.nanos.forEach((k, v) -> nanos.merge(k, v, Long::sum));
    }
}
