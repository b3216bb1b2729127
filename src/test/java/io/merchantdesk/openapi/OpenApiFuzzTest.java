package io.merchantdesk.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merchantdesk.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import io.merchantdesk.contract.ContractValidator;
import org.junit.jupiter.api.Test;

/**
 * Reads the served OpenAPI document and sends, for every operation, a valid request and mutated ones: missing
 * fields, wrong types, NUL-carrying and huge strings, out-of-range numbers, unknown enums, duplicate keys,
 * malformed JSON, wrong content types, garbage cursors and ids, odd but validly signed tokens, ids of another
 * tenant. Every answer must be below 500, every 4xx a problem whose {@code status} is the HTTP status, and every
 * answer what the document says the operation answers ({@link ContractValidator}: status, content type, schema);
 * the other tenant's rows must not change. Seeded ({@code -Dfuzz.seed=N}) and bounded by the operation count.
 */
@QuarkusTest
class OpenApiFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NUL = "a\u0000b";
    private static final List<String> EXTREME_NUMBERS = List.of("9223372036854775808", "1e999999999", "-1e999999999",
            "1e-999999999", "-9223372036854775809", "1.7976931348623157e309");
    /** Placeholder a number literal is spliced into, so values Jackson's tree cannot hold reach the server verbatim. */
    private static final String RAW = "\u0001RAW\u0001";

    @TestHTTPResource("/")
    URI root;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> failures = new ArrayList<>();
    /** Answers by mutation and status: printed, and the valid requests' share of 2xx is checked. */
    private final Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
    private int sent;
    private JsonNode document;
    private Random random;

    /** The ids one tenant owns, by the name the OpenAPI document gives the path parameter. */
    record Tenant(Api.User user, Map<String, String> ids) {}

    @Test
    @DisplayName("Fuzz every operation of the served OpenAPI document: no 5xx, every 4xx a problem with its status, no cross-tenant change")
    void everyOperationSurvivesMutatedInput() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20261202L);
        random = new Random(seed);
        document = JSON.readTree(send(HttpRequest.newBuilder(root.resolve("q/openapi?format=json")).GET().build()).body());

        Tenant fuzzer = tenant("fuzzer");
        Tenant victim = tenant("victim");
        Map<String, String> before = digest(victim);

        Map<String, String> tokens = oddTokens();
        TreeMap<String, JsonNode> paths = new TreeMap<>();
        document.get("paths").fields().forEachRemaining(e -> paths.put(e.getKey(), e.getValue()));
        int operations = 0;
        // Reads and creations first, deletions last, so most operations meet existing resources.
        for (String phase : List.of("get", "post", "put", "patch", "delete")) {
            for (Map.Entry<String, JsonNode> path : paths.entrySet()) {
                JsonNode op = path.getValue().get(phase);
                if (op == null || path.getKey().startsWith("/dev/")) continue;
                operations++;
                fuzz(phase.toUpperCase(), path.getKey(), op, fuzzer, victim, tokens);
            }
        }

        Map<String, String> after = digest(victim);
        statuses.forEach((kind, counts) -> System.out.println("fuzz " + kind + ": " + counts));
        Map<Integer, Integer> valid = statuses.getOrDefault("valid", Map.of());
        int ok = valid.entrySet().stream().filter(e -> e.getKey() < 300).mapToInt(Map.Entry::getValue).sum();
        int all = valid.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(ok * 2 >= all, "at least half of the generated valid requests succeed (" + ok + " of " + all + "), else the fuzz tests only the edge");
        assertTrue(operations > 50, "the document lists the API's operations (" + operations + ")");
        assertTrue(failures.isEmpty(), failures.size() + " bad answers of " + sent + " requests (seed " + seed + "):\n" + report());
        assertEquals(before, after, "the other tenant's rows changed");
    }

    // --- one operation ---------------------------------------------------------------------------

    private void fuzz(String method, String template, JsonNode op, Tenant me, Tenant other, Map<String, String> tokens) throws Exception {
        List<JsonNode> params = new ArrayList<>();
        if (op.has("parameters")) op.get("parameters").forEach(p -> params.add(resolve(p)));
        JsonNode bodySchema = op.path("requestBody").path("content").path("application/json").path("schema");
        boolean hasBody = !bodySchema.isMissingNode();
        JsonNode validBody = hasBody ? generate(resolve(bodySchema), "body", me, 0) : null;

        Function<Map<String, String>, String> pathOf = overrides -> {
            String p = template;
            for (JsonNode param : params) {
                if (!"path".equals(param.path("in").asText())) continue;
                String name = param.get("name").asText();
                String value = overrides.containsKey(name) ? overrides.get(name)
                        : me.ids().getOrDefault(name, UUID.randomUUID().toString());
                p = p.replace("{" + name + "}", value);
            }
            return p;
        };
        Map<String, String> validQuery = new LinkedHashMap<>();
        for (JsonNode param : params) {
            if (!"query".equals(param.path("in").asText())) continue;
            String name = param.get("name").asText();
            JsonNode s = resolve(param.path("schema"));
            if (name.equals("cursor")) continue;
            if (name.equals("limit")) validQuery.put(name, "5");
            else if (s.has("enum")) validQuery.put(name, s.get("enum").get(0).asText());
            else if ("boolean".equals(s.path("type").asText())) validQuery.put(name, "false");
            else if ("uuid".equals(s.path("format").asText())) validQuery.put(name, me.ids().getOrDefault(name, UUID.randomUUID().toString()));
            else if (name.equals("q")) validQuery.put(name, "a");
        }
        String label = method + " " + template;
        String token = me.user().token();
        String valid = hasBody ? JSON.writeValueAsString(validBody) : null;

        // the valid request, and the same request with odd tokens
        call(label + " [valid]", method, pathOf.apply(Map.of()), validQuery, token, "application/json", valid);
        for (Map.Entry<String, String> t : tokens.entrySet()) {
            call(label + " [token " + t.getKey() + "]", method, pathOf.apply(Map.of()), validQuery, t.getValue(), "application/json", valid);
        }

        // path parameters: garbage, NUL, very long, and the other tenant's id
        for (JsonNode param : params) {
            if (!"path".equals(param.path("in").asText())) continue;
            String name = param.get("name").asText();
            for (String bad : List.of("not-a-uuid", "%00", "a%00b", "x".repeat(3000), "%C3%28", "%F0%9F%98%80")) {
                call(label + " [path " + name + "=" + abbreviate(bad) + "]", method, pathOf.apply(Map.of(name, bad)), validQuery, token,
                        "application/json", valid);
            }
            if (other.ids().containsKey(name)) {
                call(label + " [path " + name + " of another tenant]", method, pathOf.apply(Map.of(name, other.ids().get(name))),
                        validQuery, token, "application/json", valid);
            }
        }
        // every path parameter of the other tenant at once: the cross-tenant write attempt
        Map<String, String> foreign = new HashMap<>();
        for (JsonNode param : params) {
            String name = param.path("name").asText();
            if ("path".equals(param.path("in").asText()) && other.ids().containsKey(name)) foreign.put(name, other.ids().get(name));
        }
        if (!foreign.isEmpty()) {
            call(label + " [all ids of another tenant]", method, pathOf.apply(foreign), validQuery, token, "application/json",
                    hasBody ? JSON.writeValueAsString(generate(resolve(bodySchema), "body", other, 0)) : null);
        }

        // query parameters: NUL, garbage, forged cursors, limits out of range
        for (JsonNode param : params) {
            if (!"query".equals(param.path("in").asText())) continue;
            String name = param.get("name").asText();
            List<String> bads = new ArrayList<>(List.of("%00", "a%00b", "not-a-valid-value", "x".repeat(3000), "%C3%28"));
            if (name.equals("cursor")) {
                bads.addAll(List.of(cursor("x"), cursor("2020-01-01T00:00:00Z", "not-a-uuid"), cursor("a", "b", "c", "d"),
                        cursor(UUID.randomUUID().toString()), cursor("x", UUID.randomUUID().toString()),
                        cursor("99999-01-01T00:00:00Z", UUID.randomUUID().toString()), "e30", "bnVsbA", "W251bGxd"));
            }
            if (name.equals("limit")) bads.addAll(List.of("-1", "0", "99999999999", "1e3", "2.5"));
            for (String bad : bads) {
                Map<String, String> q = new LinkedHashMap<>(validQuery);
                q.put(name, bad);
                call(label + " [query " + name + "=" + abbreviate(bad) + "]", method, pathOf.apply(Map.of()), q, token, "application/json", valid);
            }
        }

        if (!hasBody) return;
        String path = pathOf.apply(Map.of());
        List<String> bodies = new ArrayList<>();
        List<String> names = new ArrayList<>();
        add(bodies, names, "empty object", "{}");
        add(bodies, names, "array", "[]");
        add(bodies, names, "null", "null");
        add(bodies, names, "number", "42");
        add(bodies, names, "truncated", valid.substring(0, Math.max(1, valid.length() / 2)));
        add(bodies, names, "trailing garbage", valid + "}}");
        add(bodies, names, "duplicate keys", duplicateFirstKey(valid));
        add(bodies, names, "NUL in every string", JSON.writeValueAsString(mapStrings(validBody, s -> NUL)));
        add(bodies, names, "escaped NUL", JSON.writeValueAsString(mapStrings(validBody, s -> "x")).replace("\"x\"", "\"\\u0000\""));
        add(bodies, names, "lone surrogate", JSON.writeValueAsString(mapStrings(validBody, s -> "x")).replace("\"x\"", "\"\\ud800\""));
        add(bodies, names, "huge strings", JSON.writeValueAsString(mapStrings(validBody, s -> "y".repeat(20_000))));
        add(bodies, names, "wrong types", JSON.writeValueAsString(wrongTypes(validBody)));
        add(bodies, names, "unknown enums", JSON.writeValueAsString(unknownEnums(validBody, resolve(bodySchema))));
        for (String n : EXTREME_NUMBERS) {
            add(bodies, names, "number " + n, JSON.writeValueAsString(mapNumbers(validBody)).replace("\"" + RAW + "\"", n));
        }
        add(bodies, names, "deep nesting", "[".repeat(5000) + "]".repeat(5000));
        for (int i = 0; i < bodies.size(); i++) {
            call(label + " [body " + names.get(i) + "]", method, path, validQuery, token, "application/json", bodies.get(i));
        }
        call(label + " [content-type text/plain]", method, path, validQuery, token, "text/plain", valid);
        call(label + " [content-type xml]", method, path, validQuery, token, "application/xml", "<a/>");
        call(label + " [no content-type]", method, path, validQuery, token, null, valid);
        call(label + " [body over the limit]", method, path, validQuery, token, "application/json", "[" + "1,".repeat(600_000) + "1]");
    }

    /** Failures grouped by mutation, with the first two examples of each, so one run shows every class. */
    private String report() {
        Map<String, List<String>> byMutation = new TreeMap<>();
        for (String f : failures) {
            int open = f.indexOf('['), close = f.indexOf(']', open);
            String kind = open < 0 ? "?" : f.substring(open + 1, close).replaceAll("=.*", "=…");
            byMutation.computeIfAbsent(kind, k -> new ArrayList<>()).add(f);
        }
        StringBuilder sb = new StringBuilder();
        byMutation.forEach((kind, list) -> {
            sb.append("  ").append(list.size()).append(" x [").append(kind).append("]\n");
            list.stream().limit(2).forEach(f -> sb.append("      ").append(f).append('\n'));
        });
        return sb.toString();
    }

    private static void add(List<String> bodies, List<String> names, String name, String body) {
        names.add(name);
        bodies.add(body);
    }

    // --- sending and judging ----------------------------------------------------------------------

    private void call(String label, String method, String path, Map<String, String> query, String token, String contentType, String body) {
        StringBuilder uri = new StringBuilder(root.toString().replaceAll("/$", "")).append(path);
        char sep = '?';
        for (Map.Entry<String, String> q : query.entrySet()) {
            uri.append(sep).append(q.getKey()).append('=').append(q.getValue().replace(" ", "%20"));
            sep = '&';
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(30));
        } catch (IllegalArgumentException e) {
            return; // not expressible as a URI at all: no server sees it
        }
        if (token != null) request.header("Authorization", "Bearer " + token);
        request.header("Accept", "application/json");
        if (body != null && contentType != null) request.header("Content-Type", contentType);
        if (body != null && ("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method))) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            // large bodies go chunked (no Content-Length), as streaming clients send them
            request.method(method, bytes.length > 500_000
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                    : HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = send(request.build());
        } catch (Exception e) {
            failures.add(label + " -> no answer: " + e);
            return;
        }
        judge(label, response);
        URI sentUri = URI.create(uri.toString());
        contract(label, method, sentUri.getRawPath(), sentUri.getRawQuery(), contentType, body, response);
    }

    /** Every answer, valid request or hostile, must be what the document says that operation answers. */
    private void contract(String label, String method, String path, String query, String contentType, String body,
                          HttpResponse<String> response) {
        ContractValidator validator = ContractValidator.forService(URI.create(root.getScheme() + "://" + root.getRawAuthority()));
        List<String> violations = validator.violations(new ContractValidator.Exchange(method, path, query, contentType, body,
                response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body()));
        for (String v : violations) failures.add(label + " -> contract: " + v);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        sent++;
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void judge(String label, HttpResponse<String> response) {
        int status = response.statusCode();
        int open = label.indexOf('[');
        String kind = label.substring(open + 1, label.indexOf(']', open)).replaceAll("=.*", "=…").replaceAll(" [a-z]+Id", " id");
        statuses.computeIfAbsent(kind, k -> new TreeMap<>()).merge(status, 1, Integer::sum);
        if (status >= 500) {
            failures.add(label + " -> " + status + " " + abbreviate(response.body()));
            return;
        }
        if (status < 400) return;
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            failures.add(label + " -> " + status + " with content type '" + type + "': " + abbreviate(response.body()));
            return;
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem.path("status").asInt() != status || problem.path("code").asText().isEmpty()) {
                failures.add(label + " -> " + status + " problem with status " + problem.path("status") + ", code " + problem.path("code"));
            }
        } catch (Exception e) {
            failures.add(label + " -> " + status + " problem body is not JSON: " + abbreviate(response.body()));
        }
    }

    private static String abbreviate(String s) {
        String flat = s == null ? "" : s.replace('\n', ' ');
        return flat.length() > 160 ? flat.substring(0, 160) + "…(" + flat.length() + ")" : flat;
    }

    // --- valid values from the schema ---------------------------------------------------------------

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            current = document.at(ref.substring(1));
        }
        if (current.has("allOf")) {
            ObjectNode merged = NODES.objectNode();
            ObjectNode properties = merged.putObject("properties");
            ArrayNode required = merged.putArray("required");
            merged.put("type", "object");
            for (JsonNode part : current.get("allOf")) {
                JsonNode r = resolve(part);
                if (r.has("properties")) properties.setAll((ObjectNode) r.get("properties"));
                if (r.has("required")) required.addAll((ArrayNode) r.get("required"));
                if (r.has("enum") || r.has("format") || r.has("type") && !"object".equals(r.path("type").asText())) return r;
            }
            return merged;
        }
        if (current.has("oneOf")) return resolve(current.get("oneOf").get(0));
        if (current.has("anyOf")) return resolve(current.get("anyOf").get(0));
        return current;
    }

    private JsonNode generate(JsonNode schema, String name, Tenant tenant, int depth) {
        JsonNode s = resolve(schema);
        if (depth > 6) return NODES.nullNode();
        if (s.has("enum")) return s.get("enum").get(0);
        JsonNode example = s.has("examples") && s.get("examples").isArray() && !s.get("examples").isEmpty() ? s.get("examples").get(0)
                : s.get("example");
        String type = s.path("type").asText(s.has("properties") ? "object" : "string");
        switch (type) {
            case "object": {
                ObjectNode o = NODES.objectNode();
                Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> p = it.next();
                    if (p.getValue().path("readOnly").asBoolean(false)) continue;
                    o.set(p.getKey(), generate(p.getValue(), p.getKey(), tenant, depth + 1));
                }
                return o;
            }
            case "array": {
                ArrayNode a = NODES.arrayNode();
                a.add(generate(s.path("items"), name, tenant, depth + 1));
                return a;
            }
            case "integer":
                if (example != null && example.canConvertToLong()) return example;
                return NODES.numberNode(Math.max(1, s.path("minimum").asLong(1)));
            case "number":
                return example != null && example.isNumber() ? example : NODES.numberNode(1);
            case "boolean":
                return NODES.booleanNode(false);
            default: {
                String format = s.path("format").asText();
                if ("uuid".equals(format)) {
                    return NODES.textNode(tenant.ids().getOrDefault(name, UUID.randomUUID().toString()));
                }
                if (example != null && example.isValueNode()) return NODES.textNode(example.asText());
                if ("date-time".equals(format)) return NODES.textNode("2026-01-01T00:00:00Z");
                if ("date".equals(format)) return NODES.textNode("2026-01-01");
                if ("email".equals(format) || name.toLowerCase().contains("email")) return NODES.textNode(Api.unique("fuzz") + "@example.com");
                if ("decimal".equals(format)) return NODES.textNode("10.00");
                return NODES.textNode("fuzz-" + random.nextInt(1_000_000));
            }
        }
    }

    // --- mutations --------------------------------------------------------------------------------

    private static JsonNode mapStrings(JsonNode node, Function<String, String> f) {
        if (node.isTextual()) return NODES.textNode(f.apply(node.asText()));
        if (node.isObject()) {
            ObjectNode o = NODES.objectNode();
            node.fields().forEachRemaining(e -> o.set(e.getKey(), mapStrings(e.getValue(), f)));
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = NODES.arrayNode();
            node.forEach(n -> a.add(mapStrings(n, f)));
            return a;
        }
        return node;
    }

    /** Every number, and every decimal string, becomes the RAW placeholder. */
    private static JsonNode mapNumbers(JsonNode node) {
        if (node.isNumber() || node.isTextual() && node.asText().matches("-?\\d+(\\.\\d+)?")) return NODES.textNode(RAW);
        if (node.isObject()) {
            ObjectNode o = NODES.objectNode();
            node.fields().forEachRemaining(e -> o.set(e.getKey(), mapNumbers(e.getValue())));
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = NODES.arrayNode();
            node.forEach(n -> a.add(mapNumbers(n)));
            return a;
        }
        return node;
    }

    private static JsonNode wrongTypes(JsonNode node) {
        if (node.isTextual()) return NODES.numberNode(12345);
        if (node.isNumber()) return NODES.textNode("not a number");
        if (node.isBoolean()) return NODES.textNode("maybe");
        if (node.isArray()) return NODES.objectNode().put("not", "an array");
        if (node.isObject()) {
            ObjectNode o = NODES.objectNode();
            node.fields().forEachRemaining(e -> o.set(e.getKey(), e.getValue().isObject() ? NODES.arrayNode().add(1) : wrongTypes(e.getValue())));
            return o;
        }
        return node;
    }

    private JsonNode unknownEnums(JsonNode node, JsonNode schema) {
        JsonNode s = resolve(schema);
        if (s.has("enum")) return NODES.textNode("NOT_A_VALUE");
        if (node.isObject()) {
            ObjectNode o = NODES.objectNode();
            node.fields().forEachRemaining(e -> o.set(e.getKey(), unknownEnums(e.getValue(), s.path("properties").path(e.getKey()))));
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = NODES.arrayNode();
            node.forEach(n -> a.add(unknownEnums(n, s.path("items"))));
            return a;
        }
        return node;
    }

    private static String duplicateFirstKey(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (!node.isObject() || node.isEmpty()) return "{\"a\":1,\"a\":2}";
            String key = node.fieldNames().next();
            return "{" + JSON.writeValueAsString(key) + ":" + JSON.writeValueAsString(node.get(key)) + "," + json.substring(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cursor(String... keys) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(List.of(keys)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- tenants, tokens, digests -------------------------------------------------------------------

    private Map<String, String> oddTokens() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("none", null);
        tokens.put("garbage", "abc.def.ghi");
        tokens.put("NUL subject", Jwt.issuer(issuer).subject("fuzz\u0000sub").claim("email", "n@example.com").sign());
        tokens.put("NUL email", Jwt.issuer(issuer).subject(Api.unique("fuzz")).claim("email", "n\u0000@example.com").claim("name", "n\u0000").sign());
        tokens.put("huge subject", Jwt.issuer(issuer).subject("s".repeat(2000)).sign());
        tokens.put("lone surrogate subject", Jwt.issuer(issuer).subject("fuzz\ud800").sign());
        tokens.put("empty subject", Jwt.issuer(issuer).subject("").sign());
        tokens.put("numeric email, groups string", Jwt.issuer(issuer).subject(Api.unique("fuzz")).claim("email", 42).claim("groups", "platform-admin").sign());
        tokens.put("wrong issuer", Jwt.issuer("https://evil.example").subject(Api.unique("fuzz")).sign());
        return tokens;
    }

    private Tenant tenant(String label) {
        Api.User user = Api.user(label);
        Map<String, String> ids = new HashMap<>();
        ids.put("userId", user.id());
        String store = user.as().body(Map.of("name", Api.unique("store"), "billingCurrency", "USD", "plan", "GROW"))
                .post("/stores").then().statusCode(201).extract().path("id");
        String store2 = user.as().body(Map.of("name", Api.unique("store"), "billingCurrency", "USD", "plan", "GROW"))
                .post("/stores").then().statusCode(201).extract().path("id");
        ids.put("storeId", store);
        ids.put("store2", store2);
        String card = user.as().body(Map.of("type", "CARD", "label", "Visa ending 4242", "primary", true))
                .post("/stores/" + store + "/payment-methods").then().statusCode(201).extract().path("id");
        ids.put("paymentMethodId", card);
        String org = user.as().body(Map.of("name", Api.unique("org"), "storeIds", List.of(store, store2), "paymentMethodId", card))
                .post("/organizations").then().statusCode(201).extract().path("organization.id");
        ids.put("orgId", org);
        ids.put("organizationId", org);
        Map<String, Object> customer = new HashMap<>(Map.of("firstName", "Ada", "lastName", "Lovelace", "email", Api.unique("ada") + "@example.com"));
        String customerId = user.as().body(customer).post("/stores/" + store + "/customers").then().statusCode(201).extract().path("id");
        ids.put("customerId", customerId);
        Map<String, Object> address = Map.of("firstName", "Ada", "lastName", "Lovelace", "address1", "12 St James's Square",
                "city", "London", "countryCode", "GB", "zip", "SW1Y 4LB");
        String order = user.as().body(Map.of("customerId", customerId, "shippingAddress", address,
                        "lineItems", List.of(Map.of("title", "Desk", "sku", "DESK-1", "quantity", 2, "unitPrice", "125.50"))))
                .post("/stores/" + store + "/orders").then().statusCode(201).extract().path("id");
        ids.put("orderId", order);
        String company = user.as().body(Map.of("name", Api.unique("company"))).post("/stores/" + store + "/companies")
                .then().statusCode(201).extract().path("id");
        ids.put("companyId", company);
        String location = user.as().body(Map.of("name", Api.unique("location"), "billingAddress", address, "shippingAddress", address))
                .post("/stores/" + store + "/companies/" + company + "/locations").then().statusCode(201).extract().path("id");
        ids.put("locationId", location);
        String partner = user.as().body(Map.of("name", Api.unique("agency"))).post("/partners").then().statusCode(201).extract().path("id");
        ids.put("partnerId", partner);
        String domain = Api.unique("shop").toLowerCase() + ".no";
        Map<String, Object> lead = new HashMap<>();
        lead.put("type", "POS");
        lead.put("contactName", "Kari");
        lead.put("email", "kari@" + domain);
        lead.put("phone", "+47 22 33 44 55");
        lead.put("companyName", "Company " + domain);
        lead.put("websiteUrl", "https://www." + domain + "/shop");
        lead.put("country", "NO");
        lead.put("salesSupportRequested", false);
        String leadId = user.as().body(lead).post("/partners/" + partner + "/leads").then().statusCode(201).extract().path("id");
        ids.put("leadId", leadId);
        String erp = user.as().body(Map.of("name", Api.unique("erp"))).post("/erp-companies").then().statusCode(201).extract().path("id");
        ids.put("erpCompanyId", erp);
        ids.put("code", "RETAIL");
        ids.put("countryCode", "NO");
        return new Tenant(user, ids);
    }

    /** A digest of every row the tenant owns, table by table. */
    private Map<String, String> digest(Tenant t) throws Exception {
        Map<String, String> ids = t.ids();
        Map<String, String> digests = new TreeMap<>();
        String stores = "ARRAY[CAST('" + ids.get("storeId") + "' AS uuid), CAST('" + ids.get("store2") + "' AS uuid)]";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("users", "SELECT * FROM users WHERE id = '" + ids.get("userId") + "'");
        queries.put("stores", "SELECT * FROM stores WHERE id = ANY(" + stores + ")");
        queries.put("store_staff", "SELECT * FROM store_staff WHERE store_id = ANY(" + stores + ")");
        queries.put("payment_methods", "SELECT * FROM payment_methods WHERE store_id = ANY(" + stores + ") OR organization_id = '" + ids.get("orgId") + "'");
        queries.put("organizations", "SELECT * FROM organizations WHERE id = '" + ids.get("orgId") + "'");
        queries.put("organization_members", "SELECT * FROM organization_members WHERE organization_id = '" + ids.get("orgId") + "'");
        queries.put("customers", "SELECT * FROM customers WHERE store_id = ANY(" + stores + ")");
        queries.put("orders", "SELECT * FROM orders WHERE store_id = ANY(" + stores + ")");
        queries.put("companies", "SELECT * FROM companies WHERE store_id = ANY(" + stores + ")");
        queries.put("company_locations", "SELECT * FROM company_locations WHERE store_id = ANY(" + stores + ")");
        queries.put("partners", "SELECT * FROM partners WHERE id = '" + ids.get("partnerId") + "'");
        queries.put("partner_members", "SELECT * FROM partner_members WHERE partner_id = '" + ids.get("partnerId") + "'");
        queries.put("leads", "SELECT * FROM leads WHERE partner_id = '" + ids.get("partnerId") + "'");
        queries.put("erp_companies", "SELECT * FROM erp_companies WHERE id = '" + ids.get("erpCompanyId") + "'");
        queries.put("erp_customers", "SELECT * FROM erp_customers WHERE erp_company_id = '" + ids.get("erpCompanyId") + "'");
        queries.put("erp_connections", "SELECT * FROM erp_connections WHERE store_id = ANY(" + stores + ")");
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<String, String> q : queries.entrySet()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM (" + q.getValue() + ") t");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    digests.put(q.getKey(), rs.getString(1));
                }
            }
        }
        return digests;
    }
}
