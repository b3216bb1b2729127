package io.merchantdesk.sync.erp;

import io.merchantdesk.kernel.persistence.KeysetQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.merchantdesk.sync.engine.Model.Template;

/** The queries of the built-in ERP register's API (erp_companies, erp_customers, erp_customer_templates). */
@ApplicationScoped
public class ErpRegisterRepository {
    @Inject
    EntityManager em;

    /** Up to {@code limit} companies of the owner after the given id (null: from the start). */
    public List<ErpCompany> companies(UUID ownerId, UUID after, int limit) {
        return KeysetQuery.of("FROM ErpCompany c WHERE c.ownerId = :me").with("me", ownerId)
                .andIf(after, "c.id > :after", "after").list(em, ErpCompany.class, "c.id", limit);
    }

    /** Up to {@code limit} customer cards of the company after the given number. */
    public List<ErpCustomer> customers(UUID companyId, String after, int limit) {
        return KeysetQuery.of("FROM ErpCustomer c WHERE c.erpCompanyId = :co").with("co", companyId)
                .andIf(after, "c.customerNo > :after", "after").list(em, ErpCustomer.class, "c.customerNo", limit);
    }

    /** A page of a card's ship-to addresses (SYNC-24) after {@code afterCode}, in code order. */
    @SuppressWarnings("unchecked")
    public List<ErpDtos.ShipToAddressView> shipTos(UUID companyId, String customerNo, String afterCode, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT code, name, address, address2, city, post_code, county, country_code FROM erp_ship_to_addresses
                WHERE erp_company_id = :co AND customer_no = :no AND (cast(:after AS text) IS NULL OR code > cast(:after AS text))
                ORDER BY code LIMIT :limit""").setParameter("co", companyId).setParameter("no", customerNo).setParameter("after", afterCode)
                .setParameter("limit", limit).getResultList();
        return rows.stream().map(r -> new ErpDtos.ShipToAddressView((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], (String) r[7])).toList();
    }

    /** The customer card with this number, or null. */
    public ErpCustomer customer(UUID companyId, String no) {
        return em.createQuery("FROM ErpCustomer c WHERE c.erpCompanyId = :co AND c.customerNo = :no", ErpCustomer.class)
                .setParameter("co", companyId).setParameter("no", no).getResultStream().findFirst().orElse(null);
    }

    /** The template with this code, or null. */
    public ErpCustomerTemplate template(UUID companyId, String code) {
        return em.createQuery("FROM ErpCustomerTemplate t WHERE t.erpCompanyId = :co AND t.code = :code", ErpCustomerTemplate.class)
                .setParameter("co", companyId).setParameter("code", code).getResultStream().findFirst().orElse(null);
    }

    /** Up to {@code limit} templates of the company after the given code. */
    public List<ErpCustomerTemplate> templates(UUID companyId, String after, int limit) {
        return KeysetQuery.of("FROM ErpCustomerTemplate t WHERE t.erpCompanyId = :co").with("co", companyId)
                .andIf(after, "t.code > :after", "after").list(em, ErpCustomerTemplate.class, "t.code", limit);
    }

    /** What a remote adapter's session needs of the company's row (the secret still sealed). */
    public record RemoteConnection(ErpKind kind, String endpoint, String database, String login, byte[] secretCiphertext,
                                   String tenantId, String environment, UUID remoteCompanyId, String authority) {
    }

    /** The connection columns of an ERP company; null when it does not exist. */
    public static RemoteConnection remoteConnection(Connection c, UUID companyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT kind, endpoint, database_name, login, password_ciphertext, tenant_id, environment, remote_company_id, authority
                FROM erp_companies WHERE id = ?""")) {
            ps.setObject(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                return new RemoteConnection(ErpKind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBytes(5), rs.getString(6), rs.getString(7), rs.getObject(8, UUID.class), rs.getString(9));
            }
        }
    }

    /** The company's customer templates by code, with what each misses (SYNC-7); kept by merchantdesk for every kind. */
    public static Map<String, Template> templates(Connection c, UUID companyId) throws SQLException {
        Map<String, Template> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT code, gen_bus_posting_group, customer_posting_group, vat_bus_posting_group, tax_area_code,
                       payment_terms_code, prices_including_vat FROM erp_customer_templates WHERE erp_company_id = ?""")) {
            ps.setObject(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Template(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getBoolean(7),
                            ErpCustomerTemplate.missingFields(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))));
                }
            }
        }
        return out;
    }

    /**
     * Key rotation: replaces a password ciphertext sealed by an old key with one sealed by the primary, only if the
     * row still holds the ciphertext that was opened (a concurrent change wins). True when replaced.
     */
    public boolean reseal(UUID companyId, byte[] opened, byte[] resealed, long keyId) {
        return em.createNativeQuery("""
                        UPDATE erp_companies SET password_ciphertext = :resealed, credentials_key_id = :key
                        WHERE id = :id AND password_ciphertext = :opened""")
                .setParameter("resealed", resealed).setParameter("key", keyId).setParameter("id", companyId)
                .setParameter("opened", opened).executeUpdate() == 1;
    }
}
