package io.merchantdesk.sync.run;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.sync.SyncDtos.SyncKind;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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
        List<Object[]> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT store_id, schedule_cron, coalesce(schedule_last_fired_at, updated_at), schedule_last_fired_at,
                           export_customers_to_store OR customer_import <> 'NONE'
                    FROM erp_connections WHERE schedule_enabled AND schedule_cron IS NOT NULL""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4),
                            rs.getBoolean(5)});
                }
            }
            for (Object[] d : due) {
                UUID storeId = (UUID) d[0];
                Optional<ZonedDateTime> next;
                try {
                    next = ExecutionTime.forCron(CRON.parse((String) d[1])).nextExecution(((Instant) d[2]).atZone(ZoneOffset.UTC));
                } catch (IllegalArgumentException e) {
                    LOG.warnf("Store %s has an unreadable sync schedule %s", storeId, d[1]);
                    continue;
                }
                if (next.isEmpty() || next.get().toInstant().isAfter(now)) continue;
                if (!claim(c, storeId, (Timestamp) d[3], now)) continue; // another replica fired this slot
                List<SyncKind> kinds = new ArrayList<>(List.of(SyncKind.ORDERS));
                if ((Boolean) d[4]) kinds.add(0, SyncKind.CUSTOMERS);
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

    private static boolean claim(Connection c, UUID storeId, Timestamp lastFired, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE erp_connections SET schedule_last_fired_at = ?
                WHERE store_id = ? AND schedule_last_fired_at IS NOT DISTINCT FROM ?""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, storeId);
            ps.setTimestamp(3, lastFired);
            return ps.executeUpdate() == 1;
        }
    }
}
