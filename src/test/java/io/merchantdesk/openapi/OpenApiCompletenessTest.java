package io.merchantdesk.openapi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fails when any operation of the served document lacks what SDK users and Swagger UI users rely on. */
@QuarkusTest
class OpenApiCompletenessTest {
    @Test
    @org.junit.jupiter.api.DisplayName("Every operation has operationId, tag, summary, description, typed answers and problem examples; every enum is described")
    void everyOperationIsFullyDocumented() throws Exception {
        JsonNode doc = ServedOpenApi.document();
        List<String> defects = new ArrayList<>();
        Set<String> operationIds = new java.util.HashSet<>();
        assertTrue(doc.path("components").path("securitySchemes").size() > 0, "a bearer security scheme is declared");
        for (ServedOpenApi.Operation op : ServedOpenApi.operations(doc)) {
            String where = op.where();
            JsonNode o = op.node();
            if (o.path("operationId").asText().isBlank()) defects.add(where + ": no operationId");
            else if (!operationIds.add(o.path("operationId").asText())) defects.add(where + ": duplicate operationId");
            if (!o.path("tags").isArray() || o.path("tags").isEmpty()) defects.add(where + ": no tag");
            if (o.path("summary").asText().isBlank()) defects.add(where + ": no summary");
            if (o.path("description").asText().isBlank()) defects.add(where + ": no description (issue 15: every operation described)");
            boolean success = false;
            boolean problem4xx = false;
            for (Map.Entry<String, JsonNode> r : o.path("responses").properties()) {
                String code = r.getKey();
                JsonNode content = r.getValue().path("content");
                if (code.startsWith("2")) {
                    boolean noContent = code.equals("204") || code.equals("202") && content.isMissingNode();
                    boolean hasSchema = false;
                    for (Map.Entry<String, JsonNode> m : content.properties()) {
                        hasSchema |= !m.getValue().path("schema").isMissingNode();
                    }
                    success |= hasSchema || code.equals("204");
                    if (!hasSchema && !noContent) defects.add(where + ": " + code + " without a schema");
                }
                if (code.startsWith("4") && !content.path("application/problem+json").path("schema").isMissingNode()) {
                    problem4xx = true;
                }
                if (code.startsWith("4") || code.startsWith("5")) {
                    // every problem answer: problem+json with the Problem schema and an example of its own status
                    JsonNode problem = content.path("application/problem+json");
                    if (!problem.path("schema").path("$ref").asText().endsWith("/Problem")) {
                        defects.add(where + ": " + code + " without the Problem schema");
                    }
                    JsonNode example = problem.path("example");
                    if (example.path("code").asText().isBlank()) defects.add(where + ": " + code + " without an example code");
                    else if (example.path("status").asInt() != Integer.parseInt(code)) {
                        defects.add(where + ": " + code + " shows an example of status " + example.path("status"));
                    }
                }
                if (r.getValue().path("description").asText().isBlank()) defects.add(where + ": " + code + " without a description");
            }
            if (!success) defects.add(where + ": no 2xx response with a schema");
            if (!problem4xx) defects.add(where + ": no problem+json 4xx response");
        }
        // every enum explains its values: a schema-level description on each enum schema
        for (Map.Entry<String, JsonNode> schema : doc.path("components").path("schemas").properties()) {
            if (schema.getValue().has("enum") && schema.getValue().path("description").asText().isBlank()) {
                defects.add("schema " + schema.getKey() + ": an enum without a description of its values");
            }
        }
        assertTrue(doc.path("paths").size() > 0, "the document lists paths");
        assertTrue(defects.isEmpty(), "OpenAPI defects:\n" + String.join("\n", defects));
    }
}
