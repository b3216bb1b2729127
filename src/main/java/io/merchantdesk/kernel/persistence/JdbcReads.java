package io.merchantdesk.kernel.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads on the request path by plain JDBC: a prepared statement (the driver keeps it server-side per connection),
 * bound and mapped by the calling repository. A Hibernate native query parses its SQL, resolves the result types
 * from the metadata and builds a tuple per row on every call, which made one access check cost more than its
 * round trip (docs/performance.md, stop 19). Inside a transaction the pool hands out the transaction's
 * connection, so the read sees the transaction's own writes once Hibernate has flushed them; callers that read
 * what they changed through Hibernate in the same transaction flush first (none on the paths that use this).
 * A failure is a {@link PersistenceException} carrying the {@link SQLException}, so the problem mappers see its
 * SQLState as they do for Hibernate's own queries.
 */
@ApplicationScoped
public class JdbcReads {
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    @Inject
    DataSource dataSource;

    /** The first row mapped, or empty. */
    public <T> Optional<T> one(String sql, Binder binder, RowMapper<T> mapper) {
        return query(sql, binder, rs -> rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty());
    }

    /** Every row mapped, in the statement's order. */
    public <T> List<T> list(String sql, Binder binder, RowMapper<T> mapper) {
        return query(sql, binder, rs -> {
            List<T> rows = new ArrayList<>();
            while (rs.next()) rows.add(mapper.map(rs));
            return rows;
        });
    }

    private <R> R query(String sql, Binder binder, RowMapper<R> whole) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rs = statement.executeQuery()) {
                return whole.map(rs);
            }
        } catch (SQLException e) {
            throw new PersistenceException("Query failed: " + e.getMessage(), e);
        }
    }

    /** A {@code text[]} column as a list, or null for SQL NULL (a missing relation, not an empty grant). */
    public static List<String> strings(ResultSet rs, int column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        if (array == null) return null;
        try {
            return List.of((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
