package io.merchantdesk.organizations;

import io.merchantdesk.kernel.access.AccessService;
import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.money.Money;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.security.CurrentUser;
import io.merchantdesk.kernel.security.Users;
import io.merchantdesk.organizations.GroupingRules.StaffRow;
import io.merchantdesk.organizations.StoreDtos.*;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Stores, their staff and their billing payment methods: access checks and rules; the SQL is in the repositories. */
@ApplicationScoped
public class StoreService {
    @Inject
    StoreRepository storeRepository;

    @Inject
    StaffRepository staffRepository;

    @Inject
    BillingRepository billing;

    @Inject
    Users users;

    @Inject
    CurrentUser currentUser;

    @Inject
    AccessService access;

    @Transactional
    public StoreView create(CreateStoreRequest request) {
        Money.Currencies.require("billingCurrency", request.billingCurrency());
        Store store = new Store();
        store.name = request.name().trim();
        store.ownerId = currentUser.id();
        store.billingCurrency = request.billingCurrency();
        store.plan = request.plan();
        store.needsBillingSetup = true;
        storeRepository.persist(store);
        return StoreView.of(store);
    }

    /** Stores the caller owns, is staff on, or administers through their organization. */
    public Page<StoreView> list(PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 1);
        List<Store> rows = storeRepository.visiblePage(currentUser.id(), after == null ? null : Cursors.uuid(after.get(0)), page.limit + 1);
        return Page.of(rows, page.limit, StoreView::of, s -> Cursors.encode(s.id));
    }

    public StoreView get(UUID storeId) {
        UUID me = currentUser.id();
        StoreRepository.StoreRead read = storeRepository.readWithRelation(storeId, me).orElse(null);
        access.store(storeId, me, read == null ? null : read.relation()); // 404 for no store or no relation
        return read.view();
    }

    @Transactional
    public StoreView update(UUID storeId, String ifMatch, UpdateStoreRequest request) {
        if (request.plan() != null) {
            access.store(storeId, Permission.MANAGE_PLAN);
        }
        if (request.name() != null) {
            access.store(storeId, Permission.MANAGE_STORE_SETTINGS);
        }
        Store store = find(storeId);
        Etags.requireMatch(ifMatch, store.version);
        if (request.name() != null) store.name = request.name().trim();
        if (request.plan() != null) store.plan = request.plan();
        storeRepository.flush();
        return StoreView.of(store);
    }

    /**
     * A plan change made by the platform itself rather than by a caller (a Plus upgrade the store owner
     * accepted through a partner invitation, PRT-6), so no caller permission applies. Locks the store.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Store applyPlan(UUID storeId, Plan plan) {
        Store store = storeRepository.lock(storeId);
        if (store == null) throw ProblemException.notFound("Store " + storeId);
        store.plan = plan;
        storeRepository.flush();
        return store;
    }

    public Store find(UUID storeId) {
        return storeRepository.findByIdOptional(storeId).orElseThrow(() -> ProblemException.notFound("Store " + storeId));
    }

    // --- staff ---

    public Page<StaffView> listStaff(UUID storeId, PageParams page) {
        requireStaffManager(storeId);
        List<String> after = Cursors.decode(page.cursor, 1);
        List<StaffRow> rows = staffRepository.page(storeId, after == null ? null : Cursors.uuid(after.get(0)), page.limit + 1);
        return Page.of(rows, page.limit, r -> new StaffView(storeId, r.userId(), r.permissions()), r -> Cursors.encode(r.userId()));
    }

    @Transactional
    public StaffView putStaff(UUID storeId, UUID userId, StaffRequest request) {
        requireStaffManager(storeId);
        Store store = find(storeId);
        if (!users.exists(userId)) {
            throw ProblemException.notFound("User " + userId);
        }
        if (userId.equals(store.ownerId)) {
            throw ProblemException.rule("OWNER_HAS_ALL_PERMISSIONS", "The store owner holds every permission; staff rows are for other users");
        }
        PermissionLevels.require(request.permissions(), Permission.Level.STORE, "is organization-level; grant it on the organization",
                "Staff hold store-level permissions only");
        if (store.organizationId != null) {
            // ORG-13/14: inside an organization these are organization-level and cannot be granted on a store.
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < request.permissions().size(); i++) {
                Permission p = request.permissions().get(i);
                if (p.becomesOrganizationLevel()) {
                    errors.add(new FieldError("permissions[" + i + "]", p + " is organization-level while the store is in an organization"));
                }
            }
            if (!errors.isEmpty()) {
                throw ProblemException.rule("PERMISSION_IS_ORGANIZATION_LEVEL",
                        "ORG-13/ORG-14: user management and billing permissions of a store in an organization are organization-level", errors);
            }
        }
        String[] names = SqlArrays.names(request.permissions());
        staffRepository.upsert(storeId, userId, names);
        return new StaffView(storeId, userId, SqlArrays.permissions(names));
    }

    @Transactional
    public void removeStaff(UUID storeId, UUID userId) {
        requireStaffManager(storeId);
        if (!staffRepository.delete(storeId, userId)) throw ProblemException.notFound("Staff member (user " + userId + ")");
    }

    private void requireStaffManager(UUID storeId) {
        AccessService.StoreAccess a = access.store(storeId);
        if (!a.has(Permission.MANAGE_STAFF) && !a.has(Permission.ORGANIZATION_MANAGE_USERS)) {
            throw ProblemException.forbidden("PERMISSION_REQUIRED", "Managing staff needs MANAGE_STAFF (or ORGANIZATION_MANAGE_USERS in an organization)");
        }
    }

    // --- billing payment methods ---

    /** The methods that bill the store: its own, or its organization's once grouped (ORG-9). */
    public List<PaymentMethodView> paymentMethods(UUID storeId) {
        requireBilling(storeId, Permission.VIEW_BILLS);
        Store store = find(storeId);
        return billing.billing(store).stream().map(PaymentMethodView::of).toList();
    }

    @Transactional
    public PaymentMethodView addPaymentMethod(UUID storeId, CreatePaymentMethodRequest request) {
        requireBilling(storeId, Permission.MANAGE_BILLING_PAYMENT_METHODS);
        Store store = find(storeId);
        if (store.organizationId != null) {
            throw ProblemException.rule("STORE_BILLED_BY_ORGANIZATION",
                    "ORG-9: the store is billed through its organization; change the organization's payment methods instead");
        }
        List<PaymentMethod> existing = billing.billing(store);
        boolean primary = request.primary() || existing.stream().noneMatch(m -> m.billingRole == PaymentMethod.BillingRole.PRIMARY);
        PaymentMethod m = billing.add(storeId, null, existing, request, primary);
        store.needsBillingSetup = false;
        return PaymentMethodView.of(m);
    }

    private void requireBilling(UUID storeId, Permission storeLevel) {
        AccessService.StoreAccess a = access.store(storeId);
        if (!a.has(storeLevel) && !a.has(Permission.ORGANIZATION_BILLING)) {
            throw ProblemException.forbidden("PERMISSION_REQUIRED", "This needs " + storeLevel + " (or ORGANIZATION_BILLING in an organization)");
        }
    }
}
