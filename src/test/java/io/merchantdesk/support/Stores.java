package io.merchantdesk.support;

import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

/** Stores, their staff and payment methods through the API: the setup most tests start from. */
public final class Stores {
    private Stores() {}

    /** A new store of the owner (unique name), asserting the owner is the caller. */
    public static String store(Api.User owner, String currency, String plan) {
        return owner.as().body(Map.of("name", Api.unique("store"), "billingCurrency", currency, "plan", plan))
                .post("/stores").then().statusCode(201).body("ownerId", equalTo(owner.id())).extract().path("id");
    }

    /** A new USD store on the GROW plan. */
    public static String store(Api.User owner) {
        return store(owner, "USD", "GROW");
    }

    /** A primary card on the store; its id. */
    public static String card(Api.User caller, String storeId) {
        return caller.as().body(Map.of("type", "CARD", "label", "Visa ending 4242", "primary", true))
                .post("/stores/" + storeId + "/payment-methods").then().statusCode(201).extract().path("id");
    }

    /** Makes the user staff of the store with exactly these permissions. */
    public static void staff(Api.User owner, String storeId, Api.User user, String... permissions) {
        owner.as().body(Map.of("permissions", List.of(permissions))).put("/stores/" + storeId + "/staff/" + user.id())
                .then().statusCode(200);
    }
}
