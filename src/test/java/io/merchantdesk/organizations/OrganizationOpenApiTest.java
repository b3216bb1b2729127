package io.merchantdesk.organizations;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The organizations package's part of the served OpenAPI document: described operations and enums, honest required fields. */
@QuarkusTest
class OrganizationOpenApiTest {
    private static final Set<String> TAGS = Set.of("Organizations", "Stores", "Identity");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private JsonNode doc;

    @BeforeEach
    void load() throws Exception {
        doc = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
    }

    @Test
    @DisplayName("Every Organizations, Stores and Identity operation has a description, not just a summary")
    void everyOperationDescribed() {
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (!METHODS.contains(op.getKey())) continue;
                JsonNode o = op.getValue();
                boolean ours = false;
                for (JsonNode tag : o.path("tags")) ours |= TAGS.contains(tag.asText());
                if (!ours) continue;
                operations++;
                String description = o.path("description").asText();
                if (description.isBlank() || description.equals(o.path("summary").asText())) {
                    missing.add(op.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }
        assertTrue(operations >= 25, "found the package's operations: " + operations);
        assertEquals(List.of(), missing, "operations without a description");
    }

    @Test
    @DisplayName("Every enum of the package has a description that explains each of its values")
    void everyEnumValueDescribed() {
        List<String> defects = new ArrayList<>();
        for (String name : List.of("Plan", "PaymentMethodType", "BillingRole", "PermissionRemovalReason", "MemberRole",
                "OrganizationRole", "Permission", "PermissionLevel")) {
            JsonNode schema = doc.path("components").path("schemas").path(name);
            String description = schema.path("description").asText();
            if (!schema.path("enum").isArray() || schema.path("enum").isEmpty()) defects.add(name + ": not an enum schema");
            for (JsonNode value : schema.path("enum")) {
                if (!description.contains(value.asText() + " =") && !description.contains(value.asText() + ",")
                        && !description.contains(value.asText() + " and")) {
                    defects.add(name + "." + value.asText() + " not explained");
                }
            }
        }
        assertEquals(List.of(), defects);
    }

    @Test
    @DisplayName("Fields required by validation are required in the schema; the preview's paymentMethodId is optional, create's is not")
    void requiredFieldsAsValidated() {
        assertRequired("CreateOrganizationRequest", "name", "paymentMethodId", "storeIds");
        assertRequired("PreviewOrganizationRequest", "storeIds");
        assertRequired("AddStoreRequest", "storeId");
        assertRequired("MemberRequest", "permissions", "role");
        assertRequired("OwnershipTransferRequest", "newOwnerId");
        assertRequired("StoreChargeRequest", "amount", "description");
        assertRequired("CreateStoreRequest", "billingCurrency", "name", "plan");
        assertRequired("StaffRequest", "permissions");
        assertRequired("CreatePaymentMethodRequest", "label", "type");
        assertRequired("DevTokenRequest", "subject");
    }

    @Test
    @DisplayName("GET /organizations/{orgId}/members is a documented page with limit and cursor")
    void membersIsAPage() {
        JsonNode op = doc.path("paths").path("/organizations/{orgId}/members").path("get");
        Set<String> params = new TreeSet<>();
        op.path("parameters").forEach(p -> params.add(p.path("name").asText()));
        assertTrue(params.containsAll(Set.of("limit", "cursor")), "paging parameters: " + params);
        assertTrue(op.path("responses").path("200").path("content").path("application/json").path("schema").path("$ref")
                .asText().endsWith("/MemberPage"));
        JsonNode page = doc.path("components").path("schemas").path("MemberPage").path("properties");
        assertTrue(page.has("items") && page.has("nextCursor"), "items and nextCursor: " + page);
    }

    private void assertRequired(String schema, String... fields) {
        Set<String> required = new TreeSet<>();
        doc.path("components").path("schemas").path(schema).path("required").forEach(r -> required.add(r.asText()));
        assertEquals(new TreeSet<>(List.of(fields)), required, schema + " required");
    }
}
