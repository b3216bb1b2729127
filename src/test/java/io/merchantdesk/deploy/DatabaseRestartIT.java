package io.merchantdesk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, database restart under load: a private PostgreSQL ({@link PrivatePostgres}, the machine's cluster is
 * untouched) behind the packaged jar (prod profile, a plain JDBC URL), order and lead writes from a few threads,
 * the postmaster killed with SIGKILL mid-load and started again. The service process is never restarted.
 */
class DatabaseRestartIT {
    private static final int WRITERS = 4;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);
    /** Longest answer accepted from the service while its database is gone (acquisition timeout is 3 s). */
    private static final long MAX_ANSWER_MILLIS = 10_000;
    private static final String SCHEMA = "md_restart";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** One write as the client saw it; {@code failure} is set when no HTTP answer came (timeout, connection). */
    record Write(String kind, long startedAt, long millis, int status, String contentType, String code, int problemStatus,
                 String retryAfter, String id, String failure) {
        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    @Test
    @DisplayName("PostgreSQL SIGKILLed and restarted under write load: readiness goes DOWN then UP without restarting the service, "
            + "writes during the outage get a quick 503 DATABASE_UNAVAILABLE problem with Retry-After (no 500, no hang), "
            + "and every write acknowledged with 2xx is in the database afterwards")
    void serviceRidesOutAKilledAndRestartedDatabase() throws Exception {
        Optional<Path> bin = PrivatePostgres.binaries();
        assumeTrue(bin.isPresent(), "no PostgreSQL server binaries under /usr/lib/postgresql");
        long begin = System.currentTimeMillis();
        try (PrivatePostgres pg = PrivatePostgres.create(bin.get(), "pg-restart-it")) {
            try (Connection c = pg.connect(); ResultSet rs = c.createStatement()
                    .executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "pg_trgm (which the migrations create) is available to the private instance");
            }
            try (PackagedJar jar = PackagedJar.start("db-restart-it", Map.of(
                    "quarkus.datasource.jdbc.url", pg.jdbcUrl(),
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "",
                    "merchantdesk.db.schema", SCHEMA), HealthPaths.READY)) {
                run(pg, jar, begin);
            }
        }
    }

    private void run(PrivatePostgres pg, PackagedJar jar, long begin) throws Exception {
        String base = jar.baseUri();
        String owner = TestKeys.token(TestKeys.NEW, "restart-owner-" + UUID.randomUUID().toString().substring(0, 8));
        String member = TestKeys.token(TestKeys.NEW, "restart-partner-" + UUID.randomUUID().toString().substring(0, 8));
        String store = created(send(base, owner, "setup", "/stores", Map.of("name", "Restart store", "billingCurrency", "NOK", "plan", "GROW")));
        String customer = created(send(base, owner, "setup", "/stores/" + store + "/customers",
                Map.of("firstName", "Ola", "lastName", "Restart", "email", "ola@restart.example")));
        String partner = created(send(base, member, "setup", "/partners", Map.of("name", "Restart agency")));

        Queue<Write> writes = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            pool.submit(() -> {
                while (!stop.get()) {
                    int n = sequence.incrementAndGet();
                    writes.add(n % 2 == 0
                            ? send(base, owner, "order", "/stores/" + store + "/orders", Map.of("customerId", customer,
                                    "lineItems", List.of(Map.of("title", "Tent", "sku", "T-" + n, "quantity", 1, "unitPrice", "1999.00"))))
                            : send(base, member, "lead", "/partners/" + partner + "/leads", lead(n)));
                    pause(20);
                }
                return null;
            });
        }
        try {
            await("writes of both kinds acknowledged before the kill", 30, () -> acknowledged(writes, "order", 0) >= 10 && acknowledged(writes, "lead", 0) >= 10);
            long killedAt = System.currentTimeMillis();
            long postmaster = pg.killPostmaster();
            await("readiness DOWN after the postmaster (pid " + postmaster + ") was killed", 15, () -> jar.status(HealthPaths.READY) == 503);
            long downAt = System.currentTimeMillis();
            await("writes answered 503 during the outage", 15, () -> writes.stream().filter(w -> w.startedAt() > killedAt && w.status() == 503).count() >= WRITERS);
            assertEquals(200, jar.status(HealthPaths.LIVE), "liveness stays UP during the outage (no restart by the orchestrator)");

            long restartAt = System.currentTimeMillis();
            pg.start();
            await("readiness UP again after the database came back", 30, () -> jar.status(HealthPaths.READY) == 200);
            long upAt = System.currentTimeMillis();
            await("writes of both kinds acknowledged after the recovery", 30,
                    () -> acknowledged(writes, "order", upAt) >= 10 && acknowledged(writes, "lead", upAt) >= 10);
            stop.set(true);
            pool.shutdown();
            assertTrue(pool.awaitTermination(CLIENT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS), "writers stopped");
            assertTrue(jar.process.isAlive(), "the service process was never restarted");

            List<Write> all = new ArrayList<>(writes);
            String summary = summary(all) + String.format(" | kill->ready DOWN %d ms, outage (kill->restart) %d ms, restart->ready UP %d ms, whole test %d s",
                    downAt - killedAt, restartAt - killedAt, upAt - restartAt, (System.currentTimeMillis() - begin) / 1000);
            System.out.println("DatabaseRestartIT: " + summary);

            List<Write> noAnswer = all.stream().filter(w -> w.failure() != null).toList();
            assertTrue(noAnswer.isEmpty(), "every write got an answer within " + CLIENT_TIMEOUT + ": " + noAnswer + "\n" + summary);
            List<Write> unexpected = all.stream().filter(w -> !w.acknowledged() && w.status() != 503).toList();
            assertTrue(unexpected.isEmpty(), "writes either succeed or get 503 (never 500 or another error): " + unexpected + "\n" + summary);
            List<Write> badProblems = all.stream().filter(w -> w.status() == 503).filter(w -> !w.contentType().startsWith("application/problem+json")
                    || !"DATABASE_UNAVAILABLE".equals(w.code()) || w.problemStatus() != 503 || !isPositiveInteger(w.retryAfter())).toList();
            assertTrue(badProblems.isEmpty(), "every 503 is a DATABASE_UNAVAILABLE problem with Retry-After: " + badProblems);
            long slowest = all.stream().mapToLong(Write::millis).max().orElse(0);
            assertTrue(slowest < MAX_ANSWER_MILLIS, "no write hangs: the slowest answer took " + slowest + " ms\n" + summary);

            try (Connection c = pg.connect()) {
                for (String kind : List.of("order", "lead")) {
                    Set<UUID> acked = all.stream().filter(w -> kind.equals(w.kind()) && w.acknowledged())
                            .map(w -> UUID.fromString(w.id())).collect(Collectors.toSet());
                    Set<UUID> stored = stored(c, kind.equals("order") ? "orders" : "leads", acked);
                    Set<UUID> lost = new HashSet<>(acked);
                    lost.removeAll(stored);
                    assertTrue(lost.isEmpty(), lost.size() + " of " + acked.size() + " acknowledged " + kind + " writes are not in the database: " + lost);
                }
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    private static Map<String, Object> lead(int n) {
        String domain = "restart-" + n + "-" + UUID.randomUUID().toString().substring(0, 6) + ".no";
        return Map.of("type", "PLUS", "contactName", "Kari " + n, "email", "kari@" + domain, "companyName", "Company " + domain,
                "websiteUrl", "https://www." + domain, "country", "NO", "salesSupportRequested", false);
    }

    private static Write send(String base, String token, String kind, String path, Map<String, Object> body) {
        long start = System.currentTimeMillis();
        try {
            HttpRequest post = HttpRequest.newBuilder(URI.create(base + path)).timeout(CLIENT_TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            HttpResponse<String> r = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Write(kind, start, System.currentTimeMillis() - start, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    json.path("code").asText(null), json.path("status").asInt(), r.headers().firstValue("Retry-After").orElse(null),
                    json.path("id").asText(null), null);
        } catch (Exception e) {
            return new Write(kind, start, System.currentTimeMillis() - start, -1, "", null, 0, null, null, e.toString());
        }
    }

    private static String created(Write w) {
        assertEquals(201, w.status(), "setup write: " + w);
        return w.id();
    }

    private static long acknowledged(Queue<Write> writes, String kind, long startedAfter) {
        return writes.stream().filter(w -> kind.equals(w.kind()) && w.acknowledged() && w.startedAt() > startedAfter).count();
    }

    private static Set<UUID> stored(Connection c, String table, Set<UUID> ids) throws SQLException {
        Set<UUID> found = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + SCHEMA + "." + table + " WHERE id = ANY (?)")) {
            Array array = c.createArrayOf("uuid", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) found.add(rs.getObject(1, UUID.class));
            }
        }
        return found;
    }

    private static String summary(List<Write> all) {
        Map<String, Long> byStatus = all.stream().collect(Collectors.groupingBy(w -> w.kind() + " " + w.status(), TreeMap::new, Collectors.counting()));
        long slowest503 = all.stream().filter(w -> w.status() == 503).mapToLong(Write::millis).max().orElse(0);
        return all.size() + " writes " + byStatus + ", slowest answer " + all.stream().mapToLong(Write::millis).max().orElse(0)
                + " ms, slowest 503 " + slowest503 + " ms";
    }

    private static boolean isPositiveInteger(String value) {
        return value != null && value.matches("[1-9][0-9]*");
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("gave up after " + seconds + " s waiting for " + what);
            Thread.sleep(100);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
