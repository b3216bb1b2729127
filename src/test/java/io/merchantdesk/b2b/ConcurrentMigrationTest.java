package io.merchantdesk.b2b;

import static io.merchantdesk.b2b.B2bFixtures.*;
import static io.merchantdesk.support.Stores.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.agroal.api.AgroalDataSource;
import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Orders written while a migration runs. The defined behaviour: a migration locks the customer row FOR UPDATE
 * and every order write takes FOR SHARE on it, so each order write happens wholly before the migration (and is
 * migrated or counted as skipped) or wholly after it (a new order stays D2C). Tests hold locks through a
 * JDBC connection and observe the waiting request with pg_blocking_pids, so nothing depends on timing.
 */
@QuarkusTest
class ConcurrentMigrationTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    @DisplayName("B2B-7 an order being placed when the migration starts is waited for, then moved with the rest")
    void b2b7_migrationWaitsForAnOrderInFlight() throws Exception {
        var scene = companyScene(1);
        var alice = scene.owner();
        String store = scene.store(), ada = scene.customer(), loc = scene.location(0);
        order(alice, store, ada);
        order(alice, store, ada);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        UUID inFlight = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int pid = pid(c);
            // What OrderService.create does inside its transaction, held open.
            try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM customers WHERE id = ? FOR SHARE");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO orders (id, store_id, customer_id, currency, total) VALUES (?, ?, ?, 'USD', 10)")) {
                lock.setObject(1, UUID.fromString(ada));
                lock.executeQuery().close();
                insert.setObject(1, inFlight);
                insert.setObject(2, UUID.fromString(store));
                insert.setObject(3, UUID.fromString(ada));
                insert.executeUpdate();
            }
            Future<Response> migration = pool.submit(() -> scene.migrate(loc));
            awaitBlockedBy(pid, 1);
            assertFalse(migration.isDone(), "the migration waits for the order being placed");
            c.commit();
            Response r = migration.get(60, TimeUnit.SECONDS);
            assertEquals(201, r.statusCode(), r.asString());
            assertEquals(3, r.jsonPath().getInt("migration.moved"));
        } finally {
            pool.shutdownNow();
        }
        alice.as().get("/stores/" + store + "/orders/" + inFlight).then().statusCode(200)
                .body("type", equalTo("B2B")).body("companyLocationId", equalTo(loc));
    }

    @Test
    @DisplayName("B2B-7 orders placed or cancelled while a migration holds the customer wait; afterwards the new order is D2C and not counted")
    void b2b7_orderWritesWaitForARunningMigration() throws Exception {
        var alice = Api.user("alice");
        String store = store(alice);
        String ada = customer(alice, store);
        String existing = order(alice, store, ada);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Response> placed;
        Future<Response> cancelled;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int pid = pid(c);
            // The lock ContactService takes first for a migration, held open.
            try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM customers WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, UUID.fromString(ada));
                lock.executeQuery().close();
            }
            placed = pool.submit(() -> alice.as().body(orderBody(ada, null)).post("/stores/" + store + "/orders"));
            cancelled = pool.submit(() -> alice.as().post("/stores/" + store + "/orders/" + existing + "/cancellation"));
            awaitBlockedBy(pid, 2);
            assertFalse(placed.isDone());
            assertFalse(cancelled.isDone());
            c.commit();
            assertEquals(201, placed.get(60, TimeUnit.SECONDS).statusCode());
            assertEquals(200, cancelled.get(60, TimeUnit.SECONDS).statusCode());
        } finally {
            pool.shutdownNow();
        }
        String newOrder = placed.get().jsonPath().getString("id");
        alice.as().get("/stores/" + store + "/orders/" + newOrder).then().body("type", equalTo("D2C"));
        alice.as().get("/stores/" + store + "/orders/" + existing).then().body("status", equalTo("CANCELLED"));
    }

    @Test
    @DisplayName("B2B-7 a migration racing ten order placements through the API: every order is either moved (and counted) or placed after it as D2C")
    void b2b7_raceThroughTheApi() throws Exception {
        var scene = companyScene(1);
        var alice = scene.owner();
        String store = scene.store(), ada = scene.customer(), loc = scene.location(0);
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 5; i++) before.add(order(alice, store, ada));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Response>> placements = new ArrayList<>();
        Future<Response> migration;
        try {
            for (int i = 0; i < 5; i++) placements.add(pool.submit(() -> alice.as().body(orderBody(ada, null)).post("/stores/" + store + "/orders")));
            migration = pool.submit(() -> scene.migrate(loc));
            for (int i = 0; i < 5; i++) placements.add(pool.submit(() -> alice.as().body(orderBody(ada, null)).post("/stores/" + store + "/orders")));
            for (Future<Response> p : placements) assertEquals(201, p.get(60, TimeUnit.SECONDS).statusCode());
        } finally {
            pool.shutdown();
        }
        Response m = migration.get(60, TimeUnit.SECONDS);
        assertEquals(201, m.statusCode(), m.asString());
        String migrationId = m.jsonPath().getString("migration.id");
        int moved = m.jsonPath().getInt("migration.moved");
        List<String> all = orders(alice, store, ada, null);
        assertEquals(15, all.size());
        int stamped = 0;
        Set<String> d2c = new HashSet<>();
        for (String id : all) {
            var o = alice.as().get("/stores/" + store + "/orders/" + id).then().extract().jsonPath();
            if (migrationId.equals(o.getString("migrationId"))) {
                stamped++;
                assertEquals(loc, o.getString("companyLocationId"));
            } else {
                assertNull(o.getString("companyLocationId"), "an order not moved stays D2C");
                d2c.add(id);
            }
        }
        assertEquals(moved, stamped, "the summary counts exactly the orders stamped with the migration");
        assertTrue(moved >= 5, "orders placed before the request are always moved");
        for (String id : before) assertFalse(d2c.contains(id));
    }

    private static int pid(Connection c) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Waits until {@code n} backends are blocked by the given one (the requests under test reached the lock). */
    private void awaitBlockedBy(int pid, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection probe = dataSource.getConnection();
             PreparedStatement st = probe.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))")) {
            st.setInt(1, pid);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= n) return;
                }
                Thread.sleep(50);
            }
        }
        fail("expected " + n + " request(s) to wait for the lock held by backend " + pid);
    }
}
