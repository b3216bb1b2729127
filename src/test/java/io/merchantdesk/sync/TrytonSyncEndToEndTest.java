package io.merchantdesk.sync;

import static io.merchantdesk.sync.tryton.TrytonRpc.clause;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.merchantdesk.support.Api;
import io.merchantdesk.support.TrytonCompany;
import io.merchantdesk.sync.tryton.TrytonRpc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 end to end: a store connected to a TRYTON ERP company runs its syncs through the REST API against a live
 * trytond; the customer becomes a party (SYNC-6) and the order a draft sale of that party.
 */
@QuarkusTest
class TrytonSyncEndToEndTest {
    private static TrytonCompany.Database db;
    private static TrytonRpc admin;

    @BeforeAll
    static void trytond() {
        db = TrytonCompany.newDatabase("e2e");
        admin = db.admin();
    }

    @AfterAll
    static void logout() {
        admin.logout();
    }

    @Test
    @DisplayName("SYNC-6, SYNC-18: a CUSTOMERS run creates the store customer as a Tryton party, an ORDERS run places a draft sale, a rerun adds nothing")
    void customersAndOrdersReachTryton() throws Exception {
        Api.User owner = Api.user("tryton-e2e");
        String storeId = owner.as().body(Map.of("name", Api.unique("store"), "billingCurrency", "NOK", "plan", "GROW"))
                .post("/stores").then().statusCode(201).extract().path("id");
        String companyId = db.erpCompany(owner);
        SyncFixtures.Setup s = new SyncFixtures.Setup(owner, storeId, companyId);
        SyncFixtures.template(s, "RETAIL", "DOMESTIC", "DOMESTIC", "DOMESTIC", null);
        SyncFixtures.connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL");
        String email = SyncFixtures.email("kari");
        String customer = SyncFixtures.customer(s, "Kari", "Nordmann", email, "+47 22 33 44 55",
                SyncFixtures.address("Kari", "Nordmann", null, "NO", null));

        JsonPath run = SyncFixtures.run(s, "CUSTOMERS");
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        assertEquals(1, run.getInt("counters.created"));
        String customerNo = SyncFixtures.links(s).get(customer);
        List<Map<String, Object>> parties = admin.searchRead("party.party", List.of(clause("identifiers.code", "=", "md:" + customer)),
                0, null, null, List.of("code", "name"));
        assertEquals(1, parties.size());
        assertEquals(customerNo, parties.get(0).get("code"));
        assertEquals("Kari Nordmann", parties.get(0).get("name"));
        assertEquals(1, admin.searchCount("party.contact_mechanism", List.of(clause("party.code", "=", customerNo),
                clause("type", "=", "email"), clause("value", "=", email))));

        String order = SyncFixtures.order(s, customer, SyncFixtures.address("Kari", "Nordmann", null, "NO", null), null);
        run = SyncFixtures.run(s, "ORDERS");
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        List<Map<String, Object>> sales = admin.searchRead("sale.sale", List.of(clause("reference", "=", order)), 0, null, null,
                List.of("state", "party.code", "currency.code", "lines"));
        assertEquals(1, sales.size());
        Map<String, Object> sale = sales.get(0);
        assertEquals("draft", sale.get("state"));
        assertEquals(customerNo, ((Map<?, ?>) sale.get("party.")).get("code"));
        assertEquals("NOK", ((Map<?, ?>) sale.get("currency.")).get("code"));
        List<Map<String, Object>> lines = admin.read("sale.line", ((List<?>) sale.get("lines")).stream().map(id -> ((Number) id).longValue())
                .toList(), List.of("type", "description"));
        assertEquals(List.of("comment", "comment"), lines.stream().map(l -> l.get("type")).toList());
        assertEquals(List.of("1 x T-1 Tent @ 1999.00 NOK", "Total 1999.00 NOK"), lines.stream().map(l -> l.get("description")).sorted().toList());
        assertEquals(Long.toString(((Number) sale.get("id")).longValue()), SyncFixtures.erpOrders(s).get(order).get("erpDocumentNo"),
                "GET /erp-orders shows the draft sale's id as the ERP's document");

        // nothing twice: reruns find their links and imported orders
        assertEquals("SUCCEEDED", SyncFixtures.run(s, "CUSTOMERS").getString("status"));
        assertEquals("SUCCEEDED", SyncFixtures.run(s, "ORDERS").getString("status"));
        assertEquals(1, admin.searchCount("party.identifier", List.of(clause("code", "=", "md:" + customer))));
        assertEquals(1, admin.searchCount("sale.sale", List.of(clause("reference", "=", order))));
    }
}
