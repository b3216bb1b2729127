package io.merchantdesk.partners;

import io.merchantdesk.kernel.persistence.Jdbc;
import io.merchantdesk.partners.PartnerDtos.MemberRole;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query of {@code partners} (Panache) and {@code partner_members} (named native SQL). */
@ApplicationScoped
class PartnerRepository implements PanacheRepositoryBase<Partner, UUID> {

    static final String MEMBER_ROLE = "SELECT role FROM partner_members WHERE partner_id = :p AND user_id = :u";

    static final String UPSERT_MEMBER = """
            INSERT INTO partner_members (partner_id, user_id, role) VALUES (:p, :u, :r)
            ON CONFLICT (partner_id, user_id) DO UPDATE SET role = EXCLUDED.role""";

    static final String MEMBER = "SELECT user_id, role, created_at FROM partner_members WHERE partner_id = :p AND user_id = :u";

    /** A partner's members, keyset by user id. */
    static final String MEMBER_PAGE = """
            SELECT user_id, role, created_at FROM partner_members
            WHERE partner_id = :p AND (CAST(:after AS uuid) IS NULL OR user_id > CAST(:after AS uuid))
            ORDER BY user_id LIMIT :n""";

    /** The partner accounts a user belongs to, with their role, keyset by partner id. */
    static final String PARTNERS_OF_USER = """
            SELECT p.id, p.name, m.role, p.version, p.created_at FROM partner_members m JOIN partners p ON p.id = m.partner_id
            WHERE m.user_id = :me AND (CAST(:after AS uuid) IS NULL OR p.id > CAST(:after AS uuid))
            ORDER BY p.id LIMIT :n""";

    static final String DELETE_MEMBER = "DELETE FROM partner_members WHERE partner_id = :p AND user_id = :u";

    static final String OTHER_ADMINS = "SELECT count(*) FROM partner_members WHERE partner_id = :p AND role = 'ADMIN' AND user_id <> :u";

    /** A member row; the user's name and e-mail come from the kernel's user directory. */
    public record MemberRow(UUID userId, MemberRole role, Instant addedAt) {}

    /** A partner account with the caller's role in it. */
    public record MembershipRow(UUID partnerId, String name, MemberRole role, long version, Instant createdAt) {}

    public Optional<MemberRole> role(UUID partnerId, UUID userId) {
        @SuppressWarnings("unchecked")
        List<String> roles = getEntityManager().createNativeQuery(MEMBER_ROLE)
                .setParameter("p", partnerId).setParameter("u", userId).getResultList();
        return roles.isEmpty() ? Optional.empty() : Optional.of(MemberRole.valueOf(roles.get(0)));
    }

    public void putMember(UUID partnerId, UUID userId, MemberRole role) {
        getEntityManager().createNativeQuery(UPSERT_MEMBER)
                .setParameter("p", partnerId).setParameter("u", userId).setParameter("r", role.name()).executeUpdate();
    }

    public MemberRow member(UUID partnerId, UUID userId) {
        return memberRow((Object[]) getEntityManager().createNativeQuery(MEMBER)
                .setParameter("p", partnerId).setParameter("u", userId).getSingleResult());
    }

    public List<MemberRow> memberPage(UUID partnerId, UUID afterUserId, int fetch) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery(MEMBER_PAGE)
                .setParameter("p", partnerId).setParameter("after", afterUserId).setParameter("n", fetch).getResultList();
        return rows.stream().map(PartnerRepository::memberRow).toList();
    }

    public List<MembershipRow> partnersOf(UUID userId, UUID afterPartnerId, int fetch) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery(PARTNERS_OF_USER)
                .setParameter("me", userId).setParameter("after", afterPartnerId).setParameter("n", fetch).getResultList();
        return rows.stream().map(r -> new MembershipRow((UUID) r[0], (String) r[1], MemberRole.valueOf((String) r[2]),
                ((Number) r[3]).longValue(), Jdbc.instant(r[4]))).toList();
    }

    public boolean removeMember(UUID partnerId, UUID userId) {
        return getEntityManager().createNativeQuery(DELETE_MEMBER)
                .setParameter("p", partnerId).setParameter("u", userId).executeUpdate() > 0;
    }

    public long otherAdmins(UUID partnerId, UUID userId) {
        return ((Number) getEntityManager().createNativeQuery(OTHER_ADMINS)
                .setParameter("p", partnerId).setParameter("u", userId).getSingleResult()).longValue();
    }

    private static MemberRow memberRow(Object[] r) {
        return new MemberRow((UUID) r[0], MemberRole.valueOf((String) r[1]), Jdbc.instant(r[2]));
    }
}
