package io.merchantdesk.partners;

import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.security.Users;
import io.merchantdesk.kernel.security.Users.UserFacts;
import io.merchantdesk.organizations.OrganizationDtos;
import io.merchantdesk.organizations.OrganizationService;
import io.merchantdesk.organizations.Store;
import io.merchantdesk.organizations.StoreService;
import io.merchantdesk.partners.PartnerDtos.*;
import io.merchantdesk.partners.PartnerRepository.MemberRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Partner accounts, their members, store handovers (PRT-8) and the referral history. */
@ApplicationScoped
public class PartnerService {
    @Inject
    PartnerRepository partners;

    @Inject
    PartnerAccess access;

    @Inject
    ReferralService referrals;

    @Inject
    Users users;

    @Inject
    StoreService stores;

    @Inject
    OrganizationService organizations;

    @Transactional
    public PartnerView create(Actor actor, CreatePartnerRequest request) {
        Partner p = new Partner();
        p.name = request.name().trim();
        p.createdBy = actor.id();
        partners.persistAndFlush(p);
        partners.putMember(p.id, actor.id(), MemberRole.ADMIN);
        return new PartnerView(p.id, p.name, MemberRole.ADMIN, p.version, p.createdAt);
    }

    public PartnerView get(Actor actor, UUID partnerId) {
        MemberRole role = access.member(actor, partnerId);
        Partner p = partners.findById(partnerId);
        return new PartnerView(p.id, p.name, role, p.version, p.createdAt);
    }

    /** Partner accounts the caller belongs to. */
    public Page<PartnerView> list(Actor actor, PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 1);
        return Page.of(partners.partnersOf(actor.id(), after == null ? null : Cursors.uuid(after.get(0)), page.limit + 1), page.limit,
                r -> new PartnerView(r.partnerId(), r.name(), r.role(), r.version(), r.createdAt()),
                r -> Cursors.encode(r.partnerId()));
    }

    public Page<MemberView> members(Actor actor, UUID partnerId, PageParams page) {
        access.member(actor, partnerId);
        List<String> after = Cursors.decode(page.cursor, 1);
        List<MemberRow> rows = partners.memberPage(partnerId, after == null ? null : Cursors.uuid(after.get(0)), page.limit + 1);
        Map<UUID, UserFacts> people = users.find(rows.stream().map(MemberRow::userId).toList());
        return Page.of(rows, page.limit, r -> member(r, people.get(r.userId())), r -> Cursors.encode(r.userId()));
    }

    @Transactional
    public MemberView putMember(Actor actor, UUID partnerId, UUID userId, MemberRequest request) {
        access.admin(actor, partnerId);
        UserFacts user = users.find(userId).orElseThrow(() -> ProblemException.notFound("User " + userId));
        if (userId.equals(actor.id()) && request.role() != MemberRole.ADMIN) {
            lastAdminGuard(partnerId, userId);
        }
        partners.putMember(partnerId, userId, request.role());
        return member(partners.member(partnerId, userId), user);
    }

    @Transactional
    public void removeMember(Actor actor, UUID partnerId, UUID userId) {
        access.admin(actor, partnerId);
        lastAdminGuard(partnerId, userId);
        if (!partners.removeMember(partnerId, userId)) throw ProblemException.notFound("Member (user " + userId + ")");
    }

    /** A partner account always keeps an ADMIN, or nobody could manage it again. */
    private void lastAdminGuard(UUID partnerId, UUID userId) {
        if (partners.otherAdmins(partnerId, userId) == 0) {
            throw ProblemException.rule("LAST_PARTNER_ADMIN", "The partner account needs at least one other ADMIN first");
        }
    }

    /**
     * PRT-8: a partner member who built a store for a merchant hands it over. The ownership moves
     * through the organizations transfer flow (same rules: ORG-11, 12, 16) and the referral is
     * recorded in the same transaction.
     */
    @Transactional
    public HandoverView handOver(Actor actor, UUID partnerId, HandoverRequest request) {
        access.member(actor, partnerId);
        if (request.merchantUserId().equals(actor.id())) {
            throw ProblemException.rule("HANDOVER_TO_SELF", "PRT-8: a store is handed over to the merchant, not kept by the partner member",
                    List.of(new FieldError("merchantUserId", "is the caller")));
        }
        if (referrals.exists(partnerId, request.storeId())) {
            throw ProblemException.conflict("ALREADY_REFERRED", "The store is already in this partner's referral history")
                    .withResourceId(request.storeId());
        }
        OrganizationDtos.Transferred transferred = organizations.transfer(request.storeId(),
                new OrganizationDtos.TransferRequest(request.merchantUserId()));
        Store store = stores.find(request.storeId());
        ReferralView referral = referrals.record(partnerId, store.id, store.name, store.plan.name(), null, "STORE_HANDOVER", null, actor.id());
        return new HandoverView(referral, transferred);
    }

    public Page<ReferralView> referrals(Actor actor, UUID partnerId, PageParams page) {
        access.member(actor, partnerId);
        return referrals.list(partnerId, page);
    }

    private static MemberView member(MemberRow r, UserFacts user) {
        return new MemberView(r.userId(), user == null ? null : user.name(), user == null ? null : user.email(), r.role(), r.addedAt());
    }
}
