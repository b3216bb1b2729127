package io.merchantdesk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders deploy/k8s/overlays/{dev,prod} with {@code kubectl kustomize} (no cluster needed), parses every
 * object with the fabric8 Kubernetes model, and checks the facts that break deployments silently: probes on
 * the real health paths, image and port as the application is configured, security contexts, Secrets only by
 * reference, and the sync CronJobs calling the API's sync-run endpoint. Runs in {@code verify} after
 * {@code package}, so target/openapi/openapi.json is the document of the packaged application.
 */
class KubernetesManifestsIT {
    /** A test run once for each overlay, dev and prod, with the overlay's name. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    @interface EachOverlay {}

    static final Path K8S = Path.of("deploy", "k8s");
    static final String APP = "merchantdesk";
    static final String SYNC_PATH = "/stores/{storeId}/sync-runs";
    /** The Secrets an operator creates; docs/operations.md explains each. */
    static final Set<String> SECRETS = Set.of("merchantdesk-db", "merchantdesk-jwt", "merchantdesk-smtp", "merchantdesk-sync-operator",
            "merchantdesk-secrets");

    record Rendered(String overlay, List<HasMetadata> objects) {
        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type, String name) {
            return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " named " + name));
        }

        ConfigMap configMap(String name) {
            // kustomize appends a content hash to generated ConfigMaps and rewrites every reference to it
            return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": reference to a missing ConfigMap " + name));
        }

        Deployment api() {
            return one(Deployment.class, APP);
        }

        List<PodTemplateSpec> podTemplates() {
            List<PodTemplateSpec> templates = new ArrayList<>();
            all(Deployment.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
            all(StatefulSet.class).forEach(s -> templates.add(s.getSpec().getTemplate()));
            all(CronJob.class).forEach(c -> templates.add(c.getSpec().getJobTemplate().getSpec().getTemplate()));
            return templates;
        }
    }

    static Rendered render(String overlay) throws IOException, InterruptedException {
        String kubectl = System.getenv().getOrDefault("KUBECTL", "kubectl");
        if (!onPath(kubectl)) {
            fail("kubectl is not installed (or KUBECTL does not point at it): the Kubernetes manifest checks need "
                    + "`kubectl kustomize` (kubectl 1.27+, no cluster needed). Install kubectl to run `./mvnw verify`.");
        }
        Process process = new ProcessBuilder(kubectl, "kustomize", K8S.resolve("overlays").resolve(overlay).toString())
                .redirectErrorStream(false).start();
        byte[] out;
        byte[] err;
        try (InputStream stdout = process.getInputStream(); InputStream stderr = process.getErrorStream()) {
            out = stdout.readAllBytes();
            err = stderr.readAllBytes();
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "kubectl kustomize timed out");
        assertEquals(0, process.exitValue(), "kubectl kustomize " + overlay + " failed: " + new String(err, StandardCharsets.UTF_8));
        List<HasMetadata> objects = new ArrayList<>();
        try (var values = new YAMLMapper().readerFor(KubernetesResource.class).<KubernetesResource>readValues(out)) {
            while (values.hasNext()) {
                KubernetesResource resource = values.next();
                if (resource == null) continue;
                assertFalse(resource instanceof GenericKubernetesResource,
                        overlay + ": object the Kubernetes model does not know (typo in apiVersion/kind?): " + resource);
                objects.add((HasMetadata) resource);
            }
        }
        assertFalse(objects.isEmpty(), overlay + " rendered nothing");
        return new Rendered(overlay, objects);
    }

    static boolean onPath(String command) {
        if (command.contains(File.separator)) return Files.isExecutable(Path.of(command));
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }

    static Properties appConfig() throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    static Container container(PodTemplateSpec template, String name) {
        return template.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no env " + name));
    }

    static int containerPort(Container container, IntOrString port) {
        if (port.getIntVal() != null) return port.getIntVal();
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + port.getStrVal()))
                .getContainerPort();
    }

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    @EachOverlay
    @DisplayName("each overlay renders with kubectl kustomize into known, namespace-free objects without Secret values")
    void rendersKnownObjects(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        for (HasMetadata object : rendered.objects()) {
            assertNull(object.getMetadata().getNamespace(), overlay + ": " + object.getKind() + " pins a namespace");
            assertFalse(object.getKind().equals("Namespace") || object.getKind().equals("Secret"),
                    overlay + ": the manifests must not carry " + object.getKind() + " objects");
        }
        Set<String> kinds = new TreeSet<>(rendered.objects().stream().map(HasMetadata::getKind).toList());
        assertTrue(kinds.containsAll(Set.of("Deployment", "Service", "ServiceAccount", "ConfigMap", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "NetworkPolicy", "CronJob")), overlay + " renders " + kinds);
    }

    @EachOverlay
    @DisplayName("startup, readiness and liveness probes call the health endpoints the application serves, on its HTTP port")
    void probesPointAtHealthPaths(String overlay) throws Exception {
        Container app = container(render(overlay).api().getSpec().getTemplate(), APP);
        int port = Integer.parseInt(appConfig().getProperty("quarkus.http.port"));
        Map<String, Probe> probes = Map.of(HealthPaths.STARTED, app.getStartupProbe(), HealthPaths.READY, app.getReadinessProbe(),
                HealthPaths.LIVE, app.getLivenessProbe());
        probes.forEach((path, probe) -> {
            assertNotNull(probe, overlay + ": missing probe for " + path);
            assertEquals(path, probe.getHttpGet().getPath(), overlay + ": probe path");
            assertTrue(HealthPaths.ALL.contains(probe.getHttpGet().getPath()));
            assertEquals(port, containerPort(app, probe.getHttpGet().getPort()), overlay + ": probe port");
        });
        // startup must allow for Flyway migrations: at least two minutes before the kubelet gives up
        Probe startup = app.getStartupProbe();
        assertTrue(startup.getPeriodSeconds() * startup.getFailureThreshold() >= 120, "startup probe budget");
    }

    @EachOverlay
    @DisplayName("image, ports, metrics path and Service agree with the application's configuration")
    void imageAndPortsAgreeWithTheApplication(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        Properties config = appConfig();
        String appName = config.getProperty("quarkus.application.name");
        int port = Integer.parseInt(config.getProperty("quarkus.http.port"));
        PodTemplateSpec template = rendered.api().getSpec().getTemplate();
        Container app = container(template, APP);

        String image = app.getImage();
        String repository = image.substring(0, image.lastIndexOf(':'));
        assertEquals(appName, repository.substring(repository.lastIndexOf('/') + 1), overlay + ": image " + image);
        assertTrue(image.lastIndexOf(':') > image.lastIndexOf('/'), overlay + ": image has an explicit tag: " + image);
        // dev runs the JVM image (built and run by ContainerImageIT), prod the native one; an overlay's `images`
        // entry must name the image as the base already rewrote it, or kustomize silently leaves the tag alone
        assertEquals(overlay.equals("dev"), image.endsWith("-jvm"), overlay + ": JVM image in dev only: " + image);
        assertEquals(port, containerPort(app, new IntOrString("http")), overlay + ": container port");
        ConfigMap appConfigMap = rendered.configMap(app.getEnvFrom().get(0).getConfigMapRef().getName());
        String overriddenPort = appConfigMap.getData().get("QUARKUS_HTTP_PORT");
        assertTrue(overriddenPort == null || Integer.parseInt(overriddenPort) == port, "QUARKUS_HTTP_PORT agrees with the container port");
        assertEquals(String.valueOf(port), template.getMetadata().getAnnotations().get("prometheus.io/port"));
        assertEquals(config.getProperty("quarkus.micrometer.export.prometheus.path"), template.getMetadata().getAnnotations().get("prometheus.io/path"));

        Service service = rendered.one(Service.class, APP);
        assertTrue(selects(service.getSpec().getSelector(), template.getMetadata().getLabels()), "Service selects the API pods");
        assertEquals(port, containerPort(app, service.getSpec().getPorts().get(0).getTargetPort()), "Service target port");
        assertEquals(rendered.one(ServiceAccount.class, APP).getMetadata().getName(), template.getSpec().getServiceAccountName());
    }

    @EachOverlay
    @DisplayName("every pod runs non-root with a read-only root filesystem, no privilege escalation, no capabilities, and sized resources")
    void securityContexts(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        for (PodTemplateSpec template : rendered.podTemplates()) {
            PodSpec pod = template.getSpec();
            String where = overlay + "/" + template.getMetadata().getLabels().get("app.kubernetes.io/component");
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), where + ": runAsNonRoot");
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), where + ": seccomp");
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), where + ": no API token mounted");
            for (Container container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), where + ": allowPrivilegeEscalation");
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), where + ": readOnlyRootFilesystem");
                assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), where + ": capabilities");
                Map<String, Quantity> requests = container.getResources().getRequests();
                assertTrue(requests.containsKey("cpu") && requests.containsKey("memory"), where + ": requests");
                assertTrue(container.getResources().getLimits().containsKey("memory"), where + ": memory limit");
                VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                        .orElseThrow(() -> new AssertionError(where + ": no writable /tmp"));
                Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
                assertNotNull(volume.getEmptyDir(), where + ": /tmp is an emptyDir");
            }
        }
    }

    @EachOverlay
    @DisplayName("Secrets are only referenced (the documented five), ConfigMap references resolve, no credential is a literal")
    void secretsByReferenceOnly(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        Set<String> referencedSecrets = new HashSet<>();
        for (PodTemplateSpec template : rendered.podTemplates()) {
            for (Container container : template.getSpec().getContainers()) {
                for (EnvVar env : container.getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        referencedSecrets.add(env.getValueFrom().getSecretKeyRef().getName());
                    } else if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                        var ref = env.getValueFrom().getConfigMapKeyRef();
                        assertTrue(rendered.configMap(ref.getName()).getData().containsKey(ref.getKey()), overlay + ": key " + ref.getKey());
                    } else {
                        // a path to a mounted Secret (…_FILE, …_LOCATION) is fine; a credential value is not
                        assertFalse(env.getName().matches(".*(PASSWORD|TOKEN|SECRET|PRIVATE).*") && !env.getName().matches(".*_(FILE|LOCATION)"),
                                overlay + ": literal credential " + env.getName());
                    }
                }
                container.getEnvFrom().forEach(from -> rendered.configMap(from.getConfigMapRef().getName()));
            }
            for (Volume volume : template.getSpec().getVolumes()) {
                if (volume.getSecret() != null) referencedSecrets.add(volume.getSecret().getSecretName());
                if (volume.getConfigMap() != null) rendered.configMap(volume.getConfigMap().getName());
            }
        }
        for (ConfigMap configMap : rendered.all(ConfigMap.class)) {
            configMap.getData().keySet().forEach(key ->
                    assertFalse(key.matches("(?i).*(password|token|secret|private).*"), overlay + ": secret-looking key in a ConfigMap: " + key));
        }
        assertEquals(SECRETS, referencedSecrets, overlay + ": the Secrets an operator must create");
        String operations = Files.readString(Path.of("docs", "operations.md"));
        SECRETS.forEach(secret -> assertTrue(operations.contains(secret), "docs/operations.md explains " + secret));
    }

    @EachOverlay
    @DisplayName("HPA, PodDisruptionBudget and NetworkPolicy target the API Deployment and its pods")
    void scalingAndPoliciesTargetTheApi(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        Deployment api = rendered.api();
        Map<String, String> labels = api.getSpec().getTemplate().getMetadata().getLabels();
        HorizontalPodAutoscaler hpa = rendered.one(HorizontalPodAutoscaler.class, APP);
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals(api.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() <= api.getSpec().getReplicas() && api.getSpec().getReplicas() <= hpa.getSpec().getMaxReplicas(),
                overlay + ": replicas within the HPA's range");
        assertTrue(selects(rendered.one(PodDisruptionBudget.class, APP).getSpec().getSelector().getMatchLabels(), labels), "PDB selects the API pods");
        NetworkPolicy policy = rendered.one(NetworkPolicy.class, APP);
        assertTrue(selects(policy.getSpec().getPodSelector().getMatchLabels(), labels), "NetworkPolicy selects the API pods");
        int port = containerPort(container(api.getSpec().getTemplate(), APP), policy.getSpec().getIngress().get(0).getPorts().get(0).getPort());
        assertEquals(Integer.parseInt(appConfig().getProperty("quarkus.http.port")), port, "NetworkPolicy opens the HTTP port");
        assertTrue(selects(api.getSpec().getSelector().getMatchLabels(), labels));
    }

    @EachOverlay
    @DisplayName("SYNC-17: a CUSTOMERS and an ORDERS CronJob, Forbid concurrency, history limits, deadlines, calling the API Service")
    void syncCronJobs(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        Service service = rendered.one(Service.class, APP);
        List<CronJob> cronJobs = rendered.all(CronJob.class);
        Set<String> kinds = new TreeSet<>();
        for (CronJob cronJob : cronJobs) {
            var spec = cronJob.getSpec();
            String name = overlay + "/" + cronJob.getMetadata().getName();
            assertEquals("Forbid", spec.getConcurrencyPolicy(), name);
            assertTrue(spec.getSuccessfulJobsHistoryLimit() > 0 && spec.getFailedJobsHistoryLimit() > 0, name + ": history limits");
            assertNotNull(spec.getStartingDeadlineSeconds(), name + ": startingDeadlineSeconds");
            assertNotNull(spec.getJobTemplate().getSpec().getActiveDeadlineSeconds(), name + ": activeDeadlineSeconds");
            assertEquals(0, spec.getJobTemplate().getSpec().getBackoffLimit(), name + ": a failed trigger is not retried into a 409");
            PodTemplateSpec template = spec.getJobTemplate().getSpec().getTemplate();
            assertEquals("Never", template.getSpec().getRestartPolicy());
            Container trigger = template.getSpec().getContainers().get(0);
            kinds.add(env(trigger, "SYNC_KIND").getValue());

            URI url = URI.create(env(trigger, "MERCHANTDESK_URL").getValue());
            assertEquals(service.getMetadata().getName(), url.getHost(), name + ": calls the API Service");
            assertEquals(service.getSpec().getPorts().get(0).getPort(), url.getPort(), name + ": on the Service port");

            // the script it runs is the tested one, mounted from the generated ConfigMap
            String scriptPath = trigger.getCommand().get(trigger.getCommand().size() - 1);
            VolumeMount mount = trigger.getVolumeMounts().stream().filter(m -> scriptPath.startsWith(m.getMountPath() + "/")).findFirst().orElseThrow();
            Volume volume = template.getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            String script = rendered.configMap(volume.getConfigMap().getName()).getData().get(scriptPath.substring(mount.getMountPath().length() + 1));
            assertEquals(Files.readString(SyncTriggerScriptTest.SCRIPT), script, name + ": runs deploy/k8s/base/scripts/trigger-sync.sh");
            assertTrue(script.contains("/stores/$store/sync-runs"), "the script posts to " + SYNC_PATH);

            // the operator token comes from its Secret; an empty store list keeps the CronJob suspended
            String tokenFile = env(trigger, "SYNC_TOKEN_FILE").getValue();
            VolumeMount tokenMount = trigger.getVolumeMounts().stream().filter(m -> tokenFile.startsWith(m.getMountPath() + "/")).findFirst().orElseThrow();
            Volume tokenVolume = template.getSpec().getVolumes().stream().filter(v -> v.getName().equals(tokenMount.getName())).findFirst().orElseThrow();
            assertEquals("merchantdesk-sync-operator", tokenVolume.getSecret().getSecretName());
            var storesRef = env(trigger, "STORE_IDS").getValueFrom().getConfigMapKeyRef();
            String stores = rendered.configMap(storesRef.getName()).getData().get(storesRef.getKey());
            if (stores == null || stores.isBlank()) {
                assertEquals(Boolean.TRUE, spec.getSuspend(), name + ": no stores configured, so the CronJob must stay suspended");
            }
        }
        assertEquals(Set.of("CUSTOMERS", "ORDERS"), kinds, overlay + ": one CronJob per sync kind");
    }

    @Test
    @DisplayName("SYNC-17: the CronJobs' endpoint is in the packaged application's OpenAPI document (POST, 202, 409, a kind)")
    void cronJobEndpointIsInTheApiContract() throws Exception {
        Path document = Path.of("target", "openapi", "openapi.json");
        assertTrue(Files.exists(document), "package writes " + document);
        JsonNode api = new ObjectMapper().readTree(document.toFile());
        assumeTrue(api.path("paths").has(SYNC_PATH),
                "POST " + SYNC_PATH + " is not in the API yet: this check becomes active when the sync capability is merged");
        JsonNode post = api.path("paths").path(SYNC_PATH).path("post");
        assertFalse(post.isMissingNode(), SYNC_PATH + " answers POST");
        assertTrue(post.path("responses").has("202"), "202 when the run starts");
        assertTrue(post.path("responses").has("409"), "409 when a run is already going");
        JsonNode schema = post.path("requestBody").path("content").path("application/json").path("schema");
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            schema = api.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        assertTrue(schema.path("properties").has("kind"), "the request body has the kind the CronJobs send: " + schema);
        JsonNode kind = schema.path("properties").path("kind");
        if (kind.has("$ref")) {
            String ref = kind.get("$ref").asText();
            kind = api.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        Set<String> kinds = new TreeSet<>();
        kind.path("enum").forEach(value -> kinds.add(value.asText()));
        assertTrue(kinds.containsAll(Set.of("CUSTOMERS", "ORDERS")), "kind accepts what the CronJobs send: " + kinds);
    }

    @Test
    @DisplayName("dev overlay: one API replica and a single-instance PostgreSQL StatefulSet with a PVC, reachable only from the API")
    void devOverlay() throws Exception {
        Rendered dev = render("dev");
        assertEquals(1, dev.api().getSpec().getReplicas());
        StatefulSet postgres = dev.one(StatefulSet.class, "merchantdesk-postgres");
        assertEquals(1, postgres.getSpec().getReplicas());
        assertEquals("merchantdesk-postgres", postgres.getSpec().getServiceName());
        dev.one(Service.class, "merchantdesk-postgres");
        var claim = postgres.getSpec().getVolumeClaimTemplates().get(0);
        assertNotNull(claim.getSpec().getResources().getRequests().get("storage"));
        Container db = container(postgres.getSpec().getTemplate(), "postgres");
        assertTrue(db.getVolumeMounts().stream().anyMatch(m -> m.getName().equals(claim.getMetadata().getName())), "data on the PVC");
        assertEquals("merchantdesk-db", env(db, "POSTGRES_PASSWORD").getValueFrom().getSecretKeyRef().getName());
        NetworkPolicy dbPolicy = dev.one(NetworkPolicy.class, "merchantdesk-postgres");
        assertTrue(selects(dbPolicy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels(),
                dev.api().getSpec().getTemplate().getMetadata().getLabels()), "only API pods reach PostgreSQL");
    }

    @Test
    @DisplayName("prod overlay: external PostgreSQL from the merchantdesk-db Secret, no database in the cluster, more replicas spread over nodes")
    void prodOverlay() throws Exception {
        Rendered prod = render("prod");
        Rendered dev = render("dev");
        assertTrue(prod.all(StatefulSet.class).isEmpty(), "no database in prod");
        Container app = container(prod.api().getSpec().getTemplate(), APP);
        assertEquals("merchantdesk-db", env(app, "QUARKUS_DATASOURCE_JDBC_URL").getValueFrom().getSecretKeyRef().getName());
        assertTrue(prod.api().getSpec().getReplicas() >= 3, "prod replicas");
        assertTrue(prod.api().getSpec().getReplicas() > dev.api().getSpec().getReplicas());
        assertTrue(prod.one(HorizontalPodAutoscaler.class, APP).getSpec().getMinReplicas() >= 3);
        assertFalse(prod.api().getSpec().getTemplate().getSpec().getTopologySpreadConstraints().isEmpty(), "replicas spread");
        ConfigMap config = prod.configMap(app.getEnvFrom().get(0).getConfigMapRef().getName());
        assertEquals("false", config.getData().get("MERCHANTDESK_SWAGGER_UI"), "no Swagger UI in prod");
    }
}
