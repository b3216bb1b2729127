package io.merchantdesk.partners;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 15: the partners part of the OpenAPI document explains every operation and enum value, and marks what validation requires. */
@QuarkusTest
class OpenApiPartnersTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static JsonNode doc;

    @BeforeEach
    void load() throws Exception {
        if (doc == null) {
            doc = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        }
    }

    @Test
    @DisplayName("Issue 15: every partners, sales and upgrade-invitation operation has a description")
    void everyPartnerOperationIsDescribed() {
        List<String> missing = new ArrayList<>();
        int seen = 0;
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            String p = path.getKey();
            if (!(p.startsWith("/partners") || p.startsWith("/sales") || p.startsWith("/upgrade-invitations"))) continue;
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (!METHODS.contains(op.getKey())) continue;
                seen++;
                if (op.getValue().path("description").asText().isBlank()) missing.add(op.getKey().toUpperCase() + " " + p);
            }
        }
        assertTrue(seen >= 20, "the partner operations are in the document (" + seen + ")");
        assertTrue(missing.isEmpty(), "operations without a description: " + missing);
    }

    @Test
    @DisplayName("Issue 15: every partners enum has a schema description that explains each of its values")
    void everyPartnerEnumValueIsExplained() {
        JsonNode schemas = doc.path("components").path("schemas");
        List<String> defects = new ArrayList<>();
        for (String name : List.of("LeadStatus", "LeadType", "PayoutOutcome", "PartnerMemberRole", "UpgradeInvitationStatus",
                "LeadAssignmentStatus", "LeadAssignmentReason", "LeadTimelineKind")) {
            JsonNode schema = schemas.path(name);
            if (!schema.path("enum").isArray() || schema.path("enum").isEmpty()) {
                defects.add(name + ": not an enum schema");
                continue;
            }
            String description = schema.path("description").asText();
            for (JsonNode value : schema.path("enum")) {
                if (!description.contains("`" + value.asText() + "`")) defects.add(name + ": " + value.asText() + " is not explained");
            }
        }
        assertTrue(defects.isEmpty(), String.join("\n", defects));
    }

    @Test
    @DisplayName("Issue 15: fields that validation requires are required in the schemas (lead submission, status change, payout, reassignment)")
    void requiredFieldsMatchValidation() {
        JsonNode schemas = doc.path("components").path("schemas");
        Map<String, List<String>> expected = Map.of(
                "SubmitLeadRequest", List.of("type", "contactName", "email", "companyName", "country", "salesSupportRequested"),
                "StatusChangeRequest", List.of("status"),
                "PayoutRequest", List.of("outcome"),
                "SalesRepCoverageRequest", List.of("countries"),
                "ReassignLeadRequest", List.of("salesRepId"),
                "LeadAssignment", List.of("status"),
                "Lead", List.of("assignment", "status", "timeline"));
        List<String> defects = new ArrayList<>();
        expected.forEach((schema, fields) -> {
            List<String> required = new ArrayList<>();
            schemas.path(schema).path("required").forEach(n -> required.add(n.asText()));
            for (String f : fields) if (!required.contains(f)) defects.add(schema + "." + f + " is not required");
        });
        assertTrue(defects.isEmpty(), String.join("\n", defects));
    }
}
