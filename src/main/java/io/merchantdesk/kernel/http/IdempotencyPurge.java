package io.merchantdesk.kernel.http;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class IdempotencyPurge {
    @Inject
    IdempotencyStore store;

    @Scheduled(cron = "0 17 3 * * ?", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        store.purgeOlderThanHours(24);
    }
}
