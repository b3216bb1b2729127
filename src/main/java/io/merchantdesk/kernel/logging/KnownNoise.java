package io.merchantdesk.kernel.logging;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops log lines that are true on every start and need no action, so a warning in the log is worth reading.
 * Only Flyway's "outOfOrder mode is active" warning, today: migrations are numbered in a range per capability
 * (docs/architecture.md, "Data"), so out-of-order is the intended setting, not a risk to report at each start.
 */
@LoggingFilter(name = "known-noise")
public final class KnownNoise implements Filter {
    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        return message == null || !(message.startsWith("outOfOrder mode is active")
                && record.getLoggerName() != null && record.getLoggerName().startsWith("org.flywaydb"));
    }
}
