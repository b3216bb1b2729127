package io.merchantdesk.stories.support;

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
import java.util.List;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, exactly what ships), started once per
 * test JVM as a separate process on a free port, with the test profile's database server and the dev key pair
 * for tokens. It uses its own schema (cleaned at start) so it never disturbs the {@code @QuarkusTest} schema.
 * A process rather than {@code @QuarkusIntegrationTest}: the stories must see the service only through HTTP
 * and the generated client, with no Quarkus test machinery on their classpath or in their lifecycle.
 */
public final class PackagedService {
    /** A Tink AEAD keyset for the stories only (test-only, like the dev JWT key). */
    private static final String TEST_SECRETS_KEYSET = "{\"primaryKeyId\":1457680014,\"key\":[{\"keyData\":{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesGcmKey\",\"value\":\"GiB4qeVajjXnsHRkybf27PEuDMG9g2pTwdb6igDfi4b5Nw==\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":\"ENABLED\",\"keyId\":1457680014,\"outputPrefixType\":\"TINK\"}]}";

    private static PackagedService instance;

    private final Process process;
    private final ContractProxy proxy;

    private PackagedService(Process process, URI baseUri) {
        this.process = process;
        this.proxy = ContractProxy.start(baseUri);
    }

    /** The running service, started on first use and stopped when the test JVM exits. */
    public static synchronized PackagedService get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    /** Where clients reach the service: through the {@link ContractProxy}, which checks every answer against the document. */
    public URI baseUri() {
        return proxy.uri();
    }

    private static PackagedService start() {
        Path runner = Path.of(required("merchantdesk.runner"));
        Path keys = Path.of(required("merchantdesk.dev-keys"));
        Path log = Path.of(System.getProperty("merchantdesk.stories.log", "target/sdk-stories-service.log"));
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException("No packaged service at " + runner + ": run 'mvnw verify' (package comes first)");
        }
        String schema = System.getenv().getOrDefault("MD_TEST_SCHEMA", "merchantdesk_test") + "_stories";
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dmerchantdesk.db.schema=" + schema,
                "-Dquarkus.flyway.clean-disabled=false",
                "-Dquarkus.flyway.clean-at-start=true",
                "-Dmp.jwt.verify.publickey.location=" + keys.resolve("dev-public.pem").toAbsolutePath(),
                "-Dquarkus.mailer.mock=true",
                // the prod profile has no default keyset; a test-only one (ERP credentials are sealed with it)
                "-Dmerchantdesk.secrets.keyset=" + TEST_SECRETS_KEYSET,
                "-Dmerchantdesk.outbox.every=off",
                "-Dquarkus.log.console.json.enabled=false",
                "-jar", runner.toAbsolutePath().toString()));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitReady(process, base, log);
            return new PackagedService(process, base);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the packaged service", e);
        }
    }

    private static void awaitReady(Process process, URI base, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The packaged service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("The packaged service was not ready within 90 s; see " + log);
    }

    private void stop() {
        proxy.stop();
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(15).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set (the Maven sdk profile sets it)");
        }
        return value;
    }

}
