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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PRT-6 upgrade invitations and PRT-8 referral history, through HTTP; the upgrade job is run by hand. */
@QuarkusTest
class UpgradeAndReferralTest {
    @Inject
    EntityManager em;

    @Inject
    UpgradeJob job;

    record Setup(Api.User member, String partnerId, Api.User merchant, String storeId, String leadId) {}

    private Setup plusLeadForExistingStore() {
        Api.User member = Api.user("partner");
        String partnerId = partner(member);
        Api.User merchant = Api.user("merchant");
        String storeId = store(merchant, "GROW");
        card(merchant, storeId);
        Map<String, Object> body = lead("PLUS", freshCountry(), false, domain());
        body.put("storeId", storeId);
        String leadId = submit(member, partnerId, body);
        return new Setup(member, partnerId, merchant, storeId, leadId);
    }

    @Test
    @DisplayName("PRT-6: the store owner gets the terms link by e-mail, accepts once, and the job puts the store on Plus within 24 hours")
    void prt6InvitationAcceptedAndApplied() {
        Setup s = plusLeadForExistingStore();
        JsonPath inv = s.member().as().post("/partners/" + s.partnerId() + "/leads/" + s.leadId() + "/upgrade-invitations")
                .then().statusCode(201).body("status", equalTo("PENDING")).body("storeId", equalTo(s.storeId()))
                .extract().jsonPath();
        String invId = inv.getString("id");
        Duration validity = Duration.between(Instant.now(), Instant.parse(inv.getString("expiresAt")));
        assertTrue(validity.compareTo(Duration.ofDays(14).minusMinutes(1)) > 0 && validity.compareTo(Duration.ofDays(14)) <= 0,
                "expires after the documented 14 days, was " + validity);
        List<Object[]> mails = outbox(s.merchant().email());
        assertEquals(1, mails.size());
        assertEquals(UpgradeInvitationService.INVITATION_EMAIL, mails.get(0)[0]);
        assertTrue(((String) mails.get(0)[2]).contains("https://merchantdesk.dev/terms/plus?invitation=" + invId), "the terms link");
        s.member().as().post("/partners/" + s.partnerId() + "/leads/" + s.leadId() + "/upgrade-invitations")
                .then().statusCode(409).body("code", equalTo("INVITATION_ALREADY_PENDING")).body("resourceId", equalTo(invId));

        Api.User stranger = Api.user("stranger");
        stranger.as().post("/upgrade-invitations/" + invId + "/acceptance").then().statusCode(404)
                .contentType("application/problem+json");
        stranger.as().get("/upgrade-invitations/" + invId).then().statusCode(404);
        s.member().as().post("/upgrade-invitations/" + invId + "/acceptance").then().statusCode(403)
                .body("code", equalTo("STORE_OWNER_REQUIRED"));
        s.merchant().as().get("/upgrade-invitations/" + invId).then().statusCode(200).body("termsUrl", endsWith(invId));

        JsonPath accepted = s.merchant().as().post("/upgrade-invitations/" + invId + "/acceptance").then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).extract().jsonPath();
        Instant acceptedAt = Instant.parse(accepted.getString("acceptedAt"));
        Instant applyBy = Instant.parse(accepted.getString("applyBy"));
        assertEquals(Duration.ofHours(24), Duration.between(acceptedAt, applyBy));
        s.merchant().as().post("/upgrade-invitations/" + invId + "/acceptance").then().statusCode(409)
                .body("code", equalTo("INVITATION_ALREADY_ACCEPTED"));
        s.merchant().as().get("/stores/" + s.storeId()).then().body("plan", equalTo("GROW"));

        UpgradeJob.Result result = job.runOnce();
        assertTrue(result.applied() >= 1);
        s.merchant().as().get("/stores/" + s.storeId()).then().statusCode(200).body("plan", equalTo("PLUS"));
        JsonPath applied = s.member().as().get("/upgrade-invitations/" + invId).then().statusCode(200)
                .body("status", equalTo("APPLIED")).extract().jsonPath();
        assertFalse(Instant.parse(applied.getString("appliedAt")).isAfter(applyBy), "on Plus within 24 hours of acceptance");
        s.member().as().get("/partners/" + s.partnerId() + "/referrals").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].storeId", equalTo(s.storeId()))
                .body("items[0].kind", equalTo("UPGRADE_INVITATION")).body("items[0].plan", equalTo("PLUS"))
                .body("items[0].revenue.amount", equalTo("27600.00")).body("items[0].revenue.currency", equalTo("USD"));
        assertEquals(0, job.runOnce().applied(), "an applied invitation is not applied again");
    }

    @Test
    @DisplayName("PRT-6: only Plus leads tied to an existing store not on Plus and in good billing standing can be invited")
    void prt6Eligibility() {
        Api.User member = Api.user("partner");
        String partnerId = partner(member);
        String country = freshCountry();
        String pos = submit(member, partnerId, lead("POS", country, false, domain()));
        member.as().post("/partners/" + partnerId + "/leads/" + pos + "/upgrade-invitations").then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("UPGRADE_NEEDS_PLUS_LEAD"));
        String newMerchant = submit(member, partnerId, lead("PLUS", country, false, domain()));
        member.as().post("/partners/" + partnerId + "/leads/" + newMerchant + "/upgrade-invitations").then().statusCode(422)
                .body("code", equalTo("UPGRADE_NEEDS_EXISTING_STORE"));

        Api.User merchant = Api.user("merchant");
        String onPlus = store(merchant, "PLUS");
        card(merchant, onPlus);
        String noBilling = store(merchant, "BASIC");
        for (String[] c : new String[][]{{onPlus, "STORE_ALREADY_ON_PLUS"}, {noBilling, "STORE_NEEDS_BILLING_SETUP"}}) {
            Map<String, Object> body = lead("PLUS", country, false, domain());
            body.put("storeId", c[0]);
            String leadId = submit(member, partnerId, body);
            member.as().post("/partners/" + partnerId + "/leads/" + leadId + "/upgrade-invitations").then().statusCode(422)
                    .body("code", equalTo(c[1]));
        }
        Api.User other = Api.user("partner");
        String otherPartner = partner(other);
        member.as().post("/partners/" + otherPartner + "/leads/" + pos + "/upgrade-invitations").then().statusCode(404);
        assertTrue(outbox(merchant.email()).isEmpty(), "no invitation e-mail for a refused invitation");
    }

    @Test
    @DisplayName("PRT-6: an invitation expires after its period; accepting it then is refused and the job marks it EXPIRED")
    void prt6Expiry() {
        Setup s = plusLeadForExistingStore();
        String invId = s.member().as().post("/partners/" + s.partnerId() + "/leads/" + s.leadId() + "/upgrade-invitations")
                .then().statusCode(201).extract().path("id");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE upgrade_invitations SET expires_at = now() - interval '1 minute' WHERE id = CAST(:id AS uuid)")
                .setParameter("id", invId).executeUpdate());
        s.merchant().as().post("/upgrade-invitations/" + invId + "/acceptance").then().statusCode(422)
                .body("code", equalTo("INVITATION_EXPIRED"));
        assertTrue(job.runOnce().expired() >= 1);
        s.merchant().as().get("/upgrade-invitations/" + invId).then().body("status", equalTo("EXPIRED"));
        s.merchant().as().get("/stores/" + s.storeId()).then().body("plan", equalTo("GROW"));
        // a new invitation can be sent once the old one expired
        s.member().as().post("/partners/" + s.partnerId() + "/leads/" + s.leadId() + "/upgrade-invitations").then().statusCode(201);
    }

    @Test
    @DisplayName("PRT-8: a won lead records a referral with its store, date, plan and revenue in the partner's history")
    void prt8WonLeadReferral() {
        var desk = leadDesk();
        Api.User admin = desk.admin(), rep = desk.rep(), member = desk.member();
        String partnerId = desk.partnerId();
        Api.User merchant = Api.user("merchant");
        String storeId = store(merchant, "ADVANCED");
        String leadId = desk.submit("PLUS", true), noStore = desk.submit("PLUS", true);
        status(rep, leadId, "IN_PROGRESS", "demo booked");
        status(rep, noStore, "IN_PROGRESS", "demo booked");
        rep.as().body(Map.of("status", "WON")).post("/sales/leads/" + noStore + "/status-changes").then().statusCode(422)
                .body("code", equalTo("STORE_REQUIRED_FOR_WON"));
        rep.as().body(Map.of("status", "WON", "storeId", storeId, "revenue", Map.of("amount", "12", "currency", "eur")))
                .post("/sales/leads/" + leadId + "/status-changes").then().statusCode(400).body("errors[0].field", equalTo("revenue.currency"));
        Instant before = Instant.now().minusSeconds(5);
        rep.as().body(Map.of("status", "WON", "note", "signed", "storeId", storeId, "revenue", Map.of("amount", "24000", "currency", "EUR")))
                .post("/sales/leads/" + leadId + "/status-changes").then().statusCode(200)
                .body("status", equalTo("WON")).body("storeId", equalTo(storeId));
        JsonPath history = member.as().get("/partners/" + partnerId + "/referrals").then().statusCode(200).extract().jsonPath();
        assertEquals(1, history.getList("items").size());
        assertEquals(storeId, history.getString("items[0].storeId"));
        assertEquals(leadId, history.getString("items[0].leadId"));
        assertEquals("LEAD_WON", history.getString("items[0].kind"));
        assertEquals("ADVANCED", history.getString("items[0].plan"));
        assertEquals("24000.00", history.getString("items[0].revenue.amount"));
        assertEquals("EUR", history.getString("items[0].revenue.currency"));
        assertTrue(Instant.parse(history.getString("items[0].referredAt")).isAfter(before));
        member.as().get("/partners/" + partnerId + "/leads/" + leadId).then()
                .body("nextSteps", equalTo("You will earn a commission on this lead according to the referral terms."));
        Api.User stranger = Api.user("partner");
        stranger.as().get("/partners/" + partnerId + "/referrals").then().statusCode(404);
    }

    @Test
    @DisplayName("PRT-8: a store a partner member built is handed over to the merchant through the ownership transfer and listed as a referral")
    void prt8StoreHandover() {
        Api.User member = Api.user("partner");
        String partnerId = partner(member);
        Api.User merchant = Api.user("merchant");
        String storeId = store(member, "GROW");
        merchant.as().get("/stores/" + storeId).then().statusCode(404);

        member.as().body(Map.of("storeId", storeId, "merchantUserId", member.id())).post("/partners/" + partnerId + "/store-handovers")
                .then().statusCode(422).body("code", equalTo("HANDOVER_TO_SELF"));
        Api.User colleague = Api.user("partner");
        member.as().body(Map.of("role", "MEMBER")).put("/partners/" + partnerId + "/members/" + colleague.id()).then().statusCode(200);
        colleague.as().body(Map.of("storeId", storeId, "merchantUserId", merchant.id())).post("/partners/" + partnerId + "/store-handovers")
                .then().statusCode(404);   // not related to the store: the transfer flow hides it

        member.as().body(Map.of("storeId", storeId, "merchantUserId", merchant.id())).post("/partners/" + partnerId + "/store-handovers")
                .then().statusCode(200).body("transfer.store.ownerId", equalTo(merchant.id()))
                .body("referral.kind", equalTo("STORE_HANDOVER")).body("referral.plan", equalTo("GROW"))
                .body("referral.revenue.amount", equalTo("1260.00")).body("referral.revenue.currency", equalTo("USD"));
        merchant.as().get("/stores/" + storeId).then().statusCode(200).body("ownerId", equalTo(merchant.id()));
        member.as().get("/stores/" + storeId).then().statusCode(404);
        member.as().body(Map.of("storeId", storeId, "merchantUserId", merchant.id())).post("/partners/" + partnerId + "/store-handovers")
                .then().statusCode(409).body("code", equalTo("ALREADY_REFERRED"));

        String second = store(member, "BASIC");
        member.as().body(Map.of("storeId", second, "merchantUserId", merchant.id())).post("/partners/" + partnerId + "/store-handovers")
                .then().statusCode(200);
        JsonPath p1 = member.as().queryParam("limit", 1).get("/partners/" + partnerId + "/referrals").then().statusCode(200).extract().jsonPath();
        assertEquals(second, p1.getString("items[0].storeId"), "newest first");
        String next = p1.getString("nextCursor");
        assertNotNull(next);
        member.as().queryParam("limit", 1).queryParam("cursor", next).get("/partners/" + partnerId + "/referrals").then()
                .body("items.storeId", contains(storeId)).body("nextCursor", nullValue());
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> outbox(String recipient) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT kind, subject, body FROM outbox_messages WHERE recipient = :r ORDER BY created_at, id")
                .setParameter("r", recipient).getResultList());
    }
}
