package io.merchantdesk.sync.engine;

import io.merchantdesk.b2b.StoreCompanySync;
import io.merchantdesk.b2b.StoreCustomerSync;
import io.merchantdesk.b2b.StoreCustomerSync.AddressData;
import io.merchantdesk.b2b.StoreCustomerSync.CustomerRow;
import io.merchantdesk.b2b.StoreCustomerSync.CustomerUpdate;
import io.merchantdesk.b2b.StoreCustomerSync.CustomerWrite;
import io.merchantdesk.b2b.StoreCustomerSync.OrderRow;
import io.merchantdesk.kernel.persistence.Jdbc;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.Model.*;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
    /**
     * Of the candidate order ids, those without an imported ERP order and not waiting for a retry that is due only after
     * {@code dueBy}: sync's own tables over the ids B2B's keyset scan returned (B2B's SQL never sees them).
     */
    private static final String TO_IMPORT = """
            SELECT o.id FROM unnest(?::uuid[]) AS o(id)
            WHERE NOT EXISTS (SELECT 1 FROM erp_orders e WHERE e.store_id = ? AND e.order_id = o.id)
              AND NOT EXISTS (SELECT 1 FROM sync_pending p WHERE p.store_id = ? AND p.record_type = 'ORDER'
                                 AND p.record_id = o.id::text AND (p.next_attempt_at IS NULL OR p.next_attempt_at > ?))""";

    /** Live order ids scanned per round trip: most of a store's orders are usually imported already. */
    private static final int SCAN = 5000;

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

    @Override
    public List<UUID> changedCompanyIds(Batch b, UUID store, String snapshotFrom, String snapshotTo, UUID afterId) {
        return b.jdbc(c -> StoreCompanySync.changedCompanyIds(c, store, snapshotFrom, snapshotTo).stream()
                .filter(id -> afterId == null || id.compareTo(afterId) > 0).toList());
    }

    @Override
    public Map<UUID, StoreCompany> companies(Batch b, UUID store, Collection<UUID> ids) {
        return b.jdbc(c -> {
            Map<UUID, StoreCompany> out = new LinkedHashMap<>();
            StoreCompanySync.companies(c, store, ids).forEach((id, r) -> out.put(id, new StoreCompany(r.id(), r.name(), r.externalId(),
                    r.mainContact() == null ? null : new MainContact(r.mainContact().contactId(), r.mainContact().customerId(),
                            r.mainContact().firstName(), r.mainContact().lastName(), r.mainContact().email(), r.mainContact().phone(),
                            r.mainContact().phoneE164()),
                    r.locations().stream().map(l -> new StoreLocation(l.id(), l.name(), address(l.billingAddress()), address(l.shippingAddress()),
                            l.taxRegistrationId())).toList())));
            return out;
        });
    }

    @Override
    public Set<UUID> existingCompanies(Batch b, UUID store, Collection<UUID> ids) {
        return b.jdbc(c -> new HashSet<>(StoreCompanySync.names(c, store, ids).keySet()));
    }

    @Override
    public Map<String, UUID> companiesByExternalId(Batch b, UUID store, Collection<String> externalIds) {
        return b.jdbc(c -> StoreCompanySync.byExternalIds(c, store, externalIds));
    }

    @Override
    public List<UUID[]> createCompanies(Batch b, UUID store, List<NewCompany> companies) {
        return b.jdbc(c -> StoreCompanySync.create(c, store, companies.stream().map(n -> new StoreCompanySync.CompanyWrite(n.name(),
                n.externalId(), location(n.location()), n.contactCustomerId(), n.role())).toList()).stream()
                .map(m -> new UUID[] {m.companyId(), m.locationId()}).toList());
    }

    @Override
    public List<UUID> addLocations(Batch b, UUID store, List<UUID> companyIds, List<LocationData> locations, String role) {
        return b.jdbc(c -> StoreCompanySync.addLocations(c, store, companyIds, locations.stream().map(JdbcStorePort::location).toList(), role));
    }

    @Override
    public List<UUID> updateCompanies(Batch b, UUID store, List<CompanyChange> changes) {
        return b.jdbc(c -> StoreCompanySync.update(c, store, changes.stream().map(ch -> new StoreCompanySync.CompanyUpdate(ch.companyId(),
                ch.name(), ch.locationId(), addressData(ch.billingAddress()), ch.taxRegistrationId())).toList()));
    }

    private static StoreCompanySync.LocationWrite location(LocationData l) {
        return new StoreCompanySync.LocationWrite(l.name(), addressData(l.billingAddress()), l.taxRegistrationId());
    }

    private static AddressData addressData(Address a) {
        return a == null ? null : new AddressData(a.firstName(), a.lastName(), a.company(), a.address1(), a.address2(), a.city(),
                a.provinceCode(), a.province(), a.countryCode(), a.zip(), a.phone());
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

    /**
     * The first {@code limit} live orders after {@code afterId} that are to be imported: B2B's keyset scan of live order
     * ids, filtered set-based by sync's tables ({@link #TO_IMPORT}), then the chosen orders read from B2B, a scan chunk
     * at a time until the batch is full or the orders run out.
     */
    private List<StoreOrder> ordersToImport(Connection c, UUID store, UUID afterId, Instant dueBy, int limit) throws SQLException {
        int scan = Math.max(limit, SCAN);
        List<OrderRow> rows = new ArrayList<>();
        UUID after = afterId;
        while (rows.size() < limit) {
            List<UUID> ids = StoreCustomerSync.liveOrderIds(c, store, after, scan);
            Set<UUID> toImport = toImport(c, store, ids, dueBy);
            List<UUID> due = ids.stream().filter(toImport::contains).toList();
            List<UUID> take = due.subList(0, Math.min(due.size(), limit - rows.size()));
            rows.addAll(StoreCustomerSync.liveOrders(c, store, take));
            if (take.size() < due.size()) after = take.get(take.size() - 1); // full, unless an order went away meanwhile
            else if (ids.size() < scan) break; // no more live orders
            else after = ids.get(ids.size() - 1);
        }
        return rows.stream()
                .map(o -> new StoreOrder(o.id(), o.customerId(), address(o.billTo()), address(o.shipTo()), o.customerEmail(), o.customerPhone(),
                        o.customerFirstName(), o.customerLastName(), o.currency(), o.total(), o.placedAt(),
                        o.lines().stream().map(l -> new OrderLine(l.sku() == null ? l.title() : l.sku() + " " + l.title(), l.quantity(),
                                l.unitPrice())).toList(), o.companyLocationId(), o.companyId()))
                .toList();
    }

    private static Set<UUID> toImport(Connection c, UUID store, List<UUID> ids, Instant dueBy) throws SQLException {
        Set<UUID> out = new HashSet<>();
        if (ids.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement(TO_IMPORT)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            ps.setObject(2, store);
            ps.setObject(3, store);
            Jdbc.setInstant(ps, 4, dueBy);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getObject(1, UUID.class));
            }
        }
        return out;
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
