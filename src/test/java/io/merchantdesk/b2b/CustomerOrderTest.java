package io.merchantdesk.b2b;

import static io.merchantdesk.b2b.B2bFixtures.*;
import static io.merchantdesk.support.Stores.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CustomerOrderTest {

    @Test
    @DisplayName("a customer is created with addresses (first one default) and an E.164 phone from the default address's country")
    void createCustomerWithAddresses() {
        var alice = Api.user("alice");
        String store = store(alice);
        String email = Api.unique("ada") + "@Example.com";
        Map<String, Object> body = new HashMap<>(Map.of("firstName", " Ada ", "lastName", "Lovelace", "email", email,
                "phone", "020 7946 0958", "tags", List.of("vip", "wholesale", "vip"), "note", "prefers e-mail"));
        body.put("addresses", List.of(Map.of("address", address("GB")), Map.of("address", address("NO"))));
        String id = alice.as().body(body).post("/stores/" + store + "/customers").then().statusCode(201)
                .header("ETag", notNullValue())
                .body("firstName", equalTo("Ada"))
                .body("phone", equalTo("020 7946 0958"))
                .body("phoneE164", equalTo("+442079460958"))
                .body("tags", contains("vip", "wholesale"))
                .body("addresses.isDefault", contains(true, false))
                .body("addresses[1].address.countryCode", equalTo("NO"))
                .extract().path("id");
        alice.as().get("/stores/" + store + "/customers/" + id).then().statusCode(200)
                .body("email", equalTo(email)).body("addresses", hasSize(2));
        // Same e-mail with other case and spaces: the normalised key clashes.
        alice.as().body(Map.of("firstName", "Other", "email", email.toUpperCase())).post("/stores/" + store + "/customers")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("CUSTOMER_EMAIL_TAKEN")).body("errors[0].field", equalTo("email"));
    }

    @Test
    @DisplayName("an unparseable phone keeps phoneE164 null; a national number without an address country is not guessed")
    void phoneNormalisation() {
        var alice = Api.user("alice");
        String store = store(alice);
        alice.as().body(Map.of("firstName", "Nils", "phone", "not a phone")).post("/stores/" + store + "/customers")
                .then().statusCode(201).body("phone", equalTo("not a phone")).body("phoneE164", nullValue());
        alice.as().body(Map.of("firstName", "Nils", "phone", "912 34 567")).post("/stores/" + store + "/customers")
                .then().statusCode(201).body("phoneE164", nullValue());
        alice.as().body(Map.of("firstName", "Nils", "phone", "+47 912 34 567")).post("/stores/" + store + "/customers")
                .then().statusCode(201).body("phoneE164", equalTo("+4791234567"));
    }

    @Test
    @DisplayName("bad customer input is a 400 problem with the offending fields")
    void badCustomerInput() {
        var alice = Api.user("alice");
        String store = store(alice);
        Map<String, Object> twoDefaults = new HashMap<>(Map.of("firstName", "Ada"));
        twoDefaults.put("addresses", List.of(Map.of("address", address("GB"), "isDefault", true),
                Map.of("address", address("GB"), "isDefault", true)));
        alice.as().body(twoDefaults).post("/stores/" + store + "/customers").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("ADDRESS_MULTIPLE_DEFAULTS"));
        Map<String, Object> badCountry = new HashMap<>(Map.of("firstName", "Ada"));
        badCountry.put("addresses", List.of(Map.of("address", address("XX"))));
        alice.as().body(badCountry).post("/stores/" + store + "/customers").then().statusCode(400)
                .body("code", equalTo("ADDRESS_INVALID_COUNTRY"))
                .body("errors[0].field", equalTo("addresses[0].address.countryCode"));
        alice.as().body(Map.of("email", "not-an-email")).post("/stores/" + store + "/customers").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors.field", hasItem(containsString("email")));
        alice.as().body(Map.of("note", "nobody")).post("/stores/" + store + "/customers").then().statusCode(400)
                .body("code", equalTo("CUSTOMER_EMPTY"));
        alice.as().get("/stores/" + store + "/customers").then().statusCode(200).body("items", empty());
    }

    @Test
    @DisplayName("customers are searched by part of the name, the e-mail or the phone, and paged with a cursor")
    void searchAndPaging() {
        var alice = Api.user("alice");
        String store = store(alice);
        String marker = Api.unique("zq").replace("-", "");
        alice.as().body(Map.of("firstName", "Grace", "lastName", "Hopper" + marker, "email", "grace@navy.example", "phone", "+1 415 555 0134"))
                .post("/stores/" + store + "/customers").then().statusCode(201);
        alice.as().body(Map.of("firstName", "Alan", "lastName", "Turing", "email", marker + "@bletchley.example"))
                .post("/stores/" + store + "/customers").then().statusCode(201);
        for (int i = 0; i < 3; i++) customer(alice, store, "Filler", "Person" + i);
        String base = "/stores/" + store + "/customers";
        alice.as().queryParam("q", "HOPPER").get(base).then().statusCode(200).body("items.lastName", contains("Hopper" + marker));
        alice.as().queryParam("q", marker).get(base).then().body("items.firstName", contains("Grace", "Alan"));
        alice.as().queryParam("q", "navy.exa").get(base).then().body("items.firstName", contains("Grace"));
        alice.as().queryParam("q", "(415) 555-0134").get(base).then().body("items.firstName", contains("Grace"));
        alice.as().queryParam("q", "5550134").get(base).then().body("items.firstName", contains("Grace"));
        alice.as().queryParam("q", "100%_").get(base).then().statusCode(200).body("items", empty());
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var spec = alice.as().queryParam("limit", 2);
            if (cursor != null) spec.queryParam("cursor", cursor);
            var page = spec.get(base).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(5, seen.size());
        assertEquals(5, seen.stream().distinct().count());
        assertEquals(3, pages);
        alice.as().queryParam("cursor", "garbage").get(base).then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    @DisplayName("PATCH changes fields, replaces addresses (re-normalising the phone) and honours If-Match")
    void updateCustomer() {
        var alice = Api.user("alice");
        String store = store(alice);
        String id = alice.as().body(Map.of("firstName", "Nils", "phone", "912 34 567")).post("/stores/" + store + "/customers")
                .then().statusCode(201).body("phoneE164", nullValue()).extract().path("id");
        String url = "/stores/" + store + "/customers/" + id;
        String etag = alice.as().get(url).then().extract().header("ETag");
        alice.as().header("If-Match", etag)
                .body(Map.of("lastName", "Hansen", "addresses", List.of(Map.of("address", address("GB")), Map.of("address", address("NO"), "isDefault", true))))
                .patch(url).then().statusCode(200)
                .body("lastName", equalTo("Hansen")).body("firstName", equalTo("Nils"))
                .body("phoneE164", equalTo("+4791234567"))
                .body("addresses.isDefault", contains(false, true));
        alice.as().header("If-Match", etag).body(Map.of("note", "stale")).patch(url).then().statusCode(412)
                .body("code", equalTo("PRECONDITION_FAILED"));
        alice.as().body(Map.of("addresses", List.of())).patch(url).then().statusCode(200).body("addresses", empty());
        alice.as().delete(url).then().statusCode(204);
        alice.as().get(url).then().statusCode(404);
    }

    @Test
    @DisplayName("orders: create D2C with computed total, list by type/status/customer, cancel, soft delete")
    void orderLifecycle() {
        var alice = Api.user("alice");
        String store = store(alice);
        String ada = customer(alice, store);
        String grace = customer(alice, store, "Grace", "Hopper");
        String o1 = alice.as().body(orderBody(ada, null)).post("/stores/" + store + "/orders").then().statusCode(201)
                .body("type", equalTo("D2C")).body("status", equalTo("OPEN"))
                .body("total.amount", equalTo("251.00")).body("total.currency", equalTo("USD"))
                .body("lineItems[0].unitPrice", equalTo("125.50"))
                .body("shippingAddress.countryCode", equalTo("GB"))
                .body("companyLocationId", nullValue()).body("placedAt", notNullValue())
                .extract().path("id");
        String o2 = order(alice, store, ada);
        String o3 = order(alice, store, grace);
        String base = "/stores/" + store + "/orders";
        alice.as().post(base + "/" + o2 + "/cancellation").then().statusCode(200).body("status", equalTo("CANCELLED"));
        alice.as().post(base + "/" + o2 + "/cancellation").then().statusCode(409).body("code", equalTo("ORDER_ALREADY_CANCELLED"));
        alice.as().delete(base + "/" + o3).then().statusCode(204);
        alice.as().delete(base + "/" + o3).then().statusCode(204);
        alice.as().get(base + "/" + o3).then().statusCode(200).body("deletedAt", notNullValue());
        alice.as().post(base + "/" + o3 + "/cancellation").then().statusCode(409).body("code", equalTo("ORDER_DELETED"));
        alice.as().get(base).then().statusCode(200).body("items.id", contains(o1, o2));
        alice.as().queryParam("includeDeleted", true).get(base).then().body("items.id", contains(o1, o2, o3));
        alice.as().queryParam("customerId", ada).queryParam("status", "OPEN").get(base).then().body("items.id", contains(o1));
        alice.as().queryParam("type", "D2C").get(base).then().body("items.id", contains(o1, o2));
        alice.as().queryParam("type", "B2B").get(base).then().body("items", empty());
        alice.as().queryParam("type", "RETAIL").get(base).then().statusCode(400).body("errors[0].field", equalTo("type"));
        // A customer with orders cannot be deleted.
        alice.as().delete("/stores/" + store + "/customers/" + ada).then().statusCode(409).body("code", equalTo("CUSTOMER_HAS_ORDERS"));
    }

    @Test
    @DisplayName("bad order input: no line items, negative price, unknown currency, unknown location are 4xx problems")
    void badOrderInput() {
        var alice = Api.user("alice");
        String store = store(alice);
        String ada = customer(alice, store);
        String base = "/stores/" + store + "/orders";
        Map<String, Object> empty = new HashMap<>(orderBody(ada, null));
        empty.put("lineItems", List.of());
        alice.as().body(empty).post(base).then().statusCode(400).body("errors.field", hasItem(containsString("lineItems")));
        Map<String, Object> negative = new HashMap<>(orderBody(ada, null));
        negative.put("lineItems", List.of(Map.of("title", "x", "quantity", 1, "unitPrice", "-1")));
        alice.as().body(negative).post(base).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        Map<String, Object> currency = new HashMap<>(orderBody(ada, null));
        currency.put("currency", "XYZ");
        alice.as().body(currency).post(base).then().statusCode(400).body("errors[0].field", equalTo("currency"));
        alice.as().body(orderBody(ada, java.util.UUID.randomUUID().toString())).post(base).then().statusCode(404)
                .body("errors[0].field", equalTo("companyLocationId"));
        alice.as().get(base).then().body("items", empty());
    }

    @Test
    @DisplayName("cross-store: a stranger gets 404 for the store, its customers and orders; staff without permission 403")
    void crossStoreAccess() {
        var alice = Api.user("alice");
        var bob = Api.user("bob");
        String aliceStore = store(alice);
        String bobStore = store(bob);
        String ada = customer(alice, aliceStore);
        String order = order(alice, aliceStore, ada);
        // Bob, a stranger to Alice's store.
        bob.as().get("/stores/" + aliceStore + "/customers").then().statusCode(404).contentType("application/problem+json");
        bob.as().get("/stores/" + aliceStore + "/customers/" + ada).then().statusCode(404);
        bob.as().get("/stores/" + aliceStore + "/orders/" + order).then().statusCode(404);
        bob.as().post("/stores/" + aliceStore + "/orders/" + order + "/cancellation").then().statusCode(404);
        // Alice's ids through Bob's own store are not found either.
        bob.as().get("/stores/" + bobStore + "/customers/" + ada).then().statusCode(404);
        bob.as().get("/stores/" + bobStore + "/orders/" + order).then().statusCode(404);
        bob.as().delete("/stores/" + bobStore + "/orders/" + order).then().statusCode(404);
        bob.as().body(orderBody(ada, null)).post("/stores/" + bobStore + "/orders").then().statusCode(404)
                .body("errors[0].field", equalTo("customerId"));
        bob.as().body(Map.of("note", "x")).patch("/stores/" + bobStore + "/customers/" + ada).then().statusCode(404);
        // Staff with only MANAGE_ORDERS: orders yes, customers 403.
        var carol = Api.user("carol");
        staff(alice, aliceStore, carol, "MANAGE_ORDERS");
        carol.as().get("/stores/" + aliceStore + "/orders/" + order).then().statusCode(200);
        carol.as().get("/stores/" + aliceStore + "/customers").then().statusCode(403).body("code", equalTo("PERMISSION_REQUIRED"));
        alice.as().get("/stores/" + aliceStore + "/orders/" + order).then().statusCode(200).body("status", equalTo("OPEN"));
        assertNotNull(ada);
    }
}
