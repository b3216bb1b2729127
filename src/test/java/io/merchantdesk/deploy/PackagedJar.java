package io.merchantdesk.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged jar ({@code target/quarkus-app/quarkus-run.jar}) run by a test that must own its process: the
 * prod profile, configured like {@link ProdLikeConfig} (test JWKS and issuer, mock mailer, outbox off), on a
 * port of its own, with the test's extra system properties on top.
 */
final class PackagedJar implements AutoCloseable {
    static final Path RUNNER = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final int port;
    final Process process;
    final Path log;

    private PackagedJar(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the jar and waits (up to 90 s) until {@code waitFor} (a health path) answers 200. */
    static PackagedJar start(String name, Map<String, String> overrides, String waitFor) throws Exception {
        assertTrue(Files.isRegularFile(RUNNER), "package builds " + RUNNER);
        ProdLikeConfig config = new ProdLikeConfig();
        config.init(Map.of("trusted", "new"));
        Map<String, String> props = new HashMap<>(config.start());
        int port = freePort();
        props.put("quarkus.http.port", String.valueOf(port));
        props.putAll(overrides);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", RUNNER.toString()));
        Path log = Path.of("target", name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PackagedJar jar = new PackagedJar(port, process, log);
        long deadline = System.currentTimeMillis() + 90_000;
        while (jar.status(waitFor) != 200) {
            if (!process.isAlive()) throw new AssertionError("the " + name + " jar exited; see " + log);
            if (System.currentTimeMillis() > deadline) {
                jar.close();
                throw new AssertionError("the " + name + " jar did not answer 200 on " + waitFor + "; see " + log);
            }
            Thread.sleep(200);
        }
        return jar;
    }

    String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    /** The status of a GET, or -1 when nothing answers within 5 s. */
    int status(String path) {
        try {
            HttpRequest get = HttpRequest.newBuilder(URI.create(baseUri() + path)).timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
