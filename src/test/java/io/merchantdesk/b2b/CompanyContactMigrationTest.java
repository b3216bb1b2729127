package io.merchantdesk.b2b;

import static io.merchantdesk.b2b.B2bFixtures.*;
import static io.merchantdesk.support.Stores.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.merchantdesk.kernel.outbox.OutboxSender;
import io.merchantdesk.support.Api;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CompanyContactMigrationTest {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxSender sender;

    @Inject
    MockMailbox mailbox;

    @Test
    @DisplayName("companies and locations: create, read, search, change with If-Match, delete; bad input is a problem")
    void companiesAndLocations() {
        var alice = Api.user("alice");
        String store = store(alice);
        String base = "/stores/" + store + "/companies";
        String ext = Api.unique("ERP");
        String company = alice.as().body(Map.of("name", "Analytical Engines Ltd", "externalId", ext, "note", "net 30"))
                .post(base).then().statusCode(201).header("ETag", notNullValue())
                .body("name", equalTo("Analytical Engines Ltd")).body("externalId", equalTo(ext)).extract().path("id");
        alice.as().body(Map.of("name", "Other", "externalId", ext)).post(base).then().statusCode(409)
                .body("code", equalTo("COMPANY_EXTERNAL_ID_TAKEN"));
        alice.as().body(Map.of("name", " ")).post(base).then().statusCode(400).body("errors[0].field", containsString("name"));
        company(alice, store);
        alice.as().queryParam("q", "ENGINES").get(base).then().statusCode(200).body("items.id", contains(company));
        alice.as().get(base).then().body("items", hasSize(2));
        String etag = alice.as().get(base + "/" + company).then().statusCode(200).extract().header("ETag");
        alice.as().header("If-Match", etag).body(Map.of("name", "Engines plc")).patch(base + "/" + company).then().statusCode(200)
                .body("name", equalTo("Engines plc")).body("note", equalTo("net 30"));
        alice.as().header("If-Match", etag).body(Map.of("name", "stale")).patch(base + "/" + company).then().statusCode(412);
        String loc = alice.as().body(Map.of("name", "London", "billingAddress", address("GB"), "shippingAddress", address("NO")))
                .post(base + "/" + company + "/locations").then().statusCode(201)
                .body("companyId", equalTo(company)).body("billingAddress.countryCode", equalTo("GB"))
                .body("shippingAddress.countryCode", equalTo("NO")).extract().path("id");
        alice.as().body(Map.of("name", "Nowhere", "billingAddress", address("QQ")))
                .post(base + "/" + company + "/locations").then().statusCode(400).body("code", equalTo("ADDRESS_INVALID_COUNTRY"));
        alice.as().get(base + "/" + company + "/locations").then().statusCode(200).body("items.id", contains(loc));
        alice.as().delete(base + "/" + company).then().statusCode(204);
        alice.as().get(base + "/" + company).then().statusCode(404);
    }

    @Test
    @DisplayName("B2B-6 add a customer from the company side with a role per location; duplicate refused; listed with roles")
    void b2b6_addFromCompany() {
        var scene = companyScene(2);
        var alice = scene.owner();
        String store = scene.store(), ada = scene.customer(), company = scene.company(), london = scene.location(0), leeds = scene.location(1);
        addContact(alice, store, company, contactBody(ada, List.of(role(london, "LOCATION_ADMIN"), role(leeds, "ORDERING_ONLY")), null, false))
                .statusCode(201)
                .body("contact.customerId", equalTo(ada)).body("contact.companyId", equalTo(company))
                .body("contact.customerName", equalTo("Ada Lovelace"))
                .body("contact.locations.find { it.locationId == '" + london + "' }.role", equalTo("LOCATION_ADMIN"))
                .body("contact.locations.find { it.locationId == '" + leeds + "' }.role", equalTo("ORDERING_ONLY"))
                .body("migration", nullValue()).body("customerNotified", equalTo(false));
        addContact(alice, store, company, contactBody(ada, List.of(role(london, "ORDERING_ONLY")), null, false))
                .statusCode(409).contentType("application/problem+json").body("code", equalTo("B2B_CONTACT_EXISTS"));
        alice.as().get("/stores/" + store + "/companies/" + company + "/contacts").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].locations", hasSize(2));
        // Without a migration, the customer's orders are untouched; as a contact they can now order at the location.
        String d2c = order(alice, store, ada);
        alice.as().body(orderBody(ada, london)).post("/stores/" + store + "/orders").then().statusCode(201)
                .body("type", equalTo("B2B")).body("companyLocationId", equalTo(london));
        alice.as().get("/stores/" + store + "/orders/" + d2c).then().body("type", equalTo("D2C"));
    }

    @Test
    @DisplayName("B2B-6 the customer's side has the same semantics: a second company, with migration, listed under the customer")
    void b2b6_addFromCustomerSide_secondCompany() {
        var scene = contactScene("ORDERING_ONLY");
        var alice = scene.owner();
        String store = scene.store(), ada = scene.customer(), first = scene.company(), firstLoc = scene.location(0);
        String second = company(alice, store);
        String secondLoc = location(alice, store, second);
        String b2bAtFirst = order(alice, store, ada, firstLoc);
        String d2c = order(alice, store, ada);
        String customerSide = "/stores/" + store + "/customers/" + ada + "/companies";
        alice.as().body(Map.of("companyId", second, "locations", List.of(role(secondLoc, "LOCATION_ADMIN")),
                        "migrateOrdersToLocationId", secondLoc, "notifyCustomer", false))
                .post(customerSide).then().statusCode(201)
                .body("contact.companyId", equalTo(second))
                .body("migration.moved", equalTo(1))
                .body("migration.skipped.alreadyB2b", equalTo(1))
                .body("migration.locationId", equalTo(secondLoc));
        alice.as().get("/stores/" + store + "/orders/" + d2c).then().body("companyLocationId", equalTo(secondLoc));
        alice.as().get("/stores/" + store + "/orders/" + b2bAtFirst).then().body("companyLocationId", equalTo(firstLoc));
        alice.as().get(customerSide).then().statusCode(200).body("items.companyId", containsInAnyOrder(first, second));
        // The same refusals from this side: a location of another company.
        String third = company(alice, store);
        alice.as().body(Map.of("companyId", third, "locations", List.of(role(firstLoc, "LOCATION_ADMIN")), "notifyCustomer", false))
                .post(customerSide).then().statusCode(422).body("code", equalTo("B2B_LOCATION_NOT_IN_COMPANY"))
                .body("errors[0].field", equalTo("locations[0].locationId"));
    }

    @Test
    @DisplayName("B2B-1 B2B-2 B2B-4 mixed history: only D2C orders move; B2B, cancelled and deleted are skipped and counted by reason")
    void b2b1_b2b2_b2b4_mixedHistory() {
        var atOther = contactScene("ORDERING_ONLY");
        var alice = atOther.owner();
        String store = atOther.store(), ada = atOther.customer(), otherLoc = atOther.location(0);
        List<String> d2c = List.of(order(alice, store, ada), order(alice, store, ada), order(alice, store, ada));
        String closed = alice.as().body(new java.util.HashMap<>(orderBody(ada, null)) {{ put("status", "CLOSED"); }})
                .post("/stores/" + store + "/orders").then().statusCode(201).extract().path("id");
        String b2b = order(alice, store, ada, otherLoc);
        String cancelled = cancelledOrder(alice, store, ada);
        String deleted = deletedOrder(alice, store, ada);
        String cancelledB2b = order(alice, store, ada, otherLoc);
        alice.as().post("/stores/" + store + "/orders/" + cancelledB2b + "/cancellation").then().statusCode(200);
        String company = company(alice, store);
        String loc = location(alice, store, company);
        String migration = addContact(alice, store, company, contactBody(ada, List.of(role(loc, "LOCATION_ADMIN")), loc, false))
                .statusCode(201)
                .body("migration.moved", equalTo(4))
                .body("migration.skipped.alreadyB2b", equalTo(1))
                .body("migration.skipped.cancelled", equalTo(2))
                .body("migration.skipped.deleted", equalTo(1))
                .body("migration.skipped.total", equalTo(4))
                .extract().path("migration.id");
        for (String id : List.of(d2c.get(0), d2c.get(1), d2c.get(2), closed)) {
            alice.as().get("/stores/" + store + "/orders/" + id).then()
                    .body("type", equalTo("B2B")).body("companyLocationId", equalTo(loc)).body("migrationId", equalTo(migration));
        }
        alice.as().get("/stores/" + store + "/orders/" + b2b).then().body("companyLocationId", equalTo(otherLoc)).body("migrationId", nullValue());
        alice.as().get("/stores/" + store + "/orders/" + cancelled).then().body("type", equalTo("D2C"));
        alice.as().get("/stores/" + store + "/orders/" + deleted).then().body("type", equalTo("D2C"));
        alice.as().get("/stores/" + store + "/orders/" + cancelledB2b).then().body("companyLocationId", equalTo(otherLoc));
        assertEquals(Set.copyOf(List.of(d2c.get(0), d2c.get(1), d2c.get(2), closed)),
                new HashSet<>(alice.as().queryParam("type", "B2B").queryParam("customerId", ada).get("/stores/" + store + "/orders")
                        .then().extract().jsonPath().<String>getList("items.findAll { it.companyLocationId == '" + loc + "' }.id")));
    }

    @Test
    @DisplayName("B2B-3 the migration target must be one of the chosen locations; foreign locations refused; nothing changes")
    void b2b3_locationNotChosen() {
        var scene = companyScene(2);
        var alice = scene.owner();
        String store = scene.store(), ada = scene.customer(), company = scene.company(), chosen = scene.location(0), notChosen = scene.location(1);
        String o = order(alice, store, ada);
        addContact(alice, store, company, contactBody(ada, List.of(role(chosen, "ORDERING_ONLY")), notChosen, false))
                .statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("B2B_MIGRATION_LOCATION_NOT_CHOSEN"))
                .body("detail", containsString("B2B-3"))
                .body("errors[0].field", equalTo("migrateOrdersToLocationId"));
        String otherCompany = company(alice, store);
        String foreign = location(alice, store, otherCompany);
        addContact(alice, store, company, contactBody(ada, List.of(role(chosen, "ORDERING_ONLY"), role(foreign, "ORDERING_ONLY")), chosen, false))
                .statusCode(422).body("code", equalTo("B2B_LOCATION_NOT_IN_COMPANY")).body("errors[0].field", equalTo("locations[1].locationId"));
        addContact(alice, store, company, contactBody(ada, List.of(role(chosen, "ORDERING_ONLY"), role(chosen, "LOCATION_ADMIN")), null, false))
                .statusCode(400).body("code", equalTo("B2B_DUPLICATE_LOCATION"));
        addContact(alice, store, company, contactBody(ada, List.of(), null, false)).statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        addContact(alice, store, company, Map.of("customerId", ada, "locations", List.of(Map.of("locationId", chosen, "role", "BOSS"))))
                .statusCode(400).body("code", equalTo("UNKNOWN_ENUM_VALUE"));
        alice.as().get("/stores/" + store + "/companies/" + company + "/contacts").then().body("items", empty());
        alice.as().get("/stores/" + store + "/orders/" + o).then().body("type", equalTo("D2C"));
        // A B2B order at a location where the customer has no role is refused too.
        alice.as().body(orderBody(ada, chosen)).post("/stores/" + store + "/orders").then().statusCode(422)
                .body("code", equalTo("B2B_NOT_A_CONTACT_OF_LOCATION"));
    }

    @Test
    @DisplayName("B2B-5 removal without revert leaves the migrated orders B2B")
    void b2b5_removeWithoutRevert() {
        var scene = companyScene(1);
        var alice = scene.owner();
        String store = scene.store(), ada = scene.customer(), company = scene.company(), loc = scene.location(0);
        String o1 = order(alice, store, ada);
        String o2 = order(alice, store, ada);
        scene.migrate(loc).then().statusCode(201).body("migration.moved", equalTo(2));
        alice.as().delete("/stores/" + store + "/companies/" + company + "/contacts/" + ada).then().statusCode(200)
                .body("revertedOrders", equalTo(0)).body("revertedMigrationIds", empty());
        for (String id : List.of(o1, o2)) {
            alice.as().get("/stores/" + store + "/orders/" + id).then().body("type", equalTo("B2B")).body("companyLocationId", equalTo(loc));
        }
        alice.as().get("/stores/" + store + "/companies/" + company + "/contacts").then().body("items", empty());
        alice.as().delete("/stores/" + store + "/companies/" + company + "/contacts/" + ada).then().statusCode(404);
        // The company keeps its orders (B2B-1), so it cannot be deleted.
        alice.as().delete("/stores/" + store + "/companies/" + company).then().statusCode(409).body("code", equalTo("COMPANY_HAS_ORDERS"));
    }

    @Test
    @DisplayName("B2B-5 removal with revert returns exactly the migrated orders; later B2B orders and another customer's migration stay")
    void b2b5_revertExactlyTheMigratedOrders() throws Exception {
        var scene = companyScene(1);
        var alice = scene.owner();
        String store = scene.store(), ada = scene.customer(), company = scene.company(), loc = scene.location(0);
        String grace = customer(alice, store, "Grace", "Hopper");
        List<String> adaOrders = List.of(order(alice, store, ada), order(alice, store, ada), order(alice, store, ada));
        String graceOrder = order(alice, store, grace);
        String migration = scene.migrate(loc).then().statusCode(201).body("migration.moved", equalTo(3)).extract().path("migration.id");
        addContact(alice, store, company, contactBody(grace, List.of(role(loc, "ORDERING_ONLY")), loc, false))
                .statusCode(201).body("migration.moved", equalTo(1));
        // New B2B orders placed at the location after the migration, by Ada.
        String laterB2b = order(alice, store, ada, loc);
        // A migrated order cancelled afterwards still goes back (it was moved by the migration).
        alice.as().post("/stores/" + store + "/orders/" + adaOrders.get(2) + "/cancellation").then().statusCode(200);
        alice.as().delete("/stores/" + store + "/companies/" + company + "/contacts/" + ada + "?revertMigratedOrders=true")
                .then().statusCode(200)
                .body("revertedOrders", equalTo(3))
                .body("revertedMigrationIds", contains(migration));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT reverted_at IS NOT NULL, reverted_count FROM contact_migrations WHERE id = '" + migration + "'")) {
            rs.next();
            assertTrue(rs.getBoolean(1), "the migration record is marked reverted");
            assertEquals(3, rs.getInt(2), "with the number of orders it returned");
        }
        for (String id : adaOrders) {
            alice.as().get("/stores/" + store + "/orders/" + id).then()
                    .body("type", equalTo("D2C")).body("companyLocationId", nullValue()).body("migrationId", nullValue());
        }
        alice.as().get("/stores/" + store + "/orders/" + laterB2b).then().body("type", equalTo("B2B")).body("companyLocationId", equalTo(loc));
        alice.as().get("/stores/" + store + "/orders/" + graceOrder).then().body("type", equalTo("B2B")).body("companyLocationId", equalTo(loc));
        alice.as().get("/stores/" + store + "/companies/" + company + "/contacts").then().body("items.customerId", contains(grace));
        // Re-adding Ada later migrates her D2C history again (the two open ones), under a new migration.
        scene.migrate(loc).then().statusCode(201).body("migration.moved", equalTo(2)).body("migration.skipped.alreadyB2b", equalTo(1))
                .body("migration.skipped.cancelled", equalTo(1)).body("migration.id", not(equalTo(migration)));
    }

    @Test
    @DisplayName("B2B-7 a migration is atomic: a failure while moving leaves no contact, no record and every order D2C")
    void b2b7_atomic() throws Exception {
        var scene = companyScene(1);
        var alice = scene.owner();
        String store = scene.store(), ada = scene.customer(), company = scene.company(), loc = scene.location(0);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) orders.add(order(alice, store, ada));
        // Make the database refuse the move of the last order only: the UPDATE fails after touching the others.
        String poisoned = orders.get(4);
        String fn = "b2b7_fail_" + poisoned.replace("-", "");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "RAISE EXCEPTION 'simulated failure'; END $$");
            st.execute("CREATE TRIGGER " + fn + " BEFORE UPDATE ON orders FOR EACH ROW WHEN (OLD.id = '" + poisoned + "') EXECUTE FUNCTION " + fn + "()");
        }
        try {
            alice.as().body(contactBody(ada, List.of(role(loc, "LOCATION_ADMIN")), loc, true))
                    .post("/stores/" + store + "/companies/" + company + "/contacts").then().statusCode(500);
        } finally {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP TRIGGER " + fn + " ON orders");
                st.execute("DROP FUNCTION " + fn + "()");
            }
        }
        for (String id : orders) {
            alice.as().get("/stores/" + store + "/orders/" + id).then().body("type", equalTo("D2C")).body("migrationId", nullValue());
        }
        alice.as().get("/stores/" + store + "/companies/" + company + "/contacts").then().body("items", empty());
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT (SELECT count(*) FROM contact_migrations WHERE customer_id = '" + ada + "'),"
                     + " (SELECT count(*) FROM outbox_messages WHERE aggregate_type = 'company_contact' AND recipient = "
                     + "(SELECT email FROM customers WHERE id = '" + ada + "'))")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "no migration record");
            assertEquals(0, rs.getInt(2), "no notification queued");
        }
        // The same request succeeds once the failure is gone, moving all five.
        scene.migrate(loc).then().statusCode(201).body("migration.moved", equalTo(5));
    }

    @Test
    @DisplayName("B2B-6 notifyCustomer queues one e-mail through the outbox, delivered after commit; no e-mail address is refused")
    void b2b6_notifyCustomer() {
        var alice = Api.user("alice");
        String store = store(alice);
        String email = Api.unique("ada") + "@example.com";
        String ada = alice.as().body(Map.of("firstName", "Ada", "lastName", "Lovelace", "email", email))
                .post("/stores/" + store + "/customers").then().statusCode(201).extract().path("id");
        String company = alice.as().body(Map.of("name", "Analytical Engines Ltd")).post("/stores/" + store + "/companies")
                .then().statusCode(201).extract().path("id");
        String loc = location(alice, store, company);
        addContact(alice, store, company, contactBody(ada, List.of(role(loc, "ORDERING_ONLY")), null, true))
                .statusCode(201).body("customerNotified", equalTo(true));
        while (sender.deliverDue() > 0) { /* drain */ }
        var mails = mailbox.getMailsSentTo(email);
        assertEquals(1, mails.size());
        assertTrue(mails.get(0).getSubject().contains("Analytical Engines Ltd"));
        assertTrue(mails.get(0).getText().contains("B2B orders"));
        String noMail = alice.as().body(Map.of("firstName", "Nils", "phone", "+47 912 34 567")).post("/stores/" + store + "/customers")
                .then().statusCode(201).extract().path("id");
        addContact(alice, store, company, contactBody(noMail, List.of(role(loc, "ORDERING_ONLY")), null, true))
                .statusCode(422).body("code", equalTo("B2B_CUSTOMER_HAS_NO_EMAIL"));
        alice.as().get("/stores/" + store + "/companies/" + company + "/contacts").then().body("items.customerId", contains(ada));
    }

    @Test
    @DisplayName("cross-store: companies, locations, contacts of another store are 404; permissions are checked per operation")
    void crossStoreAndPermissions() {
        var alices = companyScene("alice", 1);
        var bobs = companyScene("bob", 1);
        var alice = alices.owner();
        var bob = bobs.owner();
        String aliceStore = alices.store(), aliceCompany = alices.company(), aliceLoc = alices.location(0), aliceCustomer = alices.customer();
        String bobStore = bobs.store(), bobCompany = bobs.company(), bobLoc = bobs.location(0), bobCustomer = bobs.customer();
        bob.as().get("/stores/" + aliceStore + "/companies").then().statusCode(404);
        bob.as().get("/stores/" + aliceStore + "/companies/" + aliceCompany).then().statusCode(404);
        bob.as().get("/stores/" + bobStore + "/companies/" + aliceCompany).then().statusCode(404);
        bob.as().get("/stores/" + bobStore + "/companies/" + aliceCompany + "/locations").then().statusCode(404);
        bob.as().body(Map.of("name", "x")).patch("/stores/" + bobStore + "/companies/" + aliceCompany).then().statusCode(404);
        bob.as().delete("/stores/" + bobStore + "/companies/" + aliceCompany).then().statusCode(404);
        // Alice's customer into Bob's company, and Alice's location in Bob's company: not found / not in company.
        addContact(bob, bobStore, bobCompany, contactBody(aliceCustomer, List.of(role(bobLoc, "ORDERING_ONLY")), null, false))
                .statusCode(404).body("errors[0].field", equalTo("customerId"));
        addContact(bob, bobStore, bobCompany, contactBody(bobCustomer, List.of(role(aliceLoc, "ORDERING_ONLY")), null, false))
                .statusCode(422).body("code", equalTo("B2B_LOCATION_NOT_IN_COMPANY"));
        bob.as().body(orderBody(bobCustomer, aliceLoc)).post("/stores/" + bobStore + "/orders").then().statusCode(404)
                .body("errors[0].field", equalTo("companyLocationId"));
        bob.as().delete("/stores/" + aliceStore + "/companies/" + aliceCompany + "/contacts/" + aliceCustomer).then().statusCode(404);
        // Staff with MANAGE_COMPANIES only: contacts yes, migrating orders needs MANAGE_ORDERS too.
        var carol = Api.user("carol");
        staff(alice, aliceStore, carol, "MANAGE_COMPANIES");
        carol.as().get("/stores/" + aliceStore + "/companies/" + aliceCompany).then().statusCode(200);
        addContact(carol, aliceStore, aliceCompany, contactBody(aliceCustomer, List.of(role(aliceLoc, "ORDERING_ONLY")), aliceLoc, false))
                .statusCode(403).body("code", equalTo("PERMISSION_REQUIRED"));
        addContact(carol, aliceStore, aliceCompany, contactBody(aliceCustomer, List.of(role(aliceLoc, "ORDERING_ONLY")), null, false))
                .statusCode(201);
        carol.as().delete("/stores/" + aliceStore + "/companies/" + aliceCompany + "/contacts/" + aliceCustomer + "?revertMigratedOrders=true")
                .then().statusCode(403);
        carol.as().get("/stores/" + aliceStore + "/orders").then().statusCode(403);
        alice.as().get("/stores/" + aliceStore + "/companies/" + aliceCompany + "/contacts").then().body("items.customerId", contains(aliceCustomer));
    }
}
