package io.merchantdesk.sync.engine;

import java.util.ArrayList;
import java.util.List;

/** Counters and per-record errors of one batch, persisted with the batch (SYNC-18). */
public final class BatchOutcome {
    public record RecordError(String recordType, String recordId, String code, String message) {}

    public int processed, created, updated, linked, skipped, failed;
    public final List<RecordError> errors = new ArrayList<>();

    public void fail(String type, Object id, String code, String message) {
        failed++;
        errors.add(new RecordError(type, String.valueOf(id), code, message));
    }
}
