package io.merchantdesk.sync;

import static io.merchantdesk.sync.SyncFixtures.*;
import static org.hamcrest.Matchers.*;

import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The built-in ERP register and the connection settings: ownership, number series, templates, validation. */
@QuarkusTest
class ErpRegisterTest {

    @Test
    @DisplayName("ERP customer cards get numbers from the series (C00010, C00011…), skip numbers typed by hand, and normalise e-mail and phone")
    void numberSeries() {
        Setup s = setup();
        s.owner().as().body(Map.of("name", "Typed", "customerNo", "C00011", "countryCode", "NO")).post(s.erp("/customers"))
                .then().statusCode(201).body("customerNo", equalTo("C00011"));
        String first = card(s, "email", " Kari@Example.NO ", "phone", "22 33 44 55");
        String second = card(s);
        org.junit.jupiter.api.Assertions.assertEquals("C00010", first);
        org.junit.jupiter.api.Assertions.assertEquals("C00012", second);
        s.owner().as().get(s.erp("/customers/" + first)).then().body("phoneE164", equalTo("+4722334455"))
                .body("genBusPostingGroup", equalTo("DOMESTIC")).body("pricesIncludingVat", equalTo(true))
                .body("templateCode", equalTo("RETAIL"));
        s.owner().as().body(Map.of("name", "Dup", "customerNo", "C00011")).post(s.erp("/customers"))
                .then().statusCode(409).body("code", equalTo("ERP_CUSTOMER_NO_TAKEN"));
        s.owner().as().header("If-Match", "\"0\"").body(Map.of("city", "Bergen")).patch(s.erp("/customers/" + first))
                .then().statusCode(200).body("city", equalTo("Bergen")).header("ETag", notNullValue());
        s.owner().as().header("If-Match", "\"0\"").body(Map.of("city", "Oslo")).patch(s.erp("/customers/" + first))
                .then().statusCode(412);
        s.owner().as().delete(s.erp("/customers/" + second)).then().statusCode(204);
        s.owner().as().get(s.erp("/customers/" + second)).then().statusCode(404);
    }

    @Test
    @DisplayName("SYNC-7: creating a card from a template without posting groups fails naming the missing fields")
    void incompleteTemplate() {
        Setup s = setup();
        template(s, "BARE", null, "DOMESTIC", null, null);
        s.owner().as().get(s.erp("/customer-templates/BARE")).then().statusCode(200)
                .body("missingFields", hasItems("genBusPostingGroup", "vatBusPostingGroup or taxAreaCode"));
        s.owner().as().body(Map.of("name", "X", "templateCode", "BARE")).post(s.erp("/customers"))
                .then().statusCode(422).body("code", equalTo("ERP_TEMPLATE_INCOMPLETE"))
                .body("detail", containsString("genBusPostingGroup"));
        s.owner().as().body(Map.of("code", "BARE")).post(s.erp("/customer-templates")).then().statusCode(409);
        Map<String, Object> full = new HashMap<>(Map.of("genBusPostingGroup", "EU", "customerPostingGroup", "EU", "taxAreaCode", "TAX1"));
        s.owner().as().body(full).put(s.erp("/customer-templates/BARE")).then().statusCode(200).body("missingFields", empty());
        s.owner().as().queryParam("limit", 1).get(s.erp("/customer-templates")).then().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", notNullValue());
    }

    @Test
    @DisplayName("ERP companies are owned like stores: another user gets 404 on the company, its cards and templates, and cannot connect a store to it")
    void crossTenant() {
        Setup s = setup();
        String no = card(s);
        Api.User stranger = Api.user("stranger");
        stranger.as().get(s.erp("")).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        stranger.as().get(s.erp("/customers/" + no)).then().statusCode(404);
        stranger.as().get(s.erp("/customer-templates")).then().statusCode(404);
        stranger.as().body(Map.of("name", "x")).post(s.erp("/customers")).then().statusCode(404);
        stranger.as().get("/erp-companies").then().statusCode(200).body("items", empty());
        // a stranger's store cannot connect to this company, and this store's settings are invisible to him
        String hisStore = stranger.as().body(Map.of("name", Api.unique("store"), "billingCurrency", "NOK", "plan", "GROW"))
                .post("/stores").then().statusCode(201).extract().path("id");
        stranger.as().body(Map.of("erpCompanyId", s.companyId())).put("/stores/" + hisStore + "/erp-connection").then().statusCode(404);
        connect(s);
        stranger.as().get(s.store("/erp-connection")).then().statusCode(404);
        stranger.as().get(s.store("/sync-runs")).then().statusCode(404);
        stranger.as().body(Map.of("kind", "CUSTOMERS")).post(s.store("/sync-runs")).then().statusCode(404);
        stranger.as().get(s.store("/customer-links")).then().statusCode(404);
        stranger.as().get(s.store("/erp-orders")).then().statusCode(404);
        stranger.as().body(Map.of()).put(s.store("/erp-connection/customer-templates/NO")).then().statusCode(404);
        // staff without MANAGE_ERP_SYNC: 403
        Api.User clerk = Api.user("clerk");
        s.owner().as().body(Map.of("permissions", java.util.List.of("MANAGE_ORDERS"))).put(s.store("/staff/" + clerk.id())).then().statusCode(200);
        clerk.as().get(s.store("/erp-connection")).then().statusCode(403);
        clerk.as().body(Map.of("kind", "ORDERS")).post(s.store("/sync-runs")).then().statusCode(403);
    }

    @Test
    @DisplayName("SYNC-10: connection and per-country rows are validated (ISO 3166-1 alpha-2, existing template codes and customer numbers, contact source)")
    void validation() {
        Setup s = setup();
        s.owner().as().body(Map.of("erpCompanyId", s.companyId(), "customerTemplateCode", "NOPE", "defaultCustomerNo", "C99999",
                        "contactSource", "COMPANY_NAME", "scheduleCron", "every minute"))
                .put(s.store("/erp-connection")).then().statusCode(400)
                .body("errors.field", hasItems("customerTemplateCode", "defaultCustomerNo", "contactSource", "scheduleCron"));
        s.owner().as().body(Map.of()).put(s.store("/erp-connection/customer-templates/NO")).then().statusCode(422)
                .body("code", equalTo("SYNC_NOT_CONNECTED"));
        String no = card(s);
        connect(s, "customerTemplateCode", "RETAIL", "defaultCustomerNo", no, "scheduleCron", "0 0/15 * * * ?");
        s.owner().as().get(s.store("/erp-connection")).then().statusCode(200).body("customerImport", equalTo("WITH_ORDER_IMPORT"))
                .body("customerMappingType", equalTo("BY_EMAIL_PHONE")).body("defaultCustomerNo", equalTo(no));
        s.owner().as().body(Map.of("customerTemplateCode", "NOPE", "defaultCustomerNo", "C99999"))
                .put(s.store("/erp-connection/customer-templates/XX")).then().statusCode(400)
                .body("errors.field", hasItems("countryCode", "customerTemplateCode", "defaultCustomerNo"));
        s.owner().as().body(Map.of("customerTemplateCode", "RETAIL", "pricesIncludingVat", true, "vatBusPostingGroup", "EU"))
                .put(s.store("/erp-connection/customer-templates/US")).then().statusCode(200).body("countryCode", equalTo("US"));
        s.owner().as().queryParam("stateCode", "CA").body(Map.of("defaultCustomerNo", no))
                .put(s.store("/erp-connection/customer-templates/US")).then().statusCode(200).body("stateCode", equalTo("CA"));
        s.owner().as().get(s.store("/erp-connection/customer-templates")).then().statusCode(200).body("items", hasSize(2));
        s.owner().as().queryParam("stateCode", "CA").delete(s.store("/erp-connection/customer-templates/US")).then().statusCode(204);
        s.owner().as().get(s.store("/erp-connection/customer-templates/US")).then().statusCode(200).body("stateCode", equalTo(""));
    }
}
