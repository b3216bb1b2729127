package io.merchantdesk.partners;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * PRT-6: puts accepted upgrades on Plus and expires stale invitations. It runs every 15 minutes by
 * default ({@code merchantdesk.partners.upgrade-job.every}), far inside the 24-hour promise; one
 * replica at a time holds the advisory lock, and each invitation is applied in its own transaction
 * (claimed with SKIP LOCKED), so a crash leaves the rest for the next run.
 */
@ApplicationScoped
public class UpgradeJob {
    private static final Logger LOG = Logger.getLogger(UpgradeJob.class);

    @Inject
    UpgradeInvitationService invitations;

    public record Result(int applied, int expired) {}

    @Scheduled(every = "${merchantdesk.partners.upgrade-job.every:15m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        Result r = runOnce();
        if (r != null && (r.applied() > 0 || r.expired() > 0)) {
            LOG.infof("Upgrade job: %d store(s) moved to Plus, %d invitation(s) expired", r.applied(), r.expired());
        }
    }

    /** One run; null when another replica holds the lock. */
    public Result runOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!invitations.tryJobLock()) return null;
            int expired = invitations.expire();
            int applied = 0;
            while (true) {
                var due = invitations.due(100);
                int batch = 0;
                for (UUID id : due) {
                    if (invitations.apply(id)) batch++;
                }
                applied += batch;
                if (due.size() < 100 || batch == 0) break;
            }
            return new Result(applied, expired);
        });
    }
}
