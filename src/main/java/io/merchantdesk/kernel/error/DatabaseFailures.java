package io.merchantdesk.kernel.error;

import io.merchantdesk.kernel.http.CorrelationId;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;

/**
 * Tells a database outage (no connection to be had, or the one in use died) from a bug, so the caller gets
 * a 503 {@code DATABASE_UNAVAILABLE} with {@code Retry-After} instead of a 500. Recognised: SQLState class 08
 * (connection exceptions), 57P01-57P03 (administrator/crash shutdown, cannot connect now), 53300 (too many
 * connections), JDBC's connection exception types, Hibernate's {@link JDBCConnectionException}, and Agroal's
 * acquisition timeouts (SQLExceptions without a state). Transaction managers attach the failure of a commit as
 * a suppressed exception, so suppressed exceptions are searched too.
 */
public final class DatabaseFailures {
    private static final Logger LOG = Logger.getLogger(DatabaseFailures.class);

    /** What {@code Retry-After} says: about the time the pool needs to see a restarted server again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final List<String> STATES = List.of("57P01", "57P02", "57P03", "53300");

    private DatabaseFailures() {}

    /**
     * True when {@code failure} itself, or an exception suppressed by it (with its causes), says the database
     * could not be reached or used. The caller walks the cause chain ({@link ProblemMappers#unexpected}).
     */
    public static boolean unavailable(Throwable failure) {
        return find(failure) != null;
    }

    /** The 503 answer for a database outage, logged as one warning line without a stack trace. */
    public static Response respond(Throwable failure) {
        Throwable reason = find(failure);
        LOG.warnf("Database unavailable (correlation id %s): %s", CorrelationId.current(), reason == null ? failure : reason);
        Response problem = ProblemMappers.respond(503, "DATABASE_UNAVAILABLE", "Service unavailable",
                "The database is unavailable; retry in " + RETRY_AFTER_SECONDS + " seconds", List.of(), null);
        return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    private static Throwable find(Throwable failure) {
        if (failure == null) return null;
        if (isOutage(failure)) return failure;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable suppressed : failure.getSuppressed()) {
            for (Throwable t = suppressed; t != null && seen.add(t); t = t.getCause()) {
                if (isOutage(t)) return t;
            }
        }
        return null;
    }

    private static boolean isOutage(Throwable t) {
        if (t instanceof JDBCConnectionException
                || t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (!(t instanceof SQLException sql)) return false;
        String state = sql.getSQLState();
        if (state != null) return state.startsWith("08") || STATES.contains(state);
        // Agroal: "Sorry, acquisition timeout!", "Acquisition timeout while waiting for new connection", ...
        String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("acquisition timeout") || sql.getCause() instanceof TimeoutException;
    }
}
