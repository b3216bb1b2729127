package io.merchantdesk.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the schema comes from {@code MERCHANTDESK_DB_SCHEMA} ({@code merchantdesk.db.schema}), never from the
 * JDBC URL, and readiness says whether the service's own connections see the migrated tables. Both against the
 * packaged jar in the prod profile on the machine's PostgreSQL, each in a schema of its own.
 */
class SchemaFromConfigIT {
    private static final String PLAIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String CHECK = "Database schema migrated and visible";
    private final String prefix = System.getenv().getOrDefault("MD_TEST_SCHEMA", "merchantdesk_test");

    @Test
    @DisplayName("with a plain JDBC URL (no currentSchema, no parameters) the packaged jar migrates the configured schema and serves requests from it")
    void plainJdbcUrlServesRequestsFromTheConfiguredSchema() throws Exception {
        String schema = prefix + "_plain";
        try (PackagedJar jar = PackagedJar.start("schema-plain-url-it", Map.of(
                "quarkus.datasource.jdbc.url", PLAIN_URL, "merchantdesk.db.schema", schema), HealthPaths.READY)) {
            JsonPath ready = given().baseUri(jar.baseUri()).get(HealthPaths.READY).then().statusCode(200).extract().jsonPath();
            assertEquals("UP", ready.getString("checks.find { it.name == '" + CHECK + "' }.status"), ready.prettify());
            assertEquals(schema, ready.getString("checks.find { it.name == '" + CHECK + "' }.data.schema"));

            String token = TestKeys.token(TestKeys.NEW, "plain-url-" + UUID.randomUUID().toString().substring(0, 8));
            given().baseUri(jar.baseUri()).auth().oauth2(token).accept(ContentType.JSON).get("/me").then().statusCode(200);
            String store = given().baseUri(jar.baseUri()).auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON)
                    .body(Map.of("name", "Plain URL store", "billingCurrency", "NOK", "plan", "GROW"))
                    .post("/stores").then().statusCode(201).extract().path("id");
            given().baseUri(jar.baseUri()).auth().oauth2(token).accept(ContentType.JSON).get("/stores/" + store)
                    .then().statusCode(200).body("name", equalTo("Plain URL store"));
            try (Connection c = DriverManager.getConnection(PLAIN_URL, "postgres", "");
                 PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM \"" + schema + "\".stores WHERE id = ?")) {
                ps.setObject(1, UUID.fromString(store));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "the store is in schema " + schema);
                }
            }
        }
    }

    @Test
    @DisplayName("readiness is DOWN while the configured schema is missing or not migrated (liveness stays UP), and UP once it is migrated")
    void readinessIsDownUntilTheSchemaIsMigrated() throws Exception {
        String schema = prefix + "_unmigrated";
        try (Connection c = DriverManager.getConnection(PLAIN_URL, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            // Migrations run elsewhere (a job, an operator) and Hibernate does not validate at boot: the service
            // starts on a schema that is not there yet, and only readiness can tell.
            try (PackagedJar jar = PackagedJar.start("schema-unmigrated-it", Map.of(
                    "quarkus.datasource.jdbc.url", PLAIN_URL, "merchantdesk.db.schema", schema,
                    "quarkus.flyway.migrate-at-start", "false", "quarkus.flyway.clean-at-start", "false",
                    "quarkus.hibernate-orm.schema-management.strategy", "none"), HealthPaths.LIVE)) {
                down(jar, "is not the first schema on the search path");

                st.execute("CREATE SCHEMA \"" + schema + "\"");
                down(jar, "has not been migrated");

                // quiet like the service's own Flyway (quarkus.flyway.init-sql): no "pg_trgm already exists" notices
                Flyway.configure().dataSource(PLAIN_URL, "postgres", "").schemas(schema)
                        .initSql("SET client_min_messages TO WARNING").load().migrate();
                JsonPath ready = given().baseUri(jar.baseUri()).get(HealthPaths.READY).then().statusCode(200).extract().jsonPath();
                assertEquals("UP", ready.getString("checks.find { it.name == '" + CHECK + "' }.status"), ready.prettify());
            }
        } finally {
            try (Connection c = DriverManager.getConnection(PLAIN_URL, "postgres", ""); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            } catch (SQLException ignored) {
                // best effort
            }
        }
    }

    private static void down(PackagedJar jar, String reason) {
        given().baseUri(jar.baseUri()).get(HealthPaths.READY).then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == '" + CHECK + "' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == '" + CHECK + "' }.data.reason", containsString(reason));
        given().baseUri(jar.baseUri()).get(HealthPaths.LIVE).then().statusCode(200);
    }
}
