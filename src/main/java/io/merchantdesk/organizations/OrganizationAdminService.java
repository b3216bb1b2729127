package io.merchantdesk.organizations;

import io.merchantdesk.kernel.access.AccessService;
import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.security.CurrentUser;
import io.merchantdesk.kernel.security.Users;
import io.merchantdesk.organizations.GroupingRules.MemberRow;
import io.merchantdesk.organizations.OrganizationDtos.*;
import io.merchantdesk.organizations.StoreDtos.StoreView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Administration of organizations: reading, renaming, their stores, members and the permission-change log.
 * Grouping and billing live in {@link OrganizationService}; a PATCH of billing methods is handed to it.
 */
@ApplicationScoped
public class OrganizationAdminService {
    /** The owner holds every organization-level permission. */
    private static final List<Permission> ORGANIZATION_LEVEL = Arrays.stream(Permission.values())
            .filter(p -> p.level() == Permission.Level.ORGANIZATION).toList();

    @Inject
    CurrentUser currentUser;

    @Inject
    AccessService access;

    @Inject
    Users users;

    @Inject
    OrganizationRepository organizations;

    @Inject
    StoreRepository stores;

    @Inject
    MemberRepository members;

    @Inject
    OrganizationViews views;

    @Inject
    OrganizationService grouping;

    @Inject
    PermissionChanges permissionChanges;

    // --- reading and renaming ---

    public Page<OrganizationView> list(PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 1);
        List<Organization> rows = organizations.ofUserPage(currentUser.id(), after == null ? null : Cursors.uuid(after.get(0)), page.limit + 1);
        Map<UUID, OrganizationView> byId = views.views(rows);
        return Page.of(rows, page.limit, o -> byId.get(o.id), o -> Cursors.encode(o.id));
    }

    public OrganizationView get(UUID orgId) {
        access.organization(orgId);
        return views.view(organizations.findById(orgId));
    }

    @Transactional
    public OrganizationView update(UUID orgId, String ifMatch, UpdateOrganizationRequest request) {
        AccessService.OrganizationAccess a = access.organization(orgId);
        Organization org = organizations.findById(orgId);
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
            grouping.changeBillingMethods(a, request.paymentMethodId(), request.backupPaymentMethodIds());
        }
        org.updatedAt = Instant.now();
        organizations.flush();
        return views.view(org);
    }

    public List<StoreView> stores(UUID orgId) {
        access.organization(orgId);
        return stores.ofOrganization(orgId).stream().map(StoreView::of).toList();
    }

    // --- members ---

    /**
     * The owner first, then the members by user id, keyset-paged. The cursor is the last user id shown;
     * the owner's id as cursor means "members from the start" (the owner is never a member row).
     */
    public Page<MemberView> listMembers(UUID orgId, PageParams page) {
        access.organization(orgId);
        List<String> after = Cursors.decode(page.cursor, 1);
        UUID afterUser = after == null ? null : Cursors.uuid(after.get(0));
        Organization org = organizations.findById(orgId);
        List<MemberView> rows = new ArrayList<>(page.limit + 1);
        if (afterUser == null) {
            rows.add(new MemberView(orgId, org.ownerId, OrganizationRole.OWNER, ORGANIZATION_LEVEL));
        }
        int wanted = page.limit + 1 - rows.size();
        UUID from = afterUser == null || afterUser.equals(org.ownerId) ? null : afterUser;
        for (MemberRow m : members.page(orgId, from, wanted)) {
            rows.add(new MemberView(orgId, m.userId(), OrganizationRole.valueOf(m.role()), m.permissions()));
        }
        return Page.of(rows, page.limit, m -> m, m -> Cursors.encode(m.userId()));
    }

    @Transactional
    public MemberView putMember(UUID orgId, UUID userId, MemberRequest request) {
        requireUserManager(access.organization(orgId));
        Organization org = organizations.findById(orgId);
        if (userId.equals(org.ownerId)) {
            throw ProblemException.rule("OWNER_HAS_ALL_PERMISSIONS", "The organization owner holds every permission");
        }
        if (!users.exists(userId)) {
            throw ProblemException.notFound("User " + userId);
        }
        PermissionLevels.require(request.permissions(), Permission.Level.ORGANIZATION, "is store-level; grant it on the store",
                "Members hold organization-level permissions only");
        if (request.role() == MemberRole.MEMBER && request.permissions().contains(Permission.ORGANIZATION_BILLING)) {
            throw ProblemException.rule("ORGANIZATION_BILLING_NEEDS_ADMIN",
                    "ORG-14: organization-level billing is only for the owner and ADMINs",
                    List.of(new FieldError("permissions", "ORGANIZATION_BILLING needs role ADMIN")));
        }
        String[] names = SqlArrays.names(request.permissions());
        members.upsert(orgId, userId, request.role().name(), names);
        return new MemberView(orgId, userId, OrganizationRole.valueOf(request.role().name()), SqlArrays.permissions(names));
    }

    @Transactional
    public void removeMember(UUID orgId, UUID userId) {
        requireUserManager(access.organization(orgId));
        if (!members.delete(orgId, userId)) throw ProblemException.notFound("Member (user " + userId + ")");
    }

    public Page<PermissionChangeView> permissionChanges(UUID orgId, PageParams page) {
        requireUserManager(access.organization(orgId));
        return permissionChanges.list(orgId, page);
    }

    private static void requireUserManager(AccessService.OrganizationAccess a) {
        if (!a.has(Permission.ORGANIZATION_MANAGE_USERS)) {
            throw ProblemException.forbidden("PERMISSION_REQUIRED", "Managing members needs ORGANIZATION_MANAGE_USERS");
        }
    }
}
