package io.merchantdesk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The sync CronJobs' script (deploy/k8s/base/scripts/trigger-sync.sh), run with /bin/sh and curl against
 * a fake merchantdesk that answers each store as told: 202 starts, 409 and 5xx fail the job clearly.
 */
class SyncTriggerScriptTest {
    static final Path SCRIPT = Path.of("deploy", "k8s", "base", "scripts", "trigger-sync.sh");
    static final String A = "0195f3a2-0000-7000-8000-00000000000a";
    static final String B = "0195f3a2-0000-7000-8000-00000000000b";
    static final String C = "0195f3a2-0000-7000-8000-00000000000c";

    record Call(String method, String path, String authorization, String contentType, String body) {}

    HttpServer server;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<String, Integer> answers = new ConcurrentHashMap<>();
    Path tokenFile;

    @BeforeAll
    static void toolsArePresent() {
        for (String tool : List.of("/bin/sh", "curl")) {
            boolean found = tool.startsWith("/") ? Files.isExecutable(Path.of(tool))
                    : Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
            assertTrue(found, tool + " is needed to test the CronJob script (the curl image provides both)");
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            calls.add(new Call(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            String store = path.split("/").length > 2 ? path.split("/")[2] : "";
            int status = answers.getOrDefault(store, 202);
            String answer = switch (status) {
                case 202 -> "{\"id\":\"run-" + store.substring(store.length() - 1) + "\",\"status\":\"RUNNING\"}";
                case 409 -> "{\"code\":\"SYNC_RUN_IN_PROGRESS\",\"resourceId\":\"run-busy\"}";
                default -> "{\"code\":\"INTERNAL\",\"status\":" + status + "}";
            };
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 202 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        tokenFile = Files.createTempFile("operator-token", "");
        Files.writeString(tokenFile, "header.payload.signature\n");
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        Files.deleteIfExists(tokenFile);
    }

    Map<String, String> env(String kind, String stores) {
        Map<String, String> env = new HashMap<>();
        env.put("MERCHANTDESK_URL", "http://127.0.0.1:" + server.getAddress().getPort());
        env.put("SYNC_KIND", kind);
        env.put("STORE_IDS", stores);
        env.put("SYNC_TOKEN_FILE", tokenFile.toString());
        env.put("REQUEST_TIMEOUT", "10");
        return env;
    }

    /** Runs the script with the env, asserting its exit code and that stderr says each of the texts. */
    ScriptRunner.Result run(int exitCode, Map<String, String> env, String... stderrSays) throws Exception {
        var result = ScriptRunner.run(SCRIPT, env);
        assertEquals(exitCode, result.exitCode(), result.stderr());
        for (String text : stderrSays) assertTrue(result.stderr().contains(text), result.stderr());
        return result;
    }

    @Test
    @DisplayName("SYNC-17: one POST /stores/{storeId}/sync-runs per configured store, with the kind and the operator token; exit 0 on 202s")
    void startsOneRunPerStore() throws Exception {
        var result = run(0, env("CUSTOMERS", A + "," + B));

        assertEquals(List.of("/stores/" + A + "/sync-runs", "/stores/" + B + "/sync-runs"), calls.stream().map(Call::path).toList());
        for (Call call : calls) {
            assertEquals("POST", call.method());
            assertEquals("Bearer header.payload.signature", call.authorization());
            assertEquals("application/json", call.contentType());
            assertEquals("{\"kind\":\"CUSTOMERS\"}", call.body());
        }
        assertTrue(result.stdout().contains("store " + A + ": CUSTOMERS sync run started"), result.stdout());
        assertTrue(result.stdout().contains("started for 2 store(s)"), result.stdout());
    }

    @Test
    @DisplayName("SYNC-17: the ORDERS job sends kind ORDERS; ids may be separated by spaces")
    void ordersKind() throws Exception {
        run(0, env("ORDERS", " " + A + "  " + C + " "));

        assertEquals(2, calls.size());
        assertTrue(calls.stream().allMatch(c -> c.body().equals("{\"kind\":\"ORDERS\"}")));
    }

    @Test
    @DisplayName("SYNC-17: a 409 (run already going) fails the job with a clear message, after the other stores were still triggered")
    void conflictFailsTheJob() throws Exception {
        answers.put(A, 409);

        var result = run(1, env("CUSTOMERS", A + "," + B),
                "store " + A + ": CUSTOMERS sync NOT started, a run is already going (HTTP 409)",
                "run-busy"); // the running id from the answer is shown

        assertEquals(2, calls.size(), "the second store is still triggered");
        assertTrue(result.stdout().contains("store " + B + ": CUSTOMERS sync run started"), result.stdout());
    }

    @Test
    @DisplayName("a 5xx answer fails the job and names the status")
    void serverErrorFailsTheJob() throws Exception {
        answers.put(B, 503);

        run(1, env("ORDERS", A + "," + B), "store " + B + ": ORDERS sync NOT started, server error (HTTP 503)");
    }

    @Test
    @DisplayName("a 401 (expired or wrong operator token) fails the job")
    void unauthorizedFailsTheJob() throws Exception {
        answers.put(A, 401);

        run(1, env("CUSTOMERS", A), "(HTTP 401)");
    }

    @Test
    @DisplayName("an unreachable service fails the job")
    void unreachableFailsTheJob() throws Exception {
        Map<String, String> env = env("CUSTOMERS", A);
        server.stop(0);

        run(1, env, "no answer from");
    }

    @Test
    @DisplayName("misconfiguration (unknown kind, no stores, a non-id, no token) exits 2 before sending anything")
    void misconfigurationSendsNothing() throws Exception {
        assertEquals(2, ScriptRunner.run(SCRIPT, env("PRODUCTS", A)).exitCode());
        assertEquals(2, ScriptRunner.run(SCRIPT, env("CUSTOMERS", "")).exitCode());
        run(2, env("CUSTOMERS", A + ",../../admin"), "not a store id");
        Map<String, String> noToken = env("CUSTOMERS", A);
        noToken.put("SYNC_TOKEN_FILE", tokenFile + ".missing");
        run(2, noToken, "cannot read the sync-operator token file");
        assertEquals(List.of(), calls);
    }

    @Test
    @DisplayName("the operator token never appears on curl's command line")
    void tokenStaysOffTheCommandLine() throws Exception {
        String script = Files.readString(SCRIPT);
        assertTrue(script.contains("--config -"), "the Authorization header is fed to curl on stdin");
        assertTrue(script.lines().filter(l -> l.contains("Bearer")).allMatch(l -> l.contains("printf 'header =")),
                "Bearer only appears in the curl config written to stdin");
    }
}
