package io.merchantdesk.organizations;

import static io.merchantdesk.organizations.OrgFixtures.*;
import static io.merchantdesk.support.Stores.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrganizationRulesTest {

    @Test
    @DisplayName("ORG-1 an organization starts with at least two stores")
    void org1_atLeastTwoStores() {
        var alice = Api.user("alice");
        String a1 = store(alice);
        String pm = card(alice, a1);
        alice.as().body(orgBody(pm, a1)).post("/organizations")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("ORG_TOO_FEW_STORES")).body("errors[0].field", equalTo("storeIds"));
        alice.as().body(Map.of("name", "x", "storeIds", List.of(), "paymentMethodId", pm)).post("/organizations/previews")
                .then().statusCode(422).body("code", equalTo("ORG_TOO_FEW_STORES"));
        alice.as().get("/stores/" + a1).then().body("organizationId", nullValue());
    }

    @Test
    @DisplayName("ORG-2 the requester must own every store; foreign stores are not revealed; nothing changes")
    void org2_requesterOwnsEveryStore() {
        var alice = Api.user("alice");
        var bob = Api.user("bob");
        var carol = Api.user("carol");
        String a1 = store(alice);
        String b1 = store(bob);
        staff(bob, b1, alice, "MANAGE_ORDERS");
        String c1 = store(carol);
        String pm = card(alice, a1);
        alice.as().body(orgBody(pm, a1, b1, c1)).post("/organizations/previews").then().statusCode(200)
                .body("eligible", equalTo(false))
                .body("stores[0].eligible", equalTo(true))
                .body("stores[1].reasons.code", contains("NOT_OWNER"))
                .body("stores[1].reasons[0].rule", equalTo("ORG-2"))
                .body("stores[2].reasons.code", contains("STORE_NOT_FOUND"))
                .body("stores[2].storeName", nullValue());
        alice.as().body(orgBody(pm, a1, b1)).post("/organizations").then().statusCode(422)
                .body("code", equalTo("ORGANIZATION_NOT_ELIGIBLE"))
                .body("errors[0].field", equalTo("storeIds[1]"))
                .body("errors[0].message", startsWith("NOT_OWNER"));
        alice.as().get("/stores/" + a1).then().body("organizationId", nullValue());
        alice.as().get("/stores/" + a1 + "/payment-methods").then().body("id", contains(pm));
    }

    @Test
    @DisplayName("ORG-3 all stores bill in the organization's currency (USD organization, CAD store rejected)")
    void org3_sameCurrency() {
        var alice = Api.user("alice");
        String usd1 = store(alice, "USD", "GROW");
        String usd2 = store(alice, "USD", "GROW");
        String cad = store(alice, "CAD", "GROW");
        String pm = card(alice, usd1);
        alice.as().body(orgBody(pm, usd1, usd2, cad)).post("/organizations/previews").then().statusCode(200)
                .body("billingCurrency", equalTo("USD"))
                .body("stores[2].reasons.code", contains("CURRENCY_MISMATCH"))
                .body("stores[2].reasons[0].message", containsString("CAD"));
        alice.as().body(orgBody(pm, usd1, cad)).post("/organizations").then().statusCode(422)
                .body("errors[0].message", startsWith("CURRENCY_MISMATCH (ORG-3)"));
        // Grouping a CAD store into an existing USD organization is refused too.
        String org = alice.as().body(orgBody(pm, usd1, usd2)).post("/organizations").then().statusCode(201)
                .body("organization.billingCurrency", equalTo("USD")).extract().path("organization.id");
        alice.as().body(Map.of("storeId", cad)).post("/organizations/" + org + "/stores").then().statusCode(422)
                .body("errors[0].message", startsWith("CURRENCY_MISMATCH"));
    }

    @Test
    @DisplayName("ORG-4 INR stores cannot form or join an organization")
    void org4_inrExcluded() {
        var alice = Api.user("alice");
        String inr1 = store(alice, "INR", "GROW");
        String inr2 = store(alice, "INR", "GROW");
        String pm = card(alice, inr1);
        alice.as().body(orgBody(pm, inr1, inr2)).post("/organizations/previews").then().statusCode(200)
                .body("eligible", equalTo(false))
                .body("stores[0].reasons.code", contains("CURRENCY_NOT_SUPPORTED"))
                .body("stores[1].reasons.code", contains("CURRENCY_NOT_SUPPORTED"));
        alice.as().body(orgBody(pm, inr1, inr2)).post("/organizations").then().statusCode(422);
        String usd1 = store(alice);
        String usd2 = store(alice);
        String org = organization(alice, usd1, usd2);
        alice.as().body(Map.of("storeId", inr1)).queryParam("dryRun", true).post("/organizations/" + org + "/stores")
                .then().statusCode(200).body("eligible", equalTo(false))
                .body("verdict.reasons.code", hasItems("CURRENCY_NOT_SUPPORTED", "CURRENCY_MISMATCH"));
    }

    @Test
    @DisplayName("ORG-5 the billing currency is set at creation and can never change; stale If-Match is 412")
    void org5_currencyNeverChanges() {
        var alice = Api.user("alice");
        String org = organization(alice, store(alice), store(alice));
        String etag = alice.as().get("/organizations/" + org).then().statusCode(200).extract().header("ETag");
        alice.as().header("If-Match", etag).body(Map.of("billingCurrency", "EUR")).patch("/organizations/" + org)
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("ORG_CURRENCY_IMMUTABLE")).body("errors[0].field", equalTo("billingCurrency"));
        alice.as().get("/organizations/" + org).then().body("billingCurrency", equalTo("USD"));
        alice.as().header("If-Match", etag).body(Map.of("name", "Renamed")).patch("/organizations/" + org)
                .then().statusCode(200).body("name", equalTo("Renamed"));
        alice.as().header("If-Match", etag).body(Map.of("name", "Again")).patch("/organizations/" + org)
                .then().statusCode(412).body("code", equalTo("PRECONDITION_FAILED"));
    }

    @Test
    @DisplayName("ORG-6 only the organization owner groups and removes stores; strangers get 404")
    void org6_onlyOwnerGroupsAndRemoves() {
        var alice = Api.user("alice");
        var admin = Api.user("admin");
        var stranger = Api.user("stranger");
        var grouped = grouped(alice, 2);
        String org = grouped.id(), a1 = grouped.store(0);
        member(alice, org, admin, "ADMIN");
        String adminStore = store(admin);
        admin.as().body(Map.of("storeId", adminStore)).post("/organizations/" + org + "/stores")
                .then().statusCode(403).body("code", equalTo("ORGANIZATION_OWNER_REQUIRED"));
        admin.as().delete("/organizations/" + org + "/stores/" + a1).then().statusCode(403);
        stranger.as().body(Map.of("storeId", store(stranger))).post("/organizations/" + org + "/stores").then().statusCode(404);
        stranger.as().get("/organizations/" + org).then().statusCode(404);
        stranger.as().delete("/organizations/" + org + "/stores/" + a1).then().statusCode(404);
        alice.as().get("/organizations/" + org).then().body("storeIds", hasSize(2));
    }

    @Test
    @DisplayName("ORG-7 stores of a non-Plus organization cannot be grouped into a Plus organization")
    void org7_nonPlusIntoPlus() {
        var alice = Api.user("alice");
        String plusOrg = organization(alice, store(alice, "USD", "PLUS"), store(alice, "USD", "PLUS"));
        alice.as().get("/organizations/" + plusOrg).then().body("plus", equalTo(true));
        String plusStoreInBasicOrg = store(alice, "USD", "PLUS");
        String basicOrg = organization(alice, plusStoreInBasicOrg, store(alice, "USD", "BASIC"));
        alice.as().get("/organizations/" + basicOrg).then().body("plus", equalTo(false));
        alice.as().body(Map.of("storeId", plusStoreInBasicOrg)).post("/organizations/" + plusOrg + "/stores")
                .then().statusCode(422).body("errors[0].message", startsWith("NON_PLUS_ORGANIZATION_STORE (ORG-7)"));
        alice.as().get("/stores/" + plusStoreInBasicOrg).then().body("organizationId", equalTo(basicOrg));
        // A Plus organization's stores stay where they are too.
        String plusStore = alice.as().get("/organizations/" + plusOrg).then().extract().path("storeIds[0]");
        alice.as().body(Map.of("storeId", plusStore)).queryParam("dryRun", true).post("/organizations/" + basicOrg + "/stores")
                .then().statusCode(200).body("verdict.reasons.code", contains("ALREADY_IN_PLUS_ORGANIZATION"));
    }

    @Test
    @DisplayName("ORG-8 preview lists every effect and changes nothing; confirm applies it atomically")
    void org8_previewThenConfirm() {
        var alice = Api.user("alice");
        var clerk = Api.user("clerk");
        String a1 = store(alice);
        String a2 = store(alice);
        staff(alice, a1, clerk, "MANAGE_ORDERS", "MANAGE_STAFF", "VIEW_BILLS");
        String pm = card(alice, a1);
        String backup = alice.as().body(Map.of("type", "PAYPAL", "label", "PayPal ada@example.com", "primary", false))
                .post("/stores/" + a1 + "/payment-methods").then().statusCode(201).extract().path("id");
        String other = card(alice, a2);
        Map<String, Object> body = Map.of("name", Api.unique("org"), "storeIds", List.of(a1, a2), "paymentMethodId", pm,
                "backupPaymentMethodIds", List.of(backup));
        alice.as().body(body).post("/organizations/previews").then().statusCode(200)
                .body("eligible", equalTo(true))
                .body("effects.permissionRemovals.permission", containsInAnyOrder("MANAGE_STAFF", "VIEW_BILLS"))
                .body("effects.permissionRemovals.userId", everyItem(equalTo(clerk.id())))
                .body("effects.billingPaymentMethods.primary.id", equalTo(pm))
                .body("effects.billingPaymentMethods.backups.id", contains(backup))
                .body("effects.paymentMethodsRemoved.id", contains(other));
        // Nothing changed by the preview.
        alice.as().get("/stores/" + a1 + "/staff").then().body("items[0].permissions", hasItems("MANAGE_STAFF", "VIEW_BILLS"));
        alice.as().get("/stores/" + a2 + "/payment-methods").then().body("id", contains(other));
        String key = Api.unique("idem");
        String orgId = alice.as().header("Idempotency-Key", key).body(body).post("/organizations").then().statusCode(201)
                .body("removedPermissions", hasSize(2))
                .body("organization.storeIds", containsInAnyOrder(a1, a2))
                .body("organization.billingPaymentMethods.primary.id", equalTo(pm))
                .extract().path("organization.id");
        // A retried confirm returns the same organization rather than failing or creating another.
        alice.as().header("Idempotency-Key", key).body(body).post("/organizations").then().statusCode(201)
                .body("organization.id", equalTo(orgId));
        alice.as().get("/organizations").then().body("items.id", hasItem(orgId));
        alice.as().get("/stores/" + a1 + "/staff").then().body("items[0].permissions", contains("MANAGE_ORDERS"));
    }

    @Test
    @DisplayName("ORG-9 a store added to an organization adopts its billing payment methods")
    void org9_adoptsPaymentMethods() {
        var alice = Api.user("alice");
        String org = organization(alice, store(alice), store(alice));
        String orgPm = alice.as().get("/organizations/" + org).then().extract().path("billingPaymentMethods.primary.id");
        String a3 = store(alice);
        String own = card(alice, a3);
        alice.as().body(Map.of("storeId", a3)).queryParam("dryRun", true).post("/organizations/" + org + "/stores")
                .then().statusCode(200).body("dryRun", equalTo(true)).body("eligible", equalTo(true))
                .body("effects.paymentMethodsRemoved.id", contains(own))
                .body("effects.billingPaymentMethods.primary.id", equalTo(orgPm));
        alice.as().get("/stores/" + a3).then().body("organizationId", nullValue());
        alice.as().body(Map.of("storeId", a3)).post("/organizations/" + org + "/stores")
                .then().statusCode(200).body("store.organizationId", equalTo(org));
        alice.as().get("/stores/" + a3 + "/payment-methods").then().statusCode(200).body("id", contains(orgPm));
        alice.as().body(Map.of("type", "CARD", "label", "x", "primary", true)).post("/stores/" + a3 + "/payment-methods")
                .then().statusCode(422).body("code", equalTo("STORE_BILLED_BY_ORGANIZATION"));
        alice.as().body(Map.of("storeId", a3)).post("/organizations/" + org + "/stores")
                .then().statusCode(409).body("code", equalTo("STORE_ALREADY_IN_ORGANIZATION"));
    }

    @Test
    @DisplayName("ORG-10 a removed store keeps its owner, loses billing methods and needs billing setup")
    void org10_removeStore() {
        var alice = Api.user("alice");
        var grouped = grouped(alice, 3);
        String org = grouped.id(), a1 = grouped.store(0), a2 = grouped.store(1), a3 = grouped.store(2);
        alice.as().get("/stores/" + a2).then().body("needsBillingSetup", equalTo(false));
        alice.as().delete("/organizations/" + org + "/stores/" + a2).then().statusCode(200)
                .body("store.organizationId", nullValue())
                .body("store.ownerId", equalTo(alice.id()))
                .body("store.needsBillingSetup", equalTo(true))
                .body("organizationDeleted", equalTo(false));
        alice.as().get("/stores/" + a2 + "/payment-methods").then().statusCode(200).body("$", empty());
        alice.as().get("/organizations/" + org).then().body("storeIds", containsInAnyOrder(a1, a3));
        alice.as().delete("/organizations/" + org + "/stores/" + a2).then().statusCode(404);
        // Setting up billing again clears the flag.
        card(alice, a2);
        alice.as().get("/stores/" + a2).then().body("needsBillingSetup", equalTo(false));
    }

    @Test
    @DisplayName("ORG-11 removing or transferring the only store deletes the organization")
    void org11_lastStoreDeletesOrganization() {
        var alice = Api.user("alice");
        var bob = Api.user("bob");
        var grouped = grouped(alice, 2);
        String org = grouped.id(), a1 = grouped.store(0), a2 = grouped.store(1);
        alice.as().delete("/organizations/" + org + "/stores/" + a1).then().statusCode(200).body("organizationDeleted", equalTo(false));
        alice.as().body(Map.of("newOwnerId", bob.id())).post("/stores/" + a2 + "/ownership-transfers").then().statusCode(200)
                .body("organizationDeleted", equalTo(true)).body("store.ownerId", equalTo(bob.id()));
        alice.as().get("/organizations/" + org).then().statusCode(404);

        var second = grouped(alice, 2);
        String org2 = second.id(), b1 = second.store(0), b2 = second.store(1);
        alice.as().delete("/organizations/" + org2 + "/stores/" + b1).then().statusCode(200);
        alice.as().delete("/organizations/" + org2 + "/stores/" + b2).then().statusCode(200).body("organizationDeleted", equalTo(true));
        alice.as().get("/organizations/" + org2).then().statusCode(404);
    }

    @Test
    @DisplayName("ORG-12 a transferred or moved store keeps store-level permissions and loses the old organization's")
    void org12_permissionsOnTransferAndMove() {
        var alice = Api.user("alice");
        var bob = Api.user("bob");
        var clerk = Api.user("clerk");
        var viewer = Api.user("viewer");
        var grouped = grouped(alice, 3);
        String org = grouped.id(), a1 = grouped.store(0), a2 = grouped.store(1), a3 = grouped.store(2);
        staff(alice, a1, clerk, "MANAGE_ORDERS", "VIEW_PAYMENT_PAYOUTS");
        member(alice, org, viewer, "MEMBER", "ORGANIZATION_VIEW_STORES");
        alice.as().body(Map.of("newOwnerId", bob.id())).post("/stores/" + a1 + "/ownership-transfers").then().statusCode(200)
                .body("store.organizationId", nullValue())
                .body("removedPermissions.userId", contains(viewer.id()))
                .body("removedPermissions[0].permission", equalTo("ORGANIZATION_VIEW_STORES"))
                .body("removedPermissions[0].reason", equalTo("STORE_LEFT_ORGANIZATION"));
        bob.as().get("/stores/" + a1 + "/staff").then().statusCode(200)
                .body("items[0].userId", equalTo(clerk.id()))
                .body("items[0].permissions", containsInAnyOrder("MANAGE_ORDERS", "VIEW_PAYMENT_PAYOUTS"));
        alice.as().get("/stores/" + a1).then().statusCode(404);
        alice.as().get("/organizations/" + org + "/permission-changes").then().statusCode(200)
                .body("items.userId", hasItem(viewer.id()))
                .body("items.storeId", hasItem(a1))
                .body("items[0].changedBy", equalTo(alice.id()));

        // Moving a store to another organization the requester owns.
        String org2 = grouped(alice, 2).id();
        alice.as().body(Map.of("storeId", a2)).post("/organizations/" + org2 + "/stores").then().statusCode(200)
                .body("effects.permissionRemovals.userId", hasItem(viewer.id()))
                .body("store.organizationId", equalTo(org2));
        alice.as().get("/organizations/" + org).then().body("storeIds", contains(a3));
    }

    @Test
    @DisplayName("ORG-13 user management becomes organization-level when an organization is created")
    void org13_userManagementMoves() {
        var alice = Api.user("alice");
        var manager = Api.user("manager");
        String a1 = store(alice);
        String a2 = store(alice);
        staff(alice, a2, manager, "MANAGE_STAFF", "MANAGE_CUSTOMERS");
        String pm = card(alice, a1);
        String org = alice.as().body(orgBody(pm, a1, a2)).post("/organizations").then().statusCode(201)
                .body("removedPermissions", hasSize(1))
                .body("removedPermissions[0].permission", equalTo("MANAGE_STAFF"))
                .body("removedPermissions[0].reason", equalTo("ORGANIZATION_CREATED"))
                .extract().path("organization.id");
        alice.as().get("/organizations/" + org + "/permission-changes").then()
                .body("items[0].permission", equalTo("MANAGE_STAFF")).body("items[0].userId", equalTo(manager.id()));
        manager.as().get("/stores/" + a2 + "/staff").then().statusCode(403);
        alice.as().body(Map.of("permissions", List.of("MANAGE_STAFF"))).put("/stores/" + a2 + "/staff/" + manager.id())
                .then().statusCode(422).body("code", equalTo("PERMISSION_IS_ORGANIZATION_LEVEL"));
        // Granted at organization level instead, it works across the organization's stores.
        member(alice, org, manager, "MEMBER", "ORGANIZATION_MANAGE_USERS");
        manager.as().get("/stores/" + a1 + "/staff").then().statusCode(200);
    }

    @Test
    @DisplayName("ORG-14 bills and billing payment methods become organization billing for owner and ADMINs only")
    void org14_financialPermissionsMove() {
        var alice = Api.user("alice");
        var accountant = Api.user("accountant");
        var admin = Api.user("admin");
        var member = Api.user("member");
        String a1 = store(alice);
        String a2 = store(alice);
        staff(alice, a1, accountant, "VIEW_BILLS", "MANAGE_BILLING_PAYMENT_METHODS");
        accountant.as().get("/stores/" + a1 + "/payment-methods").then().statusCode(200);
        String org = organization(alice, a1, a2);
        accountant.as().get("/stores/" + a1 + "/payment-methods").then().statusCode(403);
        alice.as().get("/organizations/" + org + "/permission-changes").then()
                .body("items.permission", containsInAnyOrder("VIEW_BILLS", "MANAGE_BILLING_PAYMENT_METHODS"));
        alice.as().body(Map.of("role", "MEMBER", "permissions", List.of("ORGANIZATION_BILLING")))
                .put("/organizations/" + org + "/members/" + member.id())
                .then().statusCode(422).body("code", equalTo("ORGANIZATION_BILLING_NEEDS_ADMIN"));
        member(alice, org, member, "MEMBER", "ORGANIZATION_VIEW_STORES");
        member(alice, org, admin, "ADMIN");
        admin.as().get("/stores/" + a2 + "/payment-methods").then().statusCode(200).body("$", hasSize(1));
        member.as().get("/stores/" + a2 + "/payment-methods").then().statusCode(403);
        admin.as().body(Map.of("type", "PAYPAL", "label", "Finance PayPal", "primary", false))
                .post("/organizations/" + org + "/payment-methods").then().statusCode(201).body("organizationId", equalTo(org));
        member.as().body(Map.of("type", "PAYPAL", "label", "x", "primary", false))
                .post("/organizations/" + org + "/payment-methods").then().statusCode(403);
    }

    @Test
    @DisplayName("ORG-15 other financial permissions stay store-level inside an organization")
    void org15_storeLevelFinancialPermissionsStay() {
        var alice = Api.user("alice");
        var finance = Api.user("finance");
        String a1 = store(alice);
        String a2 = store(alice);
        List<String> stay = List.of("MANAGE_PLAN", "MANAGE_APP_BILLING", "VIEW_PAYMENT_PAYOUTS", "MANAGE_PAYMENT_SETTINGS",
                "VIEW_BALANCE_ACTIVITY", "VIEW_CREDIT_ACTIVITY");
        staff(alice, a1, finance, stay.toArray(String[]::new));
        String pm = card(alice, a1);
        alice.as().body(orgBody(pm, a1, a2)).post("/organizations").then().statusCode(201).body("removedPermissions", empty());
        alice.as().get("/stores/" + a1 + "/staff").then().body("items[0].permissions", containsInAnyOrder(stay.toArray()));
        staff(alice, a2, finance, stay.toArray(String[]::new));
        // MANAGE_PLAN works on a store of an organization.
        finance.as().body(Map.of("plan", "ADVANCED")).patch("/stores/" + a2).then().statusCode(200).body("plan", equalTo("ADVANCED"));
    }

    @Test
    @DisplayName("ORG-16 outstanding bills below the threshold move with a transfer; at the threshold they are invoiced first")
    void org16_billsMoveWithTransfer() {
        var alice = Api.user("alice");
        var bob = Api.user("bob");
        var operator = Api.user("operator", "platform-admin");
        String small = store(alice);
        operator.as().body(Map.of("amount", "120.50", "description", "Apps")).post("/stores/" + small + "/charges")
                .then().statusCode(200).body("outstandingBalance.amount", equalTo("120.50"));
        alice.as().body(Map.of("amount", "1", "description", "x")).post("/stores/" + small + "/charges").then().statusCode(403);
        alice.as().body(Map.of("newOwnerId", bob.id())).post("/stores/" + small + "/ownership-transfers").then().statusCode(200)
                .body("outstandingBillsMoved.amount", equalTo("120.50"))
                .body("outstandingBillsMoved.currency", equalTo("USD"))
                .body("invoicedToPreviousOwner", nullValue());
        bob.as().get("/stores/" + small).then().body("outstandingBalance.amount", equalTo("120.50")).body("ownerId", equalTo(bob.id()));

        String big = store(alice);
        operator.as().body(Map.of("amount", "650", "description", "Plan")).post("/stores/" + big + "/charges").then().statusCode(200);
        alice.as().body(Map.of("newOwnerId", bob.id())).post("/stores/" + big + "/ownership-transfers").then().statusCode(200)
                .body("invoicedToPreviousOwner.amount", equalTo("650.00"))
                .body("outstandingBillsMoved", nullValue());
        bob.as().get("/stores/" + big).then().body("outstandingBalance.amount", equalTo("0.00"));
        bob.as().body(Map.of("newOwnerId", bob.id())).post("/stores/" + big + "/ownership-transfers").then().statusCode(422)
                .body("code", equalTo("ALREADY_OWNER"));
        alice.as().body(Map.of("newOwnerId", alice.id())).post("/stores/" + big + "/ownership-transfers").then().statusCode(404);
    }

    @Test
    @DisplayName("ORG bad input: unknown currency, store listed twice, wrong plan, foreign payment method")
    void badInput() {
        var alice = Api.user("alice");
        alice.as().body(Map.of("name", "x", "billingCurrency", "XYZ", "plan", "GROW")).post("/stores")
                .then().statusCode(400).body("errors[0].field", equalTo("billingCurrency"));
        alice.as().body(Map.of("name", "x", "billingCurrency", "USD", "plan", "GOLD")).post("/stores")
                .then().statusCode(400).body("code", equalTo("UNKNOWN_ENUM_VALUE")).body("errors[0].field", equalTo("plan"));
        String a1 = store(alice);
        String a2 = store(alice);
        String pm = card(alice, a1);
        alice.as().body(orgBody(pm, a1, a2, a1)).post("/organizations").then().statusCode(400)
                .body("code", equalTo("DUPLICATE_STORE_IDS")).body("errors[0].field", equalTo("storeIds[2]"));
        var bob = Api.user("bob");
        String bobPm = card(bob, store(bob));
        alice.as().body(orgBody(bobPm, a1, a2)).post("/organizations").then().statusCode(422)
                .body("code", equalTo("PAYMENT_METHOD_NOT_IN_STORES")).body("errors[0].field", equalTo("paymentMethodId"));
        alice.as().body(Map.of("name", "x", "storeIds", List.of("not-a-uuid"), "paymentMethodId", pm)).post("/organizations")
                .then().statusCode(400).body("errors[0].field", containsString("storeIds"));
        alice.as().get("/stores/" + a1).then().body("organizationId", nullValue());
    }

    @Test
    @DisplayName("ORG cross-tenant: users see only their stores and organizations")
    void crossTenant() {
        var alice = Api.user("alice");
        var bob = Api.user("bob");
        var grouped = grouped(alice, 2);
        String org = grouped.id(), a1 = grouped.store(0);
        bob.as().get("/stores/" + a1).then().statusCode(404);
        bob.as().patch("/stores/" + a1).then().statusCode(400);
        bob.as().body(Map.of("name", "hijack")).patch("/stores/" + a1).then().statusCode(404);
        bob.as().get("/organizations/" + org).then().statusCode(404);
        bob.as().get("/organizations/" + org + "/permission-changes").then().statusCode(404);
        bob.as().body(Map.of("name", "hijack")).patch("/organizations/" + org).then().statusCode(404);
        bob.as().get("/stores").then().statusCode(200).body("items.id", not(hasItem(a1)));
        bob.as().get("/organizations").then().statusCode(200).body("items.id", not(hasItem(org)));
        alice.as().get("/stores").then().body("items.id", hasItem(a1));
    }

    @Test
    @DisplayName("ORG concurrency: two organizations grabbing the same store at once, exactly one wins")
    void concurrentGroupingOneWins() throws Exception {
        var alice = Api.user("alice");
        String shared = store(alice);
        String x = store(alice);
        String y = store(alice);
        String pm = card(alice, shared);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Response>> calls = List.of(
                    () -> alice.as().body(orgBody(pm, shared, x)).post("/organizations"),
                    () -> alice.as().body(orgBody(pm, shared, y)).post("/organizations"));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) statuses.add(f.get().statusCode());
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "exactly one wins: " + statuses);
            assertEquals(1, statuses.stream().filter(s -> s == 422).count(), "the other is refused: " + statuses);
        } finally {
            pool.shutdown();
        }
        String orgOfShared = alice.as().get("/stores/" + shared).then().extract().path("organizationId");
        alice.as().get("/organizations/" + orgOfShared).then().body("storeIds", hasSize(2));
    }

    @Test
    @DisplayName("ORG-13 user management: staff and organization members are removed only by user managers, and lose access")
    void removingStaffAndMembers() {
        var alice = Api.user("alice");
        var clerk = Api.user("clerk");
        var admin = Api.user("admin");
        var member = Api.user("member");
        var stranger = Api.user("stranger");
        String solo = store(alice);
        staff(alice, solo, clerk, "MANAGE_ORDERS");
        clerk.as().delete("/stores/" + solo + "/staff/" + clerk.id()).then().statusCode(403).body("code", equalTo("PERMISSION_REQUIRED"));
        stranger.as().delete("/stores/" + solo + "/staff/" + clerk.id()).then().statusCode(404);
        alice.as().delete("/stores/" + solo + "/staff/" + clerk.id()).then().statusCode(204);
        alice.as().get("/stores/" + solo + "/staff").then().statusCode(200).body("items", empty());
        clerk.as().get("/stores/" + solo).then().statusCode(404);
        alice.as().delete("/stores/" + solo + "/staff/" + clerk.id()).then().statusCode(404);

        String org = organization(alice, store(alice), store(alice));
        member(alice, org, admin, "ADMIN");
        member(alice, org, member, "MEMBER", "ORGANIZATION_VIEW_STORES");
        alice.as().get("/organizations/" + org + "/stores").then().statusCode(200).body("items", hasSize(2));
        member.as().get("/organizations/" + org + "/members").then().statusCode(200)
                .body("items.userId", hasItems(alice.id(), admin.id(), member.id()));
        stranger.as().get("/organizations/" + org + "/members").then().statusCode(404);
        member.as().delete("/organizations/" + org + "/members/" + admin.id()).then().statusCode(403).body("code", equalTo("PERMISSION_REQUIRED"));
        stranger.as().delete("/organizations/" + org + "/members/" + member.id()).then().statusCode(404);
        admin.as().delete("/organizations/" + org + "/members/" + member.id()).then().statusCode(204);
        alice.as().get("/organizations/" + org + "/members").then().body("items.userId", not(hasItem(member.id())));
        member.as().get("/organizations/" + org).then().statusCode(404);
    }
}
