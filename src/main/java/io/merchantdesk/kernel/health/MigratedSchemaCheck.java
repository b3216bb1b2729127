package io.merchantdesk.kernel.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is DOWN unless the migrated tables are what the service's own connections see: the configured
 * schema ({@code merchantdesk.db.schema}) is the first one on the search path, and Flyway's history table,
 * looked up without a schema name the way every query of the service is, holds a successful migration.
 * A migration-less, missing or shadowed schema, or a database that cannot be reached, keeps the replica out
 * of the load balancer. Two small queries on one pooled connection.
 */
@Readiness
@ApplicationScoped
public class MigratedSchemaCheck implements HealthCheck {
    static final String NAME = "Database schema migrated and visible";
    private static final int TIMEOUT_SECONDS = 2;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "merchantdesk.db.schema")
    String schema;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named(NAME).withData("schema", schema);
        try (Connection c = dataSource.getConnection()) {
            String resolved;
            boolean hasHistory;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT current_schema(), current_setting('search_path'),
                           to_regclass(quote_ident(?) || '.flyway_schema_history') IS NOT NULL""")) {
                ps.setQueryTimeout(TIMEOUT_SECONDS);
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    resolved = rs.getString(1);
                    r.withData("searchPath", rs.getString(2));
                    hasHistory = rs.getBoolean(3);
                }
            }
            if (!schema.equals(resolved)) {
                return r.down().withData("reason", "schema " + schema + " is not the first schema on the search path (found "
                        + (resolved == null ? "none" : resolved) + ")").build();
            }
            if (!hasHistory) {
                return r.down().withData("reason", "schema " + schema + " has not been migrated (no flyway_schema_history)").build();
            }
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(TIMEOUT_SECONDS);
                try (ResultSet rs = st.executeQuery(
                        "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
                    if (!rs.next()) {
                        return r.down().withData("reason", "schema " + schema + " has no successful migration").build();
                    }
                    return r.up().withData("version", rs.getString(1)).build();
                }
            }
        } catch (SQLException e) {
            return r.down().withData("reason", "query failed (SQLState " + e.getSQLState() + "): " + e.getMessage()).build();
        }
    }
}
