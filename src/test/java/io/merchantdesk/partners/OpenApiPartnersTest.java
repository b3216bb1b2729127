package io.merchantdesk.partners;

import static io.merchantdesk.openapi.ServedOpenApi.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
    private JsonNode doc;

    /** Read per test, not at construction: REST Assured knows the application's port only once the test runs. */
    @BeforeEach
    void readDocument() {
        doc = document();
    }

    @Test
    @DisplayName("Issue 15: every partners, sales and upgrade-invitation operation has a description")
    void everyPartnerOperationIsDescribed() {
        List<Operation> ours = operations(doc).stream()
                .filter(o -> o.path().startsWith("/partners") || o.path().startsWith("/sales") || o.path().startsWith("/upgrade-invitations"))
                .toList();
        List<String> missing = ours.stream().filter(o -> o.description().isBlank()).map(Operation::where).toList();
        assertTrue(ours.size() >= 20, "the partner operations are in the document (" + ours.size() + ")");
        assertTrue(missing.isEmpty(), "operations without a description: " + missing);
    }

    @Test
    @DisplayName("Issue 15: every partners enum has a schema description that explains each of its values")
    void everyPartnerEnumValueIsExplained() {
        List<String> defects = enumDefects(doc, List.of("LeadStatus", "LeadType", "PayoutOutcome", "PartnerMemberRole",
                "UpgradeInvitationStatus", "LeadAssignmentStatus", "LeadAssignmentReason", "LeadTimelineKind"),
                (description, value) -> description.contains("`" + value + "`"));
        assertTrue(defects.isEmpty(), String.join("\n", defects));
    }

    @Test
    @DisplayName("Issue 15: fields that validation requires are required in the schemas (lead submission, status change, payout, reassignment)")
    void requiredFieldsMatchValidation() {
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
            Set<String> required = required(schema(doc, schema));
            for (String f : fields) if (!required.contains(f)) defects.add(schema + "." + f + " is not required");
        });
        assertTrue(defects.isEmpty(), String.join("\n", defects));
    }
}
