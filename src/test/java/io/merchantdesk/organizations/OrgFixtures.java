package io.merchantdesk.organizations;

import static org.hamcrest.Matchers.equalTo;

import io.merchantdesk.support.Api;
import java.util.List;
import java.util.Map;

/** Builders for stores and organizations through the API. */
final class OrgFixtures {
    private OrgFixtures() {}

    static String store(Api.User owner, String currency, String plan) {
        return owner.as().body(Map.of("name", Api.unique("store"), "billingCurrency", currency, "plan", plan))
                .post("/stores").then().statusCode(201).body("ownerId", equalTo(owner.id())).extract().path("id");
    }

    static String store(Api.User owner) {
        return store(owner, "USD", "GROW");
    }

    static String card(Api.User caller, String storeId) {
        return caller.as().body(Map.of("type", "CARD", "label", "Visa ending 4242", "primary", true))
                .post("/stores/" + storeId + "/payment-methods").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> orgBody(String paymentMethodId, String... storeIds) {
        return Map.of("name", Api.unique("org"), "storeIds", List.of(storeIds), "paymentMethodId", paymentMethodId);
    }

    /** Creates an organization of the given stores, billed by a new card on the first store. */
    static String organization(Api.User owner, String... storeIds) {
        String pm = card(owner, storeIds[0]);
        return owner.as().body(orgBody(pm, storeIds)).post("/organizations")
                .then().statusCode(201).extract().path("organization.id");
    }

    static void staff(Api.User owner, String storeId, Api.User user, String... permissions) {
        owner.as().body(Map.of("permissions", List.of(permissions))).put("/stores/" + storeId + "/staff/" + user.id())
                .then().statusCode(200);
    }

    static void member(Api.User owner, String orgId, Api.User user, String role, String... permissions) {
        owner.as().body(Map.of("role", role, "permissions", List.of(permissions))).put("/organizations/" + orgId + "/members/" + user.id())
                .then().statusCode(200);
    }
}
