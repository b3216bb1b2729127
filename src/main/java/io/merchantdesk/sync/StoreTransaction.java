package io.merchantdesk.sync;

import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.sync.engine.Batch;
import io.merchantdesk.sync.engine.Settings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.BiFunction;
import javax.sql.DataSource;

/**
 * One store transaction of a sync action taken by hand (a manual link, a company export): the store's settings read on
 * it, the work done on its batch, committed at the end and rolled back on any error. 422 SYNC_NOT_CONNECTED without a
 * connection.
 */
final class StoreTransaction {
    private StoreTransaction() {}

    static <T> T run(DataSource dataSource, UUID storeId, BiFunction<Batch, Settings, T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Settings s = Settings.load(c, storeId);
                if (s == null) throw ProblemException.rule("SYNC_NOT_CONNECTED", "The store has no ERP connection");
                T result = work.apply(new Batch(c), s);
                c.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
