package io.merchantdesk.partners;

import io.merchantdesk.kernel.persistence.Jdbc;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.organizations.OrganizationDtos;
import io.merchantdesk.organizations.OrganizationService;
import io.merchantdesk.organizations.Store;
import io.merchantdesk.organizations.StoreService;
import io.merchantdesk.partners.PartnerDtos.*;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Partner accounts, their members, store handovers (PRT-8) and the referral history. */
@ApplicationScoped
public class PartnerService {
    @Inject
    EntityManager em;

    @Inject
    PartnerAccess access;

    @Inject
    Referrals referrals;

    @Inject
    StoreService stores;

    @Inject
    OrganizationService organizations;

    @Transactional
    public PartnerView create(Actor actor, CreatePartnerRequest request) {
        Partner p = new Partner();
        p.name = request.name().trim();
        p.createdBy = actor.id();
        p.persist();
        em.flush();
        em.createNativeQuery("INSERT INTO partner_members (partner_id, user_id, role) VALUES (:p, :u, 'ADMIN')")
                .setParameter("p", p.id).setParameter("u", actor.id()).executeUpdate();
        return new PartnerView(p.id, p.name, MemberRole.ADMIN, p.version, p.createdAt);
    }

    public PartnerView get(Actor actor, UUID partnerId) {
        MemberRole role = access.member(actor, partnerId);
        Partner p = em.find(Partner.class, partnerId);
        return new PartnerView(p.id, p.name, role, p.version, p.createdAt);
    }

    /** Partner accounts the caller belongs to. */
    public Page<PartnerView> list(Actor actor, PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT p.id, p.name, m.role, p.version, p.created_at FROM partner_members m JOIN partners p ON p.id = m.partner_id
                WHERE m.user_id = :me AND (CAST(:after AS uuid) IS NULL OR p.id > CAST(:after AS uuid))
                ORDER BY p.id LIMIT :n""")
                .setParameter("me", actor.id()).setParameter("after", after == null ? null : Cursors.uuid(after.get(0)))
                .setParameter("n", page.limit + 1).getResultList();
        return Page.of(rows, page.limit,
                r -> new PartnerView((UUID) r[0], (String) r[1], MemberRole.valueOf((String) r[2]), ((Number) r[3]).longValue(), Jdbc.instant(r[4])),
                r -> Cursors.encode(r[0]));
    }

    public Page<MemberView> members(Actor actor, UUID partnerId, PageParams page) {
        access.member(actor, partnerId);
        List<String> after = Cursors.decode(page.cursor, 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT u.id, u.name, u.email, m.role, m.created_at FROM partner_members m JOIN users u ON u.id = m.user_id
                WHERE m.partner_id = :p AND (CAST(:after AS uuid) IS NULL OR u.id > CAST(:after AS uuid))
                ORDER BY u.id LIMIT :n""")
                .setParameter("p", partnerId).setParameter("after", after == null ? null : Cursors.uuid(after.get(0)))
                .setParameter("n", page.limit + 1).getResultList();
        return Page.of(rows, page.limit, PartnerService::member, r -> Cursors.encode(r[0]));
    }

    @Transactional
    public MemberView putMember(Actor actor, UUID partnerId, UUID userId, MemberRequest request) {
        access.admin(actor, partnerId);
        if (em.createNativeQuery("SELECT 1 FROM users WHERE id = :id").setParameter("id", userId).getResultList().isEmpty()) {
            throw ProblemException.notFound("User " + userId);
        }
        if (userId.equals(actor.id()) && request.role() != MemberRole.ADMIN) {
            lastAdminGuard(partnerId, userId);
        }
        em.createNativeQuery("""
                INSERT INTO partner_members (partner_id, user_id, role) VALUES (:p, :u, :r)
                ON CONFLICT (partner_id, user_id) DO UPDATE SET role = EXCLUDED.role""")
                .setParameter("p", partnerId).setParameter("u", userId).setParameter("r", request.role().name()).executeUpdate();
        Object[] r = (Object[]) em.createNativeQuery("""
                SELECT u.id, u.name, u.email, m.role, m.created_at FROM partner_members m JOIN users u ON u.id = m.user_id
                WHERE m.partner_id = :p AND m.user_id = :u""").setParameter("p", partnerId).setParameter("u", userId).getSingleResult();
        return member(r);
    }

    @Transactional
    public void removeMember(Actor actor, UUID partnerId, UUID userId) {
        access.admin(actor, partnerId);
        lastAdminGuard(partnerId, userId);
        int removed = em.createNativeQuery("DELETE FROM partner_members WHERE partner_id = :p AND user_id = :u")
                .setParameter("p", partnerId).setParameter("u", userId).executeUpdate();
        if (removed == 0) throw ProblemException.notFound("Member " + userId);
    }

    /** A partner account always keeps an ADMIN, or nobody could manage it again. */
    private void lastAdminGuard(UUID partnerId, UUID userId) {
        long otherAdmins = ((Number) em.createNativeQuery(
                "SELECT count(*) FROM partner_members WHERE partner_id = :p AND role = 'ADMIN' AND user_id <> :u")
                .setParameter("p", partnerId).setParameter("u", userId).getSingleResult()).longValue();
        if (otherAdmins == 0) {
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
        ReferralView referral = referrals.record(partnerId, store, null, "STORE_HANDOVER", null, actor.id());
        return new HandoverView(referral, transferred);
    }

    public Page<ReferralView> referrals(Actor actor, UUID partnerId, PageParams page) {
        access.member(actor, partnerId);
        return referrals.list(partnerId, page);
    }

    private static MemberView member(Object[] r) {
        return new MemberView((UUID) r[0], (String) r[1], (String) r[2], MemberRole.valueOf((String) r[3]), Jdbc.instant(r[4]));
    }
}
