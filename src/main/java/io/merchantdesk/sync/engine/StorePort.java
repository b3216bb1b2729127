package io.merchantdesk.sync.engine;

import io.merchantdesk.sync.engine.Model.*;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The store side of the sync: the store's customers and orders, read and written in batches (on the batch's transaction). */
public interface StorePort {
    /**
     * Customers whose last change is visible in {@code snapshotTo} and was not in {@code snapshotFrom} (null: every customer),
     * not written by the sync itself (SYNC-19), keyset after (afterXid, afterId). Snapshots are {@code pg_snapshot} texts.
     */
    List<StoreCustomer> changedCustomers(Batch b, UUID store, String snapshotFrom, String snapshotTo, String afterXid, UUID afterId,
                                         int limit);

    Map<UUID, StoreCustomer> customers(Batch b, UUID store, Collection<UUID> ids);

    /**
     * Live orders without an imported ERP order, by id after {@code afterId}; an order whose last attempt failed waits
     * until its pending retry is due at {@code dueBy} (sync_pending).
     */
    List<StoreOrder> ordersToImport(Batch b, UUID store, UUID afterId, Instant dueBy, int limit);

    /** Customer ids by lower-cased e-mail (exact, SYNC-11). */
    Map<String, List<UUID>> customersByEmail(Batch b, UUID store, Collection<String> emailNorms);

    /** Customer ids by E.164 phone (exact, SYNC-11). */
    Map<String, List<UUID>> customersByPhone(Batch b, UUID store, Collection<String> phonesE164);

    /** Creates customers, each with one default address, stamped as written by the sync; returns their ids in order. */
    List<UUID> createCustomers(Batch b, UUID store, List<StoreCustomerData> customers);

    /** Writes the mapped fields where they really changed (stamped as written by the sync); returns the ids updated. */
    List<UUID> updateCustomers(Batch b, UUID store, Map<UUID, StoreCustomerData> changes);

    /**
     * Ids of the companies changed in the window (their row, a location, or their main contact's customer), not written by
     * the sync itself, in id order, after {@code afterId} (null: from the first).
     */
    List<UUID> changedCompanyIds(Batch b, UUID store, String snapshotFrom, String snapshotTo, UUID afterId);

    /** The store's companies among {@code ids}; an id no longer a company is absent. */
    Map<UUID, StoreCompany> companies(Batch b, UUID store, Collection<UUID> ids);

    /** Of {@code ids}, those still companies of the store. */
    java.util.Set<UUID> existingCompanies(Batch b, UUID store, Collection<UUID> ids);

    /** Company ids by external id. */
    Map<String, UUID> companiesByExternalId(Batch b, UUID store, Collection<String> externalIds);

    /** Creates companies with one location and a main contact each; returns (company id, location id) pairs in order. */
    List<UUID[]> createCompanies(Batch b, UUID store, List<NewCompany> companies);

    /** Adds one location to each given company (pairwise), the main contact getting {@code role} there; returns their ids. */
    List<UUID> addLocations(Batch b, UUID store, List<UUID> companyIds, List<LocationData> locations, String role);

    /** Writes the changes where they differ (stamped as the sync's); returns the companies that changed. */
    List<UUID> updateCompanies(Batch b, UUID store, List<CompanyChange> changes);
}
