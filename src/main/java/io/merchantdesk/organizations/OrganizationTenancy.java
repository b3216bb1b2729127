package io.merchantdesk.organizations;

import io.merchantdesk.kernel.access.Tenancy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The organizations package's answer to the kernel's {@link Tenancy} questions: its tables, its SQL. */
@ApplicationScoped
public class OrganizationTenancy implements Tenancy {
    @Inject
    EntityManager em;

    @Override
    public Optional<StoreRelation> storeRelation(UUID storeId, UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT s.owner_id = :me,
                       coalesce(o.owner_id = :me, false),
                       coalesce(m.role = 'ADMIN', false),
                       st.permissions,
                       m.permissions
                FROM stores s
                LEFT JOIN organizations o ON o.id = s.organization_id
                LEFT JOIN organization_members m ON m.organization_id = s.organization_id AND m.user_id = :me
                LEFT JOIN store_staff st ON st.store_id = s.id AND st.user_id = :me
                WHERE s.id = :store""")
                .setParameter("me", userId).setParameter("store", storeId).getResultList();
        if (rows.isEmpty()) return Optional.empty();
        Object[] r = rows.get(0);
        return Optional.of(new StoreRelation((Boolean) r[0], (Boolean) r[1], (Boolean) r[2], asList(r[3]), asList(r[4])));
    }

    @Override
    public Optional<OrganizationRelation> organizationRelation(UUID organizationId, UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT o.owner_id = :me, m.role, m.permissions
                FROM organizations o
                LEFT JOIN organization_members m ON m.organization_id = o.id AND m.user_id = :me
                WHERE o.id = :org""")
                .setParameter("me", userId).setParameter("org", organizationId).getResultList();
        if (rows.isEmpty()) return Optional.empty();
        Object[] r = rows.get(0);
        return Optional.of(new OrganizationRelation((Boolean) r[0], (String) r[1], asList(r[2])));
    }

    @Override
    public Optional<StoreFacts> store(UUID storeId) {
        return Optional.ofNullable(stores(List.of(storeId)).get(storeId));
    }

    @Override
    public Map<UUID, StoreFacts> stores(Collection<UUID> storeIds) {
        Map<UUID, StoreFacts> facts = new HashMap<>();
        if (storeIds.isEmpty()) return facts;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, name, owner_id, organization_id, billing_currency, plan
                FROM stores WHERE id = ANY(CAST(:ids AS uuid[]))""")
                .setParameter("ids", storeIds.stream().map(UUID::toString).toArray(String[]::new))
                .getResultList();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            facts.put(id, new StoreFacts(id, (String) r[1], (UUID) r[2], (UUID) r[3], (String) r[4], (String) r[5]));
        }
        return facts;
    }

    static List<String> asList(Object sqlArray) {
        if (sqlArray == null) return null;
        if (sqlArray instanceof String[] a) return List.of(a);
        if (sqlArray instanceof Object[] a) return Arrays.stream(a).map(String::valueOf).toList();
        if (sqlArray instanceof java.sql.Array a) {
            try {
                return List.of((String[]) a.getArray());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Unexpected array type " + sqlArray.getClass());
    }
}
