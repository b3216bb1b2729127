package io.merchantdesk.sync;

import io.merchantdesk.sync.SyncFixtures.Setup;
import io.merchantdesk.sync.engine.Model.CardData;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;

/** {@link CompanySyncRules} on the built-in register; a person works in it through its REST API. */
@QuarkusTest
class CompanySyncBuiltInTest extends CompanySyncRules {
    @Override
    protected Setup setup() {
        return SyncFixtures.setup();
    }

    @Override
    protected String createByHand(Setup s, CardData d) {
        Map<String, Object> body = new HashMap<>(io.merchantdesk.support.CardsByHand.registerBody(d));
        body.put("templateCode", "RETAIL");
        return s.owner().as().body(body).post(s.erp("/customers")).then().statusCode(201).extract().path("customerNo");
    }

    @Override
    protected void editByHand(Setup s, String customerNo, String name, String city) {
        long version = s.owner().as().get(s.erp("/customers/" + customerNo)).then().statusCode(200).extract().jsonPath().getLong("version");
        s.owner().as().header("If-Match", "\"" + version + "\"").body(Map.of("name", name, "city", city)).patch(s.erp("/customers/" + customerNo))
                .then().statusCode(200);
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("SYNC-24: the register shows a card's ship-to addresses (GET .../ship-to-addresses, paged), the company's other locations with MD codes")
    void shipToAddressesListed_SYNC24() {
        Setup s = setup();
        SyncFixtures.connect(s, "customerImport", "NONE", "customerTemplateCode", "RETAIL", "companyImport", "ALL_COMPANIES",
                "autoCreateUnknownCompanies", true);
        String company = s.owner().as().body(Map.of("name", "Listed AS")).post(s.store("/companies")).then().statusCode(201).extract().path("id");
        java.util.List<String> locations = new java.util.ArrayList<>();
        for (String city : java.util.List.of("Oslo", "Bergen", "Bodø")) {
            locations.add(s.owner().as().body(Map.of("name", "Listed " + city, "billingAddress", Map.of("address1", "Gata 1", "city", city,
                    "zip", "0150", "countryCode", "NO"))).post(s.store("/companies/" + company + "/locations")).then().statusCode(201)
                    .extract().path("id"));
        }
        String customer = SyncFixtures.customer(s, "Ada", "Lovelace", SyncFixtures.email("listed"), null, null);
        s.owner().as().body(Map.of("customerId", customer, "locations", java.util.List.of(Map.of("locationId", locations.get(0), "role", "ORDERING_ONLY"))))
                .post(s.store("/companies/" + company + "/contacts")).then().statusCode(201);
        SyncFixtures.run(s, "CUSTOMERS");
        String no = s.owner().as().get(s.store("/company-links")).then().statusCode(200).extract().path("items[0].customerNo");
        io.restassured.path.json.JsonPath page = s.owner().as().queryParam("limit", 1).get(s.erp("/customers/" + no + "/ship-to-addresses"))
                .then().statusCode(200).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(1, page.getList("items").size());
        org.junit.jupiter.api.Assertions.assertNotNull(page.getString("nextCursor"));
        io.restassured.path.json.JsonPath all = s.owner().as().get(s.erp("/customers/" + no + "/ship-to-addresses")).then().statusCode(200)
                .extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of("Bergen", "Bodø"), java.util.Set.copyOf(all.getList("items.city")));
        org.junit.jupiter.api.Assertions.assertTrue(all.getList("items.code", String.class).stream().allMatch(c -> c.startsWith("MD")));
        s.owner().as().get(s.erp("/customers/NO-SUCH/ship-to-addresses")).then().statusCode(404);
        io.merchantdesk.support.Api.user("stranger").as().get(s.erp("/customers/" + no + "/ship-to-addresses")).then().statusCode(404);
    }

    @Override
    protected void deleteByHand(Setup s, String customerNo) {
        long version = s.owner().as().get(s.erp("/customers/" + customerNo)).then().statusCode(200).extract().jsonPath().getLong("version");
        s.owner().as().header("If-Match", "\"" + version + "\"").delete(s.erp("/customers/" + customerNo)).then().statusCode(204);
    }
}
