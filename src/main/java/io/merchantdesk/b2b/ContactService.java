package io.merchantdesk.b2b;

import io.merchantdesk.b2b.B2bDtos.*;
import io.merchantdesk.kernel.access.AccessService;
import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.outbox.Outbox;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.kernel.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.*;

/**
 * Company contacts (B2B-6), their roles per location, and the migration of a customer's order history into a
 * location (B2B-1..5, B2B-7). SQL lives in {@link ContactRepository}, {@link CustomerRepository} and
 * {@link MigrationRepository}; this class holds the access checks, the rules and the order of the steps.
 *
 * <p>Concurrency: adding or removing a contact, and changing its roles, locks the customer row {@code FOR UPDATE};
 * every order write ({@link OrderService}) takes {@code FOR SHARE} on it. So an order placed, cancelled or deleted
 * while a migration runs is wholly before it (the migration sees and classifies it) or wholly after it (a new order
 * stays D2C and is not part of the migration) — the counts and the moved set always agree. The chosen locations are
 * locked {@code FOR SHARE}, so a location cannot be deleted under a contact change that refers to it.
 */
@ApplicationScoped
public class ContactService {
    @Inject
    ContactRepository contacts;

    @Inject
    CustomerRepository customers;

    @Inject
    CompanyRepository companyRows;

    @Inject
    MigrationRepository migrations;

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
        if (contacts.of(companyId, customerId).isPresent()) {
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
        contacts.persistAndFlush(contact);
        contacts.insertRoles(contact.id, locations);
        MigrationView migration = migrateTo == null ? null : migrate(storeId, company, contact, migrateTo);
        becomeMainContactIfNone(company, contact);
        if (notify) {
            outbox.email("B2B_CONTACT_ADDED", customer.email, "You can now place orders for " + company.name,
                    "Hello " + customer.displayName() + ",\n\nyou have been added to " + company.name
                            + " and can start placing B2B orders for it.\n", "company_contact", contact.id);
        }
        return new ContactAdded(view(contact, company, customer, locations), migration, notify);
    }

    /**
     * SYNC-20: the first contact of a company without a main contact becomes it. The company row is locked and re-read
     * last (after the customer, as in {@link #remove}), so a concurrent removal or PATCH is seen, and only the commit
     * of concurrent additions to the same company is serialised, not their migrations.
     */
    private void becomeMainContactIfNone(Company company, CompanyContact contact) {
        if (!companyRows.relock(company)) throw ProblemException.notFound("Company " + company.id);
        if (company.mainContactId == null) {
            company.mainContactId = contact.id; // through the entity: the company's version (ETag) goes up
            companyRows.flush();
        }
    }

    /**
     * B2B-1..4, B2B-7: one set-based UPDATE moves the customer's whole eligible history (D2C, not cancelled,
     * not deleted) into one chosen location and stamps it with the migration id, in the transaction that
     * adds the contact. The customer row is locked, so the counts taken before the UPDATE are exact.
     */
    private MigrationView migrate(UUID storeId, Company company, CompanyContact contact, UUID locationId) {
        MigrationRepository.History history = migrations.countHistory(storeId, contact.customerId);
        UUID migrationId = Ids.next();
        Instant now = Instant.now();
        migrations.insertRecord(migrationId, storeId, company.id, contact.id, contact.customerId, locationId, history,
                currentUser.id(), now);
        int moved = migrations.moveOrders(storeId, contact.customerId, locationId, migrationId);
        if (moved != history.eligible()) {
            // Cannot happen while order writes honour the customer lock; if it does, nothing is kept (B2B-7).
            throw ProblemException.conflict("B2B_MIGRATION_CONCURRENT_CHANGE", "The customer's orders changed during the migration; nothing was moved, retry");
        }
        return new MigrationView(migrationId, locationId, moved, history.skipped(), now, null, null);
    }

    /**
     * B2B-5: removes the contact; with revert, exactly the orders its migrations moved return to D2C. SYNC-20: when it
     * was the company's main contact, the company has none afterwards.
     */
    @Transactional
    public ContactRemoved remove(UUID storeId, UUID companyId, UUID customerId, boolean revert) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        if (revert) {
            access.store(storeId, Permission.MANAGE_ORDERS);
        }
        Company company = companies.find(storeId, companyId);
        lockCustomer(storeId, customerId);
        CompanyContact contact = contacts.of(companyId, customerId)
                .orElseThrow(() -> ProblemException.notFound("Contact (customer " + customerId + ") of company " + companyId));
        int reverted = 0;
        List<UUID> migrationIds = new ArrayList<>();
        if (revert) {
            for (MigrationRepository.Reverted r : migrations.revertForContact(contact.id)) {
                migrationIds.add(r.migrationId());
                reverted += r.orders();
            }
        }
        clearMainContact(company, contact);
        contacts.delete(contact);
        return new ContactRemoved(contact.id, companyId, customerId, reverted, migrationIds);
    }

    /**
     * SYNC-20: removing the main contact clears it. Done here through the entity rather than left to the foreign key's
     * ON DELETE SET NULL, which changes the row behind Hibernate's back: the version (ETag) would stay as it was, and a
     * later flush of the loaded company would write the deleted id back. The lock (taken after the customer's, as in
     * {@link #add}) keeps a concurrent PATCH from making the contact main again before the delete.
     */
    private void clearMainContact(Company company, CompanyContact contact) {
        if (!companyRows.relock(company)) throw ProblemException.notFound("Company " + company.id);
        if (contact.id.equals(company.mainContactId)) {
            company.mainContactId = null;
            companyRows.flush();
        }
    }

    /** One contact of the company with its roles (ETag: the contact's version, which every role change increments). */
    public ContactView get(UUID storeId, UUID companyId, UUID customerId) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        Company company = companies.find(storeId, companyId);
        CompanyContact contact = contacts.of(companyId, customerId)
                .orElseThrow(() -> ProblemException.notFound("Contact (customer " + customerId + ") of company " + companyId));
        return view(contact, company);
    }

    /**
     * Gives the contact a role at a location of the company, or changes the role it has there. The customer is
     * locked {@code FOR UPDATE} (as for adding a contact), so an order being placed at the location sees the
     * roles before or after the change, never in between; the location is locked {@code FOR SHARE}.
     */
    @Transactional
    public ContactView setRole(UUID storeId, UUID companyId, UUID customerId, UUID locationId, CompanyContact.Role role, String ifMatch) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        Company company = companies.find(storeId, companyId);
        requireLocation(company, locationId);
        CompanyContact contact = lockContact(storeId, companyId, customerId, ifMatch);
        contacts.setRole(contact.id, locationId, role);
        return changed(contact, company);
    }

    /**
     * Takes the contact's role at a location away. A contact keeps at least one role: removing the last one is
     * refused (409 {@code B2B_CONTACT_LAST_LOCATION}); remove the contact from the company instead (B2B-5).
     * Orders already placed at the location stay there (B2B-1).
     */
    @Transactional
    public ContactView removeRole(UUID storeId, UUID companyId, UUID customerId, UUID locationId, String ifMatch) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        Company company = companies.find(storeId, companyId);
        requireLocation(company, locationId);
        CompanyContact contact = lockContact(storeId, companyId, customerId, ifMatch);
        Map<UUID, List<LocationRole>> roles = contacts.rolesOf(List.of(contact.id));
        List<LocationRole> current = roles.getOrDefault(contact.id, List.of());
        if (current.stream().noneMatch(r -> r.locationId().equals(locationId))) {
            throw ProblemException.notFound("Role of contact (customer " + customerId + ") at location " + locationId);
        }
        if (current.size() == 1) {
            throw new ProblemException(409, "B2B_CONTACT_LAST_LOCATION", "Conflict",
                    "This is the contact's only location; a contact keeps at least one role. Remove the contact from the company instead",
                    List.of(new FieldError("locationId", "the contact's only location")));
        }
        contacts.removeRole(contact.id, locationId);
        return changed(contact, company);
    }

    public Page<ContactView> list(UUID storeId, UUID companyId, PageParams page) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        Company company = companies.find(storeId, companyId);
        List<CompanyContact> rows = contacts.ofCompany(companyId, after(page), page.limit + 1);
        return page(rows, page.limit, Map.of(company.id, company));
    }

    /** The companies a customer is a contact of (a customer may belong to several). */
    public Page<ContactView> listForCustomer(UUID storeId, UUID customerId, PageParams page) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        if (customers.inStore(storeId, customerId).isEmpty()) throw ProblemException.notFound("Customer " + customerId);
        List<CompanyContact> rows = contacts.ofCustomer(customerId, after(page), page.limit + 1);
        return page(rows, page.limit, companyRows.byIds(rows.stream().map(r -> r.companyId).toList()));
    }

    private static UUID after(PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 1);
        return after == null ? null : Cursors.uuid(after.get(0));
    }

    private Page<ContactView> page(List<CompanyContact> rows, int limit, Map<UUID, Company> companiesById) {
        Map<UUID, List<LocationRole>> roles = contacts.rolesOf(rows.stream().map(r -> r.id).toList());
        Map<UUID, Customer> byId = customers.byIds(rows.stream().map(r -> r.customerId).toList());
        return Page.of(rows, limit, c -> view(c, companiesById.get(c.companyId), byId.get(c.customerId),
                roles.getOrDefault(c.id, List.of())), c -> Cursors.encode(c.id));
    }

    /**
     * Locations must be distinct locations of this company (a foreign one is refused), and the migration
     * target must be one of them (B2B-3). The chosen locations stay locked {@code FOR SHARE} until commit.
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
        Set<UUID> own = companyRows.lockOwnLocationsForShare(company.id, seen);
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

    /** The location in the path must be the company's (404 otherwise); locked {@code FOR SHARE}. */
    private void requireLocation(Company company, UUID locationId) {
        if (companyRows.lockOwnLocationsForShare(company.id, List.of(locationId)).isEmpty()) {
            throw ProblemException.notFound("Location " + locationId + " of company " + company.id);
        }
    }

    /** Customer {@code FOR UPDATE}, then the contact {@code FOR UPDATE}, then If-Match against its version. */
    private CompanyContact lockContact(UUID storeId, UUID companyId, UUID customerId, String ifMatch) {
        if (customers.lockForUpdate(storeId, customerId).isEmpty()) {
            throw ProblemException.notFound("Contact (customer " + customerId + ") of company " + companyId);
        }
        CompanyContact contact = contacts.lock(companyId, customerId)
                .orElseThrow(() -> ProblemException.notFound("Contact (customer " + customerId + ") of company " + companyId));
        Etags.requireMatch(ifMatch, contact.version);
        return contact;
    }

    /** A role changed: the contact's version goes up (its ETag), and the view shows the roles now. */
    private ContactView changed(CompanyContact contact, Company company) {
        contact.updatedAt = Instant.now();
        contacts.flush();
        return view(contact, company);
    }

    private ContactView view(CompanyContact contact, Company company) {
        Customer customer = customers.findById(contact.customerId);
        return view(contact, company, customer, contacts.rolesOf(List.of(contact.id)).getOrDefault(contact.id, List.of()));
    }

    /** FOR UPDATE on the customer: serialises with order writes (FOR SHARE) and with other contact changes. */
    private Customer lockCustomer(UUID storeId, UUID customerId) {
        return customers.lockForUpdate(storeId, customerId).orElseThrow(() ->
                new ProblemException(404, "NOT_FOUND", "Not found", "Customer " + customerId + " not found",
                        List.of(new FieldError("customerId", "no such customer in this store"))));
    }

    private static ContactView view(CompanyContact c, Company company, Customer customer, List<LocationRole> locations) {
        return new ContactView(c.id, c.companyId, company == null ? null : company.name, c.customerId,
                customer == null ? null : customer.displayName(), customer == null ? null : customer.email,
                List.copyOf(locations), c.version, c.createdAt);
    }
}
