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
import io.merchantdesk.organizations.StoreDtos.*;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Stores, their staff and their billing payment methods. */
@ApplicationScoped
public class StoreService {
    @Inject
    EntityManager em;

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
        store.persist();
        return StoreView.of(store);
    }

    /** Stores the caller owns, is staff on, or administers through their organization. */
    public Page<StoreView> list(PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 1);
        @SuppressWarnings("unchecked")
        List<Store> rows = em.createNativeQuery("""
                SELECT s.* FROM stores s
                WHERE (s.owner_id = :me
                       OR EXISTS (SELECT 1 FROM store_staff st WHERE st.store_id = s.id AND st.user_id = :me)
                       OR s.organization_id IN (SELECT o.id FROM organizations o WHERE o.owner_id = :me
                                                UNION SELECT m.organization_id FROM organization_members m
                                                      WHERE m.user_id = :me AND m.role = 'ADMIN'))
                  AND (CAST(:after AS uuid) IS NULL OR s.id > CAST(:after AS uuid))
                ORDER BY s.id LIMIT :n""", Store.class)
                .setParameter("me", currentUser.id())
                .setParameter("after", after == null ? null : Cursors.uuid(after.get(0)))
                .setParameter("n", page.limit + 1)
                .getResultList();
        return Page.of(rows, page.limit, StoreView::of, s -> Cursors.encode(s.id));
    }

    public StoreView get(UUID storeId) {
        access.store(storeId);
        return StoreView.of(find(storeId));
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
        em.flush();
        return StoreView.of(store);
    }

    /**
     * A plan change made by the platform itself rather than by a caller (a Plus upgrade the store owner
     * accepted through a partner invitation, PRT-6), so no caller permission applies. Locks the store.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Store applyPlan(UUID storeId, Plan plan) {
        Store store = em.find(Store.class, storeId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (store == null) throw ProblemException.notFound("Store " + storeId);
        store.plan = plan;
        em.flush();
        return store;
    }

    public Store find(UUID storeId) {
        Store store = em.find(Store.class, storeId);
        if (store == null) throw ProblemException.notFound("Store " + storeId);
        return store;
    }

    // --- staff ---

    public Page<StaffView> listStaff(UUID storeId, PageParams page) {
        requireStaffManager(storeId);
        List<String> after = Cursors.decode(page.cursor, 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT user_id, permissions FROM store_staff WHERE store_id = :store
                  AND (CAST(:after AS uuid) IS NULL OR user_id > CAST(:after AS uuid))
                ORDER BY user_id LIMIT :n""")
                .setParameter("store", storeId)
                .setParameter("after", after == null ? null : Cursors.uuid(after.get(0)))
                .setParameter("n", page.limit + 1).getResultList();
        return Page.of(rows, page.limit, r -> new StaffView(storeId, (UUID) r[0], permissions(r[1])), r -> Cursors.encode(r[0]));
    }

    @Transactional
    public StaffView putStaff(UUID storeId, UUID userId, StaffRequest request) {
        requireStaffManager(storeId);
        Store store = find(storeId);
        if (em.createNativeQuery("SELECT 1 FROM users WHERE id = :id").setParameter("id", userId).getResultList().isEmpty()) {
            throw ProblemException.notFound("User " + userId);
        }
        if (userId.equals(store.ownerId)) {
            throw ProblemException.rule("OWNER_HAS_ALL_PERMISSIONS", "The store owner holds every permission; staff rows are for other users");
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.permissions().size(); i++) {
            Permission p = request.permissions().get(i);
            if (p.level() != Permission.Level.STORE) {
                errors.add(new FieldError("permissions[" + i + "]", p + " is organization-level; grant it on the organization"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("PERMISSION_LEVEL_MISMATCH", "Staff hold store-level permissions only", errors);
        }
        if (store.organizationId != null) {
            // ORG-13/14: inside an organization these are organization-level and cannot be granted on a store.
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
        String[] names = request.permissions().stream().distinct().map(Enum::name).sorted().toArray(String[]::new);
        em.createNativeQuery("""
                INSERT INTO store_staff (store_id, user_id, permissions) VALUES (:store, :user, :perms)
                ON CONFLICT (store_id, user_id) DO UPDATE SET permissions = EXCLUDED.permissions,
                    updated_at = now(), version = store_staff.version + 1""")
                .setParameter("store", storeId).setParameter("user", userId).setParameter("perms", names)
                .executeUpdate();
        return new StaffView(storeId, userId, permissions(names));
    }

    @Transactional
    public void removeStaff(UUID storeId, UUID userId) {
        requireStaffManager(storeId);
        int removed = em.createNativeQuery("DELETE FROM store_staff WHERE store_id = :store AND user_id = :user")
                .setParameter("store", storeId).setParameter("user", userId).executeUpdate();
        if (removed == 0) throw ProblemException.notFound("Staff member " + userId);
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
        return PaymentMethods.billing(em, store).stream().map(PaymentMethodView::of).toList();
    }

    @Transactional
    public PaymentMethodView addPaymentMethod(UUID storeId, CreatePaymentMethodRequest request) {
        requireBilling(storeId, Permission.MANAGE_BILLING_PAYMENT_METHODS);
        Store store = find(storeId);
        if (store.organizationId != null) {
            throw ProblemException.rule("STORE_BILLED_BY_ORGANIZATION",
                    "ORG-9: the store is billed through its organization; change the organization's payment methods instead");
        }
        List<PaymentMethod> existing = PaymentMethods.billing(em, store);
        boolean primary = request.primary() || existing.stream().noneMatch(m -> m.billingRole == PaymentMethod.BillingRole.PRIMARY);
        if (primary) {
            existing.stream().filter(m -> m.billingRole == PaymentMethod.BillingRole.PRIMARY)
                    .forEach(m -> m.billingRole = PaymentMethod.BillingRole.BACKUP);
            em.flush();
        }
        PaymentMethod m = new PaymentMethod();
        m.storeId = storeId;
        m.type = request.type();
        m.label = request.label().trim();
        m.billingRole = primary ? PaymentMethod.BillingRole.PRIMARY : PaymentMethod.BillingRole.BACKUP;
        m.persist();
        store.needsBillingSetup = false;
        return PaymentMethodView.of(m);
    }

    private void requireBilling(UUID storeId, Permission storeLevel) {
        AccessService.StoreAccess a = access.store(storeId);
        if (!a.has(storeLevel) && !a.has(Permission.ORGANIZATION_BILLING)) {
            throw ProblemException.forbidden("PERMISSION_REQUIRED", "This needs " + storeLevel + " (or ORGANIZATION_BILLING in an organization)");
        }
    }

    static List<Permission> permissions(Object sqlArray) {
        String[] names = sqlArray instanceof String[] a ? a : java.util.Arrays.stream((Object[]) sqlArray).map(String::valueOf).toArray(String[]::new);
        return java.util.Arrays.stream(names).map(Permission::valueOf).toList();
    }
}
