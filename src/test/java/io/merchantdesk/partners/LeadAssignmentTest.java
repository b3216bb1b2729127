package io.merchantdesk.partners;

import static io.merchantdesk.partners.PartnerFixtures.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 15: the assignment answer, the assignment queue and reassignment by a platform-admin (PRT-7). */
@QuarkusTest
class LeadAssignmentTest {

    @Test
    @DisplayName("PRT-7, issue 15: the answer says how the lead was assigned: COVERS_COUNTRY, or NO_REPRESENTATIVE_COVERS_COUNTRY for the fallback")
    void prt7AssignmentReasonIsInTheAnswer() {
        var desk = leadDesk();
        Api.User covering = desk.rep(), member = desk.member();
        String country = desk.country(), partnerId = desk.partnerId();
        member.as().body(lead("PLUS", country, true, domain())).post("/partners/" + partnerId + "/leads").then().statusCode(201)
                .body("salesRep.userId", equalTo(covering.id()))
                .body("assignment.status", equalTo("ASSIGNED")).body("assignment.reason", equalTo("COVERS_COUNTRY"));
        String fallback = member.as().body(lead("PLUS", "ZW", true, domain())).post("/partners/" + partnerId + "/leads").then().statusCode(201)
                .body("salesRep.userId", notNullValue())
                .body("assignment.status", equalTo("ASSIGNED")).body("assignment.reason", equalTo("NO_REPRESENTATIVE_COVERS_COUNTRY"))
                .extract().path("id");
        member.as().queryParam("sort", "-submittedAt").get("/partners/" + partnerId + "/leads").then().statusCode(200)
                .body("items.find { it.id == '" + fallback + "' }.assignment.reason", equalTo("NO_REPRESENTATIVE_COVERS_COUNTRY"))
                .body("items.assignment.status", everyItem(equalTo("ASSIGNED")));
    }

    @Test
    @DisplayName("Issue 15: with no active representative the lead is QUEUED (NO_ACTIVE_REPRESENTATIVE), listed for a platform-admin only, and assigned when a representative covering its country is registered")
    void queuedLeadWhenNoRepresentativeIsActive() {
        Api.User admin = admin();
        Api.User member = Api.user("partner");
        String partnerId = partner(member);
        List<Map<String, Object>> deactivated = deactivateEveryRepresentative(admin);
        String queued;
        Api.User newRep;
        try {
            JsonPath submitted = member.as().body(lead("POS", "NZ", true, domain())).post("/partners/" + partnerId + "/leads")
                    .then().statusCode(201).extract().jsonPath();
            queued = submitted.getString("id");
            assertNull(submitted.get("salesRep"));
            assertEquals("QUEUED", submitted.getString("assignment.status"));
            assertEquals("NO_ACTIVE_REPRESENTATIVE", submitted.getString("assignment.reason"));
            member.as().get("/partners/" + partnerId + "/leads/" + queued).then().statusCode(200)
                    .body("assignment.status", equalTo("QUEUED"));

            assertTrue(LeadRulesTest.collect(admin, "/sales/lead-queue").contains(queued));
            admin.as().queryParam("partnerId", partnerId).queryParam("limit", 1).get("/sales/lead-queue").then().statusCode(200)
                    .body("items.id", contains(queued)).body("items[0].assignment.status", equalTo("QUEUED"));
            member.as().get("/sales/lead-queue").then().statusCode(403).contentType("application/problem+json")
                    .body("code", equalTo("ROLE_REQUIRED"));

            // Registering a representative who covers the country takes the queued lead out of the queue.
            newRep = rep(admin, "NZ");
            member.as().get("/partners/" + partnerId + "/leads/" + queued).then().statusCode(200)
                    .body("salesRep.userId", equalTo(newRep.id()))
                    .body("assignment.status", equalTo("ASSIGNED")).body("assignment.reason", equalTo("COVERS_COUNTRY"))
                    .body("timeline.kind", contains("STATUS_CHANGE", "ASSIGNMENT"))
                    .body("timeline[1].salesRepId", equalTo(newRep.id()))
                    .body("timeline[1].from", equalTo("SUBMITTED")).body("timeline[1].to", equalTo("SUBMITTED"));
            assertFalse(LeadRulesTest.collect(admin, "/sales/lead-queue").contains(queued));
            assertEquals(1, LeadRulesTest.openLeads(admin, newRep.id()));
        } finally {
            restore(admin, deactivated);
        }
        // A representative (not platform-admin) cannot see the queue.
        newRep.as().get("/sales/lead-queue").then().statusCode(403).body("code", equalTo("ROLE_REQUIRED"));
        newRep.as().get("/sales/leads").then().statusCode(200).body("items.id", hasItem(queued));
    }

    @Test
    @DisplayName("Issue 15: a platform-admin reassigns a lead (If-Match, active representative only, timeline entry, counters move); representatives and partners get 403")
    void reassignLeadByPlatformAdmin() {
        var desk = leadDesk();
        Api.User admin = desk.admin(), first = desk.rep(), member = desk.member();
        Api.User second = rep(admin, freshCountry());
        String partnerId = desk.partnerId(), leadId = desk.submit("PLUS", true);
        String url = "/sales/leads/" + leadId + "/assignment";
        Map<String, Object> toSecond = Map.of("salesRepId", second.id(), "note", "Second covers the account now");

        // Neither representative (assigned or not) nor a partner member can reassign.
        first.as().body(toSecond).put(url).then().statusCode(403).contentType("application/problem+json").body("code", equalTo("ROLE_REQUIRED"));
        second.as().body(toSecond).put(url).then().statusCode(403).body("code", equalTo("ROLE_REQUIRED"));
        member.as().body(toSecond).put(url).then().statusCode(403).body("code", equalTo("ROLE_REQUIRED"));

        String etag = admin.as().get("/sales/leads/" + leadId).then().statusCode(200).extract().header("ETag");
        assertNotNull(etag);
        admin.as().header("If-Match", "\"999\"").body(toSecond).put(url).then().statusCode(412).body("code", equalTo("PRECONDITION_FAILED"));
        admin.as().header("If-Match", etag).body(Map.of("salesRepId", UUID.randomUUID().toString())).put(url).then().statusCode(422)
                .body("code", equalTo("SALES_REP_NOT_FOUND")).body("errors[0].field", equalTo("salesRepId"));
        Api.User inactive = rep(admin, freshCountry());
        admin.as().body(Map.of("countries", List.of(), "active", false)).put("/sales/reps/" + inactive.id()).then().statusCode(200);
        admin.as().header("If-Match", etag).body(Map.of("salesRepId", inactive.id())).put(url).then().statusCode(422)
                .body("code", equalTo("SALES_REP_INACTIVE"));
        admin.as().body(Map.of("note", "no rep")).put(url).then().statusCode(400).body("errors.field", hasItem("salesRepId"));
        admin.as().header("If-Match", etag).body(toSecond).put("/sales/leads/" + UUID.randomUUID() + "/assignment").then().statusCode(404);

        var moved = admin.as().header("If-Match", etag).body(toSecond).put(url).then().statusCode(200)
                .body("salesRep.userId", equalTo(second.id()))
                .body("assignment.status", equalTo("ASSIGNED")).body("assignment.reason", equalTo("REASSIGNED"))
                .body("timeline.kind", contains("STATUS_CHANGE", "ASSIGNMENT"))
                .body("timeline[1].salesRepId", equalTo(second.id()))
                .body("timeline[1].byUserId", equalTo(admin.id()))
                .body("timeline[1].note", containsString("Second covers the account now"))
                .body("status", equalTo("SUBMITTED"))
                .extract();
        assertNotEquals(etag, moved.header("ETag"), "the version changed");
        assertEquals(0, LeadRulesTest.openLeads(admin, first.id()));
        assertEquals(1, LeadRulesTest.openLeads(admin, second.id()));
        // The old representative lost it, the new one has it, the partner sees who works it now.
        first.as().get("/sales/leads/" + leadId).then().statusCode(403).body("code", equalTo("NOT_ASSIGNED_REPRESENTATIVE"));
        second.as().get("/sales/leads/" + leadId).then().statusCode(200);
        member.as().get("/partners/" + partnerId + "/leads/" + leadId).then().statusCode(200)
                .body("salesRep.userId", equalTo(second.id())).body("salesRep.email", equalTo(second.email()));
        // The old ETag is stale now; the same representative again changes nothing.
        admin.as().header("If-Match", etag).body(toSecond).put(url).then().statusCode(412);
        admin.as().body(toSecond).put(url).then().statusCode(200).body("timeline", hasSize(2));

        // A closed lead keeps its representative.
        status(second, leadId, "NOT_QUALIFIED", "No budget");
        admin.as().body(Map.of("salesRepId", first.id())).put(url).then().statusCode(422).body("code", equalTo("LEAD_CLOSED"));
    }

    /** Makes the pool empty of active representatives for the test; returns what to restore. */
    private static List<Map<String, Object>> deactivateEveryRepresentative(Api.User admin) {
        List<Map<String, Object>> active = new ArrayList<>();
        for (Map<String, Object> r : LeadRulesTest.allReps(admin)) {
            if (!(Boolean) r.get("active")) continue;
            active.add(r);
            Map<String, Object> body = new HashMap<>();
            body.put("countries", r.get("countries"));
            body.put("active", false);
            admin.as().body(body).put("/sales/reps/" + r.get("userId")).then().statusCode(200);
        }
        return active;
    }

    private static void restore(Api.User admin, List<Map<String, Object>> reps) {
        for (Map<String, Object> r : reps) {
            admin.as().body(Map.of("countries", r.get("countries"), "active", true)).put("/sales/reps/" + r.get("userId")).then().statusCode(200);
        }
    }
}
