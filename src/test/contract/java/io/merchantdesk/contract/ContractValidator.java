package io.merchantdesk.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks one HTTP exchange against the OpenAPI 3.1 document the service serves: the operation exists, the
 * status is documented for it, the content type is a documented one, and the body validates against the
 * documented schema (JSON Schema 2020-12 in OpenAPI 3.1's dialect, by networknt's validator, formats asserted).
 * A request body that the document forbids must be refused with a 4xx: the service may be stricter than
 * the document, never more lenient. Used by the REST Assured filter of every {@code @QuarkusTest} and by the
 * proxy in front of the service in the SDK stories, so both read the same rules.
 */
public final class ContractValidator {
    /** Where the document is registered for {@code $ref} resolution; never fetched. */
    private static final String DOC_URI = "https://merchantdesk.test/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<URI, ContractValidator> BY_SERVICE = new ConcurrentHashMap<>();

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<PathTemplate> paths = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /**
     * One exchange as seen on the wire: the raw path and query (percent-encoded as sent; {@code null} without a query),
     * bodies as raw text ({@code null} or empty when none).
     */
    public record Exchange(String method, String path, String query, String requestContentType, String requestBody,
                           int status, String responseContentType, String responseBody) {
    }

    private record PathTemplate(String template, Pattern pattern, int literalSegments) {
    }

    public ContractValidator(JsonNode document) {
        this.document = document;
        String text = document.toString();
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(DOC_URI, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            StringBuilder regex = new StringBuilder("^");
            int literals = 0;
            for (String segment : template.substring(1).split("/", -1)) {
                regex.append('/');
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    regex.append("[^/]+");
                } else {
                    regex.append(Pattern.quote(segment));
                    literals++;
                }
            }
            paths.add(new PathTemplate(template, Pattern.compile(regex.append("$").toString()), literals));
        }
        // A literal segment beats a parameter: /stores/preview is not /stores/{storeId}.
        paths.sort((a, b) -> Integer.compare(b.literalSegments, a.literalSegments));
    }

    /** The validator of the document served at {@code base}/q/openapi, fetched once per service. */
    public static ContractValidator forService(URI base) {
        return BY_SERVICE.computeIfAbsent(base, ContractValidator::fetch);
    }

    private static ContractValidator fetch(URI base) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET /q/openapi answered " + answer.statusCode());
            }
            return new ContractValidator(JSON.readTree(answer.body()));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the served OpenAPI document of " + base, e);
        }
    }

    /** The served document this validator checks against. */
    public JsonNode document() {
        return document;
    }

    /** The documented path template the path falls under, or {@code null} (health, metrics, the document itself). */
    public String template(String path) {
        for (PathTemplate t : paths) {
            if (t.pattern.matcher(path).matches()) return t.template;
        }
        return null;
    }

    /** Every way the exchange departs from the document; empty when it conforms. */
    public List<String> violations(Exchange x) {
        List<String> out = new ArrayList<>();
        String method = x.method().toLowerCase(Locale.ROOT);
        String template = template(x.path());
        if (template == null) {
            // Outside the API (/q/health, /q/metrics, /q/openapi, unknown paths): an error answer is still a problem.
            if (x.status() >= 400 && !x.path().startsWith("/q/") && !"head".equals(method)) {
                checkBody(out, "#/components/schemas/Problem", "Problem", x.responseContentType(), x.responseBody(), true);
                if (!isProblem(x.responseContentType())) out.add("error answer is " + x.responseContentType() + ", not application/problem+json");
            }
            return out;
        }
        JsonNode item = document.path("paths").path(template);
        String pointerMethod = "head".equals(method) ? "get" : method;
        JsonNode operation = item.path(pointerMethod);
        String where = x.method().toUpperCase(Locale.ROOT) + " " + template + " → " + x.status();
        if (operation.isMissingNode() || !METHODS.contains(method)) {
            if ("options".equals(method) && x.status() < 300) return out;
            if (x.status() < 400) out.add(where + ": the operation is not documented, yet it answered " + x.status());
            else if (!isProblem(x.responseContentType())) out.add(where + ": error answer without application/problem+json");
            else if (!"head".equals(method)) { // an answer to HEAD has no body
                checkBody(out, "#/components/schemas/Problem", where, x.responseContentType(), x.responseBody(), true);
            }
            return out;
        }
        String opPointer = "#/paths/" + escape(template) + "/" + pointerMethod;
        checkRequest(out, operation, opPointer, where, x);
        String status = String.valueOf(x.status());
        JsonNode responses = operation.path("responses");
        JsonNode response = responses.path(status);
        String responseKey = status;
        if (response.isMissingNode()) {
            responseKey = status.charAt(0) + "XX";
            response = responses.path(responseKey);
        }
        if (response.isMissingNode()) {
            responseKey = "default";
            response = responses.path("default");
        }
        if (response.isMissingNode()) {
            out.add(where + ": status " + status + " is not documented for the operation (documented: " + fieldNames(responses) + ")");
            return out;
        }
        JsonNode content = response.path("content");
        boolean bodyless = "head".equals(method) || x.status() == 204 || x.status() == 304;
        if (bodyless) return out;
        if (content.isMissingNode() || content.isEmpty()) {
            if (x.responseBody() != null && !x.responseBody().isEmpty()) {
                out.add(where + ": answered a body (" + x.responseContentType() + ") where the document declares none");
            }
            return out;
        }
        String media = mediaKey(content, x.responseContentType());
        if (media == null) {
            out.add(where + ": content type " + x.responseContentType() + " is not documented (documented: " + fieldNames(content) + ")");
            return out;
        }
        if (!content.path(media).has("schema")) return out;
        String pointer = opPointer + "/responses/" + escape(responseKey) + "/content/" + escape(media) + "/schema";
        checkBody(out, pointer, where, x.responseContentType(), x.responseBody(), media.endsWith("json"));
        return out;
    }

    private void checkRequest(List<String> out, JsonNode operation, String opPointer, String where, Exchange x) {
        if (x.status() >= 400) return;
        checkQuery(out, operation, opPointer, where, x.query());
        if (x.requestBody() == null || x.requestBody().isBlank()) return;
        JsonNode content = operation.path("requestBody").path("content");
        if (content.isMissingNode()) {
            out.add(where + ": accepted a request body where the document declares none");
            return;
        }
        String media = mediaKey(content, x.requestContentType());
        if (media == null) {
            out.add(where + ": accepted request content type " + x.requestContentType() + " that is not documented (documented: " + fieldNames(content) + ")");
            return;
        }
        if (!media.endsWith("json") || !content.path(media).has("schema")) return;
        String pointer = opPointer + "/requestBody/content/" + escape(media) + "/schema";
        JsonNode body;
        try {
            body = JSON.readTree(x.requestBody());
        } catch (JsonProcessingException e) {
            out.add(where + ": accepted a request body that is not JSON");
            return;
        }
        for (Error error : schema(pointer).validate(body)) {
            out.add(where + ": accepted a request the document forbids: " + error.getInstanceLocation() + " " + error.getMessage());
        }
    }

    /** Every documented query parameter that was sent must hold what its schema allows; a required one must be sent. */
    private void checkQuery(List<String> out, JsonNode operation, String opPointer, String where, String query) {
        Map<String, List<String>> sent = new java.util.HashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) continue;
                String[] kv = pair.split("=", 2);
                sent.computeIfAbsent(decode(kv[0]), k -> new ArrayList<>()).add(kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        JsonNode parameters = operation.path("parameters");
        for (int i = 0; i < parameters.size(); i++) {
            JsonNode parameter = parameters.get(i);
            if (!"query".equals(parameter.path("in").asText())) continue;
            String name = parameter.path("name").asText();
            List<String> values = sent.get(name);
            if (values == null) {
                if (parameter.path("required").asBoolean()) out.add(where + ": answered 2xx without the required query parameter " + name);
                continue;
            }
            JsonNode schema = parameter.path("schema");
            JsonNode value = "array".equals(schema.path("type").asText())
                    ? JSON.valueToTree(values.stream().map(v -> typed(schema.path("items"), v)).toList())
                    : typed(schema, values.get(values.size() - 1));
            for (Error error : schema(opPointer + "/parameters/" + i + "/schema").validate(value)) {
                out.add(where + ": accepted query parameter " + name + "=" + abbreviate(String.join(",", values))
                        + " that the document forbids: " + error.getMessage());
            }
        }
    }

    /** A query value as the JSON value its schema describes (a value that does not parse stays text, and fails). */
    private static JsonNode typed(JsonNode schema, String value) {
        String type = schema.path("type").asText();
        try {
            return switch (type) {
                case "integer" -> JSON.getNodeFactory().numberNode(new java.math.BigInteger(value));
                case "number" -> JSON.getNodeFactory().numberNode(new java.math.BigDecimal(value));
                case "boolean" -> "true".equals(value) || "false".equals(value)
                        ? JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(value)) : JSON.getNodeFactory().textNode(value);
                default -> JSON.getNodeFactory().textNode(value);
            };
        } catch (NumberFormatException e) {
            return JSON.getNodeFactory().textNode(value);
        }
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private void checkBody(List<String> out, String pointer, String where, String contentType, String body, boolean json) {
        if (!json) return;
        if (body == null || body.isEmpty()) {
            out.add(where + ": empty body, the document declares " + contentType + " content");
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            out.add(where + ": body is not JSON: " + abbreviate(body));
            return;
        }
        for (Error error : schema(pointer).validate(node)) {
            out.add(where + ": " + error.getInstanceLocation() + " " + error.getMessage() + " (was " + abbreviate(String.valueOf(error.getInstanceNode())) + ")");
        }
    }

    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(DOC_URI + p)));
    }

    /** The documented media type key matching the answer's content type (parameters such as charset ignored). */
    private static String mediaKey(JsonNode content, String contentType) {
        if (contentType == null || contentType.isBlank()) return null;
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (Iterator<String> it = content.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equalsIgnoreCase(base) || "*/*".equals(key)) return key;
        }
        return null;
    }

    private static boolean isProblem(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json");
    }

    /** A JSON pointer token (RFC 6901), as written inside a URI fragment. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D");
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
