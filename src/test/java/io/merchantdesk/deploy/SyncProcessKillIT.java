package io.merchantdesk.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SYNC-18 against a real process death: the packaged jar (prod profile, configured like {@link ProdLikeConfig})
 * is killed with SIGKILL in the middle of a CUSTOMERS import (and of an ORDERS import), a second jar on the same
 * schema sees the run as stale, and the next run resumes it. Not a @QuarkusIntegrationTest because the test itself must own (and
 * kill) the application process.
 */
class SyncProcessKillIT {
    private static final Path RUNNER = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final int STORE_CUSTOMERS = 30_000;
    private static final int MATCHING_CARDS = 5_000; // ERP cards a store customer matches by e-mail
    private static final int OTHER_CARDS = 1_000;     // ERP cards no store customer matches
    private static final int BATCH = 200;

    private final String schema = System.getenv().getOrDefault("MD_TEST_SCHEMA", "merchantdesk_test") + "_kill";
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopJars() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    @DisplayName("SYNC-18: a CUSTOMERS run whose jar is killed with SIGKILL halfway is reported stale; the next run resumes it with no duplicate and no lost customer")
    void killedRunIsResumedWithoutDuplicates() throws Exception {
        int port = freePort();
        Process first = startJar(port, true, "first");
        String token = TestKeys.token(TestKeys.NEW, "kill-owner-" + UUID.randomUUID().toString().substring(0, 8));
        as(port, token).get("/me").then().statusCode(200);
        String storeId = as(port, token).body(Map.of("name", "Killed sync store", "billingCurrency", "NOK", "plan", "GROW"))
                .post("/stores").then().statusCode(201).extract().path("id");
        String companyId = as(port, token).body(Map.of("name", "Killed sync ERP")).post("/erp-companies")
                .then().statusCode(201).extract().path("id");
        as(port, token).body(Map.of("code", "RETAIL", "genBusPostingGroup", "DOMESTIC", "customerPostingGroup", "DOMESTIC",
                        "vatBusPostingGroup", "DOMESTIC", "paymentTermsCode", "14D", "pricesIncludingVat", true))
                .post("/erp-companies/" + companyId + "/customer-templates").then().statusCode(201);
        as(port, token).body(Map.of("erpCompanyId", companyId, "customerImport", "ALL_CUSTOMERS", "customerMappingType", "BY_EMAIL_PHONE",
                        "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL"))
                .put("/stores/" + storeId + "/erp-connection").then().statusCode(200);

        try (Connection c = jdbc()) {
            seed(c, UUID.fromString(storeId), UUID.fromString(companyId));

            String runId = as(port, token).body(Map.of("kind", "CUSTOMERS", "batchSize", BATCH))
                    .post("/stores/" + storeId + "/sync-runs").then().statusCode(202).extract().path("id");
            String runPath = "/stores/" + storeId + "/sync-runs/" + runId;
            JsonPath before = poll(port, token, runPath, r -> r.getInt("counters.processed") >= BATCH || !"RUNNING".equals(r.getString("status")), 60);
            assertEquals("RUNNING", before.getString("status"), "the run is still running after its first batch: " + before.prettify());

            first.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no unlock
            assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the killed jar exited");

            Map<String, Object> dead = row(c, "SELECT status, processed, created, linked FROM sync_runs WHERE id = ?", UUID.fromString(runId));
            assertEquals("RUNNING", dead.get("status"), "the kill left the run RUNNING");
            int deadProcessed = (int) dead.get("processed");
            assertTrue(deadProcessed >= BATCH && deadProcessed < STORE_CUSTOMERS, "killed halfway: " + dead);
            assertEquals(0, deadProcessed % BATCH, "only whole batches were committed: " + dead);

            startJar(port, false, "second");
            JsonPath stale = poll(port, token, runPath, r -> r.getBoolean("stale"), 30);
            assertEquals("RUNNING", stale.getString("status"));
            assertEquals(deadProcessed, stale.getInt("counters.processed"), "the dead run's committed batches are kept");

            String resumedId = as(port, token).body(Map.of("kind", "CUSTOMERS", "batchSize", BATCH))
                    .post("/stores/" + storeId + "/sync-runs").then().statusCode(202).extract().path("id");
            JsonPath resumed = poll(port, token, "/stores/" + storeId + "/sync-runs/" + resumedId,
                    r -> !"RUNNING".equals(r.getString("status")), 60);
            assertEquals("SUCCEEDED", resumed.getString("status"), resumed.prettify());
            assertEquals(runId, resumed.getString("resumedFrom"));
            JsonPath interrupted = as(port, token).get(runPath).then().statusCode(200)
                    .body("status", equalTo("INTERRUPTED")).body("stale", equalTo(false)).body("failure", containsString("stopped"))
                    .extract().jsonPath();

            // counters of the two runs add up to one uninterrupted import
            assertEquals(STORE_CUSTOMERS, interrupted.getInt("counters.processed") + resumed.getInt("counters.processed"));
            assertEquals(STORE_CUSTOMERS - MATCHING_CARDS, interrupted.getInt("counters.created") + resumed.getInt("counters.created"));
            assertEquals(MATCHING_CARDS, interrupted.getInt("counters.linked") + resumed.getInt("counters.linked"));
            assertEquals(0, interrupted.getInt("counters.failed") + resumed.getInt("counters.failed"));

            // and the data: one link per store customer, one card per link, no duplicate numbers or e-mails
            UUID store = UUID.fromString(storeId);
            UUID company = UUID.fromString(companyId);
            assertEquals(0L, count(c, """
                    SELECT count(*) FROM customers cu
                    LEFT JOIN (SELECT customer_id, count(*) AS n FROM customer_links GROUP BY customer_id) l ON l.customer_id = cu.id
                    WHERE cu.store_id = ? AND coalesce(l.n, 0) <> 1""", store), "every customer has exactly one link"); // one hash join, not a scan per customer
            assertEquals((long) STORE_CUSTOMERS, count(c, "SELECT count(*) FROM customer_links WHERE store_id = ?", store));
            assertEquals((long) STORE_CUSTOMERS, count(c, "SELECT count(DISTINCT customer_no) FROM customer_links WHERE store_id = ?", store),
                    "no ERP card linked twice");
            assertEquals((long) MATCHING_CARDS + OTHER_CARDS + interrupted.getInt("counters.created") + resumed.getInt("counters.created"),
                    count(c, "SELECT count(*) FROM erp_customers WHERE erp_company_id = ?", company), "cards = existing + created");
            assertEquals(0L, count(c, "SELECT count(*) - count(DISTINCT customer_no) FROM erp_customers WHERE erp_company_id = ?", company));
            assertEquals(0L, count(c, "SELECT count(email_norm) - count(DISTINCT email_norm) FROM erp_customers WHERE erp_company_id = ?", company));
            assertEquals(0L, count(c, """
                    SELECT count(*) FROM customer_links l WHERE l.store_id = ?
                       AND NOT EXISTS (SELECT 1 FROM erp_customers e WHERE e.erp_company_id = l.erp_company_id AND e.customer_no = l.customer_no)""",
                    store), "every link points at a card");
        }
    }

    private static final int ORDER_CUSTOMERS = 16_000;  // store customers with orders
    private static final int ORDER_MATCHING = 4_000;    // of them, found by e-mail in the ERP (SYNC-3, SYNC-5)

    @Test
    @DisplayName("SYNC-18, SYNC-1..5: an ORDERS run whose jar is killed with SIGKILL halfway is resumed; every order imported once, chosen by its rule, "
            + "no duplicate ERP order or link, counters adding up across both runs")
    void killedOrdersRunIsResumedWithoutDuplicates() throws Exception {
        int port = freePort();
        Process first = startJar(port, true, "orders-first");
        String token = TestKeys.token(TestKeys.NEW, "kill-orders-" + UUID.randomUUID().toString().substring(0, 8));
        as(port, token).get("/me").then().statusCode(200);
        String storeId = as(port, token).body(Map.of("name", "Killed orders store", "billingCurrency", "NOK", "plan", "GROW"))
                .post("/stores").then().statusCode(201).extract().path("id");
        String companyId = as(port, token).body(Map.of("name", "Killed orders ERP")).post("/erp-companies")
                .then().statusCode(201).extract().path("id");
        as(port, token).body(Map.of("code", "RETAIL", "genBusPostingGroup", "DOMESTIC", "customerPostingGroup", "DOMESTIC",
                        "vatBusPostingGroup", "DOMESTIC", "paymentTermsCode", "14D", "pricesIncludingVat", true))
                .post("/erp-companies/" + companyId + "/customer-templates").then().statusCode(201);
        String swedenDefault = as(port, token).body(Map.of("name", "Sweden default", "countryCode", "SE", "templateCode", "RETAIL"))
                .post("/erp-companies/" + companyId + "/customers").then().statusCode(201).extract().path("customerNo");
        as(port, token).body(Map.of("erpCompanyId", companyId, "customerImport", "WITH_ORDER_IMPORT", "customerMappingType", "BY_EMAIL_PHONE",
                        "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL"))
                .put("/stores/" + storeId + "/erp-connection").then().statusCode(200);
        as(port, token).body(Map.of("defaultCustomerNo", swedenDefault)) // SYNC-1: orders shipped to Sweden go to this customer
                .put("/stores/" + storeId + "/erp-connection/customer-templates/SE").then().statusCode(200);

        UUID store = UUID.fromString(storeId);
        UUID company = UUID.fromString(companyId);
        try (Connection c = jdbc()) {
            seedOrders(c, store, company);
            long orders = count(c, "SELECT count(*) FROM orders WHERE store_id = ?", store);
            long sweden = count(c, "SELECT count(*) FROM orders WHERE store_id = ? AND shipping_address->>'countryCode' = 'SE'", store);
            long cardsBefore = count(c, "SELECT count(*) FROM erp_customers WHERE erp_company_id = ?", company);

            String runId = as(port, token).body(Map.of("kind", "ORDERS", "batchSize", BATCH))
                    .post("/stores/" + storeId + "/sync-runs").then().statusCode(202).extract().path("id");
            String runPath = "/stores/" + storeId + "/sync-runs/" + runId;
            JsonPath before = poll(port, token, runPath, r -> r.getInt("counters.processed") >= BATCH || !"RUNNING".equals(r.getString("status")), 60);
            assertEquals("RUNNING", before.getString("status"), "the run is still running after its first batch: " + before.prettify());

            first.destroyForcibly(); // SIGKILL
            assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the killed jar exited");
            Map<String, Object> dead = row(c, "SELECT status, processed FROM sync_runs WHERE id = ?", UUID.fromString(runId));
            assertEquals("RUNNING", dead.get("status"), "the kill left the run RUNNING");
            int deadProcessed = (int) dead.get("processed");
            assertTrue(deadProcessed >= BATCH && deadProcessed < orders, "killed halfway: " + dead);
            assertEquals(0, deadProcessed % BATCH, "only whole batches were committed: " + dead);
            assertEquals((long) deadProcessed, count(c, "SELECT count(*) FROM erp_orders WHERE store_id = ?", store),
                    "the committed batches' orders, and only them, are imported");

            startJar(port, false, "orders-second");
            poll(port, token, runPath, r -> r.getBoolean("stale"), 30);
            String resumedId = as(port, token).body(Map.of("kind", "ORDERS", "batchSize", BATCH))
                    .post("/stores/" + storeId + "/sync-runs").then().statusCode(202).extract().path("id");
            JsonPath resumed = poll(port, token, "/stores/" + storeId + "/sync-runs/" + resumedId, r -> !"RUNNING".equals(r.getString("status")), 90);
            assertEquals("SUCCEEDED", resumed.getString("status"), resumed.prettify());
            assertEquals(runId, resumed.getString("resumedFrom"));
            JsonPath interrupted = as(port, token).get(runPath).then().statusCode(200).body("status", equalTo("INTERRUPTED")).extract().jsonPath();

            // counters of the two runs add up to one uninterrupted import
            long needCards = ORDER_CUSTOMERS - ORDER_MATCHING - (ORDER_CUSTOMERS - ORDER_MATCHING + 4) / 5; // new customers not shipping to SE
            long matchedNotSweden = ORDER_MATCHING - (ORDER_MATCHING + 4) / 5;
            assertEquals(orders, interrupted.getInt("counters.processed") + resumed.getInt("counters.processed"));
            assertEquals(needCards, interrupted.getInt("counters.created") + resumed.getInt("counters.created"), "one card per new customer");
            assertEquals(matchedNotSweden, interrupted.getInt("counters.linked") + resumed.getInt("counters.linked"), "one link per e-mail match");
            assertEquals(0, interrupted.getInt("counters.failed") + resumed.getInt("counters.failed"));

            // the data: every order imported exactly once, by its rule; no duplicate link or card
            assertEquals(orders, count(c, "SELECT count(*) FROM erp_orders WHERE store_id = ?", store));
            assertEquals(0L, count(c, "SELECT count(*) - count(DISTINCT order_id) FROM erp_orders WHERE store_id = ?", store), "no order twice");
            assertEquals(0L, count(c, "SELECT count(*) FROM erp_orders WHERE store_id = ? AND sell_to_customer_no <> bill_to_customer_no", store),
                    "SYNC-4: sell-to = bill-to");
            assertEquals(sweden, count(c, """
                    SELECT count(*) FROM erp_orders e JOIN orders o ON o.id = e.order_id WHERE e.store_id = ?
                       AND o.shipping_address->>'countryCode' = 'SE' AND e.chosen_by = 'COUNTRY_DEFAULT'
                       AND e.bill_to_customer_no = '%s'""".formatted(swedenDefault), store), "SYNC-1: every order shipped to Sweden");
            assertEquals(0L, count(c, """
                    SELECT count(*) FROM erp_orders e JOIN orders o ON o.id = e.order_id WHERE e.store_id = ?
                       AND o.shipping_address->>'countryCode' <> 'SE'
                       AND (e.chosen_by NOT IN ('EMAIL', 'LINK', 'CREATED')
                            OR e.bill_to_customer_no IS DISTINCT FROM
                               (SELECT l.customer_no FROM customer_links l WHERE l.store_id = e.store_id AND l.customer_id = o.customer_id))""",
                    store), "SYNC-3, SYNC-5: every other order goes to its customer's one ERP customer (found by e-mail, or created)");
            assertEquals(0L, count(c, """
                    SELECT count(*) FROM erp_orders e JOIN orders o ON o.id = e.order_id JOIN customers cu ON cu.id = o.customer_id
                    WHERE e.store_id = ? AND e.chosen_by = 'EMAIL'
                      AND NOT EXISTS (SELECT 1 FROM erp_customers x WHERE x.erp_company_id = e.erp_company_id
                                      AND x.customer_no = e.bill_to_customer_no AND x.email_norm = cu.email_normalized)""", store),
                    "an e-mail match is the card with that e-mail");
            assertEquals(needCards + matchedNotSweden, count(c, "SELECT count(*) FROM customer_links WHERE store_id = ?", store));
            assertEquals(needCards + matchedNotSweden, count(c, "SELECT count(DISTINCT customer_no) FROM customer_links WHERE store_id = ?", store),
                    "no ERP customer linked twice");
            assertEquals(cardsBefore + needCards, count(c, "SELECT count(*) FROM erp_customers WHERE erp_company_id = ?", company),
                    "cards = existing + created");
            assertEquals(0L, count(c, "SELECT count(*) - count(DISTINCT customer_no) FROM erp_customers WHERE erp_company_id = ?", company));
        }
    }

    /**
     * Set-based: ORDER_CUSTOMERS store customers, the first ORDER_MATCHING of them with an ERP card of the same e-mail; every
     * fifth ships to Sweden (SYNC-1), the others to Norway; every seventh has a second order (SYNC-3 by link or same batch).
     */
    private static void seedOrders(Connection c, UUID storeId, UUID companyId) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("""
                    INSERT INTO erp_customers (id, erp_company_id, customer_no, name, country_code, email, email_norm,
                                               gen_bus_posting_group, customer_posting_group, vat_bus_posting_group, changed_at, created_at, updated_at)
                    SELECT gen_random_uuid(), '%1$s', 'B' || lpad(i::text, 6, '0'), 'ERP customer ' || i, 'NO',
                           'Buyer' || i || '@Orders.NO', 'buyer' || i || '@orders.no',
                           'DOMESTIC', 'DOMESTIC', 'DOMESTIC', now() - interval '1 day', now(), now()
                    FROM generate_series(0, %2$d) i""".formatted(companyId, ORDER_MATCHING - 1));
            st.executeUpdate("""
                    INSERT INTO customers (id, store_id, first_name, last_name, email, created_at, updated_at)
                    SELECT gen_random_uuid(), '%1$s', 'First' || i, 'Last' || i,
                           CASE WHEN i < %2$d THEN 'buyer' || i || '@orders.no' ELSE 'shopper' || i || '@store.no' END,
                           now() - interval '1 hour', now() - interval '1 hour'
                    FROM generate_series(0, %3$d) i""".formatted(storeId, ORDER_MATCHING, ORDER_CUSTOMERS - 1));
            st.executeUpdate("""
                    INSERT INTO orders (id, store_id, customer_id, currency, total, line_items, billing_address, shipping_address)
                    SELECT gen_random_uuid(), cu.store_id, cu.id, 'NOK', 100,
                           '[{"title":"Tent","sku":"T-1","quantity":1,"unitPrice":"100.00"}]'::jsonb,
                           jsonb_build_object('firstName', cu.first_name, 'lastName', cu.last_name, 'address1', 'Storgata 1',
                                              'city', 'Oslo', 'zip', '0155', 'countryCode', 'NO'),
                           jsonb_build_object('firstName', cu.first_name, 'lastName', cu.last_name, 'address1', 'Storgata 1',
                                              'city', 'Oslo', 'zip', '0155',
                                              'countryCode', CASE WHEN substring(cu.first_name from 6)::int %% 5 = 0 THEN 'SE' ELSE 'NO' END)
                    FROM customers cu CROSS JOIN generate_series(1, 2) n
                    WHERE cu.store_id = '%s' AND (n = 1 OR substring(cu.first_name from 6)::int %% 7 = 1)""".formatted(storeId));
            st.execute("ANALYZE customers; ANALYZE orders; ANALYZE erp_customers");
        }
    }

    /** Set-based: ERP cards a fixed share of the store matches by e-mail (in another case), the rest new. */
    private static void seed(Connection c, UUID storeId, UUID companyId) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("""
                    INSERT INTO erp_customers (id, erp_company_id, customer_no, name, country_code, email, email_norm,
                                               gen_bus_posting_group, customer_posting_group, vat_bus_posting_group, changed_at, created_at, updated_at)
                    SELECT gen_random_uuid(), '%1$s', 'B' || lpad(i::text, 6, '0'), 'ERP customer ' || i, 'NO',
                           CASE WHEN i < %2$d THEN 'Person' || i || '@Kill.NO' ELSE 'erp' || i || '@erp.no' END,
                           CASE WHEN i < %2$d THEN 'person' || i || '@kill.no' ELSE 'erp' || i || '@erp.no' END,
                           'DOMESTIC', 'DOMESTIC', 'DOMESTIC', now() - interval '1 day', now(), now()
                    FROM generate_series(0, %3$d) i""".formatted(companyId, MATCHING_CARDS, MATCHING_CARDS + OTHER_CARDS - 1));
            st.executeUpdate("""
                    INSERT INTO customers (id, store_id, first_name, last_name, email, created_at, updated_at)
                    SELECT gen_random_uuid(), '%1$s', 'First' || i, 'Last' || i,
                           CASE WHEN i < %2$d THEN 'person' || i || '@kill.no' ELSE 'store' || i || '@store.no' END,
                           now() - interval '1 hour', now() - interval '1 hour'
                    FROM generate_series(0, %3$d) i""".formatted(storeId, MATCHING_CARDS, STORE_CUSTOMERS - 1));
            st.executeUpdate("""
                    INSERT INTO customer_addresses (id, customer_id, first_name, last_name, address1, city, country_code, zip, is_default, position)
                    SELECT gen_random_uuid(), id, first_name, last_name, 'Storgata 1', 'Oslo', 'NO', '0155', true, 0
                    FROM customers WHERE store_id = '%s'""".formatted(storeId));
            st.execute("ANALYZE customers; ANALYZE customer_addresses; ANALYZE erp_customers");
        }
    }

    /** The packaged jar in the prod profile, configured by {@link ProdLikeConfig} on this test's own schema. */
    private Process startJar(int port, boolean cleanSchema, String name) throws Exception {
        ProdLikeConfig config = new ProdLikeConfig();
        config.init(Map.of("trusted", "new"));
        Map<String, String> props = new HashMap<>(config.start());
        props.put("merchantdesk.db.schema", schema);
        props.put("quarkus.flyway.clean-at-start", String.valueOf(cleanSchema));
        props.put("quarkus.http.port", String.valueOf(port));
        props.put("merchantdesk.sync.stale-after", "PT3S");
        props.put("merchantdesk.sync.schedule-tick", "off");
        assertTrue(Files.isRegularFile(RUNNER), "package builds " + RUNNER);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", RUNNER.toString()));
        Path log = Path.of("target", "sync-kill-it-" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(process);
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            if (!process.isAlive()) throw new AssertionError("the " + name + " jar exited; see " + log);
            try {
                if (given().baseUri("http://127.0.0.1").port(port).get(HealthPaths.READY).statusCode() == 200) return process;
            } catch (Exception notYet) {
                // not listening yet
            }
            if (System.currentTimeMillis() > deadline) throw new AssertionError("the " + name + " jar did not get ready; see " + log);
            Thread.sleep(200);
        }
    }

    private static RequestSpecification as(int port, String token) {
        return given().baseUri("http://127.0.0.1").port(port).auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static JsonPath poll(int port, String token, String path, Predicate<JsonPath> until, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (true) {
            JsonPath run = as(port, token).get(path).then().statusCode(200).extract().jsonPath();
            if (until.test(run)) return run;
            if (System.currentTimeMillis() > deadline) throw new AssertionError("gave up waiting on " + path + ": " + run.prettify());
            Thread.sleep(50);
        }
    }

    private Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + schema + ",public", "postgres", "");
    }

    private static Map<String, Object> row(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                Map<String, Object> out = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) out.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                return out;
            }
        }
    }

    private static long count(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
