package io.merchantdesk.sync.engine;

import io.merchantdesk.b2b.StoreCustomerSync;
import io.merchantdesk.b2b.StoreCustomerSync.AddressData;
import io.merchantdesk.b2b.StoreCustomerSync.CustomerRow;
import io.merchantdesk.b2b.StoreCustomerSync.CustomerUpdate;
import io.merchantdesk.b2b.StoreCustomerSync.CustomerWrite;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.Model.*;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.*;

/**
 * The store side over B2B's bulk API ({@link StoreCustomerSync}, which owns the SQL of customers, customer_addresses
 * and orders): maps its rows to the engine's model and decides which exported updates really change a mapped field
 * (SYNC-12). The sync writes store customers in batches rather than through the B2B service because an export is a
 * bulk job; B2B's bulk API keeps its invariants. A write by the sync is stamped as such (SYNC-19).
 */
@ApplicationScoped
public class JdbcStorePort implements StorePort {
    /** Orders already imported, or failed with a retry not yet due (sync's own tables, correlated on B2B's order {@code o}). */
    private static final String NOT_TO_IMPORT = """
            SELECT 1 FROM erp_orders e WHERE e.store_id = o.store_id AND e.order_id = o.id
            UNION ALL
            SELECT 1 FROM sync_pending p WHERE p.store_id = o.store_id AND p.record_type = 'ORDER'
               AND p.record_id = o.id::text AND (p.next_attempt_at IS NULL OR p.next_attempt_at > ?)""";

    @Override
    public List<StoreCustomer> changedCustomers(Batch b, UUID store, String snapshotFrom, String snapshotTo, String afterXid, UUID afterId,
                                                int limit) {
        return b.jdbc(c -> changedCustomers(c, store, snapshotFrom, snapshotTo, afterXid, afterId, limit));
    }

    @Override
    public Map<UUID, StoreCustomer> customers(Batch b, UUID store, Collection<UUID> ids) {
        return b.jdbc(c -> customers(c, store, ids));
    }

    @Override
    public List<StoreOrder> ordersToImport(Batch b, UUID store, UUID afterId, Instant dueBy, int limit) {
        return b.jdbc(c -> ordersToImport(c, store, afterId, dueBy, limit));
    }

    @Override
    public Map<String, List<UUID>> customersByEmail(Batch b, UUID store, Collection<String> emails) {
        return b.jdbc(c -> customersByEmail(c, store, emails));
    }

    @Override
    public Map<String, List<UUID>> customersByPhone(Batch b, UUID store, Collection<String> phones) {
        return b.jdbc(c -> customersByPhone(c, store, phones));
    }

    @Override
    public List<UUID> createCustomers(Batch b, UUID store, List<StoreCustomerData> customers) {
        return b.jdbc(c -> createCustomers(c, store, customers));
    }

    @Override
    public List<UUID> updateCustomers(Batch b, UUID store, Map<UUID, StoreCustomerData> changes) {
        return b.jdbc(c -> updateCustomers(c, store, changes));
    }

    // ------------------------------------------------------------------ JDBC on the batch's connection

    private List<StoreCustomer> changedCustomers(Connection c, UUID store, String snapshotFrom, String snapshotTo, String afterXid, UUID afterId,
                                                int limit) throws SQLException {
        return StoreCustomerSync.changedCustomers(c, store, snapshotFrom, snapshotTo, afterXid, afterId, limit).stream()
                .map(JdbcStorePort::customer).toList();
    }

    private Map<UUID, StoreCustomer> customers(Connection c, UUID store, Collection<UUID> ids) throws SQLException {
        Map<UUID, StoreCustomer> out = new HashMap<>();
        StoreCustomerSync.customers(c, store, ids).forEach((id, row) -> out.put(id, customer(row)));
        return out;
    }

    private List<StoreOrder> ordersToImport(Connection c, UUID store, UUID afterId, Instant dueBy, int limit) throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(dueBy);
        return StoreCustomerSync.liveOrders(c, store, afterId, NOT_TO_IMPORT, params, limit).stream()
                .map(o -> new StoreOrder(o.id(), o.customerId(), address(o.billTo()), address(o.shipTo()), o.customerEmail(), o.customerPhone(),
                        o.customerFirstName(), o.customerLastName()))
                .toList();
    }

    private Map<String, List<UUID>> customersByEmail(Connection c, UUID store, Collection<String> emails) throws SQLException {
        return StoreCustomerSync.byEmail(c, store, emails);
    }

    private Map<String, List<UUID>> customersByPhone(Connection c, UUID store, Collection<String> phones) throws SQLException {
        return StoreCustomerSync.byPhone(c, store, phones);
    }

    private List<UUID> createCustomers(Connection c, UUID store, List<StoreCustomerData> customers) throws SQLException {
        return StoreCustomerSync.create(c, store, customers.stream().map(JdbcStorePort::write).toList());
    }

    private List<UUID> updateCustomers(Connection c, UUID store, Map<UUID, StoreCustomerData> changes) throws SQLException {
        if (changes.isEmpty()) return List.of();
        Map<UUID, StoreCustomer> current = customers(c, store, changes.keySet());
        List<UUID> updated = new ArrayList<>();
        List<CustomerUpdate> writes = new ArrayList<>();
        for (Map.Entry<UUID, StoreCustomerData> e : changes.entrySet()) {
            StoreCustomer sc = current.get(e.getKey());
            if (sc == null) continue;
            StoreCustomerData d = e.getValue();
            boolean customerChanged = !Objects.equals(sc.firstName(), d.firstName()) || !Objects.equals(sc.lastName(), d.lastName())
                    || !Objects.equals(Normalize.email(sc.email()), Normalize.email(d.email())) || !Objects.equals(sc.phone(), d.phone());
            boolean addressChanged = !d.address().equals(sc.address());
            if (!customerChanged && !addressChanged) continue; // SYNC-12: written only when a mapped field really changed
            updated.add(sc.id());
            writes.add(new CustomerUpdate(sc.id(), write(d), addressChanged, sc.address() != null));
        }
        StoreCustomerSync.update(c, store, writes);
        return updated;
    }

    private static StoreCustomer customer(CustomerRow r) {
        return new StoreCustomer(r.id(), r.firstName(), r.lastName(), r.email(), r.phone(), r.updatedAt(), address(r.address()), r.phoneE164(),
                r.defaultAddress(), r.syncXid());
    }

    private static Address address(AddressData a) {
        return a == null ? null : new Address(a.firstName(), a.lastName(), a.company(), a.address1(), a.address2(), a.city(),
                a.provinceCode(), a.province(), a.countryCode(), a.zip(), a.phone());
    }

    private static CustomerWrite write(StoreCustomerData d) {
        Address a = d.address();
        return new CustomerWrite(d.firstName(), d.lastName(), d.email(), d.phone(), new AddressData(a.firstName(), a.lastName(), a.company(),
                a.address1(), a.address2(), a.city(), a.provinceCode(), a.province(), a.countryCode(), a.zip(), a.phone()));
    }
}
