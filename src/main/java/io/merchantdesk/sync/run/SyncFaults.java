package io.merchantdesk.sync.run;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a test kill a run halfway: the given batch of a store's next run throws before it commits, the way a
 * crashed process would leave it (earlier batches committed, this one rolled back). Nothing sets it in production.
 */
@ApplicationScoped
public class SyncFaults {
    private final Map<UUID, Integer> failAtBatch = new ConcurrentHashMap<>();

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
}
