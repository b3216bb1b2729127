package io.merchantdesk.openapi;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.merchantdesk.contract.ContractValidator;
import io.restassured.RestAssured;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/** The OpenAPI document the service under test serves, and the reading every OpenAPI test does of it. */
public final class ServedOpenApi {
    /** The keys of a path item that are operations. */
    public static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private ServedOpenApi() {}

    /**
     * GET /q/openapi?format=json of the application under test, read once per application by the contract validator
     * (the same document every answer is checked against).
     */
    public static JsonNode document() {
        URI base = URI.create(RestAssured.baseURI + ":" + RestAssured.port);
        return ContractValidator.forService(base).document();
    }

    /** One operation of the document: its method (lower case), path and node. */
    public record Operation(String method, String path, JsonNode node) {
        /** "POST /stores", as defect messages name an operation. */
        public String where() {
            return method.toUpperCase() + " " + path;
        }

        public String description() {
            return node.path("description").asText();
        }

        public String summary() {
            return node.path("summary").asText();
        }

        public boolean taggedAnyOf(Set<String> tags) {
            for (JsonNode tag : node.path("tags")) {
                if (tags.contains(tag.asText())) return true;
            }
            return false;
        }

        /** The documented answer of the status, a missing node where there is none. */
        public JsonNode response(String status) {
            return node.path("responses").path(status);
        }
    }

    /** Every operation of the document, path by path, in document order. */
    public static List<Operation> operations(JsonNode doc) {
        List<Operation> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (METHODS.contains(op.getKey())) out.add(new Operation(op.getKey(), path.getKey(), op.getValue()));
            }
        }
        return out;
    }

    /** The component schema of the name, asserting it is documented. */
    public static JsonNode schema(JsonNode doc, String name) {
        JsonNode s = doc.path("components").path("schemas").path(name);
        assertFalse(s.isMissingNode(), "schema " + name + " is documented");
        return s;
    }

    /** The property names the schema lists as required, sorted. */
    public static Set<String> required(JsonNode schema) {
        Set<String> out = new TreeSet<>();
        schema.path("required").forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * What is wrong with the named enum schemas' descriptions: not an enum, no description, or a value the
     * description does not explain, where {@code explains(description, value)} says what explaining takes.
     */
    public static List<String> enumDefects(JsonNode doc, List<String> names, BiPredicate<String, String> explains) {
        List<String> defects = new ArrayList<>();
        for (String name : names) {
            JsonNode s = schema(doc, name);
            if (!s.path("enum").isArray() || s.path("enum").isEmpty()) {
                defects.add(name + ": not an enum schema");
                continue;
            }
            String description = s.path("description").asText();
            if (description.isBlank()) defects.add(name + ": no description");
            for (JsonNode value : s.path("enum")) {
                if (!explains.test(description, value.asText())) defects.add(name + ": " + value.asText() + " is not explained");
            }
        }
        return defects;
    }
}
