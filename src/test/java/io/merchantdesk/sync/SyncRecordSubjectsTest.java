package io.merchantdesk.sync;

import static io.merchantdesk.sync.SyncFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.merchantdesk.sync.run.RecordSubjects;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 item 8: skipped, failed and pending records carry what an administrator needs to act on them (the
 * customer's, order's or ERP customer's name, e-mail and the ids to open it), read once per record type for a page.
 */
@QuarkusTest
class SyncRecordSubjectsTest {
    @Inject
    DataSource dataSource;

    private static JsonPath pending(Setup s) {
        return s.owner().as().queryParam("limit", 250).get(s.store("/sync-pending")).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> item(JsonPath page, String recordId) {
        Map<String, Object> found = page.get("items.find { it.recordId == '" + recordId + "' }");
        assertNotNull(found, recordId + " listed in " + page.prettify());
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> subject(JsonPath page, String recordId) {
        return (Map<String, Object>) item(page, recordId).get("subject");
    }

    @Test
    @DisplayName("SYNC-6, SYNC-18 (issue 23): a NO_MATCH skip lists the store customer's id, name, e-mail and phone in the run's records and in /sync-pending")
    void noMatchSkipShowsTheCustomer() {
        Setup s = setup();
        connect(s, "customerImport", "ALL_CUSTOMERS");
        String mail = email("nomatch");
        String id = customer(s, "Nora", "Nomatch", mail, "22 11 00 99", address("Nora", "Nomatch", null, "NO", null));
        JsonPath run = run(s, "CUSTOMERS");
        assertEquals(Map.of("NO_MATCH", 1), run.getMap("skipReasons"));

        JsonPath records = s.owner().as().queryParam("outcome", "SKIPPED").get(s.store("/sync-runs/" + run.getString("id") + "/records"))
                .then().statusCode(200).extract().jsonPath();
        for (Map<String, Object> subject : List.of(subject(records, id), subject(pending(s), id))) {
            assertEquals(Map.of("exists", true, "customerId", id, "name", "Nora Nomatch", "email", mail, "phone", "22 11 00 99"), subject,
                    "exactly the customer's fields, none of the other types' (absent, not null)");
        }
        assertEquals("NO_MATCH", item(pending(s), id).get("code"));
    }

    @Test
    @DisplayName("SYNC-5, SYNC-18 (issue 23): AMBIGUOUS_MATCH failures show the customer (name, e-mail, id) and the order (id, placedAt, total, "
            + "its customer) in the run's embedded errors, /errors and /sync-pending")
    void ambiguousMatchesShowCustomerAndOrder() {
        Setup s = setup();
        card(s, "name", "Twin A", "phone", "23 45 67 89");
        card(s, "name", "Twin B", "phone", "+4723456789");
        connect(s, "customerImport", "ALL_CUSTOMERS", "customerMappingType", "BY_EMAIL_PHONE");
        String mail = email("amb");
        String amb = customer(s, "Cecilie", "Tvilling", mail, null, address("Cecilie", "Tvilling", null, "NO", "23456789"));
        String order = order(s, amb, address("Cecilie", "Tvilling", null, "NO", "23456789"), null);

        JsonPath customers = run(s, "CUSTOMERS");
        assertEquals("AMBIGUOUS_MATCH", customers.getString("errors[0].code"));
        assertEquals(amb, customers.getString("errors[0].subject.customerId"), "the run view's embedded errors carry the subject");
        assertEquals("Cecilie Tvilling", customers.getString("errors[0].subject.name"));
        assertEquals(mail, customers.getString("errors[0].subject.email"));

        JsonPath orders = run(s, "ORDERS");
        assertEquals("AMBIGUOUS_MATCH", orders.getString("errors[0].code"));
        JsonPath errors = s.owner().as().get(s.store("/sync-runs/" + orders.getString("id") + "/errors")).then().statusCode(200)
                .extract().jsonPath();
        for (Map<String, Object> o : List.of(orders.<String, Object>getMap("errors[0].subject"), subject(errors, order))) {
            assertEquals(true, o.get("exists"));
            assertEquals(order, o.get("orderId"));
            assertEquals(amb, o.get("customerId"), "the order's customer, to open it");
            assertEquals("Cecilie Tvilling", o.get("name"));
            assertEquals(mail, o.get("email"));
            assertNotNull(o.get("placedAt"));
            assertEquals(Map.of("amount", "1999.00", "currency", "NOK"), o.get("total"));
            assertFalse(o.containsKey("customerNo"), "no field of another record type");
        }

        JsonPath pending = pending(s);
        assertEquals("Cecilie Tvilling", subject(pending, amb).get("name"));
        assertEquals(order, subject(pending, order).get("orderId"));
        assertEquals(amb, subject(pending, order).get("customerId"));
    }

    @Test
    @DisplayName("SYNC-11, SYNC-18 (issue 23): a skipped ERP customer shows its ERP company, number and name; deleted since, it still lists with its ids and no display fields")
    void erpCustomerAndDeletedCard() {
        Setup s = setup();
        String no = card(s, "name", "Mailless Maker", "phone", "+47 33 44 55 66");
        connect(s, "customerImport", "WITH_ORDER_IMPORT", "exportCustomersToStore", true);
        JsonPath run = run(s, "CUSTOMERS");
        JsonPath records = s.owner().as().get(s.store("/sync-runs/" + run.getString("id") + "/records")).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("NO_VALID_EMAIL", item(records, no).get("code"));
        assertEquals(Map.of("exists", true, "erpCompanyId", s.companyId(), "customerNo", no, "name", "Mailless Maker",
                "phone", "+47 33 44 55 66"), subject(records, no));
        assertEquals(subject(records, no), subject(pending(s), no));

        String etag = s.owner().as().get(s.erp("/customers/" + no)).then().statusCode(200).extract().header("ETag");
        s.owner().as().header("If-Match", etag).delete(s.erp("/customers/" + no)).then().statusCode(204);
        assertEquals(Map.of("exists", false, "erpCompanyId", s.companyId(), "customerNo", no), subject(pending(s), no));
    }

    @Test
    @DisplayName("SYNC-6, SYNC-18 (issue 23): a store customer deleted since still lists in /sync-pending and the run's records, with its id and without display fields")
    void deletedCustomerStillLists() {
        Setup s = setup();
        connect(s, "customerImport", "ALL_CUSTOMERS");
        String id = customerIn(s, "Gone", "Soon", email("gone"), "NO");
        JsonPath run = run(s, "CUSTOMERS");
        String url = s.store("/customers/" + id);
        String etag = s.owner().as().get(url).then().statusCode(200).extract().header("ETag");
        s.owner().as().header("If-Match", etag).delete(url).then().statusCode(204);

        Map<String, Object> gone = Map.of("exists", false, "customerId", id);
        assertEquals(gone, subject(pending(s), id));
        JsonPath records = s.owner().as().get(s.store("/sync-runs/" + run.getString("id") + "/records")).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(gone, subject(records, id));
        assertEquals("NO_MATCH", item(records, id).get("code"));
    }

    @Test
    @DisplayName("issue 23: a page of 50+ pending records of three types reads its subjects in one statement per type, not one per record")
    void subjectsAreReadOnePerTypeForAPage() throws Exception {
        Setup s = setup();
        connect(s, "customerImport", "ALL_CUSTOMERS", "exportCustomersToStore", true);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 50; i++) customers.add(customerIn(s, "Many" + i, "Batch", email("many" + i), "NO"));
        List<String> cards = List.of(card(s, "name", "Card One"), card(s, "name", "Card Two"));
        String order = order(s, customers.get(0), address("Many0", "Batch", null, "NO", null), null);
        run(s, "CUSTOMERS");
        run(s, "ORDERS");

        JsonPath page = pending(s);
        assertEquals(53, page.getList("items").size(), page.getList("items.code").toString());
        for (int i = 0; i < 50; i++) assertEquals("Many" + i + " Batch", subject(page, customers.get(i)).get("name"));
        assertEquals("Card Two", subject(page, cards.get(1)).get("name"));
        assertEquals("Many0 Batch", subject(page, order).get("name"));

        List<RecordSubjects.Key> keys = new ArrayList<>();
        for (Map<String, Object> item : page.<Map<String, Object>>getList("items")) {
            keys.add(new RecordSubjects.Key((String) item.get("recordType"), (String) item.get("recordId")));
        }
        UUID store = UUID.fromString(s.storeId());
        assertEquals(3, statements(c -> RecordSubjects.read(c, store, keys)), "one read per record type");
        List<RecordSubjects.Key> onlyCustomers = keys.stream().filter(k -> k.type().equals("CUSTOMER")).toList();
        assertEquals(50, onlyCustomers.size());
        assertEquals(1, statements(c -> RecordSubjects.read(c, store, onlyCustomers)), "50 customers: one statement");
        assertEquals(0, statements(c -> RecordSubjects.read(c, store, List.of())), "an empty page reads nothing");
    }

    interface Work {
        void run(Connection c) throws Exception;
    }

    /** The statements prepared on a connection while {@code work} runs on it. */
    private int statements(Work work) throws Exception {
        AtomicInteger count = new AtomicInteger();
        try (Connection real = dataSource.getConnection()) {
            InvocationHandler counting = (proxy, method, args) -> {
                if (method.getName().equals("prepareStatement") || method.getName().equals("createStatement")
                        || method.getName().equals("prepareCall")) count.incrementAndGet();
                try {
                    return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            work.run((Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, counting));
        }
        return count.get();
    }
}
