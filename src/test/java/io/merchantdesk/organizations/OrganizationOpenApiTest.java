package io.merchantdesk.organizations;

import static io.merchantdesk.openapi.ServedOpenApi.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The organizations package's part of the served OpenAPI document: described operations and enums, honest required fields. */
@QuarkusTest
class OrganizationOpenApiTest {
    private static final Set<String> TAGS = Set.of("Organizations", "Stores", "Identity");
    private JsonNode doc;

    /** Read per test, not at construction: REST Assured knows the application's port only once the test runs. */
    @BeforeEach
    void readDocument() {
        doc = document();
    }

    @Test
    @DisplayName("Every Organizations, Stores and Identity operation has a description, not just a summary")
    void everyOperationDescribed() {
        List<Operation> ours = operations(doc).stream().filter(o -> o.taggedAnyOf(TAGS)).toList();
        List<String> missing = ours.stream().filter(o -> o.description().isBlank() || o.description().equals(o.summary()))
                .map(Operation::where).toList();
        assertTrue(ours.size() >= 25, "found the package's operations: " + ours.size());
        assertEquals(List.of(), missing, "operations without a description");
    }

    @Test
    @DisplayName("Every enum of the package has a description that explains each of its values")
    void everyEnumValueDescribed() {
        List<String> defects = enumDefects(doc, List.of("Plan", "PaymentMethodType", "BillingRole", "PermissionRemovalReason", "MemberRole",
                "OrganizationRole", "Permission", "PermissionLevel"), (description, value) -> description.contains(value + " =")
                || description.contains(value + ",") || description.contains(value + " and"));
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
        assertEquals(new TreeSet<>(List.of(fields)), required(schema(doc, schema)), schema + " required");
    }
}
