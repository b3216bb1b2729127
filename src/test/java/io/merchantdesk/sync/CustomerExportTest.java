package io.merchantdesk.sync;

import static io.merchantdesk.sync.SyncFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exporting ERP customers to the store (SYNC-11..16, 19). */
@QuarkusTest
class CustomerExportTest {
    @Inject
    EntityManager em;

    private static JsonPath exported(Setup s, String customerNo) {
        String id = null;
        for (Map.Entry<String, String> e : links(s).entrySet()) {
            if (e.getValue().equals(customerNo)) id = e.getKey();
        }
        assertNotNull(id, "ERP customer " + customerNo + " was exported");
        return storeCustomer(s, id);
    }

    @Test
    @DisplayName("SYNC-11, SYNC-16: every ERP customer with a valid e-mail becomes one store customer with one default address, and is invited")
    void exportCreates() {
        Setup s = setup();
        connect(s, "customerImport", "NONE", "exportCustomersToStore", true, "inviteExportedCustomers", true);
        String mail = email("exp");
        String no = card(s, "name", "Kari Nordmann", "email", mail + "; other@example.no", "phone", "22 33 44 55", "address", "Storgata 1",
                "city", "Oslo", "postCode", "0155");
        String noMail = card(s, "name", "No Mail", "email", "not-an-email");
        JsonPath run = run(s, "CUSTOMERS");
        assertEquals(1, run.getInt("counters.created"));
        assertEquals(1, run.getInt("counters.skipped"), "the card without a valid e-mail is not exported");
        assertFalse(links(s).containsValue(noMail));
        JsonPath c = exported(s, no);
        assertEquals(mail, c.getString("email"), "SYNC-13: the first of several addresses");
        assertEquals("Kari", c.getString("firstName"));
        assertEquals("Nordmann", c.getString("lastName"));
        assertEquals("+4722334455", c.getString("phoneE164"));
        assertEquals(1, c.getList("addresses").size());
        assertEquals(true, c.getBoolean("addresses[0].isDefault"));
        assertEquals("Storgata 1", c.getString("addresses[0].address.address1"));
        assertEquals("NO", c.getString("addresses[0].address.countryCode"));
        Number invites = (Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_messages WHERE kind = 'CUSTOMER_ACCOUNT_INVITATION' AND recipient = :r AND aggregate_id = :id")
                .setParameter("r", mail).setParameter("id", UUID.fromString(c.getString("id"))).getSingleResult();
        assertEquals(1, invites.intValue(), "SYNC-16: an invitation goes out through the outbox");
    }

    @Test
    @DisplayName("SYNC-13: first and last name come from Contact, then Name 2, then Name, split by each source setting")
    void nameSplitting() {
        record Case(Object[] settings, Object[] card, String first, String last) {}
        List<Case> cases = List.of(
                new Case(new Object[] {"contactSource", "LAST_AND_FIRST_NAME"}, new Object[] {"contact", "Nordmann Hansen Kari", "name", "Ignored Name"},
                        "Kari", "Nordmann Hansen"),
                new Case(new Object[] {"contactSource", "NONE", "name2Source", "FIRST_AND_LAST_NAME"},
                        new Object[] {"contact", "Not Used", "name2", "Ola Jakob Nordmann", "name", "Ignored"}, "Ola", "Jakob Nordmann"),
                new Case(new Object[] {"name2Source", "COMPANY_NAME", "nameSource", "LAST_AND_FIRST_NAME"},
                        new Object[] {"name2", "Acme AS", "name", "Berg Per"}, "Per", "Berg"),
                new Case(new Object[] {"name2Source", "COMPANY_NAME", "nameSource", "FIRST_AND_LAST_NAME"},
                        new Object[] {"name", "Per Berg"}, "Per", "Berg"),
                new Case(new Object[] {"name2Source", "NONE", "nameSource", "COMPANY_NAME"},
                        new Object[] {"name", "Acme AS"}, null, null));
        for (Case k : cases) {
            Setup s = setup();
            Object[] settings = new Object[k.settings().length + 4];
            settings[0] = "exportCustomersToStore";
            settings[1] = true;
            settings[2] = "customerImport";
            settings[3] = "NONE";
            System.arraycopy(k.settings(), 0, settings, 4, k.settings().length);
            connect(s, settings);
            Object[] cardFields = new Object[k.card().length + 2];
            cardFields[0] = "email";
            cardFields[1] = email("split");
            System.arraycopy(k.card(), 0, cardFields, 2, k.card().length);
            String no = card(s, cardFields);
            run(s, "CUSTOMERS");
            JsonPath c = exported(s, no);
            assertEquals(k.first(), c.getString("firstName"), java.util.Arrays.toString(k.settings()));
            assertEquals(k.last(), c.getString("lastName"), java.util.Arrays.toString(k.settings()));
        }
    }

    @Test
    @DisplayName("SYNC-14, SYNC-15: the company is Name (nameSource COMPANY_NAME) else Name 2; county is the state code or name; a state needs the country")
    void companyAndCounty() {
        Setup s = setup();
        connect(s, "customerImport", "NONE", "exportCustomersToStore", true, "nameSource", "COMPANY_NAME", "name2Source", "NONE",
                "contactSource", "FIRST_AND_LAST_NAME", "countySource", "NAME");
        String no = card(s, "email", email("co"), "name", "Acme AS", "contact", "Kari Nordmann", "county", "Viken");
        String noCountry = s.owner().as().body(Map.of("name", "X", "email", email("nc"), "county", "CA")).post(s.erp("/customers"))
                .then().statusCode(201).extract().path("customerNo");
        JsonPath run = run(s, "CUSTOMERS");
        JsonPath c = exported(s, no);
        assertEquals("Acme AS", c.getString("addresses[0].address.company"));
        assertEquals("Kari", c.getString("firstName"));
        assertEquals("Viken", c.getString("addresses[0].address.province"));
        assertNull(c.getString("addresses[0].address.provinceCode"));
        assertEquals(List.of("COUNTRY_REQUIRED"), errorCodes(run));
        assertEquals(noCountry, run.getString("errors[0].recordId"));

        Setup t = setup();
        connect(t, "customerImport", "NONE", "exportCustomersToStore", true, "nameSource", "FIRST_AND_LAST_NAME", "name2Source", "COMPANY_NAME",
                "countySource", "CODE");
        String no2 = card(t, "email", email("co2"), "name", "Kari Nordmann", "name2", "Nordmann Sport AS", "county", "CA", "countryCode", "US");
        run(t, "CUSTOMERS");
        JsonPath c2 = exported(t, no2);
        assertEquals("Nordmann Sport AS", c2.getString("addresses[0].address.company"));
        assertEquals("CA", c2.getString("addresses[0].address.provinceCode"));
    }

    @Test
    @DisplayName("SYNC-11, SYNC-12: existing store customers are found by link, e-mail, then phone; updated only with canUpdateStoreCustomers and only on a real change; an e-mail linked elsewhere is a duplicate")
    void existingCustomersAndDuplicates() {
        Setup s = setup();
        String mail = email("exists");
        String byEmail = customerIn(s, "Old", "Name", mail, "NO");
        String byPhone = customer(s, "Phone", "Person", email("pp"), "22 33 44 55", address("Phone", "Person", null, "NO", null));
        connect(s, "customerImport", "NONE", "exportCustomersToStore", true);
        String cardEmail = card(s, "name", "New Name", "email", mail.toUpperCase());
        String cardPhone = card(s, "name", "Phone Person", "email", email("other"), "phone", "0047 22 33 44 55");
        JsonPath run = run(s, "CUSTOMERS");
        assertEquals(2, run.getInt("counters.linked"));
        assertEquals(0, run.getInt("counters.created"));
        assertEquals(cardEmail, links(s).get(byEmail));
        assertEquals(cardPhone, links(s).get(byPhone));
        assertEquals("Old", storeCustomer(s, byEmail).getString("firstName"), "left alone without canUpdateStoreCustomers");

        connect(s, "customerImport", "NONE", "exportCustomersToStore", true, "canUpdateStoreCustomers", true);
        s.owner().as().body(Map.of("city", "Bergen")).patch(s.erp("/customers/" + cardEmail)).then().statusCode(200);
        JsonPath upd = run(s, "CUSTOMERS");
        assertEquals(1, upd.getInt("counters.updated"));
        JsonPath c = storeCustomer(s, byEmail);
        assertEquals("New", c.getString("firstName"));
        assertEquals("Bergen", c.getString("addresses[0].address.city"));
        long version = c.getLong("version");
        s.owner().as().body(Map.of("blocked", true)).patch(s.erp("/customers/" + cardEmail)).then().statusCode(200);
        JsonPath same = run(s, "CUSTOMERS");
        assertEquals(1, same.getInt("counters.processed"));
        assertEquals(0, same.getInt("counters.updated"), "no mapped field changed: nothing written");
        assertEquals(version, storeCustomer(s, byEmail).getLong("version"));

        // a second ERP customer with the same e-mail as an already linked store customer
        String twin = card(s, "name", "Twin", "email", mail);
        JsonPath dup = run(s, "CUSTOMERS");
        assertEquals(List.of("DUPLICATE"), errorCodes(dup));
        assertEquals(twin, dup.getString("errors[0].recordId"));
        assertFalse(links(s).containsValue(twin));
    }
}
