package io.merchantdesk.b2b;

import static io.merchantdesk.b2b.B2bFixtures.*;
import static io.merchantdesk.support.Stores.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 15: editing and deleting company locations, and changing a contact's roles per location. */
@QuarkusTest
class LocationsAndRolesTest {

    private static String locations(String store, String company) {
        return "/stores/" + store + "/companies/" + company + "/locations";
    }

    private static String contact(String store, String company, String customer) {
        return "/stores/" + store + "/companies/" + company + "/contacts/" + customer;
    }

    @Test
    @DisplayName("edit a location: PUT with If-Match replaces name and addresses (an absent address is removed); stale ETag 412; bad country 400")
    void editLocation_ifMatch() {
        var scene = companyScene(1);
        var alice = scene.owner();
        String store = scene.store(), company = scene.company(), loc = scene.location(0);
        String path = locations(store, company) + "/" + loc;
        String etag = alice.as().get(path).then().statusCode(200).body("id", equalTo(loc)).extract().header("ETag");
        String newEtag = alice.as().header("If-Match", etag).body(Map.of("name", "Leeds depot", "shippingAddress", address("NO")))
                .put(path).then().statusCode(200)
                .body("name", equalTo("Leeds depot")).body("shippingAddress.countryCode", equalTo("NO"))
                .body("billingAddress", nullValue()).body("version", equalTo(1))
                .extract().header("ETag");
        assertNotEquals(etag, newEtag);
        alice.as().header("If-Match", etag).body(Map.of("name", "stale")).put(path).then().statusCode(412)
                .body("code", equalTo("PRECONDITION_FAILED"));
        alice.as().header("If-Match", newEtag).body(Map.of("name", "x", "billingAddress", address("QQ"))).put(path).then()
                .statusCode(400).body("code", equalTo("ADDRESS_INVALID_COUNTRY"));
        alice.as().header("If-Match", newEtag).body(Map.of("name", " ")).put(path).then().statusCode(400)
                .body("errors[0].field", containsString("name"));
        alice.as().get(path).then().statusCode(200).header("ETag", equalTo(newEtag)).body("name", equalTo("Leeds depot"));
        // A location of another company of the same store is not found under this company.
        String other = company(alice, store);
        alice.as().get(locations(store, other) + "/" + loc).then().statusCode(404);
        alice.as().body(Map.of("name", "x")).put(locations(store, other) + "/" + loc).then().statusCode(404);
    }

    @Test
    @DisplayName("B2B-1 delete a location: refused with 409 while orders (any status), a migration record or a contact's only role refer to it")
    void deleteLocation_refusedWhereDataWouldBeLost() {
        var scene = contactScene("ORDERING_ONLY", "LOCATION_ADMIN");
        var alice = scene.owner();
        String store = scene.store(), ada = scene.customer(), company = scene.company(), withOrders = scene.location(0), other = scene.location(1);
        String b2b = order(alice, store, ada, withOrders);
        alice.as().post("/stores/" + store + "/orders/" + b2b + "/cancellation").then().statusCode(200);
        alice.as().delete("/stores/" + store + "/orders/" + b2b).then().statusCode(204);
        // Even a cancelled, soft-deleted order keeps its location (B2B-1).
        alice.as().accept("application/problem+json").delete(locations(store, company) + "/" + withOrders).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("B2B_LOCATION_HAS_ORDERS"));
        // A migration record keeps its location even after the orders were reverted (B2B-7 history).
        String grace = customer(alice, store, "Grace", "Hopper");
        order(alice, store, grace);
        String migrated = location(alice, store, company);
        addContact(alice, store, company, contactBody(grace, List.of(role(migrated, "ORDERING_ONLY"), role(other, "ORDERING_ONLY")), migrated, false))
                .statusCode(201).body("migration.moved", equalTo(1));
        alice.as().delete(contact(store, company, grace) + "?revertMigratedOrders=true").then().statusCode(200)
                .body("revertedOrders", equalTo(1));
        alice.as().delete(locations(store, company) + "/" + migrated).then().statusCode(409)
                .body("code", equalTo("B2B_LOCATION_HAS_MIGRATIONS"));
        // A contact whose only location it is would be left without any role.
        String nils = customer(alice, store, "Nils", "Nilsen");
        String only = location(alice, store, company);
        addContact(alice, store, company, contactBody(nils, List.of(role(only, "ORDERING_ONLY")), null, false)).statusCode(201);
        alice.as().delete(locations(store, company) + "/" + only).then().statusCode(409)
                .body("code", equalTo("B2B_LOCATION_ONLY_ROLE_OF_CONTACT"))
                .body("errors[0].message", containsString(nils));
        for (String l : List.of(withOrders, migrated, only)) {
            alice.as().get(locations(store, company) + "/" + l).then().statusCode(200);
        }
        alice.as().get(contact(store, company, nils)).then().statusCode(200).body("locations.locationId", contains(only));
    }

    @Test
    @DisplayName("delete a location: the contacts' roles there go with it; a stale If-Match is 412; the last location of a company without contacts or orders can go")
    void deleteLocation_removesTheRolesThere() {
        var scene = contactScene("ORDERING_ONLY", "LOCATION_ADMIN");
        var alice = scene.owner();
        String store = scene.store(), ada = scene.customer(), company = scene.company(), keep = scene.location(0), gone = scene.location(1);
        String path = locations(store, company) + "/" + gone;
        String etag = alice.as().get(path).then().extract().header("ETag");
        alice.as().header("If-Match", etag).body(Map.of("name", "renamed")).put(path).then().statusCode(200);
        alice.as().header("If-Match", etag).delete(path).then().statusCode(412);
        // As a generated client sends it: only problem+json is acceptable for an answer without a body.
        alice.as().accept("application/problem+json").header("If-Match", alice.as().get(path).then().extract().header("ETag"))
                .delete(path).then().statusCode(204);
        alice.as().get(path).then().statusCode(404);
        alice.as().delete(path).then().statusCode(404);
        alice.as().get(contact(store, company, ada)).then().statusCode(200)
                .body("locations", hasSize(1)).body("locations[0].locationId", equalTo(keep));
        alice.as().body(orderBody(ada, gone)).post("/stores/" + store + "/orders").then().statusCode(404)
                .body("errors[0].field", equalTo("companyLocationId"));
        String lonely = company(alice, store);
        String last = location(alice, store, lonely);
        alice.as().delete(locations(store, lonely) + "/" + last).then().statusCode(204);
        alice.as().get(locations(store, lonely)).then().statusCode(200).body("items", empty());
    }

    @Test
    @DisplayName("B2B-6 set a contact's role per location: change a role, add a location, ETag/If-Match (stale 412); only the company's locations")
    void setContactRole_perLocation() {
        var scene = companyScene(2);
        var alice = scene.owner();
        String store = scene.store(), ada = scene.customer(), company = scene.company(), london = scene.location(0), leeds = scene.location(1);
        String etag = addContact(alice, store, company, contactBody(ada, List.of(role(london, "ORDERING_ONLY")), null, false))
                .statusCode(201).header("ETag", notNullValue()).extract().header("ETag");
        alice.as().get(contact(store, company, ada)).then().statusCode(200).header("ETag", equalTo(etag))
                .body("locations", hasSize(1)).body("locations[0].role", equalTo("ORDERING_ONLY"));
        // Leeds: no role yet, so no B2B order there.
        alice.as().body(orderBody(ada, leeds)).post("/stores/" + store + "/orders").then().statusCode(422)
                .body("code", equalTo("B2B_NOT_A_CONTACT_OF_LOCATION"));
        String promoted = alice.as().header("If-Match", etag).body(Map.of("role", "LOCATION_ADMIN"))
                .put(contact(store, company, ada) + "/locations/" + london).then().statusCode(200)
                .body("locations", hasSize(1)).body("locations[0].role", equalTo("LOCATION_ADMIN"))
                .extract().header("ETag");
        assertNotEquals(etag, promoted);
        alice.as().header("If-Match", etag).body(Map.of("role", "ORDERING_ONLY"))
                .put(contact(store, company, ada) + "/locations/" + leeds).then().statusCode(412);
        alice.as().header("If-Match", promoted).body(Map.of("role", "ORDERING_ONLY"))
                .put(contact(store, company, ada) + "/locations/" + leeds).then().statusCode(200)
                .body("locations.find { it.locationId == '" + leeds + "' }.role", equalTo("ORDERING_ONLY"))
                .body("locations.find { it.locationId == '" + london + "' }.role", equalTo("LOCATION_ADMIN"));
        alice.as().body(orderBody(ada, leeds)).post("/stores/" + store + "/orders").then().statusCode(201).body("type", equalTo("B2B"));
        alice.as().get("/stores/" + store + "/companies/" + company + "/contacts").then().body("items[0].locations", hasSize(2));
        // Refusals: a location of another company, a customer who is no contact, an unknown role.
        String foreign = location(alice, store, company(alice, store));
        alice.as().body(Map.of("role", "ORDERING_ONLY")).put(contact(store, company, ada) + "/locations/" + foreign).then().statusCode(404);
        String grace = customer(alice, store, "Grace", "Hopper");
        alice.as().body(Map.of("role", "ORDERING_ONLY")).put(contact(store, company, grace) + "/locations/" + london).then().statusCode(404);
        alice.as().body(Map.of("role", "BOSS")).put(contact(store, company, ada) + "/locations/" + london).then().statusCode(400)
                .body("code", equalTo("UNKNOWN_ENUM_VALUE"));
        alice.as().body(Map.of()).put(contact(store, company, ada) + "/locations/" + london).then().statusCode(400);
    }

    @Test
    @DisplayName("B2B-1 remove a contact from a location: no more B2B orders there, placed orders stay; the last location is 409 B2B_CONTACT_LAST_LOCATION")
    void removeContactFromLocation() {
        var scene = contactScene("LOCATION_ADMIN", "ORDERING_ONLY");
        var alice = scene.owner();
        String store = scene.store(), ada = scene.customer(), company = scene.company(), london = scene.location(0), leeds = scene.location(1);
        String placed = order(alice, store, ada, leeds);
        String etag = alice.as().get(contact(store, company, ada)).then().extract().header("ETag");
        alice.as().header("If-Match", "\"999\"").delete(contact(store, company, ada) + "/locations/" + leeds).then().statusCode(412);
        String after = alice.as().header("If-Match", etag).delete(contact(store, company, ada) + "/locations/" + leeds).then().statusCode(200)
                .body("locations.locationId", contains(london)).extract().header("ETag");
        assertNotEquals(etag, after);
        alice.as().body(orderBody(ada, leeds)).post("/stores/" + store + "/orders").then().statusCode(422)
                .body("code", equalTo("B2B_NOT_A_CONTACT_OF_LOCATION"));
        alice.as().get("/stores/" + store + "/orders/" + placed).then().body("companyLocationId", equalTo(leeds)).body("type", equalTo("B2B"));
        alice.as().delete(contact(store, company, ada) + "/locations/" + leeds).then().statusCode(404);
        alice.as().header("If-Match", after).delete(contact(store, company, ada) + "/locations/" + london).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("B2B_CONTACT_LAST_LOCATION"));
        alice.as().get(contact(store, company, ada)).then().header("ETag", equalTo(after)).body("locations", hasSize(1));
    }

    @Test
    @DisplayName("cross-store 404 and missing-permission 403 on location edit/delete and contact role changes")
    void locationsAndRoles_crossStoreAndPermissions() {
        var scene = contactScene("ORDERING_ONLY", "ORDERING_ONLY");
        var alice = scene.owner();
        String aliceStore = scene.store(), ada = scene.customer(), company = scene.company(), loc = scene.location(0), spare = scene.location(1);
        var bob = Api.user("bob");
        String bobStore = store(bob);
        String roleBody = "{\"role\":\"LOCATION_ADMIN\"}";
        for (String s : List.of(aliceStore, bobStore)) {
            bob.as().get(locations(s, company) + "/" + loc).then().statusCode(404);
            bob.as().body(Map.of("name", "x")).put(locations(s, company) + "/" + loc).then().statusCode(404);
            bob.as().delete(locations(s, company) + "/" + spare).then().statusCode(404);
            bob.as().get(contact(s, company, ada)).then().statusCode(404);
            bob.as().body(roleBody).put(contact(s, company, ada) + "/locations/" + loc).then().statusCode(404);
            bob.as().delete(contact(s, company, ada) + "/locations/" + spare).then().statusCode(404);
        }
        var carol = Api.user("carol");
        staff(alice, aliceStore, carol, "MANAGE_CUSTOMERS", "MANAGE_ORDERS");
        carol.as().get(locations(aliceStore, company) + "/" + loc).then().statusCode(403).body("code", equalTo("PERMISSION_REQUIRED"));
        carol.as().body(Map.of("name", "x")).put(locations(aliceStore, company) + "/" + loc).then().statusCode(403);
        carol.as().delete(locations(aliceStore, company) + "/" + spare).then().statusCode(403);
        carol.as().get(contact(aliceStore, company, ada)).then().statusCode(403);
        carol.as().body(roleBody).put(contact(aliceStore, company, ada) + "/locations/" + loc).then().statusCode(403);
        carol.as().delete(contact(aliceStore, company, ada) + "/locations/" + spare).then().statusCode(403);
        // Nothing changed.
        alice.as().get(contact(aliceStore, company, ada)).then().body("locations", hasSize(2)).body("locations.role", everyItem(equalTo("ORDERING_ONLY")));
        alice.as().get(locations(aliceStore, company) + "/" + loc).then().statusCode(200).body("version", equalTo(0));
    }
}
