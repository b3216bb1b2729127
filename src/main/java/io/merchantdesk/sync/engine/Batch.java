package io.merchantdesk.sync.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One batch transaction of the sync, owned by the runner (or by the manual link): the connection, commit and rollback,
 * the planner settings of a run, and the translation of {@link SQLException} into the unchecked {@link Failure}. The
 * ports and the flows take a batch instead of a connection; the JDBC adapters reach the connection through
 * {@link #jdbc} / {@link #run}, a remote adapter would ignore it.
 */
public final class Batch {
    /** A statement of the batch failed; the batch (its transaction) is rolled back by its owner. */
    public static final class Failure extends IllegalStateException {
        public Failure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** JDBC work on the batch's connection. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /** JDBC work on the batch's connection, without a result. */
    @FunctionalInterface
    public interface VoidWork {
        void apply(Connection c) throws SQLException;
    }

    private final Connection connection;

    public Batch(Connection connection) {
        this.connection = connection;
    }

    /** Runs JDBC work on the batch's connection; a {@link SQLException} becomes a {@link Failure}. */
    public <T> T jdbc(Work<T> work) {
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /** Runs JDBC work without a result on the batch's connection; a {@link SQLException} becomes a {@link Failure}. */
    public void run(VoidWork work) {
        try {
            work.apply(connection);
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /** The connection, for the owner's own statements (run counters, cursor, pending work). */
    public Connection connection() {
        return connection;
    }

    /** Starts the batches' transactions: auto-commit off. */
    public void begin() {
        run(c -> c.setAutoCommit(false));
    }

    public void commit() {
        run(Connection::commit);
    }

    public void rollback() {
        run(Connection::rollback);
    }

    /** The planner settings of a run, for the whole session (undone by {@link #resetPlans}). */
    public void tunePlans() {
        run(c -> {
            try (var st = c.createStatement()) {
                // The batch lookups bind arrays (= ANY(?)); tables grow during the run so statistics lag behind, and a
                // cached generic plan then filters the array linearly per row. Custom plans hash the bound array.
                st.execute("SET plan_cache_mode = force_custom_plan");
                // The lookups probe indexes whose pages are in shared buffers; at the default random_page_cost (4, a
                // spinning disk) the planner prices 2 000 probes of erp_customers_email_idx above a scan of the whole
                // company (measured: 28 ms scan vs 7 ms probes per batch of 2 000 e-mails).
                st.execute("SET random_page_cost = 1.1");
            }
        });
    }

    /** Back to the pool's defaults (the connection goes back to the pool). */
    public void resetPlans() {
        run(c -> {
            try (var st = c.createStatement()) {
                st.execute("RESET plan_cache_mode");
                st.execute("RESET random_page_cost");
            }
        });
    }

    /**
     * The run's connection uses force_custom_plan for its array lookups ({@link #tunePlans}); that mode also re-plans the
     * foreign-key check every inserted row runs (three per link, one per card: measured 129 ms instead of 74 ms per
     * 2 000 links), so the inserts run with cached plans, for this transaction only. Returns the mode to restore.
     */
    public String cachedPlans() {
        return jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('plan_cache_mode'), set_config('plan_cache_mode', 'auto', true)");
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    /** Back to the mode before {@link #cachedPlans} (a failed batch rolls back, which undoes the local setting anyway). */
    public void restorePlans(String mode) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('plan_cache_mode', ?, true)")) {
                ps.setString(1, mode);
                ps.execute();
            }
        });
    }
}
