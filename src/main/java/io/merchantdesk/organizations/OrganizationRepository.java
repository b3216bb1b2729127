package io.merchantdesk.organizations;

import io.merchantdesk.kernel.access.Tenancy;
import io.merchantdesk.kernel.persistence.JdbcReads;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.util.*;

/** Every query of the {@code organizations} table. */
@ApplicationScoped
class OrganizationRepository implements PanacheRepositoryBase<Organization, UUID> {
    @Inject
    JdbcReads jdbc;

    /** Organizations a user owns or is a member of; keyset by id. */
    static final String OF_USER_PAGE = """
            SELECT o.* FROM organizations o
            WHERE (o.owner_id = :me OR EXISTS (SELECT 1 FROM organization_members m
                                               WHERE m.organization_id = o.id AND m.user_id = :me))
              AND (CAST(:after AS uuid) IS NULL OR o.id > CAST(:after AS uuid))
            ORDER BY o.id LIMIT :n""";

    /** How one user relates to one organization (no row: no such organization). */
    static final String RELATION = """
            SELECT o.owner_id = p.me, m.role, m.permissions
            FROM (SELECT CAST(? AS uuid) AS me, CAST(? AS uuid) AS organization_id) p
            JOIN organizations o ON o.id = p.organization_id
            LEFT JOIN organization_members m ON m.organization_id = o.id AND m.user_id = p.me""";

    /** ORG-11: deletes the organization when it has no store left. */
    static final String DELETE_IF_EMPTY =
            "DELETE FROM organizations o WHERE o.id = :o AND NOT EXISTS (SELECT 1 FROM stores s WHERE s.organization_id = o.id)";

    Organization find(UUID id, boolean lock) {
        return findById(id, lock ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE);
    }

    /** The organizations among the ids, locked in id order when asked. */
    Map<UUID, Organization> byIds(List<UUID> ids, boolean lock) {
        var query = find("id in ?1", Sort.by("id"), ids);
        if (lock) query.withLock(LockModeType.PESSIMISTIC_WRITE);
        Map<UUID, Organization> out = new HashMap<>();
        query.list().forEach(o -> out.put(o.id, o));
        return out;
    }

    @SuppressWarnings("unchecked")
    List<Organization> ofUserPage(UUID me, UUID after, int n) {
        return getEntityManager().createNativeQuery(OF_USER_PAGE, Organization.class)
                .setParameter("me", me).setParameter("after", after).setParameter("n", n).getResultList();
    }

    Optional<Tenancy.OrganizationRelation> relation(UUID organizationId, UUID userId) {
        return jdbc.one(RELATION, ps -> {
            ps.setObject(1, userId);
            ps.setObject(2, organizationId);
        }, rs -> new Tenancy.OrganizationRelation(rs.getBoolean(1), rs.getString(2), JdbcReads.strings(rs, 3)));
    }

    /** ORG-11: true when the organization had no store left and was deleted. */
    boolean deleteIfEmpty(UUID organizationId) {
        if (organizationId == null) return false;
        return getEntityManager().createNativeQuery(DELETE_IF_EMPTY).setParameter("o", organizationId).executeUpdate() == 1;
    }
}
