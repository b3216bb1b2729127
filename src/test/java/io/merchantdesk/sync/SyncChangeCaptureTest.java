package io.merchantdesk.sync;

import static io.merchantdesk.sync.SyncFixtures.*;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.merchantdesk.openapi.ServedOpenApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 and the sync items of issue 15: exact change capture under concurrent writers (SYNC-18), failed and
 * skipped records as pending work with retries and re-evaluation, FULL runs, SUCCEEDED_WITH_ERRORS, reason codes.
 */
@QuarkusTest
class SyncChangeCaptureTest {

    private static Connection writer() throws Exception {
        String schema = ConfigProvider.getConfig().getValue("merchantdesk.db.schema", String.class);
        Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + schema + ",public", "postgres", "");
        c.setAutoCommit(false);
        return c;
    }

    /** What B2B does when an address changes: the address row and the customer's updated_at, in the writer's transaction. */
    private static void renameAddresses(Connection c, List<String> customers, String lastName) throws Exception {
        UUID[] ids = customers.stream().map(UUID::fromString).toArray(UUID[]::new);
        try (PreparedStatement ps = c.prepareStatement("UPDATE customer_addresses SET last_name = ? WHERE customer_id = ANY(?)")) {
            ps.setString(1, lastName);
            ps.setArray(2, c.createArrayOf("uuid", ids));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE customers SET last_name = ?, updated_at = now() WHERE id = ANY(?)")) {
            ps.setString(1, lastName);
            ps.setArray(2, c.createArrayOf("uuid", ids));
            ps.executeUpdate();
        }
    }

    private static List<String> insertCustomers(Connection c, UUID store, int n, String label) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id.toString());
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO customers (id, store_id, first_name, last_name, email, created_at, updated_at)
                    VALUES (?, ?, 'Late', ?, ?, now(), now())""")) {
                ps.setObject(1, id);
                ps.setObject(2, store);
                ps.setString(3, label + i);
                ps.setString(4, label.toLowerCase() + i + "-" + id.toString().substring(0, 8) + "@example.no");
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO customer_addresses (id, customer_id, first_name, last_name, address1, city, country_code, zip, is_default, position)
                    VALUES (?, ?, 'Late', ?, 'Storgata 1', 'Oslo', 'NO', '0155', true, 0)""")) {
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, id);
                ps.setString(3, label + i);
                ps.executeUpdate();
            }
        }
        return ids;
    }

    private static String start(Setup s, String kind, String mode) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        if (mode != null) body.put("mode", mode);
        return s.owner().as().body(body).post(s.store("/sync-runs")).then().statusCode(202).extract().path("id");
    }

    private static JsonPath full(Setup s, String kind) {
        return await(s, s.owner(), start(s, kind, "FULL"));
    }

    /**
     * Connects the store for an ALL_CUSTOMERS import that may also update cards, and creates {@code count} store
     * customers in Norway ({@code first}0 {@code last}, ...); their ids.
     */
    private static List<String> updatingImportOf(Setup s, int count, String first, String last, String mailLabel) {
        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL",
                "storeCanUpdateCustomers", true);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) customers.add(customerIn(s, first + i, last, email(mailLabel + i), "NO"));
        return customers;
    }

    @Test
    @DisplayName("SYNC-18, SYNC-17 (issue 16): transactions that begin before a run and commit after its start are synced by this run or the next, "
            + "none lost and none twice; a change committed just before the run is in it, without any lag")
    void concurrentWritersLoseNoChange() throws Exception {
        Setup s = setup();
        List<String> customers = updatingImportOf(s, 20, "Person", "Test", "cc");
        assertEquals(20, run(s, "CUSTOMERS").getInt("counters.created"));
        UUID store = UUID.fromString(s.storeId());
        List<String> lateUpdates = customers.subList(0, 10);
        List<String> earlyUpdates = customers.subList(10, 15);

        List<String> lateInserts;
        String second;
        try (Connection a = writer(); Connection b = writer(); Connection early = writer()) {
            renameAddresses(a, lateUpdates, "Late");         // begins before the run ...
            lateInserts = insertCustomers(b, store, 5, "Inserted");
            renameAddresses(early, earlyUpdates, "Early");
            early.commit();                                  // committed a moment before the run: it must be in it
            second = start(s, "CUSTOMERS", null);
            a.commit();                                      // ... commits after the run started (while it runs)
            JsonPath run2 = await(s, s.owner(), second);
            b.commit();                                      // ... or after it ended
            assertEquals("SUCCEEDED", run2.getString("status"));
            assertEquals(5, run2.getInt("counters.processed"), "exactly the changes committed before the run started");
            assertEquals(5, run2.getInt("counters.updated"));
        }
        JsonPath run3 = run(s, "CUSTOMERS");
        assertEquals(15, run3.getInt("counters.processed"), "the transactions still open at the last run's start, each once");
        assertEquals(10, run3.getInt("counters.updated"));
        assertEquals(5, run3.getInt("counters.created"));
        assertEquals(0, run(s, "CUSTOMERS").getInt("counters.processed"), "and nothing again");

        Map<String, String> links = links(s);
        for (String id : lateUpdates) assertThat(erpCustomer(s, links.get(id)).getString("name"), endsWith(" Late"));
        for (String id : earlyUpdates) assertThat(erpCustomer(s, links.get(id)).getString("name"), endsWith(" Early"));
        for (String id : lateInserts) assertNotNull(links.get(id), "an insert committed after the run's start reaches the ERP");
        assertEquals(25, erpCustomers(s).size(), "one card per store customer");
        assertEquals(25, new HashSet<>(links.values()).size());
    }

    @Test
    @DisplayName("SYNC-18 (issue 16): a change committed concurrently with the run by many writers is synced exactly once overall, the ERP ends equal to the store")
    void manyConcurrentWriters() throws Exception {
        Setup s = setup();
        List<String> customers = updatingImportOf(s, 30, "Writer", "Zero", "mw");
        run(s, s.owner(), "CUSTOMERS", 5);
        // Three writers rename their ten customers in rounds; each round is one transaction held open for a while, so
        // rounds begin before and commit after run starts. Runs go on meanwhile.
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            List<String> mine = customers.subList(w * 10, w * 10 + 10);
            Thread t = new Thread(() -> {
                try (Connection c = writer()) {
                    for (int round = 1; round <= 5; round++) {
                        renameAddresses(c, mine, "Round" + round);
                        Thread.sleep(30 + (long) (Math.random() * 60));
                        c.commit();
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        int runs = 0;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            run(s, s.owner(), "CUSTOMERS", 5);
            runs++;
        }
        for (Thread t : threads) t.join();
        assertTrue(failures.isEmpty(), failures.toString());
        run(s, s.owner(), "CUSTOMERS", 5); // picks up what committed after the last run started
        assertEquals(0, run(s, s.owner(), "CUSTOMERS", 5).getInt("counters.processed"), "nothing is seen twice");
        Map<String, String> links = links(s);
        for (String id : customers) {
            assertThat("the ERP has the store's last committed state after " + runs + " concurrent runs",
                    erpCustomer(s, links.get(id)).getString("name"), endsWith(" Round5"));
        }
        assertEquals(30, erpCustomers(s).size());
    }

    @Test
    @DisplayName("issue 16: a failed record stays pending with its reason, is retried by the next runs up to the attempt limit, and a template change makes it due at once; a run with failures ends SUCCEEDED_WITH_ERRORS and is not resumed")
    void failedRecordsArePendingWork() {
        Setup s = setup();
        String sven = swedeOnIncompleteTemplate(s);

        JsonPath first = run(s, "CUSTOMERS");
        assertEquals("SUCCEEDED_WITH_ERRORS", first.getString("status"));
        assertEquals(List.of("TEMPLATE_INCOMPLETE"), errorCodes(first));
        JsonPath pending = s.owner().as().get(s.store("/sync-pending")).then().statusCode(200).extract().jsonPath();
        assertEquals(1, pending.getList("items").size());
        assertEquals(sven, pending.getString("items[0].recordId"));
        assertEquals("FAILED", pending.getString("items[0].outcome"));
        assertEquals("TEMPLATE_INCOMPLETE", pending.getString("items[0].code"));
        assertEquals(1, pending.getInt("items[0].attempts"));

        JsonPath second = run(s, "CUSTOMERS");
        assertNull(second.getString("resumedFrom"), "SUCCEEDED_WITH_ERRORS is a finished run: the next one does not resume it");
        assertEquals(1, second.getInt("counters.processed"), "the failed record is retried although it did not change");
        assertEquals(1, second.getInt("counters.failed"));
        assertEquals("IMPORT_RETRY", second.getString("phase"));
        assertEquals(1, run(s, "CUSTOMERS").getInt("counters.failed"));
        JsonPath gaveUp = s.owner().as().get(s.store("/sync-pending")).then().extract().jsonPath();
        assertEquals(3, gaveUp.getInt("items[0].attempts"));
        assertNull(gaveUp.get("items[0].nextAttemptAt"), "after merchantdesk.sync.retry-max-attempts (3 in tests) it waits for a change");
        JsonPath quiet = run(s, "CUSTOMERS");
        assertEquals(0, quiet.getInt("counters.processed"));
        assertEquals("SUCCEEDED", quiet.getString("status"));

        String etag = s.owner().as().get(s.erp("/customer-templates/HALF")).then().extract().header("ETag");
        s.owner().as().header("If-Match", etag).body(Map.of("genBusPostingGroup", "DOMESTIC", "customerPostingGroup", "DOMESTIC",
                "vatBusPostingGroup", "DOMESTIC")).put(s.erp("/customer-templates/HALF")).then().statusCode(200);
        JsonPath fixed = run(s, "CUSTOMERS");
        assertEquals("SUCCEEDED", fixed.getString("status"));
        assertEquals(1, fixed.getInt("counters.created"), "the template change made the record due at once");
        assertNotNull(links(s).get(sven));
        assertTrue(s.owner().as().get(s.store("/sync-pending")).then().extract().jsonPath().getList("items").isEmpty(),
                "a record evaluated cleanly leaves the pending work");
    }

    @Test
    @DisplayName("issue 15: every skipped record has a reason code (NOT_LINKED, NO_MATCH, UPDATE_OFF, NO_VALID_EMAIL) in the run's skipReasons and /records; a connection change re-evaluates them")
    void skippedRecordsHaveReasonCodes() {
        Setup s = setup();
        String noMail = card(s, "name", "No Mail");
        String linkedMail = email("linkedx");
        String linkedCard = card(s, "name", "Linked X", "email", linkedMail);
        connect(s, "customerImport", "WITH_ORDER_IMPORT", "exportCustomersToStore", true);
        String unlinked = customerIn(s, "Un", "Linked", email("un"), "NO");
        String linked = customerIn(s, "Linked", "X", linkedMail, "NO");
        s.owner().as().body(Map.of("customerNo", linkedCard)).post(s.store("/customers/" + linked + "/erp-customer")).then().statusCode(201);
        JsonPath run = run(s, "CUSTOMERS");
        assertEquals("SUCCEEDED", run.getString("status"), "skips are not failures");
        Map<String, Integer> reasons = run.getMap("skipReasons");
        assertEquals(run.getInt("counters.skipped"), reasons.values().stream().mapToInt(Integer::intValue).sum(), "every skip has a reason");
        assertEquals(1, reasons.get("NOT_LINKED"));
        assertEquals(1, reasons.get("NO_VALID_EMAIL"));
        assertTrue(reasons.get("UPDATE_OFF") >= 1, "linked records left alone because updates are off: " + reasons);
        JsonPath records = s.owner().as().queryParam("limit", 100).get(s.store("/sync-runs/" + run.getString("id") + "/records"))
                .then().statusCode(200).extract().jsonPath();
        Map<String, String> byRecord = new HashMap<>();
        for (Map<String, Object> r : records.<Map<String, Object>>getList("items")) byRecord.put((String) r.get("recordId"), (String) r.get("code"));
        assertEquals("NOT_LINKED", byRecord.get(unlinked));
        assertEquals("NO_VALID_EMAIL", byRecord.get(noMail));
        assertThat(records.getString("items.find { it.code == 'NOT_LINKED' }.message"), allOf(containsString("WITH_ORDER_IMPORT"),
                containsString("ALL_CUSTOMERS")));
        assertEquals("SKIPPED", records.getString("items[0].outcome"));
        assertTrue(s.owner().as().get(s.store("/sync-runs/" + run.getString("id") + "/errors")).then().extract().jsonPath()
                .getList("items").isEmpty(), "/errors lists failures only");

        Setup t = setup();
        connect(t, "customerImport", "ALL_CUSTOMERS");
        String nomatch = customerIn(t, "No", "Match", email("nomatch"), "NO");
        JsonPath r2 = run(t, "CUSTOMERS");
        assertEquals(Map.of("NO_MATCH", 1), r2.getMap("skipReasons"));
        assertEquals(List.of("SKIPPED"), t.owner().as().get(t.store("/sync-pending")).then().extract().jsonPath().getList("items.outcome"));
        connect(t, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL");
        JsonPath r3 = run(t, "CUSTOMERS");
        assertEquals(1, r3.getInt("counters.created"), "the settings change re-evaluated the skipped customer");
        assertNotNull(links(t).get(nomatch));
    }

    @Test
    @DisplayName("issue 15: POST sync-runs {mode: FULL} re-evaluates every record although nothing changed; INCREMENTAL finds nothing")
    void fullRunOnDemand() {
        Setup s = setup();
        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL",
                "exportCustomersToStore", true);
        String kari = customerIn(s, "Kari", "Nordmann", email("kari"), "NO");
        card(s, "name", "Ola Nordmann", "email", email("ola"));
        JsonPath first = run(s, "CUSTOMERS");
        assertEquals(2, first.getInt("counters.created"), "one card for Kari, one store customer for Ola");
        assertEquals("INCREMENTAL", first.getString("mode"));
        assertEquals(0, run(s, "CUSTOMERS").getInt("counters.processed"));
        JsonPath all = full(s, "CUSTOMERS");
        assertEquals("FULL", all.getString("mode"));
        assertEquals("SUCCEEDED", all.getString("status"));
        assertEquals(2, all.getInt("counters.processed"), "both store customers' import and the ERP card's export again (their own writes excepted)");
        assertEquals(0, all.getInt("counters.created"), "nothing twice");
        assertEquals(2, links(s).size());
        assertNotNull(links(s).get(kari));
        s.owner().as().body(Map.of("kind", "CUSTOMERS", "mode", "SOMETIMES")).post(s.store("/sync-runs")).then().statusCode(400);
    }

    @Test
    @DisplayName("issue 15: an ORDERS run fails an order without bill-to and ship-to with NO_ADDRESS naming the order's billingAddress and shippingAddress, not the customer's address")
    void orderNoAddressNamesTheOrderFields() {
        Setup s = setup();
        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL");
        String kari = customerIn(s, "Kari", "Nordmann", email("kari"), "NO");
        String order = order(s, kari, null, null);
        JsonPath run = run(s, "ORDERS");
        assertEquals("SUCCEEDED_WITH_ERRORS", run.getString("status"));
        assertEquals(List.of("NO_ADDRESS"), errorCodes(run));
        assertEquals(order, run.getString("errors[0].recordId"));
        assertThat(run.getString("errors[0].message"), allOf(containsString("billingAddress"), containsString("shippingAddress"),
                containsString("order"), not(containsString("store customer has no address"))));
        assertEquals("ORDER", s.owner().as().get(s.store("/sync-pending")).then().extract().jsonPath().getString("items[0].recordType"));
    }

    @Test
    @DisplayName("issue 15: CustomerImport, MappingType, SyncKind and SyncMode explain each value; every ERP sync and ERP register operation has a description")
    void enumsAndOperationsAreDescribed() throws Exception {
        JsonNode doc = ServedOpenApi.document();
        Map<String, List<String>> enums = Map.of("CustomerImport", List.of("NONE", "WITH_ORDER_IMPORT", "ALL_CUSTOMERS"),
                "MappingType", List.of("BY_EMAIL_PHONE", "BY_BILL_TO_INFO", "DEFAULT_CUSTOMER"),
                "SyncKind", List.of("CUSTOMERS", "ORDERS"), "SyncMode", List.of("INCREMENTAL", "FULL"));
        enums.forEach((name, values) -> {
            String description = doc.path("components").path("schemas").path(name).path("description").asText();
            for (String v : values) assertThat(name + " explains " + v, description, containsString("- " + v));
        });
        List<String> undescribed = ServedOpenApi.operations(doc).stream()
                .filter(o -> Set.of("ERP sync", "ERP register").contains(o.node().path("tags").path(0).asText()) && o.description().isBlank())
                .map(ServedOpenApi.Operation::where).toList();
        assertTrue(undescribed.isEmpty(), "operations without a description: " + undescribed);
        assertThat(doc.at("/paths/~1stores~1{storeId}~1sync-runs/post/description").asText(), containsString("FULL"));
        assertThat(doc.at("/paths/~1stores~1{storeId}~1erp-connection/put/description").asText(), containsString("pending"));
    }
}
