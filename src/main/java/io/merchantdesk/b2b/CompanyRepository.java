package io.merchantdesk.b2b;

import io.merchantdesk.kernel.persistence.KeysetQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Every query of the {@code companies} and {@code company_locations} tables. */
@ApplicationScoped
public class CompanyRepository implements PanacheRepositoryBase<Company, UUID> {

    private static final String WITH_EXTERNAL_ID = "SELECT id FROM companies WHERE store_id = :s AND external_id = :e";
    /**
     * Serialises the changes of a company's main contact (set, first contact added, contact removed). NO KEY UPDATE,
     * not UPDATE: inserting a contact or location takes KEY SHARE on the company (their foreign key), and two contacts
     * being added at once would otherwise deadlock.
     */
    private static final String LOCK = "SELECT id FROM companies WHERE id = :id FOR NO KEY UPDATE";
    private static final String LOCK_IN_STORE = "SELECT id FROM companies WHERE id = :id AND store_id = :s FOR NO KEY UPDATE";
    /** Locks the chosen locations {@code FOR SHARE}: a location cannot be deleted while a contact or order refers to it. */
    private static final String OWN_LOCATIONS_FOR_SHARE =
            "SELECT id FROM company_locations WHERE company_id = :c AND id = ANY(CAST(:ids AS uuid[])) FOR SHARE";

    /** The company of this store (another store's company is absent). */
    public Optional<Company> inStore(UUID storeId, UUID companyId) {
        Company c = findById(companyId);
        return c != null && c.storeId.equals(storeId) ? Optional.of(c) : Optional.empty();
    }

    /** A keyset page by id; {@code pattern} (nullable) is a LIKE pattern on lower(name) (trigram index). */
    public List<Company> search(UUID storeId, String pattern, UUID after, int limit) {
        return KeysetQuery.of("SELECT c.* FROM companies c WHERE c.store_id = :store").with("store", storeId)
                .andIf(pattern, "lower(c.name) LIKE :pattern", "pattern")
                .andIf(after, "c.id > :after", "after")
                .listNative(getEntityManager(), Company.class, "c.id", limit);
    }

    /**
     * The company of this store, its row locked; to be the first read of the company in the transaction (If-Match is
     * then checked against the locked version). Changes of the main contact hold this lock (see {@link #LOCK}).
     */
    public Optional<Company> lockInStore(UUID storeId, UUID companyId) {
        if (getEntityManager().createNativeQuery(LOCK_IN_STORE).setParameter("id", companyId).setParameter("s", storeId)
                .getResultList().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(findById(companyId));
    }

    /**
     * Locks an already loaded company and re-reads its state (a locking query would hand back the managed instance
     * with the state read before the lock). False when the company was deleted meanwhile.
     */
    public boolean relock(Company c) {
        if (getEntityManager().createNativeQuery(LOCK).setParameter("id", c.id).getResultList().isEmpty()) return false;
        getEntityManager().refresh(c);
        return true;
    }

    public Optional<UUID> withExternalId(UUID storeId, String externalId) {
        return getEntityManager().createNativeQuery(WITH_EXTERNAL_ID).setParameter("s", storeId).setParameter("e", externalId)
                .getResultList().stream().map(UUID.class::cast).findFirst();
    }

    public Map<UUID, Company> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) return Map.of();
        return list("id in ?1", ids).stream().collect(Collectors.toMap(c -> c.id, c -> c));
    }

    // --- locations ---

    public void persistLocation(CompanyLocation l) {
        l.persist();
    }

    /** The company's location (a location of another company is absent). */
    public Optional<CompanyLocation> location(UUID companyId, UUID locationId) {
        CompanyLocation l = CompanyLocation.findById(locationId);
        return l != null && l.companyId.equals(companyId) ? Optional.of(l) : Optional.empty();
    }

    /** The company's location locked {@code FOR UPDATE} (edit, delete): waits for writes that refer to it. */
    public Optional<CompanyLocation> lockLocation(UUID companyId, UUID locationId) {
        return CompanyLocation.<CompanyLocation>find("id = ?1 and companyId = ?2", locationId, companyId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Which of the ids are locations of the company, locking those {@code FOR SHARE} until the transaction ends. */
    public Set<UUID> lockOwnLocationsForShare(UUID companyId, Collection<UUID> ids) {
        @SuppressWarnings("unchecked")
        List<UUID> own = getEntityManager().createNativeQuery(OWN_LOCATIONS_FOR_SHARE)
                .setParameter("c", companyId).setParameter("ids", ids.toArray(UUID[]::new)).getResultList();
        return new HashSet<>(own);
    }

    public List<CompanyLocation> locations(UUID companyId, UUID after, int limit) {
        var q = after == null
                ? CompanyLocation.<CompanyLocation>find("companyId", Sort.by("id"), companyId)
                : CompanyLocation.<CompanyLocation>find("companyId = ?1 and id > ?2", Sort.by("id"), companyId, after);
        return q.range(0, limit - 1).list();
    }

    public void deleteLocation(CompanyLocation l) {
        l.delete();
    }
}
