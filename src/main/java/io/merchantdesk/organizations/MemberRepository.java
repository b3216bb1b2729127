package io.merchantdesk.organizations;

import io.merchantdesk.organizations.GroupingRules.MemberRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Every query of {@code organization_members} (keyed by organization and user; no entity). */
@ApplicationScoped
class MemberRepository {
    static final String OF_ORGANIZATIONS = """
            SELECT organization_id, user_id, role, permissions FROM organization_members
            WHERE organization_id IN (:ids) ORDER BY organization_id, user_id""";

    /** One organization's members after a user id (keyset on the primary key). */
    static final String PAGE = """
            SELECT organization_id, user_id, role, permissions FROM organization_members
            WHERE organization_id = :o AND (CAST(:after AS uuid) IS NULL OR user_id > CAST(:after AS uuid))
            ORDER BY user_id LIMIT :n""";

    static final String UPSERT = """
            INSERT INTO organization_members (organization_id, user_id, role, permissions) VALUES (:o, :u, :r, :p)
            ON CONFLICT (organization_id, user_id) DO UPDATE SET role = EXCLUDED.role, permissions = EXCLUDED.permissions,
                updated_at = now(), version = organization_members.version + 1""";

    static final String DELETE = "DELETE FROM organization_members WHERE organization_id = :o AND user_id = :u";

    @Inject
    EntityManager em;

    List<MemberRow> ofOrganizations(Collection<UUID> organizationIds) {
        if (organizationIds.isEmpty()) return List.of();
        return rows(em.createNativeQuery(OF_ORGANIZATIONS).setParameter("ids", organizationIds).getResultList());
    }

    List<MemberRow> page(UUID organizationId, UUID afterUserId, int n) {
        return rows(em.createNativeQuery(PAGE).setParameter("o", organizationId).setParameter("after", afterUserId)
                .setParameter("n", n).getResultList());
    }

    void upsert(UUID organizationId, UUID userId, String role, String[] permissions) {
        em.createNativeQuery(UPSERT).setParameter("o", organizationId).setParameter("u", userId)
                .setParameter("r", role).setParameter("p", permissions).executeUpdate();
    }

    /** True when a membership was removed. */
    boolean delete(UUID organizationId, UUID userId) {
        return em.createNativeQuery(DELETE).setParameter("o", organizationId).setParameter("u", userId).executeUpdate() > 0;
    }

    @SuppressWarnings("unchecked")
    private static List<MemberRow> rows(List<?> result) {
        return ((List<Object[]>) result).stream()
                .map(r -> new MemberRow((UUID) r[0], (UUID) r[1], (String) r[2], SqlArrays.permissions(r[3]))).toList();
    }
}
