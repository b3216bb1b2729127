package io.merchantdesk.b2b;

import io.merchantdesk.b2b.B2bDtos.LocationRole;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Every query of the {@code company_contacts} and {@code contact_location_roles} tables. */
@ApplicationScoped
public class ContactRepository implements PanacheRepositoryBase<CompanyContact, UUID> {

    /** All roles of a new contact in one statement. */
    private static final String INSERT_ROLES = """
            INSERT INTO contact_location_roles (contact_id, location_id, role)
            SELECT :contact, l, r FROM unnest(CAST(:locs AS uuid[]), CAST(:roles AS text[])) AS t(l, r)""";
    private static final String SET_ROLE = """
            INSERT INTO contact_location_roles (contact_id, location_id, role) VALUES (:contact, :location, :role)
            ON CONFLICT (contact_id, location_id) DO UPDATE SET role = EXCLUDED.role""";
    private static final String REMOVE_ROLE = "DELETE FROM contact_location_roles WHERE contact_id = :contact AND location_id = :location";
    private static final String ROLES_OF = """
            SELECT r.contact_id, r.location_id, r.role FROM contact_location_roles r
            WHERE r.contact_id = ANY(CAST(:ids AS uuid[])) ORDER BY r.contact_id, r.location_id""";
    /** Contacts whose one and only role is at the location (they would be left without any). */
    private static final String ONLY_ROLE_AT = """
            SELECT c.customer_id FROM company_contacts c
            JOIN contact_location_roles r ON r.contact_id = c.id AND r.location_id = :location
            WHERE NOT EXISTS (SELECT 1 FROM contact_location_roles o WHERE o.contact_id = c.id AND o.location_id <> :location)
            ORDER BY c.customer_id""";
    /**
     * Whether the customer has a role at the store's location (no row: no such location in this store). Locks the
     * location {@code FOR SHARE}, so it cannot be deleted under an order being placed there.
     */
    private static final String ROLE_AT_LOCATION = """
            SELECT EXISTS (SELECT 1 FROM company_contacts c JOIN contact_location_roles r ON r.contact_id = c.id
                           WHERE c.company_id = l.company_id AND c.customer_id = :customer AND r.location_id = l.id)
            FROM company_locations l WHERE l.id = :location AND l.store_id = :store FOR SHARE""";

    public Optional<CompanyContact> of(UUID companyId, UUID customerId) {
        return find("companyId = ?1 and customerId = ?2", companyId, customerId).firstResultOptional();
    }

    /** The contact row locked {@code FOR UPDATE} (role changes: If-Match is checked against the locked version). */
    public Optional<CompanyContact> lock(UUID companyId, UUID customerId) {
        return find("companyId = ?1 and customerId = ?2", companyId, customerId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Whether the contact (by its own id) is one of the company's. */
    public boolean isContactOf(UUID companyId, UUID contactId) {
        return count("id = ?1 and companyId = ?2", contactId, companyId) > 0;
    }

    public boolean existsForCustomer(UUID customerId) {
        return count("customerId", customerId) > 0;
    }

    public List<CompanyContact> ofCompany(UUID companyId, UUID after, int limit) {
        var q = after == null ? find("companyId", Sort.by("id"), companyId)
                : find("companyId = ?1 and id > ?2", Sort.by("id"), companyId, after);
        return q.range(0, limit - 1).list();
    }

    public List<CompanyContact> ofCustomer(UUID customerId, UUID after, int limit) {
        var q = after == null ? find("customerId", Sort.by("id"), customerId)
                : find("customerId = ?1 and id > ?2", Sort.by("id"), customerId, after);
        return q.range(0, limit - 1).list();
    }

    public void insertRoles(UUID contactId, List<LocationRole> locations) {
        getEntityManager().createNativeQuery(INSERT_ROLES)
                .setParameter("contact", contactId)
                .setParameter("locs", locations.stream().map(LocationRole::locationId).toArray(UUID[]::new))
                .setParameter("roles", locations.stream().map(l -> l.role().name()).toArray(String[]::new))
                .executeUpdate();
    }

    /** Adds the role at the location, or changes it when the contact has one there. */
    public void setRole(UUID contactId, UUID locationId, CompanyContact.Role role) {
        getEntityManager().createNativeQuery(SET_ROLE).setParameter("contact", contactId).setParameter("location", locationId)
                .setParameter("role", role.name()).executeUpdate();
    }

    /** Removes the contact's role at the location; the number of rows removed (0 or 1). */
    public int removeRole(UUID contactId, UUID locationId) {
        return getEntityManager().createNativeQuery(REMOVE_ROLE).setParameter("contact", contactId).setParameter("location", locationId)
                .executeUpdate();
    }

    /** The roles of each contact, by location id. */
    public Map<UUID, List<LocationRole>> rolesOf(Collection<UUID> contactIds) {
        Map<UUID, List<LocationRole>> roles = new HashMap<>();
        if (contactIds.isEmpty()) return roles;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery(ROLES_OF)
                .setParameter("ids", contactIds.toArray(UUID[]::new)).getResultList();
        for (Object[] r : rows) {
            roles.computeIfAbsent((UUID) r[0], k -> new ArrayList<>())
                    .add(new LocationRole((UUID) r[1], CompanyContact.Role.valueOf((String) r[2])));
        }
        return roles;
    }

    /** The customers whose contact's only role is at the location. */
    public List<UUID> customersWithOnlyRoleAt(UUID locationId) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = getEntityManager().createNativeQuery(ONLY_ROLE_AT).setParameter("location", locationId).getResultList();
        return ids;
    }

    /** Empty: no such location in the store; otherwise whether the customer is a contact with a role there. */
    public Optional<Boolean> hasRoleAt(UUID storeId, UUID customerId, UUID locationId) {
        return getEntityManager().createNativeQuery(ROLE_AT_LOCATION)
                .setParameter("customer", customerId).setParameter("location", locationId).setParameter("store", storeId)
                .getResultList().stream().map(Boolean.class::cast).findFirst();
    }
}
