package io.merchantdesk.organizations;

import static io.merchantdesk.support.Stores.card;
import static io.merchantdesk.support.Stores.store;

import io.merchantdesk.support.Api;
import java.util.List;
import java.util.Map;

/** Builders for organizations through the API (stores, staff and cards: {@link io.merchantdesk.support.Stores}). */
final class OrgFixtures {
    private OrgFixtures() {}

    static Map<String, Object> orgBody(String paymentMethodId, String... storeIds) {
        return Map.of("name", Api.unique("org"), "storeIds", List.of(storeIds), "paymentMethodId", paymentMethodId);
    }

    /** Creates an organization of the given stores, billed by a new card on the first store. */
    static String organization(Api.User owner, String... storeIds) {
        String pm = card(owner, storeIds[0]);
        return owner.as().body(orgBody(pm, storeIds)).post("/organizations")
                .then().statusCode(201).extract().path("organization.id");
    }

    /** An organization and its stores, in the order they were grouped. */
    record Grouped(String id, List<String> stores) {
        String store(int i) {
            return stores.get(i);
        }
    }

    /** An organization of {@code count} new USD stores of the owner (see {@link #organization}). */
    static Grouped grouped(Api.User owner, int count) {
        String[] stores = new String[count];
        for (int i = 0; i < count; i++) stores[i] = store(owner);
        return new Grouped(organization(owner, stores), List.of(stores));
    }

    static void member(Api.User owner, String orgId, Api.User user, String role, String... permissions) {
        owner.as().body(Map.of("role", role, "permissions", List.of(permissions))).put("/organizations/" + orgId + "/members/" + user.id())
                .then().statusCode(200);
    }
}
