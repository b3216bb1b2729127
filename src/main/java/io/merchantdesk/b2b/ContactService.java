package io.merchantdesk.b2b;

import io.merchantdesk.b2b.B2bDtos.*;
import io.merchantdesk.kernel.access.AccessService;
import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.outbox.Outbox;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.kernel.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.*;

/**
 * Company contacts (B2B-6) and the migration of a customer's order history into a location (B2B-1..5, B2B-7).
 *
 * <p>Concurrency: adding or removing a contact locks the customer row {@code FOR UPDATE}; every order write
 * ({@link OrderService}) takes {@code FOR SHARE} on it. So an order placed, cancelled or deleted while a
 * migration runs is wholly before it (the migration sees and classifies it) or wholly after it (a new order
 * stays D2C and is not part of the migration) — the counts and the moved set always agree.
 */
@ApplicationScoped
public class ContactService {
    @Inject
    EntityManager em;

    @Inject
    AccessService access;

    @Inject
    CurrentUser currentUser;

    @Inject
    CompanyService companies;

    @Inject
    Outbox outbox;

    /** Both entry points of B2B-6 end here. */
    @Transactional
    public ContactAdded add(UUID storeId, UUID companyId, UUID customerId, List<LocationRole> locations,
                            UUID migrateTo, boolean notify) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        if (migrateTo != null) {
            access.store(storeId, Permission.MANAGE_ORDERS);
        }
        Company company = companies.find(storeId, companyId);
        validateLocations(company, locations, migrateTo);
        Customer customer = lockCustomer(storeId, customerId);
        if (!em.createNativeQuery("SELECT 1 FROM company_contacts WHERE company_id = :co AND customer_id = :cu")
                .setParameter("co", companyId).setParameter("cu", customerId).getResultList().isEmpty()) {
            throw new ProblemException(409, "B2B_CONTACT_EXISTS", "Conflict", "The customer is already a contact of this company",
                    List.of(new FieldError("customerId", "already a contact of this company")));
        }
        if (notify && customer.email == null) {
            throw ProblemException.rule("B2B_CUSTOMER_HAS_NO_EMAIL", "B2B-6: the customer cannot be notified without an e-mail address",
                    List.of(new FieldError("notifyCustomer", "the customer has no e-mail address")));
        }
        CompanyContact contact = new CompanyContact();
        contact.companyId = companyId;
        contact.customerId = customerId;
        contact.storeId = storeId;
        contact.persist();
        em.flush();
        em.createNativeQuery("""
                INSERT INTO contact_location_roles (contact_id, location_id, role)
                SELECT :contact, l, r FROM unnest(CAST(:locs AS uuid[]), CAST(:roles AS text[])) AS t(l, r)""")
                .setParameter("contact", contact.id)
                .setParameter("locs", locations.stream().map(LocationRole::locationId).toArray(UUID[]::new))
                .setParameter("roles", locations.stream().map(l -> l.role().name()).toArray(String[]::new))
                .executeUpdate();
        MigrationView migration = migrateTo == null ? null : migrate(storeId, company, contact, migrateTo);
        if (notify) {
            outbox.email("B2B_CONTACT_ADDED", customer.email, "You can now place orders for " + company.name,
                    "Hello " + customer.displayName() + ",\n\nyou have been added to " + company.name
                            + " and can start placing B2B orders for it.\n", "company_contact", contact.id);
        }
        return new ContactAdded(view(contact, company, customer, locations), migration, notify);
    }

    /**
     * B2B-1..4, B2B-7: one set-based UPDATE moves the customer's whole eligible history (D2C, not cancelled,
     * not deleted) into one chosen location and stamps it with the migration id, in the transaction that
     * adds the contact. The customer row is locked, so the counts taken before the UPDATE are exact.
     */
    private MigrationView migrate(UUID storeId, Company company, CompanyContact contact, UUID locationId) {
        Object[] c = (Object[]) em.createNativeQuery("""
                SELECT count(*) FILTER (WHERE deleted_at IS NULL AND status <> 'CANCELLED' AND company_location_id IS NULL),
                       count(*) FILTER (WHERE deleted_at IS NOT NULL),
                       count(*) FILTER (WHERE deleted_at IS NULL AND status = 'CANCELLED'),
                       count(*) FILTER (WHERE deleted_at IS NULL AND status <> 'CANCELLED' AND company_location_id IS NOT NULL)
                FROM orders WHERE customer_id = :customer AND store_id = :store""")
                .setParameter("customer", contact.customerId).setParameter("store", storeId).getSingleResult();
        int eligible = ((Number) c[0]).intValue();
        Skipped skipped = new Skipped(((Number) c[1]).intValue(), ((Number) c[2]).intValue(), ((Number) c[3]).intValue(),
                ((Number) c[1]).intValue() + ((Number) c[2]).intValue() + ((Number) c[3]).intValue());
        UUID migrationId = Ids.next();
        Instant now = Instant.now();
        em.createNativeQuery("""
                INSERT INTO contact_migrations (id, store_id, company_id, contact_id, customer_id, location_id, moved_count,
                    skipped_already_b2b, skipped_cancelled, skipped_deleted, created_by, created_at)
                VALUES (:id, :store, :company, :contact, :customer, :location, :moved, :b2b, :cancelled, :deleted, :me, :now)""")
                .setParameter("id", migrationId).setParameter("store", storeId).setParameter("company", company.id)
                .setParameter("contact", contact.id).setParameter("customer", contact.customerId).setParameter("location", locationId)
                .setParameter("moved", eligible).setParameter("b2b", skipped.alreadyB2b()).setParameter("cancelled", skipped.cancelled())
                .setParameter("deleted", skipped.deleted()).setParameter("me", currentUser.id()).setParameter("now", Timestamp.from(now))
                .executeUpdate();
        int moved = em.createNativeQuery("""
                UPDATE orders SET company_location_id = :location, migration_id = :migration,
                                  updated_at = now(), version = version + 1
                WHERE customer_id = :customer AND store_id = :store
                  AND company_location_id IS NULL AND status <> 'CANCELLED' AND deleted_at IS NULL""")
                .setParameter("location", locationId).setParameter("migration", migrationId)
                .setParameter("customer", contact.customerId).setParameter("store", storeId)
                .executeUpdate();
        if (moved != eligible) {
            // Cannot happen while order writes honour the customer lock; if it does, nothing is kept (B2B-7).
            throw ProblemException.conflict("B2B_MIGRATION_CONCURRENT_CHANGE", "The customer's orders changed during the migration; nothing was moved, retry");
        }
        return new MigrationView(migrationId, locationId, moved, skipped, now, null, null);
    }

    /** B2B-5: removes the contact; with revert, exactly the orders its migrations moved return to D2C. */
    @Transactional
    public ContactRemoved remove(UUID storeId, UUID companyId, UUID customerId, boolean revert) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        if (revert) {
            access.store(storeId, Permission.MANAGE_ORDERS);
        }
        companies.find(storeId, companyId);
        lockCustomer(storeId, customerId);
        List<?> ids = em.createNativeQuery("SELECT id FROM company_contacts WHERE company_id = :co AND customer_id = :cu")
                .setParameter("co", companyId).setParameter("cu", customerId).getResultList();
        if (ids.isEmpty()) throw ProblemException.notFound("Contact " + customerId + " of company " + companyId);
        UUID contactId = (UUID) ids.get(0);
        int reverted = 0;
        List<UUID> migrations = new ArrayList<>();
        if (revert) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    WITH m AS (SELECT id FROM contact_migrations WHERE contact_id = :contact AND reverted_at IS NULL FOR UPDATE),
                         r AS (UPDATE orders o SET company_location_id = NULL, migration_id = NULL,
                                                   updated_at = now(), version = o.version + 1
                               FROM m WHERE o.migration_id = m.id RETURNING m.id AS migration_id),
                         c AS (SELECT m.id, (SELECT count(*) FROM r WHERE r.migration_id = m.id) AS n FROM m),
                         u AS (UPDATE contact_migrations cm SET reverted_at = now(), reverted_count = c.n FROM c WHERE cm.id = c.id)
                    SELECT id, n FROM c""")
                    .setParameter("contact", contactId).getResultList();
            // One statement reverts the orders and marks every migration reverted with its count.
            for (Object[] r : rows) {
                migrations.add((UUID) r[0]);
                reverted += ((Number) r[1]).intValue();
            }
        }
        em.createNativeQuery("DELETE FROM company_contacts WHERE id = :id").setParameter("id", contactId).executeUpdate();
        return new ContactRemoved(contactId, companyId, customerId, reverted, migrations);
    }

    public Page<ContactView> list(UUID storeId, UUID companyId, PageParams page) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        Company company = companies.find(storeId, companyId);
        List<String> after = Cursors.decode(page.cursor, 1);
        var q = em.createQuery("FROM CompanyContact c WHERE c.companyId = :co" + (after == null ? "" : " AND c.id > :after")
                + " ORDER BY c.id", CompanyContact.class).setParameter("co", companyId).setMaxResults(page.limit + 1);
        if (after != null) q.setParameter("after", Cursors.uuid(after.get(0)));
        List<CompanyContact> rows = q.getResultList();
        return page(rows, page.limit, Map.of(company.id, company));
    }

    /** The companies a customer is a contact of (a customer may belong to several). */
    public Page<ContactView> listForCustomer(UUID storeId, UUID customerId, PageParams page) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        Customer customer = em.find(Customer.class, customerId);
        if (customer == null || !customer.storeId.equals(storeId)) throw ProblemException.notFound("Customer " + customerId);
        List<String> after = Cursors.decode(page.cursor, 1);
        var q = em.createQuery("FROM CompanyContact c WHERE c.customerId = :cu" + (after == null ? "" : " AND c.id > :after")
                + " ORDER BY c.id", CompanyContact.class).setParameter("cu", customerId).setMaxResults(page.limit + 1);
        if (after != null) q.setParameter("after", Cursors.uuid(after.get(0)));
        List<CompanyContact> rows = q.getResultList();
        Map<UUID, Company> byId = new HashMap<>();
        if (!rows.isEmpty()) {
            em.createQuery("FROM Company c WHERE c.id IN :ids", Company.class)
                    .setParameter("ids", rows.stream().map(r -> r.companyId).toList()).getResultList().forEach(c -> byId.put(c.id, c));
        }
        return page(rows, page.limit, byId);
    }

    private Page<ContactView> page(List<CompanyContact> rows, int limit, Map<UUID, Company> companiesById) {
        Map<UUID, List<LocationRole>> roles = new HashMap<>();
        Map<UUID, Customer> customers = new HashMap<>();
        if (!rows.isEmpty()) {
            List<UUID> ids = rows.stream().map(r -> r.id).toList();
            @SuppressWarnings("unchecked")
            List<Object[]> rr = em.createNativeQuery("""
                    SELECT r.contact_id, r.location_id, r.role FROM contact_location_roles r
                    WHERE r.contact_id = ANY(CAST(:ids AS uuid[])) ORDER BY r.contact_id, r.location_id""")
                    .setParameter("ids", ids.toArray(UUID[]::new)).getResultList();
            for (Object[] r : rr) {
                roles.computeIfAbsent((UUID) r[0], k -> new ArrayList<>())
                        .add(new LocationRole((UUID) r[1], CompanyContact.Role.valueOf((String) r[2])));
            }
            em.createQuery("FROM Customer c WHERE c.id IN :ids", Customer.class)
                    .setParameter("ids", rows.stream().map(r -> r.customerId).toList()).getResultList().forEach(c -> customers.put(c.id, c));
        }
        return Page.of(rows, limit, c -> view(c, companiesById.get(c.companyId), customers.get(c.customerId),
                roles.getOrDefault(c.id, List.of())), c -> Cursors.encode(c.id));
    }

    /**
     * Locations must be distinct locations of this company (a foreign one is refused), and the migration
     * target must be one of them (B2B-3).
     */
    private void validateLocations(Company company, List<LocationRole> locations, UUID migrateTo) {
        List<FieldError> duplicates = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < locations.size(); i++) {
            if (!seen.add(locations.get(i).locationId())) {
                duplicates.add(new FieldError("locations[" + i + "].locationId", "chosen twice"));
            }
        }
        if (!duplicates.isEmpty()) {
            throw ProblemException.badRequest("B2B_DUPLICATE_LOCATION", "A location can be chosen once per contact", duplicates);
        }
        @SuppressWarnings("unchecked")
        Set<UUID> own = new HashSet<>((List<UUID>) em.createNativeQuery(
                        "SELECT id FROM company_locations WHERE company_id = :c AND id = ANY(CAST(:ids AS uuid[]))")
                .setParameter("c", company.id).setParameter("ids", seen.toArray(UUID[]::new)).getResultList());
        List<FieldError> foreign = new ArrayList<>();
        for (int i = 0; i < locations.size(); i++) {
            if (!own.contains(locations.get(i).locationId())) {
                foreign.add(new FieldError("locations[" + i + "].locationId", "not a location of company " + company.id));
            }
        }
        if (!foreign.isEmpty()) {
            throw ProblemException.rule("B2B_LOCATION_NOT_IN_COMPANY", "B2B-6: every chosen location must belong to the company", foreign);
        }
        if (migrateTo != null && !seen.contains(migrateTo)) {
            throw ProblemException.rule("B2B_MIGRATION_LOCATION_NOT_CHOSEN",
                    "B2B-3: orders can only move into one of the locations the customer is being added to",
                    List.of(new FieldError("migrateOrdersToLocationId", "not one of the chosen locations")));
        }
    }

    /** FOR UPDATE on the customer: serialises with order writes (FOR SHARE) and with other contact changes. */
    private Customer lockCustomer(UUID storeId, UUID customerId) {
        @SuppressWarnings("unchecked")
        List<Customer> found = em.createNativeQuery("SELECT * FROM customers WHERE id = :c AND store_id = :s FOR UPDATE", Customer.class)
                .setParameter("c", customerId).setParameter("s", storeId).getResultList();
        if (found.isEmpty()) {
            throw new ProblemException(404, "NOT_FOUND", "Not found", "Customer " + customerId + " not found",
                    List.of(new FieldError("customerId", "no such customer in this store")));
        }
        return found.get(0);
    }

    private static ContactView view(CompanyContact c, Company company, Customer customer, List<LocationRole> locations) {
        return new ContactView(c.id, c.companyId, company == null ? null : company.name, c.customerId,
                customer == null ? null : customer.displayName(), customer == null ? null : customer.email,
                List.copyOf(locations), c.createdAt);
    }
}
