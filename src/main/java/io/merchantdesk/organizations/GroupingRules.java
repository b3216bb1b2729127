package io.merchantdesk.organizations;

import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.organizations.OrganizationDtos.*;
import io.merchantdesk.organizations.StoreDtos.PaymentMethodView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The eligibility and effect rules of grouping stores into an organization (ORG-2, 3, 4, 7, 9, 11, 12,
 * 13, 14). Pure: it reads a {@link Snapshot} of the database and returns the verdict and the effects.
 * Preview, creation, dry runs and grouping all call this one evaluation, so the rules exist once.
 */
final class GroupingRules {
    static final String UNSUPPORTED_CURRENCY = "INR";

    private GroupingRules() {}

    /** What the rules need to know, loaded in bulk by the service. */
    record Snapshot(UUID callerId,
                    List<UUID> requestedStoreIds,
                    Map<UUID, Store> stores,
                    Set<UUID> visibleStoreIds,
                    Map<UUID, List<StaffRow>> staffByStore,
                    Map<UUID, List<PaymentMethod>> paymentMethodsByStore,
                    Map<UUID, Organization> currentOrganizations,
                    Map<UUID, List<MemberRow>> membersByOrganization,
                    Map<UUID, Long> storeCountByOrganization) {
    }

    record StaffRow(UUID storeId, UUID userId, List<Permission> permissions) {}

    record MemberRow(UUID organizationId, UUID userId, String role, List<Permission> permissions) {
        /** ADMINs hold every organization-level permission; MEMBERs what they were granted. */
        List<Permission> effectivePermissions() {
            if ("ADMIN".equals(role)) {
                return Arrays.stream(Permission.values()).filter(p -> p.level() == Permission.Level.ORGANIZATION).toList();
            }
            return permissions;
        }
    }

    /** The organization the stores go into: a new one (id null) or an existing one. */
    record Target(UUID organizationId, String billingCurrency, boolean plus, List<PaymentMethod> billingMethods) {
        boolean isNew() { return organizationId == null; }

        /** False for a new organization previewed before a payment method was chosen (billing still open). */
        boolean billingChosen() { return !isNew() || !billingMethods.isEmpty(); }
    }

    record Evaluation(boolean eligible, List<StoreEligibility> verdicts, Effects effects) {}

    /**
     * The currency and plan status a new organization would get (ORG-5: fixed from then on). The currency is
     * the billing store's; with no payment method chosen yet (a preview), the first requested store the caller
     * owns stands in for it.
     */
    static Target newOrganization(Snapshot s, PaymentMethod primary, List<PaymentMethod> backups) {
        Store billingStore = primary != null && s.stores().containsKey(primary.storeId)
                ? s.stores().get(primary.storeId)
                : s.requestedStoreIds().stream().filter(s.visibleStoreIds()::contains).map(s.stores()::get)
                        .filter(x -> x != null && x.ownerId.equals(s.callerId())).findFirst().orElse(null);
        String currency = billingStore == null ? null : billingStore.billingCurrency;
        boolean plus = !s.stores().isEmpty() && s.stores().values().stream().allMatch(st -> st.plan == Plan.PLUS);
        List<PaymentMethod> methods = new ArrayList<>();
        if (primary != null) methods.add(primary);
        methods.addAll(backups);
        return new Target(null, currency, plus, methods);
    }

    static Evaluation evaluate(Snapshot s, Target target) {
        List<StoreEligibility> verdicts = new ArrayList<>();
        for (UUID id : s.requestedStoreIds()) {
            verdicts.add(verdict(s, target, id));
        }
        boolean eligible = verdicts.stream().allMatch(StoreEligibility::eligible);
        return new Evaluation(eligible, verdicts, effects(s, target, verdicts));
    }

    private static StoreEligibility verdict(Snapshot s, Target target, UUID storeId) {
        Store store = s.stores().get(storeId);
        if (store == null || !s.visibleStoreIds().contains(storeId)) {
            return new StoreEligibility(storeId, null, false,
                    List.of(new Reason("STORE_NOT_FOUND", "ORG-2", "No such store among the caller's stores")));
        }
        List<Reason> reasons = new ArrayList<>();
        if (!store.ownerId.equals(s.callerId())) {
            reasons.add(new Reason("NOT_OWNER", "ORG-2", "Only the owner of a store can group it"));
        }
        if (UNSUPPORTED_CURRENCY.equals(store.billingCurrency)) {
            reasons.add(new Reason("CURRENCY_NOT_SUPPORTED", "ORG-4", "Stores billing in INR cannot form or join an organization"));
        }
        if (target.billingCurrency() != null && !target.billingCurrency().equals(store.billingCurrency)) {
            reasons.add(new Reason("CURRENCY_MISMATCH", "ORG-3",
                    "The store bills in " + store.billingCurrency + "; the organization bills in " + target.billingCurrency()));
        }
        Organization current = store.organizationId == null ? null : s.currentOrganizations().get(store.organizationId);
        if (current != null && target.isNew()) {
            reasons.add(new Reason(current.plus ? "ALREADY_IN_PLUS_ORGANIZATION" : "ALREADY_IN_ORGANIZATION", "ORG-1",
                    "The store already belongs to an organization; group it into another one of yours instead"));
        } else if (current != null && current.plus) {
            reasons.add(new Reason("ALREADY_IN_PLUS_ORGANIZATION", "ORG-7", "The store belongs to a Plus organization"));
        } else if (current != null && target.plus()) {
            reasons.add(new Reason("NON_PLUS_ORGANIZATION_STORE", "ORG-7",
                    "Stores of an organization that is not on Plus cannot be grouped into a Plus organization"));
        }
        if (!target.isNew() && target.plus() && store.plan != Plan.PLUS) {
            reasons.add(new Reason("STORE_NOT_ON_PLUS", "ORG-7", "Every store of a Plus organization is on the Plus plan"));
        }
        return new StoreEligibility(storeId, store.name, reasons.isEmpty(), reasons);
    }

    private static Effects effects(Snapshot s, Target target, List<StoreEligibility> verdicts) {
        List<PermissionRemoval> removals = new ArrayList<>();
        List<PaymentMethodView> methodsRemoved = new ArrayList<>();
        List<UUID> organizationsDeleted = new ArrayList<>();
        Set<UUID> chosen = target.billingMethods().stream().map(m -> m.id).collect(Collectors.toSet());
        RemovalReason joinReason = target.isNew() ? RemovalReason.ORGANIZATION_CREATED : RemovalReason.STORE_JOINED_ORGANIZATION;
        Map<UUID, Long> leaving = new java.util.HashMap<>();
        for (StoreEligibility v : verdicts) {
            Store store = s.stores().get(v.storeId());
            if (store == null || !v.eligible()) continue;
            // ORG-13, ORG-14: user management and billing leave store level; the organization owner keeps everything.
            for (StaffRow staff : s.staffByStore().getOrDefault(store.id, List.of())) {
                for (Permission p : staff.permissions()) {
                    if (p.becomesOrganizationLevel()) {
                        removals.add(new PermissionRemoval(staff.userId(), store.id, p, p.level(), joinReason, target.organizationId()));
                    }
                }
            }
            // ORG-9: the organization's billing payment methods replace the store's own (open until billing is chosen).
            for (PaymentMethod m : target.billingChosen() ? s.paymentMethodsByStore().getOrDefault(store.id, List.<PaymentMethod>of()) : List.<PaymentMethod>of()) {
                if (!chosen.contains(m.id)) methodsRemoved.add(PaymentMethodView.of(m));
            }
            // ORG-12: moving from another organization ends that organization's permissions on the store.
            if (store.organizationId != null && !store.organizationId.equals(target.organizationId())) {
                leaving.merge(store.organizationId, 1L, Long::sum);
                removals.addAll(leftOrganization(s.membersByOrganization().getOrDefault(store.organizationId, List.of()), store.id));
            }
        }
        // ORG-11: an organization whose last store leaves is deleted.
        leaving.forEach((orgId, count) -> {
            if (count >= s.storeCountByOrganization().getOrDefault(orgId, 0L)) organizationsDeleted.add(orgId);
        });
        removals.sort(Comparator.comparing(PermissionRemoval::storeId).thenComparing(PermissionRemoval::userId)
                .thenComparing(PermissionRemoval::permission));
        PaymentMethodView primary = target.billingMethods().isEmpty() ? null : PaymentMethodView.of(target.billingMethods().get(0));
        List<PaymentMethodView> backups = target.billingMethods().stream().skip(1).map(PaymentMethodView::of).toList();
        return new Effects(removals, new BillingSetup(primary, backups), methodsRemoved, organizationsDeleted);
    }

    /** ORG-12: the organization-level permissions a store's old organization gave its members on it. */
    static List<PermissionRemoval> leftOrganization(List<MemberRow> members, UUID storeId) {
        List<PermissionRemoval> removals = new ArrayList<>();
        for (MemberRow m : members) {
            for (Permission p : m.effectivePermissions()) {
                removals.add(new PermissionRemoval(m.userId(), storeId, p, p.level(), RemovalReason.STORE_LEFT_ORGANIZATION, m.organizationId()));
            }
        }
        return removals;
    }

    static <T> Map<UUID, List<T>> group(List<T> rows, Function<T, UUID> key) {
        return rows.stream().collect(Collectors.groupingBy(key));
    }
}
