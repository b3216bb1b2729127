package io.merchantdesk.sync.engine;

import io.merchantdesk.sync.engine.Model.*;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The store side of the sync: the store's customers and orders, read and written in batches. */
public interface StorePort {
    /**
     * Customers whose last change is visible in {@code snapshotTo} and was not in {@code snapshotFrom} (null: every customer),
     * not written by the sync itself (SYNC-19), keyset after (afterXid, afterId). Snapshots are {@code pg_snapshot} texts.
     */
    List<StoreCustomer> changedCustomers(Connection c, UUID store, String snapshotFrom, String snapshotTo, String afterXid, UUID afterId,
                                         int limit) throws SQLException;

    Map<UUID, StoreCustomer> customers(Connection c, UUID store, Collection<UUID> ids) throws SQLException;

    /**
     * Live orders without an imported ERP order, by id after {@code afterId}; an order whose last attempt failed waits
     * until its pending retry is due at {@code dueBy} (sync_pending).
     */
    List<StoreOrder> ordersToImport(Connection c, UUID store, UUID afterId, Instant dueBy, int limit) throws SQLException;

    /** Customer ids by lower-cased e-mail (exact, SYNC-11). */
    Map<String, List<UUID>> customersByEmail(Connection c, UUID store, Collection<String> emailNorms) throws SQLException;

    /** Customer ids by E.164 phone (exact, SYNC-11). */
    Map<String, List<UUID>> customersByPhone(Connection c, UUID store, Collection<String> phonesE164) throws SQLException;

    /** Creates customers, each with one default address, stamped as written by the sync; returns their ids in order. */
    List<UUID> createCustomers(Connection c, UUID store, List<StoreCustomerData> customers) throws SQLException;

    /** Writes the mapped fields where they really changed (stamped as written by the sync); returns the ids updated. */
    List<UUID> updateCustomers(Connection c, UUID store, Map<UUID, StoreCustomerData> changes) throws SQLException;
}
