package io.merchantdesk.organizations;

import io.merchantdesk.kernel.access.Tenancy;
import io.merchantdesk.kernel.money.Money;
import io.merchantdesk.kernel.persistence.JdbcReads;
import io.merchantdesk.organizations.StoreDtos.StoreView;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.*;
import java.util.stream.Collectors;

/** Every query of the {@code stores} table (Panache for single rows, named native SQL for the relation and set reads). */
@ApplicationScoped
class StoreRepository implements PanacheRepositoryBase<Store, UUID> {
    @Inject
    JdbcReads jdbc;

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

    /** The joins of a store to one user's relations; parameters: the user, then the store. */
    private static final String RELATION_FROM = """
            FROM (SELECT CAST(? AS uuid) AS me, CAST(? AS uuid) AS store_id) p
            JOIN stores s ON s.id = p.store_id
            LEFT JOIN organizations o ON o.id = s.organization_id
            LEFT JOIN organization_members m ON m.organization_id = s.organization_id AND m.user_id = p.me
            LEFT JOIN store_staff st ON st.store_id = s.id AND st.user_id = p.me
            """;

    private static final String RELATION_COLUMNS =
            "SELECT s.owner_id = p.me, coalesce(o.owner_id = p.me, false), coalesce(m.role = 'ADMIN', false), st.permissions, m.permissions";

    /** How one user relates to one store, in one row (no row: no such store). */
    static final String RELATION = RELATION_COLUMNS + "\n" + RELATION_FROM;

    /**
     * The store's view columns and the user's relation to it in one row (GET /stores/{id}: the access check shares
     * the point read's round trip). Columns 1-5 as {@link #RELATION}, then the store.
     */
    static final String READ_WITH_RELATION = RELATION_COLUMNS + """
            , s.id, s.name, s.owner_id, s.billing_currency, s.plan, s.organization_id, s.outstanding_balance,
              s.billing_threshold, s.needs_billing_setup, s.version, s.created_at
            """ + RELATION_FROM;

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
        return jdbc.one(RELATION, bindRelation(storeId, userId), StoreRepository::relationOf);
    }

    /** The store with the user's relation to it, in one statement; empty when there is no such store. */
    Optional<StoreRead> readWithRelation(UUID storeId, UUID userId) {
        return jdbc.one(READ_WITH_RELATION, bindRelation(storeId, userId), rs -> {
            String currency = rs.getString(9);
            StoreView view = new StoreView(rs.getObject(6, UUID.class), rs.getString(7), rs.getObject(8, UUID.class), currency,
                    Plan.valueOf(rs.getString(10)), rs.getObject(11, UUID.class),
                    Money.of(rs.getBigDecimal(12), currency), Money.of(rs.getBigDecimal(13), currency),
                    rs.getBoolean(14), rs.getLong(15), rs.getTimestamp(16).toInstant());
            return new StoreRead(view, relationOf(rs));
        });
    }

    record StoreRead(StoreView view, Tenancy.StoreRelation relation) {}

    private static JdbcReads.Binder bindRelation(UUID storeId, UUID userId) {
        return ps -> {
            ps.setObject(1, userId);
            ps.setObject(2, storeId);
        };
    }

    private static Tenancy.StoreRelation relationOf(ResultSet rs) throws SQLException {
        return new Tenancy.StoreRelation(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3),
                JdbcReads.strings(rs, 4), JdbcReads.strings(rs, 5));
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
