package io.merchantdesk.organizations;

import static org.junit.jupiter.api.Assertions.*;

import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.organizations.GroupingRules.*;
import io.merchantdesk.organizations.OrganizationDtos.RemovalReason;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The grouping rules as pure logic, without a database. */
class GroupingRulesTest {
    private final UUID owner = UUID.randomUUID();

    private Store store(String currency, Plan plan) {
        Store s = new Store();
        s.id = UUID.randomUUID();
        s.name = "s";
        s.ownerId = owner;
        s.billingCurrency = currency;
        s.plan = plan;
        return s;
    }

    private PaymentMethod card(Store s) {
        PaymentMethod m = new PaymentMethod();
        m.id = UUID.randomUUID();
        m.storeId = s.id;
        m.type = PaymentMethod.Type.CARD;
        m.label = "card";
        m.billingRole = PaymentMethod.BillingRole.PRIMARY;
        return m;
    }

    private Snapshot snapshot(List<Store> stores, Map<UUID, List<StaffRow>> staff, Map<UUID, List<PaymentMethod>> methods) {
        return new Snapshot(owner, stores.stream().map(s -> s.id).toList(),
                stores.stream().collect(java.util.stream.Collectors.toMap(s -> s.id, s -> s)),
                stores.stream().map(s -> s.id).collect(java.util.stream.Collectors.toSet()),
                staff, methods, Map.of(), Map.of(), Map.of());
    }

    /** The codes of the reasons the evaluation gives against its i-th store. */
    private static List<String> reasonCodes(Evaluation e, int store) {
        return e.verdicts().get(store).reasons().stream().map(OrganizationDtos.Reason::code).toList();
    }

    @Test
    @DisplayName("ORG-3 ORG-4 the currency comes from the billing store; INR and other currencies are ineligible")
    void currencyRules() {
        Store usd = store("USD", Plan.GROW);
        Store cad = store("CAD", Plan.GROW);
        Store inr = store("INR", Plan.GROW);
        PaymentMethod pm = card(usd);
        Snapshot s = snapshot(List.of(cad, usd, inr), Map.of(), Map.of(usd.id, List.of(pm)));
        Target target = GroupingRules.newOrganization(s, pm, List.of());
        assertEquals("USD", target.billingCurrency());
        Evaluation e = GroupingRules.evaluate(s, target);
        assertFalse(e.eligible());
        assertEquals(List.of("CURRENCY_MISMATCH"), reasonCodes(e, 0));
        assertTrue(e.verdicts().get(1).eligible());
        assertEquals(Set.of("CURRENCY_NOT_SUPPORTED", "CURRENCY_MISMATCH"), Set.copyOf(reasonCodes(e, 2)));
    }

    @Test
    @DisplayName("ORG-13 ORG-14 ORG-15 only user management and the two billing permissions are removed")
    void permissionEffects() {
        Store a = store("USD", Plan.GROW);
        Store b = store("USD", Plan.GROW);
        UUID clerk = UUID.randomUUID();
        PaymentMethod pm = card(a);
        Snapshot s = snapshot(List.of(a, b),
                Map.of(a.id, List.of(new StaffRow(a.id, clerk, List.of(Permission.MANAGE_STAFF, Permission.VIEW_BILLS,
                        Permission.MANAGE_BILLING_PAYMENT_METHODS, Permission.MANAGE_PLAN, Permission.VIEW_PAYMENT_PAYOUTS)))),
                Map.of(a.id, List.of(pm)));
        Evaluation e = GroupingRules.evaluate(s, GroupingRules.newOrganization(s, pm, List.of()));
        assertTrue(e.eligible());
        assertEquals(Set.of(Permission.MANAGE_STAFF, Permission.VIEW_BILLS, Permission.MANAGE_BILLING_PAYMENT_METHODS),
                Set.copyOf(e.effects().permissionRemovals().stream().map(OrganizationDtos.PermissionRemoval::permission).toList()));
        assertTrue(e.effects().permissionRemovals().stream().allMatch(r -> r.reason() == RemovalReason.ORGANIZATION_CREATED));
        assertTrue(e.effects().paymentMethodsRemoved().isEmpty());
    }

    @Test
    @DisplayName("ORG-7 a new organization is Plus only when every store is on Plus")
    void plusOrganization() {
        Store a = store("USD", Plan.PLUS);
        Store b = store("USD", Plan.PLUS);
        Store c = store("USD", Plan.GROW);
        PaymentMethod pm = card(a);
        assertTrue(GroupingRules.newOrganization(snapshot(List.of(a, b), Map.of(), Map.of()), pm, List.of()).plus());
        assertFalse(GroupingRules.newOrganization(snapshot(List.of(a, c), Map.of(), Map.of()), pm, List.of()).plus());
    }
    @Test
    @DisplayName("ORG-8 ORG-9 without a chosen payment method billing stays open: no method is reported removed, eligibility is still judged")
    void billingNotChosen() {
        Store a = store("USD", Plan.GROW);
        Store b = store("USD", Plan.GROW);
        Store c = store("CAD", Plan.GROW);
        PaymentMethod pa = card(a);
        PaymentMethod pb = card(b);
        Snapshot s = snapshot(List.of(a, b, c), Map.of(), Map.of(a.id, List.of(pa), b.id, List.of(pb)));
        Target open = GroupingRules.newOrganization(s, null, List.of());
        assertFalse(open.billingChosen());
        assertEquals("USD", open.billingCurrency(), "the first store the caller owns stands in for the billing store");
        Evaluation e = GroupingRules.evaluate(s, open);
        assertTrue(e.effects().paymentMethodsRemoved().isEmpty());
        assertNull(e.effects().billingPaymentMethods().primary());
        assertEquals(List.of("CURRENCY_MISMATCH"), reasonCodes(e, 2));
        // Once chosen, the eligible stores' other methods are replaced (ORG-9).
        Target chosen = GroupingRules.newOrganization(s, pb, List.of());
        assertTrue(chosen.billingChosen());
        assertEquals(List.of(pa.id), GroupingRules.evaluate(s, chosen).effects().paymentMethodsRemoved().stream()
                .map(StoreDtos.PaymentMethodView::id).toList());
    }

    @Test
    @DisplayName("ORG-2 without a chosen payment method the currency never comes from a store the caller does not own")
    void openBillingCurrencyFromOwnStoreOnly() {
        Store foreign = store("CAD", Plan.GROW);
        foreign.ownerId = UUID.randomUUID();
        Store own = store("USD", Plan.GROW);
        Snapshot s = snapshot(List.of(foreign, own), Map.of(), Map.of());
        assertEquals("USD", GroupingRules.newOrganization(s, null, List.of()).billingCurrency());
    }
}
