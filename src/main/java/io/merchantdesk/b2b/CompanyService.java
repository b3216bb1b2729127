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
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Companies of a store and their locations. */
@ApplicationScoped
public class CompanyService {
    @Inject
    EntityManager em;

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
        c.persist();
        em.flush();
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
        boolean search = q != null && !q.isBlank();
        String sql = "SELECT c.* FROM companies c WHERE c.store_id = :store"
                + (search ? " AND lower(c.name) LIKE :pattern" : "")
                + (after == null ? "" : " AND c.id > :after") + " ORDER BY c.id LIMIT :n";
        var query = em.createNativeQuery(sql, Company.class).setParameter("store", storeId).setParameter("n", page.limit + 1);
        if (search) query.setParameter("pattern", Jdbc.containsPattern(q));
        if (after != null) query.setParameter("after", Cursors.uuid(after.get(0)));
        @SuppressWarnings("unchecked")
        List<Company> rows = query.getResultList();
        return Page.of(rows, page.limit, CompanyView::of, c -> Cursors.encode(c.id));
    }

    @Transactional
    public CompanyView update(UUID storeId, UUID companyId, String ifMatch, UpdateCompanyRequest r) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        Company c = find(storeId, companyId);
        Etags.requireMatch(ifMatch, c.version);
        if (r.name() != null) c.name = r.name().trim();
        if (r.externalId() != null) {
            c.externalId = CustomerService.trim(r.externalId());
            requireExternalIdFree(storeId, c.externalId, c.id);
        }
        if (r.note() != null) c.note = r.note();
        em.flush();
        return CompanyView.of(c);
    }

    /** Deletes a company with its locations and contacts; refused while any order belongs to one of its locations. */
    @Transactional
    public void delete(UUID storeId, UUID companyId, String ifMatch) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        Company c = find(storeId, companyId);
        Etags.requireMatch(ifMatch, c.version);
        boolean hasOrders = !em.createNativeQuery("""
                SELECT 1 FROM orders o JOIN company_locations l ON l.id = o.company_location_id
                WHERE l.company_id = :c LIMIT 1""").setParameter("c", c.id).getResultList().isEmpty();
        if (hasOrders) {
            throw ProblemException.conflict("COMPANY_HAS_ORDERS",
                    "Orders belong to the company's locations (B2B-1: they stay with the company); a company with orders cannot be deleted");
        }
        c.delete();
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
        l.persist();
        em.flush();
        return LocationView.of(l);
    }

    public Page<LocationView> listLocations(UUID storeId, UUID companyId, PageParams page) {
        access.store(storeId, Permission.MANAGE_COMPANIES);
        find(storeId, companyId);
        List<String> after = Cursors.decode(page.cursor, 1);
        var query = em.createQuery("FROM CompanyLocation l WHERE l.companyId = :c"
                        + (after == null ? "" : " AND l.id > :after") + " ORDER BY l.id", CompanyLocation.class)
                .setParameter("c", companyId).setMaxResults(page.limit + 1);
        if (after != null) query.setParameter("after", Cursors.uuid(after.get(0)));
        return Page.of(query.getResultList(), page.limit, LocationView::of, l -> Cursors.encode(l.id));
    }

    /** The company of this store, or 404 (also for another store's company). */
    public Company find(UUID storeId, UUID companyId) {
        Company c = em.find(Company.class, companyId);
        if (c == null || !c.storeId.equals(storeId)) throw ProblemException.notFound("Company " + companyId);
        return c;
    }

    private void requireExternalIdFree(UUID storeId, String externalId, UUID self) {
        if (externalId == null) return;
        List<?> other = em.createNativeQuery("SELECT id FROM companies WHERE store_id = :s AND external_id = :e")
                .setParameter("s", storeId).setParameter("e", externalId).getResultList();
        if (!other.isEmpty() && !other.get(0).equals(self)) {
            throw new ProblemException(409, "COMPANY_EXTERNAL_ID_TAKEN", "Conflict", "Another company of this store has this external id",
                    List.of(new FieldError("externalId", "already used in this store"))).withResourceId(other.get(0));
        }
    }
}
