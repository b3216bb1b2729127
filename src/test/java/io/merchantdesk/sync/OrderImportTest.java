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

/** Order import: choosing the ERP customer (SYNC-1..5) and recording the ERP order (SYNC-4, SYNC-10). */
@QuarkusTest
class OrderImportTest {

    @Test
    @DisplayName("SYNC-1, SYNC-2, SYNC-3: country default beats customerImport NONE's default, which beats the mapping type; all three settings in play")
    void priorityOfTheRules() {
        Setup s = setup();
        String countryDefault = card(s, "name", "Norway default");
        String connectionDefault = card(s, "name", "Connection default");
        String kariEmail = email("kari");
        String kariCard = card(s, "name", "Kari Nordmann", "email", kariEmail, "countryCode", "SE");
        connect(s, "customerImport", "NONE", "customerMappingType", "BY_EMAIL_PHONE", "defaultCustomerNo", connectionDefault,
                "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL");
        s.owner().as().body(Map.of("defaultCustomerNo", countryDefault, "pricesIncludingVat", true, "vatBusPostingGroup", "NO-VAT"))
                .put(s.store("/erp-connection/customer-templates/NO")).then().statusCode(200);
        String kari = customerIn(s, "Kari", "Nordmann", kariEmail, "SE");
        String toNorway = order(s, kari, address("Kari", "Nordmann", null, "SE", null), address("Kari", "Nordmann", null, "NO", null));
        String toSweden = order(s, kari, address("Kari", "Nordmann", null, "SE", null), address("Kari", "Nordmann", null, "SE", null));

        JsonPath run = run(s, "ORDERS");
        assertEquals("SUCCEEDED", run.getString("status"));
        Map<String, Map<String, Object>> imported = erpOrders(s);
        assertEquals(countryDefault, imported.get(toNorway).get("billToCustomerNo"), "SYNC-1 wins over customerImport NONE");
        assertEquals("COUNTRY_DEFAULT", imported.get(toNorway).get("chosenBy"));
        assertEquals("SYNC-1", imported.get(toNorway).get("rule"));
        assertFalse(imported.get(toNorway).containsKey("erpDocumentNo"), "the built-in register makes no document: absent, not null");
        assertEquals(connectionDefault, imported.get(toSweden).get("billToCustomerNo"), "SYNC-2 wins over an e-mail match");
        assertEquals("SYNC-2", imported.get(toSweden).get("rule"));

        // Now the mapping type decides for Sweden (SYNC-3); Norway still goes to its country default.
        connect(s, "customerImport", "WITH_ORDER_IMPORT", "customerMappingType", "BY_EMAIL_PHONE", "defaultCustomerNo", connectionDefault,
                "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL");
        String byEmail = order(s, kari, null, address("Kari", "Nordmann", null, "SE", null));
        String norwayAgain = order(s, kari, null, address("Kari", "Nordmann", null, "NO", null));
        run(s, "ORDERS");
        imported = erpOrders(s);
        assertEquals(kariCard, imported.get(byEmail).get("billToCustomerNo"));
        assertEquals("EMAIL", imported.get(byEmail).get("chosenBy"));
        assertEquals("SYNC-3", imported.get(byEmail).get("rule"));
        assertEquals(countryDefault, imported.get(norwayAgain).get("billToCustomerNo"));
        assertEquals(kariCard, links(s).get(kari), "the e-mail match links the store customer");

        // DEFAULT_CUSTOMER always takes the connection's default.
        connect(s, "customerMappingType", "DEFAULT_CUSTOMER", "defaultCustomerNo", connectionDefault);
        String byDefault = order(s, kari, null, address("Kari", "Nordmann", null, "SE", null));
        run(s, "ORDERS");
        assertEquals(connectionDefault, erpOrders(s).get(byDefault).get("billToCustomerNo"));
        assertEquals("DEFAULT_CUSTOMER", erpOrders(s).get(byDefault).get("chosenBy"));
        assertEquals(5, erpOrders(s).size(), "every order imported exactly once");
    }

    @Test
    @DisplayName("SYNC-3, SYNC-4, SYNC-6, SYNC-10: an unknown customer is created from the bill-to address and template, sell-to = bill-to, the next order finds it by link")
    void createdFromBillTo() {
        Setup s = setup();
        connect(s, "customerImport", "WITH_ORDER_IMPORT", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL");
        s.owner().as().body(Map.of("pricesIncludingVat", false, "vatBusPostingGroup", "EXPORT"))
                .put(s.store("/erp-connection/customer-templates/DE")).then().statusCode(200);
        String ola = customerIn(s, "Ola", "Nordmann", email("ola"), "NO");
        Map<String, Object> billTo = address("Ola", "Billing", "Nordmann AS", "NO", "+47 22 33 44 55");
        billTo.put("address1", "Bill street 9");
        String first = order(s, ola, billTo, address("Ola", "Nordmann", null, "DE", null));
        String second = order(s, ola, billTo, address("Ola", "Nordmann", null, "NO", null));
        JsonPath run = run(s, "ORDERS");
        assertEquals(1, run.getInt("counters.created"), "two orders of one new customer create one card");
        Map<String, Map<String, Object>> imported = erpOrders(s);
        String no = (String) imported.get(first).get("billToCustomerNo");
        assertEquals(no, imported.get(first).get("sellToCustomerNo"), "SYNC-4: sell-to is the bill-to customer");
        assertEquals(no, imported.get(second).get("billToCustomerNo"));
        assertEquals("CREATED", imported.get(first).get("chosenBy"));
        assertEquals("SYNC-6", imported.get(first).get("rule"));
        // SYNC-10: the DE row decides prices/VAT for the order shipped to Germany; the card's values otherwise
        assertEquals(false, imported.get(first).get("pricesIncludingVat"));
        assertEquals("EXPORT", imported.get(first).get("vatBusPostingGroup"));
        assertEquals(true, imported.get(second).get("pricesIncludingVat"));
        assertEquals("DOMESTIC", imported.get(second).get("vatBusPostingGroup"));
        JsonPath card = erpCustomer(s, no);
        assertEquals("Ola Billing", card.getString("name"));
        assertEquals("Nordmann AS", card.getString("name2"));
        assertEquals("Bill street 9", card.getString("address"), "SYNC-4: created from the bill-to address");
        assertEquals("+4722334455", card.getString("phoneE164"));
        assertEquals("DOMESTIC", card.getString("customerPostingGroup"));
        assertEquals(no, links(s).get(ola));
        String third = order(s, ola, billTo, null);
        run(s, "ORDERS");
        assertEquals("LINK", erpOrders(s).get(third).get("chosenBy"));
    }

    @Test
    @DisplayName("SYNC-5: phones match in E.164 whatever the format (+47 22 33 44 55, 0047-22334455, 22 33 44 55 in Norway); an ambiguous phone is a per-record error")
    void phoneMatchingAndAmbiguity() {
        Setup s = setup();
        String card = card(s, "name", "Phone owner", "phone", "+47 22 33 44 55");
        card(s, "name", "Twin A", "phone", "23 45 67 89");
        card(s, "name", "Twin B", "phone", "+4723456789");
        connect(s, "customerImport", "WITH_ORDER_IMPORT", "customerMappingType", "BY_EMAIL_PHONE");
        String a = customer(s, "A", "One", email("a"), null, address("A", "One", null, "NO", "0047-22334455"));
        String b = customer(s, "B", "Two", email("b"), "22 33 44 55", address("B", "Two", null, "NO", null));
        String amb = customer(s, "C", "Three", email("c"), null, address("C", "Three", null, "NO", "23456789"));
        String oa = order(s, a, address("A", "One", null, "NO", "0047-22334455"), null);
        String ob = order(s, b, address("B", "Two", null, "NO", null), null);
        String oc = order(s, amb, address("C", "Three", null, "NO", "23456789"), null);
        JsonPath run = run(s, "ORDERS");
        Map<String, Map<String, Object>> imported = erpOrders(s);
        assertEquals(card, imported.get(oa).get("billToCustomerNo"));
        assertEquals("PHONE", imported.get(oa).get("chosenBy"));
        assertEquals(card, imported.get(ob).get("billToCustomerNo"), "the customer's phone when the address has none");
        assertFalse(imported.containsKey(oc), "an ambiguous match is never resolved by chance");
        assertEquals(1, run.getInt("counters.failed"));
        assertEquals("AMBIGUOUS_MATCH", run.getString("errors[0].code"));
        assertEquals(oc, run.getString("errors[0].recordId"));
        assertThat(run.getString("errors[0].message"), allOf(containsString("C00011"), containsString("C00012")));
        s.owner().as().get(s.store("/sync-runs/" + run.getString("id") + "/errors")).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].code", equalTo("AMBIGUOUS_MATCH"));
    }

    @Test
    @DisplayName("SYNC-5: a link whose ERP customer was deleted is dropped and discovery starts again; SYNC-3 without a customer the order is reported")
    void deletedLinkAndNeedsCustomer() {
        Setup s = setup();
        String mail = email("link");
        String old = card(s, "name", "Old", "email", mail);
        connect(s, "customerImport", "WITH_ORDER_IMPORT");
        String cust = customerIn(s, "L", "Ink", mail, "NO");
        order(s, cust, address("L", "Ink", null, "NO", null), null);
        run(s, "ORDERS");
        assertEquals(old, links(s).get(cust));
        s.owner().as().delete(s.erp("/customers/" + old)).then().statusCode(204);
        String fresh = card(s, "name", "New", "email", mail.toUpperCase());
        String next = order(s, cust, address("L", "Ink", null, "NO", null), null);
        run(s, "ORDERS");
        assertEquals(fresh, erpOrders(s).get(next).get("billToCustomerNo"));
        assertEquals("EMAIL", erpOrders(s).get(next).get("chosenBy"));
        assertEquals(fresh, links(s).get(cust));

        String nobody = customerIn(s, "N", "Obody", email("nobody"), "NO");
        String lost = order(s, nobody, address("N", "Obody", null, "NO", null), null);
        JsonPath run = run(s, "ORDERS");
        assertEquals(List.of("NEEDS_CUSTOMER"), errorCodes(run));
        assertFalse(erpOrders(s).containsKey(lost));
        // created by hand from the order's customer (SYNC-6), then the order imports
        s.owner().as().body(Map.of()).post(s.store("/customers/" + nobody + "/erp-customer")).then().statusCode(422)
                .body("code", equalTo("TEMPLATE_MISSING"));
        connect(s, "customerImport", "WITH_ORDER_IMPORT", "customerTemplateCode", "RETAIL");
        String made = s.owner().as().body(Map.of()).post(s.store("/customers/" + nobody + "/erp-customer")).then().statusCode(201)
                .body("lastSyncedFrom", equalTo("MANUAL")).extract().path("customerNo");
        s.owner().as().body(Map.of()).post(s.store("/customers/" + nobody + "/erp-customer")).then().statusCode(409)
                .body("code", equalTo("ALREADY_LINKED"));
        run(s, "ORDERS");
        assertEquals(made, erpOrders(s).get(lost).get("billToCustomerNo"));
    }

    @Test
    @DisplayName("SYNC-3: BY_BILL_TO_INFO matches address lines case-insensitively and trimmed, post code, city and country exactly, and the composed name")
    void billToInfo() {
        Setup s = setup();
        String match = card(s, "name", "Nordmann Kari", "address", "KARL JOHANS GATE 1 ", "city", "Oslo", "postCode", "0154");
        card(s, "name", "Nordmann Kari", "address", "Karl Johans gate 1", "city", "Oslo", "postCode", "0155");
        connect(s, "customerImport", "WITH_ORDER_IMPORT", "customerMappingType", "BY_BILL_TO_INFO", "nameSource", "LAST_AND_FIRST_NAME");
        String kari = customerIn(s, "Kari", "Nordmann", email("k"), "NO");
        String o = order(s, kari, address("Kari", "Nordmann", null, "NO", null), null);
        String otherCity = customer(s, "Kari", "Nordmann", email("k2"), null, null);
        Map<String, Object> bergen = address("Kari", "Nordmann", null, "NO", null);
        bergen.put("city", "oslo");
        String o2 = order(s, otherCity, bergen, null);
        JsonPath run = run(s, "ORDERS");
        assertEquals(match, erpOrders(s).get(o).get("billToCustomerNo"));
        assertEquals("BILL_TO", erpOrders(s).get(o).get("chosenBy"));
        assertFalse(erpOrders(s).containsKey(o2), "city compares exactly");
        assertEquals(List.of("NEEDS_CUSTOMER"), errorCodes(run));
    }
}
