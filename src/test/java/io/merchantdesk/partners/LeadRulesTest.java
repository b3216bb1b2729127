package io.merchantdesk.partners;

import static io.merchantdesk.partners.PartnerFixtures.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.merchantdesk.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PRT-1..5, PRT-7 and the duplicate rule, through HTTP against PostgreSQL. */
@QuarkusTest
class LeadRulesTest {
    @Inject
    EntityManager em;

    @Inject
    LeadService leadService;

    @Test
    @DisplayName("PRT-1: POS and Plus leads are submitted, listed in the partner's table, and confirmed by e-mail to the partner")
    void prt1SubmitAndConfirm() {
        Api.User member = Api.user("partner");
        String partnerId = partner(member);
        String country = freshCountry();
        rep(admin(), country);
        String posDomain = domain();
        String plusDomain = domain();
        String pos = submit(member, partnerId, lead("POS", country, false, posDomain));
        String plus = submit(member, partnerId, lead("PLUS", country, true, plusDomain));

        JsonPath table = member.as().get("/partners/" + partnerId + "/leads").then().statusCode(200).extract().jsonPath();
        assertEquals(Set.of(pos, plus), Set.copyOf(table.getList("items.id")));
        JsonPath detail = member.as().get("/partners/" + partnerId + "/leads/" + plus).then().statusCode(200).extract().jsonPath();
        assertEquals("PLUS", detail.getString("type"));
        assertEquals("SUBMITTED", detail.getString("status"));
        assertEquals("Company " + plusDomain, detail.getString("companyName"));
        assertEquals("https://www." + plusDomain + "/shop", detail.getString("websiteUrl"));
        assertEquals("+47 22 33 44 55", detail.getString("phone"));
        assertEquals(country, detail.getString("country"));
        assertTrue(detail.getBoolean("salesSupportRequested"));

        List<Object[]> mails = outbox(member.email());
        assertEquals(2, mails.size(), "one confirmation per lead, to the submitting partner member");
        for (Object[] m : mails) assertEquals(LeadService.CONFIRMATION_EMAIL, m[0]);
        String bodies = (String) mails.get(0)[2] + mails.get(1)[2];
        assertTrue(bodies.contains("Company " + posDomain) && bodies.contains("Company " + plusDomain), "the details are in the e-mail");
        assertTrue(bodies.contains("kari@" + plusDomain));
    }

    @Test
    @DisplayName("PRT-1: invalid e-mail, URL and country are refused with problem+json naming each field; nothing is stored")
    void prt1Validation() {
        Api.User member = Api.user("partner");
        String partnerId = partner(member);
        Map<String, Object> body = lead("PLUS", "NO", true, domain());
        body.put("email", "kari@localhost");
        body.put("websiteUrl", "ftp://nordsko.no");
        body.put("country", "XX");
        member.as().body(body).post("/partners/" + partnerId + "/leads").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_LEAD"))
                .body("errors.field", containsInAnyOrder("email", "websiteUrl", "country"));
        Map<String, Object> missing = lead("POS", "NO", true, domain());
        missing.remove("contactName");
        missing.put("email", "not-an-email");
        member.as().body(missing).post("/partners/" + partnerId + "/leads").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors.field", hasItems("contactName", "email"));
        Map<String, Object> badType = lead("RETAIL", "NO", true, domain());
        member.as().body(badType).post("/partners/" + partnerId + "/leads").then().statusCode(400)
                .body("code", equalTo("UNKNOWN_ENUM_VALUE")).body("errors[0].field", equalTo("type"));
        Map<String, Object> badStore = lead("PLUS", "NO", true, domain());
        badStore.put("storeId", UUID.randomUUID().toString());
        member.as().body(badStore).post("/partners/" + partnerId + "/leads").then().statusCode(400)
                .body("errors[0].field", equalTo("storeId"));
        member.as().get("/partners/" + partnerId + "/leads").then().statusCode(200).body("items", empty());
        assertTrue(outbox(member.email()).isEmpty());
    }

    @Test
    @DisplayName("PRT-7: the representative covering the lead's country is assigned; name and e-mail show on the lead")
    void prt7AssignmentByCoverage() {
        var desk = leadDesk();
        Api.User admin = desk.admin(), covering = desk.rep(), member = desk.member();
        String partnerId = desk.partnerId(), leadId = desk.submit("PLUS", true);
        member.as().get("/partners/" + partnerId + "/leads/" + leadId).then().statusCode(200)
                .body("salesRep.userId", equalTo(covering.id()))
                .body("salesRep.email", equalTo(covering.email()))
                .body("salesRep.name", equalTo("rep"));
        covering.as().get("/sales/leads").then().statusCode(200).body("items.id", contains(leadId));
        admin.as().get("/sales/reps").then().statusCode(200);
        assertEquals(1, openLeads(admin, covering.id()));
    }

    @Test
    @DisplayName("PRT-7: with nobody covering the country, the representative with the fewest open leads is assigned")
    void prt7AssignmentFallsBackToFewestOpenLeads() {
        Api.User admin = admin();
        rep(admin, freshCountry());   // the pool is never empty
        Api.User member = Api.user("partner");
        String partnerId = partner(member);
        List<Map<String, Object>> pool = allReps(admin);
        int min = pool.stream().filter(r -> (Boolean) r.get("active")).mapToInt(r -> (Integer) r.get("openLeads")).min().orElseThrow();
        String leadId = submit(member, partnerId, lead("PLUS", "ZW", true, domain()));
        String assigned = member.as().get("/partners/" + partnerId + "/leads/" + leadId).then().statusCode(200)
                .extract().path("salesRep.userId");
        Map<String, Object> chosen = pool.stream().filter(r -> r.get("userId").equals(assigned)).findFirst().orElseThrow();
        assertEquals(min, chosen.get("openLeads"), "the least loaded representative got the lead");
        assertEquals(min + 1, openLeads(admin, assigned));
    }

    @Test
    @DisplayName("PRT-2, PRT-4: the assigned representative moves the lead along allowed transitions; the timeline records who, when and the note")
    void prt2prt4StatusTimeline() {
        var desk = leadDesk();
        Api.User admin = desk.admin(), rep = desk.rep(), member = desk.member();
        String partnerId = desk.partnerId(), leadId = desk.submit("PLUS", true);
        String path = "/partners/" + partnerId + "/leads/" + leadId;
        member.as().get(path).then().body("nextSteps", equalTo(NextSteps.of(LeadStatus.SUBMITTED, LeadType.PLUS, true, null)))
                .body("timeline", hasSize(1)).body("timeline[0].to", equalTo("SUBMITTED"))
                .body("timeline[0].byUserId", equalTo(member.id()));

        rep.as().body(Map.of("status", "WON", "note", "too early")).post("/sales/leads/" + leadId + "/status-changes")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("INVALID_STATUS_TRANSITION"));
        status(rep, leadId, "IN_PROGRESS", "Called the merchant");
        member.as().get(path).then().statusCode(200).body("status", equalTo("IN_PROGRESS"))
                .body("nextSteps", equalTo(NextSteps.of(LeadStatus.IN_PROGRESS, LeadType.PLUS, true, null)))
                .body("timeline", hasSize(2))
                .body("timeline[1].from", equalTo("SUBMITTED")).body("timeline[1].to", equalTo("IN_PROGRESS"))
                .body("timeline[1].byUserId", equalTo(rep.id())).body("timeline[1].byName", equalTo("rep"))
                .body("timeline[1].note", equalTo("Called the merchant")).body("timeline[1].at", notNullValue());
        status(rep, leadId, "NOT_QUALIFIED", "Budget too small");
        member.as().get(path).then().body("status", equalTo("NOT_QUALIFIED"))
                .body("nextSteps", equalTo("You have not earned a commission for this lead."))
                .body("timeline.to", contains("SUBMITTED", "IN_PROGRESS", "NOT_QUALIFIED"));
        rep.as().body(Map.of("status", "IN_PROGRESS")).post("/sales/leads/" + leadId + "/status-changes")
                .then().statusCode(422).body("code", equalTo("INVALID_STATUS_TRANSITION"));
        assertEquals(0, openLeads(admin, rep.id()), "a closed lead no longer counts towards the representative's load");
    }

    @Test
    @DisplayName("PRT-2: only the assigned representative (403 for another one or a partner member) or a platform-admin changes the status")
    void prt2OnlyAssignedRepOrAdmin() {
        var desk = leadDesk();
        Api.User admin = desk.admin(), assigned = desk.rep(), member = desk.member();
        Api.User otherRep = rep(admin, freshCountry());
        String partnerId = desk.partnerId(), leadId = desk.submit("PLUS", false);
        otherRep.as().body(Map.of("status", "IN_PROGRESS")).post("/sales/leads/" + leadId + "/status-changes")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("NOT_ASSIGNED_REPRESENTATIVE"));
        otherRep.as().get("/sales/leads/" + leadId).then().statusCode(403);
        otherRep.as().get("/sales/leads").then().statusCode(200).body("items.id", not(hasItem(leadId)));
        member.as().body(Map.of("status", "IN_PROGRESS")).post("/sales/leads/" + leadId + "/status-changes")
                .then().statusCode(403).body("code", equalTo("ROLE_REQUIRED"));
        member.as().get("/sales/leads").then().statusCode(403);
        admin.as().body(Map.of("status", "IN_PROGRESS", "note", "Admin qualified it")).post("/sales/leads/" + leadId + "/status-changes")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS")).body("timeline[1].byUserId", equalTo(admin.id()));
        admin.as().body(Map.of("status", "BOGUS")).post("/sales/leads/" + leadId + "/status-changes")
                .then().statusCode(400).body("code", equalTo("UNKNOWN_ENUM_VALUE"));
        admin.as().body(Map.of("status", "IN_PROGRESS")).post("/sales/leads/" + UUID.randomUUID() + "/status-changes")
                .then().statusCode(404);
        assertEquals(List.of("SUBMITTED", "IN_PROGRESS"), member.as().get("/partners/" + partnerId + "/leads/" + leadId)
                .then().extract().jsonPath().getList("timeline.to"));
        assertNotNull(assigned.id());
    }

    @Test
    @DisplayName("PRT-3: a POS lead without sales support stays SUBMITTED after a payout; the outcome and amount are recorded on the lead")
    void prt3PosPayout() {
        var desk = leadDesk();
        Api.User admin = desk.admin(), rep = desk.rep(), member = desk.member();
        String partnerId = desk.partnerId();
        String awarded = desk.submit("POS", false), ineligible = desk.submit("POS", false), supported = desk.submit("POS", true);

        rep.as().body(Map.of("status", "IN_PROGRESS")).post("/sales/leads/" + awarded + "/status-changes")
                .then().statusCode(422).body("code", equalTo("POS_LEAD_STAYS_SUBMITTED"));
        rep.as().body(Map.of("outcome", "AWARDED")).post("/sales/leads/" + awarded + "/payouts")
                .then().statusCode(400).body("errors[0].field", equalTo("amount"));
        rep.as().body(Map.of("outcome", "AWARDED", "amount", Map.of("amount", "150.00", "currency", "USD")))
                .post("/sales/leads/" + awarded + "/payouts").then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("payout.outcome", equalTo("AWARDED"))
                .body("payout.amount.amount", equalTo("150.00")).body("payout.amount.currency", equalTo("USD"));
        rep.as().body(Map.of("outcome", "INELIGIBLE")).post("/sales/leads/" + awarded + "/payouts")
                .then().statusCode(409).body("code", equalTo("PAYOUT_ALREADY_RECORDED"));
        rep.as().body(Map.of("outcome", "INELIGIBLE")).post("/sales/leads/" + ineligible + "/payouts").then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("payout.outcome", equalTo("INELIGIBLE")).body("payout.amount", nullValue());
        rep.as().body(Map.of("outcome", "INELIGIBLE")).post("/sales/leads/" + supported + "/payouts")
                .then().statusCode(422).body("code", equalTo("PAYOUT_NOT_APPLICABLE"));

        member.as().get("/partners/" + partnerId + "/leads/" + awarded).then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("payout.outcome", equalTo("AWARDED"))
                .body("payout.amount.amount", equalTo("150.00"))
                .body("nextSteps", equalTo(NextSteps.of(LeadStatus.SUBMITTED, LeadType.POS, false, PayoutOutcome.AWARDED)))
                .body("timeline", hasSize(1));
        member.as().get("/partners/" + partnerId + "/leads/" + ineligible).then()
                .body("nextSteps", containsString("not eligible for a payout"));
        assertEquals(1, openLeads(admin, rep.id()), "leads with a payout outcome are no longer open");
    }

    @Test
    @DisplayName("PRT-5: filters by status and type, substring search over name, e-mail, company and website, sort by any column with keyset pages")
    void prt5Table() {
        var desk = leadDesk();
        Api.User rep = desk.rep(), member = desk.member();
        String country = desk.country(), partnerId = desk.partnerId();
        String tag = Api.unique("zq").toLowerCase();
        String[] names = {"Oscar Berg", "anna Lind", "Bjørn Dæhlie", "Carl Nilsen", "anders Ek", "Dina Vik", "Eva Moe"};
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            Map<String, Object> body = lead(i % 2 == 0 ? "PLUS" : "POS", country, true, domain());
            body.put("contactName", names[i]);
            if (i == 3) body.put("companyName", "Fjell " + tag + " AS");
            if (i == 5) body.put("websiteUrl", "https://" + tag + "-shop.no");
            if (i == 6) body.put("email", "post@" + tag + ".no");
            ids.add(submit(member, partnerId, body));
        }
        status(rep, ids.get(0), "IN_PROGRESS", "qualified");
        status(rep, ids.get(2), "NOT_QUALIFIED", "no");

        String base = "/partners/" + partnerId + "/leads";
        member.as().queryParam("status", "IN_PROGRESS").get(base).then().statusCode(200).body("items.id", contains(ids.get(0)));
        member.as().queryParam("type", "POS").get(base).then().body("items.id", containsInAnyOrder(ids.get(1), ids.get(3), ids.get(5)));
        member.as().queryParam("type", "PLUS").queryParam("status", "SUBMITTED").get(base).then()
                .body("items.id", containsInAnyOrder(ids.get(4), ids.get(6)));
        // substring search: company, website, e-mail, contact name (case-insensitive, inside words)
        member.as().queryParam("q", tag.toUpperCase()).get(base).then()
                .body("items.id", containsInAnyOrder(ids.get(3), ids.get(5), ids.get(6)));
        member.as().queryParam("q", "ØRN DÆH").get(base).then().body("items.id", contains(ids.get(2)));
        member.as().queryParam("q", "50%_").get(base).then().statusCode(200).body("items", empty());

        // every sort, paged two at a time, equals the full ordering computed here
        List<String> byName = sortedIds(names, ids, Comparator.comparing(s -> s.toLowerCase()));
        assertEquals(byName, collect(member, base + "?sort=contactName&limit=2"));
        assertEquals(reversed(byName), collect(member, base + "?sort=-contactName&limit=2"));
        assertEquals(ids, collect(member, base + "?sort=submittedAt&limit=3"));
        assertEquals(reversed(ids), collect(member, base + "?limit=2"), "default sort: newest first");
        // mixed directions: status (pipeline order) descending, then contact name ascending
        List<String> mixed = collect(member, base + "?sort=-status,contactName&limit=2");
        assertEquals(ids.get(2), mixed.get(0), "NOT_QUALIFIED first");
        assertEquals(ids.get(0), mixed.get(1), "then IN_PROGRESS");
        List<String> submittedByName = new ArrayList<>(byName);
        submittedByName.removeAll(List.of(ids.get(0), ids.get(2)));
        assertEquals(submittedByName, mixed.subList(2, 7));
        assertEquals(7, collect(member, base + "?sort=type,-companyName&limit=1").size());
        for (String field : LeadSort.FIELDS.keySet()) {
            List<String> all = collect(member, base + "?sort=" + field + "&limit=2");
            assertEquals(Set.copyOf(ids), Set.copyOf(all), "sort " + field + " lists every lead exactly once");
            assertEquals(7, all.size());
        }

        member.as().queryParam("sort", "colour").get(base).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("sort"));
        member.as().queryParam("status", "OPEN").get(base).then().statusCode(400).body("errors[0].field", equalTo("status"));
        String cursor = member.as().queryParam("sort", "contactName").queryParam("limit", 2).get(base).then().extract().path("nextCursor");
        member.as().queryParam("sort", "-submittedAt").queryParam("limit", 2).queryParam("cursor", cursor).get(base)
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        member.as().queryParam("cursor", "garbage").get(base).then().statusCode(400);
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "[\"-submittedAt\",\"yesterday\",\"not-a-uuid\"]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        member.as().queryParam("cursor", forged).get(base).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
        member.as().queryParam("limit", 0).get(base).then().statusCode(400);
        // the representative's table searches the same way
        rep.as().queryParam("q", tag).get("/sales/leads").then().statusCode(200)
                .body("items.id", containsInAnyOrder(ids.get(3), ids.get(5), ids.get(6)));
    }

    @Test
    @DisplayName("Tenancy: a stranger gets 404 for a partner and its leads; a partner cannot read another partner's lead (404); a plain member cannot manage members (403)")
    void partnerTenancy() {
        Api.User alice = Api.user("partner");
        Api.User bob = Api.user("partner");
        String a = partner(alice);
        String b = partner(bob);
        String country = freshCountry();
        rep(admin(), country);
        String leadOfA = submit(alice, a, lead("PLUS", country, true, domain()));

        bob.as().get("/partners/" + a).then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        bob.as().get("/partners/" + a + "/leads").then().statusCode(404);
        bob.as().get("/partners/" + a + "/leads/" + leadOfA).then().statusCode(404);
        bob.as().get("/partners/" + b + "/leads/" + leadOfA).then().statusCode(404);
        bob.as().body(lead("PLUS", country, true, domain())).post("/partners/" + a + "/leads").then().statusCode(404);
        bob.as().get("/partners/" + a + "/referrals").then().statusCode(404);
        bob.as().post("/partners/" + a + "/leads/" + leadOfA + "/upgrade-invitations").then().statusCode(404);
        bob.as().get("/partners").then().statusCode(200).body("items.id", contains(b));

        Api.User carol = Api.user("partner");
        alice.as().body(Map.of("role", "MEMBER")).put("/partners/" + a + "/members/" + carol.id()).then().statusCode(200)
                .body("role", equalTo("MEMBER"));
        carol.as().get("/partners/" + a + "/leads/" + leadOfA).then().statusCode(200);
        carol.as().get("/partners/" + a).then().statusCode(200).body("role", equalTo("MEMBER"));
        carol.as().body(Map.of("role", "MEMBER")).put("/partners/" + a + "/members/" + bob.id()).then().statusCode(403)
                .body("code", equalTo("PARTNER_ADMIN_REQUIRED"));
        alice.as().get("/partners/" + a + "/members").then().statusCode(200).body("items.userId", containsInAnyOrder(alice.id(), carol.id()));
        alice.as().delete("/partners/" + a + "/members/" + alice.id()).then().statusCode(422).body("code", equalTo("LAST_PARTNER_ADMIN"));
        alice.as().delete("/partners/" + a + "/members/" + carol.id()).then().statusCode(204);
        carol.as().get("/partners/" + a).then().statusCode(404);
        given401();
    }

    private void given401() {
        io.restassured.RestAssured.given().get("/partners").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @DisplayName("Duplicate registration: another partner's lead for the same merchant is accepted but flagged to the representative; the same partner twice gets 409")
    void duplicateRegistration() {
        var desk = leadDesk();
        Api.User admin = desk.admin(), rep = desk.rep(), alice = desk.member();
        String country = desk.country(), a = desk.partnerId();
        Api.User bob = Api.user("partner");
        String b = partner(bob);
        String dom = domain();
        String first = submit(alice, a, lead("PLUS", country, true, dom));

        Map<String, Object> again = lead("PLUS", country, true, dom);
        alice.as().body(again).post("/partners/" + a + "/leads").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("DUPLICATE_LEAD")).body("resourceId", equalTo(first));
        Map<String, Object> sameSite = lead("PLUS", country, true, domain());
        sameSite.put("websiteUrl", "http://" + dom);
        alice.as().body(sameSite).post("/partners/" + a + "/leads").then().statusCode(409);

        Map<String, Object> colleague = lead("PLUS", country, true, dom);
        colleague.put("email", "ola@" + dom);
        colleague.remove("websiteUrl");
        String second = submit(bob, b, colleague);
        bob.as().get("/partners/" + b + "/leads/" + second).then().statusCode(200).body("conflictLeadId", nullValue());
        rep.as().get("/sales/leads/" + second).then().statusCode(200).body("conflictLeadId", equalTo(first));
        rep.as().queryParam("conflict", true).get("/sales/leads").then().statusCode(200)
                .body("items.id", contains(second)).body("items[0].conflictLeadId", equalTo(first));

        Map<String, Object> freeMail = lead("PLUS", country, true, domain());
        freeMail.put("email", "someone@gmail.com");
        Map<String, Object> freeMail2 = lead("PLUS", country, true, domain());
        freeMail2.put("email", "another@gmail.com");
        submit(alice, a, freeMail);
        String unrelated = submit(bob, b, freeMail2);
        rep.as().get("/sales/leads/" + unrelated).then().body("conflictLeadId", nullValue());
        admin.as().queryParam("partnerId", b).get("/sales/leads").then().statusCode(200)
                .body("items.id", containsInAnyOrder(second, unrelated));
        admin.as().queryParam("partnerId", b).queryParam("conflict", true).get("/sales/leads").then()
                .body("items.id", contains(second));
    }

    @Test
    @DisplayName("PRT-1: no lead and no confirmation e-mail remain when the submission's transaction rolls back")
    void prt1RollbackWritesNoEmail() {
        Api.User member = Api.user("partner");
        String partnerId = partner(member);
        Actor actor = new Actor(UUID.fromString(member.id()), "partner", member.email(), Set.of());
        String dom = domain();
        PartnerDtos.SubmitLeadRequest request = new PartnerDtos.SubmitLeadRequest(LeadType.POS, "Kari", "kari@" + dom, null,
                "Rollback AS", "https://" + dom, "NO", null, false, null);
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            leadService.submit(actor, UUID.fromString(partnerId), request);
            assertEquals(1, outboxCountInTx(member.email()), "the e-mail is written inside the transaction");
            throw new IllegalStateException("a later step fails");
        }));
        assertTrue(outbox(member.email()).isEmpty());
        member.as().get("/partners/" + partnerId + "/leads").then().body("items", empty());
    }

    // --- helpers ---

    private long outboxCountInTx(String recipient) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_messages WHERE recipient = :r")
                .setParameter("r", recipient).getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> outbox(String recipient) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT kind, subject, body FROM outbox_messages WHERE recipient = :r ORDER BY created_at, id")
                .setParameter("r", recipient).getResultList());
    }

    static List<String> collect(Api.User user, String url) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            var req = user.as();
            if (cursor != null) req.queryParam("cursor", cursor);
            JsonPath page = req.get(url).then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null && all.size() < 1000);
        return all;
    }

    private static List<String> sortedIds(String[] names, List<String> ids, Comparator<String> by) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < names.length; i++) idx.add(i);
        idx.sort((x, y) -> by.compare(names[x], names[y]));
        return idx.stream().map(ids::get).toList();
    }

    private static List<String> reversed(List<String> l) {
        List<String> r = new ArrayList<>(l);
        java.util.Collections.reverse(r);
        return r;
    }

    static int openLeads(Api.User admin, String repId) {
        return allReps(admin).stream().filter(r -> r.get("userId").equals(repId)).mapToInt(r -> (Integer) r.get("openLeads"))
                .findFirst().orElseThrow();
    }

    static List<Map<String, Object>> allReps(Api.User admin) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var req = admin.as().queryParam("limit", 250);
            if (cursor != null) req.queryParam("cursor", cursor);
            JsonPath page = req.get("/sales/reps").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }
}
