package io.merchantdesk.sync;

import static org.hamcrest.Matchers.equalTo;

import io.merchantdesk.support.Api;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builders for ERP companies, cards, templates, connections, store customers and orders, all through the API. */
final class SyncFixtures {
    private SyncFixtures() {}

    /** A store, its ERP company with a complete RETAIL template, and a default connection. */
    record Setup(Api.User owner, String storeId, String companyId) {
        String store(String path) {
            return "/stores/" + storeId + path;
        }

        String erp(String path) {
            return "/erp-companies/" + companyId + path;
        }
    }

    static Setup setup() {
        Api.User owner = Api.user("sync-owner");
        String storeId = owner.as().body(Map.of("name", Api.unique("store"), "billingCurrency", "NOK", "plan", "GROW"))
                .post("/stores").then().statusCode(201).extract().path("id");
        String companyId = owner.as().body(Map.of("name", Api.unique("erp"))).post("/erp-companies")
                .then().statusCode(201).extract().path("id");
        Setup s = new Setup(owner, storeId, companyId);
        template(s, "RETAIL", "DOMESTIC", "DOMESTIC", "DOMESTIC", null);
        return s;
    }

    static void template(Setup s, String code, String genBus, String custPosting, String vatBus, String taxArea) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("genBusPostingGroup", genBus);
        body.put("customerPostingGroup", custPosting);
        body.put("vatBusPostingGroup", vatBus);
        body.put("taxAreaCode", taxArea);
        body.values().removeIf(java.util.Objects::isNull); // a field without a value is left out, as the document says
        body.put("paymentTermsCode", "14D");
        body.put("pricesIncludingVat", true);
        s.owner().as().body(body).post(s.erp("/customer-templates")).then().statusCode(201);
    }

    /** Settings over the defaults; the ERP company is always the setup's. */
    static JsonPath connect(Setup s, Object... keyValues) {
        Map<String, Object> body = new HashMap<>();
        body.put("erpCompanyId", s.companyId());
        for (int i = 0; i < keyValues.length; i += 2) body.put((String) keyValues[i], keyValues[i + 1]);
        // replacing an existing connection needs its ETag (428 without it)
        var current = s.owner().as().get(s.store("/erp-connection"));
        var put = s.owner().as().body(body);
        if (current.statusCode() == 200) put.header("If-Match", current.header("ETag"));
        return put.put(s.store("/erp-connection")).then().statusCode(200).extract().jsonPath();
    }

    static String card(Setup s, Object... keyValues) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Card " + Api.unique("n"));
        body.put("countryCode", "NO");
        body.put("templateCode", "RETAIL");
        for (int i = 0; i < keyValues.length; i += 2) body.put((String) keyValues[i], keyValues[i + 1]);
        return s.owner().as().body(body).post(s.erp("/customers")).then().statusCode(201).extract().path("customerNo");
    }

    static Map<String, Object> address(String first, String last, String company, String country, String phone) {
        Map<String, Object> a = new HashMap<>();
        a.put("firstName", first);
        a.put("lastName", last);
        if (company != null) a.put("company", company);
        a.put("address1", "Karl Johans gate 1");
        a.put("city", "Oslo");
        a.put("countryCode", country);
        a.put("zip", "0154");
        if (phone != null) a.put("phone", phone);
        return a;
    }

    /** A store customer; address null means none. */
    static String customer(Setup s, String first, String last, String email, String phone, Map<String, Object> address) {
        Map<String, Object> body = new HashMap<>();
        body.put("firstName", first);
        body.put("lastName", last);
        if (email != null) body.put("email", email);
        if (phone != null) body.put("phone", phone);
        if (address != null) body.put("addresses", List.of(Map.of("address", address, "isDefault", true)));
        return s.owner().as().body(body).post(s.store("/customers")).then().statusCode(201).extract().path("id");
    }

    /** A store customer without a phone whose one (default) address, in the country, bears their name. */
    static String customerIn(Setup s, String first, String last, String email, String country) {
        return customer(s, first, last, email, null, address(first, last, null, country, null));
    }

    /**
     * SYNC-7 set-up: ALL_CUSTOMERS import from RETAIL, but customers in Sweden (SE) get the template HALF, which
     * lacks the customer and VAT posting groups; returns a Swedish store customer (Sven Svensson).
     */
    static String swedeOnIncompleteTemplate(Setup s) {
        template(s, "HALF", "DOMESTIC", null, null, null);
        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL");
        s.owner().as().body(Map.of("customerTemplateCode", "HALF")).put(s.store("/erp-connection/customer-templates/SE")).then().statusCode(200);
        return customerIn(s, "Sven", "Svensson", email("sven"), "SE");
    }

    static String order(Setup s, String customerId, Map<String, Object> billTo, Map<String, Object> shipTo) {
        Map<String, Object> body = new HashMap<>();
        body.put("customerId", customerId);
        body.put("lineItems", List.of(Map.of("title", "Tent", "sku", "T-1", "quantity", 1, "unitPrice", "1999.00")));
        if (billTo != null) body.put("billingAddress", billTo);
        if (shipTo != null) body.put("shippingAddress", shipTo);
        return s.owner().as().body(body).post(s.store("/orders")).then().statusCode(201).extract().path("id");
    }

    static String email(String label) {
        return Api.unique(label) + "@example.no";
    }

    /** Starts a run and waits for its end; returns the finished run. */
    static JsonPath run(Setup s, String kind) {
        return run(s, s.owner(), kind, null);
    }

    static JsonPath run(Setup s, Api.User caller, String kind, Integer batchSize) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        if (batchSize != null) body.put("batchSize", batchSize);
        String id = caller.as().body(body).post(s.store("/sync-runs")).then().statusCode(202)
                .body("kind", equalTo(kind)).extract().path("id");
        return await(s, caller, id);
    }

    static JsonPath await(Setup s, Api.User caller, String runId) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonPath run = caller.as().get(s.store("/sync-runs/" + runId)).then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(run.getString("status"))) return run;
            if (System.currentTimeMillis() > deadline) throw new AssertionError("run " + runId + " did not finish");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Imported orders by order id. */
    static Map<String, Map<String, Object>> erpOrders(Setup s) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        List<Map<String, Object>> items = s.owner().as().queryParam("limit", 250).get(s.store("/erp-orders"))
                .then().statusCode(200).extract().jsonPath().getList("items");
        for (Map<String, Object> o : items) out.put((String) o.get("orderId"), o);
        return out;
    }

    static Map<String, String> links(Setup s) {
        Map<String, String> out = new HashMap<>();
        List<Map<String, Object>> items = s.owner().as().queryParam("limit", 250).get(s.store("/customer-links"))
                .then().statusCode(200).extract().jsonPath().getList("items");
        for (Map<String, Object> l : items) out.put((String) l.get("customerId"), (String) l.get("customerNo"));
        return out;
    }

    static List<Map<String, Object>> erpCustomers(Setup s) {
        return new ArrayList<>(s.owner().as().queryParam("limit", 250).get(s.erp("/customers"))
                .then().statusCode(200).extract().jsonPath().getList("items"));
    }

    static JsonPath erpCustomer(Setup s, String no) {
        return s.owner().as().get(s.erp("/customers/" + no)).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath storeCustomer(Setup s, String id) {
        return s.owner().as().get(s.store("/customers/" + id)).then().statusCode(200).extract().jsonPath();
    }

    static List<String> errorCodes(JsonPath run) {
        return run.getList("errors.code");
    }
}
