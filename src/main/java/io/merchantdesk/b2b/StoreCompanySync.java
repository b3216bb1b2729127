package io.merchantdesk.b2b;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merchantdesk.b2b.StoreCustomerSync.AddressData;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.kernel.persistence.SnapshotWindow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.*;

/**
 * B2B's bulk API for the ERP sync of companies (issue 24): the SQL over {@code companies}, {@code company_locations},
 * {@code company_contacts} and {@code contact_location_roles} that a sync batch needs, set-based on the caller's
 * connection (the sync's batch transaction). A write by the sync stamps {@code erp_written_at = updated_at} (SYNC-19);
 * {@code sync_xid} is stamped by the V35 triggers and only read here.
 */
public final class StoreCompanySync {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreCompanySync() {}

    /** A company's main contact: the store customer behind it. */
    public record ContactRow(UUID contactId, UUID customerId, String firstName, String lastName, String email, String phone, String phoneE164) {}

    /** A company location: its addresses and tax registration id. */
    public record LocationRow(UUID id, String name, AddressData billingAddress, AddressData shippingAddress, String taxRegistrationId) {}

    /** A company with its main contact (null when it has none) and its locations in creation order (the first is its default). */
    public record CompanyRow(UUID id, String name, String externalId, ContactRow mainContact, List<LocationRow> locations) {}

    /** A location to write: name, billing address, tax registration id. */
    public record LocationWrite(String name, AddressData billingAddress, String taxRegistrationId) {}

    /** A company made from an ERP customer: one location, the customer as main contact with {@code role} there. */
    public record CompanyWrite(String name, String externalId, LocationWrite location, UUID contactCustomerId, String role) {}

    /** What {@link #create} made. */
    public record CreatedCompany(UUID companyId, UUID locationId) {}

    /** New values of a company's name and its default location (from a linked ERP customer). */
    public record CompanyUpdate(UUID companyId, String name, UUID locationId, AddressData billingAddress, String taxRegistrationId) {}

    /**
     * Ids of the companies changed in the window (their own row, one of their locations, or their main contact's customer
     * committed in {@code snapshotTo} and not in {@code snapshotFrom}; null: every company), not last written by the sync,
     * in id order. The whole set at once: a company's changes are spread over three tables, so there is no single stamp to
     * keyset by; the caller pages through the ids and resumes after an id.
     */
    public static List<UUID> changedCompanyIds(Connection c, UUID store, String snapshotFrom, String snapshotTo) throws SQLException {
        SnapshotWindow w = new SnapshotWindow(snapshotFrom, snapshotTo, null, null);
        String sql = "SELECT co.id FROM companies co WHERE co.store_id = ?" + w.conditions("co.sync_xid", "co.id")
                + " AND (co.erp_written_at IS NULL OR co.updated_at > co.erp_written_at)"
                + " UNION SELECT l.company_id FROM company_locations l WHERE l.store_id = ?" + w.conditions("l.sync_xid", "l.id")
                + " AND (l.erp_written_at IS NULL OR l.updated_at > l.erp_written_at)"
                + " UNION SELECT co.id FROM companies co JOIN company_contacts cc ON cc.id = co.main_contact_id"
                + " JOIN customers cu ON cu.id = cc.customer_id WHERE co.store_id = ?" + w.conditions("cu.sync_xid", "cu.id")
                + " AND (cu.erp_written_at IS NULL OR cu.updated_at > cu.erp_written_at) ORDER BY 1";
        List<UUID> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int k = 1;
            for (int i = 0; i < 3; i++) {
                ps.setObject(k++, store);
                k = w.bind(ps, k);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getObject(1, UUID.class));
            }
        }
        return out;
    }

    /** The store's companies among {@code ids} with their main contacts and locations (two statements); absent ids are gone. */
    public static Map<UUID, CompanyRow> companies(Connection c, UUID store, Collection<UUID> ids) throws SQLException {
        Map<UUID, CompanyRow> out = new LinkedHashMap<>();
        if (ids.isEmpty()) return out;
        java.sql.Array array = c.createArrayOf("uuid", ids.toArray());
        Map<UUID, List<LocationRow>> locations = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT company_id, id, name, billing_address::text, shipping_address::text, tax_registration_id FROM company_locations
                WHERE store_id = ? AND company_id = ANY(?) ORDER BY company_id, id""")) {
            ps.setObject(1, store);
            ps.setArray(2, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    locations.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new LocationRow(rs.getObject(2, UUID.class),
                            rs.getString(3), StoreCustomerSync.address(rs.getString(4)), StoreCustomerSync.address(rs.getString(5)), rs.getString(6)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT co.id, co.name, co.external_id, cc.id, cu.id, cu.first_name, cu.last_name, cu.email, cu.phone, cu.phone_e164
                FROM companies co
                LEFT JOIN company_contacts cc ON cc.id = co.main_contact_id
                LEFT JOIN customers cu ON cu.id = cc.customer_id
                WHERE co.store_id = ? AND co.id = ANY(?) ORDER BY co.id""")) {
            ps.setObject(1, store);
            ps.setArray(2, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    UUID contact = rs.getObject(4, UUID.class);
                    ContactRow main = contact == null ? null : new ContactRow(contact, rs.getObject(5, UUID.class), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
                    out.put(id, new CompanyRow(id, rs.getString(2), rs.getString(3), main, locations.getOrDefault(id, List.of())));
                }
            }
        }
        return out;
    }

    /**
     * The names of the store's companies among {@code ids}; an id no longer a company is absent (the sync's lists of
     * records, issue 23, and its check for companies deleted in the store, SYNC-25).
     */
    public static Map<UUID, String> names(Connection c, UUID store, Collection<UUID> ids) throws SQLException {
        Map<UUID, String> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM companies WHERE store_id = ? AND id = ANY(?)")) {
            ps.setObject(1, store);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getObject(1, UUID.class), rs.getString(2));
            }
        }
        return out;
    }

    /** Company ids by external id (an ERP customer number the company was made from, SYNC-26). */
    public static Map<String, UUID> byExternalIds(Connection c, UUID store, Collection<String> externalIds) throws SQLException {
        Map<String, UUID> out = new HashMap<>();
        if (externalIds.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("SELECT external_id, id FROM companies WHERE store_id = ? AND external_id = ANY(?)")) {
            ps.setObject(1, store);
            ps.setArray(2, c.createArrayOf("text", externalIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getObject(2, UUID.class));
            }
        }
        return out;
    }

    /**
     * Creates each company with its one location, and its contact (the store customer) as main contact with the role at
     * that location: four JDBC batches, stamped as the sync's writes.
     */
    public static List<CreatedCompany> create(Connection c, UUID store, List<CompanyWrite> companies) throws SQLException {
        List<CreatedCompany> out = new ArrayList<>();
        if (companies.isEmpty()) return out;
        Timestamp now = Timestamp.from(Instant.now());
        List<UUID> contactIds = new ArrayList<>();
        try (PreparedStatement co = c.prepareStatement("""
                INSERT INTO companies (id, store_id, name, external_id, created_at, updated_at, erp_written_at) VALUES (?,?,?,?,?,?,?)""")) {
            for (CompanyWrite w : companies) {
                CreatedCompany made = new CreatedCompany(Ids.next(), Ids.next());
                out.add(made);
                contactIds.add(Ids.next());
                co.setObject(1, made.companyId());
                co.setObject(2, store);
                co.setString(3, w.name());
                co.setString(4, w.externalId());
                co.setTimestamp(5, now);
                co.setTimestamp(6, now);
                co.setTimestamp(7, now);
                co.addBatch();
            }
            co.executeBatch();
        }
        List<UUID> companyIds = out.stream().map(CreatedCompany::companyId).toList();
        insertLocations(c, store, companyIds, companies.stream().map(CompanyWrite::location).toList(),
                out.stream().map(CreatedCompany::locationId).toList(), now);
        try (PreparedStatement cc = c.prepareStatement("""
                INSERT INTO company_contacts (id, company_id, customer_id, store_id, created_at, updated_at) VALUES (?,?,?,?,?,?)""");
             PreparedStatement role = c.prepareStatement("INSERT INTO contact_location_roles (contact_id, location_id, role) VALUES (?,?,?)")) {
            for (int i = 0; i < companies.size(); i++) {
                cc.setObject(1, contactIds.get(i));
                cc.setObject(2, companyIds.get(i));
                cc.setObject(3, companies.get(i).contactCustomerId());
                cc.setObject(4, store);
                cc.setTimestamp(5, now);
                cc.setTimestamp(6, now);
                cc.addBatch();
                role.setObject(1, contactIds.get(i));
                role.setObject(2, out.get(i).locationId());
                role.setString(3, companies.get(i).role());
                role.addBatch();
            }
            cc.executeBatch();
            role.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE companies SET main_contact_id = m.contact, erp_written_at = updated_at
                FROM unnest(?::uuid[], ?::uuid[]) AS m(company, contact) WHERE companies.id = m.company""")) {
            ps.setArray(1, c.createArrayOf("uuid", companyIds.toArray()));
            ps.setArray(2, c.createArrayOf("uuid", contactIds.toArray()));
            ps.executeUpdate();
        }
        return out;
    }

    /**
     * Adds locations to existing companies (an ERP customer added to a company as one more location, SYNC-26), giving
     * the company's main contact, if any, the role there; returns the new location ids in order.
     */
    public static List<UUID> addLocations(Connection c, UUID store, List<UUID> companyIds, List<LocationWrite> locations, String role)
            throws SQLException {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < locations.size(); i++) ids.add(Ids.next());
        if (ids.isEmpty()) return ids;
        insertLocations(c, store, companyIds, locations, ids, Timestamp.from(Instant.now()));
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO contact_location_roles (contact_id, location_id, role)
                SELECT co.main_contact_id, m.location, ? FROM unnest(?::uuid[], ?::uuid[]) AS m(company, location)
                JOIN companies co ON co.id = m.company WHERE co.main_contact_id IS NOT NULL ON CONFLICT DO NOTHING""")) {
            ps.setString(1, role);
            ps.setArray(2, c.createArrayOf("uuid", companyIds.toArray()));
            ps.setArray(3, c.createArrayOf("uuid", ids.toArray()));
            ps.executeUpdate();
        }
        return ids;
    }

    private static void insertLocations(Connection c, UUID store, List<UUID> companyIds, List<LocationWrite> locations, List<UUID> ids,
                                        Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO company_locations (id, company_id, store_id, name, billing_address, tax_registration_id, created_at, updated_at,
                    erp_written_at) VALUES (?,?,?,?,?::jsonb,?,?,?,?)""")) {
            for (int i = 0; i < locations.size(); i++) {
                LocationWrite l = locations.get(i);
                ps.setObject(1, ids.get(i));
                ps.setObject(2, companyIds.get(i));
                ps.setObject(3, store);
                ps.setString(4, l.name());
                ps.setString(5, json(l.billingAddress()));
                ps.setString(6, l.taxRegistrationId());
                ps.setTimestamp(7, now);
                ps.setTimestamp(8, now);
                ps.setTimestamp(9, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Writes a linked ERP customer's changes to its company (name) and the company's default location (billing address,
     * tax registration id), where they differ; returns the companies that changed. Versions move, so a client's If-Match
     * on the old version is refused, as after any other write.
     */
    public static List<UUID> update(Connection c, UUID store, List<CompanyUpdate> updates) throws SQLException {
        Set<UUID> changed = new LinkedHashSet<>();
        if (updates.isEmpty()) return List.of();
        List<UUID> companies = new ArrayList<>(), locations = new ArrayList<>();
        List<String> names = new ArrayList<>(), addresses = new ArrayList<>(), taxIds = new ArrayList<>();
        for (CompanyUpdate u : updates) {
            companies.add(u.companyId());
            names.add(u.name());
            locations.add(u.locationId());
            addresses.add(json(u.billingAddress()));
            taxIds.add(u.taxRegistrationId());
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE companies co SET name = m.name, updated_at = now(), erp_written_at = now(), version = co.version + 1
                FROM unnest(?::uuid[], ?::text[]) AS m(id, name)
                WHERE co.id = m.id AND co.store_id = ? AND m.name IS NOT NULL AND co.name IS DISTINCT FROM m.name RETURNING co.id""")) {
            ps.setArray(1, c.createArrayOf("uuid", companies.toArray()));
            ps.setArray(2, c.createArrayOf("text", names.toArray()));
            ps.setObject(3, store);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) changed.add(rs.getObject(1, UUID.class));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE company_locations l SET billing_address = coalesce(m.address::jsonb, l.billing_address),
                       tax_registration_id = coalesce(m.tax_id, l.tax_registration_id), updated_at = now(), erp_written_at = now(),
                       version = l.version + 1
                FROM unnest(?::uuid[], ?::text[], ?::text[]) AS m(id, address, tax_id)
                WHERE l.id = m.id AND l.store_id = ?
                  AND (jsonb_strip_nulls(l.billing_address) IS DISTINCT FROM jsonb_strip_nulls(coalesce(m.address::jsonb, l.billing_address))
                       OR l.tax_registration_id IS DISTINCT FROM coalesce(m.tax_id, l.tax_registration_id))
                RETURNING l.company_id""")) {
            ps.setArray(1, c.createArrayOf("uuid", locations.toArray()));
            ps.setArray(2, c.createArrayOf("text", addresses.toArray()));
            ps.setArray(3, c.createArrayOf("text", taxIds.toArray()));
            ps.setObject(4, store);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) changed.add(rs.getObject(1, UUID.class));
            }
        }
        return List.copyOf(changed);
    }

    /** The JSON B2B stores for an address (the shape of B2bDtos.Address, empty fields left out); null stays null. */
    private static String json(AddressData a) throws SQLException {
        if (a == null) return null;
        Map<String, String> m = new LinkedHashMap<>();
        m.put("firstName", a.firstName());
        m.put("lastName", a.lastName());
        m.put("company", a.company());
        m.put("address1", a.address1());
        m.put("address2", a.address2());
        m.put("city", a.city());
        m.put("provinceCode", a.provinceCode());
        m.put("province", a.province());
        m.put("countryCode", a.countryCode());
        m.put("zip", a.zip());
        m.put("phone", a.phone());
        m.values().removeIf(Objects::isNull);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new SQLException("Unwritable address", e);
        }
    }
}
