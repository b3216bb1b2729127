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
import java.util.Map;
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

    /**
     * Every row mapped, for SQL with named parameters ({@code :name}, as the repositories write for Hibernate):
     * each becomes a JDBC placeholder bound to its value. Quoted literals and {@code ::} casts are left alone.
     */
    public <T> List<T> list(String namedSql, Map<String, ?> parameters, RowMapper<T> mapper) {
        List<Object> values = new ArrayList<>();
        String sql = positional(namedSql, parameters, values);
        return list(sql, values, mapper);
    }

    private <T> List<T> list(String sql, List<?> values, RowMapper<T> mapper) {
        return list(sql, ps -> {
            for (int i = 0; i < values.size(); i++) ps.setObject(i + 1, values.get(i));
        }, mapper);
    }

    /** {@code namedSql} with each {@code :name} replaced by {@code ?}; the values in placeholder order go to {@code values}. */
    static String positional(String namedSql, Map<String, ?> parameters, List<Object> values) {
        StringBuilder out = new StringBuilder(namedSql.length());
        int n = namedSql.length();
        for (int i = 0; i < n; i++) {
            char c = namedSql.charAt(i);
            if (c == '\'' || c == '"') { // a literal or a quoted identifier: copied as it is
                int end = namedSql.indexOf(c, i + 1);
                if (end < 0) end = n - 1;
                out.append(namedSql, i, end + 1);
                i = end;
            } else if (c == ':' && i + 1 < n && namedSql.charAt(i + 1) == ':') { // a cast
                out.append("::");
                i++;
            } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(namedSql.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(namedSql.charAt(end))) end++;
                String name = namedSql.substring(i + 1, end);
                if (!parameters.containsKey(name)) throw new IllegalArgumentException("No value for parameter :" + name);
                values.add(parameters.get(name));
                out.append('?');
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
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
