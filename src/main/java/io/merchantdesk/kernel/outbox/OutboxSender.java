package io.merchantdesk.kernel.outbox;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Delivers due outbox messages through Quarkus Mailer. Rows are claimed with FOR UPDATE SKIP LOCKED,
 * so several replicas share the work without sending twice; a failure is retried with exponential
 * backoff (30 s doubling, capped at one hour) until max-attempts, then parked as FAILED.
 */
@ApplicationScoped
public class OutboxSender {
    private static final Logger LOG = Logger.getLogger(OutboxSender.class);

    @Inject
    EntityManager em;

    @Inject
    Mailer mailer;

    @ConfigProperty(name = "merchantdesk.outbox.batch-size")
    int batchSize;

    @ConfigProperty(name = "merchantdesk.outbox.max-attempts")
    int maxAttempts;

    @Scheduled(every = "${merchantdesk.outbox.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        deliverDue();
    }

    /** Sends one batch of due messages; returns how many were sent. */
    @Transactional
    public int deliverDue() {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("""
                SELECT id, recipient, subject, body, attempts FROM outbox_messages
                WHERE status = 'PENDING' AND next_attempt_at <= now()
                ORDER BY next_attempt_at LIMIT :n FOR UPDATE SKIP LOCKED""")
                .setParameter("n", batchSize).getResultList();
        int sent = 0;
        for (Object[] row : due) {
            UUID id = (UUID) row[0];
            int attempts = ((Number) row[4]).intValue() + 1;
            try {
                mailer.send(Mail.withText((String) row[1], (String) row[2], (String) row[3]));
                em.createNativeQuery("UPDATE outbox_messages SET status = 'SENT', attempts = :a, sent_at = now(), last_error = NULL WHERE id = :id")
                        .setParameter("a", attempts).setParameter("id", id).executeUpdate();
                sent++;
            } catch (RuntimeException e) {
                LOG.warnf("Outbox message %s failed (attempt %d): %s", id, attempts, e.getMessage());
                boolean giveUp = attempts >= maxAttempts;
                em.createNativeQuery("""
                        UPDATE outbox_messages SET attempts = :a, last_error = :err, status = :status,
                               next_attempt_at = now() + make_interval(secs => :delay)
                        WHERE id = :id""")
                        .setParameter("a", attempts).setParameter("err", String.valueOf(e.getMessage()))
                        .setParameter("status", giveUp ? "FAILED" : "PENDING")
                        .setParameter("delay", (double) backoff(attempts).toSeconds())
                        .setParameter("id", id).executeUpdate();
            }
        }
        return sent;
    }

    static Duration backoff(int attempts) {
        long seconds = 30L << Math.min(attempts - 1, 7);
        return Duration.ofSeconds(Math.min(seconds, 3600));
    }
}
