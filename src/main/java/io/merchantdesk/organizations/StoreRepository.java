package io.merchantdesk.organizations;

import io.merchantdesk.kernel.access.Tenancy;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.*;
import java.util.stream.Collectors;

/** Every query of the {@code stores} table (Panache for single rows, named native SQL for the relation and set reads). */
@ApplicationScoped
class StoreRepository implements PanacheRepositoryBase<Store, UUID> {

    /** Stores a user owns, is staff on, or administers as organization owner or ADMIN; keyset by id. */
    static final String VISIBLE_PAGE = """
            SELECT s.* FROM stores s
            WHERE (s.owner_id = :me
                   OR EXISTS (SELECT 1 FROM store_staff st WHERE st.store_id = s.id AND st.user_id = :me)
                   OR s.organization_id IN (SELECT o.id FROM organizations o WHERE o.owner_id = :me
                                            UNION SELECT m.organization_id FROM organization_members m
                                                  WHERE m.user_id = :me AND m.role = 'ADMIN'))
              AND (CAST(:after AS uuid) IS NULL OR s.id > CAST(:after AS uuid))
            ORDER BY s.id LIMIT :n""";

    /** Which of the stores a user can see at all (owner, staff, organization owner or member). */
    static final String VISIBLE_AMONG = """
            SELECT s.id FROM stores s WHERE s.id IN (:ids) AND (s.owner_id = :me
               OR EXISTS (SELECT 1 FROM store_staff st WHERE st.store_id = s.id AND st.user_id = :me)
               OR EXISTS (SELECT 1 FROM organizations o WHERE o.id = s.organization_id AND o.owner_id = :me)
               OR EXISTS (SELECT 1 FROM organization_members m WHERE m.organization_id = s.organization_id AND m.user_id = :me))""";

    /** How one user relates to one store, in one row (no row: no such store). */
    static final String RELATION = """
            SELECT s.owner_id = :me,
                   coalesce(o.owner_id = :me, false),
                   coalesce(m.role = 'ADMIN', false),
                   st.permissions,
                   m.permissions
            FROM stores s
            LEFT JOIN organizations o ON o.id = s.organization_id
            LEFT JOIN organization_members m ON m.organization_id = s.organization_id AND m.user_id = :me
            LEFT JOIN store_staff st ON st.store_id = s.id AND st.user_id = :me
            WHERE s.id = :store""";

    static final String FACTS = """
            SELECT id, name, owner_id, organization_id, billing_currency, plan
            FROM stores WHERE id = ANY(CAST(:ids AS uuid[]))""";

    static final String COUNT_BY_ORGANIZATION =
            "SELECT organization_id, count(*) FROM stores WHERE organization_id IN (:ids) GROUP BY organization_id";

    /** The store locked for update, or null. */
    Store lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The stores among the ids in id order, locked for update when asked (id order prevents deadlocks). */
    Map<UUID, Store> byIds(List<UUID> ids, boolean lock) {
        var query = find("id in ?1", Sort.by("id"), ids);
        if (lock) query.withLock(LockModeType.PESSIMISTIC_WRITE);
        return query.list().stream().collect(Collectors.toMap(s -> s.id, s -> s));
    }

    @SuppressWarnings("unchecked")
    List<Store> visiblePage(UUID me, UUID after, int n) {
        return getEntityManager().createNativeQuery(VISIBLE_PAGE, Store.class)
                .setParameter("me", me).setParameter("after", after).setParameter("n", n).getResultList();
    }

    @SuppressWarnings("unchecked")
    Set<UUID> visibleAmong(List<UUID> ids, UUID me) {
        return new HashSet<>((List<UUID>) getEntityManager().createNativeQuery(VISIBLE_AMONG)
                .setParameter("ids", ids).setParameter("me", me).getResultList());
    }

    List<Store> ofOrganization(UUID organizationId) {
        return list("organizationId", Sort.by("id"), organizationId);
    }

    /** The store ids of each organization, in one query. */
    Map<UUID, List<UUID>> idsByOrganization(Collection<UUID> organizationIds) {
        return getEntityManager().createQuery(
                        "SELECT organizationId, id FROM Store WHERE organizationId IN :ids ORDER BY id", Object[].class)
                .setParameter("ids", organizationIds).getResultStream()
                .collect(Collectors.groupingBy(r -> (UUID) r[0], Collectors.mapping(r -> (UUID) r[1], Collectors.toList())));
    }

    Map<UUID, Long> countByOrganization(Collection<UUID> organizationIds) {
        Map<UUID, Long> counts = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery(COUNT_BY_ORGANIZATION)
                .setParameter("ids", organizationIds).getResultList();
        rows.forEach(r -> counts.put((UUID) r[0], ((Number) r[1]).longValue()));
        return counts;
    }

    Optional<Tenancy.StoreRelation> relation(UUID storeId, UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery(RELATION)
                .setParameter("me", userId).setParameter("store", storeId).getResultList();
        if (rows.isEmpty()) return Optional.empty();
        Object[] r = rows.get(0);
        return Optional.of(new Tenancy.StoreRelation((Boolean) r[0], (Boolean) r[1], (Boolean) r[2],
                SqlArrays.strings(r[3]), SqlArrays.strings(r[4])));
    }

    Map<UUID, Tenancy.StoreFacts> facts(Collection<UUID> storeIds) {
        Map<UUID, Tenancy.StoreFacts> facts = new HashMap<>();
        if (storeIds.isEmpty()) return facts;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery(FACTS)
                .setParameter("ids", storeIds.stream().map(UUID::toString).toArray(String[]::new))
                .getResultList();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            facts.put(id, new Tenancy.StoreFacts(id, (String) r[1], (UUID) r[2], (UUID) r[3], (String) r[4], (String) r[5]));
        }
        return facts;
    }
}
