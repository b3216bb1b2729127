package io.merchantdesk.b2b;

import static io.merchantdesk.b2b.B2bFixtures.*;
import static io.merchantdesk.support.Stores.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 24: what the ERP sync of B2B companies needs from the store's companies (main contact, location tax id). */
@QuarkusTest
class CompanySyncFieldsTest {

    private static String companyPath(String store, String company) {
        return "/stores/" + store + "/companies/" + company;
    }

    /** Adds the customer to the company at the location from the company's side; the new contact's id. */
    private static String addAt(Api.User caller, String store, String company, String customer, String location) {
        return addContact(caller, store, company, contactBody(customer, List.of(role(location, "ORDERING_ONLY")), null, false))
                .statusCode(201).extract().path("contact.id");
    }

    private static Map<String, Object> locationBody(String name, String taxId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("billingAddress", address("BE"));
        if (taxId != null) body.put("taxRegistrationId", taxId);
        return body;
    }

    @Test
    @DisplayName("SYNC-20: the first contact becomes the main contact (from the company's side and from the customer's side), "
            + "with a new company version; later contacts leave it as it is")
    void firstContactBecomesMain() {
        var scene = companyScene(1);
        var alice = scene.owner();
        String store = scene.store(), company = scene.company(), loc = scene.location(0);
        String before = alice.as().get(companyPath(store, company)).then().statusCode(200)
                .body("$", not(hasKey("mainContactId"))).body("version", equalTo(0)).extract().header("ETag");
        String ada = addAt(alice, store, company, scene.customer(), loc);
        String after = alice.as().get(companyPath(store, company)).then().statusCode(200)
                .body("mainContactId", equalTo(ada)).body("version", equalTo(1)).extract().header("ETag");
        assertNotEquals(before, after);
        String grace = customer(alice, store, "Grace", "Hopper");
        addAt(alice, store, company, grace, loc);
        alice.as().get(companyPath(store, company)).then().statusCode(200)
                .body("mainContactId", equalTo(ada)).header("ETag", equalTo(after));

        // From the customer's side: the same rule.
        String second = company(alice, store);
        String secondLoc = location(alice, store, second);
        String contact = alice.as().body(Map.of("companyId", second, "locations", List.of(role(secondLoc, "LOCATION_ADMIN")),
                        "notifyCustomer", false))
                .post("/stores/" + store + "/customers/" + grace + "/companies").then().statusCode(201)
                .extract().path("contact.id");
        alice.as().get(companyPath(store, second)).then().statusCode(200).body("mainContactId", equalTo(contact));
        alice.as().get("/stores/" + store + "/companies").then().statusCode(200)
                .body("items.find { it.id == '" + second + "' }.mainContactId", equalTo(contact));
    }

    @Test
    @DisplayName("SYNC-20: contacts added to a company at once all succeed (no deadlock between their foreign-key locks and the "
            + "main-contact lock); exactly one becomes the main contact, the company's version goes up once")
    void concurrentFirstContacts() throws Exception {
        var scene = companyScene(1);
        var alice = scene.owner();
        String store = scene.store(), company = scene.company(), loc = scene.location(0);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 8; i++) customers.add(customer(alice, store, "Buyer" + i, "Concurrent"));
        ExecutorService pool = Executors.newFixedThreadPool(customers.size());
        List<String> contacts = new ArrayList<>();
        try {
            List<Future<Response>> adds = new ArrayList<>();
            for (String c : customers) {
                adds.add(pool.submit(() -> alice.as().body(contactBody(c, List.of(role(loc, "ORDERING_ONLY")), null, false))
                        .post(companyPath(store, company) + "/contacts")));
            }
            for (Future<Response> f : adds) {
                Response r = f.get(60, TimeUnit.SECONDS);
                assertEquals(201, r.statusCode(), r.asString());
                contacts.add(r.jsonPath().getString("contact.id"));
            }
        } finally {
            pool.shutdownNow();
        }
        alice.as().get(companyPath(store, company)).then().statusCode(200)
                .body("mainContactId", is(in(contacts))).body("version", equalTo(1));
    }

    @Test
    @DisplayName("SYNC-20: PATCH mainContactId to another contact of the company (If-Match honoured, absent stays); a contact of "
            + "another company, a customer id or a random id is 422 COMPANY_MAIN_CONTACT_NOT_A_CONTACT on mainContactId")
    void setMainContact() {
        var scene = companyScene(1);
        var alice = scene.owner();
        String store = scene.store(), company = scene.company(), loc = scene.location(0);
        String ada = addAt(alice, store, company, scene.customer(), loc);
        String graceCustomer = customer(alice, store, "Grace", "Hopper");
        String grace = addAt(alice, store, company, graceCustomer, loc);
        String etag = alice.as().get(companyPath(store, company)).then().extract().header("ETag");

        String newEtag = alice.as().header("If-Match", etag).body(Map.of("mainContactId", grace)).patch(companyPath(store, company))
                .then().statusCode(200).body("mainContactId", equalTo(grace)).body("version", equalTo(2)).extract().header("ETag");
        assertNotEquals(etag, newEtag);
        alice.as().header("If-Match", etag).body(Map.of("mainContactId", ada)).patch(companyPath(store, company))
                .then().statusCode(412);
        // Other fields change, the main contact stays.
        alice.as().body(Map.of("note", "key account")).patch(companyPath(store, company)).then().statusCode(200)
                .body("mainContactId", equalTo(grace)).body("note", equalTo("key account"));

        String other = company(alice, store);
        String elsewhere = addAt(alice, store, other, scene.customer(), location(alice, store, other));
        for (String wrong : List.of(elsewhere, graceCustomer, UUID.randomUUID().toString())) {
            alice.as().body(Map.of("mainContactId", wrong)).patch(companyPath(store, company)).then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("code", equalTo("COMPANY_MAIN_CONTACT_NOT_A_CONTACT"))
                    .body("errors.field", contains("mainContactId"));
        }
        alice.as().get(companyPath(store, company)).then().body("mainContactId", equalTo(grace)).body("version", equalTo(3));
        alice.as().get(companyPath(store, other)).then().body("mainContactId", equalTo(elsewhere));
    }

    @Test
    @DisplayName("SYNC-20: removing the main contact clears it and changes the company's ETag and version (a stale If-Match is 412); "
            + "removing another contact leaves the company alone; the next contact added becomes main")
    void removingTheMainContactClearsIt() {
        var scene = companyScene(1);
        var alice = scene.owner();
        String store = scene.store(), company = scene.company(), loc = scene.location(0);
        String ada = addAt(alice, store, company, scene.customer(), loc);
        String graceCustomer = customer(alice, store, "Grace", "Hopper");
        addAt(alice, store, company, graceCustomer, loc);
        var before = alice.as().get(companyPath(store, company)).then().body("mainContactId", equalTo(ada)).extract();
        int version = before.path("version");
        String etag = before.header("ETag");

        // Another contact goes: nothing about the company changes.
        alice.as().delete(companyPath(store, company) + "/contacts/" + graceCustomer).then().statusCode(200);
        alice.as().get(companyPath(store, company)).then().body("mainContactId", equalTo(ada)).header("ETag", equalTo(etag));

        alice.as().delete(companyPath(store, company) + "/contacts/" + scene.customer()).then().statusCode(200)
                .body("contactId", equalTo(ada));
        var after = alice.as().get(companyPath(store, company)).then().statusCode(200)
                .body("$", not(hasKey("mainContactId"))).extract();
        assertEquals(version + 1, (int) after.path("version"));
        assertNotEquals(etag, after.header("ETag"));
        alice.as().header("If-Match", etag).body(Map.of("note", "stale")).patch(companyPath(store, company)).then().statusCode(412);
        alice.as().header("If-Match", after.header("ETag")).body(Map.of("note", "fresh")).patch(companyPath(store, company))
                .then().statusCode(200).body("$", not(hasKey("mainContactId"))).body("version", equalTo(version + 2));

        String again = addAt(alice, store, company, graceCustomer, loc);
        alice.as().get(companyPath(store, company)).then().body("mainContactId", equalTo(again));
        // A company whose main contact is set can still be deleted with its contacts.
        alice.as().delete(companyPath(store, company)).then().statusCode(204);
    }

    @Test
    @DisplayName("SYNC-20: cross-tenant: another store's owner gets 404 setting the main contact, staff without MANAGE_COMPANIES 403; nothing changes")
    void crossTenant() {
        var scene = companyScene(1);
        var alice = scene.owner();
        String store = scene.store(), company = scene.company(), loc = scene.location(0);
        String ada = addAt(alice, store, company, scene.customer(), loc);
        String grace = addAt(alice, store, company, customer(alice, store, "Grace", "Hopper"), loc);
        var bob = Api.user("bob");
        String bobStore = store(bob);
        for (String s : List.of(store, bobStore)) {
            bob.as().body(Map.of("mainContactId", grace)).patch(companyPath(s, company)).then().statusCode(404);
            bob.as().get(companyPath(s, company)).then().statusCode(404);
            bob.as().body(locationBody("x", "BE0477472701")).put(companyPath(s, company) + "/locations/" + loc).then().statusCode(404);
        }
        // Bob's own company cannot take Alice's contact.
        String bobCompany = company(bob, bobStore);
        bob.as().body(Map.of("mainContactId", ada)).patch(companyPath(bobStore, bobCompany)).then().statusCode(422)
                .body("code", equalTo("COMPANY_MAIN_CONTACT_NOT_A_CONTACT"));
        var carol = Api.user("carol");
        staff(alice, store, carol, "MANAGE_CUSTOMERS", "MANAGE_ORDERS");
        carol.as().body(Map.of("mainContactId", grace)).patch(companyPath(store, company)).then().statusCode(403)
                .body("code", equalTo("PERMISSION_REQUIRED"));
        carol.as().body(locationBody("x", "BE0477472701")).put(companyPath(store, company) + "/locations/" + loc).then().statusCode(403);
        alice.as().get(companyPath(store, company)).then().body("mainContactId", equalTo(ada)).body("version", equalTo(1));
        alice.as().get(companyPath(store, company) + "/locations/" + loc).then().body("$", not(hasKey("taxRegistrationId")))
                .body("version", equalTo(0));
    }

    @Test
    @DisplayName("SYNC-20: a location's tax registration id: set on create (trimmed), replaced by PUT, removed when left out or blank; "
            + "more than 50 characters is 400 on taxRegistrationId")
    void locationTaxRegistrationId() {
        var scene = companyScene(0);
        var alice = scene.owner();
        String store = scene.store(), company = scene.company();
        String locations = companyPath(store, company) + "/locations";
        var created = alice.as().body(locationBody("Brussels office", "  BE0477472701 ")).post(locations).then().statusCode(201)
                .body("taxRegistrationId", equalTo("BE0477472701")).extract();
        String loc = created.path("id");
        String path = locations + "/" + loc;
        alice.as().get(path).then().statusCode(200).body("taxRegistrationId", equalTo("BE0477472701"));
        alice.as().get(locations).then().statusCode(200).body("items[0].taxRegistrationId", equalTo("BE0477472701"));

        String etag = alice.as().header("If-Match", created.header("ETag")).body(locationBody("Brussels office", "BE 0477.472.701"))
                .put(path).then().statusCode(200).body("taxRegistrationId", equalTo("BE 0477.472.701")).body("version", equalTo(1))
                .extract().header("ETag");
        // The whole location is replaced: left out, the tax id is removed.
        etag = alice.as().header("If-Match", etag).body(locationBody("Brussels office", null)).put(path).then().statusCode(200)
                .body("$", not(hasKey("taxRegistrationId"))).extract().header("ETag");
        alice.as().header("If-Match", etag).body(locationBody("Brussels office", "NL123456789B01")).put(path).then().statusCode(200)
                .body("taxRegistrationId", equalTo("NL123456789B01"));
        alice.as().body(locationBody("Brussels office", "   ")).put(path).then().statusCode(200)
                .body("$", not(hasKey("taxRegistrationId")));
        alice.as().body(locationBody("Ghent depot", " ")).post(locations).then().statusCode(201)
                .body("$", not(hasKey("taxRegistrationId")));

        String tooLong = "BE" + "0".repeat(49);
        alice.as().body(locationBody("Antwerp", tooLong)).post(locations).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors.field", contains("taxRegistrationId"));
        alice.as().body(locationBody("Brussels office", tooLong)).put(path).then().statusCode(400)
                .body("errors.field", contains("taxRegistrationId"));
        alice.as().body(locationBody("Antwerp", "BE" + "0".repeat(48))).post(locations).then().statusCode(201)
                .body("taxRegistrationId", hasLength(50));
        alice.as().get(path).then().body("$", not(hasKey("taxRegistrationId"))).body("name", equalTo("Brussels office"));
    }
}
