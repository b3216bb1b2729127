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
    private static final String ADDRESSES_OF = """
            SELECT id, customer_id, first_name, last_name, company, address1, address2, city, province_code, province,
                   country_code, zip, phone, is_default, position
            FROM customer_addresses WHERE customer_id = ANY(?) ORDER BY customer_id, position""";
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

    /** A keyset page by id; {@code pattern} (nullable) is a LIKE pattern on the trigram-indexed search_text. */
    public List<Customer> search(UUID storeId, String pattern, UUID after, int limit) {
        return KeysetQuery.of("SELECT c.* FROM customers c WHERE c.store_id = :store").with("store", storeId)
                .andIf(pattern, "c.search_text LIKE :pattern", "pattern")
                .andIf(after, "c.id > :after", "after")
                .listNative(getEntityManager(), Customer.class, "c.id", limit);
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

    /** The addresses of the customers, each list in position order. */
    /** The addresses of the customers, by customer in position order: values to read, not managed entities. */
    public Map<UUID, List<CustomerAddress>> addressesOf(Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) return Map.of();
        UUID[] ids = customerIds.toArray(UUID[]::new);
        List<CustomerAddress> rows = jdbc.list(ADDRESSES_OF,
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids)), CustomerRepository::address);
        return rows.stream().collect(Collectors.groupingBy(a -> a.customerId, LinkedHashMap::new, Collectors.toList()));
    }

    private static CustomerAddress address(ResultSet rs) throws SQLException {
        CustomerAddress a = new CustomerAddress();
        a.id = rs.getObject(1, UUID.class);
        a.customerId = rs.getObject(2, UUID.class);
        a.firstName = rs.getString(3);
        a.lastName = rs.getString(4);
        a.company = rs.getString(5);
        a.address1 = rs.getString(6);
        a.address2 = rs.getString(7);
        a.city = rs.getString(8);
        a.provinceCode = rs.getString(9);
        a.province = rs.getString(10);
        a.countryCode = rs.getString(11);
        a.zip = rs.getString(12);
        a.phone = rs.getString(13);
        a.isDefault = rs.getBoolean(14);
        a.position = rs.getInt(15);
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
