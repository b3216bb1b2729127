package io.merchantdesk.organizations;

import io.merchantdesk.kernel.access.AccessService;
import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.money.Money;
import io.merchantdesk.kernel.security.CurrentUser;
import io.merchantdesk.kernel.security.Roles;
import io.merchantdesk.kernel.security.Users;
import io.merchantdesk.organizations.GroupingRules.*;
import io.merchantdesk.organizations.OrganizationDtos.*;
import io.merchantdesk.organizations.StoreDtos.CreatePaymentMethodRequest;
import io.merchantdesk.organizations.StoreDtos.PaymentMethodView;
import io.merchantdesk.organizations.StoreDtos.StoreView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.*;
import java.util.stream.Collectors;

/**
 * Grouping and billing: review-then-confirm creation, grouping and removing stores, ownership transfer,
 * the organization's billing payment methods and store charges. Every grouping decision goes through
 * {@link GroupingRules}; this class loads and locks through the repositories, applies and records.
 * Administration (reading, renaming, members) is {@link OrganizationAdminService}.
 */
@ApplicationScoped
public class OrganizationService {
    @Inject
    CurrentUser currentUser;

    @Inject
    AccessService access;

    @Inject
    Users users;

    @Inject
    StoreRepository stores;

    @Inject
    OrganizationRepository organizations;

    @Inject
    StaffRepository staff;

    @Inject
    MemberRepository members;

    @Inject
    BillingRepository billing;

    @Inject
    PermissionChanges permissionChanges;

    @Inject
    OrganizationViews views;

    // --- creation (ORG-1, 2, 3, 4, 5, 8, 9, 13, 14) ---

    /** Eligibility and effects of a new organization; billing may still be open (no payment method chosen yet). */
    public Preview preview(PreviewOrganizationRequest request) {
        Planned planned = plan(request.storeIds(), request.paymentMethodId(), request.backups(), false);
        boolean billingChosen = planned.target.billingChosen();
        List<PaymentMethodView> choices = planned.choices.values().stream()
                .sorted(Comparator.comparing((PaymentMethod m) -> request.storeIds().indexOf(m.storeId))
                        .thenComparing(m -> m.billingRole, Comparator.reverseOrder()).thenComparing(m -> m.id))
                .map(PaymentMethodView::of).toList();
        return new Preview(planned.evaluation.eligible(), planned.target.billingCurrency(), planned.target.plus(),
                planned.evaluation.verdicts(), planned.evaluation.effects(), billingChosen, choices);
    }

    @Transactional
    public Created create(CreateOrganizationRequest request) {
        Planned planned = plan(request.storeIds(), request.paymentMethodId(), request.backups(), true);
        Evaluation evaluation = planned.evaluation;
        if (!evaluation.eligible()) {
            throw notEligible(evaluation.verdicts(), "storeIds");
        }
        UUID me = currentUser.id();
        Organization org = new Organization();
        org.name = request.name().trim();
        org.ownerId = me;
        org.billingCurrency = planned.target.billingCurrency();
        org.plus = planned.target.plus();
        organizations.persistAndFlush(org);

        // ORG-9: the chosen methods become the organization's; the stores' other methods are replaced.
        List<PaymentMethod> chosen = planned.target.billingMethods();
        for (int i = 0; i < chosen.size(); i++) {
            PaymentMethod m = chosen.get(i);
            m.storeId = null;
            m.organizationId = org.id;
            m.billingRole = i == 0 ? PaymentMethod.BillingRole.PRIMARY : PaymentMethod.BillingRole.BACKUP;
        }
        removePaymentMethods(evaluation.effects().paymentMethodsRemoved());
        billing.flush();
        for (UUID storeId : planned.snapshot.requestedStoreIds()) {
            Store store = planned.snapshot.stores().get(storeId);
            store.organizationId = org.id;
            store.needsBillingSetup = false;
        }
        stores.flush();
        List<PermissionRemoval> removals = withOrganization(evaluation.effects().permissionRemovals(), org.id);
        permissionChanges.apply(removals, me);
        return new Created(views.view(org), removals, evaluation.effects().paymentMethodsRemoved(), List.of());
    }

    /** The snapshot, the target and the verdict; {@code choices} are the grouped stores' payment methods the caller sees. */
    private record Planned(Snapshot snapshot, Target target, Evaluation evaluation, Map<UUID, PaymentMethod> choices) {}

    private Planned plan(List<UUID> ids, UUID paymentMethodId, List<UUID> backupIds, boolean lock) {
        requireDistinct(ids);
        if (ids.size() < 2) {
            throw ProblemException.rule("ORG_TOO_FEW_STORES", "ORG-1: an organization starts with at least two stores",
                    List.of(new FieldError("storeIds", "needs at least two stores")));
        }
        Snapshot snapshot = snapshot(ids, lock);
        Map<UUID, PaymentMethod> methods = snapshot.paymentMethodsByStore().values().stream().flatMap(List::stream)
                .filter(m -> snapshot.visibleStoreIds().contains(m.storeId))
                .collect(Collectors.toMap(m -> m.id, m -> m));
        List<FieldError> errors = new ArrayList<>();
        PaymentMethod primary = paymentMethodId == null ? null : methods.get(paymentMethodId);
        if (paymentMethodId != null && primary == null) {
            errors.add(new FieldError("paymentMethodId", "must be a payment method of one of the grouped stores"));
        }
        if (paymentMethodId == null && !backupIds.isEmpty()) {
            errors.add(new FieldError("paymentMethodId", "choose the primary payment method before backups"));
        }
        List<PaymentMethod> backups = new ArrayList<>();
        for (int i = 0; i < backupIds.size(); i++) {
            UUID id = backupIds.get(i);
            PaymentMethod m = methods.get(id);
            if (m == null || id.equals(paymentMethodId) || backups.contains(m)) {
                errors.add(new FieldError("backupPaymentMethodIds[" + i + "]",
                        "must be another payment method of one of the grouped stores, listed once"));
            } else {
                backups.add(m);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.rule("PAYMENT_METHOD_NOT_IN_STORES",
                    "ORG-8: the billing payment methods must come from the grouped stores", errors);
        }
        Target target = GroupingRules.newOrganization(snapshot, primary, backups);
        return new Planned(snapshot, target, GroupingRules.evaluate(snapshot, target), methods);
    }

    // --- grouping a store into an existing organization (ORG-6, 7, 9, 11, 12, 13, 14) ---

    @Transactional
    public StoreGrouped addStore(UUID orgId, AddStoreRequest request, boolean dryRun) {
        access.organizationOwner(orgId);
        Organization org = organizations.find(orgId, !dryRun);
        Snapshot snapshot = snapshot(List.of(request.storeId()), !dryRun);
        Store store = snapshot.stores().get(request.storeId());
        if (store != null && orgId.equals(store.organizationId)) {
            throw ProblemException.conflict("STORE_ALREADY_IN_ORGANIZATION", "The store is already in this organization");
        }
        Target target = new Target(org.id, org.billingCurrency, org.plus, billing.ofOrganization(org.id));
        Evaluation evaluation = GroupingRules.evaluate(snapshot, target);
        StoreEligibility verdict = evaluation.verdicts().get(0);
        if (dryRun) {
            return new StoreGrouped(true, evaluation.eligible(), verdict, evaluation.effects(), null);
        }
        if (!evaluation.eligible()) {
            if (verdict.reasons().stream().anyMatch(r -> r.code().equals("STORE_NOT_FOUND"))) {
                throw ProblemException.notFound("Store " + request.storeId());
            }
            throw notEligible(evaluation.verdicts(), "storeId");
        }
        UUID previousOrg = store.organizationId;
        removePaymentMethods(evaluation.effects().paymentMethodsRemoved());
        store.organizationId = org.id;
        store.needsBillingSetup = false;
        stores.flush();
        permissionChanges.apply(evaluation.effects().permissionRemovals(), currentUser.id());
        organizations.deleteIfEmpty(previousOrg);
        return new StoreGrouped(false, true, verdict, evaluation.effects(), StoreView.of(store));
    }

    // --- removing a store (ORG-6, 10, 11) ---

    @Transactional
    public StoreRemoved removeStore(UUID orgId, UUID storeId) {
        access.organizationOwner(orgId);
        organizations.find(orgId, true);
        Store store = stores.lock(storeId);
        if (store == null || !orgId.equals(store.organizationId)) {
            throw ProblemException.notFound("Store " + storeId + " in organization " + orgId);
        }
        List<PermissionRemoval> removals = GroupingRules.leftOrganization(members.ofOrganizations(List.of(orgId)), storeId);
        // ORG-10: the owner stays; the store leaves without a billing payment method and must set one up.
        store.organizationId = null;
        store.needsBillingSetup = true;
        stores.flush();
        permissionChanges.apply(removals, currentUser.id());
        boolean deleted = organizations.deleteIfEmpty(orgId);
        return new StoreRemoved(StoreView.of(store), removals, deleted);
    }

    // --- ownership transfer (ORG-11, 12, 16) ---

    @Transactional
    public Transferred transfer(UUID storeId, TransferRequest request) {
        access.storeOwner(storeId);
        Store store = stores.lock(storeId);
        if (request.newOwnerId().equals(store.ownerId)) {
            throw ProblemException.rule("ALREADY_OWNER", "The user already owns the store");
        }
        if (!users.exists(request.newOwnerId())) {
            throw ProblemException.rule("UNKNOWN_USER", "The new owner must be a merchantdesk user",
                    List.of(new FieldError("newOwnerId", "no such user")));
        }
        UUID previousOwner = store.ownerId;
        UUID previousOrg = store.organizationId;
        List<PermissionRemoval> removals = List.of();
        if (previousOrg != null) {
            organizations.find(previousOrg, true);
            // ORG-12: staff keep store-level permissions; the old organization's permissions end.
            removals = GroupingRules.leftOrganization(members.ofOrganizations(List.of(previousOrg)), storeId);
            store.organizationId = null;
            store.needsBillingSetup = true;
        }
        // ORG-16: below the threshold the outstanding bills move with the store; at or over it they are
        // invoiced to the previous owner first.
        Money moved = null;
        Money invoiced = null;
        if (store.outstandingBalance.signum() > 0) {
            if (store.billingThresholdReached()) {
                billing.invoice(storeId, previousOwner, store.outstandingBalance, store.billingCurrency, "OWNERSHIP_TRANSFER");
                invoiced = Money.of(store.outstandingBalance, store.billingCurrency);
                store.outstandingBalance = BigDecimal.ZERO;
            } else {
                moved = Money.of(store.outstandingBalance, store.billingCurrency);
            }
        }
        store.ownerId = request.newOwnerId();
        // The new owner holds everything as owner; a staff row of theirs would be redundant.
        staff.delete(storeId, request.newOwnerId());
        stores.flush();
        permissionChanges.apply(removals, currentUser.id());
        boolean deleted = organizations.deleteIfEmpty(previousOrg);
        return new Transferred(StoreView.of(store), removals, deleted, moved, invoiced);
    }

    // --- the organization's billing payment methods (ORG-9, ORG-14) ---

    @Transactional
    public PaymentMethodView addPaymentMethod(UUID orgId, CreatePaymentMethodRequest request) {
        requireOrganizationBilling(access.organization(orgId));
        List<PaymentMethod> existing = billing.ofOrganization(orgId);
        boolean primary = request.primary() || existing.isEmpty();
        return PaymentMethodView.of(billing.add(null, orgId, existing, request, primary));
    }

    /**
     * Makes one of the organization's methods primary and the listed ones backups; methods neither primary
     * nor backup are dropped. An absent argument keeps the current choice. Runs in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void changeBillingMethods(AccessService.OrganizationAccess a, UUID paymentMethodId, List<UUID> backupPaymentMethodIds) {
        requireOrganizationBilling(a);
        List<PaymentMethod> methods = billing.ofOrganization(a.organizationId());
        Map<UUID, PaymentMethod> byId = methods.stream().collect(Collectors.toMap(m -> m.id, m -> m));
        UUID primaryId = paymentMethodId != null ? paymentMethodId
                : methods.stream().filter(m -> m.billingRole == PaymentMethod.BillingRole.PRIMARY).map(m -> m.id).findFirst().orElse(null);
        if (primaryId == null || !byId.containsKey(primaryId)) {
            throw ProblemException.invalidField("paymentMethodId", "must be one of the organization's payment methods");
        }
        List<UUID> backups = backupPaymentMethodIds != null ? backupPaymentMethodIds
                : methods.stream().filter(m -> m.billingRole == PaymentMethod.BillingRole.BACKUP && !m.id.equals(primaryId)).map(m -> m.id).toList();
        for (int i = 0; i < backups.size(); i++) {
            if (!byId.containsKey(backups.get(i)) || backups.get(i).equals(primaryId)) {
                throw ProblemException.invalidField("backupPaymentMethodIds[" + i + "]", "must be another of the organization's payment methods");
            }
        }
        for (PaymentMethod m : methods) {
            if (!m.id.equals(primaryId) && !backups.contains(m.id)) billing.delete(m);
            else if (!m.id.equals(primaryId)) m.billingRole = PaymentMethod.BillingRole.BACKUP;
        }
        billing.flush();
        byId.get(primaryId).billingRole = PaymentMethod.BillingRole.PRIMARY;
    }

    // --- billing charges (platform operators) ---

    @Transactional
    public StoreView charge(UUID storeId, ChargeRequest request) {
        access.requireRole(Roles.PLATFORM_ADMIN);
        Store store = stores.lock(storeId);
        if (store == null) throw ProblemException.notFound("Store " + storeId);
        store.outstandingBalance = store.outstandingBalance.add(request.amount());
        stores.flush();
        return StoreView.of(store);
    }

    // --- helpers ---

    /** Everything the rules read about the stores, loaded in a fixed number of queries (stores and organizations locked in id order). */
    private Snapshot snapshot(List<UUID> ids, boolean lock) {
        UUID me = currentUser.id();
        Map<UUID, Store> found = stores.byIds(ids, lock);
        Set<UUID> visible = stores.visibleAmong(ids, me);
        List<StaffRow> staffRows = staff.ofStores(ids);
        List<PaymentMethod> methods = billing.ofStores(ids);
        List<UUID> orgIds = found.values().stream().map(s -> s.organizationId).filter(Objects::nonNull).distinct().toList();
        Map<UUID, Organization> orgs = new HashMap<>();
        Map<UUID, Long> counts = new HashMap<>();
        List<MemberRow> memberRows = List.of();
        if (!orgIds.isEmpty()) {
            orgs = organizations.byIds(orgIds, lock);
            counts = stores.countByOrganization(orgIds);
            memberRows = members.ofOrganizations(orgIds);
        }
        return new Snapshot(me, ids, found, visible, GroupingRules.group(staffRows, StaffRow::storeId),
                GroupingRules.group(methods, m -> m.storeId), orgs, GroupingRules.group(memberRows, MemberRow::organizationId), counts);
    }

    private void removePaymentMethods(List<PaymentMethodView> removed) {
        billing.deleteAll(removed.stream().map(PaymentMethodView::id).toList());
    }

    private static List<PermissionRemoval> withOrganization(List<PermissionRemoval> removals, UUID orgId) {
        return removals.stream().map(r -> r.organizationId() != null ? r
                : new PermissionRemoval(r.userId(), r.storeId(), r.permission(), r.level(), r.reason(), orgId)).toList();
    }

    private static void requireDistinct(List<UUID> ids) {
        Set<UUID> seen = new HashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!seen.add(ids.get(i))) errors.add(new FieldError("storeIds[" + i + "]", "store listed twice"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("DUPLICATE_STORE_IDS", "Each store may be listed once", errors);
        }
    }

    private static ProblemException notEligible(List<StoreEligibility> verdicts, String field) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            StoreEligibility v = verdicts.get(i);
            for (Reason r : v.reasons()) {
                errors.add(new FieldError(field.equals("storeId") ? field : field + "[" + i + "]", r.code() + " (" + r.rule() + "): " + r.message()));
            }
        }
        String rules = verdicts.stream().flatMap(v -> v.reasons().stream()).map(Reason::rule).distinct().sorted()
                .collect(Collectors.joining(", "));
        return ProblemException.rule("ORGANIZATION_NOT_ELIGIBLE", "Some stores are not eligible (" + rules + "); preview for details", errors);
    }

    private static void requireOrganizationBilling(AccessService.OrganizationAccess a) {
        if (!a.has(Permission.ORGANIZATION_BILLING)) {
            throw ProblemException.forbidden("PERMISSION_REQUIRED", "ORG-14: organization billing is for the owner and ADMINs");
        }
    }
}
