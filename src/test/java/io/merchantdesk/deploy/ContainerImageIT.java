package io.merchantdesk.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The JVM image, built by deploy/image/build-jvm-image.sh with podman, run the way the prod Deployment runs its
 * container: the rendered prod manifest's security context (the image's numeric non-root user, read-only root
 * filesystem with a tmpfs /tmp of the emptyDir's size, no capabilities, no privilege escalation), its memory
 * limit, its ConfigMap environment and the variables its Secrets provide, the JWKS mounted where the manifest
 * mounts it. The container shares the host network on a free port and talks to a scratch schema of the local
 * PostgreSQL; nothing leaves 127.0.0.1 (mail is mocked and the outbox sender is off).
 *
 * <p>One container for the class; the last test stops it with SIGTERM within the pod's grace period while a
 * request is in flight. The container is always removed afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("JVM container image run like the prod Deployment (issue 22)")
class ContainerImageIT {
    static final Path BUILD_SCRIPT = Path.of("deploy", "image", "build-jvm-image.sh");
    static final Path CONTAINERS_CONF = Path.of("deploy", "image", "containers.conf").toAbsolutePath();
    static final String JWKS_FILE = "jwks.json";
    /** The Secret-provided variables and the values this machine's PostgreSQL takes (trust auth, no SMTP Secret). */
    static final Map<String, String> SECRET_VALUES = Map.of(
            "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres",
            "QUARKUS_DATASOURCE_USERNAME", "postgres",
            "QUARKUS_DATASOURCE_PASSWORD", "",
            "MERCHANTDESK_SECRETS_KEYSET", TestKeys.SECRETS_KEYSET);

    private final String schema = System.getenv().getOrDefault("MD_TEST_SCHEMA", "merchantdesk_test") + "_image";
    private final String name = "merchantdesk-image-it-" + UUID.randomUUID().toString().substring(0, 8);
    private PodSpec pod;
    private Container app;
    private String image;
    private int port;
    private Path jwks;
    private String owner;
    private String storeId;

    @BeforeAll
    void buildAndStart() throws Exception {
        if (!KubernetesManifestsIT.onPath("podman")) {
            fail("podman is not installed: the container image test builds and runs the JVM image with podman; "
                    + "install podman runc debootstrap (apt-get install -y podman runc debootstrap; .ci/run does it) to run `./mvnw verify`.");
        }
        KubernetesManifestsIT.Rendered prod = KubernetesManifestsIT.render("prod");
        pod = prod.api().getSpec().getTemplate().getSpec();
        app = KubernetesManifestsIT.container(prod.api().getSpec().getTemplate(), KubernetesManifestsIT.APP);
        // prod runs the native image; the dev overlay names the JVM image, which is the one built here
        image = KubernetesManifestsIT.container(KubernetesManifestsIT.render("dev").api().getSpec().getTemplate(), KubernetesManifestsIT.APP).getImage();
        assertTrue(image.endsWith("-jvm"), "the dev overlay runs the JVM image: " + image);

        long buildStart = System.nanoTime();
        ScriptRunner.Result build = run(Duration.ofMinutes(10), Map.of("IMAGE", image, "JAVA_HOME", System.getProperty("java.home")),
                "bash", BUILD_SCRIPT.toString());
        assertEquals(0, build.exitCode(), "build-jvm-image.sh failed:\n" + build.stderr());
        String[] built = build.stdout().strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
        System.out.printf("[image] built %s in %d s: %.1f MB (base %.1f MB)%n", image, (System.nanoTime() - buildStart) / 1_000_000_000,
                Long.parseLong(built[3]) / 1e6, Long.parseLong(built[4]) / 1e6);

        dropSchema();
        jwks = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "image-jwks");
        Files.copy(TestKeys.jwks(List.of(TestKeys.OLD, TestKeys.NEW)), jwks.resolve(JWKS_FILE));
        // the container's user 185 reads it, as from a Secret volume (0644 files)
        Files.setPosixFilePermissions(jwks, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(jwks.resolve(JWKS_FILE), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        port = PackagedJar.freePort();

        List<String> command = new ArrayList<>(List.of("podman", "run", "--detach", "--name", name, "--pull=never", "--network", "host"));
        command.addAll(securityOptions());
        command.addAll(List.of("--tmpfs", tmpMount()));
        String memory = memoryLimit();
        // no swap, as under the kubelet: the limit is the limit
        command.addAll(List.of("--memory", memory, "--memory-swap", memory));
        command.addAll(List.of("--volume", jwks + ":" + jwtMountPath() + ":ro"));
        environment().forEach((k, v) -> command.addAll(List.of("--env", k + "=" + v)));
        command.add(image);
        long t0 = System.nanoTime();
        ScriptRunner.Result started = run(Duration.ofSeconds(60), Map.of(), command.toArray(String[]::new));
        assertEquals(0, started.exitCode(), "podman run failed: " + started.stderr());
        // the startup probe's budget: periodSeconds x failureThreshold
        Probe startup = app.getStartupProbe();
        long budget = (long) startup.getPeriodSeconds() * startup.getFailureThreshold() * 1000;
        waitFor(startup.getHttpGet().getPath(), budget);
        waitFor(app.getReadinessProbe().getHttpGet().getPath(), budget);
        System.out.printf("[image] podman run to ready: %d ms (startup probe allows %d s)%n", (System.nanoTime() - t0) / 1_000_000, budget / 1000);
    }

    @AfterAll
    void removeContainer() throws Exception {
        try {
            if (KubernetesManifestsIT.onPath("podman")) {
                ScriptRunner.Result logs = run(Duration.ofSeconds(30), Map.of(), "podman", "logs", name);
                Files.writeString(Path.of("target", "container-image-it.log"), logs.stdout() + logs.stderr());
                run(Duration.ofSeconds(60), Map.of(), "podman", "rm", "--force", "--time", "0", name);
            }
        } finally {
            dropSchema();
            if (jwks != null) {
                Files.deleteIfExists(jwks.resolve(JWKS_FILE));
                Files.deleteIfExists(jwks);
            }
        }
    }

    /** The container options the manifest's pod and container security contexts stand for. */
    private List<String> securityOptions() {
        SecurityContext container = app.getSecurityContext();
        assertTrue(pod.getSecurityContext().getRunAsNonRoot(), "the pod runs as non-root");
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), "podman applies its default seccomp profile too");
        assertTrue(container.getReadOnlyRootFilesystem(), "read-only root filesystem");
        assertFalse(container.getAllowPrivilegeEscalation(), "no privilege escalation");
        assertFalse(container.getPrivileged());
        assertEquals(List.of("ALL"), container.getCapabilities().getDrop());
        // runAsNonRoot without runAsUser: the kubelet runs the image's own USER and refuses a non-numeric or root one
        assertEquals(null, pod.getSecurityContext().getRunAsUser(), "the image's user is the one that runs");
        return List.of("--read-only", "--read-only-tmpfs=false", "--cap-drop", "ALL", "--security-opt", "no-new-privileges");
    }

    private String tmpMount() {
        VolumeMount tmp = app.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                .orElseThrow(() -> new AssertionError("the manifest mounts a writable /tmp"));
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
        assertNotNull(volume.getEmptyDir(), "/tmp is an emptyDir");
        long bytes = Quantity.getAmountInBytes(volume.getEmptyDir().getSizeLimit()).longValueExact();
        return "/tmp:rw,size=" + bytes + ",mode=1777";
    }

    private String jwtMountPath() {
        VolumeMount keys = app.getVolumeMounts().stream().filter(m -> m.getName().equals("jwt-keys")).findFirst().orElseThrow();
        assertTrue(keys.getReadOnly());
        return keys.getMountPath();
    }

    private String memoryLimit() {
        Quantity limit = app.getResources().getLimits().get("memory");
        assertNotNull(limit, "the Deployment sets a memory limit");
        return Quantity.getAmountInBytes(limit).toBigInteger().toString();
    }

    /**
     * The container's environment as the kubelet builds it: the ConfigMap (envFrom) and the Secret keys (env),
     * then what differs on this machine: the test identity provider's issuer (the manifest's is a placeholder),
     * the scratch schema, the port, and no outgoing mail.
     */
    private Map<String, String> environment() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        KubernetesManifestsIT.Rendered prod = KubernetesManifestsIT.render("prod");
        String configMap = app.getEnvFrom().get(0).getConfigMapRef().getName();
        ConfigMap config = prod.all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(configMap)).findFirst().orElseThrow();
        env.putAll(config.getData());
        Set<String> fromSecrets = app.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .filter(e -> !Boolean.TRUE.equals(e.getValueFrom().getSecretKeyRef().getOptional()))
                .map(EnvVar::getName).collect(Collectors.toSet());
        assertEquals(SECRET_VALUES.keySet(), fromSecrets, "the required Secret-provided variables");
        env.putAll(SECRET_VALUES);
        assertEquals(jwtMountPath() + "/" + JWKS_FILE, env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), "the JWKS is read from the mounted Secret");
        env.put("MP_JWT_VERIFY_ISSUER", TestKeys.ISSUER);
        env.put("MERCHANTDESK_DB_SCHEMA", schema);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_MAILER_MOCK", "true");
        env.put("MERCHANTDESK_OUTBOX_EVERY", "off");
        return env;
    }

    @Test
    @Order(1)
    @DisplayName("the image runs as its numeric non-root user 185 with no capabilities, no privilege escalation and a read-only root")
    void runsWithTheManifestSecurityContext() throws Exception {
        String user = inspect("image", image, "{{.Config.User}}");
        assertTrue(user.matches("[1-9][0-9]*"), "runAsNonRoot needs a numeric non-zero USER in the image: '" + user + "'");
        Map<String, String> status = processStatus();
        assertEquals("185", status.get("Uid").split("\\s+")[0], "process uid");
        assertEquals("0000000000000000", status.get("CapEff"), "no effective capabilities");
        assertEquals("1", status.get("NoNewPrivs"), "no_new_privs set");
        assertEquals("true", inspect("container", name, "{{.HostConfig.ReadonlyRootfs}}"));
        assertEquals(memoryLimit(), inspect("container", name, "{{.HostConfig.Memory}}"));
    }

    @Test
    @Order(2)
    @DisplayName("the startup, readiness (with the database check) and liveness probes of the manifest answer UP")
    void probesAnswerUp() {
        for (Probe probe : List.of(app.getStartupProbe(), app.getReadinessProbe(), app.getLivenessProbe())) {
            given().baseUri(baseUri()).get(probe.getHttpGet().getPath()).then().statusCode(200).body("status", equalTo("UP"));
        }
        given().baseUri(baseUri()).get(app.getReadinessProbe().getHttpGet().getPath()).then()
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    @Order(3)
    @DisplayName("a request without a token is a 401 application/problem+json answer")
    void unauthenticatedIsAProblem() {
        given().baseUri(baseUri()).accept(ContentType.JSON).get("/me").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    @Order(4)
    @DisplayName("a token signed by the mounted key set runs a flow: a store, an ERP company, the store's ERP connection")
    void authenticatedFlow() {
        owner = TestKeys.token(TestKeys.NEW, "image-owner-" + UUID.randomUUID().toString().substring(0, 8));
        String ownerId = as(owner).get("/me").then().statusCode(200).extract().path("id");
        storeId = as(owner).body(Map.of("name", "Image store", "billingCurrency", "NOK", "plan", "GROW"))
                .post("/stores").then().statusCode(201).body("ownerId", equalTo(ownerId)).extract().path("id");
        String company = as(owner).body(Map.of("name", "Image ERP")).post("/erp-companies").then().statusCode(201).extract().path("id");
        as(owner).body(Map.of("code", "RETAIL", "genBusPostingGroup", "DOMESTIC", "customerPostingGroup", "DOMESTIC",
                        "vatBusPostingGroup", "DOMESTIC", "paymentTermsCode", "14D", "pricesIncludingVat", true))
                .post("/erp-companies/" + company + "/customer-templates").then().statusCode(201);
        as(owner).body(Map.of("erpCompanyId", company, "customerImport", "ALL_CUSTOMERS", "customerMappingType", "BY_EMAIL_PHONE",
                        "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL"))
                .put("/stores/" + storeId + "/erp-connection").then().statusCode(200);
        as(owner).get("/stores/" + storeId).then().statusCode(200).body("name", equalTo("Image store"));
    }

    @Test
    @Order(5)
    @DisplayName("SYNC-17: the CronJob's trigger-sync.sh with a minted sync-operator token starts a run in the container")
    void cronJobScriptStartsASyncRun() throws Exception {
        assertNotNull(storeId, "the authenticated flow made the store");
        Path tokenFile = Files.createTempFile(Path.of("target").toAbsolutePath(), "operator", ".jwt");
        try {
            Files.writeString(tokenFile, ScriptRunner.mintToken(TestKeys.NEW, "sync-operator-image", "sync-operator"));
            ScriptRunner.Result result = ScriptRunner.run(SyncTriggerScriptTest.SCRIPT, Map.of(
                    "MERCHANTDESK_URL", baseUri(), "SYNC_KIND", "CUSTOMERS", "STORE_IDS", storeId, "SYNC_TOKEN_FILE", tokenFile.toString()));
            assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
            assertTrue(result.stdout().contains("CUSTOMERS sync run started"), result.stdout());
        } finally {
            Files.deleteIfExists(tokenFile);
        }
        as(owner).get("/stores/" + storeId + "/sync-runs").then().statusCode(200).body("items.trigger", hasItem("OPERATOR"));
    }

    @Test
    @Order(6)
    @DisplayName("after the flow the JVM's resident memory stays well inside the container's memory limit")
    void residentMemoryAfterTheFlow() throws Exception {
        long rssKb = Long.parseLong(processStatus().get("VmRSS").replaceAll("[^0-9]", ""));
        long limit = Long.parseLong(memoryLimit());
        System.out.printf("[image] RSS after the flow: %.0f MiB (limit %d MiB)%n", rssKb / 1024.0, limit >> 20);
        assertTrue(rssKb * 1024 < limit * 0.9, "RSS " + rssKb + " kB against a limit of " + limit + " bytes");
    }

    /**
     * A client still uploading its request body when the pod is told to stop (SIGTERM through {@code podman stop},
     * as the kubelet does): Quarkus drains (answers with "Connection: close"), waits for the in-flight request up to
     * its shutdown timeout, then exits well inside terminationGracePeriodSeconds, so podman never has to SIGKILL it.
     */
    @Test
    @Order(7)
    @DisplayName("SIGTERM mid-request: the in-flight request completes (201, committed), the JVM exits on SIGTERM within the grace period")
    void sigtermFinishesTheInFlightRequestWithinTheGracePeriod() throws Exception {
        long grace = pod.getTerminationGracePeriodSeconds();
        String shutdownTimeout = environment().get("QUARKUS_SHUTDOWN_TIMEOUT");
        assertNotNull(shutdownTimeout, "graceful shutdown is configured (QUARKUS_SHUTDOWN_TIMEOUT)");
        assertTrue(Duration.parse("PT" + shutdownTimeout.toUpperCase()).toSeconds() < grace, "shutdown timeout inside the grace period");

        String storeName = "Finished during shutdown " + UUID.randomUUID().toString().substring(0, 8);
        byte[] body = ("{\"name\":\"" + storeName + "\",\"billingCurrency\":\"EUR\",\"plan\":\"GROW\"}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) grace * 1000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /stores HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + owner
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
            Thread.sleep(500);

            long t0 = System.nanoTime();
            Process stop = new ProcessBuilder("podman", "stop", "--time", String.valueOf(grace), name)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // Quarkus is draining once it answers a keep-alive request with "Connection: close" (it still serves
            // new requests while draining; the kubelet has taken the pod out of the Service by then)
            boolean draining = false;
            for (long deadline = System.currentTimeMillis() + 10_000; !draining && System.currentTimeMillis() < deadline; Thread.sleep(100)) {
                draining = new HttpStatus(port).closesKeepAlive("/me");
            }
            assertTrue(draining, "SIGTERM reached the JVM and Quarkus started draining within 10 s");

            out.write(body, 10, body.length - 10);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 201"), "the in-flight request completed: " + answer);
            assertTrue(answer.contains(storeName), answer);

            assertTrue(stop.waitFor(grace + 10, TimeUnit.SECONDS), "podman stop returned");
            long seconds = (System.nanoTime() - t0) / 1_000_000_000;
            System.out.printf("[image] SIGTERM to exit: %d s (grace period %d s)%n", seconds, grace);
            assertTrue(seconds < grace, "stopped within terminationGracePeriodSeconds: " + seconds + " s");
        }
        assertEquals("exited", inspect("container", name, "{{.State.Status}}"));
        // 143 = ended by SIGTERM after the shutdown hooks; 137 would mean podman had to SIGKILL it
        assertEquals("143", inspect("container", name, "{{.State.ExitCode}}"), "the JVM ended on SIGTERM, not SIGKILL");
        try (Connection c = jdbc(); PreparedStatement st = c.prepareStatement("SELECT count(*) FROM " + schema + ".stores WHERE name = ?")) {
            st.setString(1, storeName);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the store of the in-flight request is committed");
            }
        }
        String logs = run(Duration.ofSeconds(30), Map.of(), "podman", "logs", name).stdout();
        assertTrue(logs.contains("stopped in"), "Quarkus logged its orderly stop");
    }

    /** Raw HTTP/1.1 GETs on the container's port. */
    private record HttpStatus(int port) {
        /** The status, or -1 when nothing answers. */
        int get(String path) {
            String head = head(path, "Connection: close\r\n");
            return head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
        }

        /** Whether the server answers a keep-alive request with "Connection: close" (what Quarkus does while draining). */
        boolean closesKeepAlive(String path) {
            return head(path, "").toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close\r\n");
        }

        private String head(String path, String extraHeaders) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                for (int b; !head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0; ) head.append((char) b);
                return head.toString();
            } catch (IOException e) {
                return "";
            }
        }
    }

    private String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    private RequestSpecification as(String token) {
        return given().baseUri(baseUri()).auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private void waitFor(String path, long budgetMillis) throws Exception {
        HttpStatus probe = new HttpStatus(port);
        long deadline = System.currentTimeMillis() + budgetMillis;
        while (probe.get(path) != 200) {
            if (!"running".equals(inspect("container", name, "{{.State.Status}}"))) {
                fail("the container stopped before " + path + " answered 200:\n" + run(Duration.ofSeconds(30), Map.of(), "podman", "logs", name).stdout());
            }
            if (System.currentTimeMillis() > deadline) fail(path + " did not answer 200 within the startup probe's " + budgetMillis / 1000 + " s");
            Thread.sleep(100);
        }
    }

    /** /proc/<pid>/status of the container's main process, read from the host. */
    private Map<String, String> processStatus() throws Exception {
        String pid = inspect("container", name, "{{.State.Pid}}");
        return Files.readAllLines(Path.of("/proc", pid, "status")).stream().filter(l -> l.contains(":"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1).trim(), (a, b) -> a));
    }

    private String inspect(String kind, String object, String format) throws Exception {
        ScriptRunner.Result result = run(Duration.ofSeconds(30), Map.of(), "podman", kind, "inspect", "--format", format, object);
        assertEquals(0, result.exitCode(), result.stderr());
        return result.stdout().strip();
    }

    private static ScriptRunner.Result run(Duration timeout, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CONTAINERS_CONF", CONTAINERS_CONF.toString());
        builder.environment().putAll(env);
        Path out = Files.createTempFile("podman-out", ".txt");
        Path err = Files.createTempFile("podman-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n" + Files.readString(err));
            }
            return new ScriptRunner.Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private Connection jdbc() throws Exception {
        return DriverManager.getConnection(SECRET_VALUES.get("QUARKUS_DATASOURCE_JDBC_URL"), "postgres", "");
    }

    private void dropSchema() throws Exception {
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
