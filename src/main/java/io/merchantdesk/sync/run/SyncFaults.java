package io.merchantdesk.sync.run;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a test kill a run halfway: the given batch of a store's next run throws before it commits, the way a
 * crashed process would leave it (earlier batches committed, this one rolled back); or act after a batch committed
 * (stop the ERP in the middle of a run). Nothing sets it in production.
 */
@ApplicationScoped
public class SyncFaults {
    private final Map<UUID, Integer> failAtBatch = new ConcurrentHashMap<>();
    private final Map<UUID, Map.Entry<Integer, Runnable>> afterBatch = new ConcurrentHashMap<>();

    public void failBatch(UUID storeId, int batchNumber) {
        failAtBatch.put(storeId, batchNumber);
    }

    void check(UUID storeId, int batchNumber) {
        Integer n = failAtBatch.get(storeId);
        if (n != null && n == batchNumber) {
            failAtBatch.remove(storeId);
            throw new IllegalStateException("Injected failure in batch " + batchNumber);
        }
    }

    /** Runs {@code action} once, right after the given batch of the store's next run committed. */
    public void afterBatch(UUID storeId, int batchNumber, Runnable action) {
        afterBatch.put(storeId, Map.entry(batchNumber, action));
    }

    void committed(UUID storeId, int batchNumber) {
        Map.Entry<Integer, Runnable> a = afterBatch.get(storeId);
        if (a != null && a.getKey() == batchNumber && afterBatch.remove(storeId, a)) a.getValue().run();
    }
}
