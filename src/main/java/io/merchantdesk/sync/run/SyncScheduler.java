package io.merchantdesk.sync.run;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.sync.ErpConnectionRepository;
import io.merchantdesk.sync.SyncDtos.SyncKind;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Fires the per-store schedules of the connection settings (SYNC-17). Every replica ticks; a compare-and-set on
 * schedule_last_fired_at lets exactly one replica fire a due slot, and the run's advisory lock keeps it single-flight.
 */
@ApplicationScoped
public class SyncScheduler {
    private static final Logger LOG = Logger.getLogger(SyncScheduler.class);
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    @Inject
    DataSource dataSource;

    @Inject
    SyncRunService runs;

    @Scheduled(every = "${merchantdesk.sync.schedule-tick:30s}", identity = "sync-schedule",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        tick(Instant.now());
    }

    /** Starts the runs of every store whose schedule is due at {@code now}; returns the runs started. */
    public List<UUID> tick(Instant now) {
        List<UUID> started = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            for (ErpConnectionRepository.Schedule d : ErpConnectionRepository.schedules(c)) {
                UUID storeId = d.storeId();
                Optional<ZonedDateTime> next;
                try {
                    next = ExecutionTime.forCron(CRON.parse(d.cron())).nextExecution(d.since().atZone(ZoneOffset.UTC));
                } catch (IllegalArgumentException e) {
                    LOG.warnf("Store %s has an unreadable sync schedule %s", storeId, d.cron());
                    continue;
                }
                if (next.isEmpty() || next.get().toInstant().isAfter(now)) continue;
                if (!ErpConnectionRepository.claimSlot(c, storeId, d.lastFired(), now)) continue; // another replica fired this slot
                List<SyncKind> kinds = new ArrayList<>(List.of(SyncKind.ORDERS));
                if (d.customers()) kinds.add(0, SyncKind.CUSTOMERS);
                for (SyncKind kind : kinds) {
                    try {
                        started.add(runs.start(storeId, kind, null, "SCHEDULE", null, null).id());
                    } catch (ProblemException e) {
                        LOG.infof("Scheduled %s sync of store %s not started: %s", kind, storeId, e.getMessage());
                    }
                }
            }
        } catch (SQLException e) {
            LOG.error("Sync schedule tick failed", e);
        }
        return started;
    }
}
