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
        Shop shop = shop(port, "kill-owner-", "Killed sync");
        connect(port, shop, "ALL_CUSTOMERS");
        String token = shop.token(), storeId = shop.storeId();
        UUID store = UUID.fromString(storeId);
        UUID company = UUID.fromString(shop.companyId());

        try (Connection c = jdbc()) {
            seed(c, store, company);
            Killed killed = startAndKillHalfway(c, port, shop, "CUSTOMERS", first, STORE_CUSTOMERS);
            JsonPath resumed = resumeAfterRestart(port, shop, "CUSTOMERS", killed, "second", 60);
            JsonPath interrupted = interrupted(port, token, killed.runPath());

            // counters of the two runs add up to one uninterrupted import. The cards of the batch in flight at the kill
            // were committed by the ERP side (its own transaction, as a remote ERP's) but not counted: the resumed run finds
            // them (by reference or by e-mail) and counts them as linked, so created + linked is what adds up.
            assertEquals(STORE_CUSTOMERS, sum("processed", interrupted, resumed));
            assertEquals(STORE_CUSTOMERS, sum("created", interrupted, resumed) + sum("linked", interrupted, resumed));
            assertTrue(sum("linked", interrupted, resumed) >= MATCHING_CARDS);
            assertTrue(sum("linked", interrupted, resumed) - MATCHING_CARDS <= BATCH, "at most the batch in flight was made unrecorded");
            assertEquals(0, sum("failed", interrupted, resumed));

            // and the data: one link per store customer, one card per link, no duplicate numbers or e-mails
            assertEquals(0L, count(c, """
                    SELECT count(*) FROM customers cu
                    LEFT JOIN (SELECT customer_id, count(*) AS n FROM customer_links GROUP BY customer_id) l ON l.customer_id = cu.id
                    WHERE cu.store_id = ? AND coalesce(l.n, 0) <> 1""", store), "every customer has exactly one link"); // one hash join, not a scan per customer
            assertEquals((long) STORE_CUSTOMERS, count(c, "SELECT count(*) FROM customer_links WHERE store_id = ?", store));
            assertEquals((long) STORE_CUSTOMERS, count(c, "SELECT count(DISTINCT customer_no) FROM customer_links WHERE store_id = ?", store),
                    "no ERP card linked twice");
            assertEquals((long) MATCHING_CARDS + OTHER_CARDS + (STORE_CUSTOMERS - MATCHING_CARDS),
                    count(c, "SELECT count(*) FROM erp_customers WHERE erp_company_id = ?", company),
                    "cards = existing + one per store customer that matched none: nothing made twice");
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
        Shop shop = shop(port, "kill-orders-", "Killed orders");
        String token = shop.token(), storeId = shop.storeId();
        String swedenDefault = as(port, token).body(Map.of("name", "Sweden default", "countryCode", "SE", "templateCode", "RETAIL"))
                .post("/erp-companies/" + shop.companyId() + "/customers").then().statusCode(201).extract().path("customerNo");
        connect(port, shop, "WITH_ORDER_IMPORT");
        as(port, token).body(Map.of("defaultCustomerNo", swedenDefault)) // SYNC-1: orders shipped to Sweden go to this customer
                .put("/stores/" + storeId + "/erp-connection/customer-templates/SE").then().statusCode(200);

        UUID store = UUID.fromString(storeId);
        UUID company = UUID.fromString(shop.companyId());
        try (Connection c = jdbc()) {
            seedOrders(c, store, company);
            long orders = count(c, "SELECT count(*) FROM orders WHERE store_id = ?", store);
            long sweden = count(c, "SELECT count(*) FROM orders WHERE store_id = ? AND shipping_address->>'countryCode' = 'SE'", store);
            long cardsBefore = count(c, "SELECT count(*) FROM erp_customers WHERE erp_company_id = ?", company);

            Killed killed = startAndKillHalfway(c, port, shop, "ORDERS", first, orders);
            assertEquals((long) killed.processed(), count(c, "SELECT count(*) FROM erp_orders WHERE store_id = ?", store),
                    "the committed batches' orders, and only them, are imported");
            JsonPath resumed = resumeAfterRestart(port, shop, "ORDERS", killed, "orders-second", 90);
            JsonPath interrupted = interrupted(port, token, killed.runPath());

            // counters of the two runs add up to one uninterrupted import; cards the ERP side committed for the batch in
            // flight at the kill are found again by the resumed run and counted as linked (see the CUSTOMERS test)
            long needCards = ORDER_CUSTOMERS - ORDER_MATCHING - (ORDER_CUSTOMERS - ORDER_MATCHING + 4) / 5; // new customers not shipping to SE
            long matchedNotSweden = ORDER_MATCHING - (ORDER_MATCHING + 4) / 5;
            assertEquals(orders, sum("processed", interrupted, resumed));
            assertEquals(needCards + matchedNotSweden, sum("created", interrupted, resumed) + sum("linked", interrupted, resumed));
            assertTrue(sum("created", interrupted, resumed) <= needCards && sum("created", interrupted, resumed) >= needCards - BATCH,
                    "one card per new customer, at most the batch in flight made unrecorded");
            assertEquals(0, sum("failed", interrupted, resumed));

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
            insertErpCards(st, companyId, ORDER_MATCHING, "'Buyer' || i || '@Orders.NO'");
            insertStoreCustomers(st, storeId, ORDER_CUSTOMERS,
                    "CASE WHEN i < %d THEN 'buyer' || i || '@orders.no' ELSE 'shopper' || i || '@store.no' END".formatted(ORDER_MATCHING));
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
            insertErpCards(st, companyId, MATCHING_CARDS + OTHER_CARDS,
                    "CASE WHEN i < %d THEN 'Person' || i || '@Kill.NO' ELSE 'erp' || i || '@erp.no' END".formatted(MATCHING_CARDS));
            insertStoreCustomers(st, storeId, STORE_CUSTOMERS,
                    "CASE WHEN i < %d THEN 'person' || i || '@kill.no' ELSE 'store' || i || '@store.no' END".formatted(MATCHING_CARDS));
            st.executeUpdate("""
                    INSERT INTO customer_addresses (id, customer_id, first_name, last_name, address1, city, country_code, zip, is_default, position)
                    SELECT gen_random_uuid(), id, first_name, last_name, 'Storgata 1', 'Oslo', 'NO', '0155', true, 0
                    FROM customers WHERE store_id = '%s'""".formatted(storeId));
            st.execute("ANALYZE customers; ANALYZE customer_addresses; ANALYZE erp_customers");
        }
    }

    /** A new user's NOK store and an ERP company with the RETAIL customer template, on the jar at the port. */
    private record Shop(String token, String storeId, String companyId) {}

    private static Shop shop(int port, String subjectPrefix, String name) {
        String token = TestKeys.token(TestKeys.NEW, subjectPrefix + UUID.randomUUID().toString().substring(0, 8));
        as(port, token).get("/me").then().statusCode(200);
        String storeId = as(port, token).body(Map.of("name", name + " store", "billingCurrency", "NOK", "plan", "GROW"))
                .post("/stores").then().statusCode(201).extract().path("id");
        String companyId = as(port, token).body(Map.of("name", name + " ERP")).post("/erp-companies")
                .then().statusCode(201).extract().path("id");
        as(port, token).body(Map.of("code", "RETAIL", "genBusPostingGroup", "DOMESTIC", "customerPostingGroup", "DOMESTIC",
                        "vatBusPostingGroup", "DOMESTIC", "paymentTermsCode", "14D", "pricesIncludingVat", true))
                .post("/erp-companies/" + companyId + "/customer-templates").then().statusCode(201);
        return new Shop(token, storeId, companyId);
    }

    /** Connects the shop's store to its ERP company: e-mail/phone mapping, unknown customers created from RETAIL. */
    private static void connect(int port, Shop shop, String customerImport) {
        as(port, shop.token()).body(Map.of("erpCompanyId", shop.companyId(), "customerImport", customerImport,
                        "customerMappingType", "BY_EMAIL_PHONE", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL"))
                .put("/stores/" + shop.storeId() + "/erp-connection").then().statusCode(200);
    }

    private static String startRun(int port, Shop shop, String kind) {
        return as(port, shop.token()).body(Map.of("kind", kind, "batchSize", BATCH))
                .post("/stores/" + shop.storeId() + "/sync-runs").then().statusCode(202).extract().path("id");
    }

    /** A run killed with its jar: its id and path, and how many records its committed batches processed. */
    private record Killed(String runId, String runPath, int processed) {}

    /**
     * Starts a run of the kind, waits for its first batch, kills the jar with SIGKILL and checks what the kill
     * left behind: the run RUNNING, halfway through the {@code total} records, only whole batches committed.
     */
    private static Killed startAndKillHalfway(Connection c, int port, Shop shop, String kind, Process jar, long total) throws Exception {
        String runId = startRun(port, shop, kind);
        String runPath = "/stores/" + shop.storeId() + "/sync-runs/" + runId;
        JsonPath before = poll(port, shop.token(), runPath, r -> r.getInt("counters.processed") >= BATCH || !"RUNNING".equals(r.getString("status")), 60);
        assertEquals("RUNNING", before.getString("status"), "the run is still running after its first batch: " + before.prettify());

        jar.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no unlock
        assertTrue(jar.waitFor(30, TimeUnit.SECONDS), "the killed jar exited");

        Map<String, Object> dead = row(c, "SELECT status, processed, created, linked FROM sync_runs WHERE id = ?", UUID.fromString(runId));
        assertEquals("RUNNING", dead.get("status"), "the kill left the run RUNNING");
        int deadProcessed = (int) dead.get("processed");
        assertTrue(deadProcessed >= BATCH && deadProcessed < total, "killed halfway: " + dead);
        assertEquals(0, deadProcessed % BATCH, "only whole batches were committed: " + dead);
        return new Killed(runId, runPath, deadProcessed);
    }

    /**
     * Starts a second jar on the schema, which sees the killed run as stale (still RUNNING, its committed batches
     * kept); then a new run of the kind resumes it and succeeds. The resumed run's answer.
     */
    private JsonPath resumeAfterRestart(int port, Shop shop, String kind, Killed killed, String jarName, int seconds) throws Exception {
        startJar(port, false, jarName);
        JsonPath stale = poll(port, shop.token(), killed.runPath(), r -> r.getBoolean("stale"), 30);
        assertEquals("RUNNING", stale.getString("status"));
        assertEquals(killed.processed(), stale.getInt("counters.processed"), "the dead run's committed batches are kept");

        String resumedId = startRun(port, shop, kind);
        JsonPath resumed = poll(port, shop.token(), "/stores/" + shop.storeId() + "/sync-runs/" + resumedId,
                r -> !"RUNNING".equals(r.getString("status")), seconds);
        assertEquals("SUCCEEDED", resumed.getString("status"), resumed.prettify());
        assertEquals(killed.runId(), resumed.getString("resumedFrom"));
        return resumed;
    }

    /** The killed run after the resume: INTERRUPTED, no longer stale, saying it stopped. */
    private static JsonPath interrupted(int port, String token, String runPath) {
        return as(port, token).get(runPath).then().statusCode(200)
                .body("status", equalTo("INTERRUPTED")).body("stale", equalTo(false)).body("failure", containsString("stopped"))
                .extract().jsonPath();
    }

    /** A counter of the interrupted and the resumed run together. */
    private static int sum(String counter, JsonPath interrupted, JsonPath resumed) {
        return interrupted.getInt("counters." + counter) + resumed.getInt("counters." + counter);
    }

    /**
     * ERP cards B000000.. of the company, {@code count} of them, in Norway with DOMESTIC posting groups, changed a day
     * ago; {@code email} is an SQL expression in {@code i} (the card's number), stored with its lower-case form.
     */
    private static void insertErpCards(Statement st, UUID companyId, int count, String email) throws SQLException {
        st.executeUpdate("""
                INSERT INTO erp_customers (id, erp_company_id, customer_no, name, country_code, email, email_norm,
                                           gen_bus_posting_group, customer_posting_group, vat_bus_posting_group, changed_at, created_at, updated_at)
                SELECT gen_random_uuid(), '%1$s', 'B' || lpad(i::text, 6, '0'), 'ERP customer ' || i, 'NO', e.email, lower(e.email),
                       'DOMESTIC', 'DOMESTIC', 'DOMESTIC', now() - interval '1 day', now(), now()
                FROM generate_series(0, %2$d) i CROSS JOIN LATERAL (SELECT %3$s AS email) e""".formatted(companyId, count - 1, email));
    }

    /** Store customers First{i} Last{i}, {@code count} of them, created an hour ago; {@code email} is an SQL expression in {@code i}. */
    private static void insertStoreCustomers(Statement st, UUID storeId, int count, String email) throws SQLException {
        st.executeUpdate("""
                INSERT INTO customers (id, store_id, first_name, last_name, email, created_at, updated_at)
                SELECT gen_random_uuid(), '%1$s', 'First' || i, 'Last' || i, %3$s, now() - interval '1 hour', now() - interval '1 hour'
                FROM generate_series(0, %2$d) i""".formatted(storeId, count - 1, email));
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
