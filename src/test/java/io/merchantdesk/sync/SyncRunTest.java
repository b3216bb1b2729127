package io.merchantdesk.sync;

import static io.merchantdesk.sync.SyncFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.merchantdesk.support.Api;
import io.merchantdesk.sync.run.SyncFaults;
import io.merchantdesk.sync.run.SyncScheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Sync runs: single flight, schedule, operator role, resume without duplicates, no ping-pong (SYNC-17..19). */
@QuarkusTest
class SyncRunTest {
    @Inject
    SyncFaults faults;

    @Inject
    SyncScheduler scheduler;

    @Test
    @DisplayName("SYNC-17: while another replica holds the run (advisory lock) a second request gets 409 with the running id; once that process dies its stale run is resumed")
    void singleFlightAndStaleRun() throws Exception {
        Setup s = setup();
        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL");
        String kari = customerIn(s, "Kari", "Nordmann", email("kari"), "NO");
        UUID deadRun = UUID.randomUUID();
        // "Another replica": its own physical connection (not from the pool), so closing it is what a crash does.
        String schema = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("merchantdesk.db.schema", String.class);
        Connection replica = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + schema + ",public", "postgres", "");
        try {
            replica.setAutoCommit(true);
            try (PreparedStatement ps = replica.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 0))")) {
                ps.setString(1, "sync:" + s.storeId() + ":CUSTOMERS");
                ps.execute();
            }
            try (PreparedStatement ps = replica.prepareStatement("""
                    INSERT INTO sync_runs (id, store_id, kind, trigger, status, watermark_to, batch_size, started_at, heartbeat_at)
                    VALUES (?, ?, 'CUSTOMERS', 'SCHEDULE', 'RUNNING', now(), 100, now() - interval '10 minutes', now() - interval '10 minutes')""")) {
                ps.setObject(1, deadRun);
                ps.setObject(2, UUID.fromString(s.storeId()));
                ps.executeUpdate();
            }
            s.owner().as().body(Map.of("kind", "CUSTOMERS")).post(s.store("/sync-runs")).then().statusCode(409)
                    .contentType("application/problem+json").body("code", equalTo("SYNC_RUN_IN_PROGRESS"))
                    .body("resourceId", equalTo(deadRun.toString()));
            s.owner().as().get(s.store("/sync-runs/" + deadRun)).then().statusCode(200).body("status", equalTo("RUNNING"))
                    .body("stale", equalTo(true));
            // the other kind is not blocked
            assertEquals("SUCCEEDED", run(s, "ORDERS").getString("status"));
        } finally {
            replica.close(); // the replica dies: PostgreSQL drops its session and with it the lock
        }
        awaitLockReleased(schema, "sync:" + s.storeId() + ":CUSTOMERS");
        JsonPath resumed = run(s, "CUSTOMERS");
        assertEquals("SUCCEEDED", resumed.getString("status"));
        assertEquals(deadRun.toString(), resumed.getString("resumedFrom"));
        assertEquals(1, resumed.getInt("counters.created"));
        assertNotNull(links(s).get(kari));
        s.owner().as().get(s.store("/sync-runs/" + deadRun)).then().body("status", equalTo("INTERRUPTED")).body("stale", equalTo(false))
                .body("failure", containsString("stopped"));
        s.owner().as().queryParam("kind", "CUSTOMERS").get(s.store("/sync-runs")).then().statusCode(200).body("items", hasSize(2));
    }

    /**
     * The server ends a closed session's backend, and with it its advisory locks, asynchronously: on a loaded machine the
     * next request can still find the lock held. Waits (at most 10 s) until another session can take it.
     */
    private static void awaitLockReleased(String schema, String key) throws Exception {
        try (Connection probe = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + schema + ",public", "postgres", "")) {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (true) {
                try (PreparedStatement ps = probe.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
                    ps.setString(1, key);
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) break;
                    }
                }
                if (System.nanoTime() > deadline) throw new AssertionError("the dead replica's lock " + key + " was never released");
                Thread.sleep(50);
            }
            try (PreparedStatement ps = probe.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
                ps.setString(1, key);
                ps.execute();
            }
        }
    }

    @Test
    @DisplayName("SYNC-18: a run killed halfway (a failing batch) is rerun to the same end state as an uninterrupted run, with no duplicates")
    void interruptedRunResumesWithoutDuplicates() {
        Setup broken = setup();
        Setup control = setup();
        for (Setup s : List.of(broken, control)) {
            connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL",
                    "exportCustomersToStore", true);
            for (int i = 0; i < 10; i++) {
                customer(s, "Person" + i, "Test", "person" + i + "-" + s.storeId().substring(0, 8) + "@example.no", null,
                        address("Person" + i, "Test", null, "NO", null));
            }
        }
        faults.failBatch(UUID.fromString(broken.storeId()), 2);
        JsonPath failed = run(broken, broken.owner(), "CUSTOMERS", 3);
        assertEquals("FAILED", failed.getString("status"));
        assertEquals(3, failed.getInt("counters.processed"), "the first batch committed, the second rolled back");
        // the ERP commits its writes before the store batch (as a remote ERP does): the second batch's cards exist,
        // carrying their references, and its links do not
        assertEquals(6, erpCustomers(broken).size());
        assertEquals(3, links(broken).size());
        assertThat(failed.getString("failure"), containsString("Injected failure"));

        JsonPath rerun = run(broken, broken.owner(), "CUSTOMERS", 3);
        assertEquals("SUCCEEDED", rerun.getString("status"));
        assertEquals(failed.getString("id"), rerun.getString("resumedFrom"));
        assertEquals(4, rerun.getInt("counters.created"), "the rerun creates only the cards that were never made");
        assertEquals(3, rerun.getInt("counters.linked"), "and finds the second batch's cards by their references");
        JsonPath full = run(control, control.owner(), "CUSTOMERS", 3);
        assertEquals(10, full.getInt("counters.created"));

        for (Setup s : List.of(broken, control)) {
            List<Map<String, Object>> cards = erpCustomers(s);
            assertEquals(10, cards.size(), "one card per store customer");
            assertEquals(10, links(s).size());
            assertEquals(10, new HashSet<>(links(s).values()).size(), "no ERP customer linked twice");
        }
        List<String> names = new ArrayList<>();
        erpCustomers(broken).forEach(c -> names.add((String) c.get("name")));
        List<String> controlNames = new ArrayList<>();
        erpCustomers(control).forEach(c -> controlNames.add((String) c.get("name")));
        assertEquals(new HashSet<>(controlNames), new HashSet<>(names));
        // and a further run finds nothing to do: the import's own writes do not come back as exports (SYNC-19)
        assertEquals(0, run(broken, broken.owner(), "CUSTOMERS", 3).getInt("counters.processed"));
    }

    @Test
    @DisplayName("SYNC-19: with import and export both on, a change written by one direction never comes back through the other")
    void noPingPong() {
        Setup s = setup();
        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL",
                "storeCanUpdateCustomers", true, "exportCustomersToStore", true, "canUpdateStoreCustomers", true);
        String kari = customerIn(s, "Kari", "Nordmann", email("kari"), "NO");
        JsonPath first = run(s, "CUSTOMERS");
        assertEquals(1, first.getInt("counters.created"));
        assertEquals(1, first.getInt("counters.processed"), "the card the import created is not exported back");
        assertEquals(0, run(s, "CUSTOMERS").getInt("counters.processed"));

        String no = links(s).get(kari);
        s.owner().as().body(Map.of("city", "Bergen")).patch(s.erp("/customers/" + no)).then().statusCode(200);
        JsonPath export = run(s, "CUSTOMERS");
        assertEquals(1, export.getInt("counters.processed"));
        assertEquals(1, export.getInt("counters.updated"));
        assertEquals("Bergen", storeCustomer(s, kari).getString("addresses[0].address.city"));
        JsonPath quiet = run(s, "CUSTOMERS");
        assertEquals(0, quiet.getInt("counters.processed"), "the export's write to the store is not imported back");
        assertEquals("Bergen", erpCustomer(s, no).getString("city"));
    }

    @Test
    @DisplayName("SYNC-17: a scheduled run fires from the connection's cron once per due slot, only when switched on")
    void schedule() {
        Setup s = setup();
        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL",
                "scheduleCron", "0 * * * * ?", "scheduleEnabled", false);
        String kari = customerIn(s, "Kari", "Nordmann", email("kari"), "NO");
        Instant later = Instant.now().plus(2, ChronoUnit.MINUTES);
        List<UUID> none = scheduler.tick(later);
        assertTrue(s.owner().as().get(s.store("/sync-runs")).then().extract().jsonPath().getList("items").isEmpty(), "off: nothing runs");

        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL",
                "scheduleCron", "0 * * * * ?", "scheduleEnabled", true);
        List<UUID> started = scheduler.tick(later);
        List<String> mine = new ArrayList<>();
        for (Map<String, Object> r : s.owner().as().get(s.store("/sync-runs")).then().extract().jsonPath().<Map<String, Object>>getList("items")) {
            mine.add((String) r.get("id"));
            assertEquals("SCHEDULE", r.get("trigger"));
        }
        assertEquals(2, mine.size(), "a CUSTOMERS and an ORDERS run");
        assertTrue(started.stream().map(UUID::toString).toList().containsAll(mine));
        for (String id : mine) assertEquals("SUCCEEDED", await(s, s.owner(), id).getString("status"));
        assertNotNull(links(s).get(kari));
        scheduler.tick(later);
        assertEquals(2, s.owner().as().get(s.store("/sync-runs")).then().extract().jsonPath().getList("items").size(),
                "the slot fired once");
        assertTrue(none.stream().noneMatch(id -> mine.contains(id.toString())));
        s.owner().as().get(s.store("/erp-connection")).then().body("scheduleLastFiredAt", notNullValue());
    }

    @Test
    @DisplayName("SYNC-17: the sync-operator role (Kubernetes CronJobs) may start and read runs of any store, nothing else; a store without connection is 422")
    void operatorRole() {
        Setup s = setup();
        Api.User cron = Api.user("cronjob", "sync-operator");
        cron.as().body(Map.of("kind", "ORDERS")).post(s.store("/sync-runs")).then().statusCode(422).body("code", equalTo("SYNC_NOT_CONNECTED"));
        connect(s);
        JsonPath run = run(s, cron, "ORDERS", null);
        assertEquals("OPERATOR", run.getString("trigger"));
        assertEquals("SUCCEEDED", run.getString("status"));
        cron.as().get(s.store("/erp-connection")).then().statusCode(404);
        cron.as().body(Map.of("kind", "ORDERS")).post("/stores/" + UUID.randomUUID() + "/sync-runs").then().statusCode(404);
        Api.User plain = Api.user("plain");
        plain.as().body(Map.of("kind", "ORDERS")).post(s.store("/sync-runs")).then().statusCode(404);
        cron.as().body(Map.of("kind", "BOTH")).post(s.store("/sync-runs")).then().statusCode(400);
    }

    @Test
    @DisplayName("SYNC-17, SYNC-18: run metrics (runs by outcome, records per second, duration) are exported")
    void metrics() {
        Setup s = setup();
        connect(s);
        run(s, "ORDERS");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics, containsString("merchantdesk_sync_runs_total"));
        assertThat(metrics, containsString("outcome=\"SUCCEEDED\""));
        assertThat(metrics, containsString("merchantdesk_sync_run_duration_seconds"));
        assertThat(metrics, containsString("merchantdesk_sync_records_per_second"));
    }
}
