package io.merchantdesk.b2b;

import io.merchantdesk.kernel.persistence.Jdbc;
import io.merchantdesk.b2b.B2bDtos.*;
import io.merchantdesk.kernel.access.AccessService;
import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Companies of a store and their locations; SQL in {@link CompanyRepository}. */
@ApplicationScoped
public class CompanyService {
    @Inject
    CompanyRepository companies;

    @Inject
    ContactRepository contacts;

    @Inject
    OrderRepository orders;

    @Inject
    MigrationRepository migrations;

    @Inject
    AccessService access;

    @Transactional
    public CompanyView create(UUID storeId, CreateCompanyRequest r) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        Company c = new Company();
        c.storeId = storeId;
        c.name = r.name().trim();
        c.externalId = CustomerService.trim(r.externalId());
        c.note = r.note();
        requireExternalIdFree(storeId, c.externalId, null);
        companies.persistAndFlush(c);
        return CompanyView.of(c);
    }

    public CompanyView get(UUID storeId, UUID companyId) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        return CompanyView.of(find(storeId, companyId));
    }

    /** Companies in creation order; {@code q} matches part of the name (pg_trgm GIN on lower(name)). */
    public Page<CompanyView> list(UUID storeId, String q, PageParams page) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        List<String> after = Cursors.decode(page.cursor, 1);
        String pattern = q != null && !q.isBlank() ? Jdbc.containsPattern(q) : null;
        List<Company> rows = companies.search(storeId, pattern, after == null ? null : Cursors.uuid(after.get(0)), page.limit + 1);
        return Page.of(rows, page.limit, CompanyView::of, c -> Cursors.encode(c.id));
    }

    /**
     * Changes the fields present. The company row is locked first: a main contact being set cannot be removed before
     * this commits (removing a contact takes the same lock, {@link ContactService#remove}).
     */
    @Transactional
    public CompanyView update(UUID storeId, UUID companyId, String ifMatch, UpdateCompanyRequest r) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        Company c = companies.lockInStore(storeId, companyId).orElseThrow(() -> ProblemException.notFound("Company " + companyId));
        Etags.requireMatch(ifMatch, c.version);
        if (r.name() != null) c.name = r.name().trim();
        if (r.externalId() != null) {
            c.externalId = CustomerService.trim(r.externalId());
            requireExternalIdFree(storeId, c.externalId, c.id);
        }
        if (r.note() != null) c.note = r.note();
        if (r.mainContactId() != null) {
            if (!contacts.isContactOf(c.id, r.mainContactId())) {
                throw ProblemException.rule("COMPANY_MAIN_CONTACT_NOT_A_CONTACT",
                        "SYNC-20: the main contact must be one of the company's own contacts (its contact id, not a customer id)",
                        List.of(new FieldError("mainContactId", "not a contact of company " + c.id)));
            }
            c.mainContactId = r.mainContactId();
        }
        companies.flush();
        return CompanyView.of(c);
    }

    /** Deletes a company with its locations and contacts; refused while any order belongs to one of its locations. */
    @Transactional
    public void delete(UUID storeId, UUID companyId, String ifMatch) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        Company c = find(storeId, companyId);
        Etags.requireMatch(ifMatch, c.version);
        if (orders.existsAtCompany(c.id)) {
            throw ProblemException.conflict("COMPANY_HAS_ORDERS",
                    "Orders belong to the company's locations (B2B-1: they stay with the company); a company with orders cannot be deleted");
        }
        companies.delete(c);
    }

    @Transactional
    public LocationView createLocation(UUID storeId, UUID companyId, CreateLocationRequest r) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        Company c = find(storeId, companyId);
        CustomerService.requireCountry("billingAddress", r.billingAddress());
        CustomerService.requireCountry("shippingAddress", r.shippingAddress());
        CompanyLocation l = new CompanyLocation();
        l.companyId = c.id;
        l.storeId = storeId;
        l.name = r.name().trim();
        l.billingAddress = r.billingAddress();
        l.shippingAddress = r.shippingAddress();
        l.taxRegistrationId = CustomerService.trim(r.taxRegistrationId());
        companies.persistLocation(l);
        companies.flush();
        return LocationView.of(l);
    }

    public LocationView getLocation(UUID storeId, UUID companyId, UUID locationId) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        find(storeId, companyId);
        return LocationView.of(companies.location(companyId, locationId).orElseThrow(() -> locationNotFound(companyId, locationId)));
    }

    /**
     * Replaces a location's name, addresses and tax registration id (an absent one is removed). The location row is locked and
     * If-Match checked against its version; contacts' roles and orders at the location are unaffected.
     */
    @Transactional
    public LocationView replaceLocation(UUID storeId, UUID companyId, UUID locationId, String ifMatch, UpdateLocationRequest r) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        find(storeId, companyId);
        CompanyLocation l = companies.lockLocation(companyId, locationId).orElseThrow(() -> locationNotFound(companyId, locationId));
        Etags.requireMatch(ifMatch, l.version);
        CustomerService.requireCountry("billingAddress", r.billingAddress());
        CustomerService.requireCountry("shippingAddress", r.shippingAddress());
        l.name = r.name().trim();
        l.billingAddress = r.billingAddress();
        l.shippingAddress = r.shippingAddress();
        l.taxRegistrationId = CustomerService.trim(r.taxRegistrationId());
        l.updatedAt = java.time.Instant.now();
        companies.flush();
        return LocationView.of(l);
    }

    /**
     * Deletes a location when that loses nothing: refused (409) while any order refers to it, whatever its status
     * ({@code B2B_LOCATION_HAS_ORDERS}, B2B-1), while a migration record names it ({@code B2B_LOCATION_HAS_MIGRATIONS},
     * B2B-5/B2B-7 history), or while it is some contact's only location ({@code B2B_LOCATION_ONLY_ROLE_OF_CONTACT}:
     * a contact keeps at least one role). Otherwise the contacts' roles at the location are removed with it.
     * The row is locked {@code FOR UPDATE}; writes that refer to a location hold {@code FOR SHARE} on it, so an order
     * or contact change in flight is either seen by these checks or refused with 404 afterwards.
     */
    @Transactional
    public void deleteLocation(UUID storeId, UUID companyId, UUID locationId, String ifMatch) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        Company company = find(storeId, companyId);
        CompanyLocation l = companies.lockLocation(companyId, locationId).orElseThrow(() -> locationNotFound(companyId, locationId));
        Etags.requireMatch(ifMatch, l.version);
        if (orders.existsAtLocation(l.id)) {
            throw ProblemException.conflict("B2B_LOCATION_HAS_ORDERS",
                    "Orders belong to this location (B2B-1: they stay with the company); a location with orders cannot be deleted");
        }
        if (migrations.existsAtLocation(l.id)) {
            throw ProblemException.conflict("B2B_LOCATION_HAS_MIGRATIONS",
                    "An order migration into this location is recorded (B2B-7, kept for B2B-5); the location cannot be deleted");
        }
        List<UUID> stranded = contacts.customersWithOnlyRoleAt(l.id);
        if (!stranded.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            for (UUID customerId : stranded) errors.add(new FieldError("contacts", "customer " + customerId + " has no other location"));
            throw new ProblemException(409, "B2B_LOCATION_ONLY_ROLE_OF_CONTACT", "Conflict",
                    stranded.size() + " contact(s) have this as their only location; give them another location or remove them first", errors);
        }
        companies.deleteLocation(l);
        // the company changed (its set of locations): its version moves and the ERP sync sees it (SYNC-24, SYNC-29)
        company.updatedAt = java.time.Instant.now();
    }

    public Page<LocationView> listLocations(UUID storeId, UUID companyId, PageParams page) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        find(storeId, companyId);
        List<String> after = Cursors.decode(page.cursor, 1);
        List<CompanyLocation> rows = companies.locations(companyId, after == null ? null : Cursors.uuid(after.get(0)), page.limit + 1);
        return Page.of(rows, page.limit, LocationView::of, l -> Cursors.encode(l.id));
    }

    /** The company of this store, or 404 (also for another store's company). */
    public Company find(UUID storeId, UUID companyId) {
        return companies.inStore(storeId, companyId).orElseThrow(() -> ProblemException.notFound("Company " + companyId));
    }

    private static ProblemException locationNotFound(UUID companyId, UUID locationId) {
        return ProblemException.notFound("Location " + locationId + " of company " + companyId);
    }

    private void requireExternalIdFree(UUID storeId, String externalId, UUID self) {
        if (externalId == null) return;
        companies.withExternalId(storeId, externalId).filter(other -> !other.equals(self)).ifPresent(other -> {
            throw new ProblemException(409, "COMPANY_EXTERNAL_ID_TAKEN", "Conflict", "Another company of this store has this external id",
                    List.of(new FieldError("externalId", "already used in this store"))).withResourceId(other);
        });
    }
}
