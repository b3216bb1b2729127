package io.merchantdesk.b2b;

import io.merchantdesk.kernel.persistence.JdbcReads;
import io.merchantdesk.kernel.persistence.KeysetQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Every query of the {@code customers} and {@code customer_addresses} tables. */
@ApplicationScoped
public class CustomerRepository implements PanacheRepositoryBase<Customer, UUID> {
    @Inject
    JdbcReads jdbc;

    private static final String LOCK_FOR_UPDATE = "SELECT * FROM customers WHERE id = :c AND store_id = :s FOR UPDATE";
    private static final String LOCK_FOR_SHARE = "SELECT id FROM customers WHERE id = :c AND store_id = :s FOR SHARE";
    /** One array parameter, not an IN list: the statement is the same for 1 or 50 customers (Hibernate re-renders an
     *  HQL IN list per call; it was 14 % of a customer read's CPU, docs/performance.md), read by plain JDBC. */
    private static final String ADDRESS_COLUMNS = """
            a.id, a.customer_id, a.first_name, a.last_name, a.company, a.address1, a.address2, a.city, a.province_code,
            a.province, a.country_code, a.zip, a.phone, a.is_default, a.position""";
    private static final String ADDRESSES_OF = "SELECT " + ADDRESS_COLUMNS
            + " FROM customer_addresses a WHERE a.customer_id = ANY(?) ORDER BY a.customer_id, a.position";
    /** The columns of {@link #customer}, in its order. */
    private static final String CUSTOMER_COLUMNS = """
            SELECT c.id, c.created_at, c.updated_at, c.version, c.store_id, c.first_name, c.last_name, c.email, c.phone,
                   c.phone_e164, c.tags, c.note""";
    /** One row per address (one row with null address columns when there is none), in position order. */
    private static final String READ_WITH_ADDRESSES = CUSTOMER_COLUMNS + ", " + ADDRESS_COLUMNS + """

            FROM customers c LEFT JOIN customer_addresses a ON a.customer_id = c.id
            WHERE c.id = ? AND c.store_id = ? ORDER BY a.position""";
    private static final String WITH_EMAIL = "SELECT id FROM customers WHERE store_id = :s AND email_normalized = lower(trim(:e))";

    /** The customer of this store (another store's customer is absent). */
    public Optional<Customer> inStore(UUID storeId, UUID customerId) {
        Customer c = findById(customerId);
        return c != null && c.storeId.equals(storeId) ? Optional.of(c) : Optional.empty();
    }

    /** {@code FOR UPDATE} on the customer row: contact changes and migrations serialise with order writes. */
    public Optional<Customer> lockForUpdate(UUID storeId, UUID customerId) {
        @SuppressWarnings("unchecked")
        List<Customer> found = getEntityManager().createNativeQuery(LOCK_FOR_UPDATE, Customer.class)
                .setParameter("c", customerId).setParameter("s", storeId).getResultList();
        return found.stream().findFirst();
    }

    /** {@code FOR SHARE} on the customer row (order writes); false when it is not this store's customer. */
    public boolean lockForShare(UUID storeId, UUID customerId) {
        return !getEntityManager().createNativeQuery(LOCK_FOR_SHARE)
                .setParameter("c", customerId).setParameter("s", storeId).getResultList().isEmpty();
    }

    /** A keyset page by id; {@code pattern} (nullable) is a LIKE pattern on the trigram-indexed search_text. Values to
     *  read (not managed), by plain JDBC. */
    public List<Customer> search(UUID storeId, String pattern, UUID after, int limit) {
        return KeysetQuery.of(CUSTOMER_COLUMNS + " FROM customers c WHERE c.store_id = :store").with("store", storeId)
                .andIf(pattern, "c.search_text LIKE :pattern", "pattern")
                .andIf(after, "c.id > :after", "after")
                .list(jdbc, "c.id", limit, CustomerRepository::customer);
    }

    /** A customer of the store with its addresses, as values to read (GET), in one statement; empty when absent. */
    public Optional<CustomerRead> read(UUID storeId, UUID customerId) {
        List<CustomerRead> rows = jdbc.list(READ_WITH_ADDRESSES, ps -> {
            ps.setObject(1, customerId);
            ps.setObject(2, storeId);
        }, rs -> new CustomerRead(customer(rs), rs.getObject(13) == null ? List.of() : List.of(address(rs, 12))));
        if (rows.isEmpty()) return Optional.empty();
        List<CustomerAddress> addresses = rows.stream().flatMap(r -> r.addresses().stream()).toList();
        return Optional.of(new CustomerRead(rows.get(0).customer(), addresses));
    }

    public record CustomerRead(Customer customer, List<CustomerAddress> addresses) {}

    private static Customer customer(ResultSet rs) throws SQLException {
        Customer c = new Customer();
        c.id = rs.getObject(1, UUID.class);
        c.createdAt = rs.getTimestamp(2).toInstant();
        c.updatedAt = rs.getTimestamp(3).toInstant();
        c.version = rs.getLong(4);
        c.storeId = rs.getObject(5, UUID.class);
        c.firstName = rs.getString(6);
        c.lastName = rs.getString(7);
        c.email = rs.getString(8);
        c.phone = rs.getString(9);
        c.phoneE164 = rs.getString(10);
        List<String> tags = JdbcReads.strings(rs, 11);
        c.tags = tags == null ? new String[0] : tags.toArray(String[]::new);
        c.note = rs.getString(12);
        return c;
    }

    /** The store's customer with this e-mail (compared normalised), if any. */
    public Optional<UUID> withEmail(UUID storeId, String email) {
        return getEntityManager().createNativeQuery(WITH_EMAIL).setParameter("s", storeId).setParameter("e", email)
                .getResultList().stream().map(UUID.class::cast).findFirst();
    }

    public Map<UUID, Customer> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) return Map.of();
        return list("id in ?1", ids).stream().collect(Collectors.toMap(c -> c.id, c -> c));
    }

    /** The addresses of the customers, by customer in position order: values to read, not managed entities. */
    public Map<UUID, List<CustomerAddress>> addressesOf(Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) return Map.of();
        UUID[] ids = customerIds.toArray(UUID[]::new);
        List<CustomerAddress> rows = jdbc.list(ADDRESSES_OF,
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids)), rs -> address(rs, 0));
        return rows.stream().collect(Collectors.groupingBy(a -> a.customerId, LinkedHashMap::new, Collectors.toList()));
    }

    /** The address in columns {@code offset + 1} to {@code offset + 15}, in {@link #ADDRESS_COLUMNS}' order. */
    private static CustomerAddress address(ResultSet rs, int offset) throws SQLException {
        CustomerAddress a = new CustomerAddress();
        a.id = rs.getObject(offset + 1, UUID.class);
        a.customerId = rs.getObject(offset + 2, UUID.class);
        a.firstName = rs.getString(offset + 3);
        a.lastName = rs.getString(offset + 4);
        a.company = rs.getString(offset + 5);
        a.address1 = rs.getString(offset + 6);
        a.address2 = rs.getString(offset + 7);
        a.city = rs.getString(offset + 8);
        a.provinceCode = rs.getString(offset + 9);
        a.province = rs.getString(offset + 10);
        a.countryCode = rs.getString(offset + 11);
        a.zip = rs.getString(offset + 12);
        a.phone = rs.getString(offset + 13);
        a.isDefault = rs.getBoolean(offset + 14);
        a.position = rs.getInt(offset + 15);
        return a;
    }

    public void addAddresses(UUID customerId, List<CustomerAddress> addresses) {
        for (CustomerAddress a : addresses) {
            a.customerId = customerId;
            a.persist();
        }
    }

    /** Deletes first (immediately): the one-default unique index must never see two defaults. */
    public void replaceAddresses(UUID customerId, List<CustomerAddress> addresses) {
        CustomerAddress.delete("customerId", customerId);
        addAddresses(customerId, addresses);
    }
}
