package io.merchantdesk.b2b;

import static io.merchantdesk.support.Stores.store;

import io.merchantdesk.support.Api;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builders for customers, orders and companies through the API (stores: {@link io.merchantdesk.support.Stores}). */
final class B2bFixtures {
    private B2bFixtures() {}

    /**
     * The start of most B2B tests: a new owner with a store, a customer (Ada Lovelace) and a company with some
     * locations, all created through the API; {@link #contact} adds the customer to the company.
     */
    record CompanyScene(Api.User owner, String store, String customer, String company, List<String> locations) {
        String location(int i) {
            return locations.get(i);
        }

        /** Adds the customer to the company with one role per location, in order, without migration: 201. */
        CompanyScene contact(String... roles) {
            List<Map<String, Object>> perLocation = new ArrayList<>();
            for (int i = 0; i < roles.length; i++) perLocation.add(role(location(i), roles[i]));
            addContact(owner, store, company, contactBody(customer, perLocation, null, false)).statusCode(201);
            return this;
        }

        /** Adds the customer as LOCATION_ADMIN of the location, migrating their orders there (the raw answer). */
        Response migrate(String locationId) {
            return owner.as().body(contactBody(customer, List.of(role(locationId, "LOCATION_ADMIN")), locationId, false))
                    .post("/stores/" + store + "/companies/" + company + "/contacts");
        }
    }

    /** A new owner ({@code label}) with a store, a customer and a company with {@code locations} locations. */
    static CompanyScene companyScene(String label, int locations) {
        Api.User owner = Api.user(label);
        String store = store(owner);
        String customer = customer(owner, store);
        String company = company(owner, store);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < locations; i++) ids.add(location(owner, store, company));
        return new CompanyScene(owner, store, customer, company, List.copyOf(ids));
    }

    static CompanyScene companyScene(int locations) {
        return companyScene("alice", locations);
    }

    /** {@link #companyScene} with one location per role, the customer already a contact with those roles. */
    static CompanyScene contactScene(String... roles) {
        return companyScene(roles.length).contact(roles);
    }

    static Map<String, Object> address(String country) {
        Map<String, Object> a = new HashMap<>();
        a.put("firstName", "Ada");
        a.put("lastName", "Lovelace");
        a.put("address1", "12 St James's Square");
        a.put("city", "London");
        a.put("countryCode", country);
        a.put("zip", "SW1Y 4LB");
        return a;
    }

    static String customer(Api.User caller, String storeId, String first, String last) {
        Map<String, Object> body = new HashMap<>();
        body.put("firstName", first);
        body.put("lastName", last);
        body.put("email", Api.unique(first.toLowerCase()) + "@example.com");
        return caller.as().body(body).post("/stores/" + storeId + "/customers").then().statusCode(201).extract().path("id");
    }

    static String customer(Api.User caller, String storeId) {
        return customer(caller, storeId, "Ada", "Lovelace");
    }

    static Map<String, Object> orderBody(String customerId, String locationId) {
        Map<String, Object> body = new HashMap<>();
        body.put("customerId", customerId);
        if (locationId != null) body.put("companyLocationId", locationId);
        body.put("lineItems", List.of(Map.of("title", "Walnut desk", "sku", "DESK-1", "quantity", 2, "unitPrice", "125.50")));
        body.put("shippingAddress", address("GB"));
        return body;
    }

    static String order(Api.User caller, String storeId, String customerId, String locationId) {
        return caller.as().body(orderBody(customerId, locationId)).post("/stores/" + storeId + "/orders")
                .then().statusCode(201).extract().path("id");
    }

    static String order(Api.User caller, String storeId, String customerId) {
        return order(caller, storeId, customerId, null);
    }

    static String cancelledOrder(Api.User caller, String storeId, String customerId) {
        String id = order(caller, storeId, customerId);
        caller.as().post("/stores/" + storeId + "/orders/" + id + "/cancellation").then().statusCode(200);
        return id;
    }

    static String deletedOrder(Api.User caller, String storeId, String customerId) {
        String id = order(caller, storeId, customerId);
        caller.as().delete("/stores/" + storeId + "/orders/" + id).then().statusCode(204);
        return id;
    }

    static List<String> orders(Api.User caller, String storeId, String customerId, String type) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var spec = caller.as().queryParam("customerId", customerId).queryParam("limit", 250).queryParam("includeDeleted", true);
            if (type != null) spec.queryParam("type", type);
            if (cursor != null) spec.queryParam("cursor", cursor);
            var page = spec.get("/stores/" + storeId + "/orders").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    static String company(Api.User caller, String storeId) {
        return caller.as().body(Map.of("name", Api.unique("company"))).post("/stores/" + storeId + "/companies")
                .then().statusCode(201).extract().path("id");
    }

    static String location(Api.User caller, String storeId, String companyId) {
        return caller.as().body(Map.of("name", Api.unique("location"), "billingAddress", address("GB"), "shippingAddress", address("GB")))
                .post("/stores/" + storeId + "/companies/" + companyId + "/locations").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> role(String locationId, String role) {
        return Map.of("locationId", locationId, "role", role);
    }

    /** Body of "add customer to company": roles per location, optional migration target, notify flag. */
    static Map<String, Object> contactBody(String customerId, List<Map<String, Object>> roles, String migrateTo, boolean notify) {
        Map<String, Object> body = new HashMap<>();
        body.put("customerId", customerId);
        body.put("locations", roles);
        if (migrateTo != null) body.put("migrateOrdersToLocationId", migrateTo);
        body.put("notifyCustomer", notify);
        return body;
    }

    static io.restassured.response.ValidatableResponse addContact(Api.User caller, String storeId, String companyId, Map<String, Object> body) {
        return caller.as().body(body).post("/stores/" + storeId + "/companies/" + companyId + "/contacts").then();
    }
}
