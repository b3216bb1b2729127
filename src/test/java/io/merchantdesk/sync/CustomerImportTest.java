package io.merchantdesk.sync;

import static io.merchantdesk.sync.SyncFixtures.*;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Importing store customers into the ERP register (SYNC-5..9, 18). */
@QuarkusTest
class CustomerImportTest {

    @Test
    @DisplayName("SYNC-6: unknown customers are created from the template through the name sources; an empty Name takes Name 2, then Contact; no address → reported")
    void createdFromTemplate() {
        Setup s = setup();
        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL",
                "nameSource", "NONE", "name2Source", "LAST_AND_FIRST_NAME", "contactSource", "FIRST_AND_LAST_NAME");
        String kari = customer(s, "Kari", "Nordmann", email("kari"), "22 33 44 55", address("Kari", "Nordmann", "Acme AS", "NO", null));
        String homeless = customer(s, "Home", "Less", email("homeless"), null, null);
        JsonPath run = run(s, "CUSTOMERS");
        assertEquals("SUCCEEDED_WITH_ERRORS", run.getString("status"), "issue 15: a run with a failed record says so");
        assertEquals(1, run.getInt("counters.created"));
        assertEquals(1, run.getInt("counters.failed"));
        assertEquals("NO_ADDRESS", run.getString("errors[0].code"));
        assertEquals(homeless, run.getString("errors[0].recordId"));
        String no = links(s).get(kari);
        assertNotNull(no);
        assertNull(links(s).get(homeless), "a customer without an address is not created");
        JsonPath card = erpCustomer(s, no);
        assertEquals("Nordmann Kari", card.getString("name"), "Name 2 moved into the empty Name");
        assertNull(card.getString("name2"));
        assertEquals("Kari Nordmann", card.getString("contact"));
        assertEquals("+4722334455", card.getString("phoneE164"), "the customer's phone when the address has none");
        assertEquals("DOMESTIC", card.getString("genBusPostingGroup"));
        assertEquals("14D", card.getString("paymentTermsCode"));

        // Contact moves into Name when Name and Name 2 come out empty
        Setup t = setup();
        connect(t, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL",
                "nameSource", "NONE", "name2Source", "COMPANY_NAME", "contactSource", "LAST_AND_FIRST_NAME");
        String ola = customer(t, "Ola", "Nordmann", email("ola"), null, address("Ola", "Nordmann", null, "NO", "+47 23 45 67 89"));
        run(t, "CUSTOMERS");
        JsonPath olaCard = erpCustomer(t, links(t).get(ola));
        assertEquals("Nordmann Ola", olaCard.getString("name"));
        assertNull(olaCard.getString("contact"));
        assertEquals("+4723456789", olaCard.getString("phoneE164"));
    }

    @Test
    @DisplayName("SYNC-7: a country row whose template lacks posting groups fails that record with the missing fields named; others go on")
    void incompleteTemplateIsAPerRecordError() {
        Setup s = setup();
        String swede = swedeOnIncompleteTemplate(s);
        String norwegian = customerIn(s, "Ola", "Nordmann", email("ola"), "NO");
        JsonPath run = run(s, "CUSTOMERS");
        assertEquals(List.of("TEMPLATE_INCOMPLETE"), errorCodes(run));
        assertEquals(swede, run.getString("errors[0].recordId"));
        assertThat(run.getString("errors[0].message"), allOf(containsString("SYNC-7"), containsString("customerPostingGroup"),
                containsString("vatBusPostingGroup or taxAreaCode")));
        assertNotNull(links(s).get(norwegian));
        assertNull(links(s).get(swede));
    }

    @Test
    @DisplayName("SYNC-8, SYNC-18: WITH_ORDER_IMPORT only refreshes linked customers; ALL_CUSTOMERS imports new or changed ones, incrementally")
    void importScopeAndWatermark() {
        Setup s = setup();
        String mail = email("linked");
        String existing = card(s, "name", "Linked One", "email", mail);
        connect(s, "customerImport", "WITH_ORDER_IMPORT", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL",
                "storeCanUpdateCustomers", true);
        String linked = customerIn(s, "Linked", "One", mail, "NO");
        s.owner().as().body(Map.of("customerNo", existing)).post(s.store("/customers/" + linked + "/erp-customer")).then().statusCode(201);
        String unlinked = customerIn(s, "Un", "Linked", email("unlinked"), "NO");
        s.owner().as().body(Map.of("lastName", "Renamed")).patch(s.store("/customers/" + linked)).then().statusCode(200);
        JsonPath run = run(s, "CUSTOMERS");
        assertEquals(0, run.getInt("counters.created"), "WITH_ORDER_IMPORT creates nothing");
        assertEquals(1, run.getInt("counters.updated"));
        assertNull(links(s).get(unlinked));
        assertEquals("Karl Johans gate 1", erpCustomer(s, existing).getString("address"), "the linked card is refreshed from the store");
        assertEquals("Linked One", erpCustomer(s, existing).getString("name"), "names come from the default address first");

        assertEquals(Map.of("NOT_LINKED", 1), run.getMap("skipReasons"), "issue 15: the skipped customer says why");

        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL",
                "storeCanUpdateCustomers", true);
        // issue 16: the settings change makes the skipped customer pending work of the next run, though it did not change
        JsonPath reevaluated = run(s, "CUSTOMERS");
        assertEquals(1, reevaluated.getInt("counters.processed"));
        assertEquals(1, reevaluated.getInt("counters.created"));
        JsonPath nothingChanged = run(s, "CUSTOMERS");
        assertEquals(0, nothingChanged.getInt("counters.processed"), "incremental: nothing changed since the last successful run");
        s.owner().as().body(Map.of("firstName", "Now")).patch(s.store("/customers/" + unlinked)).then().statusCode(200);
        JsonPath one = run(s, "CUSTOMERS");
        assertEquals(1, one.getInt("counters.processed"));
        assertEquals("Un Linked", erpCustomer(s, links(s).get(unlinked)).getString("name"));
    }

    @Test
    @DisplayName("SYNC-9, SYNC-5: customers found by e-mail are linked and updated only with storeCanUpdateCustomers; two store customers on one ERP customer is a duplicate")
    void updateAndDuplicates() {
        Setup s = setup();
        String mail = email("found");
        String found = card(s, "name", "Old Name", "email", "  " + mail.toUpperCase() + " ", "city", "Bergen");
        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL");
        String c1 = customerIn(s, "New", "Name", mail, "NO");
        JsonPath run = run(s, "CUSTOMERS");
        assertEquals(1, run.getInt("counters.linked"));
        assertEquals(0, run.getInt("counters.updated"));
        assertEquals(found, links(s).get(c1));
        assertEquals("Old Name", erpCustomer(s, found).getString("name"), "left as it is without storeCanUpdateCustomers");

        Setup t = setup();
        String mail2 = email("upd");
        String card2 = card(t, "name", "Old Name", "email", mail2, "city", "Bergen");
        String phoneCard = card(t, "name", "Phone Card", "phone", "+47 22 33 44 55");
        connect(t, "customerImport", "ALL_CUSTOMERS", "storeCanUpdateCustomers", true);
        String c2 = customerIn(t, "New", "Name", mail2, "NO");
        String p1 = customer(t, "P", "One", email("p1"), "0047 22334455", address("P", "One", null, "NO", null));
        String p2 = customer(t, "P", "Two", email("p2"), "22 33 44 55", address("P", "Two", null, "NO", null));
        JsonPath run2 = run(t, "CUSTOMERS");
        assertEquals("New Name", erpCustomer(t, card2).getString("name"), "SYNC-9: updated from the store's data");
        assertEquals("Oslo", erpCustomer(t, card2).getString("city"));
        assertEquals(card2, links(t).get(c2));
        assertEquals(phoneCard, links(t).get(p1), "found by normalised phone");
        assertNull(links(t).get(p2));
        assertEquals(List.of("DUPLICATE"), errorCodes(run2));
        assertEquals(p2, run2.getString("errors[0].recordId"));
    }
}
