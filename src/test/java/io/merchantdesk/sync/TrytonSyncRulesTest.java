package io.merchantdesk.sync;

import static io.merchantdesk.sync.SyncFixtures.address;
import static io.merchantdesk.sync.SyncFixtures.connect;
import static io.merchantdesk.sync.SyncFixtures.customer;
import static io.merchantdesk.sync.SyncFixtures.customerIn;
import static io.merchantdesk.sync.SyncFixtures.email;
import static io.merchantdesk.sync.SyncFixtures.erpOrders;
import static io.merchantdesk.sync.SyncFixtures.links;
import static io.merchantdesk.sync.SyncFixtures.order;
import static io.merchantdesk.sync.SyncFixtures.storeCustomer;
import static io.merchantdesk.sync.tryton.TrytonRpc.clause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.support.AnswerDroppingProxy;
import io.merchantdesk.support.Api;
import io.merchantdesk.support.TrytonCompany;
import io.merchantdesk.support.Trytond;
import io.merchantdesk.sync.SyncFixtures.Setup;
import io.merchantdesk.sync.remote.ErpGuards;
import io.merchantdesk.sync.tryton.TrytonRpc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The SYNC rules that concern the ERP side, on a live Tryton 6.0 (issue 21 items 5 and 7): a store connected to an ERP
 * company of kind TRYTON, driven through the REST API as a user drives it (connection settings, customers, orders, sync
 * runs), with Tryton's side seeded and checked over JSON-RPC as a Tryton user would see it. Each test has a database
 * of its own (a copy of the template, under a second). The built-in register's tests of the same rules are
 * {@code CustomerImportTest}, {@code OrderImportTest}, {@code CustomerExportTest} and {@code SyncRunTest}.
 */
@QuarkusTest
class TrytonSyncRulesTest {
    @Inject
    ErpGuards guards;

    @Inject
    io.merchantdesk.sync.run.SyncFaults faults;

    private TrytonCompany.Database db;
    private TrytonRpc admin;

    @AfterEach
    void logout() {
        if (admin != null) admin.logout();
        Trytond.shared().start(); // a fault test that failed half-way must not leave trytond stopped
    }

    /** A fresh Tryton database, an ERP company of kind TRYTON on it, a store with the RETAIL template. */
    private Setup setup(String label) {
        db = TrytonCompany.newDatabase(label);
        admin = db.admin();
        Api.User owner = Api.user("tryton-rules");
        return store(owner, db.erpCompany(owner));
    }

    private static Setup store(Api.User owner, String companyId) {
        String storeId = owner.as().body(Map.of("name", Api.unique("store"), "billingCurrency", "NOK", "plan", "GROW"))
                .post("/stores").then().statusCode(201).extract().path("id");
        Setup s = new Setup(owner, storeId, companyId);
        SyncFixtures.template(s, "RETAIL", "DOMESTIC", "DOMESTIC", "DOMESTIC", null);
        return s;
    }

    // ---- Tryton's side, as a Tryton user sees it ----

    /** A party made in Tryton by a person (no merchantdesk reference); its code. */
    private String partyByHand(String name, String email, String phone, String city) {
        Map<String, Object> party = new HashMap<>();
        party.put("name", name);
        List<Map<String, Object>> mechanisms = new ArrayList<>();
        if (email != null) mechanisms.add(Map.of("type", "email", "value", email));
        if (phone != null) mechanisms.add(Map.of("type", "phone", "value", phone));
        if (!mechanisms.isEmpty()) party.put("contact_mechanisms", List.of(List.of("create", mechanisms)));
        long norway = admin.search("country.country", List.of(clause("code", "=", "NO")), 0, 1, List.of()).get(0);
        party.put("addresses", List.of(List.of("create", List.of(Map.of("street", "Storgata 1", "city", city, "postal_code", "0155",
                "country", norway)))));
        long id = admin.create("party.party", List.of(party)).get(0);
        return (String) admin.read("party.party", List.of(id), List.of("code")).get(0).get("code");
    }

    private long partyId(String code) {
        return admin.search("party.party", List.of(clause("code", "=", code)), 0, 1, List.of()).get(0);
    }

    private Map<String, Object> party(String code) {
        return admin.read("party.party", List.of(partyId(code)), List.of("name", "code")).get(0);
    }

    private String city(String code) {
        return (String) admin.searchRead("party.address", List.of(clause("party.code", "=", code)), 0, 1, null, List.of("city"))
                .get(0).get("city");
    }

    /** Every write stamp of the party and its addresses and contact mechanisms: unchanged means nothing was written. */
    private List<String> stamps(String code) {
        List<String> out = new ArrayList<>();
        for (String model : List.of("party.address", "party.contact_mechanism")) {
            admin.searchRead(model, List.of(clause("party.code", "=", code)), 0, null, null, List.of("write_date", "create_date"))
                    .forEach(r -> out.add(model + r.get("id") + r.get("write_date") + r.get("create_date")));
        }
        admin.read("party.party", List.of(partyId(code)), List.of("write_date")).forEach(r -> out.add("party" + r.get("write_date")));
        return out;
    }

    /** How many parties carry merchantdesk's reference {@code md:<reference>}. */
    private long partiesOf(String reference) {
        return admin.searchCount("party.identifier", List.of(clause("code", "=", "md:" + reference)));
    }

    private long partiesWithAnyReference() {
        return admin.searchCount("party.identifier", List.of(clause("code", "like", "md:%")));
    }

    private long parties() {
        return admin.searchCount("party.party", List.of());
    }

    private static JsonPath runOf(Setup s, String kind, Integer batchSize, String mode) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        if (batchSize != null) body.put("batchSize", batchSize);
        if (mode != null) body.put("mode", mode);
        String id = s.owner().as().body(body).post(s.store("/sync-runs")).then().statusCode(202).extract().path("id");
        return SyncFixtures.await(s, s.owner(), id);
    }

    private static void patch(Setup s, String customerId, Map<String, Object> values) {
        s.owner().as().body(values).patch(s.store("/customers/" + customerId)).then().statusCode(200);
    }

    // ---- importing customers ----

    @Test
    @DisplayName("SYNC-5: an existing party is found by e-mail (case and blanks aside) and by a phone typed in another format; linked, nothing created")
    void matchesExistingParties_SYNC5() {
        Setup s = setup("rules-match");
        String t = Api.unique("m");
        String byMail = partyByHand("Mail Party", "  Kari." + t + "@Example.NO ", null, "Oslo");
        String byPhone = partyByHand("Phone Party", null, "+47 22 33 44 55", "Oslo");
        String byNationalPhone = partyByHand("Other Phone Party", null, "+47 22 33 44 66", "Oslo");
        connect(s, "customerImport", "ALL_CUSTOMERS", "customerMappingType", "BY_EMAIL_PHONE", "autoCreateUnknownCustomers", true,
                "customerTemplateCode", "RETAIL");
        long before = parties();
        String kari = customerIn(s, "Kari", "Nordmann", "kari." + t + "@example.no", "NO");
        String ola = customer(s, "Ola", "Nordmann", email("ola"), null, address("Ola", "Nordmann", null, "NO", "0047-22334455"));
        String per = customer(s, "Per", "Nordmann", email("per"), "22 33 44 66", address("Per", "Nordmann", null, "NO", null));

        JsonPath r = runOf(s, "CUSTOMERS", null, null);
        assertEquals("SUCCEEDED", r.getString("status"), r.prettify());
        assertEquals(3, r.getInt("counters.linked"), r.prettify());
        assertEquals(0, r.getInt("counters.created"));
        Map<String, String> links = links(s);
        assertEquals(byMail, links.get(kari), "by e-mail, case-insensitive and trimmed");
        assertEquals(byPhone, links.get(ola), "0047-22334455 on the address is +47 22 33 44 55");
        assertEquals(byNationalPhone, links.get(per), "22 33 44 66 in Norway, the customer's phone when the address has none");
        assertEquals(before, parties(), "no party made");
        assertEquals("Mail Party", party(byMail).get("name"), "left as it is without storeCanUpdateCustomers");
    }

    @Test
    @DisplayName("SYNC-6: a store customer nothing matches becomes a party made from the template, carrying merchantdesk's md: reference")
    void createdFromTemplate_SYNC6() {
        Setup s = setup("rules-create");
        partyByHand("Somebody Else", email("else"), "+47 91 00 00 01", "Oslo");
        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL");
        String mail = email("kari");
        String kari = customer(s, "Kari", "Nordmann", mail, null, address("Kari", "Nordmann", "Nordmann Sport AS", "NO", "+47 22 33 44 56"));
        String noAddress = customer(s, "No", "Address", email("noaddr"), null, null);

        JsonPath r = runOf(s, "CUSTOMERS", null, null);
        assertEquals(1, r.getInt("counters.created"), r.prettify());
        String code = links(s).get(kari);
        assertNotNull(code);
        assertEquals(1, partiesOf(kari));
        Map<String, Object> p = admin.searchRead("party.party", List.of(clause("identifiers.code", "=", "md:" + kari)), 0, null, null,
                List.of("code", "name")).get(0);
        assertEquals(code, p.get("code"));
        assertEquals("Kari Nordmann", p.get("name"), "Name through nameSource (first and last name)");
        assertEquals(1, admin.searchCount("party.contact_mechanism", List.of(clause("party.code", "=", code), clause("type", "=", "email"),
                clause("value", "=", mail))));
        assertEquals(1, admin.searchCount("party.contact_mechanism", List.of(clause("party.code", "=", code), clause("type", "=", "phone"),
                clause("value_compact", "=", "+4722334456"))), "the address's phone");
        assertEquals("Oslo", city(code));
        assertEquals(0, partiesOf(noAddress), "SYNC-6: without an address the customer is reported, not created");
        assertTrue(SyncFixtures.errorCodes(r).contains("NO_ADDRESS"), r.prettify());
    }

    @Test
    @DisplayName("SYNC-8: with WITH_ORDER_IMPORT a CUSTOMERS run refreshes only the linked party; an unlinked customer makes no party")
    void withOrderImportRefreshesLinkedOnly_SYNC8() {
        Setup s = setup("rules-scope");
        String mail = email("linked");
        String code = partyByHand("Linked One", mail, null, "Bergen");
        connect(s, "customerImport", "WITH_ORDER_IMPORT", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL",
                "storeCanUpdateCustomers", true);
        String linked = customerIn(s, "Linked", "One", mail, "NO");
        s.owner().as().body(Map.of("customerNo", code)).post(s.store("/customers/" + linked + "/erp-customer")).then().statusCode(201);
        String unlinked = customerIn(s, "Un", "Linked", email("unlinked"), "NO");
        long before = parties();
        patch(s, linked, Map.of("lastName", "Renamed"));

        JsonPath r = runOf(s, "CUSTOMERS", null, null);
        assertEquals("SUCCEEDED", r.getString("status"), r.prettify());
        assertEquals(0, r.getInt("counters.created"), "WITH_ORDER_IMPORT creates nothing");
        assertEquals(1, r.getInt("counters.updated"), r.prettify());
        assertEquals(Map.of("NOT_LINKED", 1), r.getMap("skipReasons"));
        assertNull(links(s).get(unlinked));
        assertEquals(0, partiesOf(unlinked));
        assertEquals(before, parties());
        assertEquals("Oslo", city(code), "the linked party is refreshed from the store's default address");
    }

    @Test
    @DisplayName("SYNC-9: a party found by e-mail is left alone without storeCanUpdateCustomers, updated with it, and a run without a real change writes nothing")
    void storeCanUpdateWritesRealChangesOnly_SYNC9() {
        Setup s = setup("rules-update");
        String mail = email("found");
        String code = partyByHand("Old Name", mail, null, "Bergen");
        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL");
        String c = customerIn(s, "New", "Name", mail, "NO");
        JsonPath first = runOf(s, "CUSTOMERS", null, null);
        assertEquals(1, first.getInt("counters.linked"), first.prettify());
        assertEquals(0, first.getInt("counters.updated"));
        assertEquals(code, links(s).get(c));
        assertEquals("Old Name", party(code).get("name"), "left as it is");
        assertEquals("Bergen", city(code));

        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL",
                "storeCanUpdateCustomers", true);
        patch(s, c, Map.of("firstName", "Newer"));
        JsonPath second = runOf(s, "CUSTOMERS", null, null);
        assertEquals(1, second.getInt("counters.updated"), second.prettify());
        assertEquals("New Name", party(code).get("name"), "updated from the store's data (the name from the default address)");
        assertEquals("Oslo", city(code));

        List<String> stamps = stamps(code);
        patch(s, c, Map.of("firstName", "Newer")); // the customer is touched, nothing the party maps changes
        JsonPath third = runOf(s, "CUSTOMERS", null, null);
        assertEquals(1, third.getInt("counters.processed"), third.prettify());
        assertEquals(0, third.getInt("counters.updated"));
        assertEquals(stamps, stamps(code), "nothing written to Tryton");
        assertEquals(0, runOf(s, "CUSTOMERS", null, null).getInt("counters.processed"));
        assertEquals(stamps, stamps(code));
    }

    // ---- orders ----

    @Test
    @DisplayName("SYNC-3, SYNC-4: an order's unknown customer is created from the bill-to address (sell-to = bill-to), and each order is placed as a draft sale exactly once")
    void orderCustomerFromBillTo_SYNC3_SYNC4() {
        Setup s = setup("rules-orders");
        connect(s, "customerImport", "WITH_ORDER_IMPORT", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL");
        String ola = customerIn(s, "Ola", "Nordmann", email("ola"), "NO");
        Map<String, Object> billTo = address("Ola", "Billing", null, "NO", "+47 22 33 44 57");
        billTo.put("address1", "Bill street 9");
        billTo.put("city", "Drammen");
        String first = order(s, ola, billTo, address("Ola", "Nordmann", null, "NO", null));
        String second = order(s, ola, billTo, null);

        JsonPath r = runOf(s, "ORDERS", null, null);
        assertEquals("SUCCEEDED", r.getString("status"), r.prettify());
        assertEquals(1, r.getInt("counters.created"), "two orders of one new customer make one party");
        Map<String, Map<String, Object>> imported = erpOrders(s);
        String code = (String) imported.get(first).get("billToCustomerNo");
        assertEquals(code, imported.get(first).get("sellToCustomerNo"), "SYNC-4: sell-to is the bill-to customer");
        assertEquals(code, imported.get(second).get("billToCustomerNo"));
        assertEquals("CREATED", imported.get(first).get("chosenBy"));
        assertEquals(1, partiesWithAnyReference());
        assertEquals("Ola Billing", party(code).get("name"), "SYNC-4: from the bill-to address");
        assertEquals("Drammen", city(code));
        assertEquals(1, admin.searchCount("party.address", List.of(clause("party.code", "=", code), clause("street", "=", "Bill street 9"))));
        for (String o : List.of(first, second)) {
            assertEquals(1, admin.searchCount("sale.sale", List.of(clause("reference", "=", o), clause("state", "=", "draft"),
                    clause("party.code", "=", code))), "a draft sale of the party");
        }

        String third = order(s, ola, billTo, null);
        JsonPath again = runOf(s, "ORDERS", null, null);
        assertEquals("SUCCEEDED", again.getString("status"), again.prettify());
        assertEquals("LINK", erpOrders(s).get(third).get("chosenBy"));
        runOf(s, "ORDERS", null, "FULL");
        for (String o : List.of(first, second, third)) assertEquals(1, admin.searchCount("sale.sale", List.of(clause("reference", "=", o))));
        assertEquals(1, partiesWithAnyReference(), "still one party");
    }

    // ---- exporting customers ----

    @Test
    @DisplayName("SYNC-11, SYNC-12: a party made in Tryton becomes one store customer; a rerun (even FULL) writes nothing; a later edit updates it once")
    void exportFromTryton_SYNC11_SYNC12() {
        Setup s = setup("rules-export");
        connect(s, "customerImport", "NONE", "exportCustomersToStore", true, "canUpdateStoreCustomers", true);
        String mail = email("exp");
        String code = partyByHand("Kari Nordmann", mail, "+47 22 33 44 58", "Oslo");
        partyByHand("No Mail", null, null, "Oslo");

        JsonPath r = runOf(s, "CUSTOMERS", null, null);
        assertEquals("SUCCEEDED", r.getString("status"), r.prettify());
        assertEquals(1, r.getInt("counters.created"), r.prettify());
        String customerId = links(s).entrySet().stream().filter(e -> e.getValue().equals(code)).findFirst().orElseThrow().getKey();
        JsonPath c = storeCustomer(s, customerId);
        assertEquals(mail, c.getString("email"));
        assertEquals("Kari", c.getString("firstName"));
        assertEquals("Nordmann", c.getString("lastName"));
        assertEquals("+4722334458", c.getString("phoneE164"));
        assertEquals(1, c.getList("addresses").size());
        assertEquals("Oslo", c.getString("addresses[0].address.city"));
        assertEquals(1, links(s).size(), "the party without an e-mail is not exported");
        String updatedAt = c.getString("updatedAt");

        JsonPath quiet = runOf(s, "CUSTOMERS", null, null);
        assertEquals(0, quiet.getInt("counters.created") + quiet.getInt("counters.updated"), quiet.prettify());
        JsonPath full = runOf(s, "CUSTOMERS", null, "FULL");
        assertEquals("SUCCEEDED", full.getString("status"), full.prettify());
        assertEquals(0, full.getInt("counters.created") + full.getInt("counters.updated"), "FULL re-reads every party, writes nothing: " + full.prettify());
        assertEquals(updatedAt, storeCustomer(s, customerId).getString("updatedAt"));

        admin.write("party.address", admin.search("party.address", List.of(clause("party.code", "=", code)), 0, null, List.of()),
                Map.of("city", "Bergen"));
        JsonPath edited = runOf(s, "CUSTOMERS", null, null);
        assertEquals(1, edited.getInt("counters.updated"), edited.prettify());
        assertEquals("Bergen", storeCustomer(s, customerId).getString("addresses[0].address.city"));
        assertEquals(0, runOf(s, "CUSTOMERS", null, null).getInt("counters.processed"));
        assertEquals(1, links(s).size());
    }

    @Test
    @DisplayName("SYNC-19: with import and export both on, neither direction's writes come back through the other across several runs")
    void noPingPong_SYNC19() {
        Setup s = setup("rules-pingpong");
        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL",
                "storeCanUpdateCustomers", true, "exportCustomersToStore", true, "canUpdateStoreCustomers", true);
        String kari = customerIn(s, "Kari", "Nordmann", email("kari"), "NO");
        JsonPath first = runOf(s, "CUSTOMERS", null, null);
        assertEquals(1, first.getInt("counters.created"), first.prettify());
        assertEquals(2, first.getInt("counters.processed"), first.prettify());
        assertEquals(Map.of("NO_VALID_EMAIL", 1), first.getMap("skipReasons"), "the first export reads Tryton's company party (no e-mail); "
                + "the party the import made is not exported back");
        assertEquals(1, links(s).size());
        String code = links(s).get(kari);
        List<String> stamps = stamps(code);
        for (int i = 0; i < 2; i++) assertEquals(0, runOf(s, "CUSTOMERS", null, null).getInt("counters.processed"));
        assertEquals(stamps, stamps(code));

        admin.write("party.address", admin.search("party.address", List.of(clause("party.code", "=", code)), 0, null, List.of()),
                Map.of("city", "Bergen"));
        JsonPath export = runOf(s, "CUSTOMERS", null, null);
        assertEquals(1, export.getInt("counters.processed"), export.prettify());
        assertEquals(1, export.getInt("counters.updated"));
        assertEquals("Bergen", storeCustomer(s, kari).getString("addresses[0].address.city"));
        stamps = stamps(code);
        for (int i = 0; i < 2; i++) {
            assertEquals(0, runOf(s, "CUSTOMERS", null, null).getInt("counters.processed"), "the export's write to the store is not imported back");
        }
        assertEquals(stamps, stamps(code), "nothing written back to Tryton");

        String newMail = email("kari.new");
        patch(s, kari, Map.of("email", newMail)); // the name comes from the default address; the e-mail from the customer
        JsonPath imported = runOf(s, "CUSTOMERS", null, null);
        assertEquals(1, imported.getInt("counters.updated"), imported.prettify());
        assertEquals(1, admin.searchCount("party.contact_mechanism", List.of(clause("party.code", "=", code), clause("type", "=", "email"),
                clause("value", "=", newMail))));
        String updatedAt = storeCustomer(s, kari).getString("updatedAt");
        for (int i = 0; i < 2; i++) {
            assertEquals(0, runOf(s, "CUSTOMERS", null, null).getInt("counters.processed"), "the import's write to Tryton is not exported back");
        }
        assertEquals(updatedAt, storeCustomer(s, kari).getString("updatedAt"));
        assertEquals(1, partiesOf(kari));
    }

    // ---- faults ----

    @Test
    @DisplayName("SYNC-18: trytond stopped in the middle of a CUSTOMERS run (after its first batch committed): FAILED, the next batch's customers pending with ERP_UNAVAILABLE; after the restart a rerun succeeds with one party per customer")
    void trytondDownThenRerun_SYNC18() {
        Setup s = setup("rules-down");
        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL");
        List<String> early = new ArrayList<>();
        for (int i = 0; i < 2; i++) early.add(customerIn(s, "Early" + i, "Test", email("early" + i), "NO"));
        assertEquals("SUCCEEDED", runOf(s, "CUSTOMERS", 2, null).getString("status"));
        List<String> late = new ArrayList<>();
        for (int i = 0; i < 5; i++) late.add(customerIn(s, "Late" + i, "Test", email("late" + i), "NO"));

        Trytond trytond = db.trytond();
        JsonPath failed;
        faults.afterBatch(UUID.fromString(s.storeId()), 1, trytond::stop); // mid-run: the first batch is in Tryton
        try {
            failed = runOf(s, "CUSTOMERS", 2, null);
        } finally {
            trytond.start();
        }
        assertEquals("FAILED", failed.getString("status"), failed.prettify());
        assertEquals(4, failed.getInt("counters.processed"), failed.prettify());
        assertEquals(2, failed.getInt("counters.created"), "the first batch reached Tryton: " + failed.prettify());
        assertEquals(2, failed.getInt("counters.failed"), "the second batch failed, the run stopped there: " + failed.prettify());
        assertEquals(List.of("ERP_UNAVAILABLE", "ERP_UNAVAILABLE"), SyncFixtures.errorCodes(failed));
        List<Map<String, Object>> pending = s.owner().as().queryParam("outcome", "FAILED").get(s.store("/sync-pending"))
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(2, pending.size(), pending.toString());
        for (Map<String, Object> p : pending) {
            assertEquals("ERP_UNAVAILABLE", p.get("code"));
            assertTrue(late.contains((String) p.get("recordId")), p.toString());
        }
        assertEquals(4, partiesWithAnyReference(), "the early run's two and the first batch's two");

        guards.reset(UUID.fromString(s.companyId())); // the breaker may have opened; an operator's rerun comes after its pause
        JsonPath rerun = runOf(s, "CUSTOMERS", 2, null);
        assertEquals("SUCCEEDED", rerun.getString("status"), rerun.prettify());
        assertEquals(failed.getString("id"), rerun.getString("resumedFrom"));
        assertEquals(0, s.owner().as().queryParam("outcome", "FAILED").get(s.store("/sync-pending")).then().statusCode(200).extract()
                .jsonPath().getList("items").size(), "no pending work left");
        Map<String, String> links = links(s);
        for (String c : early) assertEquals(1, partiesOf(c), c);
        for (String c : late) assertEquals(1, partiesOf(c), c);
        assertEquals(7, partiesWithAnyReference(), "one party per customer, no duplicates");
        assertEquals(7, links.size());
        assertEquals(7, new HashSet<>(links.values()).size());
        assertEquals(0, runOf(s, "CUSTOMERS", 2, null).getInt("counters.processed"));
        assertEquals(7, partiesWithAnyReference());
    }

    @Test
    @DisplayName("SYNC-18: a run whose party create answer is lost after Tryton committed (a company whose endpoint is a proxy) succeeds with one party per customer")
    void lostAnswerInARun_SYNC18() throws Exception {
        db = TrytonCompany.newDatabase("rules-lost");
        admin = db.admin();
        Api.User owner = Api.user("tryton-rules");
        try (AnswerDroppingProxy proxy = new AnswerDroppingProxy(db.trytond().baseUrl().getPort())) {
            String companyId = owner.as().body(Map.of("name", Api.unique("tryton"), "kind", "TRYTON", "endpoint", proxy.baseUrl() + "/",
                    "database", db.name(), "login", Trytond.ADMIN_LOGIN, "password", Trytond.ADMIN_PASSWORD)).post("/erp-companies")
                    .then().statusCode(201).extract().path("id");
            Setup s = store(owner, companyId);
            connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL");
            List<String> customers = new ArrayList<>();
            for (int i = 0; i < 3; i++) customers.add(customerIn(s, "Lost" + i, "Answer", email("lost" + i), "NO"));
            proxy.dropNextAnswerTo("model.party.party.create");

            JsonPath r = runOf(s, "CUSTOMERS", 3, null);
            assertEquals(1, proxy.dropped(), "the create's answer was lost after Tryton committed");
            assertEquals("SUCCEEDED", r.getString("status"), r.prettify());
            assertEquals(0, r.getInt("counters.failed"));
            for (String c : customers) assertEquals(1, partiesOf(c), c);
            assertEquals(3, partiesWithAnyReference());
            assertEquals(3, new HashSet<>(links(s).values()).size());
            assertFalse(links(s).containsValue(null));
        }
    }
}
