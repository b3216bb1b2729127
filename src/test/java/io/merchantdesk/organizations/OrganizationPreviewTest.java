package io.merchantdesk.organizations;

import static io.merchantdesk.organizations.OrgFixtures.*;
import static io.merchantdesk.support.Stores.*;
import static org.hamcrest.Matchers.*;

import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ORG-8 review-then-confirm when billing is not set up yet: preview answers eligibility, confirm needs a payment method. */
@QuarkusTest
class OrganizationPreviewTest {

    @Test
    @DisplayName("ORG-8 preview without paymentMethodId answers eligibility and effects, says billing is still to be chosen, changes nothing")
    void org8_previewWithoutBilling() {
        var alice = Api.user("alice");
        var clerk = Api.user("clerk");
        String a1 = store(alice);
        String a2 = store(alice);
        staff(alice, a1, clerk, "MANAGE_ORDERS", "MANAGE_STAFF");
        alice.as().body(Map.of("storeIds", List.of(a1, a2))).post("/organizations/previews").then().statusCode(200)
                .body("eligible", equalTo(true))
                .body("billingChosen", equalTo(false))
                .body("billingCurrency", equalTo("USD"))
                .body("stores.eligible", contains(true, true))
                .body("effects.permissionRemovals.permission", contains("MANAGE_STAFF"))
                .body("effects.billingPaymentMethods.primary", nullValue())
                .body("effects.paymentMethodsRemoved", empty())
                .body("paymentMethodChoices", empty());
        // With payment methods on the stores, the preview lists them as the choices; nothing is removed until one is chosen.
        String pm1 = card(alice, a1);
        String pm2 = card(alice, a2);
        alice.as().body(Map.of("storeIds", List.of(a1, a2))).post("/organizations/previews").then().statusCode(200)
                .body("billingChosen", equalTo(false))
                .body("paymentMethodChoices.id", contains(pm1, pm2))
                .body("effects.paymentMethodsRemoved", empty());
        // Choosing one makes billing part of the preview again.
        alice.as().body(Map.of("storeIds", List.of(a1, a2), "paymentMethodId", pm1)).post("/organizations/previews").then().statusCode(200)
                .body("billingChosen", equalTo(true))
                .body("effects.billingPaymentMethods.primary.id", equalTo(pm1))
                .body("effects.paymentMethodsRemoved.id", contains(pm2));
        alice.as().get("/stores/" + a1).then().body("organizationId", nullValue());
        alice.as().get("/stores/" + a1 + "/staff").then().body("items[0].permissions", hasItem("MANAGE_STAFF"));
    }

    @Test
    @DisplayName("ORG-2 ORG-3 ORG-4 preview without billing still reports every ineligible store, without revealing foreign ones")
    void previewWithoutBillingReportsIneligibleStores() {
        var alice = Api.user("alice");
        var bob = Api.user("bob");
        String usd = store(alice, "USD", "GROW");
        String cad = store(alice, "CAD", "GROW");
        String inr = store(alice, "INR", "GROW");
        String foreign = store(bob, "CAD", "GROW");
        alice.as().body(Map.of("storeIds", List.of(foreign, usd, cad, inr))).post("/organizations/previews").then().statusCode(200)
                .body("eligible", equalTo(false))
                .body("billingChosen", equalTo(false))
                // the currency comes from the first store the caller owns, never from a foreign one
                .body("billingCurrency", equalTo("USD"))
                .body("stores[0].reasons.code", contains("STORE_NOT_FOUND"))
                .body("stores[1].eligible", equalTo(true))
                .body("stores[2].reasons.code", contains("CURRENCY_MISMATCH"))
                .body("stores[3].reasons.code", hasItems("CURRENCY_NOT_SUPPORTED", "CURRENCY_MISMATCH"));
    }

    @Test
    @DisplayName("ORG-8 confirm without paymentMethodId is a 400 naming paymentMethodId; backups without a primary are a 422")
    void confirmStillRequiresPaymentMethod() {
        var alice = Api.user("alice");
        String a1 = store(alice);
        String a2 = store(alice);
        String pm = card(alice, a1);
        alice.as().body(Map.of("name", Api.unique("org"), "storeIds", List.of(a1, a2))).post("/organizations").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", contains("paymentMethodId"))
                .body("errors[0].message", containsString("required to create an organization"));
        alice.as().body(Map.of("storeIds", List.of(a1, a2), "backupPaymentMethodIds", List.of(pm))).post("/organizations/previews")
                .then().statusCode(422).body("code", equalTo("PAYMENT_METHOD_NOT_IN_STORES"))
                .body("errors.field", hasItem("paymentMethodId"));
        alice.as().get("/stores/" + a1).then().body("organizationId", nullValue());
        // The preview's body with a payment method added creates the organization.
        alice.as().body(Map.of("name", Api.unique("org"), "storeIds", List.of(a1, a2), "paymentMethodId", pm)).post("/organizations")
                .then().statusCode(201).body("organization.billingPaymentMethods.primary.id", equalTo(pm));
    }
}
