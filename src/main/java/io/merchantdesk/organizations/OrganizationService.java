package io.merchantdesk.organizations;

import io.merchantdesk.kernel.access.AccessService;
import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.money.Money;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.security.CurrentUser;
import io.merchantdesk.organizations.GroupingRules.*;
import io.merchantdesk.organizations.OrganizationDtos.*;
import io.merchantdesk.organizations.StoreDtos.CreatePaymentMethodRequest;
import io.merchantdesk.organizations.StoreDtos.PaymentMethodView;
import io.merchantdesk.organizations.StoreDtos.StoreView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.*;
import java.util.stream.Collectors;

/**
 * Organizations: review-then-confirm creation, grouping and removing stores, members, billing setup.
 * Every grouping decision goes through {@link GroupingRules}; this class loads, locks and applies.
 */
@ApplicationScoped
public class OrganizationService {
    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    AccessService access;

    @Inject
    PermissionChanges permissionChanges;

    // --- creation (ORG-1, 2, 3, 4, 5, 8, 9, 13, 14) ---

    public Preview preview(CreateOrganizationRequest request) {
        Planned planned = plan(request, false);
        return new Preview(planned.evaluation.eligible(), planned.target.billingCurrency(), planned.target.plus(),
                planned.evaluation.verdicts(), planned.evaluation.effects());
    }

    @Transactional
    public Created create(CreateOrganizationRequest request) {
        Planned planned = plan(request, true);
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
        org.persist();
        em.flush();

        // ORG-9: the chosen methods become the organization's; the stores' other methods are replaced.
        List<PaymentMethod> chosen = planned.target.billingMethods();
        for (int i = 0; i < chosen.size(); i++) {
            PaymentMethod m = chosen.get(i);
            m.storeId = null;
            m.organizationId = org.id;
            m.billingRole = i == 0 ? PaymentMethod.BillingRole.PRIMARY : PaymentMethod.BillingRole.BACKUP;
        }
        removePaymentMethods(evaluation.effects().paymentMethodsRemoved());
        em.flush();
        for (UUID storeId : planned.snapshot.requestedStoreIds()) {
            Store store = planned.snapshot.stores().get(storeId);
            store.organizationId = org.id;
            store.needsBillingSetup = false;
        }
        em.flush();
        List<PermissionRemoval> removals = withOrganization(evaluation.effects().permissionRemovals(), org.id);
        permissionChanges.apply(removals, me);
        return new Created(view(org), removals, evaluation.effects().paymentMethodsRemoved(), List.of());
    }

    private record Planned(Snapshot snapshot, Target target, Evaluation evaluation) {}

    private Planned plan(CreateOrganizationRequest request, boolean lock) {
        List<UUID> ids = request.storeIds();
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
        PaymentMethod primary = methods.get(request.paymentMethodId());
        if (primary == null) {
            errors.add(new FieldError("paymentMethodId", "must be a payment method of one of the grouped stores"));
        }
        List<PaymentMethod> backups = new ArrayList<>();
        for (int i = 0; i < request.backups().size(); i++) {
            UUID id = request.backups().get(i);
            PaymentMethod m = methods.get(id);
            if (m == null || id.equals(request.paymentMethodId()) || backups.contains(m)) {
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
        return new Planned(snapshot, target, GroupingRules.evaluate(snapshot, target));
    }

    // --- grouping a store into an existing organization (ORG-6, 7, 9, 11, 12, 13, 14) ---

    @Transactional
    public StoreGrouped addStore(UUID orgId, AddStoreRequest request, boolean dryRun) {
        access.organizationOwner(orgId);
        Organization org = em.find(Organization.class, orgId, dryRun ? LockModeType.NONE : LockModeType.PESSIMISTIC_WRITE);
        Snapshot snapshot = snapshot(List.of(request.storeId()), !dryRun);
        Store store = snapshot.stores().get(request.storeId());
        if (store != null && orgId.equals(store.organizationId)) {
            throw ProblemException.conflict("STORE_ALREADY_IN_ORGANIZATION", "The store is already in this organization");
        }
        Target target = new Target(org.id, org.billingCurrency, org.plus, PaymentMethods.ofOrganization(em, org.id));
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
        em.flush();
        permissionChanges.apply(evaluation.effects().permissionRemovals(), currentUser.id());
        deleteIfEmpty(previousOrg);
        return new StoreGrouped(false, true, verdict, evaluation.effects(), StoreView.of(store));
    }

    // --- removing a store (ORG-6, 10, 11) ---

    @Transactional
    public StoreRemoved removeStore(UUID orgId, UUID storeId) {
        access.organizationOwner(orgId);
        em.find(Organization.class, orgId, LockModeType.PESSIMISTIC_WRITE);
        Store store = em.find(Store.class, storeId, LockModeType.PESSIMISTIC_WRITE);
        if (store == null || !orgId.equals(store.organizationId)) {
            throw ProblemException.notFound("Store " + storeId + " in organization " + orgId);
        }
        List<PermissionRemoval> removals = GroupingRules.leftOrganization(members(List.of(orgId)), storeId);
        // ORG-10: the owner stays; the store leaves without a billing payment method and must set one up.
        store.organizationId = null;
        store.needsBillingSetup = true;
        em.flush();
        permissionChanges.apply(removals, currentUser.id());
        boolean deleted = deleteIfEmpty(orgId);
        return new StoreRemoved(StoreView.of(store), removals, deleted);
    }

    // --- ownership transfer (ORG-11, 12, 16) ---

    @Transactional
    public Transferred transfer(UUID storeId, TransferRequest request) {
        access.storeOwner(storeId);
        Store store = em.find(Store.class, storeId, LockModeType.PESSIMISTIC_WRITE);
        if (request.newOwnerId().equals(store.ownerId)) {
            throw ProblemException.rule("ALREADY_OWNER", "The user already owns the store");
        }
        if (em.createNativeQuery("SELECT 1 FROM users WHERE id = :id").setParameter("id", request.newOwnerId()).getResultList().isEmpty()) {
            throw ProblemException.rule("UNKNOWN_USER", "The new owner must be a merchantdesk user",
                    List.of(new FieldError("newOwnerId", "no such user")));
        }
        UUID previousOwner = store.ownerId;
        UUID previousOrg = store.organizationId;
        List<PermissionRemoval> removals = List.of();
        if (previousOrg != null) {
            em.find(Organization.class, previousOrg, LockModeType.PESSIMISTIC_WRITE);
            // ORG-12: staff keep store-level permissions; the old organization's permissions end.
            removals = GroupingRules.leftOrganization(members(List.of(previousOrg)), storeId);
            store.organizationId = null;
            store.needsBillingSetup = true;
        }
        // ORG-16: below the threshold the outstanding bills move with the store; at or over it they are
        // invoiced to the previous owner first.
        Money moved = null;
        Money invoiced = null;
        if (store.outstandingBalance.signum() > 0) {
            if (store.billingThresholdReached()) {
                em.createNativeQuery("""
                        INSERT INTO store_invoices (id, store_id, billed_to, amount, currency, reason)
                        VALUES (:id, :store, :owner, :amount, :currency, 'OWNERSHIP_TRANSFER')""")
                        .setParameter("id", Ids.next()).setParameter("store", storeId)
                        .setParameter("owner", previousOwner).setParameter("amount", store.outstandingBalance)
                        .setParameter("currency", store.billingCurrency).executeUpdate();
                invoiced = Money.of(store.outstandingBalance, store.billingCurrency);
                store.outstandingBalance = BigDecimal.ZERO;
            } else {
                moved = Money.of(store.outstandingBalance, store.billingCurrency);
            }
        }
        store.ownerId = request.newOwnerId();
        // The new owner holds everything as owner; a staff row of theirs would be redundant.
        em.createNativeQuery("DELETE FROM store_staff WHERE store_id = :s AND user_id = :u")
                .setParameter("s", storeId).setParameter("u", request.newOwnerId()).executeUpdate();
        em.flush();
        permissionChanges.apply(removals, currentUser.id());
        boolean deleted = deleteIfEmpty(previousOrg);
        return new Transferred(StoreView.of(store), removals, deleted, moved, invoiced);
    }

    // --- reading ---

    public Page<OrganizationView> list(PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 1);
        @SuppressWarnings("unchecked")
        List<Organization> rows = em.createNativeQuery("""
                SELECT o.* FROM organizations o
                WHERE (o.owner_id = :me OR EXISTS (SELECT 1 FROM organization_members m
                                                   WHERE m.organization_id = o.id AND m.user_id = :me))
                  AND (CAST(:after AS uuid) IS NULL OR o.id > CAST(:after AS uuid))
                ORDER BY o.id LIMIT :n""", Organization.class)
                .setParameter("me", currentUser.id())
                .setParameter("after", after == null ? null : Cursors.uuid(after.get(0)))
                .setParameter("n", page.limit + 1).getResultList();
        Map<UUID, OrganizationView> views = views(rows);
        return Page.of(rows, page.limit, o -> views.get(o.id), o -> Cursors.encode(o.id));
    }

    public OrganizationView get(UUID orgId) {
        access.organization(orgId);
        return view(em.find(Organization.class, orgId));
    }

    @Transactional
    public OrganizationView update(UUID orgId, String ifMatch, UpdateOrganizationRequest request) {
        AccessService.OrganizationAccess a = access.organization(orgId);
        Organization org = em.find(Organization.class, orgId);
        Etags.requireMatch(ifMatch, org.version);
        if (request.billingCurrency() != null && !request.billingCurrency().equals(org.billingCurrency)) {
            throw ProblemException.rule("ORG_CURRENCY_IMMUTABLE",
                    "ORG-5: the billing currency of an organization is set at creation and can never change",
                    List.of(new FieldError("billingCurrency", "cannot change from " + org.billingCurrency)));
        }
        if (request.name() != null) {
            if (!a.owner() && !"ADMIN".equals(a.role())) {
                throw ProblemException.forbidden("ORGANIZATION_ADMIN_REQUIRED", "Renaming needs the owner or an ADMIN");
            }
            org.name = request.name().trim();
        }
        if (request.paymentMethodId() != null || request.backupPaymentMethodIds() != null) {
            requireOrganizationBilling(a);
            List<PaymentMethod> methods = PaymentMethods.ofOrganization(em, orgId);
            Map<UUID, PaymentMethod> byId = methods.stream().collect(Collectors.toMap(m -> m.id, m -> m));
            UUID primaryId = request.paymentMethodId() != null ? request.paymentMethodId()
                    : methods.stream().filter(m -> m.billingRole == PaymentMethod.BillingRole.PRIMARY).map(m -> m.id).findFirst().orElse(null);
            if (primaryId == null || !byId.containsKey(primaryId)) {
                throw ProblemException.invalidField("paymentMethodId", "must be one of the organization's payment methods");
            }
            List<UUID> backups = request.backupPaymentMethodIds() != null ? request.backupPaymentMethodIds()
                    : methods.stream().filter(m -> m.billingRole == PaymentMethod.BillingRole.BACKUP && !m.id.equals(primaryId)).map(m -> m.id).toList();
            for (int i = 0; i < backups.size(); i++) {
                if (!byId.containsKey(backups.get(i)) || backups.get(i).equals(primaryId)) {
                    throw ProblemException.invalidField("backupPaymentMethodIds[" + i + "]", "must be another of the organization's payment methods");
                }
            }
            // Methods neither primary nor backup are dropped from the billing setup.
            for (PaymentMethod m : methods) {
                if (!m.id.equals(primaryId) && !backups.contains(m.id)) m.delete();
                else if (!m.id.equals(primaryId)) m.billingRole = PaymentMethod.BillingRole.BACKUP;
            }
            em.flush();
            byId.get(primaryId).billingRole = PaymentMethod.BillingRole.PRIMARY;
        }
        org.updatedAt = Instant.now();
        em.flush();
        return view(org);
    }

    @Transactional
    public PaymentMethodView addPaymentMethod(UUID orgId, CreatePaymentMethodRequest request) {
        requireOrganizationBilling(access.organization(orgId));
        List<PaymentMethod> existing = PaymentMethods.ofOrganization(em, orgId);
        boolean primary = request.primary() || existing.isEmpty();
        if (primary) {
            existing.forEach(m -> m.billingRole = PaymentMethod.BillingRole.BACKUP);
            em.flush();
        }
        PaymentMethod m = new PaymentMethod();
        m.organizationId = orgId;
        m.type = request.type();
        m.label = request.label().trim();
        m.billingRole = primary ? PaymentMethod.BillingRole.PRIMARY : PaymentMethod.BillingRole.BACKUP;
        m.persist();
        return PaymentMethodView.of(m);
    }

    public List<StoreView> stores(UUID orgId) {
        access.organization(orgId);
        return em.createQuery("FROM Store WHERE organizationId = :o ORDER BY id", Store.class)
                .setParameter("o", orgId).getResultList().stream().map(StoreView::of).toList();
    }

    // --- members ---

    public List<MemberView> listMembers(UUID orgId) {
        access.organization(orgId);
        Organization org = em.find(Organization.class, orgId);
        List<MemberView> out = new ArrayList<>();
        out.add(new MemberView(orgId, org.ownerId, OrganizationRole.OWNER, Arrays.stream(Permission.values())
                .filter(p -> p.level() == Permission.Level.ORGANIZATION).toList()));
        for (MemberRow m : members(List.of(orgId))) {
            out.add(new MemberView(orgId, m.userId(), OrganizationRole.valueOf(m.role()), m.permissions()));
        }
        return out;
    }

    @Transactional
    public MemberView putMember(UUID orgId, UUID userId, MemberRequest request) {
        requireUserManager(access.organization(orgId));
        Organization org = em.find(Organization.class, orgId);
        if (userId.equals(org.ownerId)) {
            throw ProblemException.rule("OWNER_HAS_ALL_PERMISSIONS", "The organization owner holds every permission");
        }
        if (em.createNativeQuery("SELECT 1 FROM users WHERE id = :id").setParameter("id", userId).getResultList().isEmpty()) {
            throw ProblemException.notFound("User " + userId);
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.permissions().size(); i++) {
            Permission p = request.permissions().get(i);
            if (p.level() != Permission.Level.ORGANIZATION) {
                errors.add(new FieldError("permissions[" + i + "]", p + " is store-level; grant it on the store"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("PERMISSION_LEVEL_MISMATCH", "Members hold organization-level permissions only", errors);
        }
        if (request.role() == MemberRole.MEMBER && request.permissions().contains(Permission.ORGANIZATION_BILLING)) {
            throw ProblemException.rule("ORGANIZATION_BILLING_NEEDS_ADMIN",
                    "ORG-14: organization-level billing is only for the owner and ADMINs",
                    List.of(new FieldError("permissions", "ORGANIZATION_BILLING needs role ADMIN")));
        }
        String[] names = request.permissions().stream().distinct().map(Enum::name).sorted().toArray(String[]::new);
        em.createNativeQuery("""
                INSERT INTO organization_members (organization_id, user_id, role, permissions) VALUES (:o, :u, :r, :p)
                ON CONFLICT (organization_id, user_id) DO UPDATE SET role = EXCLUDED.role, permissions = EXCLUDED.permissions,
                    updated_at = now(), version = organization_members.version + 1""")
                .setParameter("o", orgId).setParameter("u", userId).setParameter("r", request.role().name())
                .setParameter("p", names).executeUpdate();
        return new MemberView(orgId, userId, OrganizationRole.valueOf(request.role().name()), StoreService.permissions(names));
    }

    @Transactional
    public void removeMember(UUID orgId, UUID userId) {
        requireUserManager(access.organization(orgId));
        int n = em.createNativeQuery("DELETE FROM organization_members WHERE organization_id = :o AND user_id = :u")
                .setParameter("o", orgId).setParameter("u", userId).executeUpdate();
        if (n == 0) throw ProblemException.notFound("Member " + userId);
    }

    public Page<PermissionChangeView> permissionChanges(UUID orgId, PageParams page) {
        AccessService.OrganizationAccess a = access.organization(orgId);
        requireUserManager(a);
        return permissionChanges.list(orgId, page);
    }

    // --- billing charges (platform operators) ---

    @Transactional
    public StoreView charge(UUID storeId, ChargeRequest request) {
        access.requireRole(io.merchantdesk.kernel.security.Roles.PLATFORM_ADMIN);
        Store store = em.find(Store.class, storeId, LockModeType.PESSIMISTIC_WRITE);
        if (store == null) throw ProblemException.notFound("Store " + storeId);
        store.outstandingBalance = store.outstandingBalance.add(request.amount());
        em.flush();
        return StoreView.of(store);
    }

    // --- helpers ---

    private Snapshot snapshot(List<UUID> ids, boolean lock) {
        UUID me = currentUser.id();
        var query = em.createQuery("FROM Store WHERE id IN :ids ORDER BY id", Store.class).setParameter("ids", ids);
        if (lock) query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        Map<UUID, Store> stores = query.getResultList().stream().collect(Collectors.toMap(s -> s.id, s -> s));
        @SuppressWarnings("unchecked")
        Set<UUID> visible = new HashSet<>((List<UUID>) em.createNativeQuery("""
                SELECT s.id FROM stores s WHERE s.id IN (:ids) AND (s.owner_id = :me
                   OR EXISTS (SELECT 1 FROM store_staff st WHERE st.store_id = s.id AND st.user_id = :me)
                   OR EXISTS (SELECT 1 FROM organizations o WHERE o.id = s.organization_id AND o.owner_id = :me)
                   OR EXISTS (SELECT 1 FROM organization_members m WHERE m.organization_id = s.organization_id AND m.user_id = :me))""")
                .setParameter("ids", ids).setParameter("me", me).getResultList());
        @SuppressWarnings("unchecked")
        List<Object[]> staffRows = em.createNativeQuery("SELECT store_id, user_id, permissions FROM store_staff WHERE store_id IN (:ids)")
                .setParameter("ids", ids).getResultList();
        List<StaffRow> staff = staffRows.stream()
                .map(r -> new StaffRow((UUID) r[0], (UUID) r[1], StoreService.permissions(r[2]))).toList();
        List<PaymentMethod> methods = em.createQuery("FROM PaymentMethod WHERE storeId IN :ids ORDER BY billingRole DESC, id", PaymentMethod.class)
                .setParameter("ids", ids).getResultList();
        List<UUID> orgIds = stores.values().stream().map(s -> s.organizationId).filter(Objects::nonNull).distinct().toList();
        Map<UUID, Organization> orgs = new HashMap<>();
        Map<UUID, Long> counts = new HashMap<>();
        List<MemberRow> members = List.of();
        if (!orgIds.isEmpty()) {
            var orgQuery = em.createQuery("FROM Organization WHERE id IN :ids ORDER BY id", Organization.class).setParameter("ids", orgIds);
            if (lock) orgQuery.setLockMode(LockModeType.PESSIMISTIC_WRITE);
            orgQuery.getResultList().forEach(o -> orgs.put(o.id, o));
            @SuppressWarnings("unchecked")
            List<Object[]> countRows = em.createNativeQuery(
                    "SELECT organization_id, count(*) FROM stores WHERE organization_id IN (:ids) GROUP BY organization_id")
                    .setParameter("ids", orgIds).getResultList();
            countRows.forEach(r -> counts.put((UUID) r[0], ((Number) r[1]).longValue()));
            members = members(orgIds);
        }
        return new Snapshot(me, ids, stores, visible, GroupingRules.group(staff, StaffRow::storeId),
                GroupingRules.group(methods, m -> m.storeId), orgs, GroupingRules.group(members, MemberRow::organizationId), counts);
    }

    private List<MemberRow> members(List<UUID> orgIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT organization_id, user_id, role, permissions FROM organization_members
                WHERE organization_id IN (:ids) ORDER BY organization_id, user_id""")
                .setParameter("ids", orgIds).getResultList();
        return rows.stream().map(r -> new MemberRow((UUID) r[0], (UUID) r[1], (String) r[2], StoreService.permissions(r[3]))).toList();
    }

    private void removePaymentMethods(List<PaymentMethodView> removed) {
        if (removed.isEmpty()) return;
        em.createQuery("DELETE FROM PaymentMethod WHERE id IN :ids")
                .setParameter("ids", removed.stream().map(PaymentMethodView::id).toList()).executeUpdate();
    }

    /** ORG-11: an organization without stores is deleted. */
    private boolean deleteIfEmpty(UUID orgId) {
        if (orgId == null) return false;
        return em.createNativeQuery("DELETE FROM organizations o WHERE o.id = :o AND NOT EXISTS (SELECT 1 FROM stores s WHERE s.organization_id = o.id)")
                .setParameter("o", orgId).executeUpdate() == 1;
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

    private static void requireUserManager(AccessService.OrganizationAccess a) {
        if (!a.has(Permission.ORGANIZATION_MANAGE_USERS)) {
            throw ProblemException.forbidden("PERMISSION_REQUIRED", "Managing members needs ORGANIZATION_MANAGE_USERS");
        }
    }

    OrganizationView view(Organization org) {
        return views(List.of(org)).get(org.id);
    }

    /** Views of several organizations with two queries in all (stores, payment methods), not two per organization. */
    Map<UUID, OrganizationView> views(List<Organization> orgs) {
        if (orgs.isEmpty()) return Map.of();
        List<UUID> ids = orgs.stream().map(o -> o.id).toList();
        Map<UUID, List<UUID>> storeIds = em.createQuery(
                        "SELECT organizationId, id FROM Store WHERE organizationId IN :ids ORDER BY id", Object[].class)
                .setParameter("ids", ids).getResultStream()
                .collect(Collectors.groupingBy(r -> (UUID) r[0],
                        Collectors.mapping(r -> (UUID) r[1], Collectors.toList())));
        Map<UUID, List<PaymentMethod>> methods = GroupingRules.group(PaymentMethods.ofOrganizations(em, ids), m -> m.organizationId);
        Map<UUID, OrganizationView> out = new LinkedHashMap<>();
        for (Organization org : orgs) {
            List<PaymentMethod> own = methods.getOrDefault(org.id, List.of());
            PaymentMethodView primary = own.stream().filter(m -> m.billingRole == PaymentMethod.BillingRole.PRIMARY)
                    .findFirst().map(PaymentMethodView::of).orElse(null);
            List<PaymentMethodView> backups = own.stream().filter(m -> m.billingRole == PaymentMethod.BillingRole.BACKUP)
                    .map(PaymentMethodView::of).toList();
            out.put(org.id, new OrganizationView(org.id, org.name, org.ownerId, org.billingCurrency, org.plus,
                    storeIds.getOrDefault(org.id, List.of()), new BillingSetup(primary, backups), org.version, org.createdAt));
        }
        return out;
    }
}
